"""Recommendation value (aanbevelingswaarde): enough ambassadors who put the member forward."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from netgraph.graph.kernels import within_two_steps
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

__all__ = ["latest_scores", "net_promoter_score", "recommendation", "referral_paths"]


def net_promoter_score(scores: npt.NDArray[np.float64], promoter: float, detractor: float) -> float:
    """NPS: percentage of promoters minus percentage of detractors (-100 to 100).

    Examples
    --------
    >>> net_promoter_score(np.array([10.0, 9.0, 7.0, 3.0]), 9, 6)
    25.0
    """
    n = len(scores)
    promoters = int(np.count_nonzero(scores >= promoter))
    detractors = int(np.count_nonzero(scores <= detractor))
    return 100.0 * (promoters - detractors) / n


def latest_scores(ctx: Scoring, member: int, since: np.datetime64) -> dict[int, float]:
    """The latest satisfaction score of every client of the member in ``(since, as_of]``.

    Several scores on the same latest day are averaged, so row order never matters.
    """
    table = ctx.network.tables["satisfaction"]
    rows = ctx.rows("satisfaction", member, since)
    latest: dict[int, tuple[np.datetime64, list[float]]] = {}
    for client, day, score in zip(
        table["client"][rows].tolist(),
        table["date"][rows],
        table["score"][rows].tolist(),
        strict=True,
    ):
        seen = latest.get(client)
        if seen is None or day > seen[0]:
            latest[client] = (day, [score])
        elif day == seen[0]:
            seen[1].append(score)
    return {client: sum(v) / len(v) for client, (_, v) in latest.items()}


def referral_paths(
    edges: dict[int, list[int]],
    limit: int = 50,
    key: Callable[[int], Any] | None = None,
) -> list[list[int]]:
    """Maximal referral paths (a root referrer to the last person referred), acyclic.

    ``edges`` maps a referrer to the people they referred. Paths start at the referrers
    nobody referred; a cycle that no such root leads to is entered at its first person.
    People are taken in the order of ``key`` (by default their number), so the paths do
    not depend on the order of the rows. At most ``limit`` paths are listed.

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

    def walk(path: list[int]) -> None:
        visited.add(path[-1])
        if len(paths) >= limit:
            return
        following = sorted((b for b in edges.get(path[-1], ()) if b not in path), key=order)
        if not following:
            paths.append(path)
            return
        for b in following:
            walk([*path, b])

    for root in sorted((a for a in edges if a not in referred), key=order):
        walk([root])
    while len(paths) < limit:
        unvisited = sorted((a for a in edges if a not in visited), key=order)
        if not unvisited:
            break
        walk([unvisited[0]])
    return paths


