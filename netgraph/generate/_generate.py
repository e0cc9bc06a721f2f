"""Seeded generators of realistic networks: one freelancer's, or a whole platform's.

Both write the text form of the data contract, so a generated network goes through the
same reader and checks as a user's. The same seed always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from ..io._build import RawTable, build_network
from ..model._errors import ConfigError
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
    draw = _ExampleDraw(
        np.random.default_rng(seed), _Sections.empty(), end - timedelta(days=3 * 365), end
    )
    cast = _example_people(draw)
    _example_ties(draw, cast)
    _example_strangers(draw, cast)
    _example_groups(draw, cast)
    referral_day = _example_referrals(draw, cast)
    _example_invoices(draw, cast, referral_day)
    _example_recommendations(draw, cast)
    _example_interactions(draw, cast)
    _example_satisfaction(draw, cast)
    _example_exchanges(draw, cast)
    return draw.out


@dataclass
class _ExampleDraw:
    """The random source, the sections being filled and the three years they cover."""

    rng: np.random.Generator
    out: _Sections
    start: date
    end: date

    def day(self, low: date | None = None, high: date | None = None) -> date:
        """A random day from ``low`` to ``high`` (default: the whole period), both included."""
        low = self.start if low is None else low
        high = self.end if high is None else high
        return low + timedelta(days=int(self.rng.integers(0, max(1, (high - low).days) + 1)))

    def pick(self, options: Sequence[str]) -> str:
        """One of ``options``, uniformly."""
        return str(self.rng.choice(options))


@dataclass
class _ExampleCast:
    """The member's contacts: their ids, roles and the names already taken."""

    ids: list[str]
    role_of: dict[str, str]
    by_role: dict[str, list[str]]
    used: set[str]

    @property
    def clients(self) -> list[str]:
        return self.by_role["client"]


_EXAMPLE_ROLES = (
    ["client"] * 32
    + ["prospect"] * 20
    + ["partner"] * 16
    + ["peer"] * 48
    + ["supplier"] * 10
    + ["other"] * 24
)
_WHY_BY_ROLE = {
    "client": "opdrachtgever",
    "partner": "samenwerkingspartner voor grotere trajecten",
    "peer": "sparringpartner",
    "prospect": "mogelijke opdrachtgever",
    "supplier": "levert diensten",
    "other": "",
}
_STRENGTH_BY_ROLE = {"client": 4, "partner": 4, "peer": 3, "prospect": 2, "supplier": 3, "other": 2}
_MET_AT = ["", "Promotiedagen Noord-Nederland", "netwerkborrel", "LinkedIn", "via een klant"]


