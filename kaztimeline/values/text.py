"""Text folding for matching: what a user types should find what the sources spell.

`fold("Tokaïev")`, `fold("TOKAIEV")` and `fold("tokaiev")` are equal; so are `d’Asie` and `d'Asie`, `Łódź` and
`Lodz`, and a no-break space and a space. Folding is for comparison only: output always shows the text as stored.

Folding works character by character (compatibility decomposition only reorders the accents it then drops),
and every character it outputs folds to itself, so `fold` is idempotent over all of Unicode, and canonically
equivalent texts (NFC, NFD) fold alike; tests/test_text.py checks both over every code point.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters without a Unicode decomposition, as the base letters users type in ASCII. Keys are casefolded,
# so Ł and ł both become l; ß needs no entry (casefold gives "ss"), nor ŀ (it decomposes to l and a middle dot).
BASE_LETTERS = {
    "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t",
    "ƀ": "b", "ƚ": "l", "ƶ": "z", "ǥ": "g", "ȼ": "c", "ɇ": "e", "ɉ": "j", "ɍ": "r", "ɏ": "y", "ɨ": "i",
    "ʉ": "u", "ⱥ": "a", "ⱦ": "t", "ȷ": "j",
}
# Apostrophes (d’Asie, Oʻzbekiston, Kazanʹ) and the in-word middle dot (Catalan l·l) join what they stand
# between: they are dropped, not turned into a word break.
APOSTROPHES = "'’‘ʼʻ`′ʹ·"
# The acute accent typed as an apostrophe decomposes to a space and a combining accent: dropped beforehand.
_ACUTE_APOSTROPHES = re.compile("[´\u1ffd]")
_LETTER_OR_APOSTROPHE = re.compile(f"[{''.join(BASE_LETTERS)}{re.escape(APOSTROPHES)}]")
_NOT_WORD = re.compile(r"[^\w\s]+|_+")
# ASCII text (most of it) takes a shortcut, byte by byte: lower case, apostrophes dropped, other punctuation a space.
_ASCII_FOLD = bytes(ord(chr(b).lower()) if chr(b).isalnum() else ord(" ") for b in range(128)) + bytes(range(128, 256))


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key; idempotent."""
    if text.isascii():
        return " ".join(text.encode().translate(_ASCII_FOLD, b"'`").decode().split())
    text = unicodedata.normalize("NFKD", _ACUTE_APOSTROPHES.sub("", text)).casefold()
    text = _LETTER_OR_APOSTROPHE.sub(_base_letter, text)
    return " ".join(_NOT_WORD.sub(_accents_or_break, text).split())


def _base_letter(match: re.Match[str]) -> str:
    return BASE_LETTERS.get(match.group(), "")


def _accents_or_break(match: re.Match[str]) -> str:
    """Combining accents are dropped (i + U+0308 is i); any other run of punctuation is a word break."""
    return "" if all(map(unicodedata.combining, match.group())) else " "


def spelling_index(named: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Each name and alias, folded, to its canonical name; the first to claim a spelling keeps it. How actors and
    places are read wherever a user or a file names them, so all commands agree on what a spelling means."""
    index: dict[str, str] = {}
    for name, aliases in named:
        for spelling in (name, *aliases):
            index.setdefault(fold(spelling), name)
    return index


def search_terms(query: str) -> list[str]:
    """The folded words of a search; each must appear for an event to match."""
    return fold(query).split()


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace (line breaks, no-break spaces) become one space, for quote checks."""
    return " ".join(text.split())
