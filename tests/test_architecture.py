"""The layering the code promises: a pure core, rendering in render/, Typer only in cli/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kaztimeline"
MODULES = sorted(PACKAGE.rglob("*.py"))


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level and node.module:
            names.add("." + node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers(path):
    part = path.relative_to(PACKAGE).parts
    names = imported(path)
    if part[0] != "cli":
        assert "typer" not in names and ".cli" not in names, "only the CLI imports typer"
    if part[0] not in ("render",):
        assert "rich" not in names, "only render/ imports rich"


def test_core_modules_stay_small():
    for path in MODULES:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path
