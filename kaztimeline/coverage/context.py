"""A quote in its context: the paragraph of the source around it, its line numbers, and where the quote lies.

A paragraph is a line (the seeds hold one paragraph a line), or a run of non-blank lines in a hard-wrapped
text (most lines shorter than 100 characters, paragraphs parted by blank lines). The quote
is found as `validate` finds it (whitespace collapsed, each `[…]` fragment in order); each fragment's span is
given relative to the paragraph, so a renderer can highlight it (Rich), mark it (plain text) or wrap it (HTML).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .citations import CollapsedText

MARK_OPEN, MARK_CLOSE = ">>>", "<<<"  # how plain text marks the quote inside its paragraph (docs/curation.md)


@dataclass(frozen=True)
class QuoteContext:
    """The paragraph (lines `first_line`..`last_line` of `source`) and the quote's spans within it."""

    source: str
    first_line: int
    last_line: int
    paragraph: str
    spans: tuple[tuple[int, int], ...]

    def marked(self, opening: str = MARK_OPEN, closing: str = MARK_CLOSE) -> str:
        """The paragraph with each quoted fragment between `opening` and `closing`."""
        pieces, position = [], 0
        for start, end in self.spans:
            pieces += [self.paragraph[position:start], opening, self.paragraph[start:end], closing]
            position = end
        return "".join(pieces) + self.paragraph[position:]

    def to_dict(self) -> dict[str, object]:
        """For JSON: the lines, the paragraph, the quote's spans and the marked paragraph."""
        data = asdict(self)
        data["spans"] = [list(span) for span in self.spans]
        data["marked"] = self.marked()
        return data


def quote_context(source: str, text: str, quote: str, collapsed: CollapsedText | None = None) -> QuoteContext | None:
    """The paragraph around `quote` in `text`, or None when the quote is not verbatim in it.

    `collapsed` is `CollapsedText(text)`, when the caller keeps one for several quotes of the same text.
    """
    spans = (collapsed or CollapsedText(text)).locate(quote)
    if not spans:
        return None
    first, last = spans[0][0], spans[-1][1]
    gap = "\n\n" if _hard_wrapped(text) else "\n"
    start = text.rfind(gap, 0, first)
    start = 0 if start < 0 else start + len(gap)
    end = text.find(gap, last)
    end = len(text) if end < 0 else end
    while start < first and text[start] == "\n":
        start += 1
    paragraph = text[start:end].rstrip()
    first_line = text.count("\n", 0, start) + 1
    last_line = first_line + paragraph.count("\n")
    return QuoteContext(source, first_line, last_line, paragraph,
                        tuple((s - start, e - start) for s, e in spans))


def _hard_wrapped(text: str) -> bool:
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    return "\n\n" in text and bool(lengths) and lengths[len(lengths) // 2] < 100
