"""Every curation rule in one place: `kaztimeline validate`, `kaztimeline add` and the dataset tests run these
(the storyline tables' own rules are in `curation.storylines`).

Loading refuses only what would make filtering wrong and stops there. Validation reads the vocabularies, the
seeds and the data package schema as well, and reports every problem, errors and warnings, each with its
file, line and column. It never raises on bad input: an unreadable file is a problem like any other.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import DataError
from ..files.citations import citations_path
from ..files.load import STDIN, CsvCells, build_events, decode, read_source_bytes, scan_csv
from ..files.storylines import storyline_paths
from ..files.vocabularies import vocabulary_paths
from ..resources import bundled_seeds
from ..schema import model
from ..schema.descriptor import (
    ALL,
    LOADING,
    bundled_descriptor,
    column_problems,
    constraint_problems,
    header_problems,
    resource_fields,
)
from ..schema.problems import Problem, Severity
from ..values.dates import is_partial_date
from ..values.text import fold, spelling_index
from .actors import Records, actor_problems
from .citations import citation_problems
from .quotes import SeedTexts, collapsed_quote_problem, quote_problem
from .storylines import storyline_problems

DUPLICATE_TITLE_RATIO = 0.9  # difflib ratio of folded titles, same date, above which rows look like one event
DUPLICATE_MESSAGE = "likely duplicate of line"
THEME_COUNT = (8, 15)  # a readable filter list; 15 is also the number of distinct theme colours
PLACES_HINT = " (add a places.csv beside the events file to map it)"
VOCABULARIES = {"actors": model.ACTOR_COLUMNS, "themes": model.THEME_COLUMNS, "sources": model.SOURCE_COLUMNS,
                "places": model.PLACE_COLUMNS}

__all__ = ["Problem", "Severity", "Context", "context_for", "validate_events", "validate_text", "quote_problem",
           "shown_path"]


@dataclass(frozen=True)
class Context:
    """Where the rules look: the vocabulary files, the folders holding seed texts, the schema, the further
    citations (None: the events have none)."""

    vocabularies: dict[str, Path]
    seed_dirs: tuple[Path, ...]
    descriptor: Path = field(default_factory=bundled_descriptor)
    storylines: dict[str, Path] = field(default_factory=dict)  # the storyline tables beside the events file
    # A user's own events without a places.csv beside them: an unknown location is a warning, not an error.
    places_optional: bool = False
    citations: Path | None = None


def context_for(events_path: str | Path) -> Context:
    """Vocabularies beside the events file (else bundled); seeds in `../seeds` beside its folder, then bundled."""
    dirs = [bundled_seeds()]
    if str(events_path) != STDIN:
        beside = Path(events_path).resolve().parent.parent / "seeds"
        if beside.is_dir() and beside.resolve() != bundled_seeds().resolve():
            dirs.insert(0, beside)
    paths = vocabulary_paths(events_path)
    bundled_data = bundled_seeds().parent / "data"
    optional = (paths["places"].parent.resolve() == bundled_data.resolve()
                and (str(events_path) == STDIN or Path(events_path).resolve().parent != bundled_data.resolve()))
    vocabularies = {kind: shown_path(path) for kind, path in paths.items()}
    storylines = {kind: shown_path(path) for kind, path in storyline_paths(events_path).items()}
    citations = citations_path(events_path)
    return Context(vocabularies, tuple(shown_path(d) for d in dirs), storylines=storylines, places_optional=optional,
                   citations=shown_path(citations) if citations is not None else None)


def shown_path(path: str | Path) -> Path:
    """Relative to the working directory when inside it, so messages read like a path the user would type."""
    try:
        return Path(path).resolve().relative_to(Path.cwd())
    except ValueError:
        return Path(path)


def validate_events(path: str | Path, context: Context | None = None) -> list[Problem]:
    """Every problem in an events file and the vocabularies it uses, in file and line order."""
    name, text, problems = read_text(path)
    if text is None:
        return problems
    return validate_text(name, text, context or context_for(path))


def validate_text(name: str, text: str, context: Context) -> list[Problem]:
    """Like `validate_events`, for events already read (`add` checks the file it is about to write)."""
    table, problems = scan_csv(name, text, model.REQUIRED_EVENT_COLUMNS)
    vocab = Vocabulary.read(context)
    if table is not None:
        problems += _event_problems(table, vocab, context)
    if context.storylines:
        ids = None if table is None or "id" not in table.header else {row[table.header.index("id")]
                                                                      for row in table.rows}
        problems += storyline_problems(context.storylines, ids, context.descriptor, Path(name).name)
    if context.citations is not None:
        problems += _citations_problems(context, table, vocab)
    order = [name, *(str(path) for path in context.vocabularies.values()),
             *(str(path) for path in context.storylines.values()), str(context.citations)]
    return sort_problems(problems + vocab.problems, order)


def _citations_problems(context: Context, events: CsvCells | None, vocab: Vocabulary) -> list[Problem]:
    """The citations file's problems, against the events' ids (when the events file could be read)."""
    assert context.citations is not None
    table, problems = read_table_or_problems(context.citations, model.REQUIRED_CITATION_COLUMNS)
    if table is None:
        return problems
    primary: dict[str, tuple[str, str]] | None = None
    if events is not None:
        at = [events.header.index(c) for c in ("id", "source", "quote")]
        primary = {row[at[0]]: (row[at[1]], row[at[2]]) for row in events.rows}
    return problems + citation_problems(table, primary, vocab.sources, SeedTexts(context.seed_dirs),
                                        context.descriptor)


def read_text(path: str | Path) -> tuple[str, str | None, list[Problem]]:
    """The display name and text of a file, or None and why it cannot be read as UTF-8."""
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        name, data = read_source_bytes(path)
    except DataError as exc:
        return name, None, [Problem(name, None, "", exc.message.removeprefix(f"{name}: "))]
    text, problem = decode(name, data)
    return name, (None if problem else text), [problem] if problem else []


def read_table_or_problems(path: str | Path, required: tuple[str, ...]) -> tuple[CsvCells | None, list[Problem]]:
    """`files.load.read_table` for validate: what cannot be read is reported with the rest, not raised."""
    name, text, problems = read_text(path)
    if text is None:
        return None, problems
    return scan_csv(name, text, required)


def sort_problems(problems: Iterable[Problem], files: list[str]) -> list[Problem]:
    """File by file in the given order, then line, then column in schema order; stable otherwise."""
    rank = {c: i for columns in (model.CITATION_COLUMNS, model.EVENT_COLUMNS, *VOCABULARIES.values())
            for i, c in enumerate(columns)}
    file_rank = {file: i for i, file in reversed(list(enumerate(files)))}
    return sorted(problems, key=lambda p: (file_rank.get(p.file, len(files)), p.line or 0, rank.get(p.column, 99)))


# --- vocabularies -------------------------------------------------------------------------------------------

@dataclass
class Vocabulary:
    """What the event rules need from the vocabularies; a set is None when its file cannot be read."""

    actors: set[str] | None
    spellings: dict[str, str]  # folded name or alias -> canonical name, for "did you mean"
    themes: set[str] | None
    sources: set[str] | None
    problems: list[Problem]
    places: set[str] | None = None
    place_spellings: dict[str, str] = field(default_factory=dict)  # folded name or alias -> place

    @classmethod
    def read(cls, context: Context) -> Vocabulary:
        """The vocabularies beside the events, with every problem they have."""
        records, problems = _read_vocabularies(context)
        problems += _vocabulary_problems(records, {kind: str(path) for kind, path in context.vocabularies.items()})
        actors, places = records["actors"], records["places"]
        return cls(
            places=_keys(places, "name"),
            place_spellings=_spellings(places),
            actors=_keys(actors, "name"),
            spellings=_spellings(actors),
            themes=_keys(records["themes"], "id"),
            sources=_keys(records["sources"], "source"),
            problems=problems,
        )


def _read_vocabularies(context: Context) -> tuple[dict[str, Records | None], list[Problem]]:
    """Each vocabulary's rows (None when it cannot be read), and its structure and schema problems."""
    problems: list[Problem] = []
    records: dict[str, Records | None] = {}
    for kind, required in VOCABULARIES.items():
        table, found = read_table_or_problems(context.vocabularies[kind], required)
        if table is not None:
            fields = resource_fields(kind, context.descriptor)
            found += header_problems(table, fields) + constraint_problems(table, fields)
        records[kind] = _records(table)
        problems += found
    return records, problems


