"""The Markdown report of a benchmark run (see :mod:`benchmarks.run`)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .timing import median

KERNELS = (
    "pagerank",
    "constraint",
    "effective_size",
    "communities",
    "within_two_steps",
    "two_step_reach_counts",
    "hop_distances",
)
COMPILED = ("igraph", "networkit")
LARGE, MEDIUM, SMALL = 1_000_000, 100_000, 10_000
# the targets of "each value written once": 1M no slower than before it (34 s) in at most
# 3 GiB, 100k in 3.5 s, one member's first report in 0.5 s and a later one in 25 ms
WALL_LARGE, WALL_MEDIUM, MEMORY_LARGE_GIB, SCALING = 34.0, 3.5, 3.0, 12.0
FIRST_REPORT_SECONDS, LATER_REPORT_SECONDS = 0.5, 0.025
FASTEST_FACTOR, NETWORKX_FACTOR, SAME_AS_NETWORKX = 2.0, 20.0, 1e-9

#: A measured network: its people, and whether it has hubs (``netgraph generate --hubs``).
Key = tuple[int, bool]


# -- formatting ------------------------------------------------------------------------


def seconds(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if value < 0:
        return "-" + seconds(-value)
    if value < 1e-3:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    if value < 100:
        return f"{value:.2f} s"
    return f"{value:,.0f} s"


def gib(kib: float | None) -> str:
    return "-" if kib is None else f"{kib / 2**20:.2f} GiB"


def ratio(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:.2f}x" if value < 10 else f"{value:,.0f}x"


def diff(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    if value == 0:
        return "0"
    if math.isinf(value):
        return "differs (NaN where the other is not)"
    return f"{value:.1e}"


def _row(*cells: Any) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[Any]], align: str = "") -> list[str]:
    spec = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else "---" for a in spec]
    return [_row(*header), _row(*marks), *(_row(*r) for r in rows), ""]


def _runs(values: list[float]) -> str:
    return ", ".join(seconds(v) for v in values) if values else "-"


# -- reading the results --------------------------------------------------------------


def _stopped(run: dict[str, Any]) -> bool:
    return bool(run.get("timed_out") or run.get("over_memory"))


def _walls(entry: dict[str, Any]) -> list[float]:
    return [r["wall"] for r in entry.get("e2e", {}).get("runs", []) if not _stopped(r)]


def e2e_wall(entry: dict[str, Any] | None) -> float | None:
    if not entry:
        return None
    walls = _walls(entry)
    return median(walls) if walls else None


def e2e_stopped(entry: dict[str, Any] | None) -> bool:
    if not entry:
        return False
    e2e = entry.get("e2e", {})
    return _stopped(e2e.get("counted", {})) or any(_stopped(r) for r in e2e.get("runs", []))


def e2e_peak(entry: dict[str, Any] | None) -> int | None:
    if not entry:
        return None
    e2e = entry.get("e2e", {})
    peaks = [r["peak_rss_kib"] for r in e2e.get("runs", [])]
    if "counted" in e2e:
        peaks.append(e2e["counted"]["peak_rss_kib"])
    return max(peaks) if peaks else None


def kernel_seconds(entry: dict[str, Any], lib: str) -> tuple[float | None, str]:
    """Median seconds of a library's fastest variant of a kernel, and that variant's name."""
    best: tuple[float | None, str] = (None, "")
    for key, value in entry.items():
        if (key == lib or key.startswith(lib + " (")) and isinstance(value, dict):
            s = value.get("seconds")
            if s is not None and (best[0] is None or s < best[0]):
                best = (s, key)
    return best


def fastest_compiled(entry: dict[str, Any]) -> tuple[float | None, str]:
    options = [kernel_seconds(entry, lib) for lib in COMPILED]
    timed = [o for o in options if o[0] is not None]
    return min(timed, key=lambda o: o[0] or 0.0) if timed else (None, "")


def netgraph_vs_fastest(entry: dict[str, Any]) -> float | None:
    ours = kernel_seconds(entry, "netgraph")[0]
    best = fastest_compiled(entry)[0]
    return ours / best if ours and best else None


def networkx_vs_netgraph(entry: dict[str, Any]) -> float | None:
    ours = kernel_seconds(entry, "netgraph")[0]
    theirs = entry.get("networkx", {}).get("seconds")
    return theirs / ours if ours and theirs else None


def _extrapolated(entry: dict[str, Any]) -> bool:
    return bool(entry.get("networkx", {}).get("extrapolated"))


def _networkx_diff(kernels: dict[str, Any], name: str) -> float | None:
    diffs = kernels.get(name, {}).get("diffs", {})
    if name == "effective_size":  # the per-node path: networkx's definition (see notes)
        return diffs.get("networkx_per_node")
    return diffs.get("networkx")


# -- targets ----------------------------------------------------------------------------


def _name(entry: dict[str, Any]) -> str:
    """``100k``, or ``100k with hubs``."""
    return str(entry["label"]) + (" with hubs" if entry.get("hubs") else "")


def _code(entry: dict[str, Any] | None) -> str:
    """The netgraph/ tree an entry was measured on (its commit for older results)."""
    run = (entry or {}).get("run", {})
    return str(run.get("code") or run.get("commit"))


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("**met**" if ok else "**not met**")


def targets(sizes: dict[Key, dict[str, Any]]) -> list[list[str]]:
    large, medium = sizes.get((LARGE, False)), sizes.get((MEDIUM, False))
    small, medium_hubs = sizes.get((SMALL, False)), sizes.get((MEDIUM, True))
    rows = []

    def timed_target(label: str, entry: dict[str, Any] | None, limit: float, size: str) -> None:
        wall = e2e_wall(entry)
        if entry is None:
            rows.append([label, f"not measured (run with `--sizes {size}`)", _verdict(None)])
        elif wall is None:
            rows.append(
                [label, "stopped (see notes)" if e2e_stopped(entry) else "failed", _verdict(False)]
            )
        else:
            rows.append([label, seconds(wall), _verdict(wall <= limit)])

    timed_target(f"`score --all` at 1M: wall time ≤ {WALL_LARGE:g} s", large, WALL_LARGE, "1m")
    peak = e2e_peak(large)
    rows.append(
        [
            f"`score --all` at 1M: peak memory ≤ {MEMORY_LARGE_GIB:g} GiB",
            gib(peak) if peak else "not measured (run with `--sizes 1m`)",
            _verdict(None if peak is None else peak / 2**20 <= MEMORY_LARGE_GIB),
        ]
    )
    timed_target(
        f"`score --all` at 100k: wall time ≤ {WALL_MEDIUM:g} s", medium, WALL_MEDIUM, "100k"
    )
    timed_target(
        f"`score --all` at 100k with hubs: wall time ≤ {WALL_MEDIUM:g} s",
        medium_hubs,
        WALL_MEDIUM,
        "100k-hubs",
    )
    big, mid = e2e_wall(large), e2e_wall(medium)
    label = f"time at 1M ≤ {SCALING:.0f} x time at 100k"
    if big and mid:
        same_run = (
            large is not None and medium is not None and large.get("run_id") == medium.get("run_id")
        )
        measured = f"{big / mid:.1f} x ({seconds(big)} / {seconds(mid)})"
        if not same_run:
            measured += ", sizes from different runs"
        elif _code(large) != _code(medium):
            measured += ", sizes measured on different netgraph code"
        rows.append([label, measured, _verdict(big / mid <= SCALING)])
    else:
        rows.append([label, "needs both sizes", _verdict(None)])

    for shape, sized in (("100k", medium), ("100k with hubs", medium_hubs)):
        member = (sized or {}).get("member", {})
        first = member.get("first")
        later = member.get("later") or []
        first_runs = member.get("first_runs") or []
        rows.append(
            [
                f"one member's report at {shape}, first call after loading "
                f"≤ {FIRST_REPORT_SECONDS:g} s",
                (
                    "not measured"
                    if first is None
                    else seconds(first)
                    + (f" (median of {len(first_runs)} processes)" if len(first_runs) > 1 else "")
                ),
                _verdict(None if first is None else first <= FIRST_REPORT_SECONDS),
            ]
        )
        rows.append(
            [
                f"one member's report at {shape}, a later call "
                f"≤ {LATER_REPORT_SECONDS * 1000:g} ms",
                f"{seconds(median(later))} (median of {len(later)})" if later else "not measured",
                _verdict(None if not later else median(later) <= LATER_REPORT_SECONDS),
            ]
        )

    measured_sizes = sorted(sizes)
    for name in KERNELS:
        parts, oks = [], []
        for key in measured_sizes:
            entry = sizes[key].get("kernels", {}).get("kernels", {}).get(name)
            if not entry:
                continue
            value = netgraph_vs_fastest(entry)
            if value is not None:
                parts.append(f"{_name(sizes[key])}: {ratio(value)}")
                oks.append(value <= FASTEST_FACTOR)
        if parts:
            rows.append(
                [
                    f"`{name}`: netgraph ≤ {FASTEST_FACTOR:.0f} x the fastest of igraph and "
                    "networkit",
                    ", ".join(parts),
                    _verdict(all(oks)),
                ]
            )
        elif any(sizes[p].get("kernels", {}).get("kernels", {}).get(name) for p in sizes):
            rows.append(
                [
                    f"`{name}`: netgraph ≤ {FASTEST_FACTOR:.0f} x the fastest of igraph and "
                    "networkit",
                    "no igraph or networkit equivalent",
                    "n/a",
                ]
            )
        if name == "communities":
            rows += _one_thread_row(sizes, measured_sizes)
    for name in KERNELS:
        entry = (medium or {}).get("kernels", {}).get("kernels", {}).get(name)
        label = f"`{name}`: netgraph ≥ {NETWORKX_FACTOR:.0f} x faster than networkx at 100k"
        value = networkx_vs_netgraph(entry) if entry else None
        if value is None:
            rows.append([label, "not measured", _verdict(None)])
        else:
            note = " (networkx extrapolated from a sample)" if _extrapolated(entry or {}) else ""
            rows.append([label, ratio(value) + note, _verdict(value >= NETWORKX_FACTOR)])
    kernels_small = (small or {}).get("kernels", {}).get("kernels", {})
    for name in ("pagerank", "constraint", "effective_size"):
        label = f"`{name}`: same values as networkx at 10k (max abs difference ≤ 1e-9)"
        value = _networkx_diff(kernels_small, name)
        rows.append(
            [
                label,
                diff(value) if value is not None else "not measured",
                _verdict(None if value is None else value <= SAME_AS_NETWORKX),
            ]
        )
    return rows


# -- one size ----------------------------------------------------------------------------


def _network_line(entry: dict[str, Any]) -> str:
    rows = entry.get("rows", {})
    parts = [f"{rows.get('people', entry['people']):,} people (every one a member)"]
    parts += [f"{count:,} {name}" for name, count in rows.items() if name != "people"]
    line = ", ".join(parts)
    graph = entry.get("kernels", {})
    if "max_degree" in graph:
        line += (
            f"; the scored graph has {graph['edges']:,} edges, a highest degree of "
            f"{graph['max_degree']:,} and a sum of squared degrees of "
            f"{graph['sum_degree_squared']:.3g}"
        )
    return line


def _e2e_section(entry: dict[str, Any]) -> list[str]:
    e2e = entry.get("e2e", {})
    runs = e2e.get("runs", [])
    counted = e2e.get("counted", {})
    out = ["### End to end: `netgraph score FOLDER --all --format jsonl`", ""]
    walls = [r["wall"] for r in runs]
    peaks = [r["peak_rss_kib"] for r in runs]
    cpus = [r["cpu"] for r in runs]
    rows = [
        [
            "wall time (output to /dev/null)",
            seconds(median(walls) if walls else None),
            _runs(walls),
        ],
        [
            "peak memory (the child's max RSS)",
            gib(median(peaks) if peaks else None),
            ", ".join(gib(p) for p in peaks) or "-",
        ],
        ["CPU time (user + system)", seconds(median(cpus) if cpus else None), _runs(cpus)],
    ]
    lines, members = e2e.get("lines"), e2e.get("members")
    if counted:
        check = "every one a JSON summary" if e2e.get("lines_are_json") else "not JSON summaries"
        rows.append(
            [
                "output lines (one run, read through a pipe)",
                f"{lines:,} of {members:,} members" if lines is not None else "-",
                f"{check}; that run took {seconds(counted.get('wall'))}"
                + (" (stopped)" if _stopped(counted) else ""),
            ]
        )
    out += _table(["", "median", "runs"], rows, "lrl")
    if any(_stopped(r) for r in runs) or _stopped(counted):
        out += ["A run was stopped (time or memory limit); see the notes.", ""]
    return out


def _phases_section(entry: dict[str, Any]) -> list[str]:
    phases = entry.get("phases", {})
    runs = phases.get("runs", [])
    out = ["### Phases in one process", ""]
    if not runs:
        return [*out, entry.get("skipped", "Not measured."), ""]
    names = list(runs[0])
    medians = {name: median([r[name] for r in runs if name in r]) for name in names}
    cpu_runs = phases.get("cpu_runs", [])
    cpu = {name: median([r[name] for r in cpu_runs if name in r]) for name in names}
    total = sum(medians.values())
    rows = [
        [
            name,
            seconds(medians[name]),
            seconds(cpu[name]) if cpu_runs else "-",
            f"{100 * medians[name] / total:.0f}%",
        ]
        for name in names
    ]
    cpu_total = seconds(sum(cpu.values())) if cpu_runs else "-"
    rows.append(["**total**", f"**{seconds(total)}**", cpu_total, "100%"])
    wall = e2e_wall(entry)
    if wall is not None:
        rows.append(
            [
                "end to end minus this total (start-up, imports, run-to-run noise)",
                seconds(wall - total),
                "",
                "",
            ]
        )
    out += _table(["phase", "wall (median)", "CPU (median)", "share of wall"], rows)
    out += [
        f"Median of {len(runs)} run(s); the phases after “set-up” are the ones "
        "`score_all` names through its progress callback; each block of members is scored "
        "as its JSON lines are written (“score members, write JSON lines”). CPU time is the whole "
        "process's, so work on another thread counts in the phase during which it ran. "
        "Peak memory of the process: "
        f"{gib(phases.get('peak_rss_kib'))}.",
        "",
    ]
    return out


def _member_section(entry: dict[str, Any]) -> list[str]:
    member = entry.get("member", {})
    out = ["### One member's full report", ""]
    if "first" not in member:
        return [*out, entry.get("skipped", "Not measured."), ""]
    later = member.get("later", [])
    shared_later = member.get("shared_later", [])
    rows = [
        ["`netgraph.load_network(folder)`", seconds(member.get("load")), "1"],
        [
            "`score_member(network, id, as_of=...)`, first call (in a fresh process each run)",
            seconds(member["first"]),
            _runs(member.get("first_runs") or [member["first"]]),
        ],
        [
            "`score_member`, later calls (other members)",
            seconds(median(later) if later else None),
            _runs(later),
        ],
    ]
    if "shared_first" in member:
        rows += [
            [
                "`score_members(network, ids, ...)`, first report",
                seconds(member["shared_first"]),
                "1",
            ],
            [
                "`score_members`, each later report",
                seconds(median(shared_later) if shared_later else None),
                _runs(shared_later),
            ],
        ]
    out += _table(["call", "seconds", "runs"], rows, "lrl")
    return out


def _networkx_cell(entry: dict[str, Any]) -> str:
    x = entry.get("networkx", {})
    if "skipped" in x:
        return x["skipped"]
    if x.get("seconds") is None:
        return "-"
    if x.get("extrapolated"):
        text = f"≈ {seconds(x['seconds'])} (extrapolated from {x['sample']} nodes"
        text += ", per-node path)" if "reason" in x else ")"
        return text
    text = seconds(x["seconds"])
    per_node = x.get("per_node")
    if per_node and per_node.get("extrapolated"):
        text += (
            f"; per-node path ≈ {seconds(per_node['seconds'])} (from {per_node['sample']} nodes)"
        )
    return text


def _diff_cells(name: str, entry: dict[str, Any]) -> list[str]:
    diffs = entry.get("diffs", {})
    if name == "communities":
        return ["modularity below", "", ""]
    suffix = " nodes differ" if name == "within_two_steps" else ""

    def cell(value: Any) -> str:
        return "-" if value is None else diff(value) + suffix

    x = cell(diffs.get("networkx"))
    if name == "effective_size" and diffs.get("networkx_per_node") is not None:
        per_node = diffs["networkx_per_node"]
        x = f"{diff(per_node)} (per-node path, {diffs.get('networkx_per_node_nodes', 0)} nodes)"
        if diffs.get("networkx") is not None:
            x += f"; all-nodes path {diff(diffs['networkx'])} (see notes)"
    ig = [cell(v) for k, v in diffs.items() if k.startswith("igraph")]
    return [x, " / ".join(ig) or "-", cell(diffs.get("networkit"))]


def _kernels_section(entry: dict[str, Any]) -> list[str]:
    data = entry.get("kernels", {})
    kernels = data.get("kernels", {})
    out = ["### Graph kernels, side by side", ""]
    if not kernels:
        return [*out, "Not measured.", ""]
    builds = ", ".join(f"{lib} {seconds(s)}" for lib, s in data.get("builds", {}).items())
    out += [
        f"On the weighted projection netgraph scores: {data.get('nodes', 0):,} nodes, "
        f"{data.get('edges', 0):,} edges (built by netgraph in {seconds(data.get('projection'))}"
        f"). Building each library's graph from it, not counted below: {builds}.",
        "",
    ]
    rows = []
    for name in KERNELS:
        k = kernels.get(name)
        if not k:
            continue
        cells = [f"`{name}`", seconds(kernel_seconds(k, "netgraph")[0])]
        for lib in COMPILED:
            if "skipped" in k.get(lib, {}):
                cells.append("n/a")
                continue
            value, variant = kernel_seconds(k, lib)
            cells.append(
                seconds(value) + (f" ({variant[len(lib) + 2 : -1]})" if variant != lib else "")
            )
        cells.append(_networkx_cell(k))
        cells.append(ratio(netgraph_vs_fastest(k)))
        x = networkx_vs_netgraph(k)
        cells.append(ratio(x) + (" (extrapolated)" if x and _extrapolated(k) else ""))
        cells += _diff_cells(name, k)
        rows.append(cells)
    out += _table(
        [
            "kernel",
            "netgraph",
            "igraph",
            "networkit",
            "networkx",
            "netgraph ÷ fastest of igraph, networkit",
            "networkx ÷ netgraph",
            "max abs diff: networkx",
            "igraph",
            "networkit",
        ],
        rows,
        "lrrrrrrlll",
    )
    quality = kernels.get("communities", {}).get("quality", {})
    if quality:
        out += _table(
            ["communities by", "modularity", "communities"],
            [
                [lib, f"{q['modularity']:.4f}", f"{q['communities']:,}"]
                for lib, q in quality.items()
            ],
        )
    return out


def _size_section(entry: dict[str, Any]) -> list[str]:
    out = [f"## {entry['label']} people" + (" with hubs" if entry.get("hubs") else ""), ""]
    run = entry.get("run", {})
    generated = entry.get("generate_seconds")
    out += [
        f"Network: {_network_line(entry)}; generated with seed {entry.get('seed')}"
        + (f" in {seconds(generated)}" if generated else "")
        + f", scored as of {entry.get('as_of')}. Measured {run.get('date', '?')} at commit "
        f"{run.get('commit', '?')}"
        + (f" (netgraph/ tree {run['code']})" if run.get("code") else "")
        + f" with `{entry.get('command', '?')}`; load average "
        f"{entry.get('load_before', float('nan')):.1f} before and "
        f"{entry.get('load_after', float('nan')):.1f} after.",
        "",
    ]
    if entry.get("skipped"):
        out += [f"**{entry['skipped']}.**", ""]
    out += _e2e_section(entry)
    out += _phases_section(entry)
    out += _member_section(entry)
    out += _kernels_section(entry)
    return out


def _one_thread_row(sizes: dict[Key, Any], measured_sizes: list[Key]) -> list[list[str]]:
    """netgraph's PLM against networkit's PLM on one thread: the same deterministic run.

    Shown beside the target's own row, not instead of it: the target compares with
    networkit on all its threads, which netgraph does not use (the partition would
    depend on thread timing).
    """
    parts, oks = [], []
    for key in measured_sizes:
        entry = sizes[key].get("kernels", {}).get("kernels", {}).get("communities") or {}
        ours = entry.get("netgraph", {}).get("seconds")
        single = entry.get("networkit (1 thread)", {}).get("seconds")
        if ours and single:
            parts.append(f"{_name(sizes[key])}: {ratio(ours / single)}")
            oks.append(ours / single <= FASTEST_FACTOR)
    if not parts:
        return []
    label = (
        f"`communities`, for comparison: netgraph ≤ {FASTEST_FACTOR:.0f} x networkit's PLM on "
        "one thread (netgraph's own, deterministic setting)"
    )
    return [[label, ", ".join(parts), _verdict(all(oks))]]


# -- the whole report ----------------------------------------------------------------------

NOTES = """\
* **Noise.** The machine was shared with other work while these ran, so single timings vary
  by a factor of two or more. Every time is the median of several runs (the number is given);
  the kernels of one size run in one process, the libraries in interleaved rounds, so their
  ratios are measured side by side. Runs beyond a time budget are skipped (fewer runs shown).
