"""Add one event to an events file without ever corrupting it.

The new row is checked by the same rules as `validate` before anything is written. The file is then
rewritten atomically (temporary file beside it, then `os.replace`) from its own text: every existing row
keeps its bytes and its place, the line terminator and a BOM are kept, and the new row goes where its
date puts it (after the last row whose (first day, id) is not after its own).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import DataError, UsageError
from ..files.atomic import atomic_text_writer
from ..files.load import STDIN, CsvCells, build_events, decode_text, scan_csv
from ..resources import bundled_root
from ..schema import model
from ..schema.problems import Problem
from ..values.dates import event_span
from ..values.text import fold
from .validate import DUPLICATE_MESSAGE, Context, context_for, duplicate_problem, likely_duplicates, validate_text

ID_MAX_LENGTH = 80
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Added:
    id: str
    line: int  # where the new row now starts
    warnings: list[Problem]  # about the new row; it was written anyway
    other_errors: int  # errors elsewhere in the file, left as they were


def make_id(date: str, title: str) -> str:
    """`<date>-<slug of the title>`: ASCII, lowercase, hyphens, at most ID_MAX_LENGTH characters."""
    words = fold(title).encode("ascii", "ignore").decode().split()
    slug = "-".join(w for w in ("".join(c for c in word if c.isalnum()) for word in words) if w) or "event"
    text = f"{date.strip()}-{slug}"
    if len(text) > ID_MAX_LENGTH:
        text = text[:ID_MAX_LENGTH + 1].rsplit("-", 1)[0]
    return text


def add_event(path: str | Path, cells: dict[str, str]) -> Added:
    """Insert one row; raise DataError (nothing written) if it breaks a rule or the file cannot take it."""
    if str(path) == STDIN:
        raise UsageError("add writes to a file: give --data PATH, not standard input")
    _refuse_installed_copy(Path(path))
    name, data, text = _read(path)
    table, problems = scan_csv(name, text, model.REQUIRED_EVENT_COLUMNS)
    if table is None or problems:
        hint = f"{name}: nothing written; fix the file's structure first (kaztimeline validate {name})"
        raise DataError(hint, [str(p) for p in problems] + [hint])
    missing = [c for c, v in cells.items() if v and c not in table.header]
    if missing:
        raise DataError(f"{name}: the file has no {', '.join(missing)} column; nothing written")
    cells = {**cells, "id": cells.get("id") or make_id(cells.get("date", ""), cells.get("title", ""))}
    found = _LINE_BREAK.search(text)
    term = found.group() if found else "\n"
    row = _format_row([cells.get(c, "") for c in table.header], term, table.separator)
    own, other_errors = _check(name, text, row, term, context_for(path))

    cut = _insertion_point(text, table, cells)
    if cut == len(text) and not text.endswith(("\n", "\r")):
        prefix, suffix, row = text + term, "", row[: -len(term)]  # keep the file's missing final line end
    else:
        prefix, suffix = text[:cut], text[cut:]
    line = len(_LINE_BREAK.findall(prefix)) + 1
    if _current_bytes(Path(path)) != data:
        raise DataError(f"{name}: the file changed while the row was being added; nothing written, try again")
    with atomic_text_writer(path) as out:
        out.write(("\ufeff" if data and data.startswith(codecs.BOM_UTF8) else "") + prefix + row + suffix)

    warnings = [Problem(name, line, p.column, p.message, p.severity) for p in own
                if not p.message.startswith(DUPLICATE_MESSAGE)]
    warnings += _duplicates_in_place(name, prefix + row + suffix, cells, line)
    return Added(cells["id"], line, warnings, other_errors)


def _read(path: str | Path) -> tuple[str, bytes | None, str]:
    """Name, bytes (None for a file yet to be made) and text; a missing or empty file starts with the header."""
    data = _current_bytes(Path(path))
    if not data:
        return str(path), data, ",".join(model.EVENT_COLUMNS) + "\n"
    return str(path), data, decode_text(str(path), data)


def _check(name: str, text: str, row: str, term: str, context: Context) -> tuple[list[Problem], int]:
    """The new row's warnings and the count of errors elsewhere; its errors raise DataError.

    The row is checked appended at the end, where every rule that compares two rows reports on it.
    """
    appended = text if not text or text.endswith(("\n", "\r")) else text + term
    new_line = len(_LINE_BREAK.findall(appended)) + 1
    report = validate_text(name, appended + row, context)
    own = [p for p in report if p.file == name and p.line == new_line]
    errors = [p for p in own if p.is_error]
    if errors:
        shown = [str(Problem(f"{name} (new row)", None, p.column, p.message)) for p in errors]
        raise DataError(shown[0], shown)
    return own, sum(1 for p in report if p.is_error and p not in own)


def _insertion_point(text: str, table: CsvCells, cells: dict[str, str]) -> int:
    """The offset just after the last record whose (first day, id) is not after the new row's."""
    events, _ = build_events(table)
    first_day, new_id = event_span(cells["date"], cells.get("end_date", ""))[0], cells["id"]
    ids = np.array(events.column("id").to_pylist(), dtype=object)
    after = np.flatnonzero((events.start < first_day) | ((events.start == first_day) & (ids <= new_id)))
    ends = _record_ends(text, table.separator)
    return ends[table.lines[after[-1]]] if len(after) else ends[_header_start(text)]


def _duplicates_in_place(name: str, text: str, cells: dict[str, str], line: int) -> list[Problem]:
    """Likely duplicates of the new row, named by the lines they have now that the row is in place."""
    table, _ = scan_csv(name, text, model.REQUIRED_EVENT_COLUMNS)
    if table is None:
        return []
    date, title = table.header.index("date"), table.header.index("title")
    rows = [(at, row[title]) for at, row in zip(table.lines, table.rows) if row[date] == cells["date"] and at != line]
    found = likely_duplicates(rows + [(line, cells["title"])])
    return [duplicate_problem(name, at, other, other_title) for at, other, other_title in found if at == line]


def _refuse_installed_copy(path: Path) -> None:
    root = bundled_root()
    if root.name == "_data" and path.resolve().is_relative_to(root.resolve()):
        raise UsageError("the data bundled in an installed kaztimeline is read-only; copy data/ somewhere "
                         "(kaztimeline list --format csv > events.csv) and pass --data PATH")


def _current_bytes(path: Path) -> bytes | None:
    """The file's bytes as they are now; None if there is no file yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _format_row(values: list[str], term: str, separator: str = ",") -> str:
    """The new row as the file writes its rows: same line end, same separator (a French Excel CSV: `;`)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=term, delimiter=separator).writerow(values)
    return buffer.getvalue()


def _record_ends(text: str, separator: str = ",") -> dict[int, int]:
    """For each record, by the physical line it starts on: the character offset just after its last line."""
    pieces = _LINE_BREAK.split(text)
    breaks = _LINE_BREAK.findall(text) + [""]
    lines = [piece + brk for piece, brk in zip(pieces, breaks)]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    reader = csv.reader(iter(lines), strict=True, delimiter=separator)
    ends, start = {}, 1
    for _ in reader:
        ends[start] = offsets[reader.line_num]
        start = reader.line_num + 1
    return ends


def _header_start(text: str) -> int:
    """The physical line the header starts on (blank lines before it are skipped, as when reading)."""
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line:
            return number
    return 1
