"""Benchmark of the Neo4j store: push throughput, pull, and scoring from Neo4j against
scoring from a folder, at a few sizes of generated platforms.

    python benchmarks/neo4j_bench.py --uri bolt://127.0.0.1:7687 [--sizes 1000,10000,30000]

Writes a markdown table to ``benchmarks/results-neo4j.md`` (``--out``) and prints a JSON
summary as the last line of stdout. Networks come from ``netgraph generate --people N``
(seed 0) into ``benchmarks/.data/`` (``--work``); each is pushed as ``bench-N`` and
deleted again at the end. The server's password, if any, comes from ``NEO4J_PASSWORD``.
Not part of the test suite; a test runs it once at a tiny size so that it keeps working.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-01-01"


def netgraph_cli(*args: str) -> tuple[float, str]:
    """Run the command line; its time and the hash of what it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "netgraph", *args],
        capture_output=True,
        check=False,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"netgraph {' '.join(args)} failed:\n{done.stderr.decode(errors='replace')}")
    return seconds, hashlib.sha256(done.stdout).hexdigest()


def timed(work: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def bench_size(store: Any, people: int, work: Path, uri: str) -> dict[str, Any]:
    import netgraph
    from benchmarks import neo4j_analytics as analytics

    folder = work / f"platform-{people}"
    if not (folder / "people.csv").exists():
        netgraph_cli("generate", "--people", str(people), "--seed", "0", "--into", str(folder))
    load_s, network = timed(lambda: netgraph.load_network(folder))
    rows = sum(len(t) for t in network.tables.values())
    name = f"bench-{people}"
    store.delete(name)
    push_s, pushed = timed(lambda: store.push(network, name))
    forced_s, _ = timed(lambda: store.push(network, name, force=True))
    unchanged_s, again = timed(lambda: store.push(network, name))
    pull_s, back = timed(lambda: store.pull(name))
    if back != network or not again.unchanged or pushed.written != rows:
        sys.exit(f"{name}: the network read back differs from the one pushed")

    score = ["--all", "--as-of", AS_OF]
    folder_s, folder_hash = netgraph_cli("score", str(folder), *score)
    neo4j_s, neo4j_hash = netgraph_cli("score", "--neo4j", uri, "--network", name, *score)

    as_of = date.fromisoformat(AS_OF)
    revenue_s, _ = timed(lambda: analytics.revenue(store, name, until=as_of))
    projection_s, _ = timed(lambda: analytics.projection(store, name, as_of=as_of))
    gds_s = None
    if analytics.gds_available(store):
        gds_s, _ = timed(lambda: analytics.pagerank(store, name, as_of=as_of, use_gds=True))
    delete_s, _ = timed(lambda: store.delete(name))
    return {
        "people": people,
        "rows": rows,
        "load_s": load_s,
        "push_s": push_s,
        "push_rows_per_s": rows / push_s,
        "forced_push_s": forced_s,
        "unchanged_push_s": unchanged_s,
        "pull_s": pull_s,
        "score_folder_s": folder_s,
        "score_neo4j_s": neo4j_s,
        "same_json": folder_hash == neo4j_hash,
        "revenue_cypher_s": revenue_s,
        "projection_cypher_s": projection_s,
        "pagerank_gds_s": gds_s,
        "delete_s": delete_s,
    }


def markdown(results: list[dict[str, Any]], about: dict[str, str]) -> str:
    def s(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    lines = [
        "# Neo4j store benchmark",
        "",
        "Written by `python benchmarks/neo4j_bench.py`; numbers of one run, not averages.",
        "",
        *(f"- {k}: {v}" for k, v in about.items()),
        "",
        "Times in seconds, after a warm-up push (constraints made, code loaded). *push*: "
        "the network not yet in the database (rows/s over all sections); *forced*: every "
        "row written again (MERGE on existing keys); "
        "*unchanged*: the content hash matches, nothing written; *score*: "
        f"`netgraph score --all --as-of {AS_OF}` end to end from the folder and from "
        "Neo4j (pull, then the same in-memory scoring), and whether both printed the same "
        "bytes; *revenue*, *projection*: Cypher aggregations; *GDS PageRank*: projection "
        "and PageRank inside Neo4j.",
        "",
        "| people | rows | push s | push rows/s | forced s | unchanged s | pull s "
        "| score folder s | score Neo4j s | same JSON | revenue s | projection s "
        "| GDS PageRank s | delete s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['people']} | {r['rows']:,} | {s(r['push_s'])} | {r['push_rows_per_s']:,.0f} "
            f"| {s(r['forced_push_s'])} | {s(r['unchanged_push_s'])} | {s(r['pull_s'])} "
            f"| {s(r['score_folder_s'])} | {s(r['score_neo4j_s'])} "
            f"| {'yes' if r['same_json'] else 'NO'} | {s(r['revenue_cypher_s'])} "
            f"| {s(r['projection_cypher_s'])} | {s(r['pagerank_gds_s'])} | {s(r['delete_s'])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--uri",
        default=os.environ.get("NETGRAPH_TEST_NEO4J_URI") or os.environ.get("NEO4J_URI"),
        help="the Neo4j server (default $NETGRAPH_TEST_NEO4J_URI, else $NEO4J_URI)",
    )
    parser.add_argument("--sizes", default="1000,10000,30000", help="people per network")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results-neo4j.md"))
    parser.add_argument("--work", default=str(ROOT / "benchmarks" / ".data"))
    args = parser.parse_args(argv)
    if not args.uri:
        parser.error("give --uri (or set NETGRAPH_TEST_NEO4J_URI or NEO4J_URI)")
    sys.path.insert(0, str(ROOT))
    import netgraph
    from benchmarks import neo4j_analytics as analytics

    sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    with netgraph.Neo4jStore(args.uri, timeout=60) as store:
        server = store.query("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
        about = {
            "date": date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}",
            "Neo4j": f"{server[0]['v']} at {store.uri}",
            "Graph Data Science": analytics.gds_version(store) or "not installed",
            "batch size": str(store.batch_size),
        }
        # one-time work outside the timings: the constraints, and a warm-up push
        warm = netgraph.example_network()
        store.push(warm, "bench-warm-up", force=True)
        store.pull("bench-warm-up")
        store.delete("bench-warm-up")
        for people in sizes:
            result = bench_size(store, people, work, args.uri)
            results.append(result)
            print(
                f"{people:>8,} people {result['rows']:>10,} rows: push {result['push_s']:.1f} s "
                f"({result['push_rows_per_s']:,.0f} rows/s), pull {result['pull_s']:.1f} s, "
                f"score {result['score_folder_s']:.1f} s / {result['score_neo4j_s']:.1f} s",
                file=sys.stderr,
            )
    Path(args.out).write_text(markdown(results, about), encoding="utf-8")
    print(json.dumps({"about": about, "sizes": results}))
    return 0 if all(r["same_json"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
