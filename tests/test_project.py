"""The README's Quickstart is what CI runs, word for word."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def quickstart_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S)]


def test_quickstart_has_exactly_two_commands():
    commands = quickstart_commands()
    assert len(commands) == 2
    assert commands[0].endswith("kaztimeline list --actor Russia")
    assert "[test]" not in commands[0], "the first command installs only what kaztimeline needs to run"
    assert "pytest" in commands[1]


def test_ci_runs_the_second_command_word_for_word():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart_commands()[1] in ci.splitlines()


def test_ci_draws_the_same_property_examples_on_every_run():
    from hypothesis import settings

    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "export HYPOTHESIS_PROFILE=ci" in ci.splitlines()
    profile = settings.get_profile("ci")
    assert profile.derandomize and profile.database is None and profile.print_blob
    assert not settings.get_profile("dev").derandomize  # local runs keep exploring
