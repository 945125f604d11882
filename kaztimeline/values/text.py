"""Text folding for matching: what a user types should find what the sources spell.

`fold("Tokaïev")`, `fold("TOKAIEV")` and `fold("tokaiev")` are equal; so are `d’Asie` and `d'Asie`, and a
no-break space and a space. Folding is for comparison only: output always shows the text as stored.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose but that users type in ASCII.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "ł": "l"})
_APOSTROPHES = re.compile(r"['’‘ʼ`´ʹ′]")
_NON_WORD = re.compile(r"[^\w]+|_")


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive key; idempotent."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.casefold())
    return " ".join(_NON_WORD.sub(" ", text).split())


def search_terms(query: str) -> list[str]:
    """The folded words of a search; each must appear for an event to match."""
    return fold(query).split()


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace (line breaks, no-break spaces) become one space, for quote checks."""
    return " ".join(text.split())
