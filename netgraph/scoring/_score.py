"""Scoring members: one function scores a block of members; every entry point uses it.

:func:`score_member` is a block of one, :func:`score_members` and :func:`score_all`
walk the members in blocks of a fixed size. Graph-wide work (the projection,
PageRank, Burt's measures) is done once per date and shared; a
block then needs memory for its own members' rows only.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import Any

import numpy as np

from ..model._errors import ConfigError
from ..model._network import Network
from ..model._profile import Profile
from ..model._settings import Settings
from ..output._columns import ScoreColumns, ValueColumns
from ..output._jsontext import JsonText, QuotedPeople
from ..output._results import VALUE_KEYS, MemberReport
from ._acquisition import acquisition, explain_acquisition
from ._block import Block
from ._context import Scoring
from ._financial import explain_financial, financial
from ._focus import focus
from ._knowledge import explain_knowledge, knowledge
from ._recommendation import explain_recommendation, recommendation

__all__ = ["BLOCK_SIZE", "AllScores", "score_all", "score_block", "score_member", "score_members"]

BLOCK_SIZE = 16_384  # members scored together by score_all: small enough that the JSON of
# a block, laid out on other threads, overlaps the scoring of the next
REPORT_BLOCK = 256  # members scored together by score_members (each then explained)
TEXT_THREADS = 2  # blocks whose JSON lines are laid out at once, while the next is scored

Explain = Callable[[Block, ValueColumns, int], tuple[Mapping[str, Any], Sequence[str]]]
# the values, each with the explanation of one member's score
_VALUES: tuple[tuple[str, Callable[[Block], ValueColumns], Explain], ...] = (
    ("acquisition", acquisition, explain_acquisition),
    ("recommendation", recommendation, explain_recommendation),
    ("financial", financial, explain_financial),
    ("knowledge", knowledge, explain_knowledge),
)
_EXPLAIN = {key: explain for key, _, explain in _VALUES}


def score_block(
    ctx: Scoring,
    members: Sequence[int] | np.ndarray[Any, Any],
    profiles: Mapping[str, Profile] | None = None,
) -> ScoreColumns:
    """Every value and focus point of a block of members (person rows), as columns."""
    return _score(ctx, members, profiles)[1]


def _score(
    ctx: Scoring,
    members: Sequence[int] | np.ndarray[Any, Any],
    profiles: Mapping[str, Profile] | None = None,
) -> tuple[Block, ScoreColumns]:
    block = Block(ctx, members)
    computed = {key: value(block) for key, value, _ in _VALUES}
    network = ctx.network
    columns = ScoreColumns(
        person_ids=network.person_ids,
        members=block.members,
        names=network.people["name"][block.members],
        as_of=ctx.as_of_date.isoformat(),
        thresholds=ctx.settings.star_thresholds,
        values={key: computed[key] for key in VALUE_KEYS},
        focus=focus(block, computed, profiles),
    )
    return block, columns


def _explained(block: Block, columns: ScoreColumns, i: int) -> MemberReport:
    explained = {}
    for key in VALUE_KEYS:
        lists, notes = _EXPLAIN[key](block, columns.values[key], i)
        # a value the data cannot show has its reason; notes on its parts would be noise
        enough = columns.values[key].reasons[i] is None
        explained[key] = (lists, notes if enough else ())
    return columns.report(i, explained, block.ctx.network.people["name"])


# -- the scoring context of the last (network, date, settings), reused -------------------

_cache_lock = threading.Lock()
_cached: tuple[weakref.ref[Network], date, Settings, Scoring] | None = None


def scoring_context(network: Network, as_of: date, settings: Settings) -> Scoring:
    """The scoring context of a network on a date, reused while the date and settings stay.

    The context is kept here, not on the network, and only while the network lives.
    """
    global _cached
    with _cache_lock:
        if _cached is not None:
            ref, day, kept, ctx = _cached
            if ref() is network and day == as_of and kept == settings:
                return ctx
        ctx = Scoring(network, as_of, settings)
        _cached = (weakref.ref(network), as_of, settings, ctx)
        return ctx


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


def score_member(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
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
    profiles
        The members' own accounts (pitch, target clients) by member id, ``""`` for the
        only member: from :func:`netgraph.read_profiles`. Without one, two focus points
        say "self-assessment needed".

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
    ctx = scoring_context(network, as_of, settings or Settings())
    row = _member_row(network, member)
    ctx.start_graph()
    return _explained(*_score(ctx, [row], profiles), 0)


def score_members(
    network: Network,
    members: Iterable[str] | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
) -> Iterator[MemberReport]:
    """Reports of many members (all of them by default), one at a time, in the order given.

    The graph and its kernels are computed once and shared; members are scored in
    blocks and their reports yielded as they are made, so memory does not grow with
    the number of members.
    """
    ctx = scoring_context(network, as_of, settings or Settings())
    chosen = network.member_ids if members is None else tuple(members)
    if len(chosen) > 1:
        ctx.prepare_for_many()
    rows = [_member_row(network, m) for m in chosen]
    if rows:
        ctx.start_graph()
    for start in range(0, len(rows), REPORT_BLOCK):
        block, columns = _score(ctx, rows[start : start + REPORT_BLOCK], profiles)
        for i in range(block.count):
            yield _explained(block, columns, i)


class AllScores:
    """Every member of a network scored in blocks, as summaries or JSON lines.

    Blocks are scored when they are read, so a run holds the graph and one block.
    """

    def __init__(
        self,
        ctx: Scoring,
        block_size: int = BLOCK_SIZE,
        progress: Callable[[str], None] | None = None,
        profiles: Mapping[str, Profile] | None = None,
    ) -> None:
        self.ctx = ctx
        self.profiles = profiles
        self.members = np.flatnonzero(ctx.network.people["member"]).astype(np.int64)
        self.block_size = max(1, block_size)
        self._say = progress or (lambda _: None)

    def blocks(self) -> Iterator[ScoreColumns]:
        """The members' scores, block by block, in member order."""
        total = len(self.members)
        for start in range(0, total, self.block_size):
            stop = min(total, start + self.block_size)
            self._say(f"members {start + 1:,}-{stop:,} of {total:,}")
            yield score_block(self.ctx, self.members[start:stop], self.profiles)

    def summaries(self) -> Iterator[dict[str, Any]]:
        """One plain summary per member, in member order."""
        for columns in self.blocks():
            yield from columns.summaries()

    def json_bytes(self) -> Iterator[memoryview]:
        """The summaries as UTF-8 JSON lines, one block of members at a time."""
        # the text of a block is laid out on other threads while the next is scored
        # (pyarrow lets go of the interpreter's lock); two texts are made at once, so
        # that the text, which costs more than the scores, takes both cores when it can
        network = self.ctx.network
        with ThreadPoolExecutor(max_workers=TEXT_THREADS) as pool:
            pending: deque[Future[memoryview]] = deque()
            people = pool.submit(QuotedPeople, network.person_ids, network.people["name"])
            for columns in self.blocks():
                pending.append(pool.submit(JsonText(columns, people.result()).text))
                if len(pending) > TEXT_THREADS:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    def json_lines(self) -> Iterator[str]:
        """:meth:`json_bytes` as text."""
        for block in self.json_bytes():
            yield str(block, "utf-8")


