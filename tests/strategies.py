"""Hypothesis strategies for small, valid networks in the JSON form."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

AS_OF = date(2025, 6, 30)
FIRST_DAY = date(2022, 1, 1)
SPAN = (AS_OF - FIRST_DAY).days + 60  # a few events after as_of must not count

INTERACTION_KINDS = ("meeting", "call", "message", "gift", "visit", "satisfaction_check", "event")
EXCHANGE_KINDS = ("advice", "feedback", "experience", "complaint", "introduction")


def day(offset: int) -> str:
    return (FIRST_DAY + timedelta(days=offset)).isoformat()


@st.composite
def networks(draw: st.DrawFn, max_people: int = 12, members: int = 1) -> dict[str, Any]:
    """A valid network: people ``m0..`` are members, the rest contacts ``c0..``."""
    n_contacts = draw(st.integers(min_value=1, max_value=max_people))
    member_ids = [f"m{i}" for i in range(members)]
    contact_ids = [f"c{i}" for i in range(n_contacts)]
    everyone = member_ids + contact_ids
    names = draw(
        st.lists(
            st.text(alphabet="abcdefghij", min_size=3, max_size=6),
            min_size=len(everyone),
            max_size=len(everyone),
            unique=True,
        )
    )
    people = [
        {
            "id": pid,
            "name": name.title(),
            "member": pid in member_ids,
            "organisation": draw(st.sampled_from(["", "", "Acme", "Noord"])),
            "channel": draw(st.sampled_from(["", "online", "offline", "both"])),
            "tags": draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True)),
            "why": draw(st.sampled_from(["", "", "client of long standing"])),
        }
        for pid, name in zip(everyone, names, strict=True)
    ]
    offsets = st.integers(min_value=0, max_value=SPAN)
    pair = st.tuples(st.sampled_from(everyone), st.sampled_from(everyone)).filter(
        lambda p: p[0] != p[1]
    )
    tie_pairs = draw(st.lists(pair, max_size=20, unique_by=lambda p: frozenset(p)))
    ties = [
        {"a": a, "b": b, "strength": draw(st.integers(1, 5)), "since": day(draw(offsets))}
        for a, b in tie_pairs
    ]
    member = st.sampled_from(member_ids)
    contact = st.sampled_from(contact_ids)

    referrals = []
    for _ in range(draw(st.integers(0, 8))):
        m = draw(member)
        a, b = (
            draw(st.tuples(contact, contact).filter(lambda p: p[0] != p[1]))
            if (len(contact_ids) > 1)
            else (None, None)
        )
        if a is None:
            break
        referrals.append({"date": day(draw(offsets)), "referrer": a, "referred": b, "member": m})
    invoices = [
        {
            "date": day(draw(offsets)),
            "client": draw(contact),
            "amount": f"{draw(st.integers(1, 5_000_00)) / 100:.2f}",
            "member": draw(member),
        }
        for _ in range(draw(st.integers(0, 12)))
    ]
    recommendations = [
        {
            "date": day(draw(offsets)),
            "by": draw(contact),
            "member": draw(member),
            "channel": draw(st.sampled_from(["", "online", "offline"])),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    interactions = [
        {
            "date": day(draw(offsets)),
            "contact": draw(contact),
            "kind": draw(st.sampled_from(INTERACTION_KINDS)),
            "member": draw(member),
        }
        for _ in range(draw(st.integers(0, 10)))
    ]
    satisfaction = [
        {
            "date": day(draw(offsets)),
            "client": draw(contact),
            "score": draw(st.integers(0, 10)),
            "member": draw(member),
        }
        for _ in range(draw(st.integers(0, 5)))
    ]
    groups = [{"id": f"g{i}", "name": f"Group {i}"} for i in range(draw(st.integers(0, 3)))]
    memberships = []
    if groups:
        for _ in range(draw(st.integers(0, 8))):
            start = draw(offsets)
            memberships.append(
                {
                    "person": draw(st.sampled_from(everyone)),
                    "group": draw(st.sampled_from([g["id"] for g in groups])),
                    "since": day(start),
                    "until": draw(st.sampled_from(["", day(start + 400)])),
                }
            )
    exchanges = []
    for _ in range(draw(st.integers(0, 8))):
        a, b = draw(pair)
        exchanges.append(
            {
                "date": day(draw(offsets)),
                "from": a,
                "to": b,
                "kind": draw(st.sampled_from(EXCHANGE_KINDS)),
            }
        )
    return {
        "people": people,
        "groups": groups,
        "ties": ties,
        "referrals": referrals,
        "recommendations": recommendations,
        "invoices": invoices,
        "interactions": interactions,
        "satisfaction": satisfaction,
        "memberships": memberships,
        "exchanges": exchanges,
    }
