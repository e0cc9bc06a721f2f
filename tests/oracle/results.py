"""Result types: plain, frozen, JSON-ready."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "VALUE_KEYS",
    "Component",
    "Contributor",
    "FocusPoint",
    "MemberReport",
    "ValueScore",
    "stars_for",
    "weighted_score",
]

VALUE_KEYS = ("acquisition", "recommendation", "financial", "knowledge")


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def _plain(value: Any) -> Any:
    """A JSON-ready copy: mappings and sequences copied, floats rounded to stay stable."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
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
        return {"rating": _plain(self.rating), "weight": self.weight}


@dataclass(frozen=True)
class Contributor:
    """A person behind a value: how much they add and why."""

    id: str
    name: str
    share: float
    detail: str
    amount: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "share": _plain(self.share)}
        if self.amount is not None:
            out["amount"] = self.amount
        out["detail"] = self.detail
        return out


@dataclass(frozen=True)
class ValueScore:
    """One of the four values: a 0-100 score, 1-5 stars, what made it, who made it."""

    key: str
    score: float
    stars: int
    components: Mapping[str, Component]
    numbers: Mapping[str, Any]
    contributors: tuple[Contributor, ...]
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "components", _frozen(self.components))
        object.__setattr__(self, "numbers", _frozen(self.numbers))

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": _plain(self.score),
            "stars": self.stars,
            "components": {k: c.to_dict() for k, c in self.components.items()},
            "numbers": _plain(self.numbers),
            "contributors": [c.to_dict() for c in self.contributors],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class FocusPoint:
    """One of the five focus points: a status, a 0-1 rating and its evidence."""

    key: str
    status: str  # "strong", "fair", "weak" or "no data"
    rating: float | None
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", _frozen(self.evidence))

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "rating": _plain(self.rating),
            "evidence": _plain(self.evidence),
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


def weighted_score(components: Mapping[str, Component]) -> float:
    """0-100: the weighted mean of the rated components; unrated ones are left out.

    Examples
    --------
    >>> weighted_score({"a": Component(1.0, 0.5), "b": Component(0.0, 0.5)})
    50.0
    >>> weighted_score({"a": Component(1.0, 0.5), "b": Component(None, 0.5)})
    100.0
    """
    rated = [(c.rating, c.weight) for c in components.values() if c.rating is not None]
    total = sum(w for _, w in rated)
    if total <= 0:
        return 0.0
    mean = sum(min(1.0, max(0.0, r)) * w for r, w in rated) / total
    return round(100.0 * mean, 1)


def stars_for(score: float, thresholds: Sequence[float]) -> int:
    """One star plus one for every threshold the score reaches: always 1 to 5.

    Examples
    --------
    >>> [stars_for(s, (20, 40, 60, 80)) for s in (0, 20, 59.9, 80, 100)]
    [1, 2, 3, 5, 5]
    """
    return 1 + sum(1 for t in thresholds if score >= t)


def saturating(value: float, target: float) -> float:
    """``value / target`` capped at 1 (a target of 0 means any value is enough)."""
    if target <= 0:
        return 1.0
    return min(1.0, max(0.0, value / target))
