"""Result types: plain, frozen, JSON-ready."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "FOCUS_KEYS",
    "STATUSES",
    "VALUE_KEYS",
    "Component",
    "Contributor",
    "FocusPoint",
    "MemberReport",
    "ValueScore",
    "plain_data",
    "stars",
    "stars_for",
    "status_codes",
    "status_for",
]

VALUE_KEYS = ("acquisition", "recommendation", "financial", "knowledge")
FOCUS_KEYS = (
    "know_who_you_are",
    "consistent_message",
    "measure_satisfaction",
    "be_part_of_groups",
    "help_others",
)
# a focus point's status by code: the rating's third (0-2), 3 without a rating, 4 when the
# member's own account is needed (a profile.toml) and missing
STATUSES = ("weak", "fair", "strong", "no data", "self-assessment needed")


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def plain_data(value: Any) -> Any:
    """A JSON-ready copy: mappings and sequences copied, floats rounded to stay stable."""
    if isinstance(value, Mapping):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


@dataclass(frozen=True)
class Component:
    """One ingredient of a value's score: a 0-1 rating and its weight (``None``: no data)."""

    rating: float | None
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"rating": plain_data(self.rating), "weight": self.weight}


@dataclass(frozen=True)
class Contributor:
    """A person behind a value: how much they add and why."""

    id: str
    name: str
    share: float
    detail: str
    amount: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", _frozen(self.facts))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "share": plain_data(self.share)}
        if self.amount is not None:
            out["amount"] = self.amount
        out["detail"] = self.detail
        out["facts"] = plain_data(self.facts)
        return out


@dataclass(frozen=True)
class ValueScore:
    """One of the four values: a 0-100 score, 1-5 stars, what made it, who made it.

    Where the data cannot show the value (``reason`` says why), ``score`` and
    ``stars`` are ``None``: "not enough data" never looks like a poor result.
    """

    key: str
    score: float | None
    stars: int | None
    components: Mapping[str, Component]
    numbers: Mapping[str, Any]
    contributors: tuple[Contributor, ...]
    notes: tuple[str, ...] = ()
    reason: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "components", _frozen(self.components))
        object.__setattr__(self, "numbers", _frozen(self.numbers))

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": plain_data(self.score),
            "stars": self.stars,
            "reason": self.reason,
            "components": {k: c.to_dict() for k, c in self.components.items()},
            "numbers": plain_data(self.numbers),
            "contributors": [c.to_dict() for c in self.contributors],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class FocusPoint:
    """One of the five focus points: a status, a 0-1 rating and its evidence."""

    key: str
    status: str  # "strong", "fair", "weak", "no data" or "self-assessment needed"
    rating: float | None
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", _frozen(self.evidence))

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "rating": plain_data(self.rating),
            "evidence": plain_data(self.evidence),
        }


@dataclass(frozen=True)
class MemberReport:
    """Everything netgraph says about one member's network as of a date."""

    member: str
    name: str
    as_of: str
    values: Mapping[str, ValueScore]
    focus: tuple[FocusPoint, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", _frozen(self.values))

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "name": self.name,
            "as_of": self.as_of,
            "values": {k: self.values[k].to_dict() for k in VALUE_KEYS},
            "focus": [f.to_dict() for f in self.focus],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The report as JSON text; the same report always gives the same bytes."""
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, separators=separators)


def stars(scores: npt.NDArray[np.float64], thresholds: Sequence[float]) -> npt.NDArray[np.int64]:
    """One star plus one for every threshold a score reaches: always 1 to 5.

    Examples
    --------
    >>> stars(np.array([0, 20, 59.9, 80, 100]), (20, 40, 60, 80)).tolist()
    [1, 2, 3, 5, 5]
    """
    reached = np.asarray(scores)[:, None] >= np.asarray(thresholds)[None, :]
    counted: npt.NDArray[np.int64] = 1 + reached.sum(axis=1).astype(np.int64)
    return counted


def stars_for(score: float, thresholds: Sequence[float]) -> int:
    """:func:`stars` of one score.

    Examples
    --------
    >>> stars_for(59.9, (20, 40, 60, 80))
    3
    """
    return int(stars(np.array([score], dtype=np.float64), thresholds)[0])


def status_codes(ratings: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Index into :data:`STATUSES` of each focus rating (NaN: no data).

    ``strong`` from 2/3, ``fair`` from 1/3, else ``weak``.

    Examples
    --------
    >>> [STATUSES[c] for c in status_codes(np.array([0.2, 0.5, 0.9, np.nan]))]
    ['weak', 'fair', 'strong', 'no data']
    """
    with np.errstate(invalid="ignore"):
        third = (ratings >= 1 / 3).astype(np.int64) + (ratings >= 2 / 3).astype(np.int64)
    return np.where(np.isnan(ratings), 3, third)


def status_for(rating: float | None) -> str:
    """The status of one focus rating (``None``: no data)."""
    value = np.nan if rating is None else rating
    return STATUSES[int(status_codes(np.array([value], dtype=np.float64))[0])]
