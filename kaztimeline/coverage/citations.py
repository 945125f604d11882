"""Which events cite a dated passage: their quotes, found in the source, overlap its date expression.

Quotes are found as `validate` checks them (kaztimeline/quotes.py): runs of whitespace collapsed on both
sides, each `[…]` fragment in turn, in the text's order. Here each fragment is mapped back to its span in
the original text, so it can be compared with a passage's span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..schema.model import QUOTE_ELISION
from ..values.text import collapse_whitespace
from .passages import Passage

Citation = tuple[str, str, str]  # (event_id, source, quote)


class CollapsedText:
    """A text with its whitespace runs collapsed to one space, and each character's offset in the original."""

    def __init__(self, text: str) -> None:
        pieces: list[str] = []
        offsets: list[int] = []
        for word in re.finditer(r"\S+", text):
            if pieces:
                pieces.append(" ")
                offsets.append(word.start() - 1)
            pieces.append(word.group())
            offsets.extend(range(word.start(), word.end()))
        self.text = "".join(pieces)
        self.offsets = offsets

    def locate(self, quote: str) -> list[tuple[int, int]] | None:
        """The original spans of the quote's fragments, or None when it is not verbatim in the text."""
        spans, position = [], 0
        for fragment in (collapse_whitespace(f) for f in quote.split(QUOTE_ELISION)):
            if not fragment:
                continue
            found = self.text.find(fragment, position)
            if found < 0:
                return None
            position = found + len(fragment)
            spans.append((self.offsets[found], self.offsets[position - 1] + 1))
        return spans


def citing_events(source: str, text: str, passages: Sequence[Passage],
                  citations: Iterable[Citation]) -> list[tuple[str, ...]]:
    """For each passage, the ids of the events whose quote from `source` overlaps its date expression.

    `citations` holds every (event_id, source, quote): the events' own and any further citations; those of
    other sources are skipped, and a quote not found in the text cites nothing (`validate` reports it).
    """
    collapsed = CollapsedText(text)
    cited: list[list[str]] = [[] for _ in passages]
    for event_id, cited_source, quote in citations:
        if cited_source != source:
            continue
        for start, end in collapsed.locate(quote) or ():
            for index, passage in enumerate(passages):
                if passage.start < end and start < passage.end and event_id not in cited[index]:
                    cited[index].append(event_id)
    return [tuple(ids) for ids in cited]
