"""The five focus points of the method, each with its evidence or an honest "no data".

Written once, for a block of members; a rating of NaN means "no data".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model._profile import Profile
from ..output._columns import FocusColumns, ValueColumns
from ._arrays import Floats, Ints, per_member, ratio, saturating
from ._block import FEW_MEMBERS, Block
from ._knowledge import memberships

__all__ = ["HELPING_KINDS", "focus"]

HELPING_KINDS = ("advice", "feedback", "experience", "introduction")
ONLINE, OFFLINE = ("online", "both"), ("offline", "both")


def focus(
    block: Block,
    values: Mapping[str, ValueColumns],
    profiles: Mapping[str, Profile] | None = None,
) -> FocusColumns:
    """The five focus points of every member of a block, in the order of the method.

    ``profiles`` are the members' own accounts by member id (``""``: the only member);
    without one, the two points that only the member can speak to say "self-assessment
    needed" instead of guessing from the data.
    """
    own = _profiles(block, profiles or {})
    know, know_evidence = _know_who_you_are(block, own)
    consistent, consistent_evidence = _consistent_message(block, own)
    financial = values["financial"].numbers
    knowledge = values["knowledge"].numbers
    groups = saturating(knowledge["active_groups"], block.settings.target_groups)
    if not memberships(block.ctx).any:
        groups = np.full(block.count, np.nan)
    helping, help_evidence = _help_others(block)
    missing = np.array([p is None for p in own], dtype=bool)
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
        {"know_who_you_are": missing, "consistent_message": missing},
    )


def _profiles(block: Block, profiles: Mapping[str, Profile]) -> list[Profile | None]:
    """Each member's profile, or None; ``""`` stands for the only member of the network."""
    ids = block.ctx.network.person_ids
    if not profiles:
        return [None] * block.count
    only = int(np.count_nonzero(block.ctx.network.people["member"])) == 1
    return [
        profiles.get(str(ids[m])) or (profiles.get("") if only else None)
        for m in block.members.tolist()
    ]


def _written(texts: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Whether each text holds more than spaces (one flag per text; never an array whose
    width depends on the longest text). Only texts that are not empty need a look."""
    filled = np.flatnonzero(texts != "")
    written = np.zeros(len(texts), dtype=bool)
    written[filled] = [bool(str(w).strip()) for w in texts[filled].tolist()]
    return written


def _know_who_you_are(
    block: Block, own: list[Profile | None]
) -> tuple[Floats, dict[str, npt.NDArray[Any]]]:
    """A pitch and target clients written down, and for each contact why they matter."""
    people = block.ctx.network.people

    owner, neighbour = block.edges
    if block.count <= FEW_MEMBERS and not block.ctx.has_shared("why"):
        neighbour_why = _written(people["why"][neighbour])  # a few members: their contacts
    else:
        neighbour_why = block.ctx.shared("why", lambda: _written(people["why"]))[neighbour]
    with_why = per_member(owner, block.count, neighbour_why)
    pitch = np.array([bool(p and p.pitch) for p in own], dtype=bool)
    target = np.array([bool(p and p.target_clients) for p in own], dtype=bool)
    why_share = np.where(block.degree > 0, ratio(with_why, block.degree), 0.0)
    rating = (pitch.astype(float) + target + why_share) / 3.0
    rating = np.where([p is None for p in own], np.nan, rating)
    return rating, {
        "pitch_written": pitch,
        "target_clients_written": target,
        "contacts": block.degree,
        "contacts_with_why": with_why,
    }


def _consistent_message(
    block: Block, own: list[Profile | None]
) -> tuple[Floats, dict[str, npt.NDArray[Any]]]:
    """How often recommendations, online and offline, use the member's own words.

    A consistent message is one that others repeat: a recommendation whose text holds
    one of the member's keywords echoes it. Rated per channel (online, offline) that has
    recommendations, as the share that echoes, then averaged over the channels.
    """
    recommendations = block.ctx.network.tables["recommendations"]
    rows = block.rows("recommendations")
    own_rows = block.owner("recommendations", rows)
    channel = recommendations["channel"][rows]
    notes = [str(n).casefold() for n in recommendations["note"][rows].tolist()]
    words = [p.words if p is not None else () for p in own]
    echoes = np.array(
        [
            any(w in note for w in words[o])
            for o, note in zip(own_rows.tolist(), notes, strict=True)
        ],
        dtype=bool,
    )
    counts = {}
    for name, places in (("online", ONLINE), ("offline", OFFLINE)):
        here = np.isin(channel, places)
        counts[name] = per_member(own_rows[here], block.count)
        counts[f"{name}_with_your_words"] = per_member(own_rows[here & echoes], block.count)
    online = ratio(counts["online_with_your_words"], counts["online"])
    offline = ratio(counts["offline_with_your_words"], counts["offline"])
    both = np.vstack([online, offline])
    rated = (~np.isnan(both)).sum(axis=0)
    rating = ratio(np.nansum(both, axis=0), rated)  # NaN: no recommendation at all
    rating = np.where([p is None for p in own], np.nan, rating)
    evidence = {
        "recommendations_online": counts["online"],
        "online_with_your_words": counts["online_with_your_words"],
        "recommendations_offline": counts["offline"],
        "offline_with_your_words": counts["offline_with_your_words"],
    }
    return rating, evidence


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
