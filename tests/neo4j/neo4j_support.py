"""Fixtures of the Neo4j tests: the server under test, stores, and a server of their own.

A module of its own rather than a ``conftest.py``: a second ``conftest`` module would
shadow ``tests/conftest.py`` for the tests that ``from conftest import ...``. The test
modules here import the fixtures they use.

The server comes from ``NETGRAPH_TEST_NEO4J_URI`` (``bash scripts/test`` starts a local
one and sets it). Without it the tests are skipped with the reason, except in CI
(``CI=true``), where a missing server is a failure. The fault tests that kill a server
or need authentication start a second, private one with ``scripts/neo4j-local``.

``analytics`` is ``benchmarks/neo4j_analytics.py``: the work pushed down to Cypher and
GDS that the tests cross-check against the in-memory numbers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import netgraph

__all__ = [
    "analytics",
    "graph_counts",
    "graph_expected",
    "local_server",
    "neo4j_store",
    "neo4j_uri",
    "network_name",
]

ROOT = Path(__file__).resolve().parents[2]
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
URI_VARIABLE = "NETGRAPH_TEST_NEO4J_URI"

if str(ROOT) not in sys.path:  # the cross-checks live in benchmarks/, beside the timings
    sys.path.append(str(ROOT))
from benchmarks import neo4j_analytics as analytics  # noqa: E402


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(reason: str) -> None:
    """Skip, or fail in CI, where every Neo4j test must run."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: the Neo4j tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    uri = os.environ.get(URI_VARIABLE, "")
    if not uri:
        missing(
            f"{URI_VARIABLE} is not set: start a server (scripts/neo4j-local start) and "
            f"export {URI_VARIABLE}=<its bolt:// URI>; bash scripts/test does both"
        )
    try:
        netgraph.Neo4jStore(uri, timeout=20).close()
    except netgraph.StoreError as exc:
        missing(f"no Neo4j server answers at {uri}: {exc}")
    return uri


@pytest.fixture(scope="session")
def neo4j_store(neo4j_uri: str) -> Iterator[netgraph.Neo4jStore]:
    store = netgraph.Neo4jStore(neo4j_uri, timeout=20)
    yield store
    store.close()


@pytest.fixture
def network_name(neo4j_store: netgraph.Neo4jStore) -> Iterator[str]:
    """A fresh network name, deleted after the test."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    yield name
    neo4j_store.delete(name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalServer:
    """A private Neo4j of ``scripts/neo4j-local`` with its own state folder and port."""

    home: Path
    port: int
    password: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NETGRAPH_NEO4J_HOME": str(self.home)}
        env.pop("NEO4J_LOCAL_AUTH", None)
        env.pop("NEO4J_LOCAL_PORT", None)
        env.pop("NEO4J_LOCAL_GDS", None)
        return subprocess.run(
            ["bash", str(NEO4J_LOCAL), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    def start(self) -> None:
        done = self.run("start", "--port", str(self.port), "--auth", self.password)
        if done.returncode != 0:
            raise RuntimeError(f"scripts/neo4j-local start failed:\n{done.stderr[-3000:]}")

    def restart(self) -> None:
        done = self.run("restart")
        if done.returncode != 0:
            raise RuntimeError(f"scripts/neo4j-local restart failed:\n{done.stderr[-3000:]}")

    def kill(self) -> None:
        self.run("kill", timeout=120)

    def stop(self) -> None:
        self.run("stop", timeout=120)

    def store(self, **options: object) -> netgraph.Neo4jStore:
        return netgraph.Neo4jStore(self.uri, password=self.password, **options)  # type: ignore[arg-type]


def _shared_jars(home: Path) -> None:
    """Let a private state folder use the jars already fetched, when there are some."""
    for candidate in (
        os.environ.get("NETGRAPH_NEO4J_HOME"),
        ROOT / ".neo4j-local" / "test",
        ROOT / ".neo4j-local",
    ):
        if candidate and (Path(candidate) / "lib").is_dir():
            (home / "lib").symlink_to(Path(candidate).resolve() / "lib")
            return


@pytest.fixture(scope="session")
def local_server(neo4j_uri: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A second server with authentication on, which the tests may kill and restart."""
    if shutil.which("java") is None and not os.environ.get("NEO4J_LOCAL_JAVA"):
        missing("no java: the fault tests start a Neo4j server of their own")
    home = tmp_path_factory.mktemp("neo4j-private")
    _shared_jars(home)
    server = LocalServer(home, free_port(), f"pw-{uuid.uuid4().hex[:10]}")
    try:
        server.start()
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        server.stop()
        missing(f"could not start a private Neo4j server: {exc}")
    yield server
    server.stop()


def count_graph(uri: str, name: str, password: str | None = None) -> dict[str, int]:
    """Nodes per label and relationships per type of one network, counted with the
    driver directly (not through the store under test)."""
    from neo4j import GraphDatabase

    auth = ("neo4j", password) if password else None
    counts: dict[str, int] = {}
    with GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF") as driver:
        records, _, _ = driver.execute_query(
            "MATCH (n {network: $name}) RETURN labels(n) AS labels, count(*) AS n",
            name=name,
            database_="neo4j",
        )
        for r in records:
            counts[":".join(sorted(r["labels"]))] = r["n"]
        records, _, _ = driver.execute_query(
            "MATCH (n {network: $name})-[r]->() RETURN type(r) AS type, count(*) AS n",
            name=name,
            database_="neo4j",
        )
        for r in records:
            counts[f"-[:{r['type']}]->"] = r["n"]
    return counts


def expected_graph(network: netgraph.Network) -> dict[str, int]:
    """What count_graph must find for a network: one node per row, one relationship per
    reference, one WORKS_AT per person with an organisation."""
    from netgraph.stores.neo4j._schema import KINDS

    counts: dict[str, int] = {}
    for section, table in network.tables.items():
        kind = KINDS[section]
        if len(table):
            counts[kind.label] = len(table)
        for ref in kind.refs:
            key = f"-[:{ref.type}]->"
            counts[key] = counts.get(key, 0) + len(table)
    organisations = [o.strip().casefold() for o in network.people["organisation"].tolist()]
    if any(organisations):
        counts["Organisation"] = len({o for o in organisations if o})
        counts["-[:WORKS_AT]->"] = sum(1 for o in organisations if o)
    return {k: v for k, v in counts.items() if v}


@pytest.fixture(scope="session")
def graph_counts() -> object:
    return count_graph


@pytest.fixture(scope="session")
def graph_expected() -> object:
    return expected_graph