def _vocabulary_problems(records: dict[str, Records | None], file: dict[str, str]) -> list[Problem]:
    """The rules the schema cannot state: actors' member_of and spellings, the theme count, sources' dates."""
    actors, themes, sources = records["actors"], records["themes"], records["sources"]
    problems = [] if actors is None else actor_problems(file["actors"], actors)
    if themes is not None and not THEME_COUNT[0] <= len(themes) <= THEME_COUNT[1]:
        problems.append(Problem(file["themes"], None, "", f"{len(themes)} themes; keep {THEME_COUNT[0]} to "
                                f"{THEME_COUNT[1]} so filters and colours stay readable", "warning"))
    for line, record in sources or []:
        if record.get("published") and not is_partial_date(record["published"]):
            problems.append(Problem(file["sources"], line, "published",
                                    f'"{record["published"]}" is not a calendar date'))
    return problems


def _keys(records: Records | None, column: str) -> set[str] | None:
    return None if records is None else {record[column] for _, record in records}


def _spellings(records: Records | None) -> dict[str, str]:
    """Folded name or alias -> canonical name (the first row to use a spelling keeps it), for "did you mean"."""
    return spelling_index((record["name"], model.split_list(record["aliases"])) for _, record in records or [])


def _records(table: CsvCells | None) -> Records | None:
    if table is None:
        return None
    return [(line, dict(zip(table.header, row))) for line, row in zip(table.lines, table.rows)]


