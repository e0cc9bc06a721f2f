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


# -- the situations of issue 9 ("Stars a coach would sign") ------------------------------

GROUP_KINDS = ("association", "intervision", "network club", "online community", "other")
ROLES = ("client", "client", "client", "partner", "peer", "prospect", "other")
ATTENTION_KINDS = ("gift", "meeting", "call", "visit")
# satisfaction marks as Dutch clients give them: mostly "voldoende" to "goed"
MARKS = (6, 7, 7, 8, 8, 8, 9, 10, 5)
# the money of a freelancer's invoices, in cents: odd jobs, projects, large assignments
SMALL_JOB = st.integers(50_00, 500_00)
PROJECT = st.integers(1_000_00, 10_000_00)
ASSIGNMENT = st.integers(10_000_00, 40_000_00)


def back(days: int) -> str:
    """The date ``days`` before :data:`AS_OF`; 0 to 364 lie in the main window."""
    return (AS_OF - timedelta(days=days)).isoformat()


IN_WINDOW = st.integers(0, 364)
ANY_DAY = st.one_of(IN_WINDOW, st.integers(365, 1_100))
EVENT_SECTIONS = (
    "referrals",
    "recommendations",
    "invoices",
    "interactions",
    "satisfaction",
    "exchanges",
)


@st.composite
def coach_networks(draw: st.DrawFn, max_contacts: int = 10) -> dict[str, Any]:
    """A one-member network (``m0``) that holds the situations of issue 9.

    Clients met at a group the member belongs to (``met_at`` names it, and they were members
    before the first invoice) or through a contact (``met_through``); invoices from odd jobs to
    large assignments, sometimes in a second currency, sometimes several for one project;
    satisfaction marks mostly of 6 to 8; attention (gifts, meetings, calls, visits) for some
    clients; group members who never exchange, and groups of every kind, intervision too; data
    with or without ties between contacts (a LinkedIn-like import has none); and, sometimes,
    exact duplicates of event rows.
    """
    n = draw(st.integers(min_value=3, max_value=max_contacts))
    contacts = [f"c{i}" for i in range(n)]
    contact = st.sampled_from(contacts)
    groups = [
        {"id": f"g{i}", "name": f"Kring {i}", "kind": draw(st.sampled_from(GROUP_KINDS))}
        for i in range(draw(st.integers(0, 3)))
    ]
    mine = [g for g in groups if draw(st.booleans())]
    memberships = [
        {"person": "m0", "group": g["id"], "since": back(draw(st.integers(400, 1_500)))}
        for g in mine
    ]
    people: list[dict[str, Any]] = [
        {"id": "m0", "name": "Marit Member", "member": "yes", "tags": "advies", "channel": "both"}
    ]
    for i, pid in enumerate(contacts):
        role = draw(st.sampled_from(ROLES))
        row: dict[str, Any] = {"id": pid, "name": f"Contact {i:02d}", "role": role}
        how = draw(st.sampled_from(("", "group", "group", "through", "event")))
        if how == "group" and mine:
            group = draw(st.sampled_from(mine))
            row["met_at"] = group["name"]
            memberships.append(
                {"person": pid, "group": group["id"], "since": back(draw(st.integers(400, 2_000)))}
            )
        elif how == "through" and i > 0:
            row["met_through"] = draw(st.sampled_from(contacts[:i]))
        elif how == "event":
            row["met_at"] = "Promotiedagen"
        people.append(row)
    # group members who may never exchange a word
    for g in groups:
        for pid in draw(st.lists(contact, max_size=4, unique=True)):
            if not any(m["person"] == pid and m["group"] == g["id"] for m in memberships):
                memberships.append({"person": pid, "group": g["id"], "since": back(800)})

    linked = draw(st.booleans())  # False: only member-to-contact ties, as from LinkedIn
    ties = [
        {"a": "m0", "b": pid, "strength": draw(st.integers(1, 5)), "since": back(draw(ANY_DAY))}
        for pid in contacts
        if not linked or draw(st.integers(0, 2)) > 0  # some known only through others
    ]
    if linked:
        pairs = draw(
            st.lists(
                st.tuples(contact, contact).filter(lambda p: p[0] != p[1]),
                max_size=8,
                unique_by=lambda p: frozenset(p),
            )
        )
        ties += [{"a": a, "b": b, "strength": draw(st.integers(1, 5))} for a, b in pairs]

    clients = [p["id"] for p in people[1:] if p["role"] == "client"] or contacts[:1]
    second = draw(st.sampled_from(("", "", "USD", "GBP")))
    invoices = []
    for pid in clients:
        size = draw(st.sampled_from((SMALL_JOB, PROJECT, ASSIGNMENT)))
        project = draw(st.sampled_from(("", "traject", f"project {pid}")))
        currency = second if second and draw(st.integers(0, 3)) == 0 else "EUR"
        for _ in range(draw(st.integers(1, 3))):
            invoices.append(
                {
                    "date": back(draw(ANY_DAY)),
                    "client": pid,
                    "amount": f"{draw(size) / 100:.2f}",
                    "currency": currency,
                    "project": project,
                }
            )
    satisfaction = [
        {"date": back(draw(IN_WINDOW)), "client": draw(st.sampled_from(clients)), "score": mark}
        for mark in draw(st.lists(st.sampled_from(MARKS), max_size=4))
    ]
    interactions = [
        {
            "date": back(draw(ANY_DAY)),
            "contact": draw(st.sampled_from(clients) | contact),
            "kind": draw(st.sampled_from((*ATTENTION_KINDS, "satisfaction_check", "message"))),
        }
        for _ in range(draw(st.integers(0, 6)))
    ]
    referrals = []
    for _ in range(draw(st.integers(0, 4))):
        a, b = draw(st.tuples(contact, contact).filter(lambda p: p[0] != p[1]))
        referrals.append({"date": back(draw(ANY_DAY)), "referrer": a, "referred": b})
    recommendations = [
        {"date": back(draw(ANY_DAY)), "by": draw(contact), "channel": "online"}
        for _ in range(draw(st.integers(0, 3)))
    ]
    everyone = st.sampled_from(["m0", *contacts])
    exchanges = []
    for _ in range(draw(st.integers(0, 6))):
        a, b = draw(st.tuples(everyone, everyone).filter(lambda p: p[0] != p[1]))
        kind = draw(st.sampled_from(EXCHANGE_KINDS))
        exchanges.append({"date": back(draw(ANY_DAY)), "from": a, "to": b, "kind": kind})
    data: dict[str, Any] = {
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
    if draw(st.booleans()):  # an export that repeats some rows exactly
        for section in draw(st.lists(st.sampled_from(EVENT_SECTIONS), max_size=3)):
            if data[section]:
                data[section].append(dict(draw(st.sampled_from(data[section]))))
    return data
