"""Financial value (financiële waarde): revenue, and the aftercare that keeps it coming.

Written once, for a block of members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..output._columns import Contributors, ValueColumns
from ._arrays import (
    Floats,
    group_max,
    group_min,
    group_sum,
    lookup,
    per_member,
    picked,
    ratio,
    shares,
    top_k,
    unique,
    weighted_score,
)
from ._block import Block

__all__ = ["ATTENTIONS", "CHECK", "explain_financial", "financial", "revenue_rating"]

CHECK = "satisfaction_check"
ATTENTIONS = ("gift", "visit")


def revenue_rating(revenue: npt.ArrayLike, target: float) -> Floats:
    """0-1 on a logarithmic scale: ``log(1 + revenue) / log(1 + target)``, capped at 1.

    A logarithm, because the first thousands matter more than the last; it never falls
    when revenue rises.

    Examples
    --------
    >>> revenue_rating([0, 100_000, 1e9], 100_000).tolist()
    [0.0, 1.0, 1.0]
    """
    value = np.asarray(revenue, dtype=np.float64)
    if target <= 0:
        return np.where(value > 0, 1.0, 0.0)
    rating = np.minimum(1.0, np.log1p(np.maximum(value, 0.0)) / np.log1p(target))
    return np.where(value > 0, rating, 0.0)


def financial(block: Block) -> ValueColumns:
    """The financial value of every member of a block (see ``docs/method.md``)."""
    ctx, s, count = block.ctx, block.settings, block.count
    invoices = ctx.network.tables["invoices"]
    all_rows = block.invoice_rows
    days = invoices["date"]
    window = all_rows[days[all_rows] > ctx.window_start]
    previous = all_rows[
        (days[all_rows] > ctx.previous_start) & (days[all_rows] <= ctx.window_start)
    ]
    owner = block.owner("invoices", window)
    amount = invoices["amount"][window].astype(np.int64)
    revenue = per_member(owner, count, amount)
    before = per_member(
        block.owner("invoices", previous), count, invoices["amount"][previous].astype(np.int64)
    )

    pair = block.pairs.pack(owner, invoices["client"][window])
    pair_keys, billed = group_sum(pair, amount)
    _, invoice_count = group_sum(pair, np.ones(len(pair), dtype=np.int64))
    first_day = group_min(pair, days[window].astype(np.int64), pair_keys)
    pair_owner, pair_client = block.pairs.unpack(pair_keys)

    # a client came back when billed on at least two different days up to as_of
    all_pair = block.pairs.pack(block.owner("invoices", all_rows), invoices["client"][all_rows])
    order = np.lexsort((days[all_rows].astype(np.int64), all_pair))
    day_sorted = days[all_rows].astype(np.int64)[order]
    pair_sorted = all_pair[order]
    new_day = (
        np.concatenate([[True], (pair_sorted[1:] != pair_sorted[:-1]) | (np.diff(day_sorted) != 0)])
        if len(order)
        else np.zeros(0, dtype=bool)
    )
    date_pairs, date_counts = unique(pair_sorted[new_day], return_counts=True)
    repeat = lookup(date_pairs, date_counts, pair_keys, 0) >= 2

    interactions = ctx.network.tables["interactions"]
    i_rows = block.rows("interactions")
    i_pair = block.pairs.pack(block.owner("interactions", i_rows), interactions["contact"][i_rows])
    i_day = interactions["date"][i_rows].astype(np.int64)
    kind = interactions["kind"][i_rows]
    satisfaction = ctx.network.tables["satisfaction"]
    s_rows = block.rows("satisfaction")
    s_pair = block.pairs.pack(block.owner("satisfaction", s_rows), satisfaction["client"][s_rows])
    checks = np.concatenate([i_pair[kind == CHECK], s_pair])
    check_days = np.concatenate(
        [i_day[kind == CHECK], satisfaction["date"][s_rows].astype(np.int64)]
    )
    checked = group_max(checks, check_days, pair_keys) >= first_day
    attention_pairs = unique(
        i_pair[np.isin(kind, ATTENTIONS) & (i_day > ctx.window_start.astype(np.int64))]
    )
    attention = np.isin(pair_keys, attention_pairs)

    clients = per_member(pair_owner, count)
    window_scores = block.window("satisfaction", s_rows, ctx.window_start)
    score_owner = block.owner("satisfaction", window_scores)
    scored = per_member(score_owner, count)
    mean = ratio(per_member(score_owner, count, satisfaction["score"][window_scores]), scored)

    has = clients > 0
    components = {
        "revenue": (revenue_rating(revenue / 100, s.revenue_target), s.weight_revenue),
        "repeat_clients": (ratio(per_member(pair_owner[repeat], count), clients), s.weight_repeat),
        "satisfaction_checked": (
            ratio(per_member(pair_owner[checked], count), clients),
            s.weight_checked,
        ),
        "attention_given": (
            ratio(per_member(pair_owner[attention], count), clients),
            s.weight_attention,
        ),
        # without clients in the window there is nothing to care for: only revenue is rated
        "satisfaction": (np.where(has, mean / 10.0, np.nan), s.weight_satisfaction),
    }
    numbers: dict[str, npt.NDArray[Any]] = {
        "currency": block.currency,
        "window_start": block.window_start_text(ctx.window_start),
        "revenue": revenue,
        "revenue_previous_window": before,
        "excluded_invoices": block.excluded_invoices(ctx.window_start),
        "trend": ratio(revenue - before, before),
        "clients": clients,
        "repeat_clients": per_member(pair_owner[repeat], count),
        "clients_checked": per_member(pair_owner[checked], count),
        "clients_with_attention": per_member(pair_owner[attention], count),
        "mean_satisfaction": mean,
        "satisfaction_scores": scored,
    }
    top = top_k(pair_owner, (-billed, ctx.id_rank[pair_client]), s.top_contributors, count)
    people, share = shares(top, pair_client, billed, revenue)
    return ValueColumns(
        "financial",
        weighted_score(components),
        components,
        numbers,
        Contributors(
            people,
            share,
            picked(top, billed, 0),
            {
                "invoices": picked(top, invoice_count, 0),
                "checked": picked(top, checked, False),
                "attention": picked(top, attention, False),
            },
        ),
    )


def explain_financial(
    block: Block, columns: ValueColumns, i: int
) -> tuple[Mapping[str, Any], Sequence[str]]:
    """The notes of the block's ``i``-th member."""
    numbers = columns.numbers
    notes = []
    if not numbers["clients"][i]:
        notes.append("no invoices in the window")
    if np.isnan(numbers["mean_satisfaction"][i]):
        notes.append("no satisfaction scores in the window")
    notes += block.excluded_note(int(numbers["excluded_invoices"][i]), i)
    return {}, notes