def score_all(
    network: Network,
    *,
    as_of: date,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
    block_size: int = BLOCK_SIZE,
    profiles: Mapping[str, Profile] | None = None,
) -> AllScores:
    """Score every member of the network, in blocks (see :class:`AllScores`).

    The graph-wide work is done here; each block is scored as it is read.

    Examples
    --------
    >>> from datetime import date
    >>> from netgraph import example_network
    >>> scores = score_all(example_network(), as_of=date(2026, 11, 1))
    >>> next(scores.summaries())["values"]["financial"]["stars"] in range(1, 6)
    True
    """
    say = progress or (lambda _: None)
    ctx = scoring_context(network, as_of, settings or Settings())
    ctx.prepare_for_many()
    scores = AllScores(ctx, block_size, say, profiles)
    # most people will be scored: Burt's measures of all of them in one pass, which
    # every block then reads, cost less than the ego measures block by block
    all_of_burt = 16 * len(scores.members) > network.size
    say("graph projection")
    ctx.adjacency  # noqa: B018 - built here so that progress names the phase
    say("PageRank and Burt's measures" if all_of_burt else "PageRank")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # on the second core: both let go of the interpreter's lock while they work
        burt = pool.submit(lambda: ctx.burt_all) if all_of_burt else None
        ctx.pagerank  # noqa: B018
        if burt is not None:
            burt.result()
    return scores
