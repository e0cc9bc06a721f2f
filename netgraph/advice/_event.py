"""Whom to seek out at an event: a few attendees, each with the reasons to meet them.

People remember only a few names from an event, so the advice is short (at most
:attr:`EventRules.top` people, five by default). An attendee is picked for one or more
of four reasons (:data:`KINDS`):

``ambassador``
    someone who recommends the member or brought them work (a contributor to the
    recommendation value, or a referrer in the acquisition value): thank them;
``client``
    a client of the last window (a contributor to the financial value), ranked higher
    when the aftercare is missing (satisfaction not asked, no attention given);
``prospect``
    someone the member does not know yet but can reach through a warm introduction: the
    best path of two steps, rated by its weakest tie (:mod:`._warm_paths`);
``community``
    someone in a circle (a Louvain community of the graph around the member and the
    attendees) where the member has no contacts, with how much the member's effective
    size would grow with a tie to them.

The picks are taken in turns, one of each kind in the order of :attr:`EventRules.kinds`,
each kind's candidates ranked by their score times the confidence of their match; a
person picked for one kind carries all their reasons. The member is never picked, nor
anyone the member cannot reach or place: a stranger counts only when their organisation
places them beside people in the data; an attendee who could be several known people
is listed as unsure, not picked. Everything rests on the public report of
:func:`netgraph.score_member`, so the picks follow the method.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from types import MappingProxyType
from typing import Any

import numpy as np
import scipy.sparse as sp

from .. import metrics
from ..graph import kernels
from ..graph.kernels._adjacency import SMALL_GRAPH_EDGES
from ..model._errors import ConfigError
from ..model._network import Network, format_cents
from ..model._profile import Profile
from ..model._settings import Settings
from ..output._results import Contributor, MemberReport, plain_data
from ..scoring._score import score_member, scoring_context
from ._attendees import Attendee
from ._event_words import EventWords
from ._matching import Match, fold, fold_organisation, fold_organisations, match_attendees
from ._warm_paths import WarmPath, best_warm_path, ties_of

__all__ = ["KINDS", "EventPlan", "EventRules", "Pick", "Reason", "plan_event", "render_event"]

#: The reasons to seek someone out, in the order their turns come by default.
KINDS = ("ambassador", "client", "prospect", "community")

#: The most ties the member's contacts may have between them for the circles to be found
#: among the contacts' contacts too (else among the contacts only): a small graph, whose
#: communities take milliseconds.
LOCAL_EDGES = SMALL_GRAPH_EDGES // 2

#: Above this many ties around the member, the circles are found by networkit's compiled
#: Louvain (a second to import) rather than networkx's (seconds on ten thousand ties).
COMPILED_LOUVAIN_FROM = 5_000

#: The most entries of the matrix in which the member's ego graph is copied once per
#: candidate (see ``_grown_sizes``): a member with thousands of contacts is done in chunks.
GROWN_ENTRIES = 2_000_000

#: A community pick's score counts at most this many people they know beyond the member.
BEYOND_COUNTED = 100

#: The text names at most this many attendees who could be several people, each with at
#: most this many candidates (the JSON has them all).
SHOWN_UNSURE, SHOWN_CANDIDATES = 5, 3

#: Contributors listed per value when the report is made for the event: every one of them
#: (the most the settings allow), since any of them may be on the list.
ALL_CONTRIBUTORS = 1000


@dataclass(frozen=True)
class EventRules:
    """The weights and thresholds of the event advice, in one place.

    Attributes
    ----------
    top
        At most this many picks.
    kinds
        The kinds of pick, in the order they take turns.
    aftercare_bonus
        A client's score is their share of the financial value times ``1 +
        aftercare_bonus`` for each part of aftercare missing (satisfaction not asked,
        no attention given in the window).
    prospect_role_bonus
        A prospect's score is the rating of their warm path over the strongest tie
        possible, times ``1 + prospect_role_bonus`` when their role is ``prospect``.
    min_path_strength
        The weakest tie a warm introduction may have.
    new_tie_strength
        The strength of the tie made at the event, when the growth of the member's
        effective size is computed (3: the default strength of a tie).
    min_size_gain
        The least growth of the member's effective size for a community pick.
    beyond_weight
        A community pick's score is the growth of the member's effective size plus
        ``beyond_weight`` for each person they know whom the member cannot reach through
        their contacts (up to :data:`BEYOND_COUNTED`).
    stranger_weight
        What a stranger's scores count for (a known person's count for the confidence
        of their match): a stranger is placed by their organisation only.
    community_seed
        The seed of the community detection.
    """

    top: int = 5
    kinds: tuple[str, ...] = KINDS
    aftercare_bonus: float = 0.5
    prospect_role_bonus: float = 0.5
    min_path_strength: float = 1.0
    new_tie_strength: float = 3.0
    min_size_gain: float = 0.5
    beyond_weight: float = 0.01
    stranger_weight: float = 0.5
    community_seed: int = 0

    def __post_init__(self) -> None:
        if self.top < 0:
            raise ConfigError(f"the number of picks must be 0 or more, got {self.top}")
        unknown = [k for k in self.kinds if k not in KINDS]
        if unknown or len(set(self.kinds)) != len(self.kinds):
            raise ConfigError(f"kinds must be distinct ones of {', '.join(KINDS)}")


@dataclass(frozen=True)
class Reason:
    """One reason to seek someone out: its kind and the facts behind it."""

    kind: str
    facts: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", MappingProxyType(dict(self.facts)))


@dataclass(frozen=True)
class Pick:
    """A person to seek out at the event.

    Attributes
    ----------
    id
        Their id in the network, ``None`` for a stranger.
    name
        Their name as the network knows it (a stranger's as listed).
    listed
        The attendee as listed.
    match
        How the attendee was matched, and how sure that is.
    reasons
        Why, in the order of :data:`KINDS`; at least one.
    path
        ``(id, name)`` of each person from the member to them, when there is a path
        (a warm introduction, or a direct tie); empty otherwise.
    strengths
        The strength of each tie on the path.
    """

    id: str | None
    name: str
    listed: Attendee
    match: Match
    reasons: tuple[Reason, ...]
    path: tuple[tuple[str | None, str], ...] = ()
    strengths: tuple[float, ...] = ()


@dataclass(frozen=True)
class EventPlan:
    """The advice for one event: the picks, and the attendees who could not be told apart."""

    member: str
    name: str
    as_of: str
    attendees: int
    found: int
    picks: tuple[Pick, ...]
    ambiguous: tuple[tuple[Attendee, Match], ...] = ()
    currency: str | None = None
    window_months: int = 12
    strongest_tie: float = 10.0
    names: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The plan as plain data; the reasons' text in ``language`` beside their facts."""
        words = EventWords(language)
        return {
            "member": self.member,
            "name": self.name,
            "as_of": self.as_of,
            "attendees": self.attendees,
            "found": self.found,
            "picks": [
                {
                    "id": pick.id,
                    "name": pick.name,
                    "listed": _listed_dict(pick.listed),
                    "match": pick.match.to_dict(),
                    "reasons": [
                        {
                            "kind": reason.kind,
                            "text": _reason_text(self, pick, reason, words),
                            "facts": plain_data(reason.facts),
                        }
                        for reason in pick.reasons
                    ],
                    "path": [{"id": pid, "name": name} for pid, name in pick.path],
                    "strengths": list(pick.strengths),
                }
                for pick in self.picks
            ],
            "unsure": [
                {"listed": _listed_dict(attendee), "match": match.to_dict()}
                for attendee, match in self.ambiguous
            ],
        }

    def to_json(self, language: str = "en", *, indent: int | None = None) -> str:
        """The plan as JSON; the same input always gives the same bytes."""
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(
            self.to_dict(language), ensure_ascii=False, indent=indent, separators=separators
        )


def _listed_dict(attendee: Attendee) -> dict[str, Any]:
    return {
        "name": attendee.name,
        "organisation": attendee.organisation,
        "emails": list(attendee.emails),
    }


# -- the plan ----------------------------------------------------------------------------


@dataclass
class _Candidate:
    """An attendee who may be picked, with what is known of them."""

    key: tuple[Any, ...]  # the order among equals: known people by id, then strangers
    row: int | None  # None: a stranger
    node: int  # the row, or a negative number standing for a stranger on a path
    attendee: Attendee
    match: Match
    ties: dict[int, float]
    name: str
    scores: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, Reason] = field(default_factory=dict)
    path: WarmPath | None = None


