r"""Burt's structural-hole measures: constraint and effective size.

Both are computed for all nodes at once, in one pass over the triangles of
the graph (compiled, see ``_compiled``), and agree with
:func:`networkx.constraint` and :func:`networkx.effective_size` (``weight=
"weight"`` when ``weighted=True``, ``weight=None`` otherwise).

For an undirected graph with weights :math:`A`, strengths
:math:`s_v = \sum_w A_{vw}` and largest weights :math:`\mu_v = \max_w
A_{vw}`, networkx's normalised mutual weights reduce to
:math:`p_{vw} = A_{vw} / s_v` and :math:`m_{vw} = A_{vw} / \mu_v`.  Both
measures then only need, per edge, sums over the common neighbours of its
ends, that is over the triangles through the edge.  Asked for a few nodes the
kernels instead multiply those nodes' rows by the adjacency matrix, which
costs the size of their two-step neighbourhood.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ._adjacency import (
    Adjacency,
    FloatArray,
    IntArray,
    as_adjacency,
    as_node_indices,
    sorted_unique,
)
from ._compiled import burt_sums

__all__ = ["burt_measures", "constraint", "effective_size"]


def _strength_and_max(
    a: Adjacency, rows: IntArray | None, weighted: bool
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Strength, largest weight and degree of ``rows`` (all nodes if None)."""
    indptr = a.indptr.astype(np.int64, copy=False)
    if rows is None:
        starts, stops = indptr[:-1], indptr[1:]
    else:
        starts, stops = indptr[rows], indptr[rows + 1]
    deg = stops - starts
    if not weighted:
        as_float = deg.astype(np.float64)
        return as_float, np.where(deg > 0, 1.0, 0.0), deg
    if rows is None:
        data = a.data
        offsets = starts
    else:
        pos = np.arange(int(deg.sum()), dtype=np.int64)
        cum = np.cumsum(deg) - deg
        pos += np.repeat(starts - cum, deg)
        data = a.data[pos]
        offsets = cum
    strength = np.zeros(deg.size)
    largest = np.zeros(deg.size)
    nonempty = deg > 0
    if data.size:
        strength[nonempty] = np.add.reduceat(data, offsets[nonempty])
        largest[nonempty] = np.maximum.reduceat(data, offsets[nonempty])
    return strength, largest, deg


def _ego_products(
    a: Adjacency, nodes: IntArray, weighted: bool, scale_by_strength: bool
) -> tuple[sparse.csr_array, FloatArray, FloatArray, IntArray, IntArray]:
    r"""Rows of ``nodes`` and, on their pattern, sums over common neighbours.

    Returns ``(x, y, strength, degree, neighbour_nodes)``: ``x`` holds the
    rows of ``nodes``, ``y`` has the same pattern and holds
    :math:`\sum_q A_{vq} A_{qw} / s_q` (``scale_by_strength``) or
    :math:`\sum_q A_{vq} A_{qw}` at each entry ``(v, w)``.
    """
    x = a[nodes]
    if not weighted:
        x = sparse.csr_array((np.ones(x.nnz), x.indices, x.indptr), shape=x.shape)
        right = sparse.csr_array((np.ones(a.nnz), a.indices, a.indptr), shape=a.shape)
    else:
        right = a
    s_nodes, _, deg = _strength_and_max(a, nodes, weighted)
    nbrs = sorted_unique(x.indices.astype(np.int64))
    s_nbrs, _, _ = _strength_and_max(a, nbrs, weighted)
    left = x
    if scale_by_strength:
        where = np.searchsorted(nbrs, x.indices)
        left = sparse.csr_array((x.data / s_nbrs[where], x.indices, x.indptr), shape=x.shape)
    product = (left @ right).tocsr()
    product.sum_duplicates()
    # The product's values at x's own entries (zero where no common neighbour),
    # found by binary search on (row, column) keys, both sorted.
    n = a.shape[0]
    x_rows = np.repeat(np.arange(nodes.size, dtype=np.int64), np.diff(x.indptr))
    p_rows = np.repeat(np.arange(nodes.size, dtype=np.int64), np.diff(product.indptr))
    p_keys = p_rows * n + product.indices
    x_keys = x_rows * n + x.indices
    y_data: FloatArray = np.zeros(x.nnz)
    if p_keys.size:
        where = np.minimum(np.searchsorted(p_keys, x_keys), p_keys.size - 1)
        found = p_keys[where] == x_keys
        y_data[found] = product.data[where[found]]
    return x, y_data, s_nodes, deg, nbrs


