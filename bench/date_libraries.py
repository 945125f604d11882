"""Compare date-finding libraries with kaztimeline's grammar on the bundled seeds (docs/coverage.md).

The reference is the grammar's passages on the seeds, each reviewed by hand against the text (docs/coverage.md
says how); a library's hit counts as right when it overlaps a reference passage on the same line.
Needs the libraries, which kaztimeline does not depend on: `pip install dateparser datefinder ctparse`.
Run: `python bench/date_libraries.py`.
"""

from __future__ import annotations

import logging
import time
import warnings
from pathlib import Path

from kaztimeline.coverage.passages import find_passages

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)


def dateparser_hits(line: str) -> list[tuple[str, tuple[int, int | None]]]:
    from dateparser.search import search_dates

    found = search_dates(line, languages=["fr", "en"]) or []
    return [(text, (value.year, value.month)) for text, value in found]


def datefinder_hits(line: str) -> list[tuple[str, tuple[int, int | None]]]:
    import datefinder

    return [(text, (value.year, value.month)) for value, text in datefinder.find_dates(line, source=True)]


def ctparse_hits(line: str) -> list[tuple[str, tuple[int, int | None]]]:
    from ctparse import ctparse

    parse = ctparse(line, timeout=1)
    if parse is None or getattr(parse.resolution, "year", None) is None:
        return []
    span = line[parse.resolution.mstart:parse.resolution.mend]
    return [(span, (parse.resolution.year, parse.resolution.month))]


def evaluate(name, finder) -> None:
    hits = right = right_value = gold_total = gold_found = 0
    started = time.perf_counter()
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        gold = find_passages(text)
        gold_total += len(gold)
        found = set()
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            spans = [(p.start - (p.start - p.column + 1), p.end - (p.start - p.column + 1), p) for p in gold
                     if p.line == number]
            position = 0
            for text_hit, (year, month) in finder(line):
                at = line.find(text_hit, position)
                if at < 0:
                    at = line.find(text_hit)
                hits += 1
                if at < 0:
                    continue
                position = at + len(text_hit)
                matched = [p for start, end, p in spans if start < position and at < end]
                if matched:
                    right += 1
                    found.update(id(p) for p in matched)
                    expected = matched[0].date
                    if expected[:4] == str(year) and (len(expected) < 7 or expected[5:7] == f"{month:02d}"):
                        right_value += 1
        gold_found += len(found)
    seconds = time.perf_counter() - started
    precision = right / hits if hits else 0.0
    print(f"{name:12} hits {hits:4}  precision {precision:.2f}  recall {gold_found / gold_total:.2f} "
          f"({gold_found}/{gold_total})  right date on right hits {right_value}/{right}  {seconds:.1f} s")


if __name__ == "__main__":
    for name, finder in (("dateparser", dateparser_hits), ("datefinder", datefinder_hits),
                         ("ctparse", ctparse_hits)):
        try:
            evaluate(name, finder)
        except ImportError as error:
            print(f"{name:12} not installed ({error})")
