"""Loading the heavy libraries of the kernels ahead of their first use (private)."""

from __future__ import annotations

import importlib
import importlib.util
import threading
from collections.abc import Callable

from . import _compiled
from ._adjacency import SMALL_GRAPH_EDGES

__all__ = ["prepare_kernels", "started"]


def _import_networkit() -> None:
    if importlib.util.find_spec("networkit") is not None:
        importlib.import_module("networkit")


_LOADERS: dict[str, Callable[[], None]] = {
    "loops": _compiled.warm_up,
    "networkit": _import_networkit,
}
_started: dict[str, threading.Thread] = {}
_STARTED_LOCK = threading.Lock()


def prepare_kernels(edges: int, *, communities: bool = False) -> threading.Thread | None:
    """Start loading what the kernels use on a large graph, on a background thread.

    Above ``SMALL_GRAPH_EDGES`` edges the kernels run loops compiled by numba, and
    communities use networkit's Louvain; loading those takes a good part of a second
    the first time in a process.  Called before the graph is built (with an estimate:
    the number of ties and events, which is at least the number of edges), this loads
    them meanwhile, once per process.  For a small graph it does nothing: its kernels
    use numpy, scipy and networkx only.  The thread is a daemon, so a process that ends
    before it does not wait for it.

    Parameters
    ----------
    edges : int
        The edges of the graph about to be scored, or an upper bound.
    communities : bool
        Also import networkit, for :func:`communities` (scoring does not use it, and
        its import costs more than the compiled loops).

    Returns
    -------
    threading.Thread or None
        The loading thread of this call, or None when there is nothing to load: a small
        graph, or everything asked for is loading or loaded already.

    Examples
    --------
    >>> prepare_kernels(150) is None
    True
    """
    if edges <= SMALL_GRAPH_EDGES:
        return None
    wanted = ("loops", "networkit") if communities else ("loops",)
    with _STARTED_LOCK:
        missing = [part for part in wanted if part not in _started]
        if not missing:
            return None
        for part in missing:
            _started[part] = threading.Thread(
                target=_LOADERS[part], name=f"netgraph-prepare-{part}", daemon=True
            )
    for part in missing:
        _started[part].start()
    return _started[missing[-1]]


def started(part: str) -> threading.Thread | None:
    """The thread that loads ``part`` ("loops" or "networkit"), if one was started."""
    with _STARTED_LOCK:
        return _started.get(part)
