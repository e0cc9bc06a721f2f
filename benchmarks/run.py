"""Benchmarks: score every member of a generated platform network, and the graph kernels.

    python -m benchmarks.run [--sizes 10k,100k[,100k-hubs,1m]] [--repeat 3] [--quick] [--out FILE]

For each size a platform network is generated once (``netgraph generate --people N
--seed S``, with ``--hubs`` for a size like ``100k-hubs``: the same counts, but a few
people with thousands of ties) into a git-ignored cache folder, then measured:

* end to end: ``python -m netgraph score FOLDER --all --format jsonl`` in a child process,
  its wall time and peak memory (the child's ``ru_maxrss``), the median of several runs,
  and once with its output read through a pipe to count the lines;
* the phases of the same work in one process (loading, each phase of the batch scorer,
  writing the JSON lines);
* one member's full report (the first call after loading and later ones);
* every graph kernel netgraph uses, side by side with igraph, networkit and networkx.

Each measurement runs in its own child process (see :mod:`benchmarks.worker`), so one
size's memory does not carry over into the next. The results go to a Markdown file and,
next to it, a JSON file with every run; a later run with other sizes keeps the sizes it
did not measure (``--fresh`` starts over), so the million can be added on its own.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from .report import render
from .timing import START_VARIABLE, median, say

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "benchmarks" / ".data"
DEFAULT_OUT = ROOT / "benchmarks" / "results.md"
SEED = 2026
AS_OF = "2026-11-01"
QUICK_SIZES = "200,500,500-hubs"
QUICK_SAMPLE = 10
LIBRARIES = ("numpy", "scipy", "pyarrow", "numba", "igraph", "networkit", "networkx")


# -- sizes ------------------------------------------------------------------------------


def parse_size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1m"`` -> 1000000, ``"2500"`` -> 2500."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (like 10k, 100k, 1m)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    size = round(float(match.group(1)) * factor)
    if size < 2:
        raise argparse.ArgumentTypeError(f"a network needs at least 2 people, not {text!r}")
    return size


def size_label(size: int) -> str:
    for factor, suffix in ((1_000_000, "M"), (1_000, "k")):
        if size >= factor and size % (factor // 10) == 0:
            return f"{size / factor:g}{suffix}"
    return str(size)


class Size(NamedTuple):
    """A network to measure: its people, and whether it has hubs (``--hubs``)."""

    people: int
    hubs: bool = False

    @property
    def key(self) -> str:
        """Its key in the results: the people, and ``-hubs`` for the shape with hubs."""
        return f"{self.people}-hubs" if self.hubs else str(self.people)

    @property
    def name(self) -> str:
        return size_label(self.people) + (" with hubs" if self.hubs else "")


def parse_spec(text: str) -> Size:
    """``"100k"`` -> 100,000 people; ``"100k-hubs"`` -> the same with hubs."""
    people, hubs = re.subn(r"-hubs\s*$", "", text.strip(), flags=re.IGNORECASE)
    return Size(parse_size(people), bool(hubs))


# -- child processes -------------------------------------------------------------------


@dataclass
class Child:
    """How one child process went."""

    wall: float
    exit_code: int | None  # None when it was stopped
    peak_rss_kib: int
    cpu: float
    timed_out: bool = False
    over_memory: bool = False
    lines: int | None = None
    first_line: bytes = b""
    last_line: bytes = b""

    @property
    def stopped(self) -> bool:
        return self.timed_out or self.over_memory

    def as_dict(self) -> dict[str, Any]:
        return {
            "wall": self.wall,
            "exit_code": self.exit_code,
            "peak_rss_kib": self.peak_rss_kib,
            "cpu": self.cpu,
            "timed_out": self.timed_out,
            "over_memory": self.over_memory,
        }


def _rss_kib(pid: int) -> int:
    """Resident memory of a running process, from /proc (0 where that is not available)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def run_child(
    command: list[str],
    *,
    timeout: float,
    max_memory_gib: float = float("inf"),
    count_lines: bool = False,
    quiet: bool = False,
) -> Child:
    """Run ``command`` from the repository root; wall time and rusage from ``os.wait4``.

    The output goes to /dev/null, or through a pipe whose lines are counted. A child
    still running after ``timeout`` seconds, or holding more than ``max_memory_gib`` of
    resident memory, is stopped (killed by its own process id).
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if count_lines else subprocess.DEVNULL,
            stderr=errors if quiet else None,
        )
        lock = threading.Lock()
        state = {"running": True, "timed_out": False, "over_memory": False}
        limit_kib = max_memory_gib * 2**20

        def watch() -> None:
            while True:
                time.sleep(0.2)
                with lock:
                    if not state["running"]:
                        return
                    if time.perf_counter() - start > timeout:
                        state["timed_out"] = True
                    elif _rss_kib(proc.pid) > limit_kib:
                        state["over_memory"] = True
                    else:
                        continue
                    proc.kill()
                    return

        watchdog = threading.Thread(target=watch, daemon=True)
        watchdog.start()
        lines, first, last = None, b"", b""
        try:
            if count_lines:
                assert proc.stdout is not None
                lines, first, tail = 0, b"", b""
                while chunk := proc.stdout.read(1 << 20):
                    if not first:
                        first = chunk.split(b"\n", 1)[0]
                    lines += chunk.count(b"\n")
                    tail = (tail + chunk)[-(1 << 16) :]
                proc.stdout.close()
                last = tail.rstrip(b"\n").rsplit(b"\n", 1)[-1]
            # wait without reaping, so the watchdog can never signal a reused process id
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        finally:
            with lock:
                state["running"] = False
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        watchdog.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stopped = state["timed_out"] or state["over_memory"]
        if proc.returncode != 0 and not stopped and quiet:
            errors.seek(0)
            tail_text = errors.read()[-2000:].decode("utf-8", "replace")
            say(f"  exit code {proc.returncode}: {tail_text.strip()}")
    return Child(
        wall=wall,
        exit_code=None if stopped else proc.returncode,
        peak_rss_kib=int(usage.ru_maxrss),
        cpu=usage.ru_utime + usage.ru_stime,
        timed_out=state["timed_out"],
        over_memory=state["over_memory"],
        lines=lines,
        first_line=first,
        last_line=last,
    )


# -- the network -------------------------------------------------------------------------


def _generator_stamp(seed: int) -> str:
    """Names the generator's code, so a changed generator means a new network."""
    spec = importlib.util.find_spec("netgraph.generate._generate")
    assert spec is not None and spec.origin is not None
    digest = hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest()[:16]
    return f"seed {seed}, generator {digest}\n"


