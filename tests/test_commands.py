"""show, actors, themes, sources, and the help every command carries."""

from __future__ import annotations

import json

import pytest
import typer.main
from conftest import read_csv_text

from kaztimeline.cli import app

SENATE = "2025-06-05-senate-passes-territorial-defence-law"


def test_show_prints_every_field_the_quote_and_the_source(invoke):
    result = invoke("show", SENATE)
    assert result.exit_code == 0
    record = read_csv_text(invoke("list", "-f", "csv", "-q", "Sénat validé loi").stdout)[0]
    for column, value in record.items():
        if value and column != "quote":
            assert f"{column}: {value}" in result.stdout
    assert "Le 5 juin 2025, le Sénat du Kazakhstan a validé" in result.stdout
    assert "source_author: Rodion Zolkin" in result.stdout and "source_kind: news" in result.stdout


def test_show_on_a_terminal_uses_rich(invoke, monkeypatch):
    monkeypatch.setattr("kaztimeline.cli.listing.stdout_is_terminal", lambda: True)
    result = invoke("show", SENATE)
    assert "quote" in result.stdout and "Rodion Zolkin" in result.stdout and "5 Jun 2025" in result.stdout


def test_show_json(invoke):
    payload = json.loads(invoke("show", SENATE, "--format", "json").stdout)
    assert payload["id"] == SENATE and "Senate of Kazakhstan" in payload["actors"]
    assert payload["source_details"]["author"] == "Rodion Zolkin"


def test_show_unknown_id_suggests(invoke):
    result = invoke("show", "2025-06-05-senate-passes-territorial-defense-law")
    assert result.exit_code == 2 and SENATE in result.stderr


def test_actors_counts_agree_with_list(invoke):
    actors = read_csv_text(invoke("actors", "-f", "csv").stdout)
    by_name = {a["name"]: a for a in actors}
    assert by_name["Vladimir Putin"]["member_of"] == "Russia"
    assert "Tokaïev" in by_name["Kassym-Jomart Tokayev"]["aliases"].split(";")
    for name in ("Russia", "CSTO", "Kassym-Jomart Tokayev", "European Union"):
        listed = invoke("list", "-a", name).stdout.splitlines()
        assert int(by_name[name]["events"]) == len(listed), name


def test_themes_and_sources_counts(invoke):
    # A source counts every event it tells, first or in a further citation: as `list --source` finds them.
    told = sum(len(event["sources"]) for event in json.loads(invoke("list", "-f", "json").stdout))
    sources = read_csv_text(invoke("sources", "-f", "csv").stdout)
    assert len(sources) == 5 and sum(int(s["events"]) for s in sources) == told
    for source in sources:
        assert int(source["events"]) == len(invoke("list", "--source", source["source"]).stdout.splitlines())
    assert {s["kind"] for s in sources} <= {"news", "analysis", "opinion", "parliamentary-report", "overview"}
    themes = read_csv_text(invoke("themes", "-f", "csv").stdout)
    assert 8 <= len(themes) <= 15
    for theme in themes[:3]:
        assert int(theme["events"]) == len(invoke("list", "-t", theme["id"]).stdout.splitlines())


def test_vocabulary_commands_take_filters(invoke):
    in_2022 = read_csv_text(invoke("sources", "-f", "csv", "-p", "2022").stdout)
    told = sum(len(event["sources"]) for event in json.loads(invoke("list", "-p", "2022", "-f", "json").stdout))
    assert sum(int(s["events"]) for s in in_2022) == told


def test_vocabulary_table_on_terminal_format(invoke):
    result = invoke("actors", "-f", "table")
    assert result.exit_code == 0 and "Kassym-Jomart Tokayev" in result.stdout


def _commands():
    group = typer.main.get_command(app)
    return sorted(group.commands.items())


@pytest.mark.parametrize(("name", "command"), _commands())
def test_every_command_is_documented_with_an_example(invoke, name, command):
    assert command.help and "Example: kaztimeline" in command.help, name
    result = invoke(name, "--help")
    assert result.exit_code == 0 and "Example:" in result.stdout


def test_version(invoke):
    from kaztimeline import __version__

    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"kaztimeline {__version__}\n"


def test_actor_counts_follow_alias_spellings_in_the_file(invoke, events_file):
    """A file that spells Tokayev by an alias: `actors` counts what `list --actor` finds."""
    from conftest import make_event

    path = str(events_file([make_event(id="a", actors="Tokaïev"), make_event(id="b", actors="Kazakhstan")]))
    actors = {r["name"]: r["events"] for r in read_csv_text(invoke("actors", "--data", path, "-f", "csv").stdout)}
    assert actors["Kassym-Jomart Tokayev"] == "1" == str(len(invoke("list", "--data", path, "-a", "Tokayev")
                                                            .stdout.splitlines()))
