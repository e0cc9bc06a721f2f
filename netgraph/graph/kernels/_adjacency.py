"""Input checking shared by the graph kernels.

Every kernel takes an undirected weighted graph as a square
:class:`scipy.sparse.csr_array` of float64 whose row ``i`` holds the edges of
node ``i``.  The matrix is expected to be symmetric, to have no self-loops and
no explicit zeros, and its weights must be positive and finite.

:func:`as_adjacency` does the cheap part of that check (shape, dtype, weight
signs, self-loops) and is called by every kernel; :func:`validate_adjacency`
also checks symmetry, which costs a transpose, and is meant to be called once
where a graph is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ...model._errors import NetgraphError

#: Graphs with at most this many edges are small: the kernels handle them with numpy,
#: scipy and networkx alone, so they never import numba or networkit.
SMALL_GRAPH_EDGES = 20_000

if TYPE_CHECKING:
    Adjacency: TypeAlias = sparse.csr_array[np.float64, tuple[int, int]]
else:
    Adjacency: TypeAlias = sparse.csr_array

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

__all__ = [
    "SMALL_GRAPH_EDGES",
    "Adjacency",
    "BoolArray",
    "FloatArray",
    "IntArray",
    "InvalidAdjacencyError",
    "KernelInputError",
    "MissingBackendError",
    "NodeIndexError",
    "NodeTypeError",
    "as_adjacency",
    "as_node_indices",
    "sorted_unique",
    "validate_adjacency",
]


class KernelInputError(NetgraphError, ValueError):
    """An argument of a graph kernel breaks the kernel's rules.

    netgraph passes valid arguments to its kernels, so this points at a misuse or a bug.
    It is also a :class:`ValueError`, as the argument errors of numpy and scipy are.
    """


class InvalidAdjacencyError(KernelInputError):
    """The matrix given as a graph breaks one of the kernels' input rules."""


class NodeIndexError(KernelInputError, IndexError):
    """A node index outside the graph (also an :class:`IndexError`)."""


class NodeTypeError(KernelInputError, TypeError):
    """Node indices that are not integers in one dimension (also a :class:`TypeError`)."""


class MissingBackendError(NetgraphError, ImportError):
    """A kernel was asked for a backend whose optional package is not installed (also an
    :class:`ImportError`)."""


def as_adjacency(adj: object) -> Adjacency:
    """Return ``adj`` as a canonical float64 CSR array.

    This is the cheap conversion every kernel starts with: it checks the
    shape and converts the format, but it does not look at the weights or at
    symmetry, so that kernels asked about one node stay cheap.  Call
    :func:`validate_adjacency` once where a graph is built.

    Parameters
    ----------
    adj : scipy.sparse array or matrix
        Square adjacency matrix of an undirected weighted graph.

    Returns
    -------
    scipy.sparse.csr_array
        The same graph as a float64 ``csr_array`` with sorted indices and no
        duplicate entries.  ``adj`` itself is returned when it already has
        that form (index arrays may be 32 or 64 bit).

    Raises
    ------
    InvalidAdjacencyError
        If ``adj`` is not a square sparse matrix.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> a = as_adjacency(sparse.csr_array(np.array([[0, 2], [2, 0]])))
    >>> a.dtype, a.shape
    (dtype('float64'), (2, 2))
    """
    if not sparse.issparse(adj):
        raise InvalidAdjacencyError("the graph must be a scipy.sparse matrix or array")
    matrix: Any = adj
    shape = matrix.shape
    if len(shape) != 2 or shape[0] != shape[1]:
        raise InvalidAdjacencyError(f"the adjacency matrix must be square, got shape {shape}")
    if isinstance(adj, sparse.csr_array) and adj.dtype == np.float64 and adj.has_canonical_format:
        return adj
    out: Adjacency = sparse.csr_array(matrix, dtype=np.float64)
    out.sum_duplicates()
    return out


def validate_adjacency(adj: object) -> Adjacency:
    """Fully check a graph matrix, symmetry included, and return it canonical.

    Parameters
    ----------
    adj : scipy.sparse array or matrix
        Square adjacency matrix of an undirected weighted graph.

    Returns
    -------
    scipy.sparse.csr_array
        The graph in the canonical form of :func:`as_adjacency`.

    Raises
    ------
    InvalidAdjacencyError
        If the matrix is not square, has self-loops, has weights that are not
        positive and finite, or is not exactly symmetric.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> one_way = sparse.csr_array(np.array([[0.0, 1.0], [0.0, 0.0]]))
    >>> try:
    ...     validate_adjacency(one_way)
    ... except InvalidAdjacencyError as err:
    ...     print(err)
    the adjacency matrix must be symmetric
    """
    out = as_adjacency(adj)
    data = out.data
    if data.size and not (np.all(np.isfinite(data)) and data.min() > 0.0):
        raise InvalidAdjacencyError("edge weights must be positive and finite")
    rows = np.repeat(np.arange(out.shape[0]), np.diff(out.indptr))
    if np.any(rows == out.indices):
        raise InvalidAdjacencyError("the graph must not have self-loops")
    t = out.T.tocsr()
    t.sort_indices()
    if not (
        np.array_equal(out.indptr, t.indptr)
        and np.array_equal(out.indices, t.indices)
        and np.array_equal(out.data, t.data)
    ):
        raise InvalidAdjacencyError("the adjacency matrix must be symmetric")
    return out


def as_node_indices(nodes: object, n: int, *, name: str = "nodes") -> IntArray:
    """Return ``nodes`` as a 1-D int64 array of node indices in ``[0, n)``.

    Parameters
    ----------
    nodes : array_like of int
        Node indices; a scalar is treated as a single node.
    n : int
        Number of nodes of the graph.
    name : str, optional
        Argument name used in error messages.

    Returns
    -------
    numpy.ndarray
        The indices as int64, in the given order (duplicates are kept).

    Raises
    ------
    NodeIndexError
        If an index is outside ``[0, n)`` (an :class:`IndexError`).
    NodeTypeError
        If the values are not integers (a :class:`TypeError`).

    Examples
    --------
    >>> as_node_indices([2, 0], 3)
    array([2, 0])
    """
    arr = np.atleast_1d(np.asarray(nodes))
    if arr.ndim != 1:
        raise NodeTypeError(f"{name} must be a 1-D sequence of node indices")
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        raise NodeTypeError(f"{name} must hold integer node indices, got dtype {arr.dtype}")
    idx = arr.astype(np.int64)
    if idx.min() < 0 or idx.max() >= n:
        raise NodeIndexError(f"{name} must be node indices in [0, {n})")
    return idx


def sorted_unique(values: IntArray) -> IntArray:
    """Distinct values in increasing order, by sorting.

    numpy 2's default :func:`numpy.unique` of integers goes through a hash
    table, which is many times slower than a sort on large value ranges.

    Parameters
    ----------
    values : numpy.ndarray
        1-D integer array.

    Returns
    -------
    numpy.ndarray
        The distinct values, sorted.

    Examples
    --------
    >>> sorted_unique(np.array([5, 1, 5, 3]))
    array([1, 3, 5])
    """
    ordered = np.sort(values)
    if ordered.size == 0:
        return ordered
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    out: IntArray = ordered[keep]
    return out
