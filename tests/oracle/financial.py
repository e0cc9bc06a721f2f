"""Financial value (financiële waarde): revenue, and the aftercare that keeps it coming."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from netgraph.model._network import format_cents

from .context import Scoring
from .results import Component, Contributor, ValueScore, stars_for, weighted_score

__all__ = ["financial", "revenue_rating"]

CHECK = "satisfaction_check"
ATTENTIONS = ("gift", "visit")


def revenue_rating(revenue: float, target: float) -> float:
    """0-1 on a logarithmic scale: ``log(1 + revenue) / log(1 + target)``, capped at 1.

    A logarithm, because the first thousands matter more than the last; it never falls
    when revenue rises.

    Examples
    --------
    >>> revenue_rating(0, 100_000)
    0.0
    >>> revenue_rating(100_000, 100_000)
    1.0
    """
    if revenue <= 0:
        return 0.0
    if target <= 0:
        return 1.0
    return min(1.0, math.log1p(revenue) / math.log1p(target))


def financial(ctx: Scoring, member: int) -> ValueScore:
    """Score the financial value of one member (see ``docs/method.md``)."""
    s = ctx.settings
    invoices = ctx.network.tables["invoices"]
    all_rows, _ = ctx.invoice_rows(member)
    rows, excluded = ctx.invoice_rows(member, ctx.window_start)
    days = invoices["date"]
    previous = all_rows[
        (days[all_rows] > ctx.previous_start) & (days[all_rows] <= ctx.window_start)
    ]
    revenue = int(invoices["amount"][rows].sum())
    revenue_before = int(invoices["amount"][previous].sum())

    billed: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    first_in_window: dict[int, np.datetime64] = {}
    for client, amount, day in zip(
        invoices["client"][rows].tolist(),
        invoices["amount"][rows].tolist(),
        days[rows],
        strict=True,
    ):
        billed[client] += amount
        count[client] += 1
        if client not in first_in_window or day < first_in_window[client]:
            first_in_window[client] = day
    dates_of: dict[int, set[np.datetime64]] = defaultdict(set)
    for client, day in zip(invoices["client"][all_rows].tolist(), days[all_rows], strict=True):
        dates_of[client].add(day)
    repeat = {c for c in billed if len(dates_of[c]) >= 2}

    interactions = ctx.network.tables["interactions"]
    checked: set[int] = set()
    attention: set[int] = set()
    for contact, kind, day in zip(
        interactions["contact"][i_rows := ctx.rows("interactions", member)].tolist(),
        interactions["kind"][i_rows].tolist(),
        interactions["date"][i_rows],
        strict=True,
    ):
        if contact not in billed:
            continue
        if kind == CHECK and day >= first_in_window[contact]:
            checked.add(contact)
        if kind in ATTENTIONS and day > ctx.window_start:
            attention.add(contact)
    satisfaction = ctx.network.tables["satisfaction"]
    s_rows = ctx.rows("satisfaction", member)
    for client, day in zip(
        satisfaction["client"][s_rows].tolist(), satisfaction["date"][s_rows], strict=True
    ):
        if client in billed and day >= first_in_window[client]:
            checked.add(client)
    window_scores = satisfaction["score"][ctx.rows("satisfaction", member, ctx.window_start)]
    mean_satisfaction = float(window_scores.mean()) if len(window_scores) else None

    clients = len(billed)

    def share(part: set[int]) -> float | None:
        return len(part) / clients if clients else None

    components = {
        "revenue": Component(revenue_rating(revenue / 100, s.revenue_target), s.weight_revenue),
        "repeat_clients": Component(share(repeat), s.weight_repeat),
        "satisfaction_checked": Component(share(checked), s.weight_checked),
        "attention_given": Component(share(attention), s.weight_attention),
        "satisfaction": Component(
            None if mean_satisfaction is None or not clients else mean_satisfaction / 10.0,
            s.weight_satisfaction,
        ),
    }
    # without clients in the window there is nothing to care for: only revenue (0) is rated
    score = weighted_score(components)
    trend = (revenue - revenue_before) / revenue_before if revenue_before else None
    numbers = {
        "currency": ctx.currency(member),
        "window_start": str(ctx.window_start + np.timedelta64(1, "D")),
        "revenue": format_cents(revenue),
        "revenue_previous_window": format_cents(revenue_before),
        "trend": trend,
        "clients": clients,
        "repeat_clients": len(repeat),
        "clients_checked": len(checked),
        "clients_with_attention": len(attention),
        "mean_satisfaction": mean_satisfaction,
        "satisfaction_scores": len(window_scores),
    }
    ranked = sorted(billed.items(), key=lambda kv: (-kv[1], ctx.person_id(kv[0])))
    top = [
        Contributor(
            ctx.person_id(c),
            ctx.person_name(c),
            cents / revenue if revenue else 0.0,
            f"{count[c]} invoice{'s' if count[c] > 1 else ''}; "
            f"satisfaction asked: {'yes' if c in checked else 'no'}; "
            f"attention given: {'yes' if c in attention else 'no'}",
            format_cents(cents),
        )
        for c, cents in ranked[: s.top_contributors]
    ]
    notes = []
    if not clients:
        notes.append("no invoices in the window")
    if mean_satisfaction is None:
        notes.append("no satisfaction scores in the window")
    if excluded:
        notes.append(
            f"{excluded} invoice(s) in another currency than {ctx.currency(member)} left out"
        )
    return ValueScore(
        "financial",
        score,
        stars_for(score, s.star_thresholds),
        components,
        numbers,
        tuple(top),
        tuple(notes),
    )
