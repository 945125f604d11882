"""`kaztimeline timeline`: year headers, dates at their precision, theme markers in their colour on a
terminal, and plain text (themes named, no escape codes) in a pipe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import make_event, read_csv_text

from kaztimeline.render.palette import theme_colours

ROWS = [
    make_event(id="2024-12-a", date="2024-12", title="December event", actors="Kazakhstan;Russia",
               themes="diplomacy;ukraine-war"),
    make_event(id="2025-b", date="2025", date_qualifier="early", title="Hedged event", themes="nuclear-space"),
    make_event(id="2025-04-07-c", date="2025-04-07", end_date="2025-04-11", title="Span event", actors="China"),
]


def test_plain_text_in_a_pipe(invoke, events_file):
    result = invoke("timeline", "--data", str(events_file(ROWS)))
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines == [
        "2024",
        "  Dec 2024       December event — Kazakhstan, Russia [diplomacy, ukraine-war]",
        "",
        "2025",
        "  early 2025     Hedged event — Kazakhstan [nuclear-space]",
        "  7-11 Apr 2025  Span event — China [diplomacy]",
    ]


@pytest.fixture
def terminal(monkeypatch):
    """Pretend stdout is a colour terminal (Rich follows FORCE_COLOR)."""
    from kaztimeline.cli import views

    monkeypatch.setattr(views, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLORTERM", "truecolor")
    # Rich keeps each parsed style (Style.parse is cached) with the escape codes of the first colour system
    # it was rendered for; a test that rendered the same colour for a 16-colour terminal would leak here.
    from rich.style import Style

    Style.parse.cache_clear()


def _rgb(hex_colour: str) -> str:
    return ";".join(str(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))


def _marker(hex_colour: str) -> str:
    """The marker as Rich draws it in that colour on a true-colour terminal: Rich keeps the escape codes of a
    parsed style from the first terminal it was drawn for, so the reference is drawn the same way."""
    import io

    from rich.console import Console
    from rich.text import Text

    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(Text("●", style=hex_colour), end="")
    return console.file.getvalue().removesuffix("\x1b[0m")


def test_terminal_markers_in_theme_colours(invoke, events_file, terminal):
    result = invoke("timeline", "--data", str(events_file(ROWS)))
    assert result.exit_code == 0
    out = result.stdout
    from kaztimeline.files.vocabularies import load_vocabularies

    colours = theme_colours(list(load_vocabularies().themes))
    for theme in ("diplomacy", "ukraine-war", "nuclear-space"):
        assert _marker(colours[theme]) in out, theme
    assert len({_marker(colours[t]) for t in ("diplomacy", "ukraine-war", "nuclear-space")}) == 3
    assert out.count("●") == 4 + 3  # one per theme of each event, plus the legend of three themes
    assert "War in Ukraine" in out  # the legend names the themes
    plain = __import__("re").sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain.index("2024") < plain.index("December event") < plain.index("2025") < plain.index("Span event")
    assert "7-11 Apr 2025" in plain and "early 2025" in plain


@pytest.mark.parametrize("filters", [("--actor", "CSTO"), ("--theme", "nuclear-space"), ("--period", "2022Q1"),
                                     ("--since", "2026"), ("--until", "1960"), ("--search", "Kandy"),
                                     ("--source", "001_04dca4ea6ba9c658.txt"), ("--claim-type", "assessment")])
def test_every_filter_selects_what_list_selects(invoke, filters):
    listed = read_csv_text(invoke("list", *filters, "--format", "csv").stdout)
    lines = [line for line in invoke("timeline", *filters).stdout.splitlines() if line.startswith("  ")]
    assert len(lines) == len(listed) > 0
    # A window sets apart, after the rest, the events it only overlaps (test_within.py): same events, each once.
    assert sorted(next(i for i, row in enumerate(listed) if row["title"] in line) for line in lines) \
        == list(range(len(listed)))
    if not any(flag in filters for flag in ("--period", "--since", "--until")):
        assert all(row["title"] in line for row, line in zip(listed, lines))


def test_no_match_says_so(invoke):
    result = invoke("timeline", "--search", "no-such-word")
    assert result.exit_code == 0 and result.stdout == "" and "No events match." in result.stderr


def test_unknown_theme_is_a_usage_error(invoke):
    result = invoke("timeline", "--theme", "nope")
    assert result.exit_code == 2 and "unknown theme" in result.stderr


def test_piped_process_has_no_escape_codes():
    done = subprocess.run([sys.executable, "-m", "kaztimeline", "timeline", "--period", "2022"],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "KAZTIMELINE_DATA": "", "FORCE_COLOR": ""})
    assert done.returncode == 0 and done.stdout.startswith("2022\n") and "\x1b" not in done.stdout
