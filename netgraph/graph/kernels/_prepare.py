"""Loading the heavy libraries of the kernels ahead of their first use (private)."""

from __future__ import annotations

import threading

from ._adjacency import SMALL_GRAPH_EDGES
from ._communities import prepare_communities

__all__ = ["prepare_kernels"]

_started: list[threading.Thread] = []
_STARTED_LOCK = threading.Lock()


def prepare_kernels(edges: int) -> threading.Thread | None:
    """Start loading what the kernels use on a large graph, on a background thread.

    Above ``SMALL_GRAPH_EDGES`` edges the kernels run loops compiled by numba and
    networkit's Louvain; importing those takes a good part of a second the first time
    in a process.  Called before the graph is built (with an estimate: the number of
    ties and events, which is at least the number of edges), this loads them
    meanwhile, once per process.  For a small graph it does nothing: its kernels use
    numpy, scipy and networkx only.  The thread is a daemon, so a process that ends
    before it does not wait for it.

    Parameters
    ----------
    edges : int
        The edges of the graph about to be scored, or an upper bound.

    Returns
    -------
    threading.Thread or None
        The loading thread (the same one on every call), or None for a small graph.

    Examples
    --------
    >>> prepare_kernels(150) is None
    True
    """
    if edges <= SMALL_GRAPH_EDGES:
        return None
    with _STARTED_LOCK:
        if _started:
            return _started[0]
        thread = threading.Thread(
            target=prepare_communities, args=(edges,), name="netgraph-prepare", daemon=True
        )
        _started.append(thread)
    thread.start()
    return thread
