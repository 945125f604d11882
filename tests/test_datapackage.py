"""The data package passes the standard third-party validator (Frictionless), and that validator can fail.

It runs the real `frictionless validate datapackage.json`, as a data user would, on the bundled data and on
a copy with one broken cell.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kaztimeline.resources import bundled_root
from kaztimeline.schema.descriptor import resource_fields

FRICTIONLESS = Path(sys.executable).parent / "frictionless"
pytestmark = pytest.mark.skipif(not FRICTIONLESS.exists(),
                                reason="frictionless is not installed (pip install -e '.[test]')")


def frictionless(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=folder,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def package_copy(tmp_path) -> Path:
    shutil.copy(bundled_root() / "datapackage.json", tmp_path / "datapackage.json")
    shutil.copytree(bundled_root() / "data", tmp_path / "data")
    return tmp_path


def test_bundled_data_package_is_valid():
    result = frictionless(bundled_root())
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert json.loads(result.stdout)["valid"] is True


@pytest.mark.parametrize("old, new", [
    (",2025-06-05,", ",2025-13-05,"),  # a month that does not exist
    (",reported,", ",rumour,"),  # a claim type outside the enumeration
])
def test_broken_copy_fails(package_copy, old, new):
    events = package_copy / "data" / "events.csv"
    text = events.read_text(encoding="utf-8")
    assert old in text
    events.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = frictionless(package_copy)
    assert result.returncode != 0
    assert json.loads(result.stdout)["valid"] is False


def test_descriptor_columns_are_the_columns_kaztimeline_reads():
    from kaztimeline.schema import model

    assert tuple(f.name for f in resource_fields("events")) == model.EVENT_COLUMNS
    assert tuple(f.name for f in resource_fields("actors")) == model.ACTOR_COLUMNS
    assert tuple(f.name for f in resource_fields("themes")) == model.THEME_COLUMNS
    assert tuple(f.name for f in resource_fields("sources")) == model.SOURCE_COLUMNS


@pytest.mark.parametrize("table, old, new", [
    ("citations.csv", "\n1991-kazakhstan-independence,", "\n1991-no-such-event,"),  # a citation of no event
    ("citations.csv", ",supports,", ",contradicts,"),  # a relation outside the enumeration
    ("storyline_events.csv", "\nbaikonur,", "\nno-such-storyline,"),  # an event in no known storyline
    ("storyline_events.csv", ",1955-baikonur-cosmodrome-inaugurated,", ",1955-no-such-event,"),
])
def test_broken_evidence_table_fails(package_copy, table, old, new):
    path = package_copy / "data" / table
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = frictionless(package_copy)
    assert result.returncode != 0
    assert json.loads(result.stdout)["valid"] is False
