"""Exclusions, the curation decisions written down, and the coverage they give a source.

`data/exclusions.csv` (`source,line,passage,rule,reason`) says which dated passages the curation rules keep
out of the timeline. `passage` is verbatim text on that line of the source (the date expression, or a short
excerpt around it); the row excludes every dated passage it overlaps. `rule` is one of `RULES`. A source is
fully accounted for when each of its dated passages is cited by an event or excluded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..schema.problems import Problem
from .citations import Citation, CollapsedText, citing_events
from .passages import Passage, find_passages

EXCLUSION_COLUMNS: tuple[str, ...] = ("source", "line", "passage", "rule", "reason")

RULES: dict[str, str] = {
    "publication-date-of-other-article": "the date of another article or piece the text lists or cites",
    "publication-date": "the text's own date line (byline)",
    "undated-figure": "a figure or state the text dates only as a target, horizon or range of validity",
    "current-state": "a present-tense state ('actuellement', 'aujourd'hui', 'currently'), not an event",
    "generic": "a date in a generality or forecast with no dated happening (\"à l'horizon 2025\")",
    "duplicate-of-cited": "the same happening as a passage an event already cites",
    "not-an-event": "a date that is not the time of anything that happened (a quote's figure of speech)",
    "outside-scope": "a dated happening outside the timeline's subject (Kazakhstan's security and foreign policy)",
}


@dataclass(frozen=True)
class Exclusion:
    source: str
    line: int
    passage: str
    rule: str
    reason: str
    row: int = 0  # physical line of the row in the exclusions file, for messages


@dataclass
class SourceCoverage:
    """A source's dated passages, who cites each, and which exclusion (if any) accounts for it."""

    source: str
    passages: list[Passage]
    cited_by: list[tuple[str, ...]]
    excluded_by: list[Exclusion | None]
    dangling: list[Exclusion] = field(default_factory=list)  # point at no dated passage of the source

    @property
    def counts(self) -> dict[str, int]:
        cited = sum(1 for ids in self.cited_by if ids)
        excluded = sum(1 for ids, ex in zip(self.cited_by, self.excluded_by) if ex and not ids)
        return {"dated": len(self.passages), "cited": cited, "excluded": excluded,
                "left": len(self.passages) - cited - excluded, "dangling": len(self.dangling)}

    def left(self) -> list[Passage]:
        return [p for p, ids, ex in zip(self.passages, self.cited_by, self.excluded_by) if not ids and not ex]


def parse_exclusions(name: str, text: str) -> tuple[list[Exclusion], list[Problem]]:
    """Read the exclusions table; every problem names the file, its line and the column."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != list(EXCLUSION_COLUMNS):
        return [], [Problem(name, 1, "", f"the header must be {','.join(EXCLUSION_COLUMNS)}")]
    exclusions, problems = [], []
    for row in reader:
        line = reader.line_num
        if len(row) != len(EXCLUSION_COLUMNS):
            problems.append(Problem(name, line, "", f"expected {len(EXCLUSION_COLUMNS)} cells, found {len(row)}"))
            continue
        cells = dict(zip(EXCLUSION_COLUMNS, row))
        for column in EXCLUSION_COLUMNS:
            if not cells[column].strip():
                problems.append(Problem(name, line, column, "is empty"))
        if cells["rule"] and cells["rule"] not in RULES:
            problems.append(Problem(name, line, "rule", f'"{cells["rule"]}" is not one of {", ".join(RULES)}'))
        if not cells["line"].isdigit() or int(cells["line"]) < 1:
            problems.append(Problem(name, line, "line", f'"{cells["line"]}" is not a line number'))
            continue
        exclusions.append(Exclusion(cells["source"], int(cells["line"]), cells["passage"], cells["rule"],
                                    cells["reason"], line))
    return exclusions, problems


def excluded_passages(exclusion: Exclusion, text: str, passages: Sequence[Passage]) -> list[int]:
    """Indexes of the passages on the exclusion's line that its verbatim excerpt overlaps."""
    lines = text.split("\n")
    if exclusion.line > len(lines):
        return []
    line_start = sum(len(line) + 1 for line in lines[:exclusion.line - 1])
    spans = CollapsedText(lines[exclusion.line - 1]).locate(exclusion.passage) or []
    return [index for index, passage in enumerate(passages) if passage.line == exclusion.line
            and any(line_start + start < passage.end and passage.start < line_start + end for start, end in spans)]


def source_coverage(source: str, text: str, citations: Iterable[Citation], exclusions: Iterable[Exclusion],
                    reference: str | None = None) -> SourceCoverage:
    """What a source's dated passages became: cited (by which events), excluded (by which row), or left."""
    passages = find_passages(text, reference)
    cited_by = citing_events(source, text, passages, citations)
    excluded_by: list[Exclusion | None] = [None] * len(passages)
    dangling = []
    for exclusion in exclusions:
        if exclusion.source != source:
            continue
        hits = excluded_passages(exclusion, text, passages)
        if not hits:
            dangling.append(exclusion)
        for index in hits:
            excluded_by[index] = excluded_by[index] or exclusion
    return SourceCoverage(source, passages, cited_by, excluded_by, dangling)


def dangling_problems(name: str, coverages: Iterable[SourceCoverage], known_sources: set[str],
                      exclusions: Iterable[Exclusion]) -> list[Problem]:
    """For validate: exclusions of unknown sources, and exclusions that point at no dated passage."""
    problems = [Problem(name, e.row, "source", f'"{e.source}" is not a known source')
                for e in exclusions if e.source not in known_sources]
    for coverage in coverages:
        problems += [Problem(name, e.row, "passage", f'"{e.passage}" is not a dated passage on line {e.line} '
                             f"of {e.source}") for e in coverage.dangling]
        problems += _needless(name, coverage)
    return problems


def _needless(name: str, coverage: SourceCoverage) -> list[Problem]:
    """Warnings for exclusions whose every passage an event cites: a citation accounts for a passage first, so
    such a row no longer decides anything and would mislead a reader of exclusions.csv."""
    covered: dict[int, tuple[Exclusion, set[str]]] = {}
    open_rows: set[int] = set()
    for ids, exclusion in zip(coverage.cited_by, coverage.excluded_by):
        if exclusion is None:
            continue
        covered.setdefault(exclusion.row, (exclusion, set()))[1].update(ids)
        if not ids:
            open_rows.add(exclusion.row)
    return [Problem(name, row, "passage", f'"{exclusion.passage}" is cited by {", ".join(sorted(ids))}; '
                    "the exclusion is not needed", severity="warning")
            for row, (exclusion, ids) in sorted(covered.items()) if row not in open_rows]