def ensure_network(data: Path, size: Size, seed: int, timeout: float) -> tuple[Path, float | None]:
    """The cached network folder of this size and seed, generated if missing or stale."""
    people = size.people
    folder = data / (f"people-{people}-seed-{seed}" + ("-hubs" if size.hubs else ""))
    stamp = _generator_stamp(seed)
    marker = folder / ".generated"
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return folder, None
    data.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=data))
    say(f"generating {people:,} people (seed {seed}{', hubs' if size.hubs else ''})")
    command = [sys.executable, "-m", "netgraph", "generate", "--people", str(people)]
    command += ["--hubs"] if size.hubs else []
    child = run_child(
        [*command, "--seed", str(seed), "--into", str(partial)], timeout=timeout, quiet=True
    )
    if child.exit_code != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise SystemExit(f"generating {people:,} people failed (exit code {child.exit_code})")
    (partial / ".generated").write_text(stamp, encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder)
    try:
        partial.rename(folder)
    except OSError:  # another run put it there first
        shutil.rmtree(partial, ignore_errors=True)
    say(f"  generated in {child.wall:.1f} s")
    return folder, child.wall


def network_rows(folder: Path) -> dict[str, int]:
    """Data rows of each CSV file of a network folder."""
    rows = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, "rb") as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
        rows[path.stem] = max(0, lines - 1)
    return rows


# -- measurements ----------------------------------------------------------------------


