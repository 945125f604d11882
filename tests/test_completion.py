"""Tab completion of option values, through the real protocol the shells speak: the installed program run
with `_KAZTIMELINE_COMPLETE` (and COMP_WORDS/COMP_CWORD for bash, _TYPER_COMPLETE_ARGS for zsh and fish)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = Path(sys.executable).with_name("kaztimeline")
HEAVY = ("pandas", "pyarrow", "numpy", "rich")


@pytest.fixture(autouse=True)
def _needs_script():
    if not SCRIPT.is_file():
        pytest.skip("the kaztimeline console script is not installed next to this Python")


def complete(shell: str, line: str, env: dict[str, str] | None = None, importtime: bool = False):
    """What the shell would receive for the command line `line` (ending in a space: a new word)."""
    run_env = {k: v for k, v in os.environ.items() if k != "KAZTIMELINE_DATA"}
    run_env.update(env or {})
    run_env["_KAZTIMELINE_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        words = line.split(" ")
        run_env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        run_env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            run_env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    args = [sys.executable, *(["-X", "importtime"] if importtime else []), str(SCRIPT)]
    return subprocess.run(args, capture_output=True, text=True, env=run_env, timeout=60)


def bash(line: str, **kwargs) -> list[str]:
    done = complete("bash", line, **kwargs)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_theme_ids_after_theme():
    assert bash("kaztimeline list --theme ukr") == ["ukraine-war"]
    assert bash("kaztimeline list -t war") == ["war\\ in\\ Ukraine"]  # its label, which --theme takes
    assert bash("kaztimeline list -t UKR") == ["UKRaine-war"]  # as typed so far: --theme takes any case
    assert set(bash("kaztimeline list -t def")) == {"defence-reform", "defence-industry"}
    themes = (ROOT / "data" / "themes.csv").read_text(encoding="utf-8").strip().splitlines()[1:]
    assert len(bash("kaztimeline list --theme ")) == len(themes)


def test_actor_names_and_aliases_accent_blind():
    assert bash("kaztimeline list --actor Rus")[:1] == ["Russia"]
    assert "Russie" in bash("kaztimeline list --actor Rus")
    assert "Tokaïev" in bash("kaztimeline list -a Tokaï")
    assert "tokaiev" in bash("kaztimeline list -a tokai")  # accent-blind, offered as --actor reads it
    assert "russia" in bash("kaztimeline list -a rus")
    assert "United\\ States" in bash("kaztimeline list -a Unit")  # bash inserts it as one word


def test_sources_by_short_name_and_author():
    assert bash("kaztimeline list --source Zol") == ["Zolkin\\ 2025"]
    assert bash("kaztimeline list --source Sen") == ["Senate\\ report"]
    assert bash("kaztimeline list --source 003") == ["003_d30f7943c14984aa.txt"]


def test_event_ids_after_show():
    found = bash("kaztimeline show 2022-01-k")
    assert found == ["2022-01-kandy-kantar-unrest"]


def test_stats_keys_and_column_names_complete_the_last_item():
    assert bash("kaztimeline stats --by cl") == ["claim-type"]
    assert bash("kaztimeline stats --by year,th") == ["year,theme"]
    assert bash("kaztimeline list --columns id,da") == ["id,date", "id,date_qualifier", "id,date_basis"]
    assert bash("kaztimeline list --columns id,ti") == ["id,title"]
    assert bash("kaztimeline list --columns id,wh") == ["id,when"]  # a derived column, offered like the rest
    assert "export" in " ".join(bash("kaztimeline ex"))
    assert bash("kaztimeline export -c ti") == ["title"]


def test_data_chooses_the_vocabulary(tmp_path):
    (tmp_path / "themes.csv").write_text("id,label,description\nmy-theme,Mine,Only here\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text("id,date\nmy-event,2025\n", encoding="utf-8")
    assert bash(f"kaztimeline list --data {events} --theme ") == ["my-theme"]
    assert bash(f"kaztimeline show --data {events} my") == ["my-event"]
    assert bash("kaztimeline list --theme my", env={"KAZTIMELINE_DATA": str(events)}) == ["my-theme"]


def test_zsh_gets_values_with_their_help():
    done = complete("zsh", "kaztimeline list --theme ukr")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "_arguments '*: :((\"ukraine-war\":\"War in Ukraine\"))'"
    done = complete("zsh", "kaztimeline list --source Zol")
    assert '"Zolkin 2025":"Le Kazakhstan muscle' in done.stdout


def test_fish_gets_values_and_help_separated_by_a_tab():
    done = complete("fish", "kaztimeline list --actor Russi")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Russia\tstate" in lines and "Russie\t= Russia" in lines


def test_completion_stays_off_the_data_stack():
    done = complete("bash", "kaztimeline list --theme ukr", importtime=True)
    assert done.stdout.split() == ["ukraine-war"]
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:") and "|" in line}
    assert "kaztimeline.cli.completion" in modules
    assert sorted(m for m in modules if m.split(".")[0] in HEAVY) == []


def test_storyline_ids_for_an_option_that_takes_one():
    from kaztimeline.cli import completion

    class Context:
        params: dict[str, str] = {}

    assert completion.storylines(Context(), "jan") == [("january-2022-crisis", "The January 2022 crisis")]