def recommendation(ctx: Scoring, member: int) -> ValueScore:
    """Score the recommendation value of one member (see ``docs/method.md``)."""
    s = ctx.settings
    since = ctx.ambassador_start
    referrals = ctx.network.tables["referrals"]
    recommendations = ctx.network.tables["recommendations"]

    referral_rows = ctx.rows("referrals", member, since)
    referred_by: dict[int, int] = defaultdict(int)
    for person in referrals["referrer"][referral_rows].tolist():
        referred_by[person] += 1
    recommended_by: dict[int, int] = defaultdict(int)
    recommendation_rows = ctx.rows("recommendations", member, since)
    for person in recommendations["by"][recommendation_rows].tolist():
        recommended_by[person] += 1
    scores = latest_scores(ctx, member, since)
    promoters = {p for p, v in scores.items() if v >= s.promoter_min}
    ambassadors = sorted(set(referred_by) | set(recommended_by) | promoters)
    nps = (
        net_promoter_score(np.array(list(scores.values())), s.promoter_min, s.detractor_max)
        if scores
        else None
    )

    n = ctx.network.size
    pagerank = ctx.pagerank
    if ambassadors:
        near = within_two_steps(ctx.adjacency, np.asarray(ambassadors, dtype=np.int64))
        near[ctx.neighbours(member)] = False
        near[member] = False
        reach = int(np.count_nonzero(near))
        weight = math.fsum(pagerank[ambassadors].tolist()) * n
    else:
        reach, weight = 0, 0.0

    paths, revenue_of = _chains(ctx, member)
    components = {
        "ambassadors": Component(
            saturating(len(ambassadors), s.target_ambassadors), s.weight_ambassadors
        ),
        "reach": Component(saturating(reach, s.target_reach), s.weight_reach),
        "nps": Component(None if nps is None else (nps + 100.0) / 200.0, s.weight_nps),
        "ambassador_weight": Component(
            saturating(weight, s.target_ambassador_weight), s.weight_ambassador_weight
        ),
    }
    score = weighted_score(components)
    ranked = sorted(
        ambassadors,
        key=lambda p: (
            -(referred_by.get(p, 0) + recommended_by.get(p, 0) + (p in promoters)),
            -pagerank[p],
            ctx.person_id(p),
        ),
    )
    total_weight = math.fsum(pagerank[ambassadors].tolist()) or 1.0
    top = [
        Contributor(
            ctx.person_id(p),
            ctx.person_name(p),
            float(pagerank[p]) / total_weight,
            _acts(referred_by.get(p, 0), recommended_by.get(p, 0), scores.get(p)),
        )
        for p in ranked[: s.top_contributors]
    ]
    brought = [(sum(revenue_of.get(p, 0) for p in path[1:]), path) for path in paths]
    brought.sort(key=lambda c: (-c[0], -len(c[1]), [ctx.person_id(p) for p in c[1]]))
    chains = [
        {
            "people": [ctx.person_id(p) for p in path],
            "length": len(path) - 1,
            "revenue": format_cents(cents),
        }
        for cents, path in brought[: s.top_contributors]
    ]
    notes = [] if scores else ["no satisfaction scores in the window: NPS left out"]
    numbers = {
        "window_start": str(since + np.timedelta64(1, "D")),
        "ambassadors": len(ambassadors),
        "referrers": len(referred_by),
        "recommenders": len(recommended_by),
        "promoters": len(promoters),
        "scored_clients": len(scores),
        "nps": nps,
        "reach": reach,
        "ambassador_weight": weight,
        "chains": len(paths),
        "longest_chain": max((len(p) - 1 for p in paths), default=0),
        "top_chains": chains,
    }
    return ValueScore(
        "recommendation",
        score,
        stars_for(score, s.star_thresholds),
        components,
        numbers,
        tuple(top),
        tuple(notes),
    )


def _acts(referrals: int, recommendations: int, score: float | None) -> str:
    parts = []
    if referrals:
        parts.append(f"{referrals} referral{'s' if referrals > 1 else ''}")
    if recommendations:
        parts.append(f"{recommendations} recommendation{'s' if recommendations > 1 else ''}")
    if score is not None:
        parts.append(f"satisfaction {score:g}")
    return ", ".join(parts)


def _chains(ctx: Scoring, member: int) -> tuple[list[list[int]], dict[int, int]]:
    """Referral paths of the member up to ``as_of``, and each person's revenue to date."""
    referrals = ctx.network.tables["referrals"]
    rows = ctx.rows("referrals", member)
    edges: dict[int, list[int]] = defaultdict(list)
    for a, b in zip(
        referrals["referrer"][rows].tolist(), referrals["referred"][rows].tolist(), strict=True
    ):
        if b not in edges[a]:
            edges[a].append(b)
    invoices = ctx.network.tables["invoices"]
    invoice_rows, _ = ctx.invoice_rows(member)
    revenue: dict[int, int] = defaultdict(int)
    for client, amount in zip(
        invoices["client"][invoice_rows].tolist(),
        invoices["amount"][invoice_rows].tolist(),
        strict=True,
    ):
        revenue[client] += amount
    return referral_paths(dict(edges), key=ctx.person_id), revenue
