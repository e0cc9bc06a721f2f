"""What every value needs for one date: windows, event rows, the projection and its kernels.

Built once per ``(network, as_of, settings)`` and shared by all members scored on it,
so PageRank and the communities are computed once however many members are scored.
"""

from __future__ import annotations

import calendar
import threading
from concurrent.futures import Future
from datetime import date
from functools import cached_property

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netgraph.graph._projection import project
from netgraph.graph.kernels import communities, pagerank
from netgraph.model._network import Network
from netgraph.model._settings import Settings

__all__ = ["Scoring", "months_before"]


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
        self.window_start = np.datetime64(months_before(as_of, settings.window_months), "D")
        window_start = months_before(as_of, settings.window_months)
        self.previous_start = np.datetime64(
            months_before(window_start, settings.window_months), "D"
        )
        self.ambassador_start = np.datetime64(
            months_before(as_of, settings.ambassador_window_months), "D"
        )
        self._by_member: dict[str, tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]] = {}
        self._communities_job: Future[npt.NDArray[np.int64]] | None = None
        self._lock = threading.Lock()
        self._adjacency: sp.csr_array | None = None
        self._adjacency_lock = threading.Lock()

    # -- the graph ----------------------------------------------------------
    @property
    def adjacency(self) -> sp.csr_array:
        """The graph projection (built once, by whichever thread asks first)."""
        with self._adjacency_lock:
            if self._adjacency is None:
                self._adjacency = project(self.network, self.as_of, self.settings)
            return self._adjacency

    @cached_property
    def pagerank(self) -> npt.NDArray[np.float64]:
        result = pagerank(
            self.adjacency, damping=self.settings.damping, tol=self.settings.pagerank_tolerance
        )
        scores: npt.NDArray[np.float64] = result.scores
        return scores

    def find_communities_in_background(self) -> None:
        """Start finding the communities on another thread (once); :attr:`communities` waits.

        They are the slowest of the graph-wide kernels and only the knowledge value needs
        them, while their compiled kernel lets go of the interpreter: so they are found on
        the second core while the other values are made.  Called before the projection
        exists, the thread imports their library while the projection is built.
        """
        with self._lock:
            if self._communities_job is not None or "communities" in self.__dict__:
                return
            job: Future[npt.NDArray[np.int64]] = Future()
            self._communities_job = job

        def run() -> None:
            try:
                job.set_result(self._find_communities())
            except BaseException as exc:  # handed to whoever waits for the result
                job.set_exception(exc)

        threading.Thread(target=run, name="netgraph-communities", daemon=True).start()

    @cached_property
    def communities(self) -> npt.NDArray[np.int64]:
        """Community labels (see :meth:`_find_communities`)."""
        with self._lock:
            job = self._communities_job
        return job.result() if job is not None else self._find_communities()

    def _find_communities(self) -> npt.NDArray[np.int64]:
        """Community labels, found on people ordered by (name, id).

        Louvain's result depends on the order in which it visits nodes; visiting them in
        an order of their content rather than of the rows makes the communities (and the
        knowledge value) independent of how the files happen to be sorted.
        """
        people = self.network.people
        order = np.lexsort((people["id"].astype(str), people["name"].astype(str)))
        labels: npt.NDArray[np.int64] = communities(
            self.adjacency, seed=self.settings.community_seed, visit_order=order
        )
        return labels

    def neighbours(self, person: int) -> npt.NDArray[np.int32]:
        adjacency = self.adjacency
        return adjacency.indices[adjacency.indptr[person] : adjacency.indptr[person + 1]]

    # -- events ---------------------------------------------------------------
    def rows(
        self, section: str, member: int | None = None, since: np.datetime64 | None = None
    ) -> npt.NDArray[np.intp]:
        """Rows of a dated section up to ``as_of`` (after ``since`` if given), of one member.

        Rows are found through a per-section index sorted by member, so asking for one
        member costs time in that member's rows, not in the whole network.
        """
        table = self.network.tables[section]
        if member is None:
            candidates = np.arange(len(table))
        else:
            order, starts = self._member_index(section)
            candidates = order[starts[member] : starts[member + 1]]
        dates = table["date"][candidates]
        keep = dates <= self.as_of
        if since is not None:
            keep &= dates > since
        return candidates[keep]

    def _member_index(self, section: str) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        cached = self._by_member.get(section)
        if cached is None:
            members = self.network.tables[section]["member"]
            order = np.argsort(members, kind="stable")
            counts = np.bincount(members, minlength=self.network.size)
            starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.intp)
            cached = (order.astype(np.intp), starts)
            self._by_member[section] = cached
        return cached

    def person_id(self, person: int) -> str:
        return str(self.network.person_ids[person])

    def person_name(self, person: int) -> str:
        return str(self.network.people["name"][person])

    # -- money ----------------------------------------------------------------
    def currency(self, member: int) -> str:
        """The member's main currency: the one most of their invoices are in (EUR if none)."""
        rows = self.rows("invoices", member)
        if len(rows) == 0:
            return "EUR"
        names, counts = np.unique(
            self.network.tables["invoices"]["currency"][rows].astype(str), return_counts=True
        )
        return str(names[np.argmax(counts)])  # ties go to the alphabetically first

    def invoice_rows(
        self, member: int, since: np.datetime64 | None = None
    ) -> tuple[npt.NDArray[np.intp], int]:
        """The member's invoices in their main currency, and how many others were left out."""
        rows = self.rows("invoices", member, since)
        currency = self.network.tables["invoices"]["currency"][rows]
        same = currency == self.currency(member)
        return rows[same], int(np.count_nonzero(~same))
