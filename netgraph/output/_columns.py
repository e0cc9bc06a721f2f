"""Scores of a block of members as typed columns, and one member's report made from them.

The scorer computes every value once, as arrays over a block of members (one member
is a block of one).  This module holds those arrays with the declaration of each
value's numbers, and turns them into what a reader sees: a member's
:class:`MemberReport`, the one-line summary of ``score --all`` and (in
:mod:`netgraph.output._jsontext`) its JSON text.  Every number is declared once, with
its kind, in :data:`NUMBERS`; nothing reads a number by a name it did not declare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ..model._network import format_cents
from ._messages import PLAIN
from ._results import (
    FOCUS_KEYS,
    STATUSES,
    VALUE_KEYS,
    Component,
    Contributor,
    FocusPoint,
    MemberReport,
    ValueScore,
    stars,
    status_codes,
)

__all__ = [
    "NUMBERS",
    "SUMMARY_CONTRIBUTORS",
    "Contributors",
    "FocusColumns",
    "Number",
    "ScoreColumns",
    "ValueColumns",
    "plain_number",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Kind = Literal["int", "float", "money", "text", "list"]

SUMMARY_CONTRIBUTORS = 3  # the people behind each value in a summary line


@dataclass(frozen=True)
class Number:
    """One number of a value: its name, its kind and where it is shown.

    ``int`` columns may hold NaN (a float column) where the number is unknown, shown
    as null; ``money`` columns hold cents and are shown as exact decimal text.
    Block numbers are computed for every member of a block; ``summary`` says whether
    the summary line of ``score --all`` shows them too. Explained numbers (every
    ``list``: the Lorenz curve, the chains, the groups) are made for one member from
    that member's rows, for the full report only.
    """

    name: str
    kind: Kind
    summary: bool = True
    explained: bool = False


def _numbers(*spec: tuple[str, Kind] | tuple[str, Kind, str]) -> tuple[Number, ...]:
    out = []
    for name, kind, *where in spec:
        shown = where[0] if where else "summary"
        explained = kind == "list" or shown == "explained"
        out.append(Number(name, kind, shown == "summary" and not explained, explained))
    return tuple(out)


#: Each value's rated components, in the order they are reported (their weights are
#: settings); every block of every value is checked against this table.
COMPONENTS: Mapping[str, tuple[str, ...]] = {
    "acquisition": ("network_revenue", "breadth", "connectors"),
    "recommendation": ("ambassadors", "reach", "nurtured"),
    "financial": ("revenue", "repeat_revenue", "checked_revenue", "attention_revenue"),
    "knowledge": ("groups", "peers", "exchanges", "mutual", "diversity"),
}

NUMBERS: Mapping[str, tuple[Number, ...]] = {
    "acquisition": _numbers(
        ("currency", "text"),
        ("window_start", "text", "full"),
        ("revenue", "money"),
        ("revenue_through_network", "money"),
        ("revenue_by_referral", "money", "full"),
        ("revenue_by_introduction", "money", "full"),
        ("revenue_by_event", "money", "full"),
        ("revenue_by_group", "money", "full"),
        ("revenue_credited", "money", "full"),
        ("network_share", "float"),
        ("invoices", "int"),
        ("excluded_invoices", "int"),
        ("excluded_revenue", "text", "full"),
        ("clients", "int"),
        ("contacts", "int"),
        ("contributors", "int"),
        ("network_contributors", "int"),
        ("connectors", "int"),
        ("contacts_for_pareto_share", "int"),
        ("share_of_contacts_for_pareto_share", "float"),
        ("pareto_share", "float", "full"),
        ("gini", "float"),
        ("lorenz", "list"),
        ("largest_client", "text", "full"),
        ("largest_client_share", "float"),
    ),
    "recommendation": _numbers(
        ("window_start", "text", "full"),
        ("ambassadors", "int"),
        ("referrers", "int"),
        ("recommenders", "int"),
        ("promoters", "int"),
        ("nurtured", "int"),
        ("recommend_answers", "int"),
        ("detractors", "int"),
        ("nps", "float"),
        ("reach", "int"),
        ("ambassador_weight", "float"),
        ("chains", "int", "explained"),
        ("longest_chain", "int", "explained"),
        ("top_chains", "list"),
    ),
    "financial": _numbers(
        ("currency", "text"),
        ("window_start", "text", "full"),
        ("revenue", "money"),
        ("revenue_previous_window", "money"),
        ("excluded_invoices", "int"),
        ("excluded_revenue", "text", "full"),
        ("trend", "float"),
        ("clients", "int"),
        ("repeat_clients", "int"),
        ("revenue_repeat", "money"),
        ("clients_checked", "int"),
        ("revenue_checked", "money"),
        ("clients_with_attention", "int"),
        ("revenue_attention", "money"),
        ("mean_satisfaction", "float"),
        ("satisfaction_scores", "int"),
        ("clients_below_sufficient", "int"),
    ),
    "knowledge": _numbers(
        ("window_start", "text", "full"),
        ("active_groups", "int"),
        ("intervision_groups", "int"),
        ("active_group_ids", "list"),
        ("peers_in_groups", "int"),
        ("exchanges_given", "int"),
        ("exchanges_received", "int"),
        ("exchange_partners", "int"),
        ("mutual_partners", "int"),
        ("exchange_kinds", "int"),
        ("exchange_kind_names", "list"),
        ("organisations_reached", "int"),
        ("effective_size", "float"),
        ("constraint", "float"),
        ("contacts", "int"),
    ),
}


def plain_number(kind: Kind, value: Any, *, rounded: bool = True) -> Any:
    """One entry of a number column as plain data (``None`` where unknown).

    Floats are rounded to six decimals, as JSON shows them, unless ``rounded`` is false.

    Examples
    --------
    >>> plain_number("money", 1250), plain_number("int", float("nan")), plain_number("int", 3.0)
    ('12.50', None, 3)
    """
    if kind == "money":
        return format_cents(int(value))
    if kind == "text" or kind == "list":
        return value
    if isinstance(value, float | np.floating) and value != value:
        return None
    if kind == "int":
        return int(value)
    return round(float(value), 6) + 0.0 if rounded else float(value)


@dataclass
class Contributors:
    """The people behind a value, best first: ``(members, k)`` arrays, ``-1`` where fewer."""

    people: Ints
    shares: Floats
    amounts: Ints | None = None  # cents
    facts: dict[str, npt.NDArray[Any]] = field(default_factory=dict)


@dataclass
class ValueColumns:
    """One value of a block of members: scores, rated components, numbers, contributors.

    ``state`` is what the value keeps to explain one member in full (its referral
    credits, say); only the value's own explanation reads it.
    """

    key: str
    scores: Floats
    components: dict[str, tuple[Floats, float]]
    numbers: dict[str, npt.NDArray[Any]]
    contributors: Contributors
    reasons: npt.NDArray[np.object_]  # why the data cannot show the value; None: it can
    state: Any = None

    @property
    def enough(self) -> npt.NDArray[np.bool_]:
        """Whether the data can show the value, per member."""
        return np.array([r is None for r in self.reasons.tolist()], dtype=bool)

    @property
    def shown_scores(self) -> Floats:
        """The scores, NaN where there is not enough data."""
        return np.where(self.enough, self.scores, np.nan)

    def __post_init__(self) -> None:
        expected = [n.name for n in NUMBERS[self.key] if not n.explained]
        if list(self.numbers) != expected:  # a programming error, caught by every test
            raise AssertionError(f"{self.key}: numbers {list(self.numbers)} != {expected}")
        if tuple(self.components) != COMPONENTS[self.key]:
            raise AssertionError(
                f"{self.key}: components {list(self.components)} != {list(COMPONENTS[self.key])}"
            )


@dataclass
class FocusColumns:
    """The five focus points of a block: a rating each (NaN: no data) and its evidence."""

    ratings: dict[str, Floats]
    evidence: dict[str, dict[str, npt.NDArray[Any]]]
    # per point, the members whose own account (a profile) is needed and missing
    needs_assessment: dict[str, npt.NDArray[np.bool_]] = field(default_factory=dict)

    def codes(self, key: str) -> Ints:
        """Each member's status of a focus point, as an index into :data:`STATUSES`."""
        codes = status_codes(self.ratings[key])
        needed = self.needs_assessment.get(key)
        return codes if needed is None else np.where(needed, 4, codes)