def _example_people(draw: _ExampleDraw) -> _ExampleCast:
    """The member and 150 contacts, each with a unique name, a role and some details."""
    rng = draw.rng
    draw.out.add(
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
    roles = _EXAMPLE_ROLES
    used: set[str] = set()
    ids: list[str] = []
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
        why = _WHY_BY_ROLE[role] if rng.random() < 0.6 else ""
        draw.out.add(
            "people",
            id=pid,
            name=name,
            organisation=organisation,
            email=email,
            role=role,
            tags=tags,
            member="no",
            met_at=draw.pick(_MET_AT),
            why=why,
            channel=channel,
        )
        ids.append(pid)
    role_of = dict(zip(ids, roles, strict=True))
    by_role = {r: [i for i in ids if role_of[i] == r] for r in set(roles)}
    return _ExampleCast(ids, role_of, by_role, used)


def _example_ties(draw: _ExampleDraw, cast: _ExampleCast) -> None:
    """The member knows everyone; contacts know each other, mostly in clusters of 20."""
    rng = draw.rng
    for pid in cast.ids:
        strength = min(5, max(1, _STRENGTH_BY_ROLE[cast.role_of[pid]] + int(rng.integers(-1, 2))))
        draw.out.add(
            "ties",
            a="sanne",
            b=pid,
            strength=str(strength),
            since=draw.day().isoformat(),
            channel=draw.pick(["online", "offline", "both"]),
        )
    ids = cast.ids
    pairs: set[tuple[str, str]] = set()
    clusters = [ids[i : i + 20] for i in range(0, len(ids), 20)]
    while len(pairs) < 260:
        cluster = clusters[int(rng.integers(len(clusters)))] if rng.random() < 0.8 else ids
        a, b = (str(x) for x in rng.choice(cluster, size=2, replace=False))
        pairs.add((min(a, b), max(a, b)))
    for a, b in sorted(pairs):
        draw.out.add(
            "ties", a=a, b=b, strength=str(int(rng.integers(1, 6))), since=draw.day().isoformat()
        )


def _example_strangers(draw: _ExampleDraw, cast: _ExampleCast) -> None:
    """People the member does not know yet, known to contacts: the reach of ambassadors."""
    rng = draw.rng
    for k in range(18):
        name = ""
        while not name or name in cast.used:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        cast.used.add(name)
        pid = f"n{k + 1:03d}"
        draw.out.add(
            "people",
            id=pid,
            name=name,
            organisation=draw.pick(ORGANISATIONS),
            role="other",
            met_through="",
            channel="",
        )
        for contact in sorted(set(rng.choice(cast.ids, size=int(rng.integers(1, 4))).tolist())):
            draw.out.add(
                "ties",
                a=str(contact),
                b=pid,
                strength=str(int(rng.integers(1, 6))),
                since=draw.day().isoformat(),
            )


def _example_groups(draw: _ExampleDraw, cast: _ExampleCast) -> None:
    """Five groups; the member in four of them (one left), and contacts in each."""
    out, start, end = draw.out, draw.start, draw.end
    kinds = ("network club", "intervision", "association", "online community", "network club")
    for k, kind in enumerate(kinds):
        out.add("groups", id=f"g{k + 1}", name=GROUP_NAMES[k], kind=kind)
    out.add(
        "memberships", person="sanne", group="g1", since=(start - timedelta(days=400)).isoformat()
    )
    out.add(
        "memberships",
        person="sanne",
        group="g2",
        since=draw.day(start, start + timedelta(days=200)).isoformat(),
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
    by_role = cast.by_role
    for gid, size in (("g1", 25), ("g2", 7), ("g3", 30), ("g4", 40), ("g5", 15)):
        pool = by_role["peer"] + by_role["partner"] + by_role["other"] if gid != "g1" else cast.ids
        chosen = draw.rng.choice(pool, size=min(size, len(pool)), replace=False)
        for pid in sorted(str(x) for x in chosen):
            out.add(
                "memberships",
                person=pid,
                group=gid,
                since=draw.day(start - timedelta(days=700), end).isoformat(),
            )


def _example_referrals(draw: _ExampleDraw, cast: _ExampleCast) -> dict[str, date]:
    """Cascades: partners and clients bring new clients. Returns when each client came."""
    rng, start, end = draw.rng, draw.start, draw.end
    clients, by_role = cast.clients, cast.by_role
    referred_clients = [c for c in clients if rng.random() < 0.6]
    referrers_pool = by_role["partner"] + by_role["peer"][:12] + clients
    referral_day: dict[str, date] = {}
    for c in referred_clients:
        referrer = draw.pick([r for r in referrers_pool if r != c])
        when = draw.day(start, end - timedelta(days=60))
        referral_day[c] = when
        draw.out.add(
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
        partner = draw.pick(by_role["partner"])
        when = draw.day(start, end - timedelta(days=400))
        draw.out.add(
            "referrals", date=when.isoformat(), referrer=partner, referred=c, note="via intervisie"
        )
        referral_day[c] = when
    for prospect in by_role["prospect"][:6]:
        draw.out.add(
            "referrals",
            date=draw.day().isoformat(),
            referrer=draw.pick(clients),
            referred=prospect,
            note="",
        )
    return referral_day


def _example_invoices(
    draw: _ExampleDraw, cast: _ExampleCast, referral_day: dict[str, date]
) -> None:
    """160 invoices over three years, spread over the clients as a Pareto."""
    rng, clients = draw.rng, cast.clients
    weights = rng.pareto(1.2, size=len(clients)) + 0.05
    weights /= weights.sum()
    for _ in range(160):
        c = str(rng.choice(clients, p=weights))
        known_since = referral_day.get(c, draw.start)
        when = draw.day(known_since + timedelta(days=14), draw.end)
        amount = int(np.clip(rng.lognormal(7.3, 0.6), 250, 12000)) * 100
        draw.out.add(
            "invoices",
            date=when.isoformat(),
            client=c,
            amount=f"{amount // 100}.00",
            project=draw.pick(["coachtraject", "teamdag", "leiderschapsprogramma", "workshop"]),
        )


def _example_recommendations(draw: _ExampleDraw, cast: _ExampleCast) -> None:
    """18 public recommendations by clients and partners."""
    for _ in range(18):
        by = draw.pick(cast.clients + cast.by_role["partner"])
        draw.out.add(
            "recommendations",
            date=draw.day().isoformat(),
            by=by,
            channel=str(draw.rng.choice(["online", "offline"], p=[0.7, 0.3])),
            note="Sanne helpt je echt verder",
        )


def _example_interactions(draw: _ExampleDraw, cast: _ExampleCast) -> None:
    """420 interactions; gifts, visits and satisfaction checks go to clients."""
    rng = draw.rng
    kinds = ["meeting", "call", "message", "gift", "visit", "satisfaction_check", "event"]
    for _ in range(420):
        contact = draw.pick(cast.ids)
        kind = str(rng.choice(kinds, p=[0.28, 0.22, 0.3, 0.04, 0.05, 0.05, 0.06]))
        if kind in ("gift", "satisfaction_check", "visit"):
            contact = draw.pick(cast.clients)
        draw.out.add(
            "interactions",
            date=draw.day().isoformat(),
            contact=contact,
            kind=kind,
            note="kerstattentie" if kind == "gift" else "",
        )


def _example_satisfaction(draw: _ExampleDraw, cast: _ExampleCast) -> None:
    """34 answers of clients, mostly good: every third to "would you recommend me?"."""
    for k in range(34):
        c = draw.pick(cast.clients)
        score = int(np.clip(round(draw.rng.normal(8.2, 1.4)), 3, 10))
        draw.out.add(
            "satisfaction",
            date=draw.day(draw.start + timedelta(days=60)).isoformat(),
            client=c,
            score=str(score),
            question="recommend" if k % 3 == 2 else "satisfaction",
        )


def _example_exchanges(draw: _ExampleDraw, cast: _ExampleCast) -> None:
    """130 knowledge exchanges with peers and partners, a quarter of them between two of them."""
    rng = draw.rng
    exchange_kinds = ["advice", "feedback", "experience", "complaint", "introduction"]
    peers = cast.by_role["peer"] + cast.by_role["partner"]
    for _ in range(130):
        other = draw.pick(peers)
        a, b = ("sanne", other) if rng.random() < 0.45 else (other, "sanne")
        if rng.random() < 0.25:
            a, b = (str(x) for x in rng.choice(peers, size=2, replace=False))
        draw.out.add(
            "exchanges",
            date=draw.day().isoformat(),
            **{"from": a, "to": b},
            kind=str(rng.choice(exchange_kinds, p=[0.35, 0.3, 0.2, 0.05, 0.1])),
        )


# -- a whole platform --------------------------------------------------------------


def generate_platform(
    people: int,
    seed: int = 0,
    *,
    hubs: bool = False,
    end: date = date(2026, 10, 31),
    progress: Callable[[str], None] | None = None,
) -> _Sections:
    """A large network where every person is a member: a club, a practice, a platform.

    Per person on average: 10 ties (heavy-tailed degrees, mostly within communities of
    50-500 people), 0.3 referrals (cascading along ties), 0.2 recommendations, 1 invoice
    (Pareto amounts), 2 interactions, 0.3 satisfaction scores, 1 group membership (a group
    per ~100 people) and 1 knowledge exchange, spread over three years up to ``end``.

    With ``hubs``, the same number of ties and events, but a few people are hubs, as in
    real professional networks: one per ``1 / HUBS_PER_PERSON`` people (at least one),
    each with ``HUB_TIES`` ties to people drawn from the whole platform (at most one
    person in eleven). At 100k people that is 3 hubs of about 9,000 ties, where the
    highest degree is otherwise about 700.

    Raises
    ------
    ConfigError
        If ``people`` is below 2.

    Examples
    --------
    >>> sections = generate_platform(200, seed=1, hubs=True)
    >>> network = sections.network()
    >>> network.size, len(network.tables["ties"]["a"])
    (200, 2000)
    """
    if people < 2:
        raise ConfigError(f"a platform needs at least two people, not {people}")
    say = progress or (lambda _: None)
    last_day = int(np.datetime64(end, "D").astype(np.int64))
    draw = _PlatformDraw(
        np.random.default_rng(seed),
        _Sections.empty(),
        [f"p{i:07d}" for i in range(people)],
        first_day=last_day - 3 * 365,
        last_day=last_day,
    )
    say("people")
    community, appeal = _platform_people(draw)
    say("ties")
    _platform_ties(draw, community, appeal, hubs)
    say("referrals")
    referrals = _platform_referrals(draw)
    say("invoices")
    invoices = _platform_invoices(draw, referrals)
    say("recommendations, interactions, satisfaction")
    _platform_recommendations(draw)
    _platform_interactions(draw)
    _platform_satisfaction(draw, invoices)
    say("groups, memberships, exchanges")
    _platform_groups(draw, community)
    _platform_exchanges(draw)
    return draw.out


IndexArray = npt.NDArray[np.int64]

_CHANNELS = np.array(["online", "offline", "both"], dtype=object)


@dataclass
class _PlatformDraw:
    """The random source, the sections being filled, the people and the period.

    Once the ties are drawn, ``starts`` and ``ends`` hold them as adjacency lists
    (CSR), so that events can walk from a person to a random acquaintance.
    """

    rng: np.random.Generator
    out: _Sections
    ids: list[str]
    first_day: int
    last_day: int
    starts: IndexArray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    ends: IndexArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def n(self) -> int:
        return len(self.ids)

    def names(self, index: IndexArray) -> list[str]:
        """The ids of the people at ``index``."""
        ids = self.ids
        return [ids[i] for i in index.tolist()]

    def days(self, k: int, low: IndexArray | int | None = None) -> IndexArray:
        """``k`` random days (as day numbers), each from ``low`` (default: the first day)."""
        low = self.first_day if low is None else low
        low_arr = np.broadcast_to(np.asarray(low, dtype=np.int64), (k,))
        span = np.maximum(1, self.last_day - low_arr + 1)
        offset: IndexArray = (self.rng.random(k) * span).astype(np.int64)
        return low_arr + offset

    def acquaintance(self, of: IndexArray) -> IndexArray:
        """A random acquaintance of each person of ``of`` (the next person if they have none)."""
        starts, ends = self.starts, self.ends
        degree = starts[of + 1] - starts[of]
        pick = starts[of] + (self.rng.random(len(of)) * np.maximum(degree, 1)).astype(np.int64)
        found = ends[np.minimum(pick, len(ends) - 1)]
        return np.where(degree > 0, found, (of + 1) % self.n)


class _Events(NamedTuple):
    """Events drawn between members and other people, with their days."""

    member: IndexArray
    other: IndexArray
    days: IndexArray


def _platform_people(draw: _PlatformDraw) -> tuple[IndexArray, npt.NDArray[np.float64]]:
    """Everyone, in communities of 50-500 people. Returns each person's community and appeal
    (their propensity to have ties, heavy-tailed)."""
    rng, n = draw.rng, draw.n
    community_size = np.clip(rng.lognormal(4.6, 0.8, size=n // 50 + 1), 50, 500).astype(np.int64)
    community = np.repeat(np.arange(len(community_size)), community_size)[:n]
    if len(community) < n:
        community = np.concatenate([community, np.full(n - len(community), community[-1])])
    appeal = rng.pareto(2.5, size=n) + 1.0  # heavy-tailed degree propensity
    first = np.array(FIRST_NAMES, dtype=object)[rng.integers(len(FIRST_NAMES), size=n)]
    last = np.array(LAST_NAMES, dtype=object)[rng.integers(len(LAST_NAMES), size=n)]
    organisation_count = max(1, n // 8)
    organisation = rng.integers(organisation_count, size=n)
    has_organisation = rng.random(n) < 0.8
    roles = np.array(["client", "prospect", "partner", "peer", "supplier", "other"], dtype=object)
    draw.out.extend(
        "people",
        {
            "id": draw.ids,
            "name": [f"{a} {b}" for a, b in zip(first.tolist(), last.tolist(), strict=True)],
            "organisation": [
                f"Organisatie {o}" if h else ""
                for o, h in zip(organisation.tolist(), has_organisation.tolist(), strict=True)
            ],
            "role": roles[rng.integers(len(roles), size=n)].tolist(),
            "tags": np.array(TAGS, dtype=object)[rng.integers(len(TAGS), size=n)].tolist(),
            "member": ["yes"] * n,
            "channel": _CHANNELS[rng.integers(3, size=n)].tolist(),
        },
    )
    return community, appeal


def _platform_ties(
    draw: _PlatformDraw, community: IndexArray, appeal: npt.NDArray[np.float64], hubs: bool
) -> None:
    """Ten ties a person, and the adjacency lists that later events walk along."""
    rng, n = draw.rng, draw.n
    fixed = _hub_ties(rng, appeal) if hubs else None
    a, b = _sample_edges(rng, 10 * n, community, appeal, fixed)
    draw.out.extend(
        "ties",
        {
            "a": draw.names(a),
            "b": draw.names(b),
            "strength": rng.integers(1, 6, size=len(a)).astype(str).tolist(),
            "since": _iso(draw.days(len(a))),
        },
    )
    tails = np.concatenate([a, b])
    draw.ends = np.concatenate([b, a])[np.argsort(tails, kind="stable")]
    draw.starts = np.concatenate([[0], np.cumsum(np.bincount(tails, minlength=n))])


def _platform_referrals(draw: _PlatformDraw) -> _Events:
    """Referrals cascade along ties: a member's acquaintance refers one of theirs."""
    rng, n = draw.rng, draw.n
    member = rng.integers(n, size=int(0.3 * n))
    referrer = draw.acquaintance(member)
    referred = draw.acquaintance(referrer)
    ok = (referred != member) & (referred != referrer) & (referrer != member)
    member, referrer, referred = member[ok], referrer[ok], referred[ok]
    referral_days = draw.days(len(member))
    draw.out.extend(
        "referrals",
        {
            "date": _iso(referral_days),
            "referrer": draw.names(referrer),
            "referred": draw.names(referred),
            "member": draw.names(member),
        },
    )
    return _Events(member, referred, referral_days)


def _platform_invoices(draw: _PlatformDraw, referrals: _Events) -> _Events:
    """One invoice a person: 30% to a referred client after the referral, the rest to an
    acquaintance; Pareto amounts."""
    rng, n = draw.rng, draw.n
    member, referred, referral_days = referrals
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
        draw.acquaintance(inv_member),
    )
    low = np.where(
        from_referral & (len(member) > 0),
        referral_days[pick % max(1, len(member))] if len(member) else draw.first_day,
        draw.first_day,
    )
    keep = inv_client != inv_member
    inv_member, inv_client, low = inv_member[keep], inv_client[keep], low[keep]
    amount = np.clip(
        (rng.pareto(1.6, size=len(inv_member)) + 1.0) * 40_000, 5_000, 5_000_000
    ).astype(np.int64)
    invoice_days = draw.days(len(inv_member), low)
    draw.out.extend(
        "invoices",
        {
            "date": _iso(invoice_days),
            "client": draw.names(inv_client),
            "amount": _cents(amount),
            "member": draw.names(inv_member),
        },
    )
    return _Events(inv_member, inv_client, invoice_days)


def _platform_recommendations(draw: _PlatformDraw) -> None:
    """0.2 recommendations a person, each by an acquaintance."""
    rng = draw.rng
    member = rng.integers(draw.n, size=int(0.2 * draw.n))
    by = draw.acquaintance(member)
    keep = by != member
    draw.out.extend(
        "recommendations",
        {
            "date": _iso(draw.days(int(keep.sum()))),
            "by": draw.names(by[keep]),
            "member": draw.names(member[keep]),
            "channel": _CHANNELS[rng.integers(3, size=int(keep.sum()))].tolist(),
        },
    )


def _platform_interactions(draw: _PlatformDraw) -> None:
    """Two interactions a person, each with an acquaintance."""
    rng = draw.rng
    member = rng.integers(draw.n, size=2 * draw.n)
    contact = draw.acquaintance(member)
    keep = contact != member
    kinds = np.array(
        ["meeting", "call", "message", "gift", "visit", "satisfaction_check", "event"], dtype=object
    )
    kind = kinds[
        rng.choice(len(kinds), size=int(keep.sum()), p=[0.25, 0.2, 0.3, 0.05, 0.05, 0.08, 0.07])
    ]
    draw.out.extend(
        "interactions",
        {
            "date": _iso(draw.days(int(keep.sum()))),
            "contact": draw.names(contact[keep]),
            "kind": kind.tolist(),
            "member": draw.names(member[keep]),
        },
    )


def _platform_satisfaction(draw: _PlatformDraw, invoices: _Events) -> None:
    """0.3 satisfaction scores a person, each after one of the member's invoices."""
    rng = draw.rng
    member, client, invoice_days = invoices
    k = min(int(0.3 * draw.n), len(member))
    chosen = rng.choice(len(member), size=k, replace=False) if k else np.zeros(0, dtype=np.int64)
    score = np.clip(np.round(rng.normal(8.0, 1.6, size=k)), 0, 10).astype(np.int64)
    draw.out.extend(
        "satisfaction",
        {
            "date": _iso(draw.days(k, invoice_days[chosen])),
            "client": draw.names(client[chosen]),
            "score": score.astype(str).tolist(),
            "member": draw.names(member[chosen]),
        },
    )


def _platform_groups(draw: _PlatformDraw, community: IndexArray) -> None:
    """A group per 100 people and one membership a person, mostly in their community's group
    (so groups and ties overlap); one in ten has ended."""
    rng, n = draw.rng, draw.n
    group_count = max(1, n // 100)
    draw.out.extend(
        "groups",
        {
            "id": [f"g{g:05d}" for g in range(group_count)],
            "name": [f"Groep {g}" for g in range(group_count)],
            "kind": np.array(GROUP_KINDS, dtype=object)[
                rng.integers(len(GROUP_KINDS), size=group_count)
            ].tolist(),
        },
    )
    group = np.where(
        rng.random(n) < 0.7, community % group_count, rng.integers(group_count, size=n)
    )
    since = draw.days(n) - 3 * 365
    ended = rng.random(n) < 0.1
    until = since + rng.integers(30, 3 * 365, size=n)
    draw.out.extend(
        "memberships",
        {
            "person": draw.ids,
            "group": [f"g{g:05d}" for g in group.tolist()],
            "since": _iso(since),
            "until": [u if e else "" for u, e in zip(_iso(until), ended.tolist(), strict=True)],
        },
    )


def _platform_exchanges(draw: _PlatformDraw) -> None:
    """One knowledge exchange a person, given to an acquaintance."""
    rng = draw.rng
    giver = rng.integers(draw.n, size=draw.n)
    taker = draw.acquaintance(giver)
    keep = giver != taker
    exchange_kinds = np.array(
        ["advice", "feedback", "experience", "complaint", "introduction"], dtype=object
    )
    draw.out.extend(
        "exchanges",
        {
            "date": _iso(draw.days(int(keep.sum()))),
            "from": draw.names(giver[keep]),
            "to": draw.names(taker[keep]),
            "kind": exchange_kinds[
                rng.choice(5, size=int(keep.sum()), p=[0.35, 0.3, 0.2, 0.05, 0.1])
            ].tolist(),
        },
    )


#: ``hubs=True``: hubs per person (at least one hub), and the ties of each hub (but at
#: most one person in eleven): at 100k people, 3 hubs of 9,000 ties.
HUBS_PER_PERSON = 3 / 100_000
HUB_TIES = 9_000


def _hub_ties(rng: np.random.Generator, appeal: npt.NDArray[np.float64]) -> IndexArray:
    """The hubs' ties, as sorted distinct keys ``low * n + high``.

    The hubs are the people with the highest appeal; each is tied to people drawn
    uniformly from the whole platform, so hubs bridge the communities.
    """
    n = len(appeal)
    ties = min(HUB_TIES, n // 11)
    if ties < 1:
        return np.zeros(0, dtype=np.int64)
    count = max(1, round(n * HUBS_PER_PERSON))
    keys = []
    for hub in np.argsort(appeal, kind="stable")[-count:].tolist():
        other = rng.choice(n - 1, size=ties, replace=False).astype(np.int64)
        other += other >= hub  # anyone but the hub
        keys.append(np.minimum(other, hub) * n + np.maximum(other, hub))
    return np.unique(np.concatenate(keys))


def _sample_edges(
    rng: np.random.Generator,
    count: int,
    community: npt.NDArray[np.int64],
    appeal: npt.NDArray[np.float64],
    fixed: IndexArray | None = None,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``count`` distinct undirected edges: 80% within a community, degrees heavy-tailed.

    ``fixed`` edges (sorted distinct keys ``low * n + high``, fewer than ``count``) are
    kept, and the rest drawn around them.
    """
    n = len(community)
    # at most half of all possible pairs (but one), or the rejection sampling below stalls
    count = min(count, max(1, n * (n - 1) // 4))
    probability = appeal / appeal.sum()
    cumulative = np.cumsum(probability)
    community_start = np.searchsorted(community, np.arange(community.max() + 2))
    fixed = np.zeros(0, dtype=np.int64) if fixed is None else fixed
    seen = fixed
    have = len(seen)
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
        drawn = seen[~np.isin(seen, fixed)] if len(fixed) else seen
        seen = rng.choice(drawn, size=count - len(fixed), replace=False)
        if len(fixed):
            seen = np.concatenate([fixed, seen])
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
