"""What backs an event: its primary citation (events.csv `source` + `quote`) and any further ones
(citations.csv), and how its date is known (`date_basis`). Pure record helpers, shared by every view.

An event is *corroborated* when two or more distinct sources tell it, and *disputed* when a further
citation `differs` from it (its figures, dates or titles do not match): every view shows that sign, so a
reader never takes one source's version for the only one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

PRIMARY = "primary"
DIFFERS = "differs"
DISPUTED_SIGN = "≠"
DISPUTED_LABEL = "sources differ"


@dataclass(frozen=True)
class Citation:
    """One passage of one source that tells an event. `relation` is `primary` for the events.csv one."""

    source: str
    quote: str
    relation: str
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


Citations = Mapping[str, Sequence[Citation]]  # event id -> its further citations, in file order


def citations_of(record: Mapping[str, str], further: Citations) -> list[Citation]:
    """Every citation of an event, the primary one first."""
    primary = Citation(record.get("source", ""), record.get("quote", ""), PRIMARY)
    return [primary, *further.get(record.get("id", ""), ())]


def sources_of(record: Mapping[str, str], further: Citations) -> list[str]:
    """The distinct sources that tell an event, the primary one first."""
    return list(dict.fromkeys(c.source for c in citations_of(record, further) if c.source))


def is_disputed(record: Mapping[str, str], further: Citations) -> bool:
    return any(c.relation == DIFFERS for c in further.get(record.get("id", ""), ()))


def evidence_fields(record: Mapping[str, str], further: Citations) -> dict[str, object]:
    """What JSON output adds to an event: every citation (primary first), its sources, the disputed flag."""
    return {
        "citations": [c.to_dict() for c in citations_of(record, further)],
        "sources": sources_of(record, further),
        "disputed": is_disputed(record, further),
    }


def marked_title(record: Mapping[str, str], further: Citations) -> str:
    """The title with the disputed sign, for views that have only the title to carry it (Markdown, text)."""
    title = record.get("title", "")
    return f"{title} [{DISPUTED_SIGN} {DISPUTED_LABEL}]" if is_disputed(record, further) else title
