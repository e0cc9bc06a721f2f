"""The five focus points of the method, each with its evidence or an honest "no data"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .context import Scoring
from .knowledge import active_memberships
from .results import FocusPoint, ValueScore, saturating

__all__ = ["FOCUS_KEYS", "focus_points", "status_for"]

FOCUS_KEYS = (
    "know_who_you_are",
    "consistent_message",
    "measure_satisfaction",
    "be_part_of_groups",
    "help_others",
)
HELPING_KINDS = ("advice", "feedback", "experience", "introduction")


def status_for(rating: float | None) -> str:
    """``strong`` from 2/3, ``fair`` from 1/3, else ``weak``; ``no data`` without a rating."""
    if rating is None:
        return "no data"
    if rating >= 2 / 3:
        return "strong"
    if rating >= 1 / 3:
        return "fair"
    return "weak"


def _point(key: str, rating: float | None, evidence: Mapping[str, Any]) -> FocusPoint:
    return FocusPoint(key, status_for(rating), rating, evidence)


def focus_points(
    ctx: Scoring, member: int, values: Mapping[str, ValueScore]
) -> tuple[FocusPoint, ...]:
    """The five focus points of one member, in the order of the method."""
    return (
        _know_who_you_are(ctx, member),
        _consistent_message(ctx, member),
        _measure_satisfaction(values["financial"]),
        _groups(ctx, member, values["knowledge"]),
        _help_others(ctx, member),
    )


def _know_who_you_are(ctx: Scoring, member: int) -> FocusPoint:
    people = ctx.network.people
    tags = list(people["tags"][member])
    contacts = ctx.neighbours(member)
    why = [str(w).strip() for w in people["why"][contacts].tolist()]
    with_why = sum(1 for w in why if w)
    any_why = bool(np.any([str(w).strip() for w in people["why"].tolist()]))
    any_tags = any(len(t) for t in people["tags"].tolist())
    evidence = {
        "member_tags": tags,
        "contacts": len(contacts),
        "contacts_with_why": with_why,
    }
    if not any_tags and not any_why:
        return _point("know_who_you_are", None, evidence)
    rating = 0.5 * (1.0 if tags else 0.0) + 0.5 * (
        with_why / len(contacts) if len(contacts) else 0.0
    )
    return _point("know_who_you_are", rating, evidence)


def _consistent_message(ctx: Scoring, member: int) -> FocusPoint:
    online = offline = 0
    sources: list[str] = []
    recommendations = ctx.network.tables["recommendations"]
    sources += recommendations["channel"][ctx.rows("recommendations", member)].tolist()
    sources += ctx.network.people["channel"][ctx.neighbours(member)].tolist()
    for channel in sources:
        online += channel in ("online", "both")
        offline += channel in ("offline", "both")
    evidence = {"online": online, "offline": offline}
    if online + offline == 0:
        return _point("consistent_message", None, evidence)
    return _point("consistent_message", min(online, offline) / max(online, offline), evidence)


def _measure_satisfaction(financial: ValueScore) -> FocusPoint:
    numbers = financial.numbers
    clients = int(numbers["clients"])
    evidence = {
        "clients": clients,
        "clients_checked": numbers["clients_checked"],
        "satisfaction_scores": numbers["satisfaction_scores"],
    }
    rating = numbers["clients_checked"] / clients if clients else None
    return _point("measure_satisfaction", rating, evidence)


def _groups(ctx: Scoring, member: int, knowledge: ValueScore) -> FocusPoint:
    numbers = knowledge.numbers
    evidence = {
        "active_groups": len(numbers["active_groups"]),
        "peers_in_groups": numbers["peers_in_groups"],
    }
    if len(ctx.network.tables["memberships"]) == 0 or len(active_memberships(ctx)) == 0:
        return _point("be_part_of_groups", None, evidence)
    rating = saturating(len(numbers["active_groups"]), ctx.settings.target_groups)
    return _point("be_part_of_groups", rating, evidence)


def _help_others(ctx: Scoring, member: int) -> FocusPoint:
    exchanges = ctx.network.tables["exchanges"]
    rows = ctx.rows("exchanges", None, ctx.window_start)
    helping = np.isin(exchanges["kind"][rows], HELPING_KINDS)
    given = int(np.count_nonzero(helping & (exchanges["from"][rows] == member)))
    received = int(np.count_nonzero(helping & (exchanges["to"][rows] == member)))
    referrals = ctx.network.tables["referrals"]
    r_rows = ctx.rows("referrals", None, ctx.window_start)
    introductions = int(np.count_nonzero(referrals["referrer"][r_rows] == member))
    evidence = {
        "help_given": given,
        "help_received": received,
        "referrals_made_for_others": introductions,
    }
    if len(exchanges) == 0 and len(referrals) == 0:
        return _point("help_others", None, evidence)
    rating = saturating(given + introductions, max(1.0, ctx.settings.target_exchanges / 2))
    return _point("help_others", rating, evidence)
