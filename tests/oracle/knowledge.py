"""Knowledge value (kenniswaarde): feedback, experience and peer exchange through groups."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from netgraph.graph.kernels import constraint, effective_size

from .context import Scoring
from .results import (
    Component,
    Contributor,
    ValueScore,
    saturating,
    stars_for,
    weighted_score,
)

__all__ = ["active_memberships", "knowledge"]


def active_memberships(ctx: Scoring) -> np.ndarray:
    """Rows of memberships active on ``as_of`` (started by then, not ended before)."""
    table = ctx.network.tables["memberships"]
    since, until = table["since"], table["until"]
    active = (np.isnat(since) | (since <= ctx.as_of)) & (np.isnat(until) | (until >= ctx.as_of))
    return np.flatnonzero(active)


def knowledge(ctx: Scoring, member: int) -> ValueScore:
    """Score the knowledge value of one member (see ``docs/method.md``)."""
    s = ctx.settings
    memberships = ctx.network.tables["memberships"]
    active = active_memberships(ctx)
    person, group = memberships["person"][active], memberships["group"][active]
    groups = np.unique(group[person == member])
    in_groups = np.isin(group, groups)
    peers = set(person[in_groups].tolist()) - {member}
    shared_groups: dict[int, int] = defaultdict(int)
    for p, _ in sorted(
        set(zip(person[in_groups].tolist(), group[in_groups].tolist(), strict=True))
    ):
        shared_groups[p] += 1

    exchanges = ctx.network.tables["exchanges"]
    rows = ctx.rows("exchanges", None, ctx.window_start)
    sender, receiver = exchanges["from"][rows], exchanges["to"][rows]
    mine = (sender == member) | (receiver == member)
    given_to: dict[int, int] = defaultdict(int)
    received_from: dict[int, int] = defaultdict(int)
    for a, b in zip(sender[mine].tolist(), receiver[mine].tolist(), strict=True):
        if a == member:
            given_to[b] += 1
        else:
            received_from[a] += 1
    partners = set(given_to) | set(received_from)
    mutual = set(given_to) & set(received_from)
    kinds = sorted(set(exchanges["kind"][rows][mine].tolist()))
    given, received = sum(given_to.values()), sum(received_from.values())

    neighbours = ctx.neighbours(member)
    labels = ctx.communities
    reached = len(set(labels[neighbours].tolist()))
    if len(neighbours):
        nodes = np.array([member])
        size = float(effective_size(ctx.adjacency, nodes=nodes)[0])
        burt = float(constraint(ctx.adjacency, nodes=nodes)[0])
    else:
        size, burt = 0.0, float("nan")
    diversity = 0.5 * saturating(reached, s.target_communities) + 0.5 * saturating(
        size, s.target_effective_size
    )

    components = {
        "groups": Component(saturating(len(groups), s.target_groups), s.weight_groups),
        "peers": Component(saturating(len(peers), s.target_peers), s.weight_peers),
        "exchanges": Component(
            saturating(given + received, s.target_exchanges), s.weight_exchanges
        ),
        "reciprocity": Component(
            len(mutual) / len(partners) if partners else None, s.weight_reciprocity
        ),
        "diversity": Component(diversity, s.weight_diversity),
    }
    score = weighted_score(components)
    numbers = {
        "window_start": str(ctx.window_start + np.timedelta64(1, "D")),
        "active_groups": [str(ctx.network.groups["id"][g]) for g in groups.tolist()],
        "peers_in_groups": len(peers),
        "exchanges_given": given,
        "exchanges_received": received,
        "exchange_partners": len(partners),
        "mutual_partners": len(mutual),
        "exchange_kinds": kinds,
        "communities_reached": reached,
        "effective_size": size,
        "constraint": burt,
        "contacts": len(neighbours),
    }
    total = given + received
    ranked = sorted(
        partners,
        key=lambda p: (
            -(given_to.get(p, 0) + received_from.get(p, 0)),
            -shared_groups.get(p, 0),
            ctx.person_id(p),
        ),
    )
    top = [
        Contributor(
            ctx.person_id(p),
            ctx.person_name(p),
            (given_to.get(p, 0) + received_from.get(p, 0)) / total if total else 0.0,
            f"gave {received_from.get(p, 0)}, received {given_to.get(p, 0)}; "
            f"shared groups: {shared_groups.get(p, 0)}",
        )
        for p in ranked[: s.top_contributors]
    ]
    notes = []
    if not len(groups):
        notes.append("no active group memberships")
    if not partners:
        notes.append("no knowledge exchanges in the window")
    return ValueScore(
        "knowledge",
        score,
        stars_for(score, s.star_thresholds),
        components,
        numbers,
        tuple(top),
        tuple(notes),
    )
