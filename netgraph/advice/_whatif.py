"""What if: the values of a member after a few changes, worked out on a copy of the network."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

import numpy as np

from ..model._errors import ConfigError
from ..model._network import Network, Table
from ..model._profile import Profile
from ..model._schema import Field, FieldKind
from ..model._settings import Settings
from ..output._results import VALUE_KEYS, MemberReport
from ..scoring._score import score_member

__all__ = ["CHANGE_KINDS", "Change", "Delta", "WhatIf", "what_if"]

#: What a what-if can add: a tie, the member joining a group, a recommendation, an invoice.
CHANGE_KINDS = ("tie", "join", "recommendation", "invoice")


@dataclass(frozen=True)
class Change:
    """One addition to the network, dated on the what-if's date.

    Make one with :meth:`tie`, :meth:`join`, :meth:`recommendation` or :meth:`invoice`.

    Examples
    --------
    >>> Change.invoice("c1", "1200.00")
    Change(kind='invoice', subject='c1', other='', amount='1200.00')
    """

    kind: str
    subject: str
    other: str = ""
    amount: str = ""

    @classmethod
    def tie(cls, a: str, b: str) -> Change:
        """A new tie (acquaintance) between two people."""
        return cls("tie", a, b)

    @classmethod
    def join(cls, group: str) -> Change:
        """The member joins a group."""
        return cls("join", group)

    @classmethod
    def recommendation(cls, by: str) -> Change:
        """A recommendation of the member by a person."""
        return cls("recommendation", by)

    @classmethod
    def invoice(cls, client: str, amount: str) -> Change:
        """An invoice of the member to a client (an exact decimal, in the main currency)."""
        return cls("invoice", client, amount=amount)

    def to_dict(self) -> dict[str, str]:
        out = {"kind": self.kind, "subject": self.subject}
        if self.other:
            out["other"] = self.other
        if self.amount:
            out["amount"] = self.amount
        return out


@dataclass(frozen=True)
class Delta:
    """One value before and after the changes (``None``: not enough data)."""

    score_before: float | None
    score_after: float | None
    stars_before: int | None
    stars_after: int | None

    @property
    def score(self) -> float | None:
        """The change of the score (``None`` when either side has no score)."""
        if self.score_before is None or self.score_after is None:
            return None
        return round(self.score_after - self.score_before, 1) + 0.0

    @property
    def stars(self) -> int | None:
        if self.stars_before is None or self.stars_after is None:
            return None
        return self.stars_after - self.stars_before

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": {"score": self.score_before, "stars": self.stars_before},
            "after": {"score": self.score_after, "stars": self.stars_after},
            "score_change": self.score,
            "stars_change": self.stars,
        }


@dataclass(frozen=True)
class WhatIf:
    """A member's report before and after some changes, and the change of every value."""

    changes: tuple[Change, ...]
    before: MemberReport
    after: MemberReport
    deltas: Mapping[str, Delta]
    names: Mapping[str, str] = field(default_factory=dict)  # of the people and groups named

    def __post_init__(self) -> None:
        object.__setattr__(self, "deltas", MappingProxyType(dict(self.deltas)))
        object.__setattr__(self, "names", MappingProxyType(dict(self.names)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.before.member,
            "as_of": self.before.as_of,
            "changes": [c.to_dict() for c in self.changes],
            "values": {k: self.deltas[k].to_dict() for k in VALUE_KEYS},
        }

    def to_json(self, *, indent: int | None = None) -> str:
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, separators=separators)


def _rows(
    network: Network, member: str, day: str, change: Change, currency: str
) -> tuple[str, dict[str, str]]:
    """The section and row that a change adds, after checking the ids it names."""

    def person(pid: str) -> str:
        try:
            network.person_index(pid)
        except KeyError:
            raise ConfigError(f"{change.kind}: unknown person {pid!r}: not in people.csv") from None
        return pid

    if change.kind == "tie":
        a, b = person(change.subject), person(change.other)
        if a == b:
            raise ConfigError(f"tie: a person cannot have a tie with themselves ({a!r})")
        ties, x, y = network.tables["ties"], network.person_index(a), network.person_index(b)
        one, other = ties["a"], ties["b"]
        if np.any(((one == x) & (other == y)) | ((one == y) & (other == x))):
            raise ConfigError(f"tie: {a!r} and {b!r} have a tie already")
        return "ties", {"a": a, "b": b, "since": day}
    if change.kind == "join":
        try:
            group = network.group_index(change.subject)
        except KeyError:
            raise ConfigError(
                f"join: unknown group {change.subject!r}: not in groups.csv"
            ) from None
        memberships, when = network.tables["memberships"], np.datetime64(day, "D")
        since, until = memberships["since"], memberships["until"]
        now = (np.isnat(since) | (since <= when)) & (np.isnat(until) | (until > when))
        mine = (memberships["person"] == network.person_index(member)) & now
        if np.any(mine & (memberships["group"] == group)):
            raise ConfigError(f"join: {member!r} is a member of {change.subject!r} already")
        return "memberships", {"person": member, "group": change.subject, "since": day}
    if change.kind == "recommendation":
        by = person(change.subject)
        return "recommendations", {"date": day, "by": by, "member": member}
    if change.kind == "invoice":
        client = person(change.subject)
        try:
            amount = Decimal(change.amount)
        except InvalidOperation:
            raise ConfigError(
                f"invoice: expected an amount like 1200.00, got {change.amount!r}"
            ) from None
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise ConfigError(
                f"invoice: expected an amount above 0 with at most two decimals, "
                f"got {change.amount!r}"
            )
        row = {"date": day, "client": client, "amount": change.amount, "member": member}
        return "invoices", {**row, "currency": currency}
    raise ConfigError(f"unknown change {change.kind!r} (known: {', '.join(CHANGE_KINDS)})")


