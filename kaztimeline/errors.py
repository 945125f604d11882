"""One small error hierarchy; the CLI turns it into exit codes at the edge (see `ExitStatus`)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Documented exit codes: 0 success (also when nothing matches), 1 data or I/O error, 2 usage error."""

    SUCCESS = 0
    DATA_ERROR = 1
    USAGE_ERROR = 2


class KaztimelineError(Exception):
    """Base class: a message meant for the user, and the exit status it maps to."""

    exit_status: ExitStatus = ExitStatus.DATA_ERROR

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # One line per problem (`file:line: column: message`), for errors that have several.
        self.problems = problems or []

    def lines(self) -> list[str]:
        return self.problems or [self.message]


class DataError(KaztimelineError):
    """A data file is missing, unreadable, not UTF-8 CSV, or breaks the schema."""


class OutputError(KaztimelineError):
    """Writing a result failed (unwritable directory, full disk); nothing was half-written."""


class UsageError(KaztimelineError):
    """The command line asks for something impossible: an unknown actor, a reversed window..."""

    exit_status = ExitStatus.USAGE_ERROR
