"""Time kaztimeline against its floors and against DuckDB, side by side in one run, and check the targets.

    pip install -e '.[bench]'   # duckdb; hyperfine and GNU time come from Debian: apt-get install hyperfine time
    python bench/run.py          # sizes 10k, 100k and 1M events; files are generated once under bench/.data

Wall times are hyperfine medians (no shell, warm page cache); peak memory is GNU time's maximum resident set
size from one extra run. The DuckDB side is `bench/duck.py`, a Python process like ours, doing the same
filter and CSV write; before timing, both outputs are parsed and must hold the same rows in the same order.
Bytecode is compiled first, as a wheel install does, so no run pays for compiling our modules.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = sys.executable
KAZ = str(Path(PY).with_name("kaztimeline"))
FILTERS = [("actor", "Russia"), ("theme", "diplomacy"), ("period", "2022"), ("search", "frontiere")]


def hyperfine(commands: dict[str, str], runs: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """Median wall time in seconds of each command, timed alternately by hyperfine."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = ["hyperfine", "-N", "--style", "none", "--warmup", "2" if runs > 3 else "1", "--runs", str(runs),
                "--export-json", out.name]
        for name, command in commands.items():
            args += ["-n", name, command]
        done = subprocess.run(args, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode:
            raise SystemExit(done.stderr)
        results = json.load(open(out.name))["results"]
    return {r["command"]: r["median"] for r in results}


def peak_rss_mb(command: list[str]) -> float:
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def csv_rows(command: list[str]) -> list[list[str]]:
    done = subprocess.run(command, capture_output=True, check=True)
    return list(csv.reader(io.StringIO(done.stdout.decode("utf-8"), newline="")))


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 platform.processor())
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return (f"{os.cpu_count()} cores ({model}), {mem / 1024 ** 2:.0f} GB RAM, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def startup(runs: int) -> list[str]:
    """Targets 1 and 2: help, completion and the bundled-data list against bare imports."""
    complete = f'env _KAZTIMELINE_COMPLETE=complete_bash "COMP_WORDS=kaztimeline li" COMP_CWORD=1 {KAZ}'
    t = hyperfine({
        "import typer": f'{PY} -c "import typer"',
        "kaztimeline --help": f"{KAZ} --help",
        "kaztimeline list --help": f"{KAZ} list --help",
        "completion": complete,
        "import typer, rich, pandas, dateutil": f'{PY} -c "import typer, rich, pandas, dateutil"',
        "list --actor Russia --format csv": f"{KAZ} list --actor Russia --format csv",
    }, runs)
    typer, floor = t["import typer"], t["import typer, rich, pandas, dateutil"]
    rows = [
        ("1", "`kaztimeline --help`", t["kaztimeline --help"], typer, "`import typer`", 2.5),
        ("1", "tab completion (`kaztimeline li<TAB>`)", t["completion"], typer, "`import typer`", 3.0),
        ("1", "`kaztimeline list --help` (no target)", t["kaztimeline list --help"], typer, "`import typer`", None),
        ("2", "`kaztimeline list --actor Russia --format csv` (bundled data)", t["list --actor Russia --format csv"],
         floor, "`import typer, rich, pandas, dateutil`", 1.2),
    ]
    lines = ["| target | command | median | reference | reference median | ratio | limit | verdict |",
             "|---|---|---:|---|---:|---:|---:|---|"]
    for target, name, ours, ref, ref_name, limit in rows:
        ratio = ours / ref
        lines.append(f"| {target} | {name} | {ours * 1000:.0f} ms | {ref_name} | {ref * 1000:.0f} ms | {ratio:.2f}x | "
                     f"{f'{limit:.1f}x' if limit else '-'} | {verdict(ratio <= limit) if limit else '-'} |")
    return lines


def scale(sizes: list[int], data_dir: Path, runs: int) -> list[str]:
    """Targets 3 and 4: each filter on files of each size, kaztimeline against DuckDB."""
    lines = ["| events | file | filter | rows out | kaztimeline | DuckDB | ratio (limit 2x) | events/s | "
             "peak RSS kaztimeline | RSS / file (limit 3x) | peak RSS DuckDB |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    per_event: dict[str, list[float]] = {}
    for n in sizes:
        path = data_dir / f"events-{n}.csv"
        if not path.exists():
            subprocess.run([PY, str(BENCH / "generate.py"), str(n), str(path)], check=True)
        size_mb = path.stat().st_size / 1024 ** 2
        for kind, value in FILTERS:
            ours = [KAZ, "list", "--data", str(path), f"--{kind}", value, "--format", "csv"]
            theirs = [PY, str(BENCH / "duck.py"), str(path), kind, value]
            got, expected = csv_rows(ours), csv_rows(theirs)
            if got != expected:
                raise SystemExit(f"kaztimeline and DuckDB disagree on {kind} {value} at {n}: "
                                 f"{len(got) - 1} vs {len(expected) - 1} rows")
            t = hyperfine({"kaz": " ".join(ours), "duck": " ".join(theirs)}, runs if n < 1_000_000 else 3)
            rss, duck_rss = peak_rss_mb(ours), peak_rss_mb(theirs)
            ratio = t["kaz"] / t["duck"]
            per_event.setdefault(kind, []).append(t["kaz"] / n)
            judged = n >= 1_000_000  # the targets are set for the million-event file; start-up rules below it
            lines.append(
                f"| {n:,} | {size_mb:,.0f} MB | --{kind} {value} | {len(got) - 1:,} | {t['kaz']:.2f} s | "
                f"{t['duck']:.2f} s | {ratio:.2f}x {verdict(ratio <= 2) if judged else ''} | {n / t['kaz']:,.0f} | "
                f"{rss:,.0f} MB | {rss / size_mb:.2f}x {verdict(rss <= 3 * size_mb) if judged else ''} | "
                f"{duck_rss:,.0f} MB |")
    lines += ["", "Target 4, linear growth: seconds per event at each size (a flat row is linear; start-up "
              "dominates the smallest file)", "", "| filter | " + " | ".join(f"{n:,}" for n in sizes) + " |",
              "|---|" + "---:|" * len(sizes)]
    for kind, costs in per_event.items():
        cells = [f"{c * 1e6:.1f} µs" for c in costs] + ["-"] * (len(sizes) - len(costs))
        lines.append(f"| --{kind} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="kaztimeline benchmark")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated event counts")
    parser.add_argument("--runs", type=int, default=20, help="hyperfine runs for the fast commands")
    parser.add_argument("--data-dir", type=Path, default=BENCH / ".data", help="where generated files go")
    parser.add_argument("--skip-scale", action="store_true", help="only targets 1 and 2")
    args = parser.parse_args()
    for tool in ("hyperfine", "/usr/bin/time"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed: apt-get install hyperfine time")
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "kaztimeline")], check=True)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}\n")
    print("\n".join(startup(args.runs)))
    if not args.skip_scale:
        print()
        print("\n".join(scale([int(s) for s in args.sizes.split(",")], args.data_dir, max(3, args.runs // 4))))


if __name__ == "__main__":
    main()
