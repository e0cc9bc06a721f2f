"""Financial value (financiële waarde): revenue, and the aftercare that keeps it coming.

Written once, for a block of members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..output._columns import Contributors, ValueColumns
from ..output._messages import Note
from ._arrays import (
    Ints,
    contains,
    group_max,
    group_min,
    group_sum,
    lookup,
    per_member,
    picked,
    ratio,
    saturating,
    shares,
    top_k,
    unique,
    weighted_score,
)
from ._block import Block

__all__ = ["ATTENTIONS", "CHECK", "explain_financial", "financial"]

CHECK = "satisfaction_check"
# what counts as attention to a client: the nurturing the method asks for
ATTENTIONS = ("gift", "visit", "meeting", "call")


def financial(block: Block) -> ValueColumns:
    """The financial value of every member of a block (see ``docs/method.md``).

    Revenue and the aftercare that keeps it coming are each rated against the yearly
    ``revenue_target``: the revenue of the window, and the part of it from clients who
    came back, were asked how satisfied they were, or were given attention. So care
    counts in proportion to the money it looks after, no revenue means no value, and
    one more invoice or one more act of care never lowers the value.
    """
    ctx, s, count = block.ctx, block.settings, block.count
    invoices = ctx.network.tables["invoices"]
    all_rows, all_amounts = block.invoice_rows, block.invoice_amounts
    days = invoices["date"]
    in_window = days[all_rows] > ctx.window_start
    before_window = (days[all_rows] > ctx.previous_start) & ~in_window
    window = all_rows[in_window]
    amount = all_amounts[in_window]
    owner = block.owner("invoices", window)
    revenue = per_member(owner, count, amount)
    before = per_member(
        block.owner("invoices", all_rows[before_window]), count, all_amounts[before_window]
    )

    pair = block.pairs.pack(owner, invoices["client"][window])
    pair_keys, billed = group_sum(pair, amount)
    _, invoice_count = group_sum(pair, np.ones(len(pair), dtype=np.int64))
    first_day = group_min(pair, days[window].astype(np.int64), pair_keys)
    pair_owner, pair_client = block.pairs.unpack(pair_keys)
    repeat = _came_back(block, pair_keys)

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

    marks = block.window("satisfaction", s_rows, ctx.window_start)
    marks = marks[satisfaction["question"][marks] == "satisfaction"]
    mark_owner = block.owner("satisfaction", marks)
    scored = per_member(mark_owner, count)
    mean = ratio(per_member(mark_owner, count, satisfaction["score"][marks]), scored)
    low = marks[satisfaction["score"][marks] < s.satisfaction_sufficient]
    below = per_member(
        block.pairs.unpack(
            unique(block.pairs.pack(block.owner("satisfaction", low), satisfaction["client"][low]))
        )[0],
        count,
    )

    def money(part: npt.NDArray[np.bool_]) -> Ints:
        return per_member(pair_owner[part], count, billed[part])  # type: ignore[no-any-return]

    target = s.window_revenue_target
    components = {
        "revenue": (saturating(revenue / 100.0, target), s.weight_revenue),
        "repeat_revenue": (saturating(money(repeat) / 100.0, target), s.weight_repeat),
        "checked_revenue": (saturating(money(checked) / 100.0, target), s.weight_checked),
        "attention_revenue": (
            saturating(money(attention) / 100.0, target),
            s.weight_attention,
        ),
    }
    numbers: dict[str, npt.NDArray[Any]] = {
        "currency": block.currency,
        "window_start": block.window_start_text(ctx.window_start),
        "revenue": revenue,
        "revenue_previous_window": before,
        "excluded_invoices": block.excluded_invoices(ctx.window_start),
        "excluded_revenue": block.excluded_revenue(ctx.window_start),
        "trend": ratio(revenue - before, before),
        "clients": per_member(pair_owner, count),
        "repeat_clients": per_member(pair_owner[repeat], count),
        "revenue_repeat": money(repeat),
        "clients_checked": per_member(pair_owner[checked], count),
        "revenue_checked": money(checked),
        "clients_with_attention": per_member(pair_owner[attention], count),
        "revenue_attention": money(attention),
        "mean_satisfaction": mean,
        "satisfaction_scores": scored,
        "clients_below_sufficient": below,
    }
    top = top_k(pair_owner, (-billed, ctx.id_rank[pair_client]), s.top_contributors, count)
    people, share = shares(top, pair_client, billed, revenue)
    reasons = block.reasons(
        block.count_rows("invoices") > 0,
        Note("thin_financial"),
    )
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
        reasons,
    )


def _came_back(block: Block, pair_keys: Ints) -> npt.NDArray[np.bool_]:
    """Whether each (member, client) came back: billed for two projects, or over a gap.

    Two different projects make a returning client; so do invoices at least
    ``repeat_gap_days`` apart when some of them name no project (so one job billed every
    month for a few months is one job). Both only grow with more invoices.
    """
    invoices = block.ctx.network.tables["invoices"]
    rows = block.invoice_rows
    key = block.pairs.pack(block.owner("invoices", rows), invoices["client"][rows])
    days = invoices["date"][rows].astype(np.int64)
    span = group_max(key, days, pair_keys) - group_min(key, days, pair_keys)
    project = np.asarray(invoices["project"][rows], dtype=object)
    named = np.array([bool(str(p).strip()) for p in project.tolist()], dtype=bool)
    codes = np.unique(project[named].astype(str), return_inverse=True)[1].reshape(-1)
    named_key = key[named]
    order = np.lexsort((codes, named_key))
    pairs, projects = named_key[order], codes[order]
    new_project = np.diff(pairs, prepend=-1) != 0
    new_project |= np.diff(projects, prepend=-1) != 0
    keys, counts = unique(pairs[new_project], return_counts=True)
    many = lookup(keys, counts, pair_keys, 0) >= 2
    unnamed = unique(key[~named])  # the gap rule holds where a project is not named
    apart = contains(unnamed, pair_keys) & (span >= block.settings.repeat_gap_days)
    return many | apart  # type: ignore[no-any-return]


def explain_financial(
    block: Block, columns: ValueColumns, i: int
) -> tuple[Mapping[str, Any], Sequence[str]]:
    """The notes of the block's ``i``-th member."""
    numbers = columns.numbers
    notes: list[str] = []  # Notes, and any plain English text
    if columns.reasons[i] is None and not numbers["clients"][i]:
        notes.append(Note("no_invoices_aftercare"))
    if np.isnan(numbers["mean_satisfaction"][i]):
        notes.append(Note("no_marks"))
    if numbers["clients_below_sufficient"][i]:
        below = int(numbers["clients_below_sufficient"][i])
        mark = float(block.settings.satisfaction_sufficient)
        notes.append(Note("below_sufficient", count=below, mark=mark))
    notes += block.excluded_note(
        int(numbers["excluded_invoices"][i]), str(numbers["excluded_revenue"][i]), i
    )
    copies = _copied_invoices(block, i)
    if copies:
        notes.append(Note("copied_invoices", count=copies))
    return {}, notes


def _copied_invoices(block: Block, i: int) -> int:
    """How many of the ``i``-th member's invoices in the window repeat an earlier row."""
    ctx = block.ctx
    invoices = ctx.network.tables["invoices"]
    rows = block.invoice_rows
    mine = rows[(block.owner("invoices", rows) == i)]
    # a copy repeats every column, the member's and the date too: its earlier twin is
    # among the member's own rows of the same date, so those are all that is compared
    copies = mine[invoices.take(mine).copies()]
    return int(np.count_nonzero(invoices["date"][copies] > ctx.window_start))
