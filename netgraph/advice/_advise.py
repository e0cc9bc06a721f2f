"""Where to invest: a short, prioritised list of actions, each with its evidence.

The advice is built on the scored report (:func:`netgraph.score_member`): the people it
names as contributing most to a value are the ones worth nurturing. It then reads the
member's own rows of the network (the days in touch, invoices, satisfaction questions,
groups, help received) to say who is overdue, which client lacks aftercare, which group
to join, whom to give something back and which business card needs a follow-up.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model._network import Network, format_cents, format_date
from ..model._profile import Profile
from ..model._settings import Settings
from ..output._results import VALUE_KEYS, MemberReport, plain_data
from ..scoring._block import Block
from ..scoring._context import Scoring
from ..scoring._financial import ATTENTIONS, CHECK
from ..scoring._score import score_member, scoring_context
from ._rhythm import CONTACT_MOMENTS, SOURCES, rhythms

__all__ = ["ACTION_KINDS", "DEFAULT_TOP", "Action", "Advice", "Reason", "advise"]

Ints = npt.NDArray[np.int64]

#: The kinds of action, in the order the list takes turns between them.
ACTION_KINDS = ("nurture", "aftercare", "help_others", "groups", "business_cards")
DEFAULT_TOP = 7  # a short list: a person acts on a handful of things, not on twenty

#: Exchanges in which someone helps the member (a complaint is not help).
HELP_EXCHANGES = ("advice", "feedback", "experience", "introduction")
#: The value a contact without a known contribution would serve, by role.
_VALUE_OF_ROLE = {"peer": "knowledge", "partner": "recommendation"}
_MEMBERS_SHOWN = 10  # people named with a group: enough to recognise it


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Reason:
    """Why an action is advised: a code and the facts behind it.

    ``code`` is one of ``at_risk``, ``due`` (nurture), ``ended_unasked``, ``no_attention``
    (aftercare), ``unreturned`` (help others), ``join_group``, ``quiet_group`` (groups)
    and ``business_card``. ``facts`` holds the evidence as plain data (ISO dates,
    amounts as exact decimal text, ids); the text of a reason is written from them.
    """

    kind: str
    code: str
    value: str
    facts: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", _frozen(self.facts))

    def text(self, lang: str = "en") -> str:
        """The reason in plain words, in English (``en``) or Dutch (``nl``)."""
        from ._advice_words import reason_text

        return reason_text(self, lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "value": self.value,
            "text": self.text(lang),
            "facts": plain_data(self.facts),
        }


@dataclass(frozen=True)
class Action:
    """One thing to do: its kind, the value it serves, whom it is about, and why.

    A person is named in one action only, which then carries every reason for them;
    the action's ``kind`` and ``value`` are those of its first (most pressing) reason.
    A group action names the group and no people: the contacts there are evidence (in
    its reason's facts), so that every person is named by one action only.
    """

    kind: str
    value: str
    people: tuple[tuple[str, str], ...]
    reasons: tuple[Reason, ...]
    group: tuple[str, str] | None = None

    def text(self, lang: str = "en") -> str:
        """What to do, in one line."""
        from ._advice_words import action_text

        return action_text(self, lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "value": self.value,
            "text": self.text(lang),
            "people": [{"id": i, "name": n} for i, n in self.people],
        }
        if self.group is not None:
            out["group"] = {"id": self.group[0], "name": self.group[1]}
        out["reasons"] = [r.to_dict(lang) for r in self.reasons]
        return out


@dataclass(frozen=True)
class Advice:
    """The actions advised to a member as of a date, most pressing first."""

    member: str
    name: str
    as_of: str
    actions: tuple[Action, ...]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "member": self.member,
            "name": self.name,
            "as_of": self.as_of,
            "actions": [a.to_dict(lang) for a in self.actions],
        }

    def to_json(self, lang: str = "en", *, indent: int | None = None) -> str:
        """The advice as JSON; the same advice always gives the same bytes."""
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(
            self.to_dict(lang), ensure_ascii=False, indent=indent, separators=separators
        )


# -- one candidate of one list ------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """A reason about a person (``person`` >= 0) or a group, with its place in its list."""

    rank: tuple[Any, ...]
    reason: Reason
    person: int = -1
    group: tuple[str, str] | None = None


class _Member:
    """The member's rows of the network, read through the scoring context's indexes."""

    def __init__(self, ctx: Scoring, member: int) -> None:
        self.ctx = ctx
        self.network = ctx.network
        self.member = member
        self.as_of = int(ctx.as_of.astype(np.int64))
        self.window_start = int(ctx.window_start.astype(np.int64))
        self.ambassador_start = int(ctx.ambassador_start.astype(np.int64))

    def rows(self, section: str, column: str, person: int | None = None) -> Ints:
        """A person's rows of a section (the member's by default), dated up to ``as_of``.

        The member's own rows are found by one pass over the column (cheaper than sorting
        a million ties for one member); other people's, asked for many times, through
        the scoring context's index.
        """
        table = self.network.tables[section]
        if person is None:
            rows = np.flatnonzero(table[column] == self.member).astype(np.int64)
        else:
            order, starts = self.ctx.index(section, column)
            rows = np.sort(order[starts[person] : starts[person + 1]]).astype(np.int64)
        if "date" in table.columns:
            rows = rows[table["date"][rows] <= self.ctx.as_of]
        return rows

    def days(self, section: str, rows: Ints) -> Ints:
        days: Ints = self.network.tables[section]["date"][rows].astype(np.int64)
        return days

    @cached_property
    def moments(self) -> tuple[Ints, Ints]:
        """Every (contact, day) on which the member was in touch with someone."""
        people, days = [], []
        for section, mine, theirs in CONTACT_MOMENTS:
            rows = self.rows(section, mine)
            people.append(self.network.tables[section][theirs][rows].astype(np.int64))
            days.append(self.days(section, rows))
        person, day = np.concatenate(people), np.concatenate(days)
        others = person != self.member
        return person[others], day[others]

    def current_groups(self, person: int) -> dict[int, int]:
        """The groups a person belongs to as of the date, with the day they joined (-1)."""
        memberships = self.network.tables["memberships"]
        rows = self.rows("memberships", "person", person)
        return _current(memberships, rows, self.ctx.as_of, "group")


def _current(table: Any, rows: Ints, as_of: np.datetime64, key: str) -> dict[int, int]:
    since, until = table["since"][rows], table["until"][rows]
    now = (np.isnat(since) | (since <= as_of)) & (np.isnat(until) | (until > as_of))
    joined: dict[int, int] = {}
    for k, day in zip(
        table[key][rows[now]].tolist(), since[now].astype(np.int64).tolist(), strict=True
    ):
        day = -1 if day == np.iinfo(np.int64).min else int(day)
        joined[int(k)] = min(joined.get(int(k), day), day) if day >= 0 else -1
    return joined


def _iso(day: int) -> str | None:
    return None if day < 0 else format_date(np.datetime64(day, "D"))


# -- the five lists -----------------------------------------------------------------------


def _contributions(network: Network, report: MemberReport) -> dict[int, dict[str, float]]:
    """Each contributor's share of every value they contribute to."""
    found: dict[int, dict[str, float]] = {}
    for key in VALUE_KEYS:
        for contributor in report.values[key].contributors:
            if contributor.share > 0:
                row = network.person_index(contributor.id)
                found.setdefault(row, {})[key] = float(contributor.share)
    return found


