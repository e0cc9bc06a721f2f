"""Scoring all members at once gives what scoring them one by one gives."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from strategies import AS_OF, networks

import netgraph
from netgraph._batch import score_all
from netgraph._generate import generate_platform

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
                ids = [c["id"] for c in theirs["contributors"] if not c["detail"].startswith("gave 0, received 0")]
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
