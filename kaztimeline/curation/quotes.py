"""Is a quote verbatim in its source text? Runs of whitespace aside, every character must match.

A quote may join several fragments with `[…]`; each must be found, in the text's order. When it is not
found, the message says where it stops matching, since the usual culprit is one character (’ typed as ').
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from ..schema.model import QUOTE_ELISION
from ..values.text import collapse_whitespace


class SeedTexts:
    """Seed texts by file name, read once, whitespace already collapsed; None when there is no such file."""

    def __init__(self, dirs: tuple[Path, ...]) -> None:
        self.dirs = dirs
        self._texts: dict[str, str | None] = {}

    def get(self, source: str) -> str | None:
        if source not in self._texts:
            self._texts[source] = None
            for folder in self.dirs:
                try:
                    self._texts[source] = collapse_whitespace((folder / source).read_text(encoding="utf-8"))
                    break
                except (OSError, UnicodeDecodeError):
                    continue
        return self._texts[source]


def quote_problem(quote: str, seed_text: str, source: str = "the source") -> str | None:
    """Why a quote is not verbatim in the seed, or None: each `[…]` fragment must appear, in order.

    Runs of whitespace are collapsed on both sides; everything else (apostrophes, « », case) must match.
    """
    return collapsed_quote_problem(quote, collapse_whitespace(seed_text), source)


def collapsed_quote_problem(quote: str, text: str, source: str) -> str | None:
    """`quote_problem` for a seed text whose whitespace is already collapsed (as `SeedTexts` gives it)."""
    fragments = [collapse_whitespace(f) for f in quote.split(QUOTE_ELISION)]
    fragments = [f for f in fragments if f]
    position = 0
    for number, fragment in enumerate(fragments, start=1):
        found = text.find(fragment, position)
        if found >= 0:
            position = found + len(fragment)
            continue
        label = f"fragment {number} of {len(fragments)}" if len(fragments) > 1 else "the quote"
        if fragment in text:
            return f"{label} is in {source} but before the previous fragment; fragments must follow the text's order"
        matched = _longest_prefix_in(fragment, text)
        if not matched:
            return f'{label} is not in {source}: not even its first character "{fragment[0]}" matches'
        return (f'{label} is not verbatim in {source}: it matches up to "{_tail(fragment[:matched])}", then the '
                f'text differs at "{fragment[matched:matched + 25]}"')
    return None


def _longest_prefix_in(fragment: str, text: str) -> int:
    """How many of `fragment`'s first characters `text` holds in a row.

    When a start of `fragment` is in `text`, so is every shorter one: over the lengths 1, 2, ... the answer
    to "is that start missing?" is no up to the result and yes after it, so bisection finds the first yes.
    """
    lengths = range(1, len(fragment) + 1)
    return bisect_left(lengths, True, key=lambda length: fragment[:length] not in text)


def _tail(text: str, width: int = 25) -> str:
    return text if len(text) <= width else "…" + text[-width:]
