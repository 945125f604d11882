"""Where the bundled curated data lives, in a source checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_root() -> Path:
    """The folder holding `data/`, `seeds/` and `datapackage.json`.

    A wheel carries them inside the package (`kaztimeline/_data/`); a checkout or an editable install
    reads the one copy at the top of the repository.
    """
    inside = _PACKAGE / "_data"
    if (inside / "data" / "events.csv").is_file():
        return inside
    return _PACKAGE.parent


def bundled_events() -> Path:
    return bundled_root() / "data" / "events.csv"


def bundled_seeds() -> Path:
    return bundled_root() / "seeds"
