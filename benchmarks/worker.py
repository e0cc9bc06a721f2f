"""In-process measurements, each run in a child process by :mod:`benchmarks.run`.

``python -m benchmarks.worker phases|member|kernels FOLDER --json OUT [options]``

* ``phases``: load the network, score every member with the batch scorer (the time of
  each phase it names through its progress callback) and write the JSON lines the
  command line writes, to a null sink.
* ``member``: one member's full report with :func:`netgraph.score_member`, the first
  call after loading and later ones, and the same through :func:`netgraph.score_members`
  (which shares the graph kernels between reports).
* ``kernels``: every graph kernel netgraph uses, side by side with igraph, networkit and
  networkx on the weighted projection that netgraph scores.

Results go to ``OUT`` as JSON, rewritten after each step so that a run stopped by a
time limit keeps what it measured.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import math
import os
import re
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from .timing import Timed, median, say, time_runs

#: networkx is not run on graphs with more nodes than this (memory, hours).
NX_MAX_NODES = 200_000
#: networkx's all-nodes effective size makes dense n x n matrices: only up to this.
NX_DENSE_MAX_NODES = 15_000
#: A networkx kernel is run on all nodes only when a sample predicts at most this long.
NX_FULL_SECONDS = 60.0
#: Repeats of one networkx kernel stop once they would take longer than this in total.
NX_BUDGET_SECONDS = 60.0
#: Nodes in the sample of the per-node networkx functions.
NX_SAMPLE = 50
#: Sources of the within-two-steps kernel.
REACH_SOURCES = 100


def _clean(value: Any) -> Any:
    """JSON-safe copy: NaN and infinities become None, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _write(path: str, data: dict[str, Any]) -> None:
    tmp = Path(path + ".tmp")
    tmp.write_text(json.dumps(_clean(data), indent=1), encoding="utf-8")
    tmp.replace(path)


def _now() -> tuple[float, float]:
    """Wall clock and this process's CPU time."""
    return time.perf_counter(), time.process_time()


def _peak_rss_kib() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# -- phases of the batch --------------------------------------------------------------------


def _write_lines(batch: Any) -> int:
    """Write the JSON lines to /dev/null the way ``netgraph score --all`` does; count them."""
    lines = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        if hasattr(batch, "json_lines"):  # blocks of lines, built column by column
            for block in batch.json_lines():
                sink.write(block)
                lines += block.count("\n")
        else:
            for summary in batch.summaries():
                sink.write(json.dumps(summary, ensure_ascii=False, separators=(",", ":")) + "\n")
                lines += 1
    return lines


def phases(folder: str, as_of: date, repeat: int, budget: float, out: str) -> None:
    import netgraph
    from netgraph.scoring._score import score_all

    data: dict[str, Any] = {"runs": []}
    spent = 0.0
    for run in range(max(1, repeat)):
        gc.collect()
        begin = _now()
        network = netgraph.load_network(folder)
        loaded = _now()
        marks: list[tuple[str, tuple[float, float]]] = [("set-up", loaded)]

        def progress(phase: str, marks: list[tuple[str, tuple[float, float]]] = marks) -> None:
            # blocks of members are scored as their lines are written: one phase
            marks.append((re.sub(r"^members .*", "score members, write JSON lines", phase), _now()))

        batch = score_all(network, as_of=as_of, progress=progress)
        lines = _write_lines(batch)
        written = _now()
        spans = [("load network", begin, loaded)]
        for (name, at), (_, until) in zip(marks, [*marks[1:], ("", written)], strict=True):
            spans.append((name, at, until))
        times: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for name, at, until in spans:
            times[name] = times.get(name, 0.0) + until[0] - at[0]
            cpu[name] = cpu.get(name, 0.0) + until[1] - at[1]
        data["runs"].append(times)
        data.setdefault("cpu_runs", []).append(cpu)
        data["lines"] = lines
        data["members"] = len(network.member_ids)
        data["people"] = network.size
        data["peak_rss_kib"] = _peak_rss_kib()
        _write(out, data)
        last = written[0] - begin[0]
        spent += last
        say(f"  phases run {run + 1}: {last:.2f} s (load {times['load network']:.2f} s)")
        del network, batch
        if spent + last > budget:
            break


