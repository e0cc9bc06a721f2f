"""Benchmark of ``netgraph advise`` (and ``netgraph whatif``) on a generated platform.

The issue asks for ``netgraph advise`` on a 100k-person network in under 2 s, loading
included. This script times the whole command as a user runs it (a fresh process each
run, so imports and loading count), and, in one process, its phases: loading the folder,
scoring the member (the report the advice is built on) and the advice's own work.

Usage::

    python benchmarks/advice.py [--people 100000] [--runs 5] [--members 3] [--out FILE]

The network is generated once into ``benchmarks/.data`` (seeded, so every run sees the
same files); the members advised are the first ones of the people file. The results are
written as a Markdown table (``benchmarks/results-advice.md`` by default).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import command_seconds, generated_folder, median, say  # noqa: E402

AS_OF = "2026-11-01"
SEED = 2026


def _phases(folder: Path, members: list[str], runs: int) -> dict[str, list[float]]:
    """Loading, scoring and the advice's own work, timed in one process."""
    import netgraph
    from netgraph.advice._advise import advise
    from netgraph.scoring import _score

    times: dict[str, list[float]] = {"load": [], "score_member": [], "advise": []}
    as_of = date.fromisoformat(AS_OF)
    for _ in range(runs):
        start = time.perf_counter()
        network = netgraph.load_network(folder)
        times["load"].append(time.perf_counter() - start)
        for member in members:
            settings = netgraph.Settings()
            wide = dataclasses.replace(settings, top_contributors=settings.advice_contributors)
            _score._cached = None  # every member from a cold context, as a fresh command
            start = time.perf_counter()
            netgraph.score_member(network, member, as_of=as_of, settings=wide)
            times["score_member"].append(time.perf_counter() - start)
            _score._cached = None
            start = time.perf_counter()
            advise(network, member, as_of=as_of, settings=settings)
            times["advise"].append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--members", type=int, default=3)
    parser.add_argument("--out", default=str(HERE / "results-advice.md"))
    args = parser.parse_args()

    folder = generated_folder(args.people, SEED)
    with (folder / "people.csv").open(encoding="utf-8") as file:
        next(file)
        members = [next(file).split(",", 1)[0] for _ in range(args.members)]

    rows: list[tuple[str, float, float | None, int]] = []
    for member in members:
        argv = ["advise", str(folder), "--member", member, "--as-of", AS_OF]
        say(f"netgraph advise --member {member}, {args.runs} runs")
        runs = [command_seconds(argv) for _ in range(args.runs)]
        rows.append(
            (
                f"`netgraph advise` --member {member} (fresh process)",
                median([w for w, _ in runs]),
                median([c for _, c in runs]),
                len(runs),
            )
        )
    argv = ["score", str(folder), "--member", members[0], "--as-of", AS_OF, "--format", "json"]
    say("netgraph score, the report the advice is built on")
    runs = [command_seconds(argv) for _ in range(args.runs)]
    rows.append(
        (
            f"`netgraph score` --member {members[0]} --format json (fresh process)",
            median([w for w, _ in runs]),
            median([c for _, c in runs]),
            len(runs),
        )
    )
    argv = [
        "whatif",
        str(folder),
        "--member",
        members[0],
        "--as-of",
        AS_OF,
        "--add-recommendation",
        members[-1],
    ]
    say("netgraph whatif")
    runs = [command_seconds(argv) for _ in range(max(1, args.runs // 2))]
    rows.append(
        (
            f"`netgraph whatif` --member {members[0]} --add-recommendation (fresh process)",
            median([w for w, _ in runs]),
            median([c for _, c in runs]),
            len(runs),
        )
    )
    say("phases in one process")
    phases = _phases(folder, members, max(1, args.runs // 2))
    for name, values in phases.items():
        rows.append((f"phase: {name} (in process)", median(values), None, len(values)))

    lines = [
        "# Benchmark: netgraph advise and whatif",
        "",
        f"Network: {args.people:,} people generated with seed {SEED} "
        f"(`netgraph generate --people {args.people} --seed {SEED}`), as of {AS_OF}.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Medians of the runs given; load average "
        f"{os.getloadavg()[0]:.1f} at the end (other work on the machine shows in the wall "
        "seconds, much less in the CPU seconds).",
        "",
        "| what | median wall (s) | median CPU (s) | runs |",
        "|---|---:|---:|---:|",
        *(
            f"| {what} | {wall:.2f} | {'' if cpu is None else f'{cpu:.2f}'} | {count} |"
            for what, wall, cpu, count in rows
        ),
        "",
        "`advise` minus `score_member` is the advice's own work; a fresh process adds the",
        "imports and the loading of the folder. `netgraph advise` costs what `netgraph score`",
        "of the same member costs, plus the advice's own work: the time goes to loading the",
        "folder and to the scorer's graph projection of the whole network.",
        "",
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    say(f"wrote {args.out}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