* **End to end** is the wall time of `python -m netgraph score FOLDER --all --format jsonl
  --as-of 2026-11-01` in a child process, from its start to its exit (after the last line),
  with its output going to /dev/null; peak memory is that child's maximum resident set size
  (`ru_maxrss` from `os.wait4`). One extra run, first, reads the output through a pipe and
  counts its lines; it also loads (or, after a change to the code, compiles and caches)
  netgraph's numba-compiled loops, which the timed runs then load from the cache.
* **Kernel times** leave out building each library's graph (given above each table); netgraph's
  kernels read the scipy CSR matrix directly. networkit runs with its default number of
  threads and with one; its column shows the faster, marked "(1 thread)" when it is that.
  networkx is not run on graphs above 200,000 nodes.
* **`pagerank`**: everyone stops once the L1 change of an iteration is below netgraph's
  tolerance (1e-10): networkit with its L1 norm; networkx with `tol = 1e-10 / n`, because it
  multiplies its tolerance by the number of nodes. igraph solves the system (PRPACK, its
  default) or iterates with ARPACK; its column shows the faster of the two.
* **`constraint`**: igraph's `Graph.constraint(weights=...)`, networkx's all-nodes `constraint`
  (sparse matrices); networkit has none. netgraph's `constraint` and `effective_size` each
  make one pass over the triangles that gives both (`burt_measures`), so each column times
  both measures; the batch scorer calls `burt_measures` once.
