"""Faults against a private server: killed in the middle of a push, wrong credentials,
wrong port, missing database. The kill runs first: failed logins lock the user out for a
few seconds. Then, on the shared server: pushes and deletes of one name at once, and a
push whose process is killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j_support import *  # noqa: F403 - the Neo4j fixtures
from neo4j_support import analytics

import netgraph

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "freelancer"
FAST = 10.0  # seconds: a wrong password, port or database is reported within this


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netgraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


def test_a_push_cut_off_by_a_killed_server_completes_when_run_again(
    local_server: Any, tmp_path: Path, graph_counts: Any, graph_expected: Any
) -> None:
    folder = tmp_path / "platform"
    made = cli("generate", "--people", "4000", "--seed", "3", "--into", str(folder))
    assert made.returncode == 0, made.stderr
    network = netgraph.load_network(folder)
    name = "cut-off"
    env = {**os.environ, "NEO4J_PASSWORD": local_server.password}
    push = [sys.executable, "-m", "netgraph", "push", str(folder), "--neo4j", local_server.uri]
    push += ["--network", name, "--progress"]
    process = subprocess.Popen(
        push, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        with local_server.store() as watcher:
            deadline = time.monotonic() + 240
            while True:
                assert process.poll() is None, "the push ended before the server was killed"
                assert time.monotonic() < deadline, "the push wrote no ties in time"
                if analytics.row_counts(watcher, name)["ties"] >= 6000:  # a few batches committed
                    break
                time.sleep(0.2)
        local_server.kill()
        out, err = process.communicate(timeout=240)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 1, (out, err)
    assert "cannot reach the Neo4j server" in err and "Traceback" not in err

    local_server.restart()
    with local_server.store() as store:
        with pytest.raises(netgraph.StoreError, match="incomplete"):
            store.pull(name)
        result = store.push(network, name)
        assert not result.unchanged and result.deleted == 0
        back = store.pull(name)
        assert back == network
        for section in network.tables:
            assert list(back.rows(section)) == list(network.rows(section)), section
        # nothing lost, nothing twice: one node per row, one relationship per reference
        found = graph_counts(local_server.uri, name, local_server.password)
        assert found == graph_expected(network)
        assert store.push(network, name).unchanged
        store.delete(name)


def test_a_wrong_password_is_a_clear_and_fast_error(local_server: Any) -> None:
    with local_server.store() as store:  # the right one works
        assert isinstance(store.names(), tuple)
    wrong = "not-the-Pa55word"
    started = time.monotonic()
    with pytest.raises(netgraph.StoreError, match="authentication failed") as caught:
        netgraph.Neo4jStore(local_server.uri, password=wrong)
    assert time.monotonic() - started < FAST
    assert wrong not in str(caught.value) and local_server.password not in str(caught.value)
    assert caught.value.__context__ is None and caught.value.__cause__ is None

    done = cli(
        "score", "--neo4j", local_server.uri, "--network", "x", env={"NEO4J_PASSWORD": wrong}
    )
    assert done.returncode == 1 and "authentication failed" in done.stderr
    assert "Traceback" not in done.stderr and wrong not in done.stderr + done.stdout

    time.sleep(6)  # failed logins lock the user for 5 s
    with_var = cli(
        "push",
        str(EXAMPLE),
        "--neo4j",
        local_server.uri,
        "--network",
        "by-password-env",
        "--password-env",
        "NETGRAPH_TEST_PASSWORD",
        env={"NETGRAPH_TEST_PASSWORD": local_server.password, "NEO4J_PASSWORD": wrong},
    )
    assert with_var.returncode == 0, with_var.stderr
    assert local_server.password not in with_var.stdout + with_var.stderr


def test_no_password_on_a_server_that_wants_one(local_server: Any) -> None:
    env_password = os.environ.pop("NEO4J_PASSWORD", None)
    try:
        with pytest.raises(netgraph.StoreError, match="no password given"):
            netgraph.Neo4jStore(local_server.uri)
    finally:
        if env_password is not None:
            os.environ["NEO4J_PASSWORD"] = env_password


def test_a_wrong_port_is_a_clear_and_fast_error(neo4j_uri: str) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    started = time.monotonic()
    with pytest.raises(netgraph.StoreError, match="cannot reach the Neo4j server"):
        netgraph.Neo4jStore(uri)
    assert time.monotonic() - started < FAST
    done = cli("pull", "--neo4j", uri, "--network", "x", "--into", "never-written")
    assert done.returncode == 1 and "cannot reach" in done.stderr
    assert "Traceback" not in done.stderr and not Path("never-written").exists()


def test_a_missing_database_is_a_clear_and_fast_error(local_server: Any) -> None:
    started = time.monotonic()
    with pytest.raises(netgraph.StoreError, match="no database 'elsewhere'"):
        local_server.store(database="elsewhere")
    assert time.monotonic() - started < FAST
    done = cli(
        "push",
        str(EXAMPLE),
        "--neo4j",
        local_server.uri,
        "--network",
        "x",
        "--database",
        "elsewhere",
        env={"NEO4J_PASSWORD": local_server.password},
    )
    assert done.returncode == 1 and "no database 'elsewhere'" in done.stderr
    assert "Traceback" not in done.stderr


# -- concurrent pushes and deletes of one name, on the shared server ------------------


def test_a_push_started_during_another_one_waits_for_it_and_both_complete(
    neo4j_uri: str, network_name: str, graph_counts: Any, graph_expected: Any
) -> None:
    first, second = netgraph.example_network(7), netgraph.example_network(8)
    assert first != second  # the same people, other events: every section differs
    started = threading.Event()
    times: dict[str, list[float]] = {"first": [], "second": []}
    results: dict[str, netgraph.PushResult] = {}
    errors: list[BaseException] = []
    waited: list[str] = []

    def push(which: str, network: netgraph.Network) -> None:
        def progress(section: str, done: int, total: int) -> None:
            times[which].append(time.monotonic())
            if which == "first" and done and not started.is_set():
                started.set()  # a batch of the first push is in: start the second
                deadline = time.monotonic() + 60
                while not waited and time.monotonic() < deadline:  # until it says it waits
                    time.sleep(0.05)

        try:
            with netgraph.Neo4jStore(neo4j_uri, batch_size=50, timeout=30) as store:
                results[which] = store.push(
                    network, network_name, progress=progress, on_wait=lambda: waited.append(which)
                )
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            started.set()

    one = threading.Thread(target=push, args=("first", first))
    one.start()
    assert started.wait(120)
    two = threading.Thread(target=push, args=("second", second))
    two.start()
    one.join(300)
    two.join(300)
    assert not errors, errors
    assert not results["first"].unchanged and not results["second"].unchanged
    # the second wrote nothing before the first had finished (its last progress call
    # comes after its last write and before it marks the network complete)
    assert min(times["second"]) > max(times["first"])
    assert waited == ["second"]  # and it said so, once
    with netgraph.Neo4jStore(neo4j_uri) as store:
        back = store.pull(network_name)
    assert back == second
    for section in second.tables:
        assert list(back.rows(section)) == list(second.rows(section)), section
    assert graph_counts(neo4j_uri, network_name) == graph_expected(second)


def at_once(uri: str, name: str, work: list[netgraph.Network | None]) -> list[BaseException]:
    """Push each network (None: delete) under one name, all at once, one thread each;
    the errors raised."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(work))

    def run(network: netgraph.Network | None) -> None:
        try:
            with netgraph.Neo4jStore(uri, batch_size=100, timeout=30) as store:
                barrier.wait()
                if network is None:
                    store.delete(name)
                else:
                    store.push(network, name)
        except BaseException as exc:  # reported by the caller, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(network,)) for network in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    return errors


