"""Faults against a private server: killed in the middle of a push, wrong credentials,
wrong port, missing database. The kill runs first: failed logins lock the user out for a
few seconds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j_support import *  # noqa: F403 - the Neo4j fixtures

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
                if watcher.row_counts(name)["ties"] >= 6000:  # a few batches committed
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
