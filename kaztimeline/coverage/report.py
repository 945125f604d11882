"""The coverage of a data folder's sources, read from its files: what `kaztimeline coverage` and `validate` use.

A data folder is the folder of an events file: `events.csv`, `citations.csv` (further citations) and
`exclusions.csv` beside it, its source texts in `../seeds/` (the bundled seeds as a fallback, as `validate`
looks for them). Citations are the events' own quotes and every quote of `citations.csv`. Pure: no Typer, no Rich.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, UsageError
from ..files.load import STDIN, decode_text, default_events_path, read_source_bytes
from ..resources import bundled_seeds
from ..schema.problems import Problem
from .citations import Citation, CollapsedText
from .context import quote_context
from .exclusions import Exclusion, SourceCoverage, dangling_problems, parse_exclusions, source_coverage
from .passages import Passage

COLUMNS: tuple[str, ...] = ("source", "line", "date", "end_date", "date_qualifier", "basis", "expression",
                            "status", "by", "passage")
SUMMARY_COLUMNS: tuple[str, ...] = ("source", "dated", "cited", "excluded", "left")


@dataclass(frozen=True)
class DataFolder:
    """Where one events file's companions live."""

    events: Path
    seed_dirs: tuple[Path, ...]

    @classmethod
    def of(cls, events_path: str | Path | None) -> DataFolder:
        events = Path(events_path if events_path and str(events_path) != STDIN else default_events_path())
        dirs = [bundled_seeds()]
        beside = events.resolve().parent.parent / "seeds"
        if beside.is_dir() and beside.resolve() != bundled_seeds().resolve():
            dirs.insert(0, beside)
        return cls(events, tuple(dirs))

    @property
    def folder(self) -> Path:
        return self.events.parent

    def seed_path(self, source: str) -> Path | None:
        for folder in self.seed_dirs:
            if (folder / source).is_file():
                return folder / source
        return None

    def seeds(self) -> list[Path]:
        """Every source text, by file name (a data folder's own seed hides a bundled one of the same name)."""
        found: dict[str, Path] = {}
        for folder in self.seed_dirs:
            for path in sorted(folder.glob("*.txt")):
                found.setdefault(path.name, path)
        return [found[name] for name in sorted(found)]


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV's rows as dicts; a missing file has none."""
    if not path.is_file():
        return []
    name, data = read_source_bytes(path)
    return list(csv.DictReader(io.StringIO(decode_text(name, data), newline="")))


def citations(folder: DataFolder) -> list[Citation]:
    """Every (event_id, source, quote): the events' own, then the further citations of `citations.csv`."""
    found = [(row.get("id", ""), row.get("source", ""), row.get("quote", "")) for row in read_rows(folder.events)]
    found += [(row.get("event_id", ""), row.get("source", ""), row.get("quote", ""))
              for row in read_rows(folder.folder / "citations.csv")]
    return [c for c in found if all(c)]


def exclusions(folder: DataFolder) -> tuple[str, list[Exclusion], list[Problem]]:
    path = folder.folder / "exclusions.csv"
    if not path.is_file():
        return str(path), [], []
    name, data = read_source_bytes(path)
    found, problems = parse_exclusions(name, decode_text(name, data))
    return name, found, problems


def published(folder: DataFolder) -> dict[str, str]:
    """Each source's publication date, the reference its relative dates are read against."""
    from ..files.vocabularies import vocabulary_paths

    return {row["source"]: row.get("published", "") for row in read_rows(vocabulary_paths(folder.events)["sources"])}


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_text(str(path), data)


def coverages(folder: DataFolder, texts: Iterable[Path] | None = None) -> list[SourceCoverage]:
    """The coverage of each text given (default: every seed of the folder), in order."""
    cited = citations(folder)
    _, excluded, _ = exclusions(folder)
    dates = published(folder)
    result = []
    for path in (folder.seeds() if texts is None else texts):
        result.append(source_coverage(path.name, read_text_file(path), cited, excluded,
                                      dates.get(path.name) or None))
    return result


