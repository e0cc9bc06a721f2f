"""Hostile shapes of data for the scorer: one long text, a very long referral chain.

Hardening points 6 and 10: no array's size may depend on the longest text, and a chain
of referrals of any length is walked without recursion.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from test_hostile import limited

import netgraph


def test_one_long_why_among_twenty_thousand_people_scores_in_little_memory(tmp_path: Path):
    folder = tmp_path / "n"
    folder.mkdir()
    with open(folder / "people.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "member", "why"])
        writer.writerow(["me", "Me", "yes", "x" * 100_000])
        for k in range(20_000):
            writer.writerow([f"p{k}", f"Person {k}", "no", ""])
    with open(folder / "ties.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["a", "b"])
        for k in range(20_000):
            writer.writerow(["me", f"p{k}"])
    # a fixed-width string array of 20,001 texts of 100,000 characters would need 7.45 GiB
    code, out, err = limited(
        ["score", str(folder), "--as-of", "2026-01-01", "--format", "json"],
        memory=2 << 30,
        seconds=120,
    )
    assert code == 0, err
    assert '"know_who_you_are"' in out


def test_a_referral_chain_of_a_thousand_steps_is_walked():
    people = [{"id": "me", "name": "Me", "member": "yes"}]
    people += [{"id": f"p{k}", "name": f"P{k}"} for k in range(1001)]
    referrals = [
        {"date": "2025-01-01", "referrer": f"p{k}", "referred": f"p{k + 1}"} for k in range(1000)
    ]
    network = netgraph.network_from_dict({"people": people, "referrals": referrals})
    report = netgraph.score_member(network, as_of=date(2025, 6, 1))
    numbers = report.values["recommendation"].numbers
    assert numbers["chains"] == 1
    assert numbers["longest_chain"] == 1000
    assert numbers["top_chains"][0]["people"][:2] == ["p0", "p1"]
