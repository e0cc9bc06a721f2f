"""The four values and their stars over time: the same scoring at a series of dates.

A trend scores one loaded network at every date of a series (each quarter or each
month, counted back from the last date), so a member can see whether an investment
pays off. Nothing is loaded again: each date is :func:`netgraph.score_member` on the
same :class:`~netgraph.Network`. A value the data cannot show on a date keeps
``score`` and ``stars`` ``None`` ("not enough data"), never 0.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from ..model._errors import ConfigError
from ..model._network import Network
from ..model._profile import Profile
from ..model._settings import Settings
from ..output._results import VALUE_KEYS
from ..scoring._score import score_member

__all__ = ["EVERY", "MAX_DATES", "Trend", "TrendPoint", "TrendRow", "trend", "trend_dates"]

# months between two dates of a series
EVERY: Mapping[str, int] = MappingProxyType({"quarter": 3, "month": 1})
# a series longer than this is a typing error in --from, not a wish (a century of months)
MAX_DATES = 1200


def shift_months(day: date, months: int) -> date:
    """``day`` moved by whole months; a day the month lacks becomes its last day.

    Examples
    --------
    >>> shift_months(date(2026, 5, 31), -3), shift_months(date(2024, 2, 29), 12)
    (datetime.date(2026, 2, 28), datetime.date(2025, 2, 28))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))


def trend_dates(start: date, end: date, every: str = "quarter") -> tuple[date, ...]:
    """The dates of a series: ``end`` and every quarter (or month) before it, back to ``start``.

    The dates are counted back from ``end``, so the last one is the date of the report
    today; each is ``end`` moved by whole months, never by an accumulated step, so the
    day of the month stays where it can.

    Examples
    --------
    >>> [d.isoformat() for d in trend_dates(date(2026, 2, 1), date(2026, 11, 1))]
    ['2026-02-01', '2026-05-01', '2026-08-01', '2026-11-01']
    >>> [d.isoformat() for d in trend_dates(date(2026, 9, 15), date(2026, 11, 30), "month")]
    ['2026-09-30', '2026-10-30', '2026-11-30']
    """
    if every not in EVERY:
        raise ConfigError(f"every: expected one of {', '.join(EVERY)}, got {every!r}")
    if start > end:
        raise ConfigError(f"the first date {start} is after the last date {end}")
    step = EVERY[every]
    dates = []
    k = 0
    while (day := shift_months(end, -step * k)) >= start:
        dates.append(day)
        k += 1
        if k > MAX_DATES:
            raise ConfigError(
                f"from {start} to {end} every {every} is more than {MAX_DATES} dates: "
                "choose a later first date"
            )
    return tuple(reversed(dates))


@dataclass(frozen=True)
class TrendPoint:
    """One value on one date: a 0-100 score and 1-5 stars, or ``None`` and the reason."""

    score: float | None
    stars: int | None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "stars": self.stars, "reason": self.reason}


@dataclass(frozen=True)
class TrendRow:
    """The four values on one date."""

    as_of: date
    values: Mapping[str, TrendPoint]

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "values": {key: self.values[key].to_dict() for key in VALUE_KEYS},
        }


@dataclass(frozen=True)
class Trend:
    """A member's four values at a series of dates, oldest first.

    Examples
    --------
    >>> import netgraph
    >>> net = netgraph.network_from_dict({
    ...     "people": [{"id": "me", "name": "Anna", "member": "yes"},
    ...                {"id": "c", "name": "Bram"}],
    ...     "invoices": [{"date": "2026-03-01", "client": "c", "amount": "900.00"}]})
    >>> series = trend(net, start=date(2025, 11, 1), end=date(2026, 11, 1))
    >>> [(row.as_of.isoformat(), row.values["financial"].stars) for row in series.rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2025-11-01', None), ('2026-02-01', None), ('2026-05-01', 1), ('2026-08-01', 1),
     ('2026-11-01', 1)]
    """

    member: str
    name: str
    every: str
    rows: tuple[TrendRow, ...]

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(row.as_of for row in self.rows)

    def series(self, key: str) -> tuple[float | None, ...]:
        """The scores of one value, oldest first (``None``: not enough data that day)."""
        return tuple(row.values[key].score for row in self.rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "name": self.name,
            "from": self.rows[0].as_of.isoformat() if self.rows else None,
            "to": self.rows[-1].as_of.isoformat() if self.rows else None,
            "every": self.every,
            "rows": [row.to_dict() for row in self.rows],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The trend as JSON text; the same trend always gives the same bytes."""
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, separators=separators)

    def to_csv(self) -> str:
        """One line per date: ``as_of`` then each value's score and stars (empty: no data)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(
            ["as_of", *(f"{key}_{part}" for key in VALUE_KEYS for part in ("score", "stars"))]
        )
        for row in self.rows:
            cells: list[Any] = [row.as_of.isoformat()]
            for key in VALUE_KEYS:
                point = row.values[key]
                cells += ["" if point.score is None else point.score, point.stars or ""]
            writer.writerow(cells)
        return buffer.getvalue()


def trend(
    network: Network,
    member: str | None = None,
    *,
    start: date,
    end: date,
    every: str = "quarter",
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
) -> Trend:
    """The four values and their stars of a member at every date from ``start`` to ``end``.

    Parameters
    ----------
    network
        The loaded network; it is scored as it is at each date, never loaded again.
    member
        The member's id; may be left out when the network has exactly one member.
    start, end
        The first and the last date; the dates are counted back from ``end``
        (see :func:`trend_dates`).
    every
        ``"quarter"`` (default) or ``"month"``.
    settings, profiles
        As for :func:`netgraph.score_member`.

    Returns
    -------
    Trend
        One row per date, oldest first; each value's score and stars are those of
        :func:`netgraph.score_member` on that date.

    Notes
    -----
    Each date builds the scoring context of that date (the graph of what had happened
    by then, PageRank, Burt's measures), so a trend costs about one score per date:
    milliseconds on a freelancer's network, seconds per date on a network of
    hundreds of thousands of people.
    """
    rows = []
    member_id, name = "", ""
    for day in trend_dates(start, end, every):
        report = score_member(network, member, as_of=day, settings=settings, profiles=profiles)
        member_id, name = report.member, report.name
        rows.append(
            TrendRow(
                day,
                {
                    key: TrendPoint(value.score, value.stars, value.reason)
                    for key, value in report.values.items()
                },
            )
        )
    return Trend(member_id, name, every, tuple(rows))
