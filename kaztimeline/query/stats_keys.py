"""The keys `stats --by` counts under, apart from the counting (which needs pandas), so that tab completion
and option checks can name them without loading the data stack."""

from __future__ import annotations

from ..errors import UsageError

KEYS: tuple[str, ...] = ("year", "quarter", "month", "actor", "theme", "claim-type", "source")
TIME_KEYS: tuple[str, ...] = ("year", "quarter", "month")
MULTI_VALUED: dict[str, str] = {"actor": "actors", "theme": "themes", "source": "sources"}  # key -> what it lists


def parse_keys(text: str) -> tuple[str, ...]:
    """`year` or `year,theme`, in any case; anything else is a usage error naming the valid keys."""
    keys = tuple(part.strip().lower().replace("_", "-") for part in text.split(","))
    valid = ", ".join(KEYS)
    if not 1 <= len(keys) <= 2 or not all(keys):
        raise UsageError(f'--by "{text}": give one key or two separated by a comma ({valid})')
    for key in keys:
        if key not in KEYS:
            raise UsageError(f'--by: unknown key "{key}"; use one of {valid}')
    if len(keys) == 2 and keys[0] == keys[1]:
        raise UsageError(f'--by "{text}": the two keys must differ')
    return keys


__all__ = ["KEYS", "MULTI_VALUED", "TIME_KEYS", "parse_keys"]