def test_any_mix_of_concurrent_pushes_and_deletes_leaves_one_complete_copy(
    neo4j_uri: str, network_name: str, graph_counts: Any, graph_expected: Any
) -> None:
    networks = [netgraph.example_network(seed) for seed in (7, 8, 9)]
    mixes: list[list[netgraph.Network | None]] = [
        [networks[0], networks[1], networks[2], networks[0]],
        [networks[1], None, networks[2], networks[1], None],
        [None, networks[2], networks[0]],
    ]
    for mix in mixes:
        errors = at_once(neo4j_uri, network_name, mix)
        assert not errors, errors
        with netgraph.Neo4jStore(neo4j_uri) as store:
            if network_name not in store.names():  # a delete came last
                assert graph_counts(neo4j_uri, network_name) == {}
                continue
            back = store.pull(network_name)
        same = [n for n in networks if n == back]
        assert len(same) == 1, "the network read back is none of those pushed"
        assert graph_counts(neo4j_uri, network_name) == graph_expected(same[0])
    assert no_lock_nodes(neo4j_uri)


def test_a_push_killed_with_sigkill_leaves_no_lock_behind(
    neo4j_uri: str, network_name: str, tmp_path: Path, graph_counts: Any, graph_expected: Any
) -> None:
    folder = tmp_path / "platform"
    made = cli("generate", "--people", "3000", "--seed", "5", "--into", str(folder))
    assert made.returncode == 0, made.stderr
    push = [sys.executable, "-m", "netgraph", "push", str(folder), "--neo4j", neo4j_uri]
    process = subprocess.Popen(
        [*push, "--network", network_name],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"},
    )
    try:
        with netgraph.Neo4jStore(neo4j_uri) as watcher:
            deadline = time.monotonic() + 240
            while analytics.row_counts(watcher, network_name)["ties"] < 4000:
                assert process.poll() is None, "the push ended before it was killed"
                assert time.monotonic() < deadline, "the push wrote no ties in time"
                time.sleep(0.1)
        process.send_signal(signal.SIGKILL)
        process.wait(60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL

    network = netgraph.example_network(7)
    with netgraph.Neo4jStore(neo4j_uri, timeout=30) as store:
        with pytest.raises(netgraph.StoreError, match="incomplete"):
            store.pull(network_name)
        started = time.monotonic()
        result = store.push(network, network_name)  # does not wait for the dead push
        assert time.monotonic() - started < 120
        assert result.deleted > 0  # what the killed push had written is gone
        assert store.pull(network_name) == network
    assert graph_counts(neo4j_uri, network_name) == graph_expected(network)
    assert no_lock_nodes(neo4j_uri)


def no_lock_nodes(uri: str) -> bool:
    """No NetworkLock node was ever committed (it lives only in the lock's transaction)."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, notifications_min_severity="OFF") as driver:
        records, _, _ = driver.execute_query("MATCH (l:NetworkLock) RETURN count(l) AS n")
    return bool(records[0]["n"] == 0)


def test_a_push_whose_lock_is_taken_away_stops_and_the_next_completes(
    neo4j_uri: str, network_name: str, graph_counts: Any, graph_expected: Any
) -> None:
    from neo4j import GraphDatabase

    network = netgraph.example_network(7)
    terminated: list[str] = []

    def progress(section: str, done: int, total: int) -> None:
        if done and not terminated:  # a batch is in: end the lock's transaction
            with GraphDatabase.driver(neo4j_uri, notifications_min_severity="OFF") as driver:
                records, _, _ = driver.execute_query(
                    "SHOW TRANSACTIONS YIELD transactionId AS id, metaData "
                    "WHERE metaData.netgraph_lock = $name RETURN id",
                    name=network_name,
                )
                ids = [r["id"] for r in records]
                driver.execute_query("TERMINATE TRANSACTIONS $ids", ids=ids)
            terminated.extend(ids)

    with netgraph.Neo4jStore(neo4j_uri, batch_size=100) as store:
        with pytest.raises(netgraph.StoreError, match="lost the write lock") as caught:
            store.push(network, network_name, progress=progress)
        assert len(terminated) == 1
        assert caught.value.__cause__ is None and caught.value.__context__ is None
        with pytest.raises(netgraph.StoreError, match="incomplete"):
            store.pull(network_name)
        assert not store.push(network, network_name).unchanged
        assert store.pull(network_name) == network
    assert graph_counts(neo4j_uri, network_name) == graph_expected(network)


def test_the_command_line_says_when_a_push_waits_for_another(
    neo4j_uri: str, network_name: str, tmp_path: Path
) -> None:
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold(section: str, done: int, total: int) -> None:
        if done and not holding.is_set():
            holding.set()
            release.wait(240)

    def first() -> None:
        try:
            with netgraph.Neo4jStore(neo4j_uri, batch_size=100) as store:
                store.push(netgraph.example_network(8), network_name, progress=hold)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            holding.set()

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert holding.wait(120)
        log = tmp_path / "stderr.txt"
        with log.open("w") as stderr:
            push = [sys.executable, "-m", "netgraph", "push", str(EXAMPLE), "--neo4j", neo4j_uri]
            process = subprocess.Popen(
                [*push, "--network", network_name],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env={k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"},
            )
            deadline = time.monotonic() + 120
            while "waiting for another push" not in log.read_text(encoding="utf-8"):
                assert process.poll() is None, "the push did not wait"
                assert time.monotonic() < deadline, "no message while waiting"
                time.sleep(0.1)
            release.set()
            out, _ = process.communicate(timeout=240)
    finally:
        release.set()
        thread.join(240)
    assert not errors, errors
    assert process.returncode == 0 and "pushed" in out
    assert "Traceback" not in log.read_text(encoding="utf-8")
    with netgraph.Neo4jStore(neo4j_uri) as store:
        assert store.pull(network_name) == netgraph.load_network(EXAMPLE)