* **`effective_size`**: neither igraph nor networkit has it. networkx's all-nodes path (sparse
  products, then dense n x n matrices) disagrees with its own per-node path on weighted graphs:
  it divides by the largest weight of the wrong node (`max(axis=1)` broadcast along rows;
  networkx pull request 8906). netgraph agrees with the per-node path, which follows Burt's
  definition, so that is the difference reported; the all-nodes path is timed where its dense
  matrices fit (up to 15,000 nodes), and beyond that the per-node path is timed on a sample and
  extrapolated linearly, which overstates what a fixed all-nodes path would take.
* **`communities`**: netgraph's kernel runs another library's Louvain, chosen by the size of
  the graph (see `netgraph/graph/kernels/_communities.py`), and its time includes building that
  library's graph from the CSR matrix. Here it visits the nodes in index order, as the
  other libraries do; scoring visits them in (name, id) order, which makes the partition
  independent of the file's row order but costs PLM more time (fewer cache hits). The igraph
  column is `community_multilevel`; networkit is `PLM`, refined on graphs of up to 2 million
  edges as netgraph's is, on all its threads and on one; networkx is `louvain_communities`.
  netgraph runs PLM on one thread, where its visit order is fixed; on two threads the
  partition depends on thread timing. So the targets' table also compares it with
  networkit on one thread.
  The partitions differ; their modularity is given below each table.
