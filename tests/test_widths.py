"""Every terminal view at 60, 80, 120 and 200 columns: no line wider than the terminal, and no id, actor
name, theme id, source file name or date broken across lines (each appears whole on one line)."""

from __future__ import annotations

import pytest
from conftest import read_csv_text
from rich.cells import cell_len

from kaztimeline.schema.model import split_list
from kaztimeline.values.dates import record_date as event_date

WIDTHS = (60, 80, 120, 200)
FILTER = ("--since", "2021")


@pytest.fixture
def terminal(monkeypatch, runner):
    """Run a command as if standard output were a terminal `width` columns wide."""
    from kaztimeline.cli import app, common, listing, views

    for module in (common, listing, views):
        monkeypatch.setattr(module, "stdout_is_terminal", lambda: True)

    def run(width: int, *args: str) -> list[str]:
        result = runner.invoke(app, list(args), env={"COLUMNS": str(width)}, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return result.stdout.splitlines()

    return run


@pytest.fixture(scope="module")
def events() -> list[dict[str, str]]:
    from typer.testing import CliRunner

    from kaztimeline.cli import app

    return read_csv_text(CliRunner().invoke(app, ["list", "-f", "csv", *FILTER]).stdout)


def _whole(lines: list[str], words: set[str]) -> list[str]:
    """The words that do not appear whole on any one line."""
    return sorted(w for w in words if w and not any(w in line for line in lines))


def _assert_fits(lines: list[str], width: int) -> None:
    wide = [line for line in lines if cell_len(line) > width]
    assert not wide, f"{len(wide)} lines wider than {width}: {wide[0]!r}"


def _dates(events) -> set[str]:
    """Each date whole; in a narrow column its basis ("inferred", "publication date") may sit beneath it."""
    return {event_date({**e, "date_basis": ""}) for e in events} | {event_date(e).partition(", ")[2] for e in events}


def _names(events, column: str) -> set[str]:
    return {name for event in events for name in split_list(event[column])}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("columns", [None, "id,date,title", "date,title,actors", "id,actors,themes,location,source"])
def test_list_views(terminal, events, width, columns):
    lines = terminal(width, "list", *FILTER, *(("-c", columns) if columns else ()))
    _assert_fits(lines, width)
    shown = columns.split(",") if columns else ["id", "date", "actors", "themes"]
    if "id" in shown:
        assert _whole(lines, {e["id"] for e in events}) == []
    if "date" in shown:
        assert _whole(lines, _dates(events)) == []
    for column in ("actors", "themes", "location"):
        if column in shown:
            assert _whole(lines, _names(events, column)) == []
    if columns and "actors" in columns:
        assert not any(";" in line for line in lines)  # a list reads as a list, not as the raw cell


@pytest.mark.parametrize("width", WIDTHS)
def test_show(terminal, events, width):
    for event in events[:: max(1, len(events) // 6)]:
        lines = terminal(width, "show", event["id"])
        _assert_fits(lines, width)
        assert _whole(lines, {event["id"], event["source"], event_date(event), *split_list(event["actors"])}) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_vocabularies(terminal, width):
    from kaztimeline.files.vocabularies import load_vocabularies

    vocab = load_vocabularies(None)
    actors = terminal(width, "actors")
    _assert_fits(actors, width)
    names = {a.name for a in vocab.actors.values()} | {n for a in vocab.actors.values() for n in a.aliases}
    assert _whole(actors, names) == []
    themes = terminal(width, "themes")
    _assert_fits(themes, width)
    assert _whole(themes, set(vocab.themes)) == []
    sources = terminal(width, "sources")
    _assert_fits(sources, width)
    assert _whole(sources, set(vocab.sources) | {s.get("published", "") for s in vocab.sources.values()}) == []
    assert _whole(sources, {s.get("author", "") for s in vocab.sources.values()}) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_and_stats(terminal, events, width):
    lines = terminal(width, "timeline", *FILTER)
    _assert_fits(lines, width)
    assert _whole(lines, _names(events, "actors") | _dates(events)) == []
    for by in ("actor", "theme", "year,theme", "source"):
        lines = terminal(width, "stats", "--by", by, *FILTER)
        _assert_fits(lines, width)
    assert _whole(terminal(width, "stats", "--by", "actor", *FILTER), _names(events, "actors")) == []


def test_sources_is_short_at_80_columns(terminal):
    """It took 211 lines, words broken inside; each source is now a block of a few lines."""
    lines = terminal(80, "sources")
    assert len(lines) <= 60