def _nurture(
    me: _Member,
    contributions: Mapping[int, Mapping[str, float]],
    settings: Settings,
    profile: Profile | None,
) -> list[_Item]:
    if not contributions:
        return []
    rows = np.array(sorted(contributions), dtype=np.int64)
    roles = me.network.people["role"][rows]
    found = rhythms(rows, me.moments, roles, settings, profile)
    silence = found.silence(me.as_of)
    items = []
    for i, person in enumerate(rows.tolist()):
        if found.last[i] < 0:
            continue  # never in touch: nothing to measure a silence by
        ratio = float(silence[i]) / float(found.rhythm[i])
        if ratio < settings.due_multiple:
            continue
        shares = contributions[person]
        value = max(VALUE_KEYS, key=lambda k: (shares.get(k, 0.0), -VALUE_KEYS.index(k)))
        at_risk = ratio >= settings.at_risk_multiple
        facts = {
            "contributes": {k: round(shares[k], 6) for k in VALUE_KEYS if k in shares},
            "role": str(roles[i]) or None,
            "days_in_touch": int(found.days_in_touch[i]),
            "rhythm_days": round(float(found.rhythm[i]), 1),
            "rhythm_source": SOURCES[int(found.source[i])],
            "last_contact": _iso(int(found.last[i])),
            "silent_days": int(silence[i]),
            "times_rhythm": round(ratio, 1),
            "due_after": settings.due_multiple,
            "at_risk_after": settings.at_risk_multiple,
        }
        priority = max(shares.values()) * ratio
        reason = Reason("nurture", "at_risk" if at_risk else "due", value, facts)
        items.append(_Item((not at_risk, -priority, _id(me, person)), reason, person))
    return sorted(items, key=lambda item: item.rank)


