"""The command line: parse options, call the core, hand results to a renderer, map errors to exit codes.

Nothing in the core imports this package. Each command module registers its commands on `app`.
"""

from __future__ import annotations

from . import (
    curation,  # noqa: F401  (registers validate, add)
    export,  # noqa: F401  (registers export)
    listing,  # noqa: F401  (registers list, show, actors, themes, sources)
    views,  # noqa: F401  (registers timeline, stats)
)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