def end_to_end(folder: Path, args: argparse.Namespace, members: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "netgraph", "score", str(folder), "--all"]
    command += ["--format", "jsonl", "--as-of", args.as_of]
    result: dict[str, Any] = {"runs": []}
    limits = {"timeout": args.timeout, "max_memory_gib": args.max_memory}
    say("  end to end, output counted through a pipe")
    counted = run_child(command, count_lines=True, quiet=True, **limits)
    result["counted"] = counted.as_dict()
    result["lines"] = counted.lines
    result["members"] = members
    result["lines_are_json"] = _is_summary(counted.first_line) and _is_summary(counted.last_line)
    say(
        f"  {counted.lines:,} lines of {members:,} members in {counted.wall:.2f} s, "
        f"peak {counted.peak_rss_kib / 2**20:.2f} GiB" + _stopped(counted, args)
    )
    if counted.stopped or counted.exit_code != 0:
        return result
    spent = 0.0
    for run in range(args.repeat):
        child = run_child(command, quiet=True, **limits)
        result["runs"].append(child.as_dict())
        say(
            f"  end to end run {run + 1}/{args.repeat}: {child.wall:.2f} s, "
            f"peak {child.peak_rss_kib / 2**20:.2f} GiB" + _stopped(child, args)
        )
        spent += child.wall
        if child.stopped or child.exit_code != 0 or spent + child.wall > args.budget:
            break
    return result


def _stopped(child: Child, args: argparse.Namespace) -> str:
    if child.timed_out:
        return f" (stopped after {args.timeout:.0f} s)"
    if child.over_memory:
        return f" (stopped above {args.max_memory:g} GiB)"
    return ""


def _is_summary(line: bytes) -> bool:
    try:
        return "member" in json.loads(line)
    except ValueError:
        return False


def worker(task: str, folder: Path, args: argparse.Namespace, timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{task}.json"
        command = [sys.executable, "-m", "benchmarks.worker", task, str(folder)]
        command += ["--json", str(out), "--as-of", args.as_of, "--repeat", str(args.repeat)]
        command += ["--budget", str(args.budget), "--seed", str(args.seed)]
        command += ["--sample", str(QUICK_SAMPLE if args.quick else args.sample)]
        child = run_child(command, timeout=timeout, max_memory_gib=args.max_memory)
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    data["child"] = child.as_dict()
    if child.timed_out:
        say(f"  {task}: stopped after {timeout:.0f} s")
    elif child.over_memory:
        say(f"  {task}: stopped above {args.max_memory:g} GiB")
    elif child.exit_code != 0:
        say(f"  {task}: failed with exit code {child.exit_code}")
    return data


def measure_size(size: Size, args: argparse.Namespace) -> dict[str, Any]:
    people, label = size.people, size.name
    say(f"== {size_label(people)} people" + (" with hubs" if size.hubs else ""))
    folder, generated = ensure_network(args.data, size, args.seed, args.timeout)
    rows = network_rows(folder)
    entry: dict[str, Any] = {
        "people": people,
        "label": size_label(people),
        "hubs": size.hubs,
        "seed": args.seed,
        "as_of": args.as_of,
        "rows": rows,
        "generate_seconds": generated,
        "run": run_info(args),
        "run_id": args.run_id,
        "load_before": os.getloadavg()[0],
    }
    entry["e2e"] = end_to_end(folder, args, members=people)
    counted = entry["e2e"]["counted"]
    if counted["timed_out"] or counted["over_memory"]:
        why = (
            f"took longer than {args.timeout:.0f} s"
            if counted["timed_out"]
            else f"held more than {args.max_memory:g} GiB"
        )
        entry["skipped"] = (
            f"`score --all` {why} and was stopped; phases and the member report were not measured"
        )
    else:
        say(f"{label}: phases in one process")
        entry["phases"] = worker("phases", folder, args, args.timeout + args.budget)
        say(f"{label}: one member's report")
        # the first report is one call per process: a fresh process for each run
        runs = [
            worker("member", folder, args, args.timeout + args.budget)
            for _ in range(max(1, args.repeat))
        ]
        firsts = [run["first"] for run in runs if "first" in run]
        entry["member"] = {**runs[0], "first_runs": firsts}
        if firsts:
            entry["member"]["first"] = median(firsts)
    say(f"{label}: graph kernels side by side")
    entry["kernels"] = worker("kernels", folder, args, 3 * args.timeout + args.budget)
    entry["load_after"] = os.getloadavg()[0]
    return entry


# -- the machine -----------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return float("nan")


def _os_name() -> str:
    """The system and its release (major.minor), with the C library if known."""
    release = ".".join(re.findall(r"\d+", platform.release())[:2])
    libc, version = platform.libc_ver()
    return " ".join(
        part for part in (platform.system(), release, f"({libc} {version})" if libc else "") if part
    )


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def run_info(args: argparse.Namespace) -> dict[str, Any]:
    commit = _git("rev-parse", "--short=12", "HEAD") or "unknown"
    # the netgraph/ tree names the measured code, whatever else the commit changed
    code = _git("rev-parse", "--short=12", "HEAD:netgraph") or "unknown"
    if _git("status", "--porcelain", "--untracked-files=no", "--", "netgraph"):
        commit += " (with uncommitted changes to netgraph/)"
        code += "+changes"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "code": code,
    }


