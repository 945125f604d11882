"""Which separator a CSV file uses, told from its header line alone.

Spreadsheets save "CSV" with the separator of the user's locale: a French Excel writes `;`, some tools a
tab. The header row of an events or vocabulary file is plain column names, none of which contains a
separator, so the header shows which one the file uses without guessing from the data: the one candidate
(`,` `;` or tab) the header line contains, or, if it contains several, the one that splits it into the
required columns. Anything else is one line saying what is wrong.
"""

from __future__ import annotations

from ..schema.problems import Problem

SEPARATORS = (",", ";", "\t")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def separator_name(separator: str) -> str:
    return _NAMES.get(separator, repr(separator))


def sniff_separator(name: str, text: str, required: tuple[str, ...]) -> tuple[str, Problem | None]:
    """The separator of the first non-blank line of `text`, or "," and the problem if it cannot be told."""
    line_number, header = _first_line(text)
    if header is None or '"' in header:
        return ",", None  # an empty file, or a quoted header: the comma reader reports it as before
    found = [s for s in SEPARATORS if s in header]
    if len(found) <= 1:
        return (found[0] if found else ","), None
    fitting = [s for s in found if all(c in [n.strip() for n in header.split(s)] for c in required)]
    if len(fitting) == 1:
        return fitting[0], None
    counts = ", ".join(f"{header.count(s)} {separator_name(s)}{'s' if header.count(s) > 1 else ''}" for s in found)
    return ",", Problem(name, line_number, "", f"the header mixes separators ({counts}); save the file as CSV "
                                               "with one separator (comma, semicolon or tab)")


def _first_line(text: str) -> tuple[int, str | None]:
    for number, line in enumerate(text[:1 << 16].splitlines(), start=1):
        if line.strip():
            return number, line
    return 1, None