def _aftercare(me: _Member, block: Block, settings: Settings) -> list[_Item]:
    network = me.network
    invoices = network.tables["invoices"]
    rows, amounts = block.invoice_rows, block.invoice_amounts
    currency = str(block.currency[0])
    days = invoices["date"][rows].astype(np.int64)
    clients = invoices["client"][rows].astype(np.int64)
    last_invoice: dict[int, int] = {}
    for client, day in zip(clients.tolist(), days.tolist(), strict=True):
        last_invoice[client] = max(last_invoice.get(client, day), day)
    recent = days > me.window_start
    revenue: dict[int, int] = {}
    count: dict[int, int] = {}
    first: dict[int, int] = {}
    for client, day, cents in zip(
        clients[recent].tolist(), days[recent].tolist(), amounts[recent].tolist(), strict=True
    ):
        revenue[client] = revenue.get(client, 0) + int(cents)
        count[client] = count.get(client, 0) + 1
        first[client] = min(first.get(client, day), day)

    interactions = network.tables["interactions"]
    i_rows = me.rows("interactions", "member")
    kinds = interactions["kind"][i_rows]
    contact = interactions["contact"][i_rows].astype(np.int64)
    i_days = me.days("interactions", i_rows)
    s_rows = me.rows("satisfaction", "member")
    checked_people = np.concatenate(
        [contact[kinds == CHECK], network.tables["satisfaction"]["client"][s_rows]]
    ).astype(np.int64)
    checked_days = np.concatenate([i_days[kinds == CHECK], me.days("satisfaction", s_rows)])
    last_check = _last_by(checked_people, checked_days)
    caring = np.isin(kinds, ATTENTIONS)
    last_attention = _last_by(contact[caring], i_days[caring])

    ended_before = me.as_of - 7 * settings.aftercare_weeks
    items = []
    for client in sorted(revenue):
        base = {
            "revenue": format_cents(revenue[client]),
            "currency": currency,
            "invoices": count[client],
            "months": settings.window_months,
        }
        rank = (-revenue[client], _id(me, client))
        asked = last_check.get(client, -1)
        if last_invoice[client] <= ended_before and asked < first[client]:
            facts = {
                **base,
                "first_invoice": _iso(first[client]),
                "last_invoice": _iso(last_invoice[client]),
                "last_asked": _iso(asked),
            }
            reason = Reason("aftercare", "ended_unasked", "financial", facts)
            items.append(_Item((*rank, 0), reason, client))
        cared = last_attention.get(client, -1)
        if cared <= me.window_start:
            facts = {**base, "last_attention": _iso(cared)}
            reason = Reason("aftercare", "no_attention", "financial", facts)
            items.append(_Item((*rank, 1), reason, client))
    return sorted(items, key=lambda item: item.rank)


