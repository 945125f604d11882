"""The DuckDB equivalent of `kaztimeline list --data FILE --FILTER VALUE --format csv`, for the benchmark.

Same rows, same order (story order: the day the date and its qualifier point to, qualifier, span, then row
order in the file; see kaztimeline/query/order.py), CSV with a header on standard output. It runs
as its own Python process, so it pays interpreter start-up just as kaztimeline does.

    python bench/duck.py big.csv actor Russia
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = ("CAST(CASE length({c}) WHEN 4 THEN {c} || '-01-01' WHEN 7 THEN {c} || '-01' ELSE {c} END AS DATE)")
LAST_DAY = ("CASE length({c}) WHEN 4 THEN CAST({c} || '-12-31' AS DATE) "
            "WHEN 7 THEN last_day(CAST({c} || '-01' AS DATE)) ELSE CAST({c} AS DATE) END")


def actor_and_members(name: str) -> list[str]:
    """The actor and everything that is (transitively) a member of it, from the bundled vocabulary."""
    with (ROOT / "data" / "actors.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    found, todo = {name}, [name]
    while todo:
        parent = todo.pop()
        for row in rows:
            if parent in [p.strip() for p in row["member_of"].split(";")] and row["name"] not in found:
                found.add(row["name"])
                todo.append(row["name"])
    return sorted(found)


def condition(kind: str, value: str) -> str:
    items = "list_transform(string_split({c}, ';'), lambda x: trim(x))"
    if kind == "actor":
        names = ", ".join("'" + n.replace("'", "''") + "'" for n in actor_and_members(value))
        return f"list_has_any({items.format(c='actors')}, [{names}])"
    if kind == "theme":
        return f"list_contains({items.format(c='themes')}, '{value}')"
    if kind == "period":  # a year: events overlapping it
        end = LAST_DAY.format(c="coalesce(nullif(end_date, ''), date)")
        return f"{end} >= DATE '{value}-01-01' AND {FIRST_DAY.format(c='date')} <= DATE '{value}-12-31'"
    if kind == "search":  # one plain word: accents and case folded away, as kaztimeline's search does
        text = "concat_ws(' ', title, summary, quote, location, actors)"
        return f"strip_accents(lower({text})) LIKE '%{value.lower()}%'"
    raise SystemExit(f"unknown filter {kind}")


ANCHOR = ("CASE lower(trim(date_qualifier)) WHEN 'after' THEN {last} "
          "ELSE {first} + CAST(((({last}) - ({first}) + 1) * CASE lower(trim(date_qualifier)) "
          "WHEN 'mid' THEN 3 WHEN 'late' THEN 4 ELSE 0 END) // 6 AS INTEGER) END")
RANK = ("CASE lower(trim(date_qualifier)) WHEN 'before' THEN 0 WHEN 'early' THEN 1 WHEN 'mid' THEN 3 "
        "WHEN 'late' THEN 4 WHEN 'after' THEN 5 ELSE 2 END")


def main() -> None:
    path, kind, value = sys.argv[1:4]
    first, last = FIRST_DAY.format(c="trim(date)"), LAST_DAY.format(c="trim(date)")
    span = LAST_DAY.format(c="trim(coalesce(nullif(end_date, ''), date))") + f" - {first}"
    connection = duckdb.connect()
    # A table keeps the file's row order in its rowid: the last key, as curators order events within a date.
    connection.execute(f"CREATE TABLE e AS SELECT * FROM read_csv('{path}', all_varchar=true, header=true) "
                       f"WHERE {condition(kind, value)}")
    query = f"SELECT * FROM e ORDER BY {ANCHOR.format(first=first, last=last)}, {RANK}, {span}, rowid"
    sys.stdout.flush()
    connection.execute(f"COPY ({query}) TO '/dev/stdout' (HEADER, FORMAT csv)")


if __name__ == "__main__":
    main()