def plan_event(
    network: Network,
    attendees: Sequence[Attendee],
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
    rules: EventRules | None = None,
) -> EventPlan:
    """Whom of the attendees of an event the member should seek out, and why.

    Parameters
    ----------
    network
        The network, from :func:`netgraph.load_network`.
    attendees
        The attendee list, from :func:`read_attendees` (or made by hand).
    member
        The member's id; may be left out when the network has exactly one member.
    as_of
        The date of the advice: only what happened up to it counts.
    settings, profiles
        As for :func:`netgraph.score_member`.
    rules
        The weights and thresholds of the picks (:class:`EventRules`).

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> net = netgraph.network_from_dict({
    ...     "people": [{"id": "me", "name": "Anna", "member": "yes"},
    ...                {"id": "c", "name": "Bram Smit", "email": "bram@smit.example"},
    ...                {"id": "f", "name": "Fleur Kok"}, {"id": "p", "name": "Piet Hein"}],
    ...     "ties": [{"a": "me", "b": "f", "strength": "4"}, {"a": "f", "b": "p"}],
    ...     "invoices": [{"date": "2024-05-01", "client": "c", "amount": "900.00"}]})
    >>> listed = [Attendee("", emails=("BRAM@smit.example",)), Attendee("Piet Hein"),
    ...           Attendee("Anna"), Attendee("Zoë Stranger", "Nowhere B.V.")]
    >>> plan = plan_event(net, listed, as_of=date(2024, 12, 31))
    >>> [(p.id, [r.kind for r in p.reasons]) for p in plan.picks]
    [('c', ['client']), ('p', ['prospect'])]
    >>> plan.picks[1].path, plan.picks[1].strengths
    ((('me', 'Anna'), ('f', 'Fleur Kok'), ('p', 'Piet Hein')), (4.0, 3.0))
    """
    rules = rules or EventRules()
    settings = settings or Settings()
    listing = replace(settings, top_contributors=max(settings.top_contributors, ALL_CONTRIBUTORS))
    # the attendees are matched while the member is scored: scoring spends much of its
    # time in compiled loops and numpy, which leave the interpreter to the matching
    with ThreadPoolExecutor(max_workers=1) as pool:
        matching = pool.submit(_match_and_prepare, network, attendees)
        report = score_member(network, member, as_of=as_of, settings=listing, profiles=profiles)
        matches = matching.result()
    ctx = scoring_context(network, as_of, listing)
    adjacency = ctx.adjacency
    me = network.person_index(report.member)
    ids: np.ndarray[Any, Any] = network.person_ids
    names: np.ndarray[Any, Any] = network.people["name"]
    candidates, ambiguous = _candidates(network, attendees, matches, me, settings)
    mine = ties_of(adjacency, me)
    mine.pop(me, None)
    for candidate in candidates:
        if candidate.row is not None:
            candidate.ties = ties_of(adjacency, candidate.row)
            candidate.ties.pop(candidate.row, None)

    def order(row: int) -> str:
        return str(ids[row])

    _contributions(report, candidates, rules)
    _prospects(candidates, me, mine, rules, settings, network, order)
    _communities(adjacency, candidates, me, mine, rules, order)
    by_node = {c.node: c for c in candidates}

    def person(node: int) -> tuple[str | None, str]:
        if node < 0:
            return None, by_node[node].name
        return str(ids[node]), str(names[node])

    chosen = []
    for candidate in _choose(candidates, rules):
        path: tuple[tuple[str | None, str], ...] = ()
        strengths: tuple[float, ...] = ()
        if candidate.path is not None:
            path = tuple(person(node) for node in candidate.path.people)
            strengths = candidate.path.strengths
        elif candidate.node in mine:
            path = (person(me), person(candidate.node))
            strengths = (mine[candidate.node],)
        chosen.append(
            Pick(
                id=None if candidate.row is None else str(ids[candidate.row]),
                name=candidate.name,
                listed=candidate.attendee,
                match=candidate.match,
                reasons=tuple(candidate.reasons[k] for k in KINDS if k in candidate.reasons),
                path=path,
                strengths=strengths,
            )
        )
    found = sum(1 for m in matches if m.row is not None)
    return EventPlan(
        member=report.member,
        name=report.name,
        as_of=report.as_of,
        attendees=len(attendees),
        found=found,
        picks=tuple(chosen),
        ambiguous=tuple(sorted(ambiguous, key=lambda item: _order_key(item[0]))),
        currency=report.values["financial"].numbers.get("currency"),
        window_months=settings.window_months,
        strongest_tie=settings.max_edge_weight,
        names={
            pid: str(names[network.person_index(pid)])
            for _, match in ambiguous
            if len(match.candidates) <= SHOWN_CANDIDATES
            for pid in match.candidates
        },
    )


