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
from .scan import Found, scan_line

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


def find_passages(text: str, reference: str | None = None) -> list[Passage]:
    """Every dated passage of `text`, in text order.

    `reference` (YYYY, YYYY-MM or YYYY-MM-DD) is when the text was written, against which "dernier",
    "l'an dernier" or "récemment" are read; by default the latest day the text gives explicitly.
    """
    found_by_line: list[tuple[int, int, str, list[Found]]] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        found_by_line.append((number, offset, line, scan_line(line)))
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


# What a reader gives: date, end_date, date_qualifier, basis (see `Passage`).
Reading = tuple[str, str, str, str]
_UNRESOLVED: Reading = ("", "", "", "unresolved")


class _Reader:
    """Reads atoms and relative phrases in text order, remembering the date the text gave last."""

    def __init__(self, reference: str | None) -> None:
        self.reference = reference
        self.last: tuple[str, str] | None = None  # (date, qualifier) of the last dated atom

    def read(self, item: Found) -> Reading:
        if item.kind in _ATOMIC:
            reading = self._read_atom(item)
            if reading[0]:
                self.last = (reading[1] or reading[0], reading[2])
            return reading
        return self._read_relative(item)

    def _read_atom(self, item: Found) -> Reading:
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

    def _read_period(self, item: Found, start: int, length: int) -> Reading:
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

    def _read_relative(self, item: Found) -> Reading:
        """A relative phrase, read against the reference date ("ref-" rules) or the date given last ("prev-")."""
        if item.kind.startswith("ref-"):
            return self._from_reference(item.kind[4:])
        if self.last is None:
            return _UNRESOLVED
        last = _parse(self.last[0])
        assert last is not None and item.match is not None
        read = _FROM_PREVIOUS.get(re.sub(r"[+-]\d+$", "", item.kind), _moved_by_count)
        return read(self.last, last, item.kind, item.match)

    def _from_reference(self, rule: str) -> Reading:
        """`rule` is a unit and a step ("year-1", "month+0", "day+1") or "circa" (the reference's year, about)."""
        ref = _parse(self.reference)
        unit, _, step = rule.partition("-") if "-" in rule else rule.partition("+")
        sign = -1 if "-" in rule else 1
        if ref is None or (unit == "month" and not ref.month) or (unit == "day" and not ref.day):
            return _UNRESOLVED
        if unit == "circa":
            return str(ref.year), "", "circa", "relative"
        shifted = _shift(ref, unit, sign * int(step or 0))
        return shifted[:{"year": 4, "month": 7}.get(unit, 10)], "", "", "relative"


# The "prev-" rules, each read against the text's last date: `previous` is (date, qualifier) as given,
# `last` that date parsed, `how` the rule ("prev-day+1") and `match` the phrase.


def _since_then(previous: tuple[str, str], last: PartialDate, how: str, match: re.Match[str]) -> Reading:
    return previous[0], "", "after", "relative"


def _same_period(previous: tuple[str, str], last: PartialDate, how: str, match: re.Match[str]) -> Reading:
    """ "La même année", "plus tard dans le mois", "le même jour": the last date cut to that unit."""
    words = match.group().casefold()
    keep = 4 if "ann" in words or "year" in words else 7 if "mois" in words or "month" in words else 10
    return previous[0][:keep], "", "" if keep < 10 else previous[1], "relative"


def _next_or_previous_day(previous: tuple[str, str], last: PartialDate, how: str, match: re.Match[str]) -> Reading:
    if not last.day:
        return previous[0], "", previous[1], "relative"
    return _shift(last, "day", 1 if how.endswith("+1") else -1), "", "", "relative"


def _next_or_previous_year(previous: tuple[str, str], last: PartialDate, how: str, match: re.Match[str]) -> Reading:
    return str(last.year + (1 if how.endswith("+1") else -1)), "", "", "relative"


def _moved_by_count(previous: tuple[str, str], last: PartialDate, how: str, match: re.Match[str]) -> Reading:
    """ "Trois ans plus tard", "two weeks earlier": about the last date moved by that count, at the precision
    both allow."""
    count = g.count_of(match["count"]) * (1 if match["way"].casefold() in ("tard", "later") else -1)
    unit = match["unit"].casefold()
    years = unit.startswith(("an", "ann", "year"))
    if years or not last.month:
        return str(last.year + count if years else last.year), "", "circa", "relative"
    if unit.startswith(("mois", "month")) or not last.day:
        return _shift(last, "month", count)[:7], "", "circa", "relative"
    days = count * (7 if unit.startswith(("sem", "week")) else 1)
    return _shift(last, "day", days), "", "circa" if days % 7 == 0 else "", "relative"


_FROM_PREVIOUS = {"prev-after": _since_then, "prev-same": _same_period, "prev-day": _next_or_previous_day,
                  "prev-year": _next_or_previous_year, "prev-count": _moved_by_count}


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


def _latest_day(atoms: list[tuple[Found, str]]) -> str | None:
    days = []
    for atom, _ in atoms:
        if atom.qualifier == "before" or atom.kind in ("decade", "century"):
            continue
        for fields in g.read_numbers(atom.core):
            if fields.year and fields.month and fields.day:
                days.append(_format(fields))
    return max(days, default=None)
