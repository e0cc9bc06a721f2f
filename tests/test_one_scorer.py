"""Scoring all members at once gives what scoring them one by one gives."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from strategies import AS_OF, networks

import netgraph
from netgraph.generate._generate import generate_platform
from netgraph.scoring._batch import score_all

KEYS = ("acquisition", "recommendation", "financial", "knowledge")


def assert_same(network: netgraph.Network, as_of: date) -> None:
    summaries = list(score_all(network, as_of=as_of).summaries())
    assert [s["member"] for s in summaries] == list(network.member_ids)
    for summary, report in zip(
        summaries, netgraph.score_members(network, as_of=as_of), strict=True
    ):
        full = report.to_dict()
        for key in KEYS:
            mine, theirs = summary["values"][key], full["values"][key]
            assert (mine["score"], mine["stars"]) == (theirs["score"], theirs["stars"]), key
            for name, rating in mine["components"].items():
                assert rating == pytest.approx(theirs["components"][name]["rating"], abs=1e-9)
            for name, value in mine["numbers"].items():
                if name not in theirs["numbers"]:
                    continue
                expected = theirs["numbers"][name]
                if isinstance(expected, list):
                    expected = len(expected)
                if isinstance(expected, float):
                    assert value == pytest.approx(expected, abs=1e-9), (key, name)
                elif name == "contacts_for_pareto_share" and expected is None:
                    assert value == -1
                else:
                    assert value == expected, (key, name)
            ids = [c["id"] for c in theirs["contributors"]]
            if key == "knowledge":  # the summary lists exchange partners only
                ids = [
                    c["id"]
                    for c in theirs["contributors"]
                    if not c["detail"].startswith("gave 0, received 0")
                ]
            assert [c["id"] for c in mine["contributors"]] == ids[:3], key
        assert summary["focus"] == {f["key"]: f["status"] for f in full["focus"]}


def test_the_example_network():
    assert_same(netgraph.example_network(), date(2026, 11, 1))


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_platform(seed):
    network = generate_platform(400, seed).network()
    assert_same(network, date(2026, 11, 1))


@given(networks(members=3))
def test_generated_networks_with_several_members(data):
    assert_same(netgraph.network_from_dict(data), AS_OF)


def test_json_lines_are_the_summaries():
    import json

    network = generate_platform(300, 5).network()
    batch = score_all(network, as_of=date(2026, 11, 1))
    lines = "".join(batch.json_lines(chunk=128)).splitlines()
    assert [json.loads(line) for line in lines] == list(batch.summaries())


def test_json_lines_escape_hostile_names():
    import json

    people = [
        {"id": 'me"\\', "name": 'Anna "the \\ boss"\n\t\x01 ünïcode', "member": "yes"},
        {"id": "c,1", "name": "Bram"},
    ]
    network = netgraph.network_from_dict(
        {"people": people, "invoices": [{"date": "2024-01-01", "client": "c,1", "amount": "5"}]}
    )
    batch = score_all(network, as_of=date(2024, 6, 1))
    (line,) = "".join(batch.json_lines()).splitlines()
    assert json.loads(line) == next(batch.summaries())
    assert json.loads(line)["name"] == people[0]["name"]


def test_reach_of_several_ambassadors_counts_sources_only_when_another_reaches_them():
    people = [
        {"id": p, "name": p.upper(), "member": p == "me"} for p in ("me", "a", "b", "c", "d", "x")
    ]
    network = netgraph.network_from_dict(
        {
            "people": people,
            # a - b - c chain; d far away on its own tie to x; me knows nobody
            "ties": [{"a": "a", "b": "b"}, {"a": "b", "b": "c"}, {"a": "d", "b": "x"}],
            "recommendations": [
                {"date": "2024-05-01", "by": "a"},
                {"date": "2024-05-02", "by": "c"},
                {"date": "2024-05-03", "by": "d"},
            ],
        }
    )
    (summary,) = score_all(network, as_of=date(2024, 12, 31)).summaries()
    # a and c reach each other; d is reached by nobody else; b and x are near
    assert summary["values"]["recommendation"]["numbers"]["reach"] == 4
    assert_same(network, date(2024, 12, 31))


def test_scoring_from_several_threads_at_once_gives_the_same_lines():
    from concurrent.futures import ThreadPoolExecutor

    network = generate_platform(400, 8).network()

    def lines() -> bytes:
        batch = score_all(network, as_of=date(2026, 11, 1))
        return b"".join(batch.json_bytes(chunk=64))

    alone = lines()
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(lambda _: lines(), range(3)))
    assert together == [alone] * 3