def _match_and_prepare(network: Network, attendees: Sequence[Attendee]) -> list[Match]:
    """The attendees' matches; then the import of networkx, which finds the circles."""
    matches = match_attendees(network, attendees)
    if find_spec("networkx") is not None:
        import_module("networkx")  # a tenth of a second, better spent during scoring
    return matches


def _order_key(attendee: Attendee) -> tuple[Any, ...]:
    """An order of attendees by what they are, not by where they are on the list."""
    return (_listed_key(attendee), attendee.name, attendee.organisation, attendee.emails)


def _listed_key(attendee: Attendee) -> tuple[str, str, tuple[str, ...]]:
    return (
        fold(attendee.name),
        fold_organisation(attendee.organisation),
        tuple(sorted(e.casefold() for e in attendee.emails)),
    )


def _candidates(
    network: Network,
    attendees: Sequence[Attendee],
    matches: Sequence[Match],
    me: int,
    settings: Settings,
) -> tuple[list[_Candidate], list[tuple[Attendee, Match]]]:
    """Known attendees (once each, by their best match) and strangers placed by organisation."""
    ids = network.person_ids
    names = network.people["name"]
    known: dict[int, _Candidate] = {}
    strangers: dict[tuple[Any, ...], Attendee] = {}
    ambiguous: dict[tuple[Any, ...], tuple[Attendee, Match]] = {}
    # an attendee listed twice is taken once, by the surest match and then by the
    # first in an order of their own, so that the order of the list does not matter
    for attendee, match in sorted(
        zip(attendees, matches, strict=True),
        key=lambda pair: (-pair[1].confidence, _order_key(pair[0])),
    ):
        listed = _listed_key(attendee)
        if match.row is not None:
            if match.row != me and match.row not in known:
                row = match.row
                known[row] = _Candidate(
                    (0, str(ids[row])), row, row, attendee, match, {}, str(names[row])
                )
        elif match.ambiguous:
            ambiguous.setdefault(listed, (attendee, match))
        elif attendee.organisation.strip():
            strangers.setdefault(listed, attendee)
    candidates = sorted(known.values(), key=lambda c: c.key)
    wanted = {fold_organisation(a.organisation) for a in strangers.values()}
    colleagues = _colleagues(network, wanted, settings)
    for number, (listed, attendee) in enumerate(sorted(strangers.items())):
        rows = colleagues.get(fold_organisation(attendee.organisation), [])
        ties = {row: settings.organisation_weight for row in rows if row != me}
        if not ties:
            continue  # nothing places them
        name = attendee.name or attendee.emails[0]
        unmatched = Match(None, "none", 0.0)
        candidates.append(
            _Candidate((1, *listed), None, -1 - number, attendee, unmatched, ties, name)
        )
    return candidates, list(ambiguous.values())