# -- one member's report ------------------------------------------------------------------


def member(folder: str, as_of: date, repeat: int, budget: float, seed: int, out: str) -> None:
    import netgraph

    begin = time.perf_counter()
    network = netgraph.load_network(folder)
    data: dict[str, Any] = {"load": time.perf_counter() - begin}
    members = network.member_ids
    rng = np.random.default_rng(seed)
    count = min(len(members), 2 * max(1, repeat) + 2)
    picks = [members[i] for i in rng.choice(len(members), size=count, replace=False).tolist()]

    def report(who: str) -> float:
        start = time.perf_counter()
        netgraph.score_member(network, who, as_of=as_of)
        return time.perf_counter() - start

    data["first"] = report(picks[0])
    say(f"  first report: {data['first']:.2f} s")
    data["later"] = []
    spent = data["first"]
    for who in picks[1 : 1 + max(1, repeat)]:
        data["later"].append(report(who))
        _write(out, data)
        spent += data["later"][-1]
        if spent + data["later"][-1] > budget:
            break
    say(f"  later reports: {median(data['later']):.2f} s (median of {len(data['later'])})")

    # the same members through score_members, which builds the graph kernels once
    shared = picks[: max(2, min(len(picks), max(1, repeat) + 1))]
    if len(shared) >= 2:
        reports = netgraph.score_members(network, shared, as_of=as_of)
        steps = []
        for _ in shared:
            start = time.perf_counter()
            next(reports)
            steps.append(time.perf_counter() - start)
        data["shared_first"] = steps[0]
        data["shared_later"] = steps[1:]
    data["peak_rss_kib"] = _peak_rss_kib()
    _write(out, data)


# -- graph kernels side by side -----------------------------------------------------------


def _max_abs_diff(a: Any, b: Any) -> float:
    """Largest absolute difference; NaN in both counts as equal, in one as infinite."""
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.shape != y.shape:
        return float("inf")
    both = np.isnan(x) & np.isnan(y)
    one = np.isnan(x) ^ np.isnan(y)
    if one.any():
        return float("inf")
    diff = np.abs(np.where(both, 0.0, x - y))
    return float(diff.max()) if diff.size else 0.0


def _from_dict(values: dict[int, Any], nodes: Any, missing: float = float("nan")) -> Any:
    return np.array([values.get(int(v), missing) for v in nodes], dtype=np.float64)


def _hops(values: Any, n: int) -> Any:
    """Hop distances as floats with -1 for unreachable (inf, huge or missing)."""
    x = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(x) & (x <= n), x, -1.0)


@dataclass(frozen=True)
class _PerNode:
    """A networkx function of a list of nodes: timed on a sample of nodes, and on all of
    them when the sample predicts at most ``NX_FULL_SECONDS`` (and ``everyone`` allows it)."""

    run: Callable[[list[int]], Any]
    everyone: bool = True


#: How one library runs a kernel: a call, a per-node call (networkx), or why it is not run.
Impl = Callable[[], Any] | _PerNode | str


def _mismatches(ours: Any, theirs: Any) -> int:
    return int(np.count_nonzero(np.asarray(ours) != np.asarray(theirs)))


@dataclass(frozen=True)
class _Compare:
    """How a kernel's results are compared: by their distance from netgraph's, or (for
    partitions) by a quality of each; ``notes`` are further facts to record."""

    distance: Callable[[Any, Any], Any] | None = _max_abs_diff
    quality: Callable[[Any], dict[str, Any]] | None = None
    notes: Callable[[], dict[str, Any]] = dict


