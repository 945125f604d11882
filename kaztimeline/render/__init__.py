"""All output formatting lives here. Machine formats need only the standard library; Rich is imported
by the terminal renderers alone, so a pipe never pays for it."""

from __future__ import annotations

MACHINE_FORMATS: tuple[str, ...] = ("tsv", "csv", "md", "json", "jsonl")
LIST_FORMATS: tuple[str, ...] = ("table", *MACHINE_FORMATS)