* **`within_two_steps`**: the nodes one or two hops from 100 random sources; igraph
  `neighborhood(order=2, mindist=1)` merged into one mask, networkx a breadth-first search with
  `cutoff=2` per source. networkit's Python interface has no depth-limited search.
* **`two_step_reach_counts`**: for every node, the number of others within two hops; igraph
  `neighborhood_size(order=2, mindist=1)`; networkx a search with `cutoff=2` from every node
  (from a sample of nodes, extrapolated, when all would take more than a minute).
* **`hop_distances`**: hops from one node to all; igraph `distances(source=[s])`, networkit
  `distance.BFS`, networkx `single_source_shortest_path_length`.
* **One member's report**: `score_member` is timed right after `load_network` (the first
  call) and then for other members (later calls); `score_members` makes several reports
  from one scoring context, so only its first report computes the graph-wide kernels.
"""


#: The side-by-side runs of ``python -m benchmarks.before_after``, shown in this file too.
BEFORE_AFTER = (
    "results-before-after.md",
    "results-before-after-1m.md",
    "results-before-after-first-report.md",
)


def _before_after() -> list[str]:
    """The tables of the latest before-and-after runs, each with the line saying what
    was compared (two versions in fresh processes, interleaved, on one machine)."""
    here = Path(__file__).resolve().parent
    found = [here / name for name in BEFORE_AFTER if (here / name).exists()]
    if not found:
        return []
    out = ["## Before and after", ""]
    for path in found:
        lines = path.read_text(encoding="utf-8").splitlines()
        out += [line for line in lines if line.startswith("Measured on")]
        out += ["", *(line for line in lines if line.startswith("|")), ""]
    return out


def render(results: dict[str, Any]) -> str:
    sizes: dict[Key, dict[str, Any]] = {
        (int(v.get("people", k)), bool(v.get("hubs"))): v
        for k, v in results.get("sizes", {}).items()
    }
    machine = results.get("machine", {})
    versions = machine.get("versions", {})
    out = [
        "# Benchmarks",
        "",
        "How long netgraph takes to score every member of a platform network (one generated "
        "with `netgraph generate --people N`: every person a member, about 10 ties, one "
        "invoice, two interactions and one knowledge exchange each), how much memory it needs, "
        "and how its graph kernels compare with igraph, networkit and networkx on the same "
        "graph. Sizes marked *with hubs* are generated with `--hubs`: the same counts, but a "
        "few people have thousands of ties, as in real professional networks (at 100k people "
        "3 hubs of about 9,000 ties, where the highest degree is otherwise about 700).",
        "",
        "Reproduce from the repository root (the networks are generated once into the "
        "git-ignored `benchmarks/.data/`):",
        "",
        "```sh",
        "python -m benchmarks.run --sizes 10k,100k,100k-hubs  # this file and results.json",
        "python -m benchmarks.run --sizes 1m                  # adds 1M, keeping the other sizes",
        "```",
        "",
    ]
    if results.get("quick"):
        out += ["**A quick run on tiny networks (`--quick`): a smoke test, not a benchmark.**", ""]
    out += ["## Targets", ""]
    out += _table(["target", "measured", ""], targets(sizes), "lll")
    out += _before_after()
    threads = {
        v.get("kernels", {}).get("threads", {}).get("networkit")
        for v in sizes.values()
        if v.get("kernels", {}).get("threads")
    }
    out += ["## Machine", ""]
    rows = [
        ["CPU", f"{machine.get('cpu', '?')}, {machine.get('cores', '?')} cores"],
        ["memory", f"{machine.get('memory_gib', float('nan')):.1f} GiB"],
        ["OS", machine.get("os", "?")],
        ["Python", versions.get("Python", "?")],
        [
            "libraries",
            ", ".join(f"{k} {v}" for k, v in versions.items() if k != "Python"),
        ],
        ["networkit threads", ", ".join(str(t) for t in sorted(t for t in threads if t)) or "-"],
    ]
    out += _table(["", ""], rows, "ll")
    out += ["Each size below says when and at which commit it was measured.", ""]
    for key in sorted(sizes):
        out += _size_section(sizes[key])
    notes = NOTES.splitlines()
    for key in sorted(sizes):
        entry = sizes[key]
        member = entry.get("member", {})
        later = member.get("later") or []
        if later and member.get("first") and median(later) > 0.5 * member["first"]:
            notes.append(
                f"* At {_name(entry)}, a later `score_member` call took "
                f"{seconds(median(later))}, about as long as the first "
                f"({seconds(member['first'])}): each call builds a new scoring context and "
                "computes the graph-wide kernels again; `score_members` shares them "
                f"({seconds(median(member.get('shared_later') or [float('nan')]))} per later "
                "report)."
            )
        for task in ("phases", "member", "kernels"):
            child = entry.get(task, {}).get("child", {})
            if _stopped(child):
                limit = "time" if child.get("timed_out") else "memory"
                notes.append(
                    f"* At {_name(entry)}, the {task} measurement was stopped at its {limit} "
                    f"limit (after {seconds(child.get('wall'))}, "
                    f"{gib(child.get('peak_rss_kib'))}); what it finished is shown."
                )
        if e2e_stopped(entry):
            runs = [entry["e2e"].get("counted", {}), *entry["e2e"].get("runs", [])]
            stopped = next(r for r in runs if _stopped(r))
            limit = "time" if stopped.get("timed_out") else "memory"
            notes.append(
                f"* At {_name(entry)}, `score --all` was stopped at the {limit} limit, after "
                f"{seconds(stopped.get('wall'))} holding {gib(stopped.get('peak_rss_kib'))}."
            )
    out += ["## Notes", "", *notes, ""]
    return "\n".join(out)
