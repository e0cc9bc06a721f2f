"""What every value needs for one date: windows, row indexes, the projection and its kernels.

Built once per ``(network, as_of, settings)`` and shared by all blocks of members scored
on it, so PageRank, the communities and Burt's measures are computed once however many
members are scored.
"""

from __future__ import annotations

import calendar
import contextlib
import threading
from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..graph._projection import organisation_codes, project
from ..graph.kernels import burt_measures, pagerank, prepare_kernels
from ..model._errors import ConfigError
from ..model._network import Network
from ..model._settings import Settings
from ._arrays import stable_order

__all__ = ["Scoring", "months_before"]

T = TypeVar("T")

#: The sections whose rows become edges of the projection.
_EDGE_SOURCES = ("ties", "referrals", "exchanges", "invoices", "interactions", "satisfaction")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier, clamped to the month's end.

    Examples
    --------
    >>> months_before(date(2024, 3, 31), 1)
    datetime.date(2024, 2, 29)
    """
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class Scoring:
    """The shared state of one scoring run (all windows are ``(start, as_of]``)."""

    def __init__(self, network: Network, as_of: date, settings: Settings) -> None:
        self.network = network
        self.settings = settings
        self.as_of_date = as_of
        self.as_of = np.datetime64(as_of, "D")
        try:
            window_start = months_before(as_of, settings.window_months)
            previous_start = months_before(window_start, settings.window_months)
            ambassador_start = months_before(as_of, settings.ambassador_window_months)
        except ValueError:  # a window reaching back before the year 1
            raise ConfigError(
                f"as_of {as_of.isoformat()} is too early for windows of "
                f"{settings.window_months} and {settings.ambassador_window_months} months"
            ) from None
        self.window_start = np.datetime64(window_start, "D")
        self.previous_start = np.datetime64(previous_start, "D")
        self.ambassador_start = np.datetime64(ambassador_start, "D")
        self._by_person: dict[
            tuple[str, str], tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]
        ] = {}
        self._lock = threading.Lock()
        self._shared: dict[str, Any] = {}
        self._adjacency: sp.csr_array | None = None
        self._adjacency_lock = threading.Lock()
        self._pagerank: npt.NDArray[np.float64] | None = None
        self._pagerank_lock = threading.Lock()
        self._graph_started = False

    def prepare_for_many(self) -> None:
        """Start loading the compiled kernels, for scoring many members of a large graph.

        They load on another thread while the projection is built (ties and events bound
        the number of edges from above). One member's report does without them: its
        kernels take the numpy path rather than wait for numba to load.
        """
        prepare_kernels(sum(len(self.network.tables[s]) for s in _EDGE_SOURCES))

    def start_graph(self) -> None:
        """Build the projection and its PageRank on another thread (once per context).

        One member's report needs both, and much that needs neither (windows, rows,
        ranks), which this thread works out meanwhile: the graph's sorts and sparse
        products let go of the interpreter's lock. Asking for :attr:`adjacency` or
        :attr:`pagerank` waits for the other thread; if it failed, the question computes
        the answer again, and so raises the error where it was asked.
        """
        with self._lock:
            if self._graph_started:
                return
            self._graph_started = True
        threading.Thread(target=self._build_graph, name="netgraph-graph").start()

    def _build_graph(self) -> None:
        # an error is not lost: asked again on the caller's thread, it is raised there
        with contextlib.suppress(Exception):
            self.pagerank  # noqa: B018 - the projection first, then its PageRank

    # -- the graph ----------------------------------------------------------
    @property
    def adjacency(self) -> sp.csr_array:
        """The graph projection (built once, by whichever thread asks first)."""
        with self._adjacency_lock:
            if self._adjacency is None:
                self._adjacency = project(
                    self.network, self.as_of, self.settings, organisations=self.organisations
                )
            return self._adjacency

    @property
    def pagerank(self) -> npt.NDArray[np.float64]:
        """Every person's PageRank in the projection (computed once, like it)."""
        with self._pagerank_lock:
            if self._pagerank is None:
                self._pagerank = pagerank(
                    self.adjacency,
                    damping=self.settings.damping,
                    tol=self.settings.pagerank_tolerance,
                ).scores
            return self._pagerank

    @cached_property
    def pagerank_scale(self) -> float:
        """What turns a PageRank into a weight where the average connected person has 1.

        People without any edge are left out of the average: adding one scales every
        other PageRank by the same factor, so the weights do not change.
        """
        connected = np.diff(self.adjacency.indptr) > 0
        total = float(self.pagerank[connected].sum())
        return float(np.count_nonzero(connected)) / total if total > 0 else 0.0

    def neighbours(self, person: int) -> npt.NDArray[np.int32]:
        adjacency = self.adjacency
        return adjacency.indices[adjacency.indptr[person] : adjacency.indptr[person + 1]]

    def shared(self, name: str, make: Callable[[], T]) -> T:
        """What ``make`` returns, made once per scoring context and shared by its blocks."""
        with self._lock:
            if name in self._shared:
                return self._shared[name]  # type: ignore[no-any-return]
        made = make()
        with self._lock:
            return self._shared.setdefault(name, made)  # type: ignore[no-any-return]

    # -- people ---------------------------------------------------------------
    @cached_property
    def id_rank(self) -> npt.NDArray[np.int64]:
        """Every person's rank in the order of their ids (the last tie-break everywhere)."""
        return _ranks(self.network.people["id"])

    @cached_property
    def organisations(self) -> npt.NDArray[np.int64]:
        """Every person's organisation as a number (spelling ignored; -1: none)."""
        return organisation_codes(self.network)

    @cached_property
    def name_rank(self) -> npt.NDArray[np.int64]:
        return _ranks(self.network.people["name"])

    @cached_property
    def burt_all(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Burt's constraint and effective size of every person (for blocks of most people)."""
        constraint, size = burt_measures(self.adjacency)
        return constraint, size

    # -- events ---------------------------------------------------------------
    def has_shared(self, name: str) -> bool:
        """Whether :meth:`shared` has made ``name`` already."""
        with self._lock:
            return name in self._shared

    def index(self, section: str, column: str) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """The rows of a section sorted by a person column, and where each person's start.

        Built once per section and column, so the rows of a block of members cost time
        in those rows, not in the whole network.
        """
        key = (section, column)
        with self._lock:
            cached = self._by_person.get(key)
        if cached is None:
            people = self.network.tables[section][column]
            order = stable_order(people)
            counts = np.bincount(people, minlength=self.network.size)
            starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.intp)
            cached = (order.astype(np.intp), starts)
            with self._lock:
                self._by_person[key] = cached
        return cached


def _ranks(values: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """The rank of every value in sorted order (equal values get distinct, stable ranks)."""
    # Python's sort of the texts: stable, by code point, and quick on ids already in order
    texts = [v if type(v) is str else str(v) for v in values.tolist()]
    order = np.fromiter(sorted(range(len(texts)), key=texts.__getitem__), np.int64, len(texts))
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(len(values))
    return ranks
