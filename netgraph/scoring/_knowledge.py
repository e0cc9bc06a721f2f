"""Knowledge value (kenniswaarde): feedback, experience and peer exchange through groups.

Written once, for a block of members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..graph.kernels import constraint, effective_size
from ..model._schema import EXCHANGE_KINDS
from ..output._columns import Contributors, ValueColumns
from ..output._messages import Note
from ._arrays import (
    Ints,
    KeySpace,
    contains,
    lookup,
    per_member,
    picked,
    saturating,
    shares,
    slices,
    stable_order,
    top_k,
    unique,
    weighted_score,
)
from ._block import Block
from ._context import Scoring

__all__ = ["Memberships", "explain_knowledge", "knowledge", "memberships"]


@dataclass(frozen=True)
class Memberships:
    """The memberships active on ``as_of``: distinct (person, group) pairs.

    ``keys`` are the pairs packed by ``space`` (person, group), sorted; ``size`` is
    each group's number of members; ``by_group`` lists the pairs group by group, the
    members of group ``g`` from ``group_start[g]``; ``any`` says whether the data has
    memberships at all (without them, "be part of groups" has no data rather than a
    poor rating).
    """

    space: KeySpace
    keys: Ints
    person: Ints
    group: Ints
    size: Ints
    by_group: Ints
    group_start: Ints
    any: bool


def memberships(ctx: Scoring) -> Memberships:
    """The active memberships of the network on the context's date (made once)."""

    def make() -> Memberships:
        table = ctx.network.tables["memberships"]
        since, until = table["since"], table["until"]
        active = np.flatnonzero(
            (np.isnat(since) | (since <= ctx.as_of)) & (np.isnat(until) | (until >= ctx.as_of))
        )
        groups = max(1, len(ctx.network.groups))
        space = KeySpace(ctx.network.size, groups)
        keys = unique(space.pack(table["person"][active], table["group"][active]))
        person, group = space.unpack(keys)
        size = np.bincount(group, minlength=groups).astype(np.int64)
        return Memberships(
            space,
            keys,
            person,
            group,
            size,
            stable_order(group),
            np.concatenate([[0], np.cumsum(size)]),
            len(table) > 0 and len(active) > 0,
        )

    return ctx.shared("memberships", make)


def _groups_and_peers(block: Block, active: Memberships) -> tuple[Ints, Ints, Ints, Ints]:
    """Per member: active groups and peers; and the (member position, group) pairs."""
    count = block.count
    mine = block.position[active.person] >= 0
    owner, group = block.position[active.person[mine]], active.group[mine]
    groups = per_member(owner, count)
    peers = np.zeros(count, dtype=np.int64)
    single = groups == 1
    first_group = np.full(count, -1, dtype=np.int64)
    first_group[owner] = group
    peers[single] = active.size[first_group[single]] - 1
    # a member of several groups: the distinct people of all of them, but the member
    many = np.flatnonzero((groups > 1)[owner])
    slot, at = slices(active.group_start[group[many]], active.group_start[group[many] + 1])
    member_of, peer = owner[many][slot], active.person[active.by_group[at]]
    space = KeySpace(count, block.ctx.network.size)
    member_of, peer = space.unpack(unique(space.pack(member_of, peer)))
    not_self = peer != block.members[member_of]
    peers[groups > 1] = per_member(member_of[not_self], count)[groups > 1]
    return groups, peers, owner, group


def knowledge(block: Block) -> ValueColumns:
    """The knowledge value of every member of a block (see ``docs/method.md``)."""
    ctx, s, count = block.ctx, block.settings, block.count
    active = memberships(ctx)
    groups, peers, own_owner, own_group = _groups_and_peers(block, active)

    exchanges = ctx.network.tables["exchanges"]
    rows = np.union1d(
        block.rows("exchanges", "from", since=ctx.window_start),
        block.rows("exchanges", "to", since=ctx.window_start),
    )
    sender = exchanges["from"][rows].astype(np.int64)
    receiver = exchanges["to"][rows].astype(np.int64)
    kind = _kind_codes(exchanges["kind"][rows])
    sent, got = block.position[sender] >= 0, block.position[receiver] >= 0
    giver, taker = block.position[sender[sent]], block.position[receiver[got]]
    given, received = per_member(giver, count), per_member(taker, count)
    given_keys, given_counts = unique(block.pairs.pack(giver, receiver[sent]), return_counts=True)
    got_keys, got_counts = unique(block.pairs.pack(taker, sender[got]), return_counts=True)
    partner_keys = unique(np.concatenate([given_keys, got_keys]))
    mutual_keys = got_keys[contains(given_keys, got_keys)]
    partner_owner, partner = block.pairs.unpack(partner_keys)
    partners = per_member(partner_owner, count)
    kinds = KeySpace(count, len(EXCHANGE_KINDS))
    kind_keys = unique(
        np.concatenate([kinds.pack(giver, kind[sent]), kinds.pack(taker, kind[got])])
    )

    size, burt = _structural_holes(block)
    group_kind = ctx.network.groups["kind"]
    intervision_count = per_member(own_owner[group_kind[own_group] == "intervision"], count)
    weighted_groups = groups + (s.intervision_weight - 1.0) * intervision_count
    partners_by_role = _partner_contacts(block)
    mutual = per_member(block.pairs.unpack(mutual_keys)[0], count)
    organisations = _organisations(block, partner_owner, partner)
    components = {
        "groups": (saturating(weighted_groups, s.target_groups), s.weight_groups),
        "peers": (saturating(peers + partners_by_role, s.target_peers), s.weight_peers),
        "exchanges": (saturating(given + received, s.target_exchanges), s.weight_exchanges),
        "mutual": (saturating(mutual, s.target_mutual), s.weight_mutual),
        "diversity": (saturating(organisations, s.target_organisations), s.weight_diversity),
    }
    numbers: dict[str, npt.NDArray[Any]] = {
        "window_start": block.window_start_text(ctx.window_start),
        "active_groups": groups,
        "intervision_groups": intervision_count,
        "peers_in_groups": peers,
        "exchanges_given": given,
        "exchanges_received": received,
        "exchange_partners": partners,
        "mutual_partners": mutual,
        "exchange_kinds": per_member(kinds.unpack(kind_keys)[0], count),
        "organisations_reached": organisations,
        "effective_size": size,
        "constraint": burt,
        "contacts": block.degree,
    }
    gave = lookup(got_keys, got_counts, partner_keys, 0)  # what the partner gave the member
    took = lookup(given_keys, given_counts, partner_keys, 0)
    shared = _shared_groups(block, active, own_owner, own_group, partner_owner, partner)
    top = top_k(
        partner_owner, (-(gave + took), -shared, ctx.id_rank[partner]), s.top_contributors, count
    )
    people, share = shares(top, partner, gave + took, given + received)
    return ValueColumns(
        "knowledge",
        weighted_score(components),
        components,
        numbers,
        Contributors(
            people,
            share,
            None,
            {
                "gave": picked(top, gave, 0),
                "received": picked(top, took, 0),
                "shared_groups": picked(top, shared, 0),
            },
        ),
        block.reasons(
            (block.count_rows("memberships", "person", dated=False) > 0)
            | (block.count_rows("exchanges", "from") > 0)
            | (block.count_rows("exchanges", "to") > 0),
            Note("thin_knowledge"),
        ),
        (own_owner, own_group, kind_keys, kinds),
    )


