"""Find the dated passages of a text and read each one's date in the dataset's partial-date form.

A passage is one date expression (see grammar.py) with its line, its character span, the sentence around
it and the date it reads: `date`, `end_date` and `date_qualifier` as in data/events.csv. `basis` says how the
date was read: `explicit` (the text gives it whole), `inferred` (a year-less day or month takes the year
the text gave last), `relative` (read against the reference date or the date given before: "le 27 novembre
dernier", "depuis lors"), or `unresolved` (nothing in the text tells; `date` is empty).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..values.dates import PartialDate
from . import grammar as g

_URL = re.compile(r"https?://\S+|www\.\S+")
_SENTENCE_END = re.compile(r"[.!?…][»\")\]]*\s+(?=[«\"(]?\s*[A-ZÀ-ÝØ0-9–—*])")


@dataclass(frozen=True)
class Passage:
    """One date expression in a text. `start`/`end` index the text; `line` and `column` count from 1."""

    line: int
    column: int
    start: int
    end: int
    expression: str
    sentence: str
    date: str
    end_date: str = ""
    qualifier: str = ""
    basis: str = "explicit"


@dataclass
class _Found:
    start: int  # in the line
    end: int
    kind: str  # an ATOM group name, "span", or a RELATIVE rule
    core: str = ""  # the atom text the numbers are read from
    qualifier: str = ""
    anchor: str = ""  # "", "ref-last", "ref-next", "ref-this", "prev-same"
    match: re.Match[str] | None = None


def find_passages(text: str, reference: str | None = None) -> list[Passage]:
    """Every dated passage of `text`, in text order.

    `reference` (YYYY, YYYY-MM or YYYY-MM-DD) is when the text was written, against which "dernier",
    "l'an dernier" or "récemment" are read; by default the latest day the text gives explicitly.
    """
    found_by_line: list[tuple[int, int, str, list[_Found]]] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        found_by_line.append((number, offset, line, _scan_line(line)))
        offset += len(line) + 1
    reader = _Reader(reference)
    explicit = [(item, line) for _, _, line, items in found_by_line for item in items if item.kind in _ATOMIC]
    if reference is None:
        reader.reference = _latest_day(explicit)
    passages = []
    for number, line_offset, line, items in found_by_line:
        sentences = [0, *(m.end() for m in _SENTENCE_END.finditer(line)), len(line) + 1]
        for item in items:
            reading = reader.read(item)
            index = max(i for i, s in enumerate(sentences) if s <= item.start)
            sentence = line[sentences[index]:sentences[min(index + 1, len(sentences) - 1)]].strip()
            passages.append(Passage(number, item.start + 1, line_offset + item.start, line_offset + item.end,
                                    line[item.start:item.end], sentence, *reading))
    return passages


_ATOMIC = {"dayspan", "endayspan", "numeric", "iso", "enday", "day", "decade", "century", "month", "year",
           "span"}


def _scan_line(line: str) -> list[_Found]:
    masked = _URL.sub(lambda m: " " * len(m.group()), line)
    atoms = _merge_spans(masked, _atoms(masked))
    for atom in atoms:
        _peel(masked, atom)
    taken = [(a.start, a.end) for a in atoms]
    folded = masked.casefold()
    for pattern, how, words in g.RELATIVE:
        if not any(word in folded for word in words):
            continue
        for match in pattern.finditer(masked):
            if not any(match.start() < end and start < match.end() for start, end in taken):
                atoms.append(_Found(match.start(), match.end(), how, match=match))
                taken.append((match.start(), match.end()))
    return sorted(atoms, key=lambda f: f.start)


def _atoms(line: str) -> list[_Found]:
    atoms: list[_Found] = []
    for token in g.CANDIDATE.finditer(line):
        if atoms and token.start() < atoms[-1].end:
            continue
        match = g.ATOM.match(line, token.start())
        if match is None:
            continue
        kind, end = match.lastgroup or "", match.end()
        if kind == "year" and _not_a_year(line, match.start(), end):
            continue
        if kind == "month" and not re.search(r"\d", match.group()) and not _month_context(line, match):
            continue
        glued = re.search(r"(?:1[7-9]|20)\d\d(\d{1,2})$", match.group())
        if glued:
            end -= len(glued.group(1))
        atoms.append(_Found(match.start(), end, kind, line[match.start():end]))
    return atoms


def _month_context(line: str, match: re.Match[str]) -> bool:
    """A month name alone is a date after a date word ("en mai", "début décembre") or before "dernier"."""
    return bool(_before(g.MONTH_WORD, line, match.start()) or g.SUFFIX.match(line, match.end()))


def _not_a_year(line: str, start: int, end: int) -> bool:
    """A bare four-digit number that is a figure, a page or part of a name ("OTAN 2030")."""
    if g.FIGURE_AFTER.match(line, end) or _before(g.NUMBER_BEFORE, line, start):
        return True
    previous = re.search(r"([\w’'-]+)\s+$", line[max(0, start - 60):start])
    if previous is None:
        return False
    word = previous.group(1)
    bare = re.split(r"['’]", word)[-1].casefold()
    return word[:1].isupper() and bare not in g.DATE_WORDS and word.casefold() not in g.DATE_WORDS \
        and not re.fullmatch(g.MONTH, word)


def _before(pattern: re.Pattern[str], line: str, end: int) -> _Shifted | None:
    """`pattern` (anchored with `$`) matched just before `end`; looks back a bounded window only."""
    window = max(0, end - 60)
    match = pattern.search(line[window:end])
    return _Shifted(match, window) if match else None


class _Shifted:
    """A match found in a window of the line, with positions in the line."""

    def __init__(self, match: re.Match[str], shift: int) -> None:
        self.match, self.shift = match, shift

    def start(self) -> int:
        return self.match.start() + self.shift

    def __getitem__(self, group: str) -> str | None:
        return self.match[group]


def _merge_spans(line: str, atoms: list[_Found]) -> list[_Found]:
    merged: list[_Found] = []
    for atom in atoms:
        last = merged[-1] if merged else None
        if last and last.kind not in ("decade", "century") and atom.kind not in ("decade", "century"):
            between = line[last.end:atom.start]
            joined = g.DASH.fullmatch(between) or (g.WORD_CONNECTOR.fullmatch(between)
                                                   and _before(g.INTRODUCER, line, last.start))
            if joined:
                merged[-1] = _Found(last.start, atom.end, "span", line[last.start:atom.end])
                continue
        merged.append(atom)
    return merged


def _peel(line: str, atom: _Found) -> None:
    """Widen `atom` over the words that hedge, bound or anchor it, and note what they say."""
    suffix = g.SUFFIX.match(line, atom.end)
    if suffix and atom.kind in ("day", "month", "enday", "dayspan") and not re.search(r"\d{4}", atom.core):
        atom.end = suffix.end()
        atom.anchor = "ref-last" if suffix["last"] else "ref-next" if suffix["next"] else "prev-same"
    start = atom.start
    worded_span = atom.kind in ("span", "dayspan") and not re.search("[-–—]", atom.core)
    if worded_span and (m := _before(g.INTRODUCER, line, start)):
        start = m.start()
    elif atom.kind in ("day", "enday", "numeric") and (m := _before(g.DAY_ARTICLE, line, start)):
        start = m.start()
    if m := _before(g.THIS_LAST_NEXT, line, start):
        atom.anchor, start = f"ref-{(m['word'] or '').casefold()}", m.start()
    hedge_start = start
    if m := _before(g.YEAR_WORD, line, hedge_start):
        hedge_start = m.start()
    if m := _before(g.OF_WORD, line, hedge_start):
        hedge_start = m.start()
    if hedge := _before(g.HEDGE, line, hedge_start):
        if hedge["season"]:
            atom.qualifier = g.SEASONS[hedge["season"].casefold()]
        else:
            atom.qualifier = next(name for name in ("early", "late", "mid") if hedge[name]) \
                if not hedge["plain"] else ""
        start = hedge.start()
        if m := _before(g.ARTICLE, line, start):
            start = m.start()
    if bound := _before(g.BOUND, line, start):
        if not atom.qualifier and not hedge:
            atom.qualifier = "before" if bound["before"] else "after" if bound["after"] else ""
        start = bound.start()
    atom.start = start


class _Reader:
    """Reads atoms and relative phrases in text order, remembering the date the text gave last."""

    def __init__(self, reference: str | None) -> None:
        self.reference = reference
        self.last: tuple[str, str] | None = None  # (date, qualifier) of the last dated atom

    def read(self, item: _Found) -> tuple[str, str, str, str]:
        if item.kind in _ATOMIC:
            reading = self._read_atom(item)
            if reading[0]:
                self.last = (reading[1] or reading[0], reading[2])
            return reading
        return self._read_relative(item)

    def _read_atom(self, item: _Found) -> tuple[str, str, str, str]:
        if item.kind == "century":
            return self._read_period(item, _century_start(item.core), 100)
        if item.kind == "decade":
            return self._read_period(item, int(re.search(r"\d{4}", item.core)[0]), 10)  # type: ignore[index]
        fields = g.read_numbers(item.core)
        first, last = fields[0], fields[-1]
        basis = "explicit"
        if first.year is None:
            year, basis = self._year_for(first, item.anchor)
            if year is None:
                return "", "", item.qualifier, "unresolved"
            first = g.Fields(year, first.month, first.day)
            last = g.Fields(year + ((last.month or 0) < (first.month or 0)), last.month, last.day) \
                if len(fields) > 1 else first
        end = _format(last) if len(fields) > 1 else ""
        return _format(first), end, item.qualifier, basis

    def _read_period(self, item: _Found, start: int, length: int) -> tuple[str, str, str, str]:
        if item.qualifier in ("early", "mid", "late"):
            offset = {"early": 0, "mid": length // 2, "late": length - length // 5}[item.qualifier]
            return str(start + offset), "", "circa", "explicit"
        return str(start), str(start + length - 1), item.qualifier, "explicit"

    def _year_for(self, fields: g.Fields, anchor: str) -> tuple[int | None, str]:
        if anchor in ("ref-last", "ref-next", "ref-this"):
            ref = _parse(self.reference)
            if ref is None:
                return None, "unresolved"
            month, day = fields.month or 1, fields.day or 1
            year = ref.year
            ref_key, key = (ref.month or 12, ref.day or 31), (month, day)
            if anchor == "ref-last" and key >= ref_key:
                year -= 1
            if anchor == "ref-next" and key <= ref_key:
                year += 1
            return year, "relative"
        if self.last:
            return int(self.last[0][:4]), "relative" if anchor == "prev-same" else "inferred"
        ref = _parse(self.reference)
        return (ref.year, "inferred") if ref else (None, "unresolved")

    def _read_relative(self, item: _Found) -> tuple[str, str, str, str]:
        how, match = item.kind, item.match
        if how.startswith("ref-"):
            ref = _parse(self.reference)
            unit, _, step = how[4:].partition("-") if "-" in how[4:] else how[4:].partition("+")
            sign = -1 if "-" in how[4:] else 1
            if ref is None or (unit == "month" and not ref.month) or (unit == "day" and not ref.day):
                return "", "", "", "unresolved"
            if unit == "circa":
                return str(ref.year), "", "circa", "relative"
            shifted = _shift(ref, unit, sign * int(step or 0))
            return shifted[:{"year": 4, "month": 7}.get(unit, 10)], "", "", "relative"
        if self.last is None:
            return "", "", "", "unresolved"
        last = _parse(self.last[0])
        assert last is not None and match is not None
        if how == "prev-after":
            return self.last[0], "", "after", "relative"
        if how == "prev-same":
            words = match.group().casefold()
            keep = 4 if "ann" in words or "year" in words else 7 if "mois" in words or "month" in words else 10
            return self.last[0][:keep], "", "" if keep < 10 else self.last[1], "relative"
        if how.startswith("prev-day"):
            if not last.day:
                return self.last[0], "", self.last[1], "relative"
            return _shift(last, "day", 1 if how.endswith("+1") else -1), "", "", "relative"
        if how.startswith("prev-year"):
            return str(last.year + (1 if how.endswith("+1") else -1)), "", "", "relative"
        count = g.count_of(match["count"]) * (1 if match["way"].casefold() in ("tard", "later") else -1)
        unit = match["unit"].casefold()
        if unit.startswith(("an", "ann", "year")) or not last.month:
            return str(last.year + count if unit.startswith(("an", "ann", "year")) else last.year), "", \
                "circa", "relative"
        if unit.startswith(("mois", "month")) or not last.day:
            return _shift(last, "month", count)[:7], "", "circa", "relative"
        days = count * (7 if unit.startswith(("sem", "week")) else 1)
        return _shift(last, "day", days), "", "circa" if days % 7 == 0 else "", "relative"


def _format(fields: g.Fields) -> str:
    text = f"{fields.year:04d}"
    if fields.month:
        text += f"-{fields.month:02d}"
        if fields.day and fields.day <= calendar.monthrange(fields.year or 2000, fields.month)[1]:
            text += f"-{fields.day:02d}"
    return text


def _parse(text: str | None) -> PartialDate | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", text or "")
    if not match:
        return None
    year, month, day = match.groups()
    return PartialDate(int(year), int(month) if month else None, int(day) if day else None)


def _shift(start: PartialDate, unit: str, count: int) -> str:
    """`start` moved by `count` years, months or days, at the precision that unit allows."""
    if unit == "year":
        return _format(g.Fields(start.year + count, start.month, start.day))
    if unit == "month":
        months = start.year * 12 + (start.month or 1) - 1 + count
        return _format(g.Fields(months // 12, months % 12 + 1))
    moved = date(start.year, start.month or 1, start.day or 1) + timedelta(days=count)
    return moved.isoformat()


def _century_start(text: str) -> int:
    roman = re.match(r"XXI|XIX|XX", text.upper())
    if roman:
        number = {"XIX": 19, "XX": 20, "XXI": 21}[roman.group()]
    else:
        number = int(text[:2])
    return (number - 1) * 100


def _latest_day(atoms: list[tuple[_Found, str]]) -> str | None:
    days = []
    for atom, _ in atoms:
        if atom.qualifier == "before" or atom.kind in ("decade", "century"):
            continue
        for fields in g.read_numbers(atom.core):
            if fields.year and fields.month and fields.day:
                days.append(_format(fields))
    return max(days, default=None)