def _last_by(people: Ints, days: Ints) -> dict[int, int]:
    last: dict[int, int] = {}
    for person, day in zip(people.tolist(), days.tolist(), strict=True):
        last[person] = max(last.get(person, day), day)
    return last


def _helpers(me: _Member) -> dict[int, dict[str, Any]]:
    """Who helped the member in the ambassador window: referrals, recommendations, advice."""
    network = me.network
    helped: dict[int, dict[str, Any]] = {}

    def add(people: Ints, days: Ints, what: str) -> None:
        for person, day in zip(people.tolist(), days.tolist(), strict=True):
            if day <= me.ambassador_start or person == me.member:
                continue
            entry = helped.setdefault(
                person,
                {"referrals": 0, "recommendations": 0, "advice": 0, "first": day, "last": day},
            )
            entry[what] += 1
            entry["first"], entry["last"] = min(entry["first"], day), max(entry["last"], day)

    rows = me.rows("referrals", "member")
    add(network.tables["referrals"]["referrer"][rows], me.days("referrals", rows), "referrals")
    rows = me.rows("recommendations", "member")
    add(
        network.tables["recommendations"]["by"][rows],
        me.days("recommendations", rows),
        "recommendations",
    )
    exchanges = network.tables["exchanges"]
    rows = me.rows("exchanges", "to")
    rows = rows[np.isin(exchanges["kind"][rows], HELP_EXCHANGES)]
    add(exchanges["from"][rows], me.days("exchanges", rows), "advice")
    return helped


def _help_others(me: _Member, helped: Mapping[int, Mapping[str, Any]]) -> list[_Item]:
    network = me.network
    exchanges, interactions = network.tables["exchanges"], network.tables["interactions"]
    rows = me.rows("exchanges", "from")
    given = _last_by(exchanges["to"][rows].astype(np.int64), me.days("exchanges", rows))
    rows = me.rows("interactions", "member")
    rows = rows[interactions["kind"][rows] == "gift"]
    gifts = _last_by(interactions["contact"][rows].astype(np.int64), me.days("interactions", rows))
    items = []
    for person in sorted(helped):
        entry = helped[person]
        if max(given.get(person, -1), gifts.get(person, -1)) >= entry["first"]:
            continue
        value = "recommendation" if entry["referrals"] or entry["recommendations"] else "knowledge"
        facts = {
            "referrals": entry["referrals"],
            "recommendations": entry["recommendations"],
            "advice": entry["advice"],
            "first_help": _iso(entry["first"]),
            "last_help": _iso(entry["last"]),
        }
        total = entry["referrals"] + entry["recommendations"] + entry["advice"]
        rank = (-total, -entry["last"], _id(me, person))
        items.append(_Item(rank, Reason("help_others", "unreturned", value, facts), person))
    return sorted(items, key=lambda item: item.rank)


