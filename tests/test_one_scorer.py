"""One scorer: a member scored alone, in a block and in a summary line agree.

The values are written once, as array code over a block of members. These tests check
that a member's row of a large block is what the member scored alone gives (every
number, component, contributor, share, fact and note), and that the summary lines of
``score --all`` are those same numbers. (The old per-member loop code served as an
oracle until the method changed every value; hand-worked cases in test_values.py and
the personas replace it.)
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from strategies import AS_OF, networks

import netgraph
from netgraph.generate._generate import generate_platform
from netgraph.model._errors import ConfigError
from netgraph.output._columns import NUMBERS
from netgraph.scoring._arrays import KeySpace, unique
from netgraph.scoring._score import score_all

KEYS = ("acquisition", "recommendation", "financial", "knowledge")


def assert_block_is_alone(network: netgraph.Network, as_of: date) -> None:
    """A member's row of a block is the member scored alone; summaries are those rows."""
    alone = [netgraph.score_member(network, m, as_of=as_of) for m in network.member_ids]
    in_block = list(netgraph.score_members(network, as_of=as_of))
    assert [r.to_dict() for r in in_block] == [r.to_dict() for r in alone]
    summaries = list(score_all(network, as_of=as_of, block_size=7).summaries())
    assert [s["member"] for s in summaries] == list(network.member_ids)
    for summary, report in zip(summaries, alone, strict=True):
        full = report.to_dict()
        for key in KEYS:
            mine, theirs = summary["values"][key], full["values"][key]
            assert (mine["score"], mine["stars"]) == (theirs["score"], theirs["stars"])
            assert mine["components"] == {
                name: c["rating"] for name, c in theirs["components"].items()
            }
            shown = [n.name for n in NUMBERS[key] if n.summary]
            assert mine["numbers"] == {name: theirs["numbers"][name] for name in shown}
            assert mine["contributors"] == [
                {"id": c["id"], "share": c["share"]} for c in theirs["contributors"][:3]
            ]
        assert summary["focus"] == {f["key"]: f["status"] for f in full["focus"]}


