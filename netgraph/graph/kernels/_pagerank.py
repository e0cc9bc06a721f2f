"""PageRank by power iteration on a weighted undirected graph.

The model is the one of :func:`networkx.pagerank` with ``weight="weight"``:
a random surfer follows an edge with probability proportional to its
strength, teleports with probability ``1 - damping`` according to the
personalization vector, and jumps from a dangling (isolated) node according
to the personalization vector as well.  The difference is the stopping rule:
networkx stops once the L1 change is below ``n * tol``, which on large graphs
stops far too early (networkx issue #4792); here the L1 change itself must
fall below ``tol``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ._adjacency import Adjacency, FloatArray, KernelInputError, as_adjacency

__all__ = ["PageRankResult", "pagerank"]


@dataclass(frozen=True)
class PageRankResult:
    """Outcome of :func:`pagerank`.

    Attributes
    ----------
    scores : numpy.ndarray
        float64 array of length ``n``, non-negative and summing to 1.
    iterations : int
        Number of power iterations performed.
    converged : bool
        Whether the L1 change of the last iteration fell below ``tol``.
    residual : float
        L1 change of the last iteration (``0.0`` for an empty graph).
    """

    scores: FloatArray
    iterations: int
    converged: bool
    residual: float


def pagerank(
    adj: Adjacency,
    *,
    damping: float = 0.85,
    tol: float = 1e-12,
    max_iter: int = 1000,
    personalization: npt.ArrayLike | None = None,
) -> PageRankResult:
    r"""Weighted PageRank of every node.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix of tie strengths.
    damping : float, optional
        Probability :math:`\alpha` of following an edge, in ``[0, 1]``.
    tol : float, optional
        The iteration stops once :math:`\lVert x_{k+1} - x_k \rVert_1 <`
        ``tol``.
    max_iter : int, optional
        Maximum number of iterations.
    personalization : array_like of float, optional
        Non-negative teleport weights of length ``n`` with a positive sum;
        normalised here.  Uniform by default.  Dangling nodes jump by the same
        distribution.

    Returns
    -------
    PageRankResult
        The scores with the iteration count, the convergence flag and the
        last L1 change.  When ``converged`` is ``False`` the scores are the
        last iterate (still a probability vector); deciding whether that is
        good enough is left to the caller.

    Raises
    ------
    KernelInputError
        If ``damping``, ``tol``, ``max_iter`` or ``personalization`` are
        invalid (a :class:`ValueError`).

    Notes
    -----
    With strengths :math:`s_i = \sum_j A_{ij}`, teleport vector :math:`p`
    and dangling set :math:`\mathcal{D} = \{i : s_i = 0\}`, starting from the
    uniform vector,

    .. math::

        x_{k+1, j} = \alpha \Big( \sum_i x_{k,i} \frac{A_{ij}}{s_i}
        + p_j \sum_{i \in \mathcal{D}} x_{k,i} \Big) + (1 - \alpha)\, p_j .

    The change after :math:`k` steps is bounded by a constant times
    :math:`\alpha^k`, so the default ``tol`` needs at most about 170
    iterations at ``damping=0.85`` (about 65 on social graphs of 100k to 1M
    nodes), each one sparse matrix-vector product.

    References
    ----------
    .. [1] L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank
       citation ranking: bringing order to the Web", Stanford InfoLab
       technical report, 1999.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> star = sparse.csr_array(np.array(
    ...     [[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=float))
    >>> result = pagerank(star)
    >>> np.round(result.scores, 4)
    array([0.4797, 0.1734, 0.1734, 0.1734])
    >>> result.converged, bool(result.residual < 1e-12)
    (True, True)
    """
    a = as_adjacency(adj)
    n = a.shape[0]
    if not 0.0 <= damping <= 1.0:
        raise KernelInputError("damping must be in [0, 1]")
    if not tol > 0.0:
        raise KernelInputError("tol must be positive")
    if max_iter < 0:
        raise KernelInputError("max_iter must be non-negative")
    if n == 0:
        return PageRankResult(np.zeros(0), 0, True, 0.0)
    if personalization is None:
        p = np.full(n, 1.0 / n)
    else:
        p = np.array(personalization, dtype=np.float64).reshape(-1)
        if p.shape != (n,):
            raise KernelInputError(f"personalization must have length {n}")
        total = p.sum()
        if not (np.all(np.isfinite(p)) and p.min() >= 0.0 and total > 0.0):
            raise KernelInputError("personalization must be non-negative with a positive sum")
        p = p / total
    strength = np.asarray(a.sum(axis=1), dtype=np.float64)
    dangling = strength == 0.0
    inv = np.zeros(n)
    np.divide(1.0, strength, out=inv, where=~dangling)
    teleport = (1.0 - damping) * p
    x = np.full(n, 1.0 / n)
    residual = float("inf")
    iterations = 0
    while iterations < max_iter:
        # The graph is symmetric, so x @ (D^-1 A) == A @ (x / s).
        new = a @ (x * inv)
        new += x[dangling].sum() * p
        new *= damping
        new += teleport
        residual = float(np.abs(new - x).sum())
        x = new
        iterations += 1
        if residual < tol:
            break
    converged = residual < tol
    return PageRankResult(x, iterations, converged, residual)
