"""Acquisition value (aanbrengwaarde): which part of the network brings the revenue.

Revenue of the window is credited to the people who brought it: the client and the
chain of referrers before them. The credit is split in cents with the largest-remainder
method, so it always sums exactly to the revenue. Written once, for a block of members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..output._columns import Contributors, ValueColumns
from ..output._messages import Note
from ._arrays import (
    Floats,
    Ints,
    KeySpace,
    contains,
    group_max,
    group_min,
    group_sum,
    lookup,
    per_member,
    picked,
    ranked,
    ratio,
    runs,
    saturating,
    shares,
    slices,
    top_k,
    unique,
    weighted_score,
)
from ._block import Block

__all__ = ["acquisition", "chain_weights", "explain_acquisition", "gini", "lorenz_points"]


def chain_weights(length: int, client_share: float, decay: float) -> list[float]:
    """Shares of the client (first) and of ``length - 1`` referrers, nearest first.

    The client keeps ``client_share``; the referrers share the rest in proportion
    ``1, decay, decay**2, ...``. Without referrers the client gets everything.

    Examples
    --------
    >>> chain_weights(1, 0.5, 0.5)
    [1.0]
    >>> chain_weights(3, 0.5, 0.5)
    [0.5, 0.3333333333333333, 0.16666666666666666]
    """
    if length == 1:
        return [1.0]
    raw = [decay**k for k in range(length - 1)]
    total = sum(raw)
    return [client_share] + [(1.0 - client_share) * r / total for r in raw]


def split_cents(amounts: Ints, weights: Floats) -> Ints:
    """Split each amount of cents by the same weights so that the parts sum exactly to it.

    Each part gets the floor of its exact share; the cents left over go one by one to
    the largest fractional remainders (earlier positions first on a tie).

    Examples
    --------
    >>> split_cents(np.array([100, 7]), np.array([1/3, 1/3, 1/3])).tolist()
    [[34, 33, 33], [3, 2, 2]]
    """
    exact = amounts.astype(np.float64)[:, None] * weights[None, :]
    whole = exact.astype(np.int64)
    left = amounts - whole.sum(axis=1)
    order = np.argsort(-(exact - whole), axis=1, kind="stable")
    bonus = (np.arange(len(weights))[None, :] < left[:, None]).astype(np.int64)
    np.put_along_axis(whole, order, np.take_along_axis(whole, order, 1) + bonus, 1)
    return whole


def gini(values: Floats) -> float:
    """The Gini coefficient of non-negative values (0: all equal; near 1: one has all).

    Examples
    --------
    >>> gini(np.array([1.0, 1.0, 1.0, 1.0]))
    0.0
    >>> gini(np.array([0.0, 0.0, 0.0, 4.0]))
    0.75
    """
    n = len(values)
    total = float(values.sum())
    if n == 0 or total <= 0:
        return 0.0
    ordered = np.sort(values)
    ranks = np.arange(1, n + 1, dtype=np.float64)
    return float((2.0 * np.dot(ranks, ordered)) / (n * total) - (n + 1) / n)


def lorenz_points(values: Floats, steps: int = 10) -> list[list[float]]:
    """Points ``[share of contacts, share of revenue]`` of the Lorenz curve, poorest first."""
    n = len(values)
    total = float(values.sum())
    if n == 0 or total <= 0:
        return []
    cumulative = np.concatenate([[0.0], np.cumsum(np.sort(values))]) / total
    shares = np.linspace(0.0, 1.0, steps + 1)
    return [[float(p), float(np.interp(p * n, np.arange(n + 1), cumulative))] for p in shares]


@dataclass
class _Credits:
    """Each member's credited people, kept to draw the member's Lorenz curve."""

    owner: Ints
    credit: Ints
    contacts: Ints


def _first_referrals(block: Block) -> tuple[Ints, Ints, npt.NDArray[np.datetime64]]:
    """(member position, referred) keys, sorted, with the referrer and date of the first.

    Same-day referrals of one person: the referrer first by name, then by id, never
    by row order.
    """
    ctx = block.ctx
    table = ctx.network.tables["referrals"]
    rows = block.rows("referrals")
    referred = table["referred"][rows].astype(np.int64)
    referrer = table["referrer"][rows].astype(np.int64)
    day = table["date"][rows]
    key = block.pairs.pack(block.owner("referrals", rows), referred)
    order = np.lexsort((ctx.id_rank[referrer], ctx.name_rank[referrer], day, key))
    distinct, starts = runs(key[order])
    first = order[starts]
    return distinct, referrer[first], day[first]


def _chains(
    block: Block,
    owner: Ints,
    client: Ints,
    day: npt.NDArray[np.datetime64],
    met_through: Ints,
) -> tuple[Ints, npt.NDArray[np.bool_]]:
    """For each invoice: the client and the referrers before them, nearest first (-1 after).

    Each step follows the first referral of a person to the member that happened no
    later than the step before it (the invoice, for the client), so a chain runs
    forward in time; it stops at the member, at a repeat, or after
    ``max_chain_length`` referrers. A client nobody referred, whose ``met_through``
    names a person, was introduced by that person, who takes the first referrer's
    place. Also returns which invoices' chains start with such an introduction.
    """
    limit_steps = block.settings.max_chain_length
    keys, referrer, referred_day = _first_referrals(block)
    chain = np.full((len(client), limit_steps + 1), -1, dtype=np.int64)
    chain[:, 0] = client
    member = block.members[owner]
    current, limit = client.copy(), day.copy()
    active = np.ones(len(client), dtype=bool)
    introduced = np.zeros(len(client), dtype=bool)
    for step in range(1, limit_steps + 1):
        key = block.pairs.pack(owner, current)
        if len(keys):
            at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
            by, when = referrer[at], referred_day[at]
            ok = active & (keys[at] == key) & (when <= limit) & (by != member)
        else:
            by, when = np.full(len(client), -1, dtype=np.int64), limit
            ok = np.zeros(len(client), dtype=bool)
        if step == 1:
            introducer = met_through[client]
            introduced = ~ok & (introducer >= 0) & (introducer != member) & (introducer != client)
            by = np.where(introduced, introducer, by)
            when = np.where(introduced, limit, when)
            ok |= introduced
        for earlier in range(step):
            ok &= by != chain[:, earlier]
        chain[:, step] = np.where(ok, by, -1)
        active = ok
        current = np.where(ok, by, current)
        limit = np.where(ok, when, limit)
    return chain, introduced


def _routes(
    block: Block,
    owner: Ints,
    client: Ints,
    day: npt.NDArray[np.datetime64],
    met_through: Ints,
) -> tuple[Ints, Ints]:
    """Everyone on any route to each invoice's client: ``(invoice, person)`` pairs.

    A route runs back from the client through referrals to the member, each dated no
    later than the step before it (the invoice, for the client), through at most
    ``max_chain_length`` referrers who are not the member; the client's introducer
    (``met_through``) stands at its first step, as if they had referred the client on
    the invoice date. Unlike the one chain that shares out the credit, every referral
    counts, so a further referral or invoice can only add people.

    A person met again on a route that reaches them at a later date is followed again
    from that date: what counts is the latest date at which each is reached.
    """
    ctx = block.ctx
    table = ctx.network.tables["referrals"]
    rows = block.rows("referrals")
    r_owner = block.owner("referrals", rows)
    referrer = table["referrer"][rows].astype(np.int64)
    keep = referrer != block.members[r_owner]
    by_referred = block.pairs.pack(r_owner[keep], table["referred"][rows][keep])
    order = np.argsort(by_referred, kind="stable")
    by_referred, referrer = by_referred[order], referrer[keep][order]
    referral_day = table["date"][rows][keep][order].astype(np.int64)  # days, as numbers

    member = block.members[owner]
    introducer = met_through[client]
    introduced = (introducer >= 0) & (introducer != member) & (introducer != client)
    space = KeySpace(len(client), block.n)
    invoice_day = day.astype(np.int64)
    found_key = np.zeros(0, dtype=np.int64)
    found_day = np.zeros(0, dtype=np.int64)
    frontier = np.arange(len(client), dtype=np.int64), client, invoice_day
    for step in range(block.settings.max_chain_length):
        at_invoice, person, limit = frontier
        wanted = block.pairs.pack(owner[at_invoice], person)
        slot, at = slices(
            np.searchsorted(by_referred, wanted, "left"),
            np.searchsorted(by_referred, wanted, "right"),
        )
        reached = referral_day[at] <= limit[slot]
        slot, at = slot[reached], at[reached]
        new_invoice, new_person, new_day = at_invoice[slot], referrer[at], referral_day[at]
        if step == 0:
            new_invoice = np.concatenate([new_invoice, np.flatnonzero(introduced)])
            new_person = np.concatenate([new_person, introducer[introduced]])
            new_day = np.concatenate([new_day, invoice_day[introduced]])
        not_client = new_person != client[new_invoice]
        key = space.pack(new_invoice[not_client], new_person[not_client])
        when = new_day[not_client]
        # the latest day each (invoice, person) is reached, and whether that is news
        both_key = np.concatenate([found_key, key])
        distinct = unique(both_key)
        best_day = group_max(both_key, np.concatenate([found_day, when]), distinct)
        news = best_day > lookup(found_key, found_day, distinct, np.iinfo(np.int64).min)
        found_key, found_day = distinct, best_day
        if not news.any():
            break
        next_invoice, next_person = space.unpack(distinct[news])
        frontier = next_invoice, next_person, best_day[news]
    invoice_of, person_of = space.unpack(found_key)
    return invoice_of, person_of


#: How a client came through the network, strongest first (an invoice counts as one kind).
LINKS = ("referral", "introduction", "event", "group")

#: ``met_at`` texts that name where a contact was found online, not an event or a group:
#: a LinkedIn export fills ``met_at`` with "LinkedIn" for every contact.
ONLINE_PLACES = frozenset(
    {
        "linkedin",
        "facebook",
        "instagram",
        "twitter",
        "x",
        "website",
        "google",
        "internet",
        "online",
        "e-mail",
        "email",
        "mail",
        "telefoon",
        "phone",
        "vcard",
        "import",
    }
)


@dataclass(frozen=True)
class _People:
    """What the people file says of how each person was met (shared by every block)."""

    met_through: Ints  # the person who introduced them (-1: none or unknown)
    met_at_group: Ints  # the group they were met at, when met_at names one (-1: none)
    met_at_event: Ints  # a number per distinct other met_at text (-1: empty)
    events: int


def _distinct_texts(column: npt.NDArray[Any]) -> tuple[list[str], Ints]:
    """The distinct texts of a column and, for each row, which one it holds: what is
    worked out per text is then worked out once per distinct text, not once per row."""
    distinct, inverse = np.unique(column.astype(str), return_inverse=True)
    return distinct.tolist(), inverse.reshape(-1).astype(np.int64)


def _people(block: Block) -> _People:
    ctx = block.ctx

    def make() -> _People:
        network = ctx.network
        people = network.people
        ids: dict[str, int] | None = None
        names: dict[str, list[int]] | None = None

        def person(text: str) -> int:
            nonlocal ids, names
            text = text.strip()
            if not text:
                return -1
            if ids is None or names is None:  # built only when someone was met through somebody
                ids = {str(i): k for k, i in enumerate(network.person_ids.tolist())}
                names = {}
                for k, name in enumerate(people["name"].tolist()):
                    names.setdefault(str(name).strip().casefold(), []).append(k)
            if text in ids:
                return ids[text]
            same = names.get(text.casefold(), [])
            return same[0] if len(same) == 1 else -1  # a name that is not unique says nobody

        groups = network.groups
        group_of: dict[str, int] = {}
        for k, (gid, name) in enumerate(
            zip(groups["id"].tolist(), groups["name"].tolist(), strict=True)
        ):
            group_of.setdefault(str(name).strip().casefold(), k)
            group_of[str(gid).strip().casefold()] = k
        places, place_of = _distinct_texts(people["met_at"])
        met_at = ["" if p.strip().casefold() in ONLINE_PLACES else p.strip() for p in places]
        at_group = [group_of.get(m.casefold(), -1) if m else -1 for m in met_at]
        texts = sorted({m.casefold() for m, g in zip(met_at, at_group, strict=True) if m and g < 0})
        code = {m: k for k, m in enumerate(texts)}
        at_event = [
            code.get(m.casefold(), -1) if g < 0 else -1
            for m, g in zip(met_at, at_group, strict=True)
        ]
        through, through_of = _distinct_texts(people["met_through"])
        return _People(
            np.array([person(t) for t in through], dtype=np.int64)[through_of],
            np.array(at_group, dtype=np.int64)[place_of],
            np.array(at_event, dtype=np.int64)[place_of],
            len(texts),
        )

    return ctx.shared("people_met", make)


def _shared_group_before(block: Block, owner: Ints, client: Ints, day: Ints) -> tuple[Ints, Ints]:
    """The groups member and client were both in on ``day``: (invoice index, group) pairs."""
    ctx = block.ctx
    memberships = ctx.network.tables["memberships"]
    if len(memberships) == 0 or len(owner) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    nat = np.iinfo(np.int64).min
    since = memberships["since"].astype("datetime64[D]").astype(np.int64)
    until = memberships["until"].astype("datetime64[D]").astype(np.int64)

    def active(r: Ints, on: Ints) -> npt.NDArray[np.bool_]:
        """A membership counts from its start (always, without one) to its end."""
        start_ok = (since[r] == nat) | (since[r] <= on)
        return start_ok & ((until[r] == nat) | (until[r] >= on))  # type: ignore[no-any-return]

    order, starts = ctx.index("memberships", "person")
    pair, positions = slices(starts[client], starts[client + 1])
    rows = order[positions]
    keep = active(rows, day[pair])
    pair, group = pair[keep], memberships["group"][rows[keep]].astype(np.int64)
    mine = block.rows("memberships", "person", dated=False)
    space = KeySpace(block.count, max(1, len(ctx.network.groups)))
    mine_key = space.pack(block.owner("memberships", mine, "person"), memberships["group"][mine])
    sort = np.argsort(mine_key, kind="stable")
    mine_key, mine = mine_key[sort], mine[sort]
    wanted = space.pack(owner[pair], group)
    low = np.searchsorted(mine_key, wanted, side="left")
    high = np.searchsorted(mine_key, wanted, side="right")
    shared = np.zeros(len(pair), dtype=bool)
    for extra in range(int((high - low).max(initial=0))):  # a member rarely rejoins a group
        has = low + extra < high
        ok = np.zeros(len(pair), dtype=bool)
        ok[has] = active(mine[low[has] + extra], day[pair[has]])
        shared |= ok
    return pair[shared].astype(np.int64), group[shared]


def _first_invoice_days(block: Block, owner: Ints, client: Ints) -> Ints:
    """For each (member, client) of ``owner``/``client``: the day of their first invoice."""
    invoices = block.ctx.network.tables["invoices"]
    rows = block.invoice_rows
    key = block.pairs.pack(block.owner("invoices", rows), invoices["client"][rows])
    days = invoices["date"][rows].astype(np.int64)
    return group_min(key, days, block.pairs.pack(owner, client))


def acquisition(block: Block) -> ValueColumns:
    """The acquisition value of every member of a block (see ``docs/method.md``)."""
    ctx, s, count = block.ctx, block.settings, block.count
    invoices = ctx.network.tables["invoices"]
    in_window = invoices["date"][block.invoice_rows] > ctx.window_start
    rows = block.invoice_rows[in_window]
    amount = block.invoice_amounts[in_window]
    owner = block.owner("invoices", rows)
    client = invoices["client"][rows].astype(np.int64)
    met = _people(block)
    chain, introduced = _chains(block, owner, client, invoices["date"][rows], met.met_through)
    length = (chain >= 0).sum(axis=1)

    parts = np.zeros_like(chain)
    for size in unique(length).tolist():
        chosen = np.flatnonzero(length == size)
        weights = np.array(chain_weights(size, s.client_share, s.referrer_decay))
        parts[chosen, :size] = split_cents(amount[chosen], weights)

    used = chain >= 0
    chain_owner = np.repeat(owner, chain.shape[1]).reshape(chain.shape)
    as_client = np.zeros(chain.shape, dtype=np.int64)
    as_client[:, 0] = parts[:, 0]
    keys, credit = group_sum(block.pairs.pack(chain_owner[used], chain[used]), parts[used])
    _, client_part = group_sum(block.pairs.pack(chain_owner[used], chain[used]), as_client[used])
    credit_owner, credit_person = block.pairs.unpack(keys)

    # how each invoice's client came through the network, strongest link first
    first_day = _first_invoice_days(block, owner, client)
    shared_invoice, shared_group = _shared_group_before(block, owner, client, first_day)
    in_group = np.zeros(len(rows), dtype=bool)
    in_group[shared_invoice] = True
    at_group = met.met_at_group[client]
    at_event = met.met_at_event[client]
    link = np.full(len(rows), -1, dtype=np.int64)
    for k, linked in enumerate(
        ((length > 1) & ~introduced, introduced, at_event >= 0, (at_group >= 0) | in_group)
    ):
        link = np.where((link < 0) & linked, k, link)
    revenue = per_member(owner, count, amount)
    through = per_member(owner[link >= 0], count, amount[link >= 0])
    # the people who brought revenue through the network: the linked invoices' clients
    # and everyone on any route to them (a route makes an invoice linked)
    route_invoice, route_person = _routes(
        block, owner, client, invoices["date"][rows], met.met_through
    )
    linked = link >= 0
    network_people = unique(
        np.concatenate(
            [
                block.pairs.pack(owner[linked], client[linked]),
                block.pairs.pack(owner[route_invoice], route_person),
            ]
        )
    )
    network_contributors = per_member(block.pairs.unpack(network_people)[0], count)

    # who or what brought clients: the people on the chains, groups and events
    n, groups = block.n, max(1, len(ctx.network.groups))
    bringer = KeySpace(count, n + groups + met.events + 1)
    # a client met at a group brings that group; one who shares groups, each of them
    only_shared = at_group[shared_invoice] < 0
    bringers = np.concatenate(
        [
            bringer.pack(owner[route_invoice], route_person),
            bringer.pack(owner[at_group >= 0], n + at_group[at_group >= 0]),
            bringer.pack(owner[shared_invoice[only_shared]], n + shared_group[only_shared]),
            bringer.pack(owner[at_event >= 0], n + groups + at_event[at_event >= 0]),
        ]
    )
    connectors = per_member(bringer.unpack(unique(bringers))[0], count)

    billed_keys, billed = group_sum(block.pairs.pack(owner, client), amount)
    billed_owner, billed_client = block.pairs.unpack(billed_keys)
    clients = per_member(billed_owner, count)
    largest = top_k(billed_owner, (-billed, ctx.id_rank[billed_client]), 1, count)
    largest_row = largest[:, 0] if largest.shape[1] else np.full(count, -1)
    has_largest = (largest_row >= 0) & (revenue > 0)
    largest_share = np.full(count, np.nan)
    largest_share[has_largest] = billed[largest_row[has_largest]] / revenue[has_largest]
    largest_client = np.full(count, None, dtype=object)
    largest_client[largest_row >= 0] = ctx.network.person_ids[
        billed_client[largest_row[largest_row >= 0]]
    ]

    contributors = per_member(credit_owner[credit > 0], count)
    adjacent = _adjacent(block, credit_owner, credit_person)
    contacts = block.degree + per_member(credit_owner[~adjacent], count)

    order, rank = ranked(credit_owner, (-credit, ctx.id_rank[credit_person]), count)
    sorted_owner = credit_owner[order]
    sorted_credit = credit[order].astype(np.float64)
    # the smallest number of contributors, largest first, whose credit reaches the share
    cumulative = np.cumsum(sorted_credit)
    offset = np.concatenate([[0.0], cumulative])[np.searchsorted(sorted_owner, np.arange(count))]
    within = cumulative - offset[sorted_owner]
    below = within < s.pareto_share * revenue[sorted_owner].astype(np.float64) - 1e-9
    has = revenue > 0
    needed = np.where(has, per_member(sorted_owner[below], count) + 1.0, np.nan)
    # Gini over all contacts, zeros included: ascending ranks n - k + 1 .. n for the credits
    total = per_member(sorted_owner, count, sorted_credit)
    size = np.maximum(contacts, per_member(sorted_owner, count)).astype(np.float64)
    ascending_rank = size[sorted_owner] - rank  # the largest credit has rank n
    weighted_sum = per_member(sorted_owner, count, ascending_rank * sorted_credit)
    with np.errstate(divide="ignore", invalid="ignore"):
        concentration = np.where(
            total > 0, 2.0 * weighted_sum / (size * total) - (size + 1.0) / size, np.nan
        )

    top = top_k(credit_owner, (-credit, ctx.id_rank[credit_person]), s.top_contributors, count)
    people, share = shares(top, credit_person, credit, revenue)
    client_cents = picked(top, client_part, 0)
    credit_cents = picked(top, credit, 0)

    components = {
        "network_revenue": (
            saturating(through / 100.0, s.window_revenue_target),
            s.weight_network_revenue,
        ),
        "breadth": (saturating(network_contributors, s.target_contributors), s.weight_breadth),
        "connectors": (saturating(connectors, s.target_connectors), s.weight_connectors),
    }
    numbers: dict[str, npt.NDArray[Any]] = {
        "currency": block.currency,
        "window_start": block.window_start_text(ctx.window_start),
        "revenue": revenue,
        "revenue_through_network": through,
        **{
            f"revenue_by_{kind}": per_member(owner[link == k], count, amount[link == k])
            for k, kind in enumerate(LINKS)
        },
        "revenue_credited": per_member(credit_owner, count, credit),
        "network_share": ratio(through, revenue),
        "invoices": per_member(owner, count),
        "excluded_invoices": block.excluded_invoices(ctx.window_start),
        "excluded_revenue": block.excluded_revenue(ctx.window_start),
        "clients": clients,
        "contacts": contacts,
        "contributors": contributors,
        "network_contributors": network_contributors,
        "connectors": connectors,
        "contacts_for_pareto_share": needed,
        "share_of_contacts_for_pareto_share": np.where(has, ratio(needed, contacts), np.nan),
        "pareto_share": np.full(count, s.pareto_share),
        "gini": concentration,
        "largest_client": largest_client,
        "largest_client_share": largest_share,
    }
    reasons = block.reasons(
        block.count_rows("invoices") > 0,
        Note("thin_acquisition"),
    )
    return ValueColumns(
        "acquisition",
        weighted_score(components),
        components,
        numbers,
        Contributors(
            people,
            share,
            credit_cents,
            {"as_client": client_cents, "as_referrer": credit_cents - client_cents},
        ),
        reasons,
        _Credits(credit_owner, credit, contacts),
    )


def _adjacent(block: Block, owner: Ints, person: Ints) -> npt.NDArray[np.bool_]:
    """Whether each (member position, person) pair is an edge of the projection."""
    edges = block.pairs.pack(*block.edges)
    # the rows of a canonical CSR matrix, taken in member order, come sorted already
    if np.any(edges[1:] < edges[:-1]):
        edges = np.sort(edges)
    return contains(edges, block.pairs.pack(owner, person))


def explain_acquisition(
    block: Block, columns: ValueColumns, i: int
) -> tuple[Mapping[str, Any], Sequence[str]]:
    """The Lorenz curve and the notes of the block's ``i``-th member."""
    credits: _Credits = columns.state
    mine = credits.credit[credits.owner == i].astype(np.float64)
    values = np.zeros(int(credits.contacts[i]), dtype=np.float64)
    values[: len(mine)] = mine
    numbers = columns.numbers
    notes = []
    if columns.reasons[i] is None and not numbers["revenue"][i]:
        notes.append(Note("no_revenue"))
    share = numbers["largest_client_share"][i]
    if share == share and share >= block.settings.concentration_warning:
        client = str(numbers["largest_client"][i])
        notes.append(Note("one_client", percent=round(float(100 * share)), client=client))
    notes += block.excluded_note(
        int(numbers["excluded_invoices"][i]), str(numbers["excluded_revenue"][i]), i
    )
    return {"lorenz": lorenz_points(values)}, notes
