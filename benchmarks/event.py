"""Benchmark of ``netgraph event`` on a generated platform: 500 attendees, 100k people.

The issue asks for ``netgraph event`` with 500 attendees on a 100k-person network in under
3 s, loading included. This script times the whole command as a user runs it (a fresh
process each run, so imports and loading count), and, in one process, its phases:
loading the folder, reading the attendee list, scoring the member (the report the picks
are built on) and the event's own work (matching, warm paths, circles, choosing).

Usage::

    python benchmarks/event.py [--people 100000] [--attendees 500] [--runs 5] [--members 3]

The network is generated once into ``benchmarks/.data`` (seeded, so every run sees the
same files), and so is the attendee list: four in five are people of the network (listed
by name and organisation, by name only or by initials and organisation; namesakes make
some of them unsure), one in five strangers, half of them at an organisation of the
network. The results are written as a Markdown table (``benchmarks/results-event.md``).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import command_seconds, generated_folder, median, say  # noqa: E402

AS_OF = "2026-11-01"
SEED = 2026


def _event_folder(people: int, hubs: bool = False) -> Path:
    return generated_folder(people, SEED, hubs)


def _largest_hub(folder: Path) -> str:
    """The person with the most ties in the folder's ``ties.csv``."""
    counts: dict[str, int] = {}
    with (folder / "ties.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for end in (row["a"], row["b"]):
                counts[end] = counts.get(end, 0) + 1
    return min(counts, key=lambda person: (-counts[person], person))


def _attendee_file(folder: Path, count: int) -> Path:
    """An attendee list drawn from the people of ``folder`` (seeded)."""
    path = folder.parent / f"{folder.name}-attendees-{count}.csv"
    if path.exists():
        return path
    with (folder / "people.csv").open(encoding="utf-8", newline="") as file:
        people = list(csv.DictReader(file))
    draw = random.Random(SEED)
    known = draw.sample(people, count - count // 5)
    organisations = sorted({p["organisation"] for p in people if p["organisation"]})
    rows = []
    for number, person in enumerate(known):
        given, _, surname = person["name"].partition(" ")
        if number % 4 == 3:
            rows.append((f"{given[0]}. {surname}", person["organisation"]))
        elif number % 4 == 2:
            rows.append((person["name"], ""))
        else:
            rows.append((person["name"], person["organisation"]))
    for number in range(count // 5):
        organisation = draw.choice(organisations) if number % 2 else f"Elders {number}"
        rows.append((f"Gast{number} Onbekend", organisation))
    draw.shuffle(rows)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["Naam", "Organisatie"])
        writer.writerows(rows)
    return path


def _phases(folder: Path, attendees: Path, members: list[str], runs: int) -> dict[str, list[float]]:
    """Loading, reading the list, scoring and the event's own work, timed in one process."""
    import dataclasses

    import netgraph
    from netgraph.advice._attendees import read_attendees
    from netgraph.advice._event import ALL_CONTRIBUTORS, plan_event
    from netgraph.scoring import _score

    times: dict[str, list[float]] = {
        "load": [],
        "read attendees": [],
        "score_member": [],
        "event (scoring included)": [],
    }
    as_of = date.fromisoformat(AS_OF)
    for _ in range(runs):
        start = time.perf_counter()
        network = netgraph.load_network(folder)
        times["load"].append(time.perf_counter() - start)
        start = time.perf_counter()
        listed = read_attendees(attendees)
        times["read attendees"].append(time.perf_counter() - start)
        for member in members:
            wide = dataclasses.replace(netgraph.Settings(), top_contributors=ALL_CONTRIBUTORS)
            _score._cached = None  # every member from a cold context, as a fresh command
            start = time.perf_counter()
            netgraph.score_member(network, member, as_of=as_of, settings=wide)
            times["score_member"].append(time.perf_counter() - start)
            _score._cached = None
            start = time.perf_counter()
            plan_event(network, listed, member, as_of=as_of)
            times["event (scoring included)"].append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--attendees", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--members", type=int, default=3)
    parser.add_argument(
        "--hubs",
        action="store_true",
        help="also the member with the most ties of a platform generated with --hubs",
    )
    parser.add_argument("--out", default=str(HERE / "results-event.md"))
    args = parser.parse_args()

    folder = _event_folder(args.people)
    attendees = _attendee_file(folder, args.attendees)
    with (folder / "people.csv").open(encoding="utf-8") as file:
        next(file)
        members = [next(file).split(",", 1)[0] for _ in range(args.members)]

    rows: list[tuple[str, str, str, int]] = []
    for member in members:
        argv = ["event", str(folder), "--attendees", str(attendees), "--member", member]
        argv += ["--as-of", AS_OF]
        say(f"netgraph event --member {member}, {args.runs} runs")
        runs = [command_seconds(argv) for _ in range(args.runs)]
        walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
        what = f"`netgraph event` --member {member}, {args.attendees} attendees (fresh process)"
        spread = f"{median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f})"
        rows.append((what, spread, f"{median(cpus):.2f}", len(runs)))
    if args.hubs:
        hubs = _event_folder(args.people, hubs=True)
        hub = _largest_hub(hubs)
        argv = ["event", str(hubs), "--attendees", str(attendees), "--member", hub]
        argv += ["--as-of", AS_OF]
        say(f"netgraph event --member {hub} (the largest hub), {args.runs} runs")
        runs = [command_seconds(argv) for _ in range(args.runs)]
        walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
        spread = f"{median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f})"
        what = f"`netgraph event` --member {hub}, the largest hub of `--hubs` (fresh process)"
        rows.append((what, spread, f"{median(cpus):.2f}", len(runs)))
    # the same member's star report: the loading and scoring the event builds on
    argv = ["score", str(folder), "--member", members[0], "--as-of", AS_OF]
    say(f"netgraph score --member {members[0]}, {args.runs} runs")
    runs = [command_seconds(argv) for _ in range(args.runs)]
    walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
    spread = f"{median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f})"
    what = f"`netgraph score` --member {members[0]}, for comparison (fresh process)"
    rows.append((what, spread, f"{median(cpus):.2f}", len(runs)))
    say("phases in one process")
    phases = _phases(folder, attendees, members, max(1, args.runs // 2))
    for name, values in phases.items():
        spread = f"{median(values):.2f} ({min(values):.2f}-{max(values):.2f})"
        rows.append((f"phase: {name} (in process)", spread, "", len(values)))

    lines = [
        "# Benchmark: netgraph event",
        "",
        f"Network: {args.people:,} people generated with seed {SEED} "
        f"(`netgraph generate --people {args.people} --seed {SEED}`), as of {AS_OF}; "
        f"an attendee list of {args.attendees} drawn from it (see `benchmarks/event.py`).",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Medians of the runs given (the fastest and the "
        "slowest in brackets); CPU: user and system seconds of the process, what it costs "
        "with a core to itself.",
        "",
        "| what | wall, median (s) | CPU, median (s) | runs |",
        "|---|---:|---:|---:|",
        *(f"| {what} | {wall} | {cpu} | {count} |" for what, wall, cpu, count in rows),
        "",
        "`event (scoring included)` minus `score_member` is the event's own work (matching",
        "runs on a second thread while the member is scored); a fresh process adds the",
        "imports, the loading of the folder and the reading of the list. `netgraph score` of",
        "the same member shows what the event shares with the star report.",
        "",
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
