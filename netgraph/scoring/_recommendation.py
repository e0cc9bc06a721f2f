"""Recommendation value (aanbevelingswaarde): enough ambassadors who put the member forward.

Written once, for a block of members.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..graph.kernels import reach_of_sets
from ..model._network import format_cents
from ..output._columns import Contributors, ValueColumns
from ..output._messages import Note
from ._arrays import (
    Floats,
    Ints,
    contains,
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
from ._financial import ATTENTIONS

__all__ = ["explain_recommendation", "net_promoter_score", "recommendation", "referral_paths"]


def net_promoter_score(
    promoters: npt.ArrayLike, detractors: npt.ArrayLike, scored: npt.ArrayLike
) -> Floats:
    """NPS: percentage of promoters minus percentage of detractors (-100 to 100; NaN: none).

    Examples
    --------
    >>> net_promoter_score([2], [1], [4]).tolist()
    [25.0]
    """
    return 100.0 * ratio(
        np.asarray(promoters, dtype=np.int64) - np.asarray(detractors, dtype=np.int64),
        np.asarray(scored),
    )


def referral_paths(
    edges: dict[int, list[int]],
    limit: int = 50,
    key: Callable[[int], Any] | None = None,
) -> list[list[int]]:
    """Maximal referral paths (a root referrer to the last person referred), acyclic.

    ``edges`` maps a referrer to the people they referred. Paths start at the referrers
    nobody referred; a cycle that no such root leads to is entered at its first person.
    People are taken in the order of ``key`` (by default their number), so the paths do
    not depend on the order of the rows. At most ``limit`` paths are listed. The walk
    keeps its own stack, so a chain of any length is followed.

    Examples
    --------
    >>> referral_paths({1: [2, 3], 2: [4]})
    [[1, 2, 4], [1, 3]]
    >>> referral_paths({1: [2], 2: [1]})
    [[1, 2]]
    """
    order: Callable[[int], Any] = key or (lambda p: p)
    referred = {b for targets in edges.values() for b in targets}
    paths: list[list[int]] = []
    visited: set[int] = set()

    def walk(start: int) -> None:
        stack = [[start]]
        while stack and len(paths) < limit:
            path = stack.pop()
            visited.add(path[-1])
            on_path = set(path)
            following = sorted((b for b in edges.get(path[-1], ()) if b not in on_path), key=order)
            if not following:
                paths.append(path)
            stack.extend([*path, b] for b in reversed(following))

    for root in sorted((a for a in edges if a not in referred), key=order):
        walk(root)
    while len(paths) < limit:
        unvisited = sorted((a for a in edges if a not in visited), key=order)
        if not unvisited:
            break
        walk(unvisited[0])
    return paths


@dataclass
class _Latest:
    """The latest satisfaction score of each (member position, client) in the window."""

    keys: Ints
    scores: Floats


def _latest_answers(block: Block, since: np.datetime64) -> _Latest:
    """Latest answer to "would you recommend me?" per (member, client) in ``(since, as_of]``.

    Several answers on the same latest day are averaged, so row order never matters.
    Satisfaction marks are a different question and are not read here.
    """
    satisfaction = block.ctx.network.tables["satisfaction"]
    rows = block.rows("satisfaction", since=since)
    rows = rows[satisfaction["question"][rows] == "recommend"]
    pair = block.pairs.pack(block.owner("satisfaction", rows), satisfaction["client"][rows])
    day = satisfaction["date"][rows].astype(np.int64)
    order = np.lexsort((day, pair))
    pair, day, score = pair[order], day[order], satisfaction["score"][rows][order]
    last = np.concatenate([pair[1:] != pair[:-1], [True]]) if len(pair) else np.zeros(0, bool)
    last_day = np.repeat(day[last], np.diff(np.concatenate([[0], np.flatnonzero(last) + 1])))
    on_last = day == last_day
    keys, total = group_sum(pair[on_last], score[on_last].astype(np.float64))
    _, answers_on_day = group_sum(pair[on_last], np.ones(int(on_last.sum()), dtype=np.int64))
    return _Latest(keys, total / np.maximum(answers_on_day, 1))


def recommendation(block: Block) -> ValueColumns:
    """The recommendation value of every member of a block (see ``docs/method.md``).

    Every part is a count that only grows with more referrals, recommendations,
    promoters or attention: asking a client anything never lowers the value. The Net
    Promoter Score is reported, not scored, for the same reason, and so is the
    ambassadors' PageRank weight: PageRank is a property of the whole graph, and a tie
    or an exchange anywhere moves it a little, up or down.
    """
    ctx, s, count = block.ctx, block.settings, block.count
    since = ctx.ambassador_start
    referrals = ctx.network.tables["referrals"]
    r_rows = block.rows("referrals", since=since)
    referrer_keys, referral_counts = unique(
        block.pairs.pack(block.owner("referrals", r_rows), referrals["referrer"][r_rows]),
        return_counts=True,
    )
    recommendations = ctx.network.tables["recommendations"]
    c_rows = block.rows("recommendations", since=since)
    recommender_keys, recommendation_counts = unique(
        block.pairs.pack(block.owner("recommendations", c_rows), recommendations["by"][c_rows]),
        return_counts=True,
    )
    latest = _latest_answers(block, since)
    promoters = latest.keys[latest.scores >= s.promoter_min]
    detractors = latest.keys[latest.scores <= s.detractor_max]

    ambassadors = unique(np.concatenate([referrer_keys, recommender_keys, promoters]))
    amb_owner, amb_person = block.pairs.unpack(ambassadors)
    answers = per_member(block.pairs.unpack(latest.keys)[0], count)
    detractor_count = per_member(block.pairs.unpack(detractors)[0], count)
    nps = net_promoter_score(
        per_member(block.pairs.unpack(promoters)[0], count), detractor_count, answers
    )
    reach, measurable = _reach(block, amb_owner, amb_person)
    pagerank = ctx.pagerank
    weight = per_member(amb_owner, count, pagerank[amb_person]) * ctx.pagerank_scale
    amb_count = per_member(amb_owner, count)

    interactions = ctx.network.tables["interactions"]
    i_rows = block.rows("interactions", since=ctx.window_start)
    i_rows = i_rows[np.isin(interactions["kind"][i_rows], ATTENTIONS)]
    cared = unique(
        block.pairs.pack(block.owner("interactions", i_rows), interactions["contact"][i_rows])
    )
    nurtured = contains(cared, ambassadors)

    components = {
        "ambassadors": (saturating(amb_count, s.target_ambassadors), s.weight_ambassadors),
        "reach": (np.where(measurable, saturating(reach, s.target_reach), np.nan), s.weight_reach),
        "nurtured": (
            saturating(per_member(amb_owner[nurtured], count), s.target_nurtured),
            s.weight_nurtured,
        ),
    }
    numbers: dict[str, npt.NDArray[Any]] = {
        "window_start": block.window_start_text(since),
        "ambassadors": amb_count,
        "referrers": per_member(block.pairs.unpack(referrer_keys)[0], count),
        "recommenders": per_member(block.pairs.unpack(recommender_keys)[0], count),
        "promoters": per_member(block.pairs.unpack(promoters)[0], count),
        "nurtured": per_member(amb_owner[nurtured], count),
        "recommend_answers": answers,
        "detractors": detractor_count,
        "nps": nps,
        "reach": np.where(measurable, reach, np.nan),
        "ambassador_weight": weight,
    }
    referred = lookup(referrer_keys, referral_counts, ambassadors, 0)
    recommended = lookup(recommender_keys, recommendation_counts, ambassadors, 0)
    acts = referred + recommended + contains(promoters, ambassadors)
    top = top_k(
        amb_owner,
        (-acts, -pagerank[amb_person], ctx.id_rank[amb_person]),
        s.top_contributors,
        count,
    )
    total = per_member(amb_owner, count, pagerank[amb_person])
    people, share = shares(top, amb_person, pagerank[amb_person], np.where(total > 0, total, 1.0))
    satisfaction = ctx.network.tables["satisfaction"]
    asked = block.rows("satisfaction")
    asked = asked[satisfaction["question"][asked] == "recommend"]
    ever = (
        block.count_rows("referrals")
        + block.count_rows("recommendations")
        + per_member(block.owner("satisfaction", asked), count)
    )
    reasons = block.reasons(
        ever > 0,
        Note("thin_recommendation"),
    )
    return ValueColumns(
        "recommendation",
        # reach can only raise the value: a small reach, once the data can show it, is no
        # worse than one it cannot show (so a referral that makes it measurable never lowers)
        np.maximum(
            weighted_score(components),
            weighted_score({k: v for k, v in components.items() if k != "reach"}),
        ),
        components,
        numbers,
        Contributors(
            people,
            share,
            None,
            {
                "referrals": picked(top, referred, 0),
                "recommendations": picked(top, recommended, 0),
                "would_recommend": picked(
                    top, lookup(latest.keys, latest.scores, ambassadors, np.nan), np.nan
                ),
            },
        ),
        reasons,
    )


def _reach(block: Block, owner: Ints, person: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
    """Per member: people within two steps of the ambassadors, and whether that is known.

    Reach is known when an ambassador has a tie or an exchange with someone besides the
    member: data without ties between contacts (a LinkedIn or CRM export, where a few
    referrals are the only links between contacts) cannot show it, and then it is left
    out rather than scored 0.
    """
    adjacency = block.ctx.adjacency
    known = _knows_others(block, owner, person)
    measurable = per_member(owner[known], block.count) > 0
    # around the member, not through them: a referral never shrinks it
    reach = reach_of_sets(adjacency, owner, person, block.members, leave_out="centre")
    return reach, measurable


def _knows_others(block: Block, owner: Ints, person: Ints) -> npt.NDArray[np.bool_]:
    """Whether each ambassador has a tie or an exchange with someone besides their member.

    Each person's lowest and highest partner say it: someone besides the member is among
    the partners unless both are the member.
    """
    ctx = block.ctx

    def partner_range() -> tuple[Ints, Ints]:
        ties, exchanges = ctx.network.tables["ties"], ctx.network.tables["exchanges"]
        ends = (ties["a"], ties["b"], exchanges["from"], exchanges["to"])
        # one integer type throughout and no joined copy: numpy's fast path of ufunc.at
        kind = np.result_type(*ends)
        size = ctx.network.size
        lowest = np.full(size, size, dtype=kind)
        highest = np.full(size, -1, dtype=kind)
        for one, other in ((0, 1), (1, 0), (2, 3), (3, 2)):
            person, partner = (
                ends[one].astype(kind, copy=False),
                ends[other].astype(kind, copy=False),
            )
            np.minimum.at(lowest, person, partner)
            np.maximum.at(highest, person, partner)
        return lowest.astype(np.int64), highest.astype(np.int64)

    lowest, highest = ctx.shared("partner_range", partner_range)
    member = block.members[owner]
    known: npt.NDArray[np.bool_] = (highest[person] >= 0) & (
        (lowest[person] != member) | (highest[person] != member)
    )
    return known


def explain_recommendation(
    block: Block, columns: ValueColumns, i: int
) -> tuple[Mapping[str, Any], Sequence[str]]:
    """The referral chains and the notes of the block's ``i``-th member."""
    ctx = block.ctx
    member = int(block.members[i])
    one = Block(ctx, [member])
    referrals = ctx.network.tables["referrals"]
    rows = one.rows("referrals")
    edges: dict[int, list[int]] = defaultdict(list)
    for a, b in zip(
        referrals["referrer"][rows].tolist(), referrals["referred"][rows].tolist(), strict=True
    ):
        if b not in edges[a]:
            edges[a].append(b)
    invoices = ctx.network.tables["invoices"]
    clients, billed = group_sum(
        invoices["client"][one.invoice_rows].astype(np.int64), one.invoice_amounts
    )
    revenue = dict(zip(clients.tolist(), billed.tolist(), strict=True))
    ids = ctx.network.person_ids
    paths = referral_paths(dict(edges), key=lambda p: str(ids[p]))
    brought = [(sum(revenue.get(p, 0) for p in path[1:]), path) for path in paths]
    brought.sort(key=lambda c: (-c[0], -len(c[1]), [str(ids[p]) for p in c[1]]))
    top_chains = [
        {
            "people": [str(ids[p]) for p in path],
            "length": len(path) - 1,
            "revenue": format_cents(cents),
        }
        for cents, path in brought[: block.settings.top_contributors]
    ]
    numbers = columns.numbers
    notes = []
    if numbers["reach"][i] != numbers["reach"][i]:
        notes.append(Note("no_reach"))
    if numbers["detractors"][i]:
        notes.append(
            Note(
                "detractors",
                count=int(numbers["detractors"][i]),
                mark=f"{block.settings.detractor_max:g}",
            )
        )
    lists = {
        "chains": len(paths),
        "longest_chain": max((len(p) - 1 for p in paths), default=0),
        "top_chains": top_chains,
    }
    return lists, notes
