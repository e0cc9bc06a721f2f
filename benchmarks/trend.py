"""Benchmark of ``netgraph trend`` and ``netgraph report`` on a generated platform.

A trend scores the loaded network once per date; this script shows what that costs next
to loading the folder and scoring one date, so that "it reuses the loaded network" is a
number: in one process it times loading, one ``score_member``, the eight quarters of the
report (nine dates) and 25 monthly dates, each from a cold scoring context; then the whole
``netgraph trend`` and ``netgraph report`` commands as a user runs them (a fresh process,
imports and loading included).

Usage::

    python benchmarks/trend.py [--people 10000] [--runs 3] [--out FILE]

The network is generated once into ``benchmarks/.data`` (seeded, shared with the other
benchmarks); the member is the first one of the people file. The results are written as
a Markdown table (``benchmarks/results-trend.md`` by default).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import command_seconds, generated_folder, median, say  # noqa: E402

AS_OF = "2026-11-01"
SEED = 2026


def _phases(folder: Path, member: str, runs: int) -> dict[str, list[float]]:
    import netgraph
    from netgraph.advice._trend import shift_months, trend
    from netgraph.scoring import _score

    as_of = date.fromisoformat(AS_OF)
    times: dict[str, list[float]] = {
        "load": [],
        "score_member (one date)": [],
        "trend, 9 quarterly dates": [],
        "trend, 25 monthly dates": [],
    }
    for _ in range(runs):
        start = time.perf_counter()
        network = netgraph.load_network(folder)
        times["load"].append(time.perf_counter() - start)
        _score._cached = None  # a cold context, as a fresh command has
        start = time.perf_counter()
        netgraph.score_member(network, member, as_of=as_of)
        times["score_member (one date)"].append(time.perf_counter() - start)
        for every, key in (("quarter", "trend, 9 quarterly dates"),
                           ("month", "trend, 25 monthly dates")):  # fmt: skip
            _score._cached = None
            start = time.perf_counter()
            trend(network, member, start=shift_months(as_of, -24), end=as_of, every=every)
            times[key].append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(HERE / "results-trend.md"))
    args = parser.parse_args()

    folder = generated_folder(args.people, SEED)
    with (folder / "people.csv").open(encoding="utf-8") as file:
        next(file)
        member = next(file).split(",", 1)[0]

    rows: list[tuple[str, float, int]] = []
    say("phases in one process")
    for name, values in _phases(folder, member, args.runs).items():
        rows.append((f"{name} (in process)", median(values), len(values)))
    say("netgraph score, for comparison")
    argv = ["score", str(folder), "--member", member, "--as-of", AS_OF]
    seconds = [command_seconds(argv)[0] for _ in range(args.runs)]
    rows.append(("`netgraph score`, one date (fresh process)", median(seconds), len(seconds)))
    say("netgraph trend")
    argv = ["trend", str(folder), "--member", member, "--to", AS_OF]
    seconds = [command_seconds(argv)[0] for _ in range(args.runs)]
    rows.append(("`netgraph trend` (fresh process)", median(seconds), len(seconds)))
    say("netgraph report")
    with tempfile.TemporaryDirectory() as scratch:
        argv = ["report", str(folder), "--member", member, "--as-of", AS_OF,
                "-o", str(Path(scratch) / "report.html")]  # fmt: skip
        seconds = [command_seconds(argv)[0] for _ in range(args.runs)]
    rows.append(("`netgraph report` (fresh process)", median(seconds), len(seconds)))

    lines = [
        "# Benchmark: netgraph trend and report",
        "",
        f"Network: {args.people:,} people generated with seed {SEED} "
        f"(`netgraph generate --people {args.people} --seed {SEED}`), member {member}, "
        f"as of {AS_OF}.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Medians of the runs given.",
        "",
        "| what | median (s) | runs |",
        "|---|---:|---:|",
        *(f"| {what} | {value:.2f} | {count} |" for what, value, count in rows),
        "",
        "A trend costs about one `score_member` per date (each date has its own graph of",
        "what had happened by then); the folder is loaded once, so `netgraph trend` costs",
        "`netgraph score` plus the dates after the first. The report page scores nine",
        "quarterly dates, draws three charts and lays out the interactive network.",
        "",
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    say(f"wrote {args.out}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