def machine_info() -> dict[str, Any]:
    import netgraph

    versions = {"Python": platform.python_version(), "netgraph": netgraph.__version__}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": _os_name(),
        "versions": versions,
    }


# -- main --------------------------------------------------------------------------------


def _command_line(args: argparse.Namespace, argv: list[str]) -> str:
    shown = []
    skip = False
    for item in argv:  # the data and output folders are left out: they are local
        if skip:
            skip = False
            continue
        if item in ("--data", "--out"):
            skip = True
            continue
        if item.startswith(("--data=", "--out=")):
            continue
        shown.append(item)
    return " ".join(["python -m benchmarks.run", *shown])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="10k,100k,100k-hubs",
        help="network sizes, -hubs for the shape with hubs (default 10k,100k,100k-hubs)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes ({QUICK_SIZES}), 1 run: a smoke test"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the Markdown file")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="network cache folder")
    parser.add_argument("--seed", type=int, default=SEED, help=f"generator seed ({SEED})")
    parser.add_argument("--as-of", default=AS_OF, help=f"scoring date ({AS_OF})")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds before one run is stopped (600)"
    )
    parser.add_argument(
        "--max-memory",
        type=float,
        default=12.0,
        metavar="GIB",
        help="stop a child process holding more resident memory than this (12 GiB)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=600.0,
        help="seconds for the repeats of one measurement; fewer runs beyond it (600)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=50,
        help="nodes of the sample for networkx's per-node functions (50)",
    )
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="measure nothing: write the Markdown file again from its JSON file",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="do not keep other sizes from the previous results"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault(START_VARIABLE, repr(time.time()))
    if args.quick:
        args.sizes = QUICK_SIZES
        args.repeat = 1
    sizes = sorted({parse_spec(s) for s in args.sizes.split(",") if s.strip()})
    args.repeat = max(1, args.repeat)
    args.data = args.data.resolve()
    args.run_id = datetime.now(UTC).isoformat(timespec="seconds")

    json_path = args.out.with_suffix(".json")
    if args.render_only:
        results = json.loads(json_path.read_text(encoding="utf-8"))
        args.out.write_text(render(results), encoding="utf-8")
        say(f"wrote {args.out.name} from {json_path.name}")
        return 0
    results: dict[str, Any] = {"sizes": {}}
    if json_path.exists() and not args.fresh and not args.quick:
        try:
            results = json.loads(json_path.read_text(encoding="utf-8"))
        except ValueError:
            say(f"ignoring unreadable {json_path.name}")
    results.setdefault("sizes", {})
    results["machine"] = machine_info()
    results["quick"] = args.quick
    say(f"sizes {', '.join(s.name for s in sizes)}; {args.repeat} run(s) each")
    for size in sizes:
        entry = measure_size(size, args)
        entry["command"] = _command_line(args, argv)
        results["sizes"][size.key] = entry
        # write after every size, so a stopped run keeps what it measured
        args.out.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        args.out.write_text(render(results), encoding="utf-8")
    e2e = [results["sizes"][s.key]["e2e"]["runs"] for s in sizes if results["sizes"][s.key]["e2e"]]
    say(
        f"wrote {args.out.name}; end to end medians: "
        + ", ".join(f"{median([r['wall'] for r in runs]):.2f} s" for runs in e2e)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