def busy_network(seed: int, members: int = 4, contacts: int = 300) -> netgraph.Network:
    """Members with hundreds of contacts each, shared contacts, and every kind of event."""
    rng = random.Random(seed)
    first = date(2023, 1, 1)

    def day() -> str:
        return (first + timedelta(days=rng.randrange(0, 1100))).isoformat()

    member_ids = [f"m{i}" for i in range(members)]
    contact_ids = [f"c{i:04d}" for i in range(contacts * members // 2)]
    groups = [{"id": f"g{i}", "name": f"Group {i}", "kind": "intervision"} for i in range(6)]
    people = [
        {"id": m, "name": f"Member {m}", "member": "yes", "tags": "coach"} for m in member_ids
    ]
    people += [
        {
            "id": c,
            "name": f"Contact {rng.choice('ABCDEFGH')}{c}",
            "channel": rng.choice(["online", "offline", "both", ""]),
            "why": rng.choice(["", "", "knows the sector"]),
        }
        for c in contact_ids
    ]
    mine = {m: rng.sample(contact_ids, contacts) for m in member_ids}
    data: dict[str, list[dict[str, Any]]] = {"people": people, "groups": groups}
    data["ties"] = [
        {"a": m, "b": c, "strength": str(rng.randint(1, 5))} for m in member_ids for c in mine[m]
    ] + [
        {"a": a, "b": b}
        for a, b in {tuple(sorted(rng.sample(contact_ids, 2))) for _ in range(contacts * 2)}
    ]
    data["invoices"] = [
        {
            "date": day(),
            "client": rng.choice(mine[m][:40]),
            "member": m,
            "amount": f"{rng.randint(1, 900000) / 100:.2f}",
            "currency": rng.choice(["EUR"] * 9 + ["USD"]),
        }
        for m in member_ids
        for _ in range(120)
    ]
    data["referrals"] = [
        {
            "date": day(),
            "referrer": rng.choice(mine[m]),
            "referred": rng.choice(mine[m][:40]),
            "member": m,
        }
        for m in member_ids
        for _ in range(40)
    ]
    data["referrals"] = [r for r in data["referrals"] if r["referrer"] != r["referred"]]
    data["recommendations"] = [
        {
            "date": day(),
            "by": rng.choice(mine[m]),
            "member": m,
            "channel": rng.choice(["online", "offline"]),
        }
        for m in member_ids
        for _ in range(25)
    ]
    data["interactions"] = [
        {
            "date": day(),
            "contact": rng.choice(mine[m][:60]),
            "member": m,
            "kind": rng.choice(["meeting", "gift", "visit", "satisfaction_check", "call"]),
        }
        for m in member_ids
        for _ in range(80)
    ]
    data["satisfaction"] = [
        {
            "date": day(),
            "client": rng.choice(mine[m][:40]),
            "member": m,
            "score": str(rng.randint(3, 10)),
        }
        for m in member_ids
        for _ in range(30)
    ]
    data["memberships"] = [
        {"person": p, "group": g["id"]}
        for g in groups
        for p in rng.sample(member_ids + contact_ids, 60)
    ]
    everyone = member_ids + contact_ids
    data["exchanges"] = [
        {
            "date": day(),
            "from": a,
            "to": b,
            "kind": rng.choice(["advice", "feedback", "experience", "complaint", "introduction"]),
        }
        for a, b in (
            rng.sample([rng.choice(member_ids), rng.choice(everyone)], 2) for _ in range(400)
        )
        if a != b
    ]
    return netgraph.network_from_dict(data)


def test_the_example_network_alone_and_in_a_block():
    assert_block_is_alone(netgraph.example_network(), date(2026, 11, 1))


@pytest.mark.parametrize("seed", [1, 2])
def test_busy_members_alone_and_in_a_block(seed):
    assert_block_is_alone(busy_network(seed), date(2025, 12, 1))


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_platform(seed):
    network = generate_platform(400, seed).network()
    assert_block_is_alone(network, date(2026, 11, 1))


@given(networks(members=3))
def test_generated_networks_with_several_members(data):
    assert_block_is_alone(netgraph.network_from_dict(data), AS_OF)


def test_keys_stay_exact_past_three_million_people_and_eight_kinds():
    people = 3_500_001
    space = KeySpace(rows=65_536, base=people)
    owner = np.array([65_535, 0, 65_535, 12], dtype=np.int64)
    person = np.array([people - 1, people - 1, 0, 2**21 + 3], dtype=np.int64)
    keys = space.pack(owner, person)
    assert [x.tolist() for x in space.unpack(keys)] == [owner.tolist(), person.tolist()]
    assert len(unique(keys)) == 4
    kinds = KeySpace(rows=65_536, base=12)  # more kinds than eight
    packed = kinds.pack(np.array([3, 3, 4]), np.array([11, 9, 0]))
    assert kinds.unpack(packed)[0].tolist() == [3, 3, 4]
    assert kinds.unpack(packed)[1].tolist() == [11, 9, 0]


def test_a_key_space_that_would_overflow_is_refused():
    with pytest.raises(ConfigError, match="do not fit"):
        KeySpace(rows=2**32, base=2**31)


def test_json_lines_are_the_summaries():
    import json

    network = generate_platform(300, 5).network()
    batch = score_all(network, as_of=date(2026, 11, 1), block_size=128)
    lines = "".join(batch.json_lines()).splitlines()
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
    assert_block_is_alone(network, date(2024, 12, 31))


def test_scoring_from_several_threads_at_once_gives_the_same_lines():
    from concurrent.futures import ThreadPoolExecutor

    network = generate_platform(400, 8).network()

    def lines() -> bytes:
        batch = score_all(network, as_of=date(2026, 11, 1), block_size=64)
        return b"".join(batch.json_bytes())

    alone = lines()
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(lambda _: lines(), range(3)))
    assert together == [alone] * 3
