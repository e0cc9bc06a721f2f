"""Small timing helpers shared by the benchmark driver and its worker processes."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["Timed", "command_seconds", "generated_folder", "median", "say", "time_runs"]

#: Where generated networks are kept between runs (git-ignored).
DATA = Path(__file__).resolve().parent / ".data"

#: When the driver started (its children inherit it), so progress lines share one clock.
START_VARIABLE = "NETGRAPH_BENCHMARKS_START"
_START = float(os.environ.get(START_VARIABLE) or time.time())


def say(message: str) -> None:
    """Progress on stderr, prefixed with the seconds since the driver started."""
    print(f"[{time.time() - _START:7.1f}s] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


class Timed:
    """Seconds per call of one function over several runs."""

    def __init__(self) -> None:
        self.runs: list[float] = []  # seconds per call, one entry per run
        self.loops = 1  # calls per run (short calls are looped to be measurable)
        self.result: Any = None

    @property
    def seconds(self) -> float:
        return median(self.runs)

    def as_dict(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "runs": list(self.runs), "loops": self.loops}

    def run_once(self, fn: Callable[[], Any], min_seconds: float = 0.05) -> float:
        """Time one run (``self.loops`` calls, found on the first run) and record it."""
        if not self.runs:
            start = time.perf_counter()
            self.result = fn()
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds:
                self.runs.append(elapsed)
                return elapsed
            # too short to time once: loop it, like timeit's autorange
            self.loops = max(2, min(10_000, int(min_seconds / max(elapsed, 1e-7)) + 1))
        start = time.perf_counter()
        for _ in range(self.loops):
            self.result = fn()
        elapsed = (time.perf_counter() - start) / self.loops
        self.runs.append(elapsed)
        return elapsed


def time_runs(
    fn: Callable[[], Any], repeat: int, *, budget: float = float("inf"), min_seconds: float = 0.05
) -> Timed:
    """Up to ``repeat`` runs of ``fn``; another run only if it fits in ``budget`` seconds."""
    timed = Timed()
    spent = 0.0
    for _ in range(max(1, repeat)):
        last = timed.run_once(fn, min_seconds) * timed.loops
        spent += last
        if spent + last > budget:
            break
    return timed


def generated_folder(people: int, seed: int, hubs: bool = False) -> Path:
    """The generated network of ``people`` people (made once per seed and shape)."""
    folder = DATA / f"people-{people}-seed-{seed}{'-hubs' if hubs else ''}"
    if not (folder / "people.csv").exists():
        say(f"generating {people:,} people into {folder.name}")
        command = ["generate", "--people", str(people), "--seed", str(seed)]
        command += ["--into", str(folder), "--force", *(["--hubs"] if hubs else [])]
        subprocess.run([sys.executable, "-m", "netgraph", *command], check=True)
    return folder


def command_seconds(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user and system) of one run of the command line in a fresh
    process.

    The CPU seconds say what the command costs when it has a core to itself; the wall
    seconds also hold the waiting on a machine busy with other work.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "netgraph", *argv], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
