"""Write a file so that it is either wholly replaced or untouched: never half-written.

The new content goes to a temporary file in the target's own directory (so `os.replace` is a same-
filesystem rename, atomic on POSIX and Windows), is flushed and fsynced, then renamed over the target.
On any failure the temporary file is removed and the previous file is left as it was.
"""

from __future__ import annotations

import os
import shutil
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


PACKAGE_MARK = "datapackage.json"  # a folder holding this may be replaced by a new data package


@contextmanager
def atomic_directory(target: str | Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside `target`; on clean exit it becomes `target`, on error nothing changes.

    `target` may be absent, an empty folder, or a data package written before (it holds `datapackage.json`);
    any other folder is refused, so a user's files are never swapped away. The old folder is moved aside,
    the new one renamed into place, then the old one removed: a reader sees the old package or the new one.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file; a data package is written to a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / PACKAGE_MARK).is_file():
        raise OutputError(f"{target}: the folder is not empty and holds no {PACKAGE_MARK}; "
                          "choose a new or empty folder")
    parent = target.parent if str(target.parent) else Path(".")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {parent}: {exc.strerror or exc}") from None
    old: Path | None = None
    try:
        yield tmp
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.replace(target, old / "package")
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and (old / "package").exists() and not target.exists():
            os.replace(old / "package", target)  # put the previous package back
            shutil.rmtree(old, ignore_errors=True)
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}; the previous folder is untouched") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
