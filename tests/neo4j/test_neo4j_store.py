"""The Neo4j store against a real server: the graph it writes, the command line, the
work pushed down to Cypher and GDS, cross-checked with the in-memory results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from neo4j_support import *  # noqa: F403 - the Neo4j fixtures
from neo4j_support import analytics

import netgraph
from netgraph.graph._projection import project
from netgraph.graph.kernels import communities, modularity, pagerank
from netgraph.model._settings import Settings
from netgraph.scoring._context import months_before
from netgraph.stores.neo4j._schema import LABELS, RELATIONSHIP_TYPES

pytestmark = pytest.mark.neo4j

AS_OF = date(2026, 11, 1)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "freelancer"

#: GDS PageRank against netgraph's kernel: largest relative difference per person.
PAGERANK_TOLERANCE = 1e-6
#: GDS Louvain against netgraph's Louvain+Leiden: difference of modularity.
MODULARITY_TOLERANCE = 0.02


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netgraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
        check=False,
    )


def test_the_graph_has_one_node_per_row_and_one_relationship_per_reference(
    neo4j_store: netgraph.Neo4jStore,
    neo4j_uri: str,
    network_name: str,
    example_network: netgraph.Network,
    graph_counts: Any,
    graph_expected: Any,
) -> None:
    neo4j_store.push(example_network, network_name)
    expected = graph_expected(example_network)
    assert graph_counts(neo4j_uri, network_name) == expected
    # a forced second push writes every row again and changes nothing
    result = neo4j_store.push(example_network, network_name, force=True)
    assert not result.unchanged and result.written == result.rows and result.deleted == 0
    assert graph_counts(neo4j_uri, network_name) == expected
    assert analytics.row_counts(neo4j_store, network_name) == {
        s: len(t) for s, t in example_network.tables.items()
    }


def test_nothing_but_the_allowed_labels_and_types_is_ever_created(
    neo4j_store: netgraph.Neo4jStore, network_name: str, neo4j_uri: str
) -> None:
    from neo4j import GraphDatabase

    hostile = "`}) DETACH DELETE n //"
    network = netgraph.network_from_dict(
        {
            "people": [
                {"id": hostile, "name": hostile, "member": "yes", hostile: hostile},
                {"id": "b", "name": "B", "organisation": hostile},
            ],
            "ties": [{"a": hostile, "b": "b", hostile: hostile}],
        }
    )
    neo4j_store.push(network, network_name)
    with GraphDatabase.driver(neo4j_uri, notifications_min_severity="OFF") as driver:
        labels, _, _ = driver.execute_query(
            "MATCH (n {network: $name}) UNWIND labels(n) AS l RETURN DISTINCT l",
            name=network_name,
        )
        types, _, _ = driver.execute_query(
            "MATCH ({network: $name})-[r]->() RETURN DISTINCT type(r) AS t", name=network_name
        )
        keys, _, _ = driver.execute_query(
            "MATCH (n {network: $name}) UNWIND keys(n) AS k RETURN DISTINCT k", name=network_name
        )
    assert {r[0] for r in labels} <= set(LABELS)
    assert {r[0] for r in types} <= set(RELATIONSHIP_TYPES)
    assert not any(hostile in r[0] for r in keys)  # extra columns live in one JSON value
    assert neo4j_store.pull(network_name) == network


def test_a_network_stored_under_another_data_contract_is_refused_then_replaced(
    neo4j_store: netgraph.Neo4jStore, network_name: str, example_network: netgraph.Network
) -> None:
    neo4j_store.push(example_network, network_name)
    neo4j_store.query(
        "MATCH (n:Network {name: $name}) SET n.contract = 'older'",
        {"name": network_name},
        write=True,
    )
    with pytest.raises(netgraph.StoreError, match=r"another version of netgraph.*push it again"):
        neo4j_store.pull(network_name)
    again = neo4j_store.push(example_network, network_name)
    assert not again.unchanged and again.deleted == 0
    assert neo4j_store.pull(network_name) == example_network


def test_the_password_never_shows(neo4j_uri: str) -> None:
    store = netgraph.Neo4jStore(neo4j_uri, password="s3cret-Pa55")
    try:
        assert "s3cret" not in repr(store) and "s3cret" not in str(vars(store))
    finally:
        store.close()


def test_command_line_push_pull_and_score(
    neo4j_uri: str, network_name: str, tmp_path: Path
) -> None:
    pushed = cli("push", str(EXAMPLE), "--neo4j", neo4j_uri, "--network", network_name)
    assert pushed.returncode == 0, pushed.stderr
    assert "rows/s" in pushed.stdout and pushed.stderr == ""  # no progress off a terminal
    again = cli("push", str(EXAMPLE), "--neo4j", "--network", network_name, "--progress",
                env={"NEO4J_URI": neo4j_uri})  # fmt: skip
    assert again.returncode == 0 and "nothing written" in again.stdout
    forced = cli("push", str(EXAMPLE), "--neo4j", neo4j_uri, "--network", network_name,
                 "--progress", "--force")  # fmt: skip
    assert forced.returncode == 0 and "pushing exchanges" in forced.stderr

    into = tmp_path / "pulled"
    pulled = cli("pull", "--neo4j", neo4j_uri, "--network", network_name, "--into", str(into))
    assert pulled.returncode == 0, pulled.stderr
    for file in sorted(EXAMPLE.glob("*.csv")):
        assert (into / file.name).read_bytes() == file.read_bytes(), file.name

    for extra in ([], ["--all"]):
        common = ["--as-of", "2026-11-01", "--format", "json" if not extra else "jsonl", *extra]
        from_folder = cli("score", str(EXAMPLE), *common)
        from_neo4j = cli("score", "--neo4j", neo4j_uri, "--network", network_name, *common)
        assert from_neo4j.returncode == 0, from_neo4j.stderr
        assert from_neo4j.stdout == from_folder.stdout


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--network", "nope-{name}"], "no network named", 1),
        (["--network", "{name}", "--database", "nosuchdb"], "no database 'nosuchdb'", 1),
        (["--network", "{name}", "--password-env", "NETGRAPH_NO_SUCH_VAR"], "is not set", 2),
    ],
)
def test_command_line_errors_are_one_clear_line(
    neo4j_uri: str, network_name: str, args: list[str], message: str, code: int
) -> None:
    args = [a.replace("{name}", network_name) for a in args]
    done = cli("score", "--neo4j", neo4j_uri, *args)
    assert done.returncode == code
    assert message in done.stderr and "Traceback" not in done.stderr


def test_score_needs_one_source() -> None:
    both = cli("score", str(EXAMPLE), "--neo4j", "bolt://127.0.0.1:1", "--network", "x")
    assert both.returncode == 2 and "not both" in both.stderr
    neither = cli("score", "--as-of", "2026-11-01")
    assert neither.returncode == 2 and "give a network" in neither.stderr


def test_two_pushes_at_once_end_in_one_correct_copy(
    neo4j_uri: str, network_name: str, graph_counts: Any, graph_expected: Any
) -> None:
    network = netgraph.example_network(7)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def push() -> None:
        try:
            with netgraph.Neo4jStore(neo4j_uri, batch_size=200, timeout=30) as store:
                start.wait()
                store.push(network, network_name, force=True)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=push) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert graph_counts(neo4j_uri, network_name) == graph_expected(network)
    with netgraph.Neo4jStore(neo4j_uri) as store:
        back = store.pull(network_name)
    assert back == network
    assert list(back.rows("ties")) == list(network.rows("ties"))


# -- work pushed down to the database, checked against the in-memory numbers ------


@pytest.fixture(scope="module")
def pushed_example(neo4j_store: netgraph.Neo4jStore, example_network: netgraph.Network) -> Any:
    name = "test-pushed-example"
    neo4j_store.push(example_network, name)
    yield name
    neo4j_store.delete(name)


def test_revenue_and_counts_in_cypher_equal_the_in_memory_ones(
    neo4j_store: netgraph.Neo4jStore, pushed_example: str, example_network: netgraph.Network
) -> None:
    settings = Settings()
    since = months_before(AS_OF, settings.window_months)
    revenue = analytics.revenue(neo4j_store, pushed_example, since=since, until=AS_OF)
    counts = analytics.event_counts(neo4j_store, pushed_example, since=since, until=AS_OF)

    expected_revenue: Counter[tuple[str, str, str]] = Counter()
    expected_counts: Counter[tuple[str, str]] = Counter()
    for section in ("referrals", "recommendations", "invoices", "interactions", "satisfaction"):
        for row in example_network.rows(section):
            day = date.fromisoformat(row["date"])
            if not since < day <= AS_OF:
                continue
            expected_counts[(section, row["member"])] += 1
            if section == "invoices":
                cents = int(row["amount"].replace(".", ""))
                expected_revenue[(row["member"], row["client"], row["currency"])] += cents
    assert revenue == dict(expected_revenue)
    assert counts == dict(expected_counts)

    report = netgraph.score_member(example_network, as_of=AS_OF)
    numbers = report.values["acquisition"].numbers
    currency = numbers["currency"]
    mine = {k: v for k, v in revenue.items() if k[0] == report.member and k[2] == currency}
    assert sum(mine.values()) == int(numbers["revenue"].replace(".", ""))
    assert len(mine) == numbers["clients"]
    assert counts[("invoices", report.member)] >= numbers["invoices"]


def test_the_projection_in_cypher_is_the_in_memory_projection(
    neo4j_store: netgraph.Neo4jStore, pushed_example: str, example_network: netgraph.Network
) -> None:
    for as_of in (date(2024, 6, 1), AS_OF):
        ids, adjacency = analytics.projection(neo4j_store, pushed_example, as_of=as_of)
        assert ids == tuple(example_network.person_ids.tolist())
        expected = project(example_network, np.datetime64(as_of, "D"), Settings())
        assert adjacency.shape == expected.shape and adjacency.nnz == expected.nnz
        assert abs(adjacency - expected).max() < 1e-9


def test_pagerank_and_communities_without_gds_are_the_in_memory_ones(
    neo4j_store: netgraph.Neo4jStore, pushed_example: str, example_network: netgraph.Network
) -> None:
    settings = Settings()
    adjacency = project(example_network, np.datetime64(AS_OF, "D"), settings)
    mine = pagerank(adjacency, damping=settings.damping, tol=settings.pagerank_tolerance).scores
    ranks = analytics.pagerank(neo4j_store, pushed_example, as_of=AS_OF, use_gds=False)
    ids = example_network.person_ids.tolist()
    assert np.allclose([ranks[i] for i in ids], mine, rtol=1e-12, atol=0)
    labels = analytics.communities(neo4j_store, pushed_example, as_of=AS_OF, use_gds=False)
    expected = communities(adjacency, seed=0)
    assert [labels[i] for i in ids] == expected.tolist()


def test_gds_results_are_within_the_stated_tolerance(
    neo4j_store: netgraph.Neo4jStore, pushed_example: str, example_network: netgraph.Network
) -> None:
    if not analytics.gds_available(neo4j_store):
        pytest.skip("the server has no Graph Data Science library (CALL gds.version() fails)")
    settings = Settings()
    adjacency = project(example_network, np.datetime64(AS_OF, "D"), settings)
    ids = example_network.person_ids.tolist()
    ranks = analytics.pagerank(neo4j_store, pushed_example, as_of=AS_OF, use_gds=True)
    mine = pagerank(adjacency, damping=settings.damping, tol=1e-13).scores
    theirs = np.array([ranks[i] for i in ids])
    assert np.max(np.abs(theirs - mine) / mine) < PAGERANK_TOLERANCE
    labels = analytics.communities(neo4j_store, pushed_example, as_of=AS_OF, use_gds=True)
    gds_q = modularity(adjacency, [labels[i] for i in ids])
    mine_q = modularity(adjacency, communities(adjacency, seed=0))
    assert abs(gds_q - mine_q) < MODULARITY_TOLERANCE
    assert analytics.gds_version(neo4j_store)


def test_errors_carry_no_driver_exception(neo4j_uri: str) -> None:
    with pytest.raises(netgraph.StoreError, match="no database") as caught:
        netgraph.Neo4jStore(neo4j_uri, database="nosuchdb")
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_bench_script_runs_at_a_tiny_size(neo4j_uri: str, tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "neo4j_bench.py"),
            "--uri",
            neo4j_uri,
            "--sizes",
            "50",
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = out.read_text(encoding="utf-8")
    assert "| 50 |" in table and "rows/s" in table
    assert json.loads(done.stdout.splitlines()[-1])["sizes"][0]["people"] == 50


def test_the_readme_neo4j_commands_run(neo4j_uri: str, tmp_path: Path) -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Neo4j", 1)[1].split("\n## ", 1)[0]
    block = re.findall(r"```sh\n(.*?)```", section, flags=re.S)[0]
    commands = [
        line.split("#")[0].split()[1:] for line in block.splitlines() if line.startswith("netgraph")
    ]
    assert [c[0] for c in commands] == ["push", "score", "pull"]
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {**os.environ, "NEO4J_URI": neo4j_uri}
    env.pop("NEO4J_PASSWORD", None)
    outputs = []
    try:
        for args in commands:
            done = subprocess.run(
                [sys.executable, "-m", "netgraph", *args],
                capture_output=True,
                text=True,
                env=env,
                cwd=tmp_path,
                timeout=300,
                check=False,
            )
            assert done.returncode == 0, (args, done.stderr)
            outputs.append(done.stdout)
    finally:
        with netgraph.Neo4jStore(neo4j_uri) as store:
            store.delete("sanne")
    folder = cli("score", str(EXAMPLE), "--as-of", "2026-11-01")
    assert outputs[1] == folder.stdout
    assert netgraph.load_network(tmp_path / "copy-of-sanne") == netgraph.load_network(EXAMPLE)
