"""Write a synthetic events file of N rows in kaztimeline's schema, for benchmarks.

Widths and vocabularies are realistic: actors, themes and sources come from the bundled vocabularies;
summaries (300-600 characters) are cut from the curated English summaries, quotes (200-800 characters)
from the French source texts, accents, guillemets and apostrophes included; some cells hold `"`, commas or
a line break so the CSV needs quoting; dates run from 1991 to 2026 at day, month and year precision, with
some end dates and qualifiers. The output is deterministic for a given N and seed.

    python bench/generate.py 1000000 big.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
COLUMNS = ("id", "date", "end_date", "date_qualifier", "title", "summary", "actors", "themes", "location",
           "source", "quote", "claim_type")
QUALIFIERS = ("early", "mid", "late", "circa", "before", "after")
CLAIM_TYPES = ("reported", "statement", "assessment")
LOCATIONS = ("Astana", "Almaty", "Moscow", "Baikonur", "Aktau", "Caspian Sea", "Beijing", "Tashkent", "Bishkek",
             "Dushanbe", "Saint Petersburg", "Ankara", "Brussels", "Washington")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


class Corpus:
    """One long text to cut pieces from, at word boundaries, without building words one by one."""

    def __init__(self, text: str) -> None:
        self.text = re.sub(r"\s+", " ", text).strip()
        self.starts = [m.end() for m in re.finditer(r" ", self.text)]

    def piece(self, rng: random.Random, low: int, high: int) -> str:
        length = rng.randint(low, high)
        while True:
            start = self.starts[rng.randrange(len(self.starts))]
            if start + length <= len(self.text):
                break
        cut = self.text.rfind(" ", start, start + length)
        return self.text[start:cut if cut > start + low // 2 else start + length].strip()


def random_date(rng: random.Random) -> tuple[str, str, str]:
    """(date, end_date, qualifier) at mixed precision; ends always fall after starts."""
    year = rng.randint(1991, 2026)
    precision = rng.random()
    if precision < 0.6:
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        start = f"{year}-{month:02d}-{day:02d}"
        end = f"{year}-{month:02d}-{min(28, day + rng.randint(1, 5)):02d}" if rng.random() < 0.1 and day < 28 else ""
        return start, end, ""
    if precision < 0.85:
        month = rng.randint(1, 12)
        end = f"{year}-{min(12, month + 1):02d}" if rng.random() < 0.1 and month < 12 else ""
        return f"{year}-{month:02d}", end, rng.choice(QUALIFIERS) if rng.random() < 0.3 else ""
    end = str(year + 1) if rng.random() < 0.1 and year < 2026 else ""
    return str(year), end, rng.choice(QUALIFIERS) if rng.random() < 0.4 else ""


def events(n: int, seed: int = 1):
    rng = random.Random(seed)
    actors = [row["name"] for row in read_rows(DATA / "actors.csv")]
    themes = [row["id"] for row in read_rows(DATA / "themes.csv")]
    sources = [row["source"] for row in read_rows(DATA / "sources.csv")]
    curated = read_rows(DATA / "events.csv")
    english = Corpus(" ".join(row["summary"] for row in curated))
    french = Corpus(" ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))))
    for i in range(n):
        start, end, qualifier = random_date(rng)
        title = english.piece(rng, 40, 90)
        summary = english.piece(rng, 300, 600)
        quote = french.piece(rng, 200, 800)
        if rng.random() < 0.05:
            summary = summary.replace(" ", ' "', 1) + '" he said, adding more.'
        if rng.random() < 0.02:
            quote = quote.replace(" ", "\n", 1)
        yield (
            f"{start}-synthetic-event-{i}",
            start,
            end,
            qualifier,
            title.rstrip(".,;:") or "Untitled",
            summary,
            ";".join(rng.sample(actors, rng.randint(1, 4))),
            ";".join(rng.sample(themes, rng.randint(1, 3))),
            ";".join(rng.sample(LOCATIONS, rng.randint(1, 2))) if rng.random() < 0.4 else "",
            rng.choice(sources),
            quote,
            rng.choice(CLAIM_TYPES),
        )


def write(path: Path, n: int, seed: int = 1) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(events(n, seed))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of events")
    parser.add_argument("path", type=Path, help="CSV file to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.path, args.n, args.seed)


if __name__ == "__main__":
    main()