def _groups(me: _Member, helped: Mapping[int, Any], settings: Settings) -> list[_Item]:
    network = me.network
    people, groups = network.people, network.groups
    memberships = network.tables["memberships"]
    contacts = me.ctx.neighbours(me.member).astype(np.int64)
    peers = {int(p) for p in contacts[people["role"][contacts] == "peer"].tolist()}
    ambassadors = {p for p in helped if helped[p]["referrals"] or helped[p]["recommendations"]}
    mine = me.current_groups(me.member)
    met: dict[int, set[int]] = {}
    for person in sorted(peers | ambassadors):
        for group in me.current_groups(person):
            if group not in mine:
                met.setdefault(group, set()).add(person)
    items = []
    for group, there in met.items():
        gid = str(groups["id"][group])
        shown = tuple(sorted(there, key=lambda p: _id(me, p)))
        facts = {
            "group": gid,
            "group_kind": str(groups["kind"][group]) or None,
            "peers": len(there & peers),
            "ambassadors": len(there & ambassadors),
            "count": len(there),
            "people": [_id(me, p) for p in shown[:_MEMBERS_SHOWN]],
            "names": [str(people["name"][p]) for p in shown[:_MEMBERS_SHOWN]],
        }
        reason = Reason("groups", "join_group", "knowledge", facts)
        rank = (0, -len(there), gid)
        name = str(groups["name"][group])
        items.append(_Item(rank, reason, group=(gid, name)))

    # groups the member is in but has gone quiet in: no exchange or contact with a fellow
    # member in the window (only where the member was there for the whole window)
    moments = me.moments
    in_window = moments[1] > me.window_start
    for group, joined in sorted(mine.items()):
        if joined > me.window_start:
            continue
        rows = me.rows("memberships", "group", group)
        fellows = np.array(
            sorted(set(_current(memberships, rows, me.ctx.as_of, "person")) - {me.member}),
            dtype=np.int64,
        )
        if not len(fellows):
            continue
        touched = np.isin(moments[0], fellows)
        if np.any(touched & in_window):
            continue
        last = int(moments[1][touched].max()) if np.any(touched) else -1
        gid = str(groups["id"][group])
        facts = {
            "group": gid,
            "group_kind": str(groups["kind"][group]) or None,
            "member_since": _iso(joined),
            "fellow_members": len(fellows),
            "last_contact": _iso(last),
            "months": settings.window_months,
        }
        reason = Reason("groups", "quiet_group", "knowledge", facts)
        items.append(
            _Item((1, -len(fellows), gid), reason, group=(gid, str(groups["name"][group])))
        )
    return sorted(items, key=lambda item: item.rank)


def _business_cards(
    me: _Member, contributions: Mapping[int, Any], settings: Settings
) -> list[_Item]:
    network = me.network
    people, ties = network.people, network.tables["ties"]
    met_on: dict[int, int] = {}
    for mine, theirs in (("a", "b"), ("b", "a")):
        rows = me.rows("ties", mine)
        since = ties["since"][rows]
        for person, day in zip(
            ties[theirs][rows].tolist(), since.astype(np.int64).tolist(), strict=True
        ):
            person, day = int(person), -1 if day == np.iinfo(np.int64).min else int(day)
            if person == me.member:
                continue
            known = met_on.get(person, -1)
            met_on[person] = day if known < 0 else known if day < 0 else min(known, day)
    moments = me.moments
    weeks = settings.card_follow_up_weeks
    items = []
    for person in sorted(met_on):
        met_at = str(people["met_at"][person]).strip()
        if not met_at or str(people["why"][person]).strip() or person in contributions:
            continue
        day = met_on[person]
        touched = moments[1][moments[0] == person]
        if day >= 0:
            if day + 7 * weeks > me.as_of:
                continue  # the follow-up may still come
            if np.any((touched > day) & (touched <= day + 7 * weeks)):
                continue
        elif len(touched):
            continue
        role = str(people["role"][person])
        facts = {"met_at": met_at, "met_on": _iso(day), "weeks": weeks, "role": role or None}
        value = _VALUE_OF_ROLE.get(role, "acquisition")
        rank = (-day if day >= 0 else 1, _id(me, person))
        items.append(_Item(rank, Reason("business_cards", "business_card", value, facts), person))
    return sorted(items, key=lambda item: item.rank)


def _id(me: _Member, person: int) -> str:
    return str(me.network.person_ids[person])


# -- the list -----------------------------------------------------------------------------


def _in_turns(lists: Mapping[str, list[_Item]]) -> Iterator[_Item]:
    """The most pressing first: every contact at risk, then each kind's next in turn."""
    queues = {kind: list(lists.get(kind, [])) for kind in ACTION_KINDS}
    nurture = queues["nurture"]
    while nurture and nurture[0].reason.code == "at_risk":
        yield nurture.pop(0)
    while any(queues.values()):
        for kind in ACTION_KINDS:
            if queues[kind]:
                yield queues[kind].pop(0)


