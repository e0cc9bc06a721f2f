"""Small timing helpers shared by the benchmark driver and its worker processes."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["Timed", "median", "say", "time_runs"]

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