def passage_rows(coverage: SourceCoverage, left_only: bool = False) -> list[list[str]]:
    """One row of text cells per passage, in `COLUMNS` order."""
    rows = []
    for passage, by, exclusion in zip(coverage.passages, coverage.cited_by, coverage.excluded_by):
        if by:
            status, who = "cited", ";".join(by)
        elif exclusion:
            status, who = "excluded", exclusion.rule
        else:
            status, who = "left", ""
        if left_only and status != "left":
            continue
        rows.append([coverage.source, str(passage.line), passage.date, passage.end_date, passage.qualifier,
                     passage.basis, passage.expression, status, who, passage.sentence])
    return rows


def summary_rows(items: Iterable[SourceCoverage]) -> list[list[str]]:
    return [[c.source, *(str(c.counts[k]) for k in SUMMARY_COLUMNS[1:])] for c in items]


def exclusion_problems(events_path: str | Path) -> list[Problem]:
    """For `validate`: unreadable or malformed exclusion rows, unknown sources, rows pointing at no passage."""
    if str(events_path) == STDIN:
        return []
    folder = DataFolder.of(events_path)
    try:
        name, excluded, problems = exclusions(folder)
        if not excluded:
            return problems
        seeds = {path.name: path for path in folder.seeds()}
        wanted = [seeds[name_] for name_ in sorted({e.source for e in excluded}) if name_ in seeds]
        found = coverages(folder, wanted)
    except DataError as exc:
        return [Problem(str(folder.folder / "exclusions.csv"), None, "", exc.message)]
    return problems + dangling_problems(name, found, set(seeds), excluded)


def passage_at(folder: DataFolder, reference: str) -> tuple[str, Passage]:
    """The passage `SOURCE:LINE` names (the first on that line not yet cited or excluded, else the first).

    SOURCE is a source text's file name in the data's seeds/; the line is the one `coverage` lists.
    """
    source, _, line = reference.rpartition(":")
    if not source or not line.isdigit():
        raise UsageError(f'--from-passage "{reference}": give SOURCE:LINE, as `kaztimeline coverage` lists them')
    path = folder.seed_path(source)
    if path is None:
        raise UsageError(f'--from-passage: "{source}" is not a source text in '
                         f'{" or ".join(str(d) for d in folder.seed_dirs)}; register it first')
    [found] = coverages(folder, [path])
    on_line = [(p, by, ex) for p, by, ex in zip(found.passages, found.cited_by, found.excluded_by)
               if p.line == int(line)]
    if not on_line:
        raise UsageError(f"--from-passage: line {line} of {source} has no dated passage")
    left = [p for p, by, ex in on_line if not by and not ex]
    return source, (left or [p for p, _, _ in on_line])[0]


def event_contexts(folder: DataFolder, records: Iterable[dict[str, str]]) -> dict[str, list[dict[str, object]]]:
    """Each event's quotes (its own, then its further citations) in their paragraphs, by event id.

    Each item has `relation` ("primary", or the citation's: supports, differs...), `source`, `quote` and, when
    the text is available and the quote verbatim in it, `first_line`, `last_line`, `paragraph`, `spans` and
    `marked` (the paragraph with the quote between >>> and <<<); else `paragraph` is None.
    """
    further: dict[str, list[tuple[str, str, str]]] = {}
    for row in read_rows(folder.folder / "citations.csv"):
        further.setdefault(row.get("event_id", ""), []).append(
            (row.get("relation", "") or "cites", row.get("source", ""), row.get("quote", "")))
    texts: dict[str, tuple[str, CollapsedText] | None] = {}
    found: dict[str, list[dict[str, object]]] = {}
    for record in records:
        wanted = [("primary", record.get("source", ""), record.get("quote", "")), *further.get(record["id"], ())]
        items = found.setdefault(record["id"], [])
        for relation, cited, quote in wanted:
            if cited not in texts:
                path = folder.seed_path(cited) if cited and "/" not in cited else None
                text = read_text_file(path) if path else None
                texts[cited] = (text, CollapsedText(text)) if text is not None else None
            seed = texts[cited]
            context = quote_context(cited, seed[0], quote, seed[1]) if seed and quote else None
            item: dict[str, object] = {"relation": relation, "source": cited, "quote": quote}
            item.update(context.to_dict() if context else {"paragraph": None})
            items.append(item)
    return found
