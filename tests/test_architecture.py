"""The layering the code promises, read from every module's imports.

Folders are layers and imports point one way, down:
    cli -> {curation, coverage, render} -> query -> files -> schema -> values -> {errors, resources}
A module may import its own folder and any lower layer, never a higher one. Only cli/ imports Typer and
only render/ imports Rich.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kaztimeline"
MODULES = sorted(PACKAGE.rglob("*.py"))
# Top level: 0.
RANK = {"cli": 6, "curation": 5, "coverage": 5, "render": 5, "query": 4, "files": 3, "schema": 2, "values": 1}


def layer(parts: tuple[str, ...]) -> str:
    """The layer a module (path parts under the package) belongs to: its folder, or "" at the top."""
    return parts[0] if len(parts) > 1 and parts[0] in RANK else ""


def imports(source: str, here: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """(third-party top-level names, layers of the package) that a module at `here` imports."""
    outside: set[str] = set()
    inside: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top, _, rest = alias.name.partition(".")
                (inside.add(layer(tuple(rest.split(".")))) if top == "kaztimeline" else outside.add(top))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            top, _, rest = node.module.partition(".")
            if top == "kaztimeline":
                inside.update(layer((*rest.split("."), alias.name)) for alias in node.names)
            else:
                outside.add(top)
        elif isinstance(node, ast.ImportFrom):
            package = here[: len(here) - node.level]  # __init__ counts as a module of its folder
            target = (*package, *(node.module.split(".") if node.module else ()))
            inside.update(layer((*target, alias.name)) for alias in node.names)
    return outside, inside


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers(path):
    own = layer(path.relative_to(PACKAGE).parts)
    outside, inside = imports(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).with_suffix("").parts)
    if own != "cli":
        assert "typer" not in outside and "click" not in outside, "only the CLI imports typer"
    if own != "render":
        assert "rich" not in outside, "only render/ imports rich"
    rank = 7 if path.name == "__main__.py" else RANK.get(own, 0)  # `python -m kaztimeline` runs the CLI
    upward = {other for other in inside if other != own and RANK.get(other, 0) >= rank}
    assert not upward, f"{own or 'top level'} must not import {sorted(upward)}"


def test_the_check_sees_each_kind_of_import():
    source = "\n".join(
        [
            "import rich",
            "from ..files.load import load_events",
            "from kaztimeline.query import filters",
            "from . import text",
        ]
    )
    outside, inside = imports(source, ("values", "dates"))
    assert outside == {"rich"} and inside == {"files", "query", "values"}


def test_core_modules_stay_small():
    for path in MODULES:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path