def _colleagues(
    network: Network, organisations: set[str], settings: Settings
) -> dict[str, list[int]]:
    """The people of each organisation (folded) of at most ``max_organisation_size`` people."""
    organisations.discard("")
    if not organisations:
        return {}
    column = network.people["organisation"].tolist()
    spellings = sorted(set(column))
    folded = dict(zip(spellings, fold_organisations(spellings), strict=True))
    found: dict[str, list[int]] = {}
    for row, spelling in enumerate(column):
        key = folded[spelling]
        if key in organisations:
            found.setdefault(key, []).append(row)
    return {k: v for k, v in found.items() if len(v) <= settings.max_organisation_size}


def _contributions(report: MemberReport, candidates: list[_Candidate], rules: EventRules) -> None:
    """Ambassadors and clients among the known candidates, from the report's contributors."""
    values = report.values
    recommending = {c.id: c for c in values["recommendation"].contributors}
    referring = {c.id: c for c in values["acquisition"].contributors if c.facts.get("as_referrer")}
    paying = {c.id: c for c in values["financial"].contributors}
    currency = values["financial"].numbers.get("currency") or values["acquisition"].numbers.get(
        "currency"
    )
    for candidate in candidates:
        if candidate.row is None:
            continue
        pid = candidate.match.candidates[0]
        ambassador: Contributor | None = recommending.get(pid)
        referrer = referring.get(pid)
        if ambassador is not None or referrer is not None:
            facts: dict[str, Any] = {}
            share = 0.0
            if ambassador is not None:
                facts.update(value="recommendation", share=ambassador.share, **ambassador.facts)
                share = ambassador.share
            if referrer is not None:
                facts["referred_revenue"] = format_cents(int(referrer.facts["as_referrer"]))
                facts["currency"] = currency
                if ambassador is None:
                    facts.update(value="acquisition", share=referrer.share)
                share = max(share, referrer.share)
            candidate.scores["ambassador"] = share
            candidate.reasons["ambassador"] = Reason("ambassador", facts)
        client = paying.get(pid)
        if client is not None:
            asked, attention = bool(client.facts["checked"]), bool(client.facts["attention"])
            gaps = (not asked) + (not attention)
            candidate.scores["client"] = client.share * (1 + rules.aftercare_bonus * gaps)
            candidate.reasons["client"] = Reason(
                "client",
                {
                    "value": "financial",
                    "share": client.share,
                    "revenue": client.amount,
                    "currency": currency,
                    "invoices": client.facts["invoices"],
                    "satisfaction_asked": asked,
                    "attention_given": attention,
                },
            )