def _actions(network: Network, items: Iterator[_Item], top: int) -> tuple[Action, ...]:
    names = network.people["name"]
    by_person: dict[int, int] = {}
    made: list[tuple[Action, list[Reason]]] = []
    for item in items:
        if item.person >= 0 and item.person in by_person:
            made[by_person[item.person]][1].append(item.reason)
            continue
        who = (item.person,) if item.person >= 0 else ()
        people = tuple((str(network.person_ids[p]), str(names[p])) for p in who)
        action = Action(item.reason.kind, item.reason.value, people, (), item.group)
        if item.person >= 0:
            by_person[item.person] = len(made)
        made.append((action, [item.reason]))
    return tuple(
        dataclasses.replace(action, reasons=tuple(reasons)) for action, reasons in made[:top]
    )


def advise(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    top: int = DEFAULT_TOP,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
) -> Advice:
    """A short, prioritised list of actions for a member, each with its evidence.

    Five kinds of action, after the method's lessons:

    ``nurture``
        Contacts who contribute most to a value (the report's contributors) and are
        overdue: silent past 2x their rhythm (``due``) or 8x (``at_risk``), see
        :func:`netgraph.advice._rhythm.rhythms`. Ranked by their largest share of a
        value times how many rhythms they have been silent.
    ``aftercare``
        Clients of the window whose work ended (no invoice for ``aftercare_weeks``)
        without a satisfaction question since their first invoice of the window, and
        clients of the window who got no attention (a gift, visit, meeting or call) in
        it. Ranked by their revenue in the window.
    ``help_others``
        People who referred, recommended or advised the member in the ambassador window
        and got nothing back since (an exchange from the member, or a gift).
    ``groups``
        Groups where the member's peers and ambassadors are and the member is not; and
        groups the member has been in for the whole window without any contact with a
        fellow member in it.
    ``business_cards``
        Contacts met at an event or imported (``met_at``), without a ``why`` and
        without any contact in the ``card_follow_up_weeks`` after the day the tie began.

    Every contact at risk comes first; then the kinds take turns, each with its most
    pressing one, so the short list holds a bit of everything. A person is named once,
    with all their reasons. Ties are broken by id, so the order of the rows never
    matters.

    Parameters
    ----------
    network
        The network, from :func:`netgraph.load_network`.
    member
        The member's id; may be left out when the network has exactly one member.
    as_of
        The date of the advice: only what happened up to and including it counts.
    top
        The number of actions at most.
    settings
        The method's parameters (the advice's: ``due_multiple``, ``at_risk_multiple``,
        ``rhythm_min_contacts``, ``cadence_<role>_days``, ``aftercare_weeks``,
        ``card_follow_up_weeks``, ``advice_contributors``).
    profiles
        The members' own accounts; a ``cadence`` there wins over the learned rhythm.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> from netgraph.advice._advise import advise
    >>> advice = advise(netgraph.example_network(), as_of=date(2026, 11, 1))
    >>> len(advice.actions) <= 7, advice.actions[0].kind
    (True, 'nurture')
    """
    settings = settings or Settings()
    wide = dataclasses.replace(
        settings, top_contributors=max(settings.top_contributors, settings.advice_contributors)
    )
    report = score_member(network, member, as_of=as_of, settings=wide, profiles=profiles)
    ctx = scoring_context(network, as_of, wide)
    row = network.person_index(report.member)
    me = _Member(ctx, row)
    only = len(network.member_ids) == 1
    profiles = profiles or {}
    profile = profiles.get(report.member) or (profiles.get("") if only else None)
    contributions = _contributions(network, report)
    helped = _helpers(me)
    lists: dict[str, Callable[[], list[_Item]]] = {
        "nurture": lambda: _nurture(me, contributions, settings, profile),
        "aftercare": lambda: _aftercare(me, Block(ctx, [row]), settings),
        "help_others": lambda: _help_others(me, helped),
        "groups": lambda: _groups(me, helped, settings),
        "business_cards": lambda: _business_cards(me, contributions, settings),
    }
    made = {kind: make() for kind, make in lists.items()}
    actions = _actions(network, _in_turns(made), max(0, top))
    return Advice(report.member, report.name, report.as_of, actions)