# --- events ---------------------------------------------------------------------------------------------------

def _event_problems(table: CsvCells, vocab: Vocabulary, context: Context) -> list[Problem]:
    fields = resource_fields("events", context.descriptor)
    events, problems = build_events(table, fields)
    name = table.name
    seeds = SeedTexts(context.seed_dirs)
    by_date: dict[str, list[tuple[int, str]]] = {}
    for line, row in zip(events.lines.tolist(), events.records()):
        problems += _list_problems(name, line, row, vocab, context.places_optional)
        problems += _source_problems(name, line, row, vocab, seeds)
        if row["date"] and row["title"]:
            by_date.setdefault(row["date"], []).append((line, row["title"]))
    for rows in by_date.values():
        for line, other_line, other_title in likely_duplicates(rows):
            problems.append(duplicate_problem(name, line, other_line, other_title))
    problems += header_problems(table, fields, optional=model.OPTIONAL_EVENT_COLUMNS)
    # Loading checked the LOADING constraints; the patterns and lengths are left, except where a rule above
    # already said what is wrong with a cell (a date's grammar, a list's empty item).
    return problems + column_problems(name, events.data, events.lines, fields, ALL - LOADING, found=problems)


def duplicate_problem(name: str, line: int, other_line: int, other_title: str) -> Problem:
    return Problem(name, line, "title", f'{DUPLICATE_MESSAGE} {other_line} ("{other_title}"): same date, '
                   "near-identical title", "warning")


