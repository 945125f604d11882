"""Coverage of the sources: their dated passages, which events cite them, and the exclusions that account
for the rest. Pure: no typer, no rich; the CLI and the renderers call it."""

from .citations import Citation, citing_events
from .exclusions import RULES, Exclusion, SourceCoverage, parse_exclusions, source_coverage
from .passages import Passage, find_passages

__all__ = ["RULES", "Citation", "Exclusion", "Passage", "SourceCoverage", "citing_events", "find_passages",
           "parse_exclusions", "source_coverage"]
