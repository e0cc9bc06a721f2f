"""The five focus points of the method, each with its evidence or an honest "no data".

Written once, for a block of members; a rating of NaN means "no data".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ..output._columns import FocusColumns, ValueColumns
from ._arrays import Floats, Ints, per_member, ratio, saturating
from ._block import Block
from ._knowledge import memberships

__all__ = ["HELPING_KINDS", "focus"]

HELPING_KINDS = ("advice", "feedback", "experience", "introduction")
ONLINE, OFFLINE = ("online", "both"), ("offline", "both")


def focus(block: Block, values: Mapping[str, ValueColumns]) -> FocusColumns:
    """The five focus points of every member of a block, in the order of the method."""
    know, know_evidence = _know_who_you_are(block)
    consistent, consistent_evidence = _consistent_message(block)
    financial = values["financial"].numbers
    knowledge = values["knowledge"].numbers
    groups = saturating(knowledge["active_groups"], block.settings.target_groups)
    if not memberships(block.ctx).any:
        groups = np.full(block.count, np.nan)
    helping, help_evidence = _help_others(block)
    return FocusColumns(
        {
            "know_who_you_are": know,
            "consistent_message": consistent,
            "measure_satisfaction": ratio(financial["clients_checked"], financial["clients"]),
            "be_part_of_groups": groups,
            "help_others": helping,
        },
        {
            "know_who_you_are": know_evidence,
            "consistent_message": consistent_evidence,
            "measure_satisfaction": {
                "clients": financial["clients"],
                "clients_checked": financial["clients_checked"],
                "satisfaction_scores": financial["satisfaction_scores"],
            },
            "be_part_of_groups": {
                "active_groups": knowledge["active_groups"],
                "peers_in_groups": knowledge["peers_in_groups"],
            },
            "help_others": help_evidence,
        },
    )


def _know_who_you_are(block: Block) -> tuple[Floats, dict[str, npt.NDArray[Any]]]:
    people = block.ctx.network.people

    def flags() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        # one flag per person; never an array whose width depends on the longest text
        has_why = np.fromiter((bool(str(w).strip()) for w in people["why"].tolist()), bool, block.n)
        has_tags = np.fromiter((len(t) > 0 for t in people["tags"].tolist()), bool, block.n)
        return has_why, has_tags

    has_why, has_tags = block.ctx.shared("why_and_tags", flags)
    owner, neighbour = block.edges
    with_why = per_member(owner, block.count, has_why[neighbour])
    tagged = has_tags[block.members]
    rating = 0.5 * tagged + 0.5 * np.where(block.degree > 0, ratio(with_why, block.degree), 0.0)
    if not has_why.any() and not has_tags.any():
        rating = np.full(block.count, np.nan)
    tags = np.empty(block.count, dtype=object)
    tags[:] = [list(t) for t in people["tags"][block.members].tolist()]
    return rating, {"member_tags": tags, "contacts": block.degree, "contacts_with_why": with_why}


def _consistent_message(block: Block) -> tuple[Floats, dict[str, npt.NDArray[Any]]]:
    channel = block.ctx.network.people["channel"]
    owner, neighbour = block.edges
    recommendations = block.ctx.network.tables["recommendations"]
    rows = block.rows("recommendations")
    own = block.owner("recommendations", rows)
    said = recommendations["channel"][rows]
    online = per_member(owner, block.count, np.isin(channel[neighbour], ONLINE)) + per_member(
        own, block.count, np.isin(said, ONLINE)
    )
    offline = per_member(owner, block.count, np.isin(channel[neighbour], OFFLINE)) + per_member(
        own, block.count, np.isin(said, OFFLINE)
    )
    rating = ratio(np.minimum(online, offline), np.maximum(online, offline))
    return rating, {"online": online, "offline": offline}


def _help_others(block: Block) -> tuple[Floats, dict[str, npt.NDArray[Any]]]:
    ctx, count = block.ctx, block.count
    exchanges = ctx.network.tables["exchanges"]
    sent = block.rows("exchanges", "from", since=ctx.window_start)
    sent = sent[np.isin(exchanges["kind"][sent], HELPING_KINDS)]
    got = block.rows("exchanges", "to", since=ctx.window_start)
    got = got[np.isin(exchanges["kind"][got], HELPING_KINDS)]
    given: Ints = per_member(block.owner("exchanges", sent, "from"), count)
    received = per_member(block.owner("exchanges", got, "to"), count)
    referrals = ctx.network.tables["referrals"]
    made = block.rows("referrals", "referrer", since=ctx.window_start)
    introductions: Ints = per_member(block.owner("referrals", made, "referrer"), count)
    rating = saturating(given + introductions, max(1.0, block.settings.target_exchanges / 2))
    if len(exchanges) == 0 and len(referrals) == 0:
        rating = np.full(count, np.nan)
    evidence = {
        "help_given": given,
        "help_received": received,
        "referrals_made_for_others": introductions,
    }
    return rating, evidence