def changed_network(
    network: Network,
    member: str,
    as_of: date,
    changes: Sequence[Change],
    currency: str = "EUR",
) -> Network:
    """A copy of the network with the changes added, dated ``as_of``; the network is kept.

    An invoice is in ``currency`` (the member's main currency, as the report says). The
    rows are added to copies of the tables they belong to, so a what-if costs time in
    those tables, not in a rebuilt network.
    """
    day = as_of.isoformat()
    added: dict[str, list[dict[str, str]]] = {}
    for change in changes:
        section, row = _rows(network, member, day, change, currency)
        added.setdefault(section, []).append(row)
    tables = dict(network.tables)
    for section, rows in added.items():
        tables[section] = _appended(network, tables[section], rows)
    return Network(tables)


def _appended(network: Network, table: Table, rows: Sequence[Mapping[str, str]]) -> Table:
    """The table with text rows of the contract added at its end."""
    columns = {}
    for f in table.section.fields:
        values = [_stored(network, f, row.get(f.name, "")) for row in rows]
        column = table[f.name]
        columns[f.name] = np.concatenate([column, np.array(values, dtype=column.dtype)])
    extras = {
        name: np.concatenate([column, np.array([""] * len(rows), dtype=object)])
        for name, column in table.extras.items()
    }
    last = int(table.lines[-1]) if len(table) else 1
    lines = np.concatenate([table.lines, np.arange(last + 1, last + 1 + len(rows))])
    return Table(table.section, columns, extras, lines.astype(np.int64), table.source)


def _stored(network: Network, f: Field, text: str) -> Any:
    """A cell's text as its column holds it (the ids are known: :func:`_rows` checked them)."""
    text = text or f.default
    if f.kind in (FieldKind.PERSON, FieldKind.MEMBER):
        return network.person_index(text)
    if f.kind is FieldKind.GROUP:
        return network.group_index(text)
    if f.kind is FieldKind.DATE:
        return np.datetime64(text or "NaT", "D")
    if f.kind is FieldKind.MONEY:
        return int(Decimal(text or "0") * 100)
    if f.kind is FieldKind.INT:
        return int(text or 0)
    return text


def what_if(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    changes: Sequence[Change],
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
) -> WhatIf:
    """How each value and its stars would change after some additions to the network.

    The additions (a tie, joining a group, a recommendation, an invoice) are dated
    ``as_of`` and made to a copy: ``network`` itself is never changed.

    Parameters
    ----------
    network
        The network, from :func:`netgraph.load_network`.
    member
        The member's id; may be left out when the network has exactly one member.
    as_of
        The date scored, and the date of every addition.
    changes
        What to add; see :class:`Change`.
    settings, profiles
        As for :func:`netgraph.score_member`.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> net = netgraph.network_from_dict({"people": [
    ...     {"id": "me", "name": "Anna", "member": "yes"}, {"id": "c", "name": "Bram"}],
    ...     "invoices": [{"date": "2024-05-01", "client": "c", "amount": "900.00"}]})
    >>> from netgraph.advice._whatif import Change, what_if
    >>> result = what_if(net, as_of=date(2024, 12, 31), changes=[Change.invoice("c", "9000.00")])
    >>> result.deltas["financial"].score > 0
    True
    >>> len(net.tables["invoices"])
    1
    """
    before = score_member(network, member, as_of=as_of, settings=settings, profiles=profiles)
    currency = str(before.values["financial"].numbers.get("currency") or "EUR")
    changed = changed_network(network, before.member, as_of, changes, currency)
    after = score_member(changed, before.member, as_of=as_of, settings=settings, profiles=profiles)
    deltas = {
        key: Delta(
            before.values[key].score,
            after.values[key].score,
            before.values[key].stars,
            after.values[key].stars,
        )
        for key in VALUE_KEYS
    }
    names: dict[str, str] = {}
    for change in changes:
        if change.kind == "join":
            group = network.group_index(change.subject)
            names[change.subject] = str(network.groups["name"][group])
        else:
            for pid in filter(None, (change.subject, change.other)):
                names[pid] = str(network.people["name"][network.person_index(pid)])
    return WhatIf(tuple(changes), before, after, deltas, names)
