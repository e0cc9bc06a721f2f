"""The compiled kernels' entry points: typed wrappers around the loops of ``_loops`` (private).

The loops (see :mod:`._loops`) are compiled by numba; this module does not import
numba itself: each function here imports the loops on its first call, so that
importing netgraph, and scoring a small network with the numpy and scipy paths of the
kernels, never pays for importing numba.  The functions take and return plain numpy
arrays and trust them (no bounds checks): the public kernels check their input before
calling them.
"""

from __future__ import annotations

import threading
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from ._adjacency import FloatArray, IntArray, InvalidAdjacencyError

IndexArray = npt.NDArray[np.integer[Any]]

__all__ = [
    "HEAVY_NODES",
    "PARALLEL_LOCK",
    "burt_sums",
    "distinct_labels_per_row",
    "loaded",
    "set_reach_counts",
    "symmetric_csr",
    "upper_in_order",
    "warm_up",
]

#: Held while a parallel loop runs: numba's default thread pool (workqueue) must not be
#: entered from two threads at once, and netgraph may be called from several.
PARALLEL_LOCK = threading.Lock()


def _loops() -> ModuleType:
    """The compiled loops (numba is imported on the first call, once per process)."""
    from . import _loops

    return _loops


def symmetric_csr(
    n: int, tail: IndexArray, head: IndexArray, weight: FloatArray, cap: float
) -> tuple[IntArray, npt.NDArray[np.int32], FloatArray]:
    """Compiled :func:`._loops._symmetric_csr`: ``(indptr, indices, data)`` of an
    ``(n, n)`` matrix."""
    indptr: IntArray
    indices: npt.NDArray[np.int32]
    data: FloatArray
    # int32 rows stay int32 (half the bytes to read); any other type is widened
    kind = tail.dtype if tail.dtype == head.dtype == np.int32 else np.int64
    indptr, indices, data = _loops().symmetric_compiled(
        n,
        tail.astype(kind, copy=False),
        head.astype(kind, copy=False),
        weight.astype(np.float64, copy=False),
        float(cap),
    )
    return indptr, indices, data


def distinct_labels_per_row(
    indptr: IndexArray, indices: IndexArray, labels: IntArray, rows: IntArray
) -> IntArray:
    """Compiled :func:`._loops._distinct_labels_per_row` (labels are 0..k-1)."""
    counts: IntArray = _loops().labels_compiled(
        indptr, indices, labels.astype(np.int64, copy=False), rows.astype(np.int64, copy=False)
    )
    return counts


def upper_in_order(
    indptr: IndexArray, indices: IndexArray, data: FloatArray, order: IntArray
) -> tuple[IntArray, npt.NDArray[np.int32], FloatArray]:
    """Compiled :func:`._loops._upper_in_order` (``order`` a permutation of the nodes)."""
    out_ptr: IntArray
    out_indices: npt.NDArray[np.int32]
    out_data: FloatArray
    small = len(order) < np.iinfo(np.int32).max
    out_ptr, out_indices, out_data = _loops().upper_compiled(
        indptr,
        indices,
        data.astype(np.float64, copy=False),
        order.astype(np.int32 if small else np.int64, copy=False),
    )
    return out_ptr, out_indices, out_data


_warmed = threading.Event()
_warming = threading.Lock()


def loaded() -> bool:
    """Whether the compiled loops are loaded (:func:`warm_up` has finished).

    Their results equal those of the numpy twins in ``_small``, so a kernel may choose
    by this: a short job on a large graph takes the numpy path rather than wait for
    numba to load, which costs more than the job.
    """
    return _warmed.is_set()


def warm_up() -> None:
    """Load every compiled loop (from numba's cache, or compile it) for the array types
    netgraph passes, so that the first real call does not wait for it.  Idempotent."""
    with _warming:
        if _warmed.is_set():
            return
        int64 = np.zeros(1, dtype=np.int64)
        indptr, indices = np.zeros(2, dtype=np.int32), np.zeros(0, dtype=np.int32)
        weights, one = np.zeros(0), np.ones(1)
        symmetric_csr(1, int64[:0], int64[:0], weights, 1.0)
        symmetric_csr(1, indices, indices, weights, 1.0)
        upper_in_order(indptr, indices, weights, int64)
        set_reach_counts(indptr, indices, np.zeros(2, dtype=np.int64), int64, int64 - 1)
        burt_sums(indptr, indices, weights, one, one)
        distinct_labels_per_row(indptr, indices, int64, int64)
        _warmed.set()


#: At most this many heavy nodes get bitsets (two of ``n`` bits each) in the reach of sets.
HEAVY_NODES = 64


def set_reach_counts(
    indptr: IndexArray,
    indices: IndexArray,
    set_ptr: IntArray,
    sources: IntArray,
    centres: IntArray,
    open_centres: bool = False,
    heavy_degree: int | None = None,
) -> IntArray:
    """Compiled :func:`._loops._set_reach_counts`, on as many stripes as numba has threads.

    Nodes of more than ``heavy_degree`` neighbours (by default ``n / 64``: more than a
    bitset of all nodes has words), at most :data:`HEAVY_NODES` of the highest degrees,
    are handled as bitsets rather than walked. The counts are the same either way.
    """
    if len(set_ptr) - 1 >= np.iinfo(np.int32).max:
        raise InvalidAdjacencyError("too many sets for one call: the loop stamps them as int32")
    loops = _loops()
    n = len(indptr) - 1
    degree = np.diff(indptr)
    limit = -(-n // 64) if heavy_degree is None else heavy_degree
    heavy = np.flatnonzero(degree > limit)
    heavy = heavy[np.argsort(-degree[heavy], kind="stable")][:HEAVY_NODES].astype(np.int64)
    heavy_of = np.full(n, -1, dtype=np.int64)
    heavy_of[heavy] = np.arange(len(heavy), dtype=np.int64)
    near_bits, reach_bits = loops.heavy_bitsets_compiled(indptr, indices, heavy)
    stripes = max(1, min(loops.thread_count(), len(set_ptr) - 1))
    with PARALLEL_LOCK:
        counts: IntArray = loops.set_reach_compiled(
            indptr,
            indices,
            set_ptr.astype(np.int64, copy=False),
            sources.astype(np.int64, copy=False),
            centres.astype(np.int64, copy=False),
            stripes,
            bool(open_centres),
            heavy_of,
            near_bits,
            reach_bits,
        )
    return counts


def burt_sums(
    indptr: IndexArray,
    indices: IndexArray,
    weights: FloatArray,
    strength: FloatArray,
    largest: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """Compiled :func:`._loops._burt_sums` (strength and largest weight non-zero where used)."""
    squares: FloatArray
    redundancy: FloatArray
    squares, redundancy = _loops().burt_compiled(
        indptr,
        indices,
        weights.astype(np.float64, copy=False),
        strength.astype(np.float64, copy=False),
        largest.astype(np.float64, copy=False),
    )
    return squares, redundancy
