"""Storylines in queries: what `--storyline` names, which events it keeps, story order, and the listing rows.

A storyline is named like an actor: by its id or its title, case-, accent- and punctuation-insensitive
(`values.text.fold`), or by a prefix of either that only one storyline has.
"""

from __future__ import annotations

import difflib

import numpy as np
import pyarrow.compute as pc

from ..errors import UsageError
from ..files.load import EventTable
from ..files.storylines import Storyline, Storylines
from ..values.arrowtext import numpy_values, take_chunked, text_array
from ..values.text import fold

STORYLINE_COLUMNS = ["id", "title", "events", "span"]


def _keys(story: Storyline) -> tuple[str, str]:
    return fold(story.id), fold(story.title)


def knows(storylines: Storylines, typed: str) -> bool:
    try:
        resolve(storylines, typed)
    except UsageError:
        return False
    return True


def resolve(storylines: Storylines, typed: str) -> Storyline:
    """The one storyline `typed` names: an exact id or title first, else a unique prefix of one."""
    key = fold(typed)
    stories = list(storylines.stories.values())
    exact = [s for s in stories if key and key in _keys(s)]
    if len(exact) == 1:
        return exact[0]
    prefixed = [s for s in stories if key and any(k.startswith(key) for k in _keys(s))]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        names = ", ".join(s.id for s in prefixed[:5])
        raise UsageError(f'storyline "{typed}" is ambiguous: {names} match; type more of it')
    if not stories:
        raise UsageError(f'unknown storyline "{typed}": this events file has no storylines '
                         "(storylines.csv and storyline_events.csv beside it)")
    close = _close(key, stories)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f'unknown storyline "{typed}"{hint} (`kaztimeline storylines` lists them)')


def _close(key: str, stories: list[Storyline], cutoff: float = 0.6) -> list[str]:
    """Ids of the storylines whose id or title, whole or cut to the length typed, is close to `key`."""
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)
    scored = []
    for story in stories:
        best = 0.0
        for spelling in _keys(story):
            for candidate in (spelling, spelling[:len(key)]):
                matcher.set_seq1(candidate)
                best = max(best, matcher.ratio())
        if best >= cutoff:
            scored.append((-best, story.id))
    return [story_id for _, story_id in sorted(scored)[:3]]


def resolve_all(storylines: Storylines, typed: tuple[str, ...]) -> list[Storyline]:
    return list({story.id: story for story in (resolve(storylines, t) for t in typed)}.values())


def told_story(filters, storylines: Storylines) -> Storyline | None:
    """The storyline a document tells: the one `--storyline` of the (option, value) filters, else None."""
    named = [value for option, value in filters if option == "storyline"]
    return resolve(storylines, named[0]) if len(named) == 1 else None


def storyline_mask(table: EventTable, stories: list[Storyline]) -> np.ndarray:
    """Rows whose id is in any of the storylines."""
    ids = [event_id for story in stories for event_id in story.events]
    return numpy_values(pc.is_in(table.column("id"), value_set=text_array(ids)))


def story_rows(table: EventTable, story: Storyline, rows: np.ndarray | None = None) -> np.ndarray:
    """The positions `rows` (default all) of the storyline's events, in story order."""
    candidates = np.arange(len(table), dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
    where = dict(zip(take_chunked(table.column("id"), candidates).to_pylist(), candidates.tolist()))
    return np.asarray([where[e] for e in story.events if e in where], dtype=np.int64)


def storyline_rows(table: EventTable, storylines: Storylines) -> tuple[list[str], list[list[str]]]:
    """Each storyline with how many of `table`'s events it has and their span, first..last date as written."""
    ids = table.column("id").to_pylist()
    where = {event_id: i for i, event_id in enumerate(ids)}
    dates, ends = table.column("date").to_pylist(), table.column("end_date").to_pylist()
    rows = []
    for story in storylines.stories.values():
        present = [where[e] for e in story.events if e in where]
        span = ""
        if present:
            first = min(present, key=lambda i: (table.start[i], ids[i]))
            last = max(present, key=lambda i: (table.end[i], ids[i]))
            start_text, end_text = dates[first], ends[last] or dates[last]
            span = start_text if start_text == end_text else f"{start_text}..{end_text}"
        rows.append([story.id, story.title, str(len(present)), span])
    return STORYLINE_COLUMNS, rows


__all__ = ["STORYLINE_COLUMNS", "knows", "resolve", "resolve_all", "story_rows", "storyline_mask", "storyline_rows",
           "told_story"]