def likely_duplicates(rows: list[tuple[int, str]]) -> Iterable[tuple[int, int, str]]:
    """(line, earlier line, earlier title) for each title near-identical to an earlier one of the same date.

    difflib's ratio is 2*matches/(len a + len b), and matches never exceed the characters the two titles
    have in common, so that bound, computed for a whole group at once, leaves few pairs for difflib.
    """
    if len(rows) < 2:
        return
    folded = [fold(title) for _, title in rows]
    alphabet = {ch: i for i, ch in enumerate(sorted(set("".join(folded))))}
    counts = np.zeros((len(rows), max(len(alphabet), 1)), dtype=np.int32)
    for i, text in enumerate(folded):
        np.add.at(counts[i], [alphabet[ch] for ch in text], 1)
    lengths = counts.sum(axis=1)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for i in range(1, len(rows)):
        shared = np.minimum(counts[:i], counts[i]).sum(axis=1)
        bound = 2 * shared / np.maximum(lengths[:i] + lengths[i], 1)
        candidates = np.flatnonzero(bound >= DUPLICATE_TITLE_RATIO)
        if not len(candidates):
            continue
        matcher.set_seq2(folded[i])
        for j in candidates:
            matcher.set_seq1(folded[j])
            if matcher.ratio() >= DUPLICATE_TITLE_RATIO:
                yield rows[i][0], rows[j][0], rows[j][1]
                break


def _list_problems(name: str, line: int, row: dict[str, str], vocab: Vocabulary, places_optional: bool = False
                   ) -> list[Problem]:
    problems = []
    for column in model.LIST_COLUMNS:
        cell = row[column]
        if cell and any(not part.strip() for part in cell.split(model.LIST_SEPARATOR)):
            problems.append(Problem(name, line, column, f'"{cell}" has an empty item: a doubled, leading or '
                                    "trailing ;"))
    known = {"actors": vocab.actors, "themes": vocab.themes, "location": vocab.places}
    for column, names in known.items():
        if names is None:
            continue
        items = model.split_list(row[column])
        for item in items:
            if item not in names:
                optional = places_optional and column == "location"
                message = _unknown(item, column, names, vocab)
                if optional and "is not in" in message:
                    message = message.replace("is not in places.csv", "is not in the bundled places.csv") + PLACES_HINT
                problems.append(Problem(name, line, column, message, "warning" if optional else "error"))
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            problems.append(Problem(name, line, column, f'"{repeated[0]}" is listed twice', "warning"))
    return problems


def _unknown(item: str, column: str, names: set[str], vocab: Vocabulary) -> str:
    spellings = {"actors": vocab.spellings, "location": vocab.place_spellings}.get(column, {})
    canonical = spellings.get(fold(item))
    if canonical:
        return f'"{item}" is a spelling of "{canonical}"; use the canonical name'
    close = difflib.get_close_matches(item, sorted(names), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f'"{item}" is not in {"places" if column == "location" else column}.csv{hint}'


def _source_problems(name: str, line: int, row: dict[str, str], vocab: Vocabulary, seeds: SeedTexts
                     ) -> list[Problem]:
    source, quote = row["source"], row["quote"]
    if not source:
        return []  # reported as a missing required value
    if Path(source).name != source or source in (".", ".."):
        return [Problem(name, line, "source", f'"{source}" must be a file name in seeds/, not a path')]
    problems = []
    if vocab.sources is not None and source not in vocab.sources:
        close = difflib.get_close_matches(source, sorted(vocab.sources), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        problems.append(Problem(name, line, "source", f'"{source}" is not in sources.csv{hint}'))
    if not quote.strip():
        return problems
    text = seeds.get(source)
    if text is None:
        if not problems:
            where = " or ".join(str(d) for d in seeds.dirs)
            problems.append(Problem(name, line, "quote", f"could not be checked: no source text {source} in {where}",
                                    "warning"))
        return problems
    message = collapsed_quote_problem(quote, text, source)
    if message:
        problems.append(Problem(name, line, "quote", message))
    return problems
