"""The command line: parse options, call the core, hand results to a renderer, map errors to exit codes.

Nothing in the core imports this package. Each command module registers its commands on `app`.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

from ..errors import ExitStatus

# `--help` lists commands in the order they register: reading first, curation last.
# isort: off
from . import listing  # noqa: F401  (registers list, show, actors, themes, sources, storylines, places)
from . import views  # noqa: F401  (registers timeline, stats)
from . import export  # noqa: F401  (registers export)
from . import coverage  # noqa: F401  (registers coverage, register)
from . import curation  # noqa: F401  (registers validate, add)
# isort: on
from .common import app, cannot_write, silence_stdout

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point.

    The cyclic garbage collector stays off for this short-lived process: the imports create tens of thousands
    of objects that are never garbage (twice as many with pandas, which only `stats` loads), and collections
    over them cost time at start-up for nothing. Reference counting still frees everything the commands
    drop; the rare cycle lives until exit. When the command is done, the process ends at once (`_end`).
    """
    gc.disable()
    # Arrow's allocator (mimalloc) hands freed pages back to the kernel 10 ms after a free, so each batch
    # of a large read or write faults in fresh memory: keep them for reuse until exit, on huge pages where
    # the kernel allows. A user's own settings win. Set before pyarrow loads, which commands do lazily.
    os.environ.setdefault("MIMALLOC_PURGE_DELAY", "-1")
    os.environ.setdefault("MIMALLOC_ALLOW_LARGE_OS_PAGES", "1")
    # numpy's OpenBLAS starts a thread per core at import, which spins on the CPU (and again after
    # each use) that the reader and the byte scan need; kaztimeline does no linear algebra.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        app()
        status: str | int | None = 0
    except SystemExit as done:  # how Typer always ends
        status = done.code
    except BrokenPipeError:  # Typer's own output (help, version) to a reader that went away
        silence_stdout()
        status = ExitStatus.SUCCESS
    except OSError as exc:  # ...or to a full disk; commands report their own write errors
        silence_stdout()
        sys.stderr.write(cannot_write(exc) + "\n")
        status = ExitStatus.DATA_ERROR
    _end(status)


def _end(status) -> NoReturn:
    """Flush the output and exit without tearing the interpreter down.

    Finalising the interpreter frees every pandas and pyarrow object one by one after a large command,
    for nothing, since the process is ending. Commands finish their own files (atomic writes
    are renamed in place before they return) and leave no threads, so only the standard streams need
    flushing, and a failure there is reported as the commands report it. `os._exit` also skips `atexit`
    handlers: kaztimeline registers none, and the one its dependencies register (pyarrow's S3 finaliser)
    has nothing to do, since no command touches S3.
    """
    if status is None:
        status = ExitStatus.SUCCESS
    elif not isinstance(status, int):  # SystemExit("message"), as Python prints it
        sys.stderr.write(f"{status}\n")
        status = ExitStatus.DATA_ERROR
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader went away (`| head`): not an error, as everywhere else
    except (OSError, ValueError, AttributeError) as exc:
        sys.stderr.write(cannot_write(exc) + "\n")
        status = status or ExitStatus.DATA_ERROR
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(int(status))
