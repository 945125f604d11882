"""Never lose or half-write a file: the atomic writer under failing disks, unwritable folders and devices.

The tests run as root in CI, where a 0o500 folder does not stop writes, so failures are simulated by making
`os.fsync`, `os.replace` or `tempfile.mkstemp` raise the error a full disk or a read-only folder gives.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from kaztimeline.errors import OutputError
from kaztimeline.files import atomic
from kaztimeline.files.atomic import atomic_text_writer

PREVIOUS = "id,title\nold,Previous content — «\u00a0kept\u00a0»\n".encode()


@pytest.fixture
def previous(tmp_path) -> Path:
    target = tmp_path / "events.csv"
    target.write_bytes(PREVIOUS)
    return target


def _fail(err: int):
    def raise_(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    return raise_


def assert_untouched(target: Path) -> None:
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in target.parent.iterdir()] == [target.name], "no temporary file is left behind"


def test_replaces_the_whole_file(previous):
    with atomic_text_writer(previous) as out:
        out.write("new\r\nline\n")
    assert previous.read_bytes() == b"new\r\nline\n"
    assert [p.name for p in previous.parent.iterdir()] == [previous.name]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_full_disk_leaves_the_previous_file(monkeypatch, previous, failing):
    monkeypatch.setattr(atomic.os, failing, _fail(errno.ENOSPC))
    with pytest.raises(OutputError, match="No space left on device; the previous file is untouched"):
        with atomic_text_writer(previous) as out:
            out.write("x" * 100_000)
    monkeypatch.undo()
    assert_untouched(previous)


def test_a_read_only_folder_is_one_clear_error(monkeypatch, previous):
    monkeypatch.setattr(atomic.tempfile, "mkstemp", _fail(errno.EACCES))
    with pytest.raises(OutputError) as caught:
        with atomic_text_writer(previous) as out:
            out.write("new")
    assert str(caught.value) == f"{previous}: cannot write in {previous.parent}: Permission denied"
    assert_untouched(previous)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_really_read_only_folder(previous):
    previous.parent.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write in"):
            with atomic_text_writer(previous) as out:
                out.write("new")
    finally:
        previous.parent.chmod(0o700)
    assert_untouched(previous)


def test_an_error_while_writing_leaves_the_previous_file(previous):
    with pytest.raises(KeyboardInterrupt):
        with atomic_text_writer(previous) as out:
            out.write("half of it")
            raise KeyboardInterrupt
    assert_untouched(previous)


def test_keeps_the_permissions_of_the_file_it_replaces(previous):
    previous.chmod(0o640)
    with atomic_text_writer(previous) as out:
        out.write("new")
    assert stat.S_IMODE(previous.stat().st_mode) == 0o640


def _no_rename(*args, **kwargs):
    raise AssertionError("a device or pipe must never be renamed over")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_dev_full_is_an_error_and_stays_a_device(monkeypatch):
    monkeypatch.setattr(atomic.os, "replace", _no_rename)
    with pytest.raises(OutputError, match="No space left on device"):
        with atomic_text_writer("/dev/full") as out:
            out.write("x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_written_through(monkeypatch, tmp_path):
    monkeypatch.setattr(atomic.os, "replace", _no_rename)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    with atomic_text_writer(fifo) as out:
        out.write("through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_folder_as_target_is_one_clear_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write"):
        with atomic_text_writer(tmp_path) as out:
            out.write("x")
    assert list(tmp_path.iterdir()) == []
