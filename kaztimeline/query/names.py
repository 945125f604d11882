"""Names as people type them: a theme, a source or an event found by any name it is known by.

A user types `ukraine`, `War in Ukraine`, `Defence-Reform`, `000`, `Zolkin` or `Sénat`; each entry of a
vocabulary has a key (the id or file name that the data holds) and readable names (a label, a short name,
an author, a title). Matching is tried in tiers, and the first tier with a hit decides:

1. the key itself, exactly;
2. the key or a whole name, folded (case, accents and punctuation ignored);
3. a prefix of the key, folded (`000`, `ukraine`);
4. every typed word starts a word of the key or of one of its names (`war`, `Sénat` for "Senate report").

One entry found is the answer; several are ambiguous and none is unknown, both usage errors that list what
the user may have meant. Pure: no I/O.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import UsageError
from ..files.vocabularies import Vocabularies
from ..values.text import fold

_WORDS = re.compile(r"[a-z0-9]+")
_LIST_ALL = 12  # an unknown name with no close match lists every choice when there are at most this many


@dataclass(frozen=True)
class Entry:
    """One thing that can be named: its key, the names it is shown by, and the first of those to show."""

    key: str
    names: tuple[str, ...] = ()

    def shown(self) -> str:
        """`key (first name)`, the form every message and list uses."""
        return f"{self.key} ({self.names[0]})" if self.names and self.names[0] else self.key


def _words(text: str) -> list[str]:
    return _WORDS.findall(fold(text))


def matches(typed: str, entries: Iterable[Entry]) -> list[Entry]:
    """The entries `typed` names, from the first tier that finds any (see the module docstring)."""
    entries = list(entries)
    exact = [e for e in entries if e.key == typed]
    if exact:
        return exact
    folded = fold(typed)
    if not folded:
        return []
    tiers = (
        lambda e: fold(e.key) == folded or any(fold(n) == folded for n in e.names if n),
        lambda e: fold(e.key).startswith(folded),
        lambda e: _words_start(_words(typed), [w for text in (e.key, *e.names) if text for w in _words(text)]),
    )
    for tier in tiers:
        found = [e for e in entries if tier(e)]
        if found:
            return found
    return []


def _words_start(typed: list[str], words: list[str]) -> bool:
    return bool(typed) and all(any(word.startswith(t) for word in words) for t in typed)


def resolve(typed: str, entries: Iterable[Entry], kind: str, listing: str) -> str:
    """The key `typed` names; a usage error (exit 2) with suggestions when it names none or several.

    `kind` is what the user was naming ("theme"); `listing` the command that lists them all.
    """
    entries = list(entries)
    found = matches(typed, entries)
    if len(found) == 1:
        return found[0].key
    if found:
        raise UsageError(f'"{typed}" could be {_either(found)}: type more of it')
    close = closest(typed, {spelling: entry for entry in entries for spelling in (entry.key, *entry.names) if spelling})
    if close:
        raise UsageError(f'unknown {kind} "{typed}"; did you mean {_either(close)}?')
    if len(entries) <= _LIST_ALL:
        raise UsageError(f'unknown {kind} "{typed}"; use one of {", ".join(e.shown() for e in entries)}')
    raise UsageError(f'unknown {kind} "{typed}" (`kaztimeline {listing}` lists them)')


def _either(entries: list[Entry]) -> str:
    shown = [e.shown() for e in entries]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def closest(typed: str, spellings: Mapping[str, object], n: int = 3) -> list:
    """What `typed` most likely misspells: the things behind the closest spellings, each once.

    Several spellings of one thing (an actor's aliases) count as one suggestion, and only spellings nearly
    as close as the best one are kept, so "Rusia" suggests Russia, not Russia, Russie and USA.
    """
    key = fold(typed)
    if not key:
        return []
    scored: dict[object, float] = {}
    for spelling, thing in spellings.items():
        score = difflib.SequenceMatcher(None, key, fold(spelling)).ratio()
        if score >= 0.6 and score > scored.get(thing, 0.0):
            scored[thing] = score
    if not scored:
        return []
    top = max(scored.values())
    ranked = sorted(scored, key=lambda thing: -scored[thing])  # stable: ties keep the vocabulary's order
    return [thing for thing in ranked if scored[thing] >= top - 0.1][:n]


def word_hits(typed: str, texts: Mapping[str, Iterable[str]], n: int = 5) -> list[str]:
    """Keys whose texts contain a word that every typed word starts, or nearly spells (`kandy`: Kandahar?)."""
    typed_words = _words(typed)
    if not typed_words:
        return []
    hits = []
    for key, parts in texts.items():
        words = [w for text in parts for w in _words(text)]
        if _words_start(typed_words, words) or all(difflib.get_close_matches(t, words, n=1, cutoff=0.8)
                                                   for t in typed_words):
            hits.append(key)
    return hits[:n]


def theme_entries(vocab: Vocabularies, in_data: Iterable[str] = ()) -> list[Entry]:
    """Themes by id and label; ids only the events file uses are named by their id alone."""
    entries = [Entry(theme_id, (theme.get("label", ""),)) for theme_id, theme in vocab.themes.items()]
    return entries + [Entry(t) for t in sorted(set(in_data) - set(vocab.themes))]


def source_entries(vocab: Vocabularies, in_data: Iterable[str] = ()) -> list[Entry]:
    """Sources by file name, short name (shown first), author and title."""
    entries = [Entry(name, tuple(s.get(c, "") for c in ("short", "title", "author")) if s.get("short")
                     else (s.get("title", ""), s.get("author", "")))
               for name, s in vocab.sources.items()]
    return entries + [Entry(s) for s in sorted(set(in_data) - set(vocab.sources))]


__all__ = ["Entry", "closest", "matches", "resolve", "source_entries", "theme_entries", "word_hits"]