def _values(result: Any, nodes: Any, n: int) -> Any:
    """A library's result as one value per node of ``nodes``: networkx gives dicts (by
    node) and, for communities, a list of node sets."""
    if isinstance(result, dict):
        return _from_dict(result, nodes)
    if isinstance(result, list) and result and isinstance(result[0], set | frozenset):
        labels = np.empty(n, dtype=np.int64)
        for label, members in enumerate(result):
            labels[list(members)] = label
        return labels
    return result


class _Kernels:
    """Every graph kernel netgraph uses, run by each library on the same graph.

    :meth:`table` says how each library runs each kernel, :meth:`comparisons` how the
    results are compared, and :meth:`run` is the one loop over them: netgraph, igraph and
    networkit in interleaved rounds, then networkx (slow: within a time budget, or on a
    sample of nodes).
    """

    def __init__(
        self, folder: str, as_of: date, repeat: int, seed: int, sample: int, out: str
    ) -> None:
        import netgraph
        from netgraph.scoring._context import Scoring

        self.repeat = max(1, repeat)
        self.sample = max(1, sample)
        self.out = out
        self.rng = np.random.default_rng(seed)
        network = netgraph.load_network(folder)
        self.settings = netgraph.Settings()
        start = time.perf_counter()
        self.adj = Scoring(network, as_of, self.settings).adjacency
        self.data: dict[str, Any] = {"projection": time.perf_counter() - start}
        del network
        gc.collect()
        self.n = int(self.adj.shape[0])
        self.data["nodes"] = self.n
        self.data["edges"] = int(self.adj.nnz // 2)
        # the shape: the work of two-step reach grows with the sum of squared degrees
        degree = np.diff(self.adj.indptr).astype(np.float64)
        self.data["max_degree"] = int(degree.max(initial=0))
        self.data["sum_degree_squared"] = float((degree**2).sum())
        self.data["builds"] = {}
        self.data["kernels"] = {}
        self.data["threads"] = {}
        self.nx_reason = ""
        if self.n > NX_MAX_NODES:
            self.nx_reason = f"not run above {NX_MAX_NODES:,} nodes"
        self._build()

    def save(self) -> None:
        self.data["peak_rss_kib"] = _peak_rss_kib()
        _write(self.out, self.data)

    def _build(self) -> None:
        from scipy import sparse

        upper = sparse.triu(self.adj, k=1, format="coo")
        rows, cols, weights = upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data
        self.missing: dict[str, str] = {}
        self.ig: Any = None
        self.nk: Any = None
        self.nk_module: Any = None
        try:
            import igraph
        except ImportError:
            self.missing["igraph"] = "igraph not installed"
        else:
            start = time.perf_counter()
            edges = list(zip(rows.tolist(), cols.tolist(), strict=True))
            g = igraph.Graph(n=self.n, edges=edges, directed=False)
            g.es["weight"] = weights.tolist()
            self.data["builds"]["igraph"] = time.perf_counter() - start
            self.ig = g
        try:
            import networkit as nk
        except ImportError:
            self.missing["networkit"] = "networkit not installed"
        else:
            start = time.perf_counter()
            graph = nk.Graph(self.n, weighted=True, directed=False)
            graph.addEdges((weights, (rows, cols)))
            self.data["builds"]["networkit"] = time.perf_counter() - start
            self.nk = graph
            self.nk_module = nk
            self.data["threads"]["networkit"] = int(nk.getMaxNumberOfThreads())

        self.nx: Any = None
        if not self.nx_reason:
            import networkx as nx

            start = time.perf_counter()
            x = nx.Graph()
            x.add_nodes_from(range(self.n))
            x.add_weighted_edges_from(
                zip(rows.tolist(), cols.tolist(), weights.tolist(), strict=True)
            )
            self.data["builds"]["networkx"] = time.perf_counter() - start
            self.nx = x
        say(
            "  graphs built: " + ", ".join(f"{k} {v:.2f} s" for k, v in self.data["builds"].items())
        )
        self.save()

    @staticmethod
    def one_thread(fn: Callable[[], Any]) -> Callable[[], Any]:
        """``fn`` with networkit on one thread (on a busy machine that can be faster)."""

        def run() -> Any:
            import networkit as nk

            threads = nk.getMaxNumberOfThreads()
            nk.setNumberOfThreads(1)
            try:
                return fn()
            finally:
                nk.setNumberOfThreads(threads)

        return run

    @functools.cached_property
    def sources(self) -> list[int]:
        """The sources of ``within_two_steps``, drawn when first used."""
        n = self.n
        return sorted(self.rng.choice(n, size=min(REACH_SOURCES, n), replace=False).tolist())

    # -- the table --------------------------------------------------------------------------
    def table(self) -> dict[str, dict[str, Impl]]:
        """``{kernel: {library: how it runs the kernel}}``, netgraph first, networkx last."""
        import networkx as nx

        from netgraph.graph import kernels as ng
        from netgraph.graph.kernels._communities import REFINE_MAX_EDGES

        adj, n, ig, nk, nkg = self.adj, self.n, self.ig, self.nk_module, self.nk
        damping, tol = self.settings.damping, self.settings.pagerank_tolerance
        seed = 0  # the communities kernel's default seed
        source = int(np.argmax(np.diff(adj.indptr) > 0))  # the first node with a tie
        # networkit's PLM with netgraph's refinement rule, so that both do the same work
        refine = adj.nnz // 2 <= REFINE_MAX_EDGES

        def networkit_pagerank() -> Any:
            # stop on the L1 change, as netgraph does (networkit's default is L2)
            algorithm = nk.centrality.PageRank(nkg, damp=damping, tol=tol)
            algorithm.norm = nk.centrality.Norm.L1_NORM
            return algorithm.run().scores()

        def plm() -> Any:
            return nk.community.PLM(nkg, refine=refine).run().getPartition().getVector()

        def bfs() -> Any:
            return nk.distance.BFS(nkg, source, storePaths=False).run().getDistances()

        def igraph_mask() -> Any:
            mask = np.zeros(n, dtype=bool)
            for near in ig.neighborhood(vertices=self.sources, order=2, mindist=1):
                mask[near] = True
            return mask

        def networkx_mask() -> Any:
            mask = np.zeros(n, dtype=bool)
            for s in self.sources:
                near = nx.single_source_shortest_path_length(self.nx, s, cutoff=2)
                near.pop(s)
                mask[list(near)] = True
            return mask

        no_search = "no equivalent in networkit (no depth-limited search)"
        # networkx's all-nodes effective size makes dense n x n matrices
        dense = (
            (lambda: nx.effective_size(self.nx, weight="weight"))
            if n <= NX_DENSE_MAX_NODES
            else (
                f"networkx's all-nodes path makes dense {n:,} x {n:,} matrices "
                f"({3 * 8 * n**2 / 2**30:,.0f} GiB); its per-node path was timed instead"
            )
        )
        return {
            "pagerank": {
                "netgraph": lambda: ng.pagerank(adj, damping=damping, tol=tol).scores,
                "igraph": lambda: ig.pagerank(weights="weight", damping=damping),
                "igraph (arpack)": lambda: ig.pagerank(
                    weights="weight", damping=damping, implementation="arpack"
                ),
                "networkit": networkit_pagerank,
                "networkit (1 thread)": self.one_thread(networkit_pagerank),
                # networkx stops at an L1 change below n * tol: divide by n to converge as far
                "networkx": lambda: nx.pagerank(
                    self.nx, alpha=damping, tol=tol / n, weight="weight", max_iter=100_000
                ),
            },
            "constraint": {
                "netgraph": lambda: ng.constraint(adj),
                "igraph": lambda: ig.constraint(weights="weight"),
                "networkit": "no equivalent in networkit",
                "networkx": lambda: nx.constraint(self.nx, weight="weight"),
            },
            "effective_size": {
                "netgraph": lambda: ng.effective_size(adj),
                "igraph": "no equivalent in igraph",
                "networkit": "no equivalent in networkit",
                # the per-node path follows the definition; the all-nodes one is faster
                "networkx (per node)": _PerNode(
                    lambda nodes: nx.effective_size(self.nx, nodes=nodes, weight="weight"),
                    everyone=False,
                ),
                "networkx": dense,
            },
            "communities": {
                "netgraph": lambda: ng.communities(adj, seed=seed),
                "igraph": lambda: ig.community_multilevel(weights="weight").membership,
                "networkit": plm,
                "networkit (1 thread)": self.one_thread(plm),
                "networkx": lambda: nx.community.louvain_communities(
                    self.nx, weight="weight", seed=seed
                ),
            },
            "within_two_steps": {
                "netgraph": lambda: ng.within_two_steps(adj, self.sources),
                "igraph": igraph_mask,
                "networkit": no_search,
                "networkx": networkx_mask,
            },
            "two_step_reach_counts": {
                "netgraph": lambda: ng.two_step_reach_counts(adj),
                "igraph": lambda: ig.neighborhood_size(order=2, mindist=1),
                "networkit": no_search,
                "networkx": _PerNode(
                    lambda nodes: [
                        len(nx.single_source_shortest_path_length(self.nx, v, cutoff=2)) - 1
                        for v in nodes
                    ]
                ),
            },
            "hop_distances": {
                "netgraph": lambda: ng.hop_distances(adj, source),
                "igraph": lambda: ig.distances(source=[source])[0],
                "networkit": bfs,
                "networkit (1 thread)": self.one_thread(bfs),
                "networkx": lambda: nx.single_source_shortest_path_length(self.nx, source),
            },
        }

    def comparisons(self) -> dict[str, _Compare]:
        """How each kernel's results are compared (by default: the largest difference)."""
        from netgraph.graph.kernels import modularity

        adj, n = self.adj, self.n

        def quality(labels: Any) -> dict[str, Any]:
            labels = np.asarray(labels)
            return {"modularity": modularity(adj, labels), "communities": len(np.unique(labels))}

        return {
            "communities": _Compare(distance=None, quality=quality),
            "within_two_steps": _Compare(_mismatches, notes=lambda: {"sources": len(self.sources)}),
            # unreachable is -1 whatever each library says (inf, a huge number, missing)
            "hop_distances": _Compare(lambda a, b: _max_abs_diff(_hops(a, n), _hops(b, n))),
        }

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> None:
        comparisons = self.comparisons()
        for name, libraries in self.table().items():
            entry: dict[str, Any] = {}
            self.data["kernels"][name] = entry
            fast = {k: v for k, v in libraries.items() if not k.startswith("networkx")}
            results = self.side_by_side(entry, fast)
            for lib, impl in libraries.items():
                if lib.startswith("networkx"):
                    ran = self.networkx(entry, lib, impl)
                    if ran is not None:
                        results[lib] = ran
            per_node = entry.pop("networkx (per node)", None)
            if per_node is not None and "skipped" not in per_node:
                if "skipped" in entry["networkx"]:  # the per-node path stands in
                    entry["networkx"] = {**per_node, "reason": entry["networkx"]["skipped"]}
                else:
                    entry["networkx"]["per_node"] = per_node
            compare = comparisons.get(name, _Compare())
            entry.update(self.compare(results, compare))
            entry.update(compare.notes())
            self.report(name, entry)

    def side_by_side(
        self, entry: dict[str, Any], impls: dict[str, Impl]
    ) -> dict[str, tuple[list[int] | None, Any]]:
        """Interleaved rounds of every library that runs (so drifts hit all alike); their
        results on all nodes."""
        impls = {
            lib: self.missing.get(lib.split(" (")[0], fn) if callable(fn) else fn
            for lib, fn in impls.items()
        }
        timed = {lib: Timed() for lib, fn in impls.items() if callable(fn)}
        for _ in range(self.repeat):
            for lib, fn in impls.items():
                if callable(fn):
                    timed[lib].run_once(fn)
        for lib, fn in impls.items():
            entry[lib] = timed[lib].as_dict() if callable(fn) else {"skipped": fn}
        return {lib: (None, t.result) for lib, t in timed.items()}

    def networkx(
        self, entry: dict[str, Any], lib: str, impl: Impl
    ) -> tuple[list[int] | None, Any] | None:
        """Time networkx within a budget, or on a sample of nodes (extrapolated); the nodes
        it ran on (None: all) and its result, or None when it did not run."""
        if self.nx is None or isinstance(impl, str):
            entry[lib] = {"skipped": self.nx_reason or impl}
            return None
        if not isinstance(impl, _PerNode):
            timed = time_runs(impl, self.repeat, budget=NX_BUDGET_SECONDS)
            entry[lib] = timed.as_dict()
            return None, timed.result
        degree = np.diff(self.adj.indptr)
        candidates = np.flatnonzero(degree > 0)
        k = min(self.sample, len(candidates))
        sample = sorted(self.rng.choice(candidates, size=k, replace=False).tolist())
        timed = time_runs(lambda: impl.run(sample), self.repeat, budget=NX_BUDGET_SECONDS)
        estimate = timed.seconds * self.n / max(1, k)
        if impl.everyone and estimate <= NX_FULL_SECONDS:
            everyone = list(range(self.n))
            timed = time_runs(lambda: impl.run(everyone), self.repeat, budget=NX_BUDGET_SECONDS)
            entry[lib] = timed.as_dict()
            return None, timed.result
        entry[lib] = {
            **timed.as_dict(),
            "sample": k,
            "sample_seconds": timed.seconds,
            "seconds": estimate,
            "extrapolated": True,
        }
        return sample, timed.result

    def compare(
        self, results: dict[str, tuple[list[int] | None, Any]], compare: _Compare
    ) -> dict[str, Any]:
        """``diffs`` (each library's distance from netgraph's values) or ``quality``."""
        n = self.n
        if compare.quality is not None:
            return {
                "quality": {
                    lib: compare.quality(_values(result, range(n), n))
                    for lib, (_, result) in results.items()
                }
            }
        assert compare.distance is not None
        _, ours = results.pop("netgraph")
        ours = np.asarray(ours)
        diffs: dict[str, Any] = {}
        for lib, (nodes, result) in results.items():
            on = range(n) if nodes is None else nodes
            key = lib.replace(" (per node)", "_per_node")
            mine = ours if nodes is None else ours[nodes]
            diffs[key] = compare.distance(mine, _values(result, on, n))
            if lib.endswith("(per node)"):
                diffs[f"{key}_nodes"] = len(on)
        return {"diffs": diffs}

    def report(self, name: str, entry: dict[str, Any]) -> None:
        shown = {
            lib: entry[lib]["seconds"]
            for lib in ("netgraph", "igraph", "networkit", "networkx")
            if "seconds" in entry.get(lib, {})
        }
        say(f"  {name}: " + ", ".join(f"{lib} {s:.4g} s" for lib, s in shown.items()))
        self.save()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("task", choices=("phases", "member", "kernels"))
    parser.add_argument("folder")
    parser.add_argument("--json", required=True, help="where to write the results")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=float("inf"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=NX_SAMPLE, help="nodes for networkx")
    args = parser.parse_args(argv)
    if args.task == "phases":
        phases(args.folder, args.as_of, args.repeat, args.budget, args.json)
    elif args.task == "member":
        member(args.folder, args.as_of, args.repeat, args.budget, args.seed, args.json)
    else:
        kernels = _Kernels(args.folder, args.as_of, args.repeat, args.seed, args.sample, args.json)
        kernels.run()
        kernels.save()


if __name__ == "__main__":
    main()