def _prospects(
    candidates: list[_Candidate],
    me: int,
    mine: Mapping[int, float],
    rules: EventRules,
    settings: Settings,
    network: Network,
    order: Callable[[int], str],
) -> None:
    """Candidates the member has no tie with, reachable by a warm introduction."""
    roles = network.people["role"]
    ids, names = network.person_ids, network.people["name"]
    for candidate in candidates:
        if candidate.node in mine:
            continue
        path = best_warm_path(me, mine, candidate.node, candidate.ties, direct=False, order=order)
        if path is None or path.rating < rules.min_path_strength:
            continue
        role = "" if candidate.row is None else str(roles[candidate.row])
        bonus = 1 + rules.prospect_role_bonus if role == "prospect" else 1.0
        candidate.path = path
        candidate.scores["prospect"] = path.rating / settings.max_edge_weight * bonus
        via = path.people[1]
        facts: dict[str, Any] = {
            "via": str(ids[via]),
            "via_name": str(names[via]),
            "weakest_tie": path.rating,
            "strengths": list(path.strengths),
            "role": role or None,
        }
        if candidate.row is None:
            facts["colleague_at"] = candidate.attendee.organisation
        candidate.reasons["prospect"] = Reason("prospect", facts)


def _communities(
    adjacency: sp.csr_array,
    candidates: list[_Candidate],
    me: int,
    mine: Mapping[int, float],
    rules: EventRules,
    order: Callable[[int], str],
) -> None:
    """Candidates in a circle the member has no contacts in, and how they widen the network.

    The circles are the Louvain communities of the graph around the member: their
    contacts, the contacts' contacts (unless these are more than :data:`LOCAL_EDGES`
    ties away) and the candidates, without the member; not of the whole network, so
    that a large network stays fast. A candidate with no tie into this neighbourhood is
    a circle of their own. Nodes are numbered in the order of ids, so the circles do not
    depend on the order of rows.
    """
    outside = [c for c in candidates if c.node not in mine and c.ties]
    if not outside:
        return
    contacts = np.asarray(sorted(mine), dtype=np.int64)
    ball = set(mine)
    if adjacency.indptr[contacts + 1].sum() - adjacency.indptr[contacts].sum() <= LOCAL_EDGES:
        for contact in contacts.tolist():
            ball.update(
                adjacency.indices[
                    adjacency.indptr[contact] : adjacency.indptr[contact + 1]
                ].tolist()
            )
    ball.discard(me)
    # a candidate without a tie into the neighbourhood is a circle of their own: they
    # are left out of the community detection, which they could not change
    tied_in = [c for c in outside if any(row in ball for row in c.ties)]
    rows = ball | {c.row for c in tied_in if c.row is not None}
    local = sorted(rows, key=order)
    position = {row: i for i, row in enumerate(local)}
    picked = np.asarray(local, dtype=np.int64)
    inner = adjacency[picked][:, picked].tocoo()
    strangers = [c for c in tied_in if c.row is None]
    node_of = {c.node: len(local) + n for n, c in enumerate(strangers)}
    extra: list[tuple[int, int, float]] = []
    for stranger in strangers:
        for row, weight in stranger.ties.items():
            if row in position:
                extra += [(node_of[stranger.node], position[row], weight)]
                extra += [(position[row], node_of[stranger.node], weight)]
    size = len(local) + len(strangers)
    added = np.asarray(extra, dtype=np.float64).reshape(-1, 3)
    graph = sp.csr_array(
        (
            np.concatenate([inner.data, added[:, 2]]),
            (
                np.concatenate([inner.row, added[:, 0].astype(np.int64)]),
                np.concatenate([inner.col, added[:, 1].astype(np.int64)]),
            ),
        ),
        shape=(size, size),
    )
    # without a candidate tied into the neighbourhood every candidate is a circle of
    # their own, whatever the circles of the neighbourhood are
    if not tied_in:
        labels = np.arange(size, dtype=np.int64)
    elif graph.nnz // 2 <= COMPILED_LOUVAIN_FROM or find_spec("networkit") is None:
        labels = metrics.communities(graph, seed=rules.community_seed)
    else:  # a member with thousands of contacts: compiled Louvain, worth its import
        labels = kernels.communities(graph, seed=rules.community_seed, backend="networkit")
    reached = {int(labels[position[row]]) for row in mine if row in position}
    local_node = {**position, **node_of}
    opening = [
        c
        for c in outside
        if c.node not in local_node or int(labels[local_node[c.node]]) not in reached
    ]
    ego = [me, *sorted(mine, key=order)]
    ego_rows = np.asarray(ego, dtype=np.int64)
    ego_graph = adjacency[ego_rows][:, ego_rows]
    before = _effective_size(ego_graph)
    after = _grown_sizes(ego_graph, ego, [c.ties for c in opening], rules)
    for candidate, grown in zip(opening, after.tolist(), strict=True):
        gain = grown - before
        if gain < rules.min_size_gain:
            continue
        beyond = sum(1 for row in candidate.ties if row not in ball and row != me)
        candidate.scores["community"] = gain + rules.beyond_weight * min(beyond, BEYOND_COUNTED)
        candidate.reasons["community"] = Reason(
            "community",
            {
                "new_people": beyond,
                "effective_size_before": before,
                "effective_size_after": grown,
                "growth": gain,
            },
        )


