"""Warm paths: the best way of at most two steps from the member to someone, by its weakest tie.

An introduction is only as warm as the weakest tie on its way: a close friend of a
passing acquaintance is a cold call. So a path is rated by the smallest strength on it
(the edge weights of the graph projection, :mod:`netgraph.graph._projection`), and
the best path is the one whose weakest tie is strongest ("widest path"). Between paths
rated the same, the intermediary who comes first in ``order`` (the order of ids) wins.
Strengthening a tie on a path never lowers the rating of the best path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["WarmPath", "best_warm_path", "ties_of"]


@dataclass(frozen=True)
class WarmPath:
    """A path from the member to a person, and the strength of each tie along it.

    Attributes
    ----------
    people
        Person rows from the member to the person: two (a direct tie) or three (through
        one intermediary).
    strengths
        The strength of each step, one fewer than ``people``.
    """

    people: tuple[int, ...]
    strengths: tuple[float, ...]

    @property
    def rating(self) -> float:
        """The strength of the weakest tie on the path."""
        return min(self.strengths)

    @property
    def intermediary(self) -> int | None:
        return self.people[1] if len(self.people) == 3 else None


def ties_of(adjacency: sp.csr_array, row: int) -> dict[int, float]:
    """The neighbours of ``row`` in a CSR matrix, with the strength of each tie."""
    start, stop = adjacency.indptr[row], adjacency.indptr[row + 1]
    indices: npt.NDArray[Any] = adjacency.indices[start:stop]
    data: npt.NDArray[np.float64] = adjacency.data[start:stop]
    return dict(zip(indices.tolist(), data.tolist(), strict=True))


def best_warm_path(
    member: int,
    member_ties: Mapping[int, float],
    target: int,
    target_ties: Mapping[int, float],
    *,
    direct: bool = True,
    order: Callable[[int], Any] | None = None,
) -> WarmPath | None:
    """The path of at most two steps from ``member`` to ``target`` whose weakest tie is strongest.

    Parameters
    ----------
    member, target
        Person rows.
    member_ties, target_ties
        Their neighbours with the strength of each tie (see :func:`ties_of`); a target
        outside the graph (a stranger placed by their organisation) has ties of its own.
    direct
        Whether a direct tie between the two counts as a path (of one step).
    order
        The key that orders intermediaries of paths rated the same (default: the row);
        the first wins.

    Returns
    -------
    WarmPath or None
        ``None`` when no such path exists.

    Examples
    --------
    >>> me = {1: 5.0, 2: 1.0}
    >>> path = best_warm_path(0, me, 9, {1: 2.0, 2: 8.0})
    >>> path.people, path.strengths, path.rating
    ((0, 1, 9), (5.0, 2.0), 2.0)
    >>> best_warm_path(0, me, 9, {7: 3.0}) is None
    True
    """
    key = order or (lambda row: row)
    best: WarmPath | None = None
    if direct and target in member_ties:
        best = WarmPath((member, target), (member_ties[target],))
    small, large = sorted((member_ties, target_ties), key=len)
    chosen: tuple[float, Any, int] | None = None  # (-rating, order key, intermediary)
    for middle in small:
        if middle in large and middle not in (member, target):
            candidate = (-min(member_ties[middle], target_ties[middle]), key(middle), middle)
            if chosen is None or candidate[:2] < chosen[:2]:
                chosen = candidate
    if chosen is not None:
        middle = chosen[2]
        through = WarmPath((member, middle, target), (member_ties[middle], target_ties[middle]))
        if best is None or through.rating > best.rating:
            best = through
    return best