def burt_measures(adj: Adjacency, *, weighted: bool = True) -> tuple[FloatArray, FloatArray]:
    r"""Constraint and effective size of every node, from one pass over the triangles.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix of tie strengths.
    weighted : bool, optional
        Use the weights; if ``False`` every edge counts 1.

    Returns
    -------
    tuple of numpy.ndarray
        ``(constraint, effective_size)``, each of length ``n`` with ``NaN`` for
        isolated nodes: the values of :func:`constraint` and
        :func:`effective_size`, which both need the same triangle sums.

    Notes
    -----
    Edges are oriented from the lower to the higher (degree, index) rank,
    which bounds every out-degree by :math:`\sqrt{2m}`; each triangle is then
    found once, as a common out-neighbour of both ends of an edge, with a
    marker array (Chiba and Nishizeki [1]_).  Work :math:`O(m^{3/2})` at worst
    and far less on sparse heavy-tailed graphs; memory :math:`O(n + m)`.

    References
    ----------
    .. [1] N. Chiba and T. Nishizeki, "Arboricity and subgraph listing
       algorithms", SIAM Journal on Computing 14(1):210-223, 1985.
    .. [2] R. S. Burt, *Structural Holes: The Social Structure of
       Competition*, Harvard University Press, 1992.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> triangle_and_leaf = sparse.csr_array(np.array(
    ...     [[0, 1, 1, 1], [1, 0, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=float))
    >>> burt, size = burt_measures(triangle_and_leaf, weighted=False)
    >>> burt.round(4), size.round(4)
    (array([0.6111, 1.0069, 1.0069, 1.    ]), array([2.3333, 1.    , 1.    , 1.    ]))
    """
    a = as_adjacency(adj)
    s, mu, deg = _strength_and_max(a, None, weighted)
    weights = a.data if weighted else np.ones(a.nnz)
    safe_s = np.where(deg > 0, s, 1.0)
    safe_mu = np.where(deg > 0, mu, 1.0)
    squares, redundancy = burt_sums(a.indptr, a.indices, weights, safe_s, safe_mu)
    return _finish(squares, s**2, deg), _finish(deg * s - redundancy, s, deg)


def constraint(
    adj: Adjacency, nodes: npt.ArrayLike | None = None, *, weighted: bool = True
) -> FloatArray:
    r"""Burt's constraint of every node (or of ``nodes``).

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix of tie strengths.
    nodes : array_like of int, optional
        Compute only these nodes, at the cost of their two-step
        neighbourhood instead of the whole graph.
    weighted : bool, optional
        Use the weights (networkx ``weight="weight"``); if ``False`` every
        edge counts 1 (networkx ``weight=None``).

    Returns
    -------
    numpy.ndarray
        float64 constraint of each node (length ``n``, or one value per entry
        of ``nodes`` in that order); ``NaN`` for isolated nodes.

    Notes
    -----
    With :math:`p_{vw} = A_{vw} / s_v`,

    .. math::

        c(v) = \sum_{w \in N(v)} \Big(p_{vw} + \sum_{q \in N(v) \cap N(w)}
        p_{vq}\, p_{qw}\Big)^2
        = \frac{1}{s_v^2} \sum_{w \in N(v)} \big(A_{vw} + T_{vw}\big)^2,

    where :math:`T_{vw} = \sum_q A_{vq} A_{qw} / s_q` is symmetric: each
    triangle :math:`\{u, v, w\}` adds :math:`A_{uv} A_{uw} / s_u` to
    :math:`T_{vw}` and likewise for its two other sides.  The whole graph
    costs one triangle listing, about :math:`O(m^{3/2})` in the worst case
    and far less on sparse heavy-tailed graphs.

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes: The Social Structure of
       Competition*, Harvard University Press, 1992.
    .. [2] R. S. Burt, "Structural holes and good ideas", American Journal
       of Sociology 110(2):349-399, 2004.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> star = sparse.csr_array(np.array(
    ...     [[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=float))
    >>> np.round(constraint(star), 4)
    array([0.3333, 1.    , 1.    , 1.    ])
    >>> constraint(star, nodes=[2, 0]).round(4)
    array([1.    , 0.3333])
    """
    a = as_adjacency(adj)
    if nodes is not None:
        idx = as_node_indices(nodes, a.shape[0])
        if idx.size == 0:
            return np.zeros(0)
        x, t_data, s, deg, _ = _ego_products(a, idx, weighted, scale_by_strength=True)
        a_data = x.data if weighted else np.ones(x.nnz)
        rows = np.repeat(np.arange(idx.size, dtype=np.int64), np.diff(x.indptr))
        total = _bincount(rows, weights=(a_data + t_data) ** 2, minlength=idx.size)
        return _finish(total, s**2, deg)
    return burt_measures(a, weighted=weighted)[0]


