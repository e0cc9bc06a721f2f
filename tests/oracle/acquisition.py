"""Acquisition value (aanbrengwaarde): which part of the network brings the revenue.

Revenue of the window is credited to the people who brought it: the client and the
chain of referrers before them. The credit is split in cents with the largest-remainder
method, so it always sums exactly to the revenue.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import numpy.typing as npt

from netgraph.model._network import format_cents

from .context import Scoring
from .results import (
    Component,
    Contributor,
    ValueScore,
    saturating,
    stars_for,
    weighted_score,
)

__all__ = ["acquisition", "chain_weights", "gini", "lorenz_points", "referral_chain", "split_cents"]


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


def split_cents(amount: int, weights: list[float]) -> list[int]:
    """Split an amount of cents by weights so that the parts sum exactly to it.

    Each part gets the floor of its exact share; the cents left over go one by one to
    the largest fractional remainders (earlier positions first on a tie).

    Examples
    --------
    >>> split_cents(100, [1/3, 1/3, 1/3])
    [34, 33, 33]
    """
    exact = [amount * w for w in weights]
    parts = [int(e) for e in exact]
    left = amount - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def referral_chain(
    client: int,
    day: np.datetime64,
    first_referral: dict[int, tuple[np.datetime64, int]],
    member: int,
    max_length: int,
) -> list[int]:
    """The client and the referrers before them, nearest first.

    Each step follows the first referral of a person to the member that happened no
    later than the step before it (the invoice, for the client), so a chain runs forward
    in time; it stops at the member, at a repeat, or after ``max_length`` referrers.
    """
    chain = [client]
    seen = {client, member}
    current, limit = client, day
    while len(chain) <= max_length:
        found = first_referral.get(current)
        if found is None or found[0] > limit:
            break
        when, referrer = found
        if referrer in seen:
            break
        chain.append(referrer)
        seen.add(referrer)
        current, limit = referrer, when
    return chain


def gini(values: npt.NDArray[np.float64]) -> float:
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


def lorenz_points(values: npt.NDArray[np.float64], steps: int = 10) -> list[list[float]]:
    """Points ``[share of contacts, share of revenue]`` of the Lorenz curve, poorest first."""
    n = len(values)
    total = float(values.sum())
    if n == 0 or total <= 0:
        return []
    cumulative = np.concatenate([[0.0], np.cumsum(np.sort(values))]) / total
    shares = np.linspace(0.0, 1.0, steps + 1)
    return [[float(p), float(np.interp(p * n, np.arange(n + 1), cumulative))] for p in shares]


def acquisition(ctx: Scoring, member: int) -> ValueScore:
    """Score the acquisition value of one member (see ``docs/method.md``)."""
    s = ctx.settings
    invoices = ctx.network.tables["invoices"]
    rows, excluded = ctx.invoice_rows(member, ctx.window_start)
    first_referral = _first_referrals(ctx, member)

    credit: dict[int, int] = defaultdict(int)
    as_client: dict[int, int] = defaultdict(int)
    as_referrer: dict[int, int] = defaultdict(int)
    through_network = 0
    clients = invoices["client"][rows].tolist()
    amounts = invoices["amount"][rows].tolist()
    days = invoices["date"][rows]
    chains: dict[tuple[int, np.datetime64], list[int]] = {}
    for client, amount, day in zip(clients, amounts, days, strict=True):
        key = (client, day)
        chain = chains.get(key)
        if chain is None:
            chain = referral_chain(client, day, first_referral, member, s.max_chain_length)
            chains[key] = chain
        parts = split_cents(amount, chain_weights(len(chain), s.client_share, s.referrer_decay))
        for position, (person, part) in enumerate(zip(chain, parts, strict=True)):
            credit[person] += part
            (as_client if position == 0 else as_referrer)[person] += part
        if len(chain) > 1:
            through_network += amount

    revenue = sum(amounts)
    contacts = set(ctx.neighbours(member).tolist()) | set(credit)
    contacts.discard(member)
    values = np.zeros(len(contacts), dtype=np.float64)
    ranked = sorted(credit.items(), key=lambda kv: (-kv[1], ctx.person_id(kv[0])))
    values[: len(ranked)] = [c for _, c in ranked]

    billed: dict[int, int] = defaultdict(int)
    for client, amount in zip(clients, amounts, strict=True):
        billed[client] += amount
    largest = min(billed.items(), key=lambda kv: (-kv[1], ctx.person_id(kv[0])), default=None)
    largest_share = largest[1] / revenue if largest and revenue else None

    needed = 0
    if revenue:
        cumulative = np.cumsum(values[: len(ranked)])
        needed = int(np.searchsorted(cumulative, s.pareto_share * revenue - 1e-9)) + 1
    network_share = through_network / revenue if revenue else None
    contributors = sum(1 for _, c in ranked if c > 0)

    if revenue:
        components = {
            "network_share": Component(network_share, s.weight_network_share),
            "spread": Component(1.0 - (largest_share or 0.0), s.weight_spread),
            "breadth": Component(saturating(contributors, s.target_contributors), s.weight_breadth),
        }
        score = weighted_score(components)
    else:
        components = {
            "network_share": Component(None, s.weight_network_share),
            "spread": Component(None, s.weight_spread),
            "breadth": Component(0.0, s.weight_breadth),
        }
        score = 0.0
    notes = []
    if not revenue:
        notes.append("no revenue in the window: nothing to attribute")
    if excluded:
        notes.append(
            f"{excluded} invoice(s) in another currency than {ctx.currency(member)} left out"
        )
    numbers = {
        "currency": ctx.currency(member),
        "window_start": str(ctx.window_start + np.timedelta64(1, "D")),
        "revenue": format_cents(revenue),
        "revenue_through_network": format_cents(through_network),
        "revenue_credited": format_cents(sum(credit.values())),
        "network_share": network_share,
        "invoices": len(rows),
        "clients": len(billed),
        "contacts": len(contacts),
        "contributors": contributors,
        "contacts_for_pareto_share": needed if revenue else None,
        "share_of_contacts_for_pareto_share": needed / len(contacts) if revenue else None,
        "pareto_share": s.pareto_share,
        "gini": gini(values) if revenue else None,
        "lorenz": lorenz_points(values),
        "largest_client": ctx.person_id(largest[0]) if largest else None,
        "largest_client_share": largest_share,
    }
    top = [
        Contributor(
            ctx.person_id(person),
            ctx.person_name(person),
            cents / revenue if revenue else 0.0,
            _role(as_client[person], as_referrer[person]),
            format_cents(cents),
        )
        for person, cents in ranked[: s.top_contributors]
    ]
    return ValueScore(
        "acquisition",
        score,
        stars_for(score, s.star_thresholds),
        components,
        numbers,
        tuple(top),
        tuple(notes),
    )


def _role(as_client: int, as_referrer: int) -> str:
    if as_client and as_referrer:
        return f"client ({format_cents(as_client)}) and referrer ({format_cents(as_referrer)})"
    return "client" if as_client else "referrer"


def _first_referrals(ctx: Scoring, member: int) -> dict[int, tuple[np.datetime64, int]]:
    """For every person referred to the member: the date and referrer of the first referral."""
    table = ctx.network.tables["referrals"]
    rows = ctx.rows("referrals", member)
    referred = table["referred"][rows]
    referrer = table["referrer"][rows]
    days = table["date"][rows]
    people = ctx.network.people
    # same-day referrals of one person: the referrer first by name, then id, never by row order
    order = np.lexsort(
        (people["id"][referrer].astype(str), people["name"][referrer].astype(str), days, referred)
    )
    first: dict[int, tuple[np.datetime64, int]] = {}
    for person, by, day in zip(
        referred[order].tolist(), referrer[order].tolist(), days[order], strict=True
    ):
        first.setdefault(person, (day, by))
    return first
