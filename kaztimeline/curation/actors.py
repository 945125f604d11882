"""The actors table's own rules: `member_of` names known actors without looping; a spelling is one actor's."""

from __future__ import annotations

from ..schema import model
from ..schema.problems import Problem
from ..values.text import fold

Records = list[tuple[int, dict[str, str]]]  # (line, column -> cell) for each row of a vocabulary


def actor_problems(name: str, actors: Records) -> list[Problem]:
    """member_of names a known actor and never loops; a spelling (name or alias, folded) belongs to one actor."""
    problems = []
    known = {record["name"] for _, record in actors}
    parents = {record["name"]: model.split_list(record["member_of"]) for _, record in actors}
    line_of = {record["name"]: line for line, record in reversed(actors)}
    owner: dict[str, tuple[str, int]] = {}
    for line, record in actors:
        for parent in parents[record["name"]]:
            if parent not in known:
                problems.append(Problem(name, line, "member_of", f'"{parent}" is not an actor in this file'))
        for column, spelling in [("name", record["name"])] + [("aliases", a) for a in
                                                              model.split_list(record["aliases"])]:
            key = fold(spelling)
            other = owner.get(key)
            if other is not None and other[0] != record["name"]:
                problems.append(Problem(name, line, column, f'"{spelling}" is also a spelling of "{other[0]}" '
                                        f"(line {other[1]}); a name or alias must belong to one actor"))
            owner.setdefault(key, (record["name"], line))
    reported: set[frozenset[str]] = set()
    for start in parents:
        cycle = _cycle_from(start, parents)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            first = min(cycle, key=lambda actor: line_of[actor])
            at = cycle.index(first)
            loop = cycle[at:] + cycle[:at] + [first]
            problems.append(Problem(name, line_of[first], "member_of", f"loops: {' -> '.join(loop)}"))
    return problems


def _cycle_from(start: str, parents: dict[str, list[str]]) -> list[str] | None:
    """The loop reached by following member_of from `start`, if it comes back to `start`."""
    path, stack = [start], [iter(parents.get(start, ()))]
    on_path = {start}
    seen: set[str] = set()
    while stack:
        parent = next(stack[-1], None)
        if parent is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        if parent == start:
            return list(path)
        if parent in on_path or parent in seen or parent not in parents:
            continue
        seen.add(parent)
        path.append(parent)
        on_path.add(parent)
        stack.append(iter(parents[parent]))
    return None
