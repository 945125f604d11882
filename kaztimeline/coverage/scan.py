"""Find the date expressions of one line: atoms ("5 mai 2025", "2022"), spans joining two of them, the
words peeled around an atom that hedge, bound or anchor it, and relative phrases ("depuis lors").

What each expression reads is passages.py's business; the grammar itself is grammar.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import grammar as g

_URL = re.compile(r"https?://\S+|www\.\S+")


@dataclass
class Found:
    start: int  # in the line
    end: int
    kind: str  # an ATOM group name, "span", or a RELATIVE rule
    core: str = ""  # the atom text the numbers are read from
    qualifier: str = ""
    anchor: str = ""  # "", "ref-last", "ref-next", "ref-this", "prev-same"
    match: re.Match[str] | None = None


def scan_line(line: str) -> list[Found]:
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
                atoms.append(Found(match.start(), match.end(), how, match=match))
                taken.append((match.start(), match.end()))
    return sorted(atoms, key=lambda f: f.start)


def _atoms(line: str) -> list[Found]:
    atoms: list[Found] = []
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
        atoms.append(Found(match.start(), end, kind, line[match.start():end]))
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


def _merge_spans(line: str, atoms: list[Found]) -> list[Found]:
    merged: list[Found] = []
    for atom in atoms:
        last = merged[-1] if merged else None
        if last and last.kind not in ("decade", "century") and atom.kind not in ("decade", "century"):
            between = line[last.end:atom.start]
            joined = g.DASH.fullmatch(between) or (g.WORD_CONNECTOR.fullmatch(between)
                                                   and _before(g.INTRODUCER, line, last.start))
            if joined:
                merged[-1] = Found(last.start, atom.end, "span", line[last.start:atom.end])
                continue
        merged.append(atom)
    return merged


def _peel(line: str, atom: Found) -> None:
    """Widen `atom` over the words that hedge, bound or anchor it, and note what they say.

    Peeled right to left: a suffix after it ("dernier"), then before it an article, "this/last/next", a
    hedge ("début", "l'été"), a bound ("avant", "depuis").
    """
    _peel_suffix(line, atom)
    start = _peel_article(line, atom)
    if m := _before(g.THIS_LAST_NEXT, line, start):
        atom.anchor, start = f"ref-{(m['word'] or '').casefold()}", m.start()
    start, hedged = _peel_hedge(line, atom, start)
    atom.start = _peel_bound(line, atom, start, hedged)


def _peel_suffix(line: str, atom: Found) -> None:
    """A year-less day or month followed by "dernier", "prochain" or "de la même année" is anchored by it."""
    suffix = g.SUFFIX.match(line, atom.end)
    if suffix and atom.kind in ("day", "month", "enday", "dayspan") and not re.search(r"\d{4}", atom.core):
        atom.end = suffix.end()
        atom.anchor = "ref-last" if suffix["last"] else "ref-next" if suffix["next"] else "prev-same"


def _peel_article(line: str, atom: Found) -> int:
    """Where the atom starts with its introducer ("du 7 au 11") or a day's article ("le 5 mai")."""
    worded_span = atom.kind in ("span", "dayspan") and not re.search("[-–—]", atom.core)
    if worded_span and (m := _before(g.INTRODUCER, line, atom.start)):
        return m.start()
    if atom.kind in ("day", "enday", "numeric") and (m := _before(g.DAY_ARTICLE, line, atom.start)):
        return m.start()
    return atom.start


def _peel_hedge(line: str, atom: Found, start: int) -> tuple[int, bool]:
    """A hedge before `start` ("début", "mi-", "l'été"), over "l'année" and "de": its qualifier, and whether
    there was one."""
    hedge_start = start
    if m := _before(g.YEAR_WORD, line, hedge_start):
        hedge_start = m.start()
    if m := _before(g.OF_WORD, line, hedge_start):
        hedge_start = m.start()
    hedge = _before(g.HEDGE, line, hedge_start)
    if hedge is None:
        return start, False
    atom.qualifier = _hedge_qualifier(hedge)
    start = hedge.start()
    if m := _before(g.ARTICLE, line, start):
        start = m.start()
    return start, True


def _hedge_qualifier(hedge: _Shifted) -> str:
    if hedge["season"]:
        return g.SEASONS[hedge["season"].casefold()]
    if hedge["plain"]:
        return ""
    return next(name for name in ("early", "late", "mid") if hedge[name])


def _peel_bound(line: str, atom: Found, start: int, hedged: bool) -> int:
    """A bound before `start` ("avant", "après", "depuis"): "before" or "after" unless a hedge said more."""
    bound = _before(g.BOUND, line, start)
    if bound is None:
        return start
    if not atom.qualifier and not hedged:
        atom.qualifier = "before" if bound["before"] else "after" if bound["after"] else ""
    return bound.start()
