"""Write a file so that it is either wholly replaced or untouched: never half-written.

The new content goes to a temporary file in the target's own directory (so `os.replace` is a same-
filesystem rename, atomic on POSIX and Windows), is flushed and fsynced, then renamed over the target.
On any failure the temporary file is removed and the previous file is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import OutputError


@contextmanager
def atomic_text_writer(target: str | Path, newline: str | None = "") -> Iterator[TextIO]:
    """Yield a text stream; on clean exit it replaces `target`, on error nothing changes."""
    with _atomic_writer(target, {"mode": "w", "encoding": "utf-8", "newline": newline}) as stream:
        yield stream


@contextmanager
def atomic_bytes_writer(target: str | Path) -> Iterator[BinaryIO]:
    """`atomic_text_writer` for a binary file (an .xlsx workbook)."""
    with _atomic_writer(target, {"mode": "wb"}) as stream:
        yield stream


@contextmanager
def _atomic_writer(target: str | Path, how: dict) -> Iterator:
    target = Path(target)
    if target.exists() and not target.is_file():
        # /dev/stdout, /dev/null, a named pipe: there is nothing to replace, and renaming over a device
        # (as root) would swap it for a regular file. Write straight through.
        with _direct_writer(target, how) as stream:
            yield stream
        return
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {directory}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, **how) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}; the previous file is untouched") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def _direct_writer(target: Path, how: dict) -> Iterator:
    try:
        with open(target, **how) as stream:
            yield stream
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
