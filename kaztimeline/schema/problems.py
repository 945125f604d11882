"""One problem found in a data file, located by file, line and column, in the `file:line: column: message` form.

Loading stops at errors and `validate` reports them all; both describe what they find with `Problem`, so a
message reads the same whichever command met it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None  # physical line (1-based) where the row starts; None for the whole file
    column: str  # column name, "" when the problem is not about one cell
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where, self.column, "warning" if self.severity == "warning" else "", self.message]
        return ": ".join(part for part in parts if part)

    def to_dict(self) -> dict[str, str | int | None]:
        return asdict(self)
