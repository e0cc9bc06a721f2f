"""Scoring members: the entry points that tie the values together."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from netgraph.model._errors import ConfigError
from netgraph.model._network import Network
from netgraph.model._settings import Settings

from .acquisition import acquisition
from .context import Scoring
from .financial import financial
from .focus import focus_points
from .knowledge import knowledge
from .recommendation import recommendation
from .results import MemberReport

__all__ = ["score_member", "score_members"]


def _member_row(network: Network, member: str | None) -> int:
    members = network.member_ids
    if member is None:
        if len(members) != 1:
            raise ConfigError(
                f"the network has {len(members)} members; say which one to score"
                + (f" (one of: {', '.join(members[:10])})" if members else "")
            )
        member = members[0]
    try:
        row = network.person_index(member)
    except KeyError:
        raise ConfigError(f"unknown member '{member}': not in people.csv") from None
    if not network.people["member"][row]:
        raise ConfigError(f"'{member}' is not a member (member=yes in people.csv)")
    return row


_last: list[tuple[Network, date, Settings, Scoring]] = []


def _scoring(network: Network, as_of: date, settings: Settings) -> Scoring:
    if _last and _last[0][0] is network and _last[0][1:3] == (as_of, settings):
        return _last[0][3]
    ctx = Scoring(network, as_of, settings)
    _last[:] = [(network, as_of, settings, ctx)]
    return ctx


def _report(ctx: Scoring, row: int) -> MemberReport:
    values = {
        "acquisition": acquisition(ctx, row),
        "recommendation": recommendation(ctx, row),
        "financial": financial(ctx, row),
    }
    values["knowledge"] = knowledge(ctx, row)
    return MemberReport(
        ctx.person_id(row),
        ctx.person_name(row),
        ctx.as_of_date.isoformat(),
        values,
        focus_points(ctx, row, values),
    )


def score_member(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
) -> MemberReport:
    """The four values, their explanation and the five focus points of one member.

    Parameters
    ----------
    network
        The network, from :func:`netgraph.load_network`.
    member
        The member's id; may be left out when the network has exactly one member.
    as_of
        The date to score on: only what happened up to and including it counts.
    settings
        The method's parameters; the defaults of :class:`netgraph.Settings` if left out.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> net = netgraph.network_from_dict({"people": [
    ...     {"id": "me", "name": "Anna", "member": "yes"}, {"id": "c", "name": "Bram"}],
    ...     "invoices": [{"date": "2024-05-01", "client": "c", "amount": "900.00"}]})
    >>> report = netgraph.score_member(net, as_of=date(2024, 12, 31))
    >>> report.values["acquisition"].numbers["revenue"]
    '900.00'
    >>> 1 <= report.values["financial"].stars <= 5
    True
    """
    ctx = _scoring(network, as_of, settings or Settings())
    return _report(ctx, _member_row(network, member))


def score_members(
    network: Network,
    members: Iterable[str] | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
) -> Iterator[MemberReport]:
    """Reports of many members (all of them by default), one at a time, in file order.

    The graph and its kernels are computed once and shared; reports are yielded as
    they are made, so memory does not grow with the number of members.
    """
    ctx = _scoring(network, as_of, settings or Settings())
    chosen = network.member_ids if members is None else tuple(members)
    rows = [_member_row(network, m) for m in chosen]
    for row in rows:
        yield _report(ctx, row)