def _effective_size(ego_graph: sp.csr_array) -> float:
    """The effective size of the first node of an ego graph (0 without contacts)."""
    if ego_graph.shape[0] < 2 or ego_graph[[0]].nnz == 0:
        return 0.0
    value = float(metrics.effective_size(ego_graph, [0])[0])
    return 0.0 if math.isnan(value) else value


def _grown_sizes(
    ego_graph: sp.csr_array,
    ego: list[int],
    contacts: Sequence[Mapping[int, float]],
    rules: EventRules,
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """The member's effective size with each new contact in turn, all in one computation.

    Each new contact is tied to the member (``new_tie_strength``) and to the member's
    contacts they know (``contacts``: their ties); the ego graph is copied once per new
    contact, side by side in one matrix, so that the measure is computed once for all.
    """
    if not contacts:
        return np.zeros(0)
    size = len(ego) + 1
    known = ego_graph.tocoo()
    # copies of the ego graph side by side, in chunks of a bounded number of entries
    chunk = max(1, GROWN_ENTRIES // (known.nnz + 2 * size))
    return np.concatenate(
        [
            _grown_chunk(known, ego, contacts[start : start + chunk], rules)
            for start in range(0, len(contacts), chunk)
        ]
    )


def _grown_chunk(
    known: sp.coo_array,
    ego: list[int],
    contacts: Sequence[Mapping[int, float]],
    rules: EventRules,
) -> np.ndarray[Any, np.dtype[np.float64]]:
    size = len(ego) + 1
    where = {row: i for i, row in enumerate(ego)}
    offsets = np.arange(len(contacts), dtype=np.int64) * size
    rows = [(known.row[None, :] + offsets[:, None]).ravel()]
    cols = [(known.col[None, :] + offsets[:, None]).ravel()]
    data = [np.tile(known.data, len(contacts))]
    ends: list[int] = []
    others: list[int] = []
    weights: list[float] = []
    for offset, ties in zip(offsets.tolist(), contacts, strict=True):
        new = offset + size - 1
        tied = [(where[row], w) for row, w in ties.items() if row in where and row != ego[0]]
        for i, weight in [(0, rules.new_tie_strength), *tied]:
            ends += [new, offset + i]
            others += [offset + i, new]
            weights += [weight, weight]
    rows.append(np.asarray(ends, dtype=np.int64))
    cols.append(np.asarray(others, dtype=np.int64))
    data.append(np.asarray(weights, dtype=np.float64))
    total = size * len(contacts)
    grown = sp.csr_array(
        (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(total, total)
    )
    sizes = np.asarray(metrics.effective_size(grown, offsets.tolist()), dtype=np.float64)
    return np.nan_to_num(sizes, nan=0.0)


def _sureness(candidate: _Candidate, rules: EventRules) -> float:
    """How much a candidate's scores count: their match's confidence, or a stranger's weight."""
    return candidate.match.confidence if candidate.row is not None else rules.stranger_weight


def _choose(candidates: list[_Candidate], rules: EventRules) -> list[_Candidate]:
    """At most ``rules.top`` candidates, the kinds taking turns, best first within a kind."""

    def ranked_for(kind: str) -> list[_Candidate]:
        def rank(candidate: _Candidate) -> tuple[float, tuple[Any, ...]]:
            return (-candidate.scores[kind] * _sureness(candidate, rules), candidate.key)

        return sorted((c for c in candidates if kind in c.scores), key=rank)

    ranked = {kind: ranked_for(kind) for kind in rules.kinds}
    chosen: list[_Candidate] = []
    taken: set[int] = set()
    turn = dict.fromkeys(rules.kinds, 0)
    while len(chosen) < rules.top:
        progress = False
        for kind in rules.kinds:
            queue = ranked[kind]
            while turn[kind] < len(queue) and queue[turn[kind]].node in taken:
                turn[kind] += 1
            if turn[kind] < len(queue) and len(chosen) < rules.top:
                candidate = queue[turn[kind]]
                chosen.append(candidate)
                taken.add(candidate.node)
                progress = True
        if not progress:
            break
    return chosen


# -- words -------------------------------------------------------------------------------


def _reason_text(plan: EventPlan, pick: Pick, reason: Reason, words: EventWords) -> str:
    """A reason in plain words, from its facts."""
    m = words.messages
    facts = reason.facts
    if reason.kind == "ambassador":
        parts = []
        if facts.get("value") == "recommendation":
            parts.append(m.detail("recommendation", facts))
        if "referred_revenue" in facts:
            amount = m.money_text(facts["referred_revenue"], facts.get("currency"))
            parts.append(words.say("referred_revenue", amount=amount))
        return words.say("reason.ambassador", detail="; ".join(parts))
    if reason.kind == "client":
        detail = m.detail(
            "financial",
            {
                "invoices": facts["invoices"],
                "checked": facts["satisfaction_asked"],
                "attention": facts["attention_given"],
            },
        )
        text = words.say(
            "reason.client",
            amount=m.money_text(facts["revenue"], facts.get("currency")),
            months=plan.window_months,
            detail=detail,
        )
        tips = []
        if not facts["satisfaction_asked"]:
            tips.append(words.say("tip.ask_satisfaction"))
        if not facts["attention_given"]:
            tips.append(words.say("tip.give_attention"))
        return f"{text}: {'; '.join(tips or [words.say('tip.thank_client')])}"
    if reason.kind == "prospect":
        strength = m.mark(facts["weakest_tie"])
        most = m.mark(plan.strongest_tie)
        if "colleague_at" in facts:
            return words.say(
                "reason.prospect_colleague",
                via=facts["via_name"],
                organisation=facts["colleague_at"],
                strength=strength,
                most=most,
            )
        return words.say("reason.prospect", via=facts["via_name"], strength=strength, most=most)
    return words.say(
        "reason.community",
        people=words.say("unit.people", count=facts["new_people"]),
        before=m.decimal(facts["effective_size_before"]),
        after=m.decimal(facts["effective_size_after"]),
        growth=m.decimal(facts["growth"]),
    )


def _match_text(plan: EventPlan, pick: Pick, words: EventWords) -> str:
    how = words.say(f"matched.{pick.match.how}")
    if pick.id is not None and pick.match.unsure:
        percent = words.messages.percent(pick.match.confidence)
        return words.say("unsure", how=how, percent=percent, known=pick.name)
    return how


def render_event(plan: EventPlan, language: str = "en") -> str:
    """The plan as text for people, in English (``en``) or Dutch (``nl``).

    Examples
    --------
    >>> plan = EventPlan("me", "Anna", "2024-12-31", attendees=3, found=1, picks=())
    >>> print(render_event(plan, "nl"), end="")  # doctest: +NORMALIZE_WHITESPACE
    Wie je opzoekt op het evenement: Anna (me) op 31 december 2024
    3 mensen op de lijst, van wie 1 in je gegevens
    <BLANKLINE>
    Niemand op de lijst is een ambassadeur, een klant, via een warme introductie te
    bereiken of een ingang tot een nieuwe kring: niemand om speciaal op te zoeken.
    """
    words = EventWords(language)
    m = words.messages
    lines = [
        words.say("title", name=plan.name, member=plan.member, date=m.date(plan.as_of)),
        words.say("summary", count=plan.attendees, known=plan.found),
        "",
    ]
    if not plan.picks:
        lines.append(words.say("no_picks"))
    for number, pick in enumerate(plan.picks, start=1):
        who = pick.name if pick.id is None else f"{pick.name} ({pick.id})"
        lines.append(f"{number}. {who}: {_match_text(plan, pick, words)}")
        if pick.listed.name and fold(pick.listed.name) != fold(pick.name):
            lines.append(f"   {words.say('listed_as', listed=pick.listed.name)}")
        for reason in pick.reasons:
            lines.append(f"   - {_reason_text(plan, pick, reason, words)}")
        if len(pick.path) == 3:
            people = " → ".join(name for _, name in pick.path)
            lines.append(f"     {words.say('path', people=people)}")
    if plan.ambiguous:
        lines.append("")
    for attendee, match in plan.ambiguous[:SHOWN_UNSURE]:
        listed = attendee.name or ", ".join(attendee.emails)
        if len(match.candidates) > SHOWN_CANDIDATES:
            count = len(match.candidates)
            lines.append(words.say("ambiguous_many", listed=listed, count=count))
            continue
        options = [f"{plan.names.get(c, c)} ({c})" for c in match.candidates]
        joined = f" {words.say('or')} ".join([", ".join(options[:-1]), options[-1]])
        lines.append(words.say("ambiguous", listed=listed, candidates=joined))
    hidden = len(plan.ambiguous) - SHOWN_UNSURE
    if hidden > 0:
        lines.append(words.say("ambiguous_more", count=hidden))
    return "\n".join(lines) + "\n"