def _structural_holes(block: Block) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Burt's effective size (0 without contacts) and constraint (NaN without) per member."""
    ctx = block.ctx
    connected = block.degree > 0
    size = np.zeros(block.count)
    burt = np.full(block.count, np.nan)
    if connected.any():
        nodes = block.members[connected]
        # the ego kernel costs about 16 times as much per node as the all-nodes one, which
        # is computed once per date and then serves every block
        if 16 * len(nodes) > block.n or "burt_all" in ctx.__dict__:
            burt_all, size_all = ctx.burt_all
            size[connected] = size_all[nodes]
            burt[connected] = burt_all[nodes]
        else:
            size[connected] = effective_size(ctx.adjacency, nodes=nodes)
            burt[connected] = constraint(ctx.adjacency, nodes=nodes)
    return size, burt


def _partner_contacts(block: Block) -> Ints:
    """Per member: contacts whose role is partner (collaboration partners are peers too)."""
    owner, neighbour = block.edges
    partner = block.ctx.network.people["role"][neighbour] == "partner"
    return per_member(owner[partner], block.count)  # type: ignore[no-any-return]


def _organisations(block: Block, owner: Ints, partner: Ints) -> Ints:
    """Per member: distinct organisations of the exchange partners (spelling ignored).

    Knowledge from several organisations is more diverse than from one; a partner
    without an organisation counts as their own.
    """
    ctx = block.ctx

    def codes() -> Ints:
        out = ctx.organisations.copy()
        own = out < 0
        out[own] = out.max(initial=-1) + 1 + np.flatnonzero(own)  # each person without one
        return out

    organisation = ctx.shared("organisation_codes", codes)
    space = KeySpace(block.count, 2 * block.n + 1)
    distinct = unique(space.pack(owner, organisation[partner]))
    return per_member(space.unpack(distinct)[0], block.count)  # type: ignore[no-any-return]


def _shared_groups(
    block: Block,
    active: Memberships,
    own_owner: Ints,
    own_group: Ints,
    partner_owner: Ints,
    partner: Ints,
) -> Ints:
    """How many of the member's active groups each exchange partner is in too."""
    order = np.argsort(own_owner, kind="stable")
    own_owner, own_group = own_owner[order], own_group[order]
    starts = np.searchsorted(own_owner, np.arange(block.count + 1))
    per_pair = starts[partner_owner + 1] - starts[partner_owner]
    shared = np.zeros(len(partner), dtype=np.int64)
    for k in range(int(per_pair.max(initial=0))):
        has = per_pair > k
        group = own_group[starts[partner_owner[has]] + k]
        shared[has] += contains(active.keys, active.space.pack(partner[has], group))
    return shared


def _kind_codes(kinds: npt.NDArray[Any]) -> Ints:
    code = {kind: k for k, kind in enumerate(EXCHANGE_KINDS)}
    return np.array([code[k] for k in kinds.tolist()], dtype=np.int64)


def explain_knowledge(
    block: Block, columns: ValueColumns, i: int
) -> tuple[Mapping[str, Any], Sequence[str]]:
    """The active groups, the kinds of exchange and the notes of the block's ``i``-th member."""
    own_owner, own_group, kind_keys, kinds = columns.state
    group_ids = block.ctx.network.groups["id"]
    owner, kind = kinds.unpack(kind_keys)
    numbers = columns.numbers
    notes = []
    if not numbers["active_groups"][i]:
        notes.append(Note("no_groups"))
    if not numbers["exchange_partners"][i]:
        notes.append(Note("no_exchanges"))
    lists = {
        "active_group_ids": sorted(str(group_ids[g]) for g in own_group[own_owner == i].tolist()),
        "exchange_kind_names": sorted(EXCHANGE_KINDS[k] for k in kind[owner == i].tolist()),
    }
    return lists, notes
