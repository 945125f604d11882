"""The command line: parse options, call the core, hand results to a renderer, map errors to exit codes.

Nothing in the core imports this package. Each command module registers its commands on `app`.
"""

from __future__ import annotations

import gc
import os

from . import (
    curation,  # noqa: F401  (registers validate, add)
    export,  # noqa: F401  (registers export)
    listing,  # noqa: F401  (registers list, show, actors, themes, sources)
    views,  # noqa: F401  (registers timeline, stats)
)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point.

    The cyclic garbage collector stays off for this short-lived process: importing pandas and pyarrow creates
    about a million objects that are never garbage, and collections over them cost ~50 ms during start-up
    and ~70 ms more when the interpreter collects once again at exit, more than `list` spends on the
    bundled data. Reference counting still frees everything the commands drop; the rare cycle lives until
    exit. Freezing before exit makes the interpreter's last collection skip what is still alive.
    """
    gc.disable()
    # Arrow's allocator (mimalloc) hands freed pages back to the kernel 10 ms after a free, so each batch
    # of a large read or write faults in fresh memory: keep them for reuse until exit, on huge pages where
    # the kernel allows. A user's own settings win. Set before pyarrow loads, which commands do lazily.
    os.environ.setdefault("MIMALLOC_PURGE_DELAY", "-1")
    os.environ.setdefault("MIMALLOC_ALLOW_LARGE_OS_PAGES", "1")
    try:
        app()
    finally:
        gc.freeze()
