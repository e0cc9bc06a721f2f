"""The graph projection: the one place that decides which events become edges, and how heavy.

Edge weights here are *strengths* (closer = heavier), as PageRank and Burt's measures
read them; path lengths are hop counts and ignore weights.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..model._network import Network
from ..model._settings import Settings
from .kernels import _compiled, _small
from .kernels._adjacency import SMALL_GRAPH_EDGES

__all__ = [
    "NUMPY_PAIRS",
    "SMALL_PAIRS",
    "SOURCES",
    "Pairs",
    "combine",
    "organisation_codes",
    "project",
    "projection_parts",
]

#: Up to this many pairs (an edge is one pair or more) the matrix is built with numpy,
#: in milliseconds and with the same bits, so that a small network never imports numba.
SMALL_PAIRS = 4 * SMALL_GRAPH_EDGES

#: Up to this many pairs, numpy builds the matrix when numba is not loaded yet: a third
#: of a second at 1.7M pairs (100k people), less than loading numba takes.
NUMPY_PAIRS = 8_000_000

#: The sources of the projection's edges, in the order their weights are summed.
SOURCES = ("ties", "referrals", "exchanges", "dealings", "colleagues")

#: Weighted pairs of person rows: ``(a, b, weight)`` with ``a < b``, a pair listed once.
Pairs = tuple[npt.NDArray[np.integer], npt.NDArray[np.integer], npt.NDArray[np.float64]]


def project(
    network: Network,
    as_of: np.datetime64,
    settings: Settings,
    *,
    organisations: npt.NDArray[np.int64] | None = None,
) -> sp.csr_array:
    """The undirected weighted contact graph as of a date.

    Edges, each pair's weights summed and capped at ``max_edge_weight``:

    * a tie (from ``since`` on): its strength (1-5);
    * a referral: ``referral_weight`` between referrer and referred, and from each
      of them to the member;
    * a knowledge exchange: ``exchange_weight`` per exchange;
    * a member and a contact with an invoice, interaction or satisfaction score:
      ``member_event_weight`` once per pair;
    * colleagues (same organisation, compared without case) in organisations of at most
      ``max_organisation_size`` people: ``organisation_weight``.

    Public recommendations are not edges: they say something of the member's reputation,
    not of a relationship between two people.
    """
    cap = settings.max_edge_weight
    # no name here holds the parts: combine lets go of them once they are joined
    return combine(
        network.size, projection_parts(network, as_of, settings, organisations=organisations), cap
    )


def projection_parts(
    network: Network,
    as_of: np.datetime64,
    settings: Settings,
    *,
    organisations: npt.NDArray[np.int64] | None = None,
) -> dict[str, Pairs]:
    """The weighted pairs of each source of :func:`project`, before they are summed.

    Keys are :data:`SOURCES` in that order (``dealings``: a member's invoices,
    interactions and satisfaction scores with a contact); each pair is given as
    (lower row, higher row), and pairs of a person with themselves are left out.
    ``combine(network.size, parts, cap)`` is the projection.
    """
    n = network.size
    # person rows as narrow as they fit: on a million people the pairs are half the bytes
    index = np.int32 if n <= np.iinfo(np.int32).max else np.int64

    def pairs(
        *added: tuple[
            npt.NDArray[np.integer], npt.NDArray[np.integer], npt.NDArray[np.float64] | float
        ],
    ) -> Pairs:
        rows, cols, weights = [], [], []
        for a_in, b_in, w in added:
            a = np.asarray(a_in).astype(index, copy=False)
            b = np.asarray(b_in).astype(index, copy=False)
            weight = np.broadcast_to(np.asarray(w, dtype=np.float64), a.shape)
            same = a == b
            if same.any():
                a, b, weight = a[~same], b[~same], weight[~same]
            # each pair as (lower row, higher row): the matrix is built from its upper
            # triangle without turning pairs around in one large copy
            rows.append(np.minimum(a, b))
            cols.append(np.maximum(a, b))
            weights.append(weight)
        return np.concatenate(rows), np.concatenate(cols), np.concatenate(weights)

    def up_to(section: str, column: str = "date") -> npt.NDArray[np.bool_]:
        dates = network.tables[section][column]
        return np.isnat(dates) | (dates <= as_of)  # type: ignore[no-any-return]

    parts: dict[str, Pairs] = {}
    ties = network.tables["ties"]
    keep = up_to("ties", "since")
    parts["ties"] = pairs(
        (ties["a"][keep], ties["b"][keep], ties["strength"][keep].astype(np.float64))
    )

    referrals = network.tables["referrals"]
    keep = up_to("referrals")
    referrer, referred, member = (referrals[c][keep] for c in ("referrer", "referred", "member"))
    parts["referrals"] = pairs(
        *(
            (a, b, settings.referral_weight)
            for a, b in ((referrer, referred), (referrer, member), (referred, member))
        )
    )

    exchanges = network.tables["exchanges"]
    keep = up_to("exchanges")
    parts["exchanges"] = pairs(
        (exchanges["from"][keep], exchanges["to"][keep], settings.exchange_weight)
    )

    dealt = []
    for section, column in (
        ("invoices", "client"),
        ("interactions", "contact"),
        ("satisfaction", "client"),
    ):
        table = network.tables[section]
        keep = up_to(section)
        dealt.append(np.stack([table["member"][keep], table[column][keep]]).astype(np.int64))
    joined = np.concatenate(dealt, axis=1)
    keys = np.sort(joined[0] * n + joined[1])
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
    parts["dealings"] = pairs((keys // n, keys % n, settings.member_event_weight))

    a, b = _colleagues(network, settings.max_organisation_size, organisations)
    parts["colleagues"] = pairs((a, b, settings.organisation_weight))
    return parts


def combine(n: int, parts: Mapping[str, Pairs], cap: float) -> sp.csr_array:
    """The symmetric ``(n, n)`` CSR matrix of pairs: weights of a pair summed, then capped.

    Pairs are summed in the order of ``parts`` (and, within a part, as listed), so
    the same parts give the same bits; pairs whose sum is zero are left out.
    """
    tail = np.concatenate([p[0] for p in parts.values()] or [np.zeros(0, dtype=np.int64)])
    head = np.concatenate([p[1] for p in parts.values()] or [np.zeros(0, dtype=np.int64)])
    weight = np.concatenate([p[2] for p in parts.values()] or [np.zeros(0)])
    del parts  # the caller's last reference, when it passed them without keeping them
    compiled = len(tail) > SMALL_PAIRS and (_compiled.loaded() or len(tail) > NUMPY_PAIRS)
    build = _compiled.symmetric_csr if compiled else _small.symmetric_csr
    indptr, indices, data = build(n, tail, head, weight, cap)
    del tail, head, weight
    if len(indices) < np.iinfo(np.int32).max:
        indptr = indptr.astype(np.int32)
    else:
        indices = indices.astype(np.int64)
    adjacency = sp.csr_array((data, indices, indptr), shape=(n, n))
    adjacency.has_sorted_indices = True
    adjacency.has_canonical_format = True
    return adjacency


def organisation_codes(network: Network) -> npt.NDArray[np.int64]:
    """Every person's organisation as a number, spelling ignored (case and spaces around
    it); -1 for a person without one.

    Examples
    --------
    >>> from netgraph import network_from_dict
    >>> net = network_from_dict({"people": [
    ...     {"id": "a", "name": "A", "organisation": "Acme "},
    ...     {"id": "b", "name": "B", "organisation": "ACME"},
    ...     {"id": "c", "name": "C", "organisation": ""}]})
    >>> organisation_codes(net).tolist()
    [0, 0, -1]
    """
    # normalise each distinct spelling once, not each person's
    spellings: dict[str, int] = {}
    spelling_of = np.fromiter(
        (spellings.setdefault(o, len(spellings)) for o in network.people["organisation"].tolist()),
        dtype=np.int64,
        count=network.size,
    )
    normal, code_of_spelling = np.unique(
        np.array([o.strip().casefold() for o in spellings], dtype=object), return_inverse=True
    )
    codes = code_of_spelling.reshape(-1).astype(np.int64)
    blank = np.flatnonzero(normal == "")
    if len(blank):
        codes[codes == blank[0]] = -1
        codes[codes > blank[0]] -= 1
    out: npt.NDArray[np.int64] = codes[spelling_of]
    return out


def _colleagues(
    network: Network, max_size: int, organisations: npt.NDArray[np.int64] | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """All pairs of people who share an organisation of at most ``max_size`` people."""
    empty = np.zeros(0, dtype=np.int64)
    if max_size < 2 or network.size == 0:
        return empty, empty
    person_code = organisation_codes(network) if organisations is None else organisations
    present = np.flatnonzero(person_code >= 0)
    if len(present) == 0:
        return empty, empty
    _, codes, counts = np.unique(person_code[present], return_inverse=True, return_counts=True)
    order = np.argsort(codes, kind="stable")
    people = present[order].astype(np.int64)  # grouped by organisation
    size = counts[codes[order]]  # the size of each person's organisation
    starts = np.concatenate([[0], np.cumsum(counts)])[codes[order]]
    position = np.arange(len(people)) - starts  # place within the organisation
    keep = (size >= 2) & (size <= max_size)
    left: list[npt.NDArray[np.int64]] = []
    right: list[npt.NDArray[np.int64]] = []
    # pair every person with the colleagues after them: offset 1, 2, ... up to max_size - 1
    for offset in range(1, int(size[keep].max(initial=1))):
        pick = keep & (position + offset < size)
        left.append(people[pick])
        right.append(people[np.flatnonzero(pick) + offset])
    if not left:
        return empty, empty
    return np.concatenate(left), np.concatenate(right)