def effective_size(
    adj: Adjacency, nodes: npt.ArrayLike | None = None, *, weighted: bool = True
) -> FloatArray:
    r"""Burt's effective size of every node's ego network (or of ``nodes``).

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix of tie strengths.
    nodes : array_like of int, optional
        Compute only these nodes, at the cost of their two-step
        neighbourhood instead of the whole graph.
    weighted : bool, optional
        Use the weights (networkx ``weight="weight"``); if ``False`` every
        edge counts 1 (networkx ``weight=None``, Borgatti's formula).

    Returns
    -------
    numpy.ndarray
        float64 effective size of each node (length ``n``, or one value per
        entry of ``nodes`` in that order); ``NaN`` for isolated nodes.

    Notes
    -----
    With :math:`p_{uw} = A_{uw} / s_u` and :math:`m_{vw} = A_{vw} / \mu_v`,

    .. math::

        e(u) = \sum_{v \in N(u)} \Big(1 - \sum_{w \in N(u) \cap N(v)}
        p_{uw}\, m_{vw}\Big)
        = d_u - \frac{1}{s_u} \sum_{v \in N(u)} \sum_{w \in N(u) \cap N(v)}
        \frac{A_{uw} A_{vw}}{\mu_v},

    so each triangle :math:`\{u, v, w\}` adds :math:`A_{uw} A_{vw} / \mu_v +
    A_{uv} A_{vw} / \mu_w` to the inner sum of :math:`u`.  Unweighted, this is
    Borgatti's :math:`e(u) = d_u - 2 t_u / d_u` with :math:`t_u` the number of
    ties among the neighbours of :math:`u`, which networkx uses in that case.

    :math:`\mu_v` is the largest weight of :math:`v`, the contact, as in
    networkx's per-node computation (``nodes`` given).  The vectorised path
    of networkx 3.6 (``nodes=None``) divides by the other node's largest
    weight instead, a known bug that only shows with weights; the values here
    equal ``networkx.effective_size(G, nodes=list(G), weight="weight")``.

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes: The Social Structure of
       Competition*, Harvard University Press, 1992.
    .. [2] S. P. Borgatti, "Structural holes: unpacking Burt's redundancy
       measures", Connections 20(1):35-38, 1997.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> triangle_and_leaf = sparse.csr_array(np.array(
    ...     [[0, 1, 1, 1], [1, 0, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=float))
    >>> effective_size(triangle_and_leaf, weighted=False).round(4)
    array([2.3333, 1.    , 1.    , 1.    ])
    """
    a = as_adjacency(adj)
    if nodes is not None:
        idx = as_node_indices(nodes, a.shape[0])
        if idx.size == 0:
            return np.zeros(0)
        x, y_data, s, deg, nbrs = _ego_products(a, idx, weighted, scale_by_strength=False)
        _, mu_nbrs, _ = _strength_and_max(a, nbrs, weighted)
        where = np.searchsorted(nbrs, x.indices)
        rows = np.repeat(np.arange(idx.size, dtype=np.int64), np.diff(x.indptr))
        inner = _bincount(rows, weights=y_data / mu_nbrs[where], minlength=idx.size)
        return _finish(deg * s - inner, s, deg)
    return burt_measures(a, weighted=weighted)[1]


def _bincount(index: IntArray, *, weights: FloatArray, minlength: int) -> FloatArray:
    """Weighted bincount as float64."""
    out: FloatArray = np.bincount(index, weights=weights, minlength=minlength).astype(
        np.float64, copy=False
    )
    return out


def _finish(numerator: FloatArray, denominator: FloatArray, deg: IntArray) -> FloatArray:
    """Divide, with NaN for isolated nodes."""
    out = np.full(numerator.shape, np.nan)
    np.divide(numerator, denominator, out=out, where=deg > 0)
    return out