@dataclass
class ScoreColumns:
    """Everything the scorer says about a block of members, as columns."""

    person_ids: npt.NDArray[np.object_]  # of every person: contributors are person rows
    members: Ints  # person rows of the block's members
    names: npt.NDArray[np.object_]  # the members' names
    as_of: str
    thresholds: tuple[float, float, float, float]
    values: dict[str, ValueColumns]
    focus: FocusColumns

    def stars(self, key: str) -> Floats:
        """Stars per member, NaN where there is not enough data."""
        value = self.values[key]
        return np.where(value.enough, stars(value.scores, self.thresholds), np.nan)

    def summaries(self) -> Iterator[dict[str, Any]]:
        """One plain summary per member, in member order (what ``score --all`` writes)."""
        ids = self.person_ids
        columns = {
            key: (
                self.values[key],
                self.stars(key).tolist(),
                [n for n in NUMBERS[key] if n.summary],
            )
            for key in VALUE_KEYS
        }
        statuses = {k: self.focus.codes(k).tolist() for k in FOCUS_KEYS}
        for i, person in enumerate(self.members.tolist()):
            values = {}
            for key, (value, star, numbers) in columns.items():
                people = value.contributors.people[i, :SUMMARY_CONTRIBUTORS]
                shares = value.contributors.shares[i, :SUMMARY_CONTRIBUTORS]
                values[key] = {
                    "score": plain_number("float", value.shown_scores[i]),
                    "stars": plain_number("int", star[i]),
                    "reason": value.reasons[i],
                    "components": {
                        name: plain_number("float", rating[i])
                        for name, (rating, _) in value.components.items()
                    },
                    "numbers": {
                        n.name: plain_number(n.kind, value.numbers[n.name][i]) for n in numbers
                    },
                    "contributors": [
                        {"id": ids[p], "share": plain_number("float", s)}
                        for p, s in zip(people.tolist(), shares.tolist(), strict=True)
                        if p >= 0
                    ],
                }
            yield {
                "member": ids[person],
                "name": self.names[i],
                "as_of": self.as_of,
                "values": values,
                "focus": {k: STATUSES[statuses[k][i]] for k in FOCUS_KEYS},
            }

    def report(
        self,
        i: int,
        explained: Mapping[str, tuple[Mapping[str, Any], Sequence[str]]],
        names: npt.NDArray[np.object_],
    ) -> MemberReport:
        """The full report of the block's ``i``-th member.

        ``explained`` gives, per value, the member's ``list`` numbers and notes;
        ``names`` are the names of every person (for the contributors).
        """
        values = {
            key: self._value_score(key, i, *explained[key], names=names) for key in VALUE_KEYS
        }
        focus = tuple(
            FocusPoint(
                key,
                STATUSES[int(self.focus.codes(key)[i])],
                plain_number("float", self.focus.ratings[key][i], rounded=False),
                {name: _plain_entry(v[i]) for name, v in self.focus.evidence[key].items()},
            )
            for key in FOCUS_KEYS
        )
        member = int(self.members[i])
        return MemberReport(
            str(self.person_ids[member]), str(self.names[i]), self.as_of, values, focus
        )

    def _value_score(
        self,
        key: str,
        i: int,
        lists: Mapping[str, Any],
        notes: Sequence[str],
        *,
        names: npt.NDArray[np.object_],
    ) -> ValueScore:
        value = self.values[key]
        numbers = {
            n.name: lists[n.name]
            if n.explained
            else plain_number(n.kind, value.numbers[n.name][i], rounded=False)
            for n in NUMBERS[key]
        }
        components = {
            name: Component(plain_number("float", rating[i], rounded=False), weight)
            for name, (rating, weight) in value.components.items()
        }
        found = value.contributors
        people = []
        for k, person in enumerate(found.people[i].tolist()):
            if person < 0:
                break
            facts = {name: _plain_entry(column[i, k]) for name, column in found.facts.items()}
            people.append(
                Contributor(
                    str(self.person_ids[person]),
                    str(names[person]),
                    float(found.shares[i, k]),
                    DETAILS[key](facts),
                    None if found.amounts is None else format_cents(int(found.amounts[i, k])),
                    facts,
                )
            )
        enough = value.reasons[i] is None
        return ValueScore(
            key,
            float(value.scores[i]) if enough else None,
            int(stars(value.scores[i : i + 1], self.thresholds)[0]) if enough else None,
            components,
            numbers,
            tuple(people),
            tuple(notes),
            value.reasons[i],
        )


def _plain_entry(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _english_detail(key: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda facts: PLAIN.detail(key, facts)


# the English line that explains a contributor (the JSON's ``detail``), said from the
# contributor's facts by the message catalogue; the text report says it in its language
DETAILS: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    key: _english_detail(key) for key in VALUE_KEYS
}
