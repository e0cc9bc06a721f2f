"""Seeded generators of realistic networks: one freelancer's, or a whole platform's.

Both write the text form of the data contract, so a generated network goes through the
same reader and checks as a user's. The same seed always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..io._build import RawTable, build_network
from ..model._network import Network
from ..model._schema import SECTIONS

__all__ = ["example_network", "generate_platform", "write_generated"]

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Carlijn",
    "Daan",
    "Eva",
    "Femke",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Kees",
    "Lotte",
    "Maarten",
    "Noor",
    "Olaf",
    "Pien",
    "Quinten",
    "Roos",
    "Sander",
    "Tessa",
    "Ugo",
    "Vera",
    "Wouter",
    "Xander",
    "Yara",
    "Zoë",
    "Anouk",
    "Bas",
    "Charlotte",
    "Dirk",
    "Esther",
    "Floor",
    "Gerrit",
    "Henk",
    "Ilse",
    "Joost",
    "Karin",
    "Lars",
    "Marloes",
    "Niels",
    "Oscar",
    "Petra",
    "Rik",
    "Sanne",
    "Thijs",
    "Ulla",
    "Vincent",
    "Willemijn",
    "Youssef",
    "Zeynep",
    "Fatima",
    "Mohammed",
    "Priya",
    "Chen",
    "Mees",
    "Sem",
    "Julia",
    "Luuk",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "Schouten",
    "Willems",
    "van Dijk",
    "Hoekstra",
    "Veenstra",
    "Zegers",
    "Postma",
    "Wijnstra",
    "Öztürk",
    "El Amrani",
    "Kramer",
    "Koster",
    "Prins",
    "Huisman",
    "Peeters",
    "Kuipers",
    "van Beek",
    "Verhoeven",
    "Sanders",
    "Willemsen",
]
ORGANISATIONS = [
    "Noorderlicht Advies",
    "Groningen Bouwt",
    "Zuiderzee Zorg",
    "Het Ontwerphuis",
    "Friese Vlag ICT",
    "Delta Logistiek",
    "Kantoor Kade 12",
    "Drentse Energie",
    "Stadsbibliotheek",
    "Hanze Innovatie",
    "Waddenzee Toerisme",
    "Bakkerij Bos",
    "Gemeente Assen",
    "Studio Wit",
    "Noordelijk Netwerk",
    "Eemshaven Services",
    "Van Dijk Installatie",
    "Martini Media",
    "Oost Accountants",
    "Nij Hus Wonen",
]
TAGS = [
    "coaching",
    "strategy",
    "ux",
    "marketing",
    "finance",
    "hr",
    "it",
    "training",
    "sales",
    "sustainability",
    "leadership",
    "communication",
    "design",
    "legal",
    "healthcare",
]
GROUP_NAMES = [
    "Ondernemersclub Noord",
    "Intervisie ZZP Groningen",
    "Vereniging Zelfstandigen",
    "Online Community Freelance Noord",
    "Netwerkclub De Kade",
    "Vrouwen in Bedrijf",
    "Coachcollectief",
    "Startersplein",
]
GROUP_KINDS = ("network club", "intervision", "association", "online community", "other")


@dataclass
class _Sections:
    """Text columns per section, filled by a generator."""

    columns: dict[str, dict[str, list[str]]]

    @classmethod
    def empty(cls) -> _Sections:
        return cls({s.name: {f: [] for f in s.field_names} for s in SECTIONS})

    def add(self, section: str, **values: str) -> None:
        table = self.columns[section]
        for name, column in table.items():
            column.append(values.get(name, ""))

    def extend(self, section: str, columns: dict[str, Sequence[str]]) -> None:
        table = self.columns[section]
        n = len(next(iter(columns.values())))
        for name, column in table.items():
            column.extend(columns.get(name, [""] * n))

    def raw_tables(self) -> list[RawTable]:
        out = []
        for section, columns in self.columns.items():
            n = len(next(iter(columns.values())))
            if n or section == "people":
                out.append(RawTable(section, f"{section}.csv", columns, list(range(2, n + 2))))
        return out

    def network(self) -> Network:
        return build_network(self.raw_tables())


def _iso(days: npt.NDArray[np.int64]) -> list[str]:
    return np.datetime_as_string(days.astype("datetime64[D]"), unit="D").tolist()  # type: ignore[no-any-return]


def _cents(cents: npt.NDArray[np.int64]) -> list[str]:
    return [f"{c // 100}.{c % 100:02d}" for c in cents.tolist()]


def write_generated(sections: _Sections, folder: str | os.PathLike[str]) -> None:
    """Write generated text columns as a network folder (only the non-empty sections)."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    for raw in sections.raw_tables():
        with open(path / raw.source, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(list(raw.columns))
            writer.writerows(zip(*raw.columns.values(), strict=True))


# -- one freelancer ------------------------------------------------------------------


EXAMPLE_SEED = 7


def example_network(seed: int = EXAMPLE_SEED, *, end: date = date(2026, 10, 31)) -> Network:
    """A fictional Dutch freelancer's network: 150 contacts over three years.

    The member is Sanne de Vries, a business coach in Groningen, with clients, prospects,
    partners, peers and suppliers, five groups, three years of invoices and the referrals,
    recommendations, interactions, satisfaction scores and exchanges around them.

    Examples
    --------
    >>> net = example_network()
    >>> net.member_ids
    ('sanne',)
    >>> net.size  # the member, 150 contacts and 18 people only contacts know
    169
    """
    return _example_sections(seed, end).network()


def example_sections(seed: int = EXAMPLE_SEED, *, end: date = date(2026, 10, 31)) -> _Sections:
    """The text columns of :func:`example_network`, ready to be written as a folder."""
    return _example_sections(seed, end)


def _example_sections(seed: int, end: date) -> _Sections:
    rng = np.random.default_rng(seed)
    out = _Sections.empty()
    start = end - timedelta(days=3 * 365)

    def day(low: date = start, high: date = end) -> date:
        return low + timedelta(days=int(rng.integers(0, max(1, (high - low).days) + 1)))

    out.add(
        "people",
        id="sanne",
        name="Sanne de Vries",
        organisation="De Vries Coaching",
        email="sanne@devriescoaching.example",
        role="other",
        tags="coaching;leadership;zzp",
        member="yes",
        channel="both",
        why="",
    )
    roles = ["client"] * 32 + ["prospect"] * 20 + ["partner"] * 16 + ["peer"] * 48
    roles += ["supplier"] * 10 + ["other"] * 24
    used: set[str] = set()
    people: list[tuple[str, str]] = []
    why_by_role = {
        "client": "opdrachtgever",
        "partner": "samenwerkingspartner voor grotere trajecten",
        "peer": "sparringpartner",
        "prospect": "mogelijke opdrachtgever",
        "supplier": "levert diensten",
        "other": "",
    }
    for k, role in enumerate(roles):
        name = ""
        while not name or name in used:
            first = str(rng.choice(FIRST_NAMES))
            name = f"{first} {rng.choice(LAST_NAMES)}"
        used.add(name)
        pid = f"c{k + 1:03d}"
        organisation = str(rng.choice(ORGANISATIONS)) if rng.random() < 0.75 else ""
        slug = first.lower().replace("ë", "e").replace("ö", "o")
        email = f"{slug}.{k + 1}@{organisation.split()[0].lower()}.example" if organisation else ""
        channel = str(rng.choice(["online", "offline", "both"], p=[0.35, 0.35, 0.3]))
        tags = ";".join(sorted(set(rng.choice(TAGS, size=int(rng.integers(0, 3))).tolist())))
        why = why_by_role[role] if rng.random() < 0.6 else ""
        met_at = str(
            rng.choice(
                ["", "Promotiedagen Noord-Nederland", "netwerkborrel", "LinkedIn", "via een klant"]
            )
        )
        out.add(
            "people",
            id=pid,
            name=name,
            organisation=organisation,
            email=email,
            role=role,
            tags=tags,
            member="no",
            met_at=met_at,
            why=why,
            channel=channel,
        )
        people.append((pid, name))
    ids = [p[0] for p in people]
    role_of = dict(zip(ids, roles, strict=True))
    by_role = {r: [i for i in ids if role_of[i] == r] for r in set(roles)}

    # ties: the member knows everyone; contacts know each other in clusters
    strength_by_role = {
        "client": 4,
        "partner": 4,
        "peer": 3,
        "prospect": 2,
        "supplier": 3,
        "other": 2,
    }
    for pid in ids:
        strength = min(5, max(1, strength_by_role[role_of[pid]] + int(rng.integers(-1, 2))))
        out.add(
            "ties",
            a="sanne",
            b=pid,
            strength=str(strength),
            since=day().isoformat(),
            channel=str(rng.choice(["online", "offline", "both"])),
        )
    pairs: set[tuple[str, str]] = set()
    clusters = [ids[i : i + 20] for i in range(0, len(ids), 20)]
    while len(pairs) < 260:
        cluster = clusters[int(rng.integers(len(clusters)))] if rng.random() < 0.8 else ids
        a, b = (str(x) for x in rng.choice(cluster, size=2, replace=False))
        pairs.add((min(a, b), max(a, b)))
    for a, b in sorted(pairs):
        out.add("ties", a=a, b=b, strength=str(int(rng.integers(1, 6))), since=day().isoformat())

    # people the member does not know yet, known to contacts: the reach of ambassadors
    for k in range(18):
        name = ""
        while not name or name in used:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        used.add(name)
        pid = f"n{k + 1:03d}"
        out.add(
            "people",
            id=pid,
            name=name,
            organisation=str(rng.choice(ORGANISATIONS)),
            role="other",
            met_through="",
            channel="",
        )
        for contact in sorted(set(rng.choice(ids, size=int(rng.integers(1, 4))).tolist())):
            out.add(
                "ties",
                a=str(contact),
                b=pid,
                strength=str(int(rng.integers(1, 6))),
                since=day().isoformat(),
            )

    # groups and memberships
    groups = [
        ("g1", GROUP_NAMES[0], "network club"),
        ("g2", GROUP_NAMES[1], "intervision"),
        ("g3", GROUP_NAMES[2], "association"),
        ("g4", GROUP_NAMES[3], "online community"),
        ("g5", GROUP_NAMES[4], "network club"),
    ]
    for gid, name, kind in groups:
        out.add("groups", id=gid, name=name, kind=kind)
    out.add(
        "memberships", person="sanne", group="g1", since=(start - timedelta(days=400)).isoformat()
    )
    out.add(
        "memberships",
        person="sanne",
        group="g2",
        since=day(start, start + timedelta(days=200)).isoformat(),
    )
    out.add(
        "memberships", person="sanne", group="g3", since=(start - timedelta(days=900)).isoformat()
    )
    out.add(
        "memberships",
        person="sanne",
        group="g5",
        since=(start - timedelta(days=300)).isoformat(),
        until=(end - timedelta(days=420)).isoformat(),
    )
    for gid, size in (("g1", 25), ("g2", 7), ("g3", 30), ("g4", 40), ("g5", 15)):
        pool = by_role["peer"] + by_role["partner"] + by_role["other"] if gid != "g1" else ids
        for pid in sorted(
            str(x) for x in rng.choice(pool, size=min(size, len(pool)), replace=False)
        ):
            out.add(
                "memberships",
                person=pid,
                group=gid,
                since=day(start - timedelta(days=700), end).isoformat(),
            )

    # referrals: cascades, partners and clients bring new clients
    clients = by_role["client"]
    referred_clients = [c for c in clients if rng.random() < 0.6]
    referrers_pool = by_role["partner"] + by_role["peer"][:12] + clients
    referral_day: dict[str, date] = {}
    for c in referred_clients:
        referrer = str(rng.choice([r for r in referrers_pool if r != c]))
        when = day(start, end - timedelta(days=60))
        referral_day[c] = when
        out.add(
            "referrals",
            date=when.isoformat(),
            referrer=referrer,
            referred=c,
            note="stelde voor om eens kennis te maken",
        )
    # a few second-level links: the referrer was referred too
    for c in clients[:6]:
        if c in referral_day:
            continue
        partner = str(rng.choice(by_role["partner"]))
        when = day(start, end - timedelta(days=400))
        out.add(
            "referrals", date=when.isoformat(), referrer=partner, referred=c, note="via intervisie"
        )
        referral_day[c] = when
    for prospect in by_role["prospect"][:6]:
        out.add(
            "referrals",
            date=day().isoformat(),
            referrer=str(rng.choice(clients)),
            referred=prospect,
            note="",
        )

    # invoices: a Pareto spread over three years
    weights = rng.pareto(1.2, size=len(clients)) + 0.05
    weights /= weights.sum()
    for _ in range(160):
        c = str(rng.choice(clients, p=weights))
        known_since = referral_day.get(c, start)
        when = day(known_since + timedelta(days=14), end)
        amount = int(np.clip(rng.lognormal(7.3, 0.6), 250, 12000)) * 100
        out.add(
            "invoices",
            date=when.isoformat(),
            client=c,
            amount=f"{amount // 100}.00",
            project=str(
                rng.choice(["coachtraject", "teamdag", "leiderschapsprogramma", "workshop"])
            ),
        )

    # recommendations, interactions, satisfaction, exchanges
    for _ in range(18):
        by = str(rng.choice(clients + by_role["partner"]))
        out.add(
            "recommendations",
            date=day().isoformat(),
            by=by,
            channel=str(rng.choice(["online", "offline"], p=[0.7, 0.3])),
            note="Sanne helpt je echt verder",
        )
    kinds = ["meeting", "call", "message", "gift", "visit", "satisfaction_check", "event"]
    for _ in range(420):
        contact = str(rng.choice(ids))
        kind = str(rng.choice(kinds, p=[0.28, 0.22, 0.3, 0.04, 0.05, 0.05, 0.06]))
        if kind in ("gift", "satisfaction_check", "visit"):
            contact = str(rng.choice(clients))
        out.add(
            "interactions",
            date=day().isoformat(),
            contact=contact,
            kind=kind,
            note="kerstattentie" if kind == "gift" else "",
        )
    for _ in range(34):
        c = str(rng.choice(clients))
        score = int(np.clip(round(rng.normal(8.2, 1.4)), 3, 10))
        out.add(
            "satisfaction",
            date=day(start + timedelta(days=60)).isoformat(),
            client=c,
            score=str(score),
        )
    exchange_kinds = ["advice", "feedback", "experience", "complaint", "introduction"]
    peers = by_role["peer"] + by_role["partner"]
    for _ in range(130):
        other = str(rng.choice(peers))
        a, b = ("sanne", other) if rng.random() < 0.45 else (other, "sanne")
        if rng.random() < 0.25:
            a, b = (str(x) for x in rng.choice(peers, size=2, replace=False))
        out.add(
            "exchanges",
            date=day().isoformat(),
            **{"from": a, "to": b},
            kind=str(rng.choice(exchange_kinds, p=[0.35, 0.3, 0.2, 0.05, 0.1])),
        )
    return out


# -- a whole platform --------------------------------------------------------------


def generate_platform(
    people: int,
    seed: int = 0,
    *,
    end: date = date(2026, 10, 31),
    progress: Callable[[str], None] | None = None,
) -> _Sections:
    """A large network where every person is a member: a club, a practice, a platform.

    Per person on average: 10 ties (heavy-tailed degrees, mostly within communities of
    50-500 people), 0.3 referrals (cascading along ties), 0.2 recommendations, 1 invoice
    (Pareto amounts), 2 interactions, 0.3 satisfaction scores, 1 group membership (a group
    per ~100 people) and 1 knowledge exchange, spread over three years up to ``end``.
    """
    if people < 2:
        raise ValueError("a platform needs at least two people")
    rng = np.random.default_rng(seed)
    say = progress or (lambda _: None)
    out = _Sections.empty()
    n = people
    last_day = int(np.datetime64(end, "D").astype(np.int64))
    first_day = last_day - 3 * 365

    def days(k: int, low: npt.NDArray[np.int64] | int = first_day) -> npt.NDArray[np.int64]:
        low_arr = np.broadcast_to(np.asarray(low, dtype=np.int64), (k,))
        span = np.maximum(1, last_day - low_arr + 1)
        offset: npt.NDArray[np.int64] = (rng.random(k) * span).astype(np.int64)
        return low_arr + offset

    say("people")
    community_size = np.clip(rng.lognormal(4.6, 0.8, size=n // 50 + 1), 50, 500).astype(np.int64)
    community = np.repeat(np.arange(len(community_size)), community_size)[:n]
    if len(community) < n:
        community = np.concatenate([community, np.full(n - len(community), community[-1])])
    appeal = rng.pareto(2.5, size=n) + 1.0  # heavy-tailed degree propensity
    ids = [f"p{i:07d}" for i in range(n)]
    first = np.array(FIRST_NAMES, dtype=object)[rng.integers(len(FIRST_NAMES), size=n)]
    last = np.array(LAST_NAMES, dtype=object)[rng.integers(len(LAST_NAMES), size=n)]
    organisation_count = max(1, n // 8)
    organisation = rng.integers(organisation_count, size=n)
    has_organisation = rng.random(n) < 0.8
    roles = np.array(["client", "prospect", "partner", "peer", "supplier", "other"], dtype=object)
    channels = np.array(["online", "offline", "both"], dtype=object)
    out.extend(
        "people",
        {
            "id": ids,
            "name": [f"{a} {b}" for a, b in zip(first.tolist(), last.tolist(), strict=True)],
            "organisation": [
                f"Organisatie {o}" if h else ""
                for o, h in zip(organisation.tolist(), has_organisation.tolist(), strict=True)
            ],
            "role": roles[rng.integers(len(roles), size=n)].tolist(),
            "tags": np.array(TAGS, dtype=object)[rng.integers(len(TAGS), size=n)].tolist(),
            "member": ["yes"] * n,
            "channel": channels[rng.integers(3, size=n)].tolist(),
        },
    )

    say("ties")
    a, b = _sample_edges(rng, 10 * n, community, appeal)
    out.extend(
        "ties",
        {
            "a": [ids[i] for i in a.tolist()],
            "b": [ids[i] for i in b.tolist()],
            "strength": rng.integers(1, 6, size=len(a)).astype(str).tolist(),
            "since": _iso(days(len(a))),
        },
    )
    # adjacency in CSR form to walk from a person to a random acquaintance
    order = np.argsort(np.concatenate([a, b]), kind="stable")
    ends = np.concatenate([b, a])[order]
    starts = np.concatenate([[0], np.cumsum(np.bincount(np.concatenate([a, b]), minlength=n))])

    def acquaintance(of: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        degree = starts[of + 1] - starts[of]
        pick = starts[of] + (rng.random(len(of)) * np.maximum(degree, 1)).astype(np.int64)
        found = ends[np.minimum(pick, len(ends) - 1)]
        return np.where(degree > 0, found, (of + 1) % n)

    say("referrals")
    k = int(0.3 * n)
    member = rng.integers(n, size=k)
    referrer = acquaintance(member)
    referred = acquaintance(referrer)
    ok = (referred != member) & (referred != referrer) & (referrer != member)
    member, referrer, referred = member[ok], referrer[ok], referred[ok]
    referral_days = days(len(member))
    out.extend(
        "referrals",
        {
            "date": _iso(referral_days),
            "referrer": [ids[i] for i in referrer.tolist()],
            "referred": [ids[i] for i in referred.tolist()],
            "member": [ids[i] for i in member.tolist()],
        },
    )

    say("invoices")
    k = n
    from_referral = rng.random(k) < 0.3
    pick = rng.integers(max(1, len(member)), size=k)
    inv_member = np.where(
        from_referral & (len(member) > 0),
        member[pick % max(1, len(member))] if len(member) else 0,
        rng.integers(n, size=k),
    )
    inv_client = np.where(
        from_referral & (len(member) > 0),
        referred[pick % max(1, len(member))] if len(member) else 0,
        acquaintance(inv_member),
    )
    low = np.where(
        from_referral & (len(member) > 0),
        referral_days[pick % max(1, len(member))] if len(member) else first_day,
        first_day,
    )
    keep = inv_client != inv_member
    inv_member, inv_client, low = inv_member[keep], inv_client[keep], low[keep]
    amount = np.clip(
        (rng.pareto(1.6, size=len(inv_member)) + 1.0) * 40_000, 5_000, 5_000_000
    ).astype(np.int64)
    invoice_days = days(len(inv_member), low)
    out.extend(
        "invoices",
        {
            "date": _iso(invoice_days),
            "client": [ids[i] for i in inv_client.tolist()],
            "amount": _cents(amount),
            "member": [ids[i] for i in inv_member.tolist()],
        },
    )

    say("recommendations, interactions, satisfaction")
    k = int(0.2 * n)
    rec_member = rng.integers(n, size=k)
    by = acquaintance(rec_member)
    keep = by != rec_member
    out.extend(
        "recommendations",
        {
            "date": _iso(days(int(keep.sum()))),
            "by": [ids[i] for i in by[keep].tolist()],
            "member": [ids[i] for i in rec_member[keep].tolist()],
            "channel": channels[rng.integers(3, size=int(keep.sum()))].tolist(),
        },
    )
    k = 2 * n
    int_member = rng.integers(n, size=k)
    contact = acquaintance(int_member)
    keep = contact != int_member
    kinds = np.array(
        ["meeting", "call", "message", "gift", "visit", "satisfaction_check", "event"], dtype=object
    )
    kind = kinds[
        rng.choice(len(kinds), size=int(keep.sum()), p=[0.25, 0.2, 0.3, 0.05, 0.05, 0.08, 0.07])
    ]
    out.extend(
        "interactions",
        {
            "date": _iso(days(int(keep.sum()))),
            "contact": [ids[i] for i in contact[keep].tolist()],
            "kind": kind.tolist(),
            "member": [ids[i] for i in int_member[keep].tolist()],
        },
    )
    k = min(int(0.3 * n), len(inv_member))
    chosen = (
        rng.choice(len(inv_member), size=k, replace=False) if k else np.zeros(0, dtype=np.int64)
    )
    score = np.clip(np.round(rng.normal(8.0, 1.6, size=k)), 0, 10).astype(np.int64)
    out.extend(
        "satisfaction",
        {
            "date": _iso(days(k, invoice_days[chosen])),
            "client": [ids[i] for i in inv_client[chosen].tolist()],
            "score": score.astype(str).tolist(),
            "member": [ids[i] for i in inv_member[chosen].tolist()],
        },
    )

    say("groups, memberships, exchanges")
    group_count = max(1, n // 100)
    out.extend(
        "groups",
        {
            "id": [f"g{g:05d}" for g in range(group_count)],
            "name": [f"Groep {g}" for g in range(group_count)],
            "kind": np.array(GROUP_KINDS, dtype=object)[
                rng.integers(len(GROUP_KINDS), size=group_count)
            ].tolist(),
        },
    )
    # a person's group mostly follows their community, so groups and ties overlap
    group = np.where(
        rng.random(n) < 0.7, community % group_count, rng.integers(group_count, size=n)
    )
    since = days(n) - 3 * 365
    ended = rng.random(n) < 0.1
    until = since + rng.integers(30, 3 * 365, size=n)
    out.extend(
        "memberships",
        {
            "person": ids,
            "group": [f"g{g:05d}" for g in group.tolist()],
            "since": _iso(since),
            "until": [u if e else "" for u, e in zip(_iso(until), ended.tolist(), strict=True)],
        },
    )
    giver = rng.integers(n, size=n)
    taker = acquaintance(giver)
    keep = giver != taker
    exchange_kinds = np.array(
        ["advice", "feedback", "experience", "complaint", "introduction"], dtype=object
    )
    out.extend(
        "exchanges",
        {
            "date": _iso(days(int(keep.sum()))),
            "from": [ids[i] for i in giver[keep].tolist()],
            "to": [ids[i] for i in taker[keep].tolist()],
            "kind": exchange_kinds[
                rng.choice(5, size=int(keep.sum()), p=[0.35, 0.3, 0.2, 0.05, 0.1])
            ].tolist(),
        },
    )
    return out


def _sample_edges(
    rng: np.random.Generator,
    count: int,
    community: npt.NDArray[np.int64],
    appeal: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``count`` distinct undirected edges: 80% within a community, degrees heavy-tailed."""
    n = len(community)
    # at most half of all possible pairs (but one), or the rejection sampling below stalls
    count = min(count, max(1, n * (n - 1) // 4))
    probability = appeal / appeal.sum()
    cumulative = np.cumsum(probability)
    community_start = np.searchsorted(community, np.arange(community.max() + 2))
    have = 0
    seen = np.zeros(0, dtype=np.int64)
    while have < count:
        k = int((count - have) * 1.1) + 16
        a = np.minimum(np.searchsorted(cumulative, rng.random(k) * cumulative[-1]), n - 1)
        inside = rng.random(k) < 0.8
        lo = community_start[community[a]]
        hi = community_start[community[a] + 1]
        local = lo + (rng.random(k) * (hi - lo)).astype(np.int64)
        far = np.minimum(np.searchsorted(cumulative, rng.random(k) * cumulative[-1]), n - 1)
        b = np.where(inside, local, far)
        keep = a != b
        low, high = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
        key = np.unique(np.concatenate([seen, low * n + high]))
        seen = key
        have = len(seen)
    if have > count:
        seen = rng.choice(seen, size=count, replace=False)
        seen.sort()
    return seen // n, seen % n


def write_sections_csv(sections: _Sections) -> dict[str, str]:
    """The CSV text of every non-empty section (for tests and small networks)."""
    texts = {}
    for raw in sections.raw_tables():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(list(raw.columns))
        writer.writerows(zip(*raw.columns.values(), strict=True))
        texts[raw.source] = buffer.getvalue()
    return texts
