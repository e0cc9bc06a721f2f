"""The graph projection: the one place that decides which events become edges, and how heavy.

Edge weights here are *strengths* (closer = heavier), as PageRank and Burt's measures
read them; path lengths are hop counts and ignore weights.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..model._network import Network
from ..model._settings import Settings
from .kernels._compiled import symmetric_csr

__all__ = ["project"]


def project(network: Network, as_of: np.datetime64, settings: Settings) -> sp.csr_array:
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
    n = network.size
    rows: list[npt.NDArray[np.int64]] = []
    cols: list[npt.NDArray[np.int64]] = []
    weights: list[npt.NDArray[np.float64]] = []

    def add(
        a: npt.NDArray[np.integer], b: npt.NDArray[np.integer], w: npt.NDArray[np.float64] | float
    ) -> None:
        a = np.asarray(a, dtype=np.int64)
        b = np.asarray(b, dtype=np.int64)
        keep = a != b
        rows.append(a[keep])
        cols.append(b[keep])
        weights.append(np.broadcast_to(np.asarray(w, dtype=np.float64), a.shape)[keep])

    def up_to(section: str, column: str = "date") -> npt.NDArray[np.bool_]:
        dates = network.tables[section][column]
        return np.isnat(dates) | (dates <= as_of)  # type: ignore[no-any-return]

    ties = network.tables["ties"]
    keep = up_to("ties", "since")
    add(ties["a"][keep], ties["b"][keep], ties["strength"][keep].astype(np.float64))

    referrals = network.tables["referrals"]
    keep = up_to("referrals")
    referrer, referred, member = (referrals[c][keep] for c in ("referrer", "referred", "member"))
    for a, b in ((referrer, referred), (referrer, member), (referred, member)):
        add(a, b, settings.referral_weight)

    exchanges = network.tables["exchanges"]
    keep = up_to("exchanges")
    add(exchanges["from"][keep], exchanges["to"][keep], settings.exchange_weight)

    pairs = []
    for section, column in (
        ("invoices", "client"),
        ("interactions", "contact"),
        ("satisfaction", "client"),
    ):
        table = network.tables[section]
        keep = up_to(section)
        pairs.append(np.stack([table["member"][keep], table[column][keep]]).astype(np.int64))
    if pairs:
        joined = np.concatenate(pairs, axis=1)
        keys = np.sort(joined[0] * n + joined[1])
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
        add(keys // n, keys % n, settings.member_event_weight)

    a, b = _colleagues(network, settings.max_organisation_size)
    add(a, b, settings.organisation_weight)

    indptr, indices, data = symmetric_csr(
        n,
        np.concatenate(rows),
        np.concatenate(cols),
        np.concatenate(weights),
        settings.max_edge_weight,
    )
    if len(indices) < np.iinfo(np.int32).max:
        indptr = indptr.astype(np.int32)
    else:
        indices = indices.astype(np.int64)
    adjacency = sp.csr_array((data, indices, indptr), shape=(n, n))
    adjacency.has_sorted_indices = True
    adjacency.has_canonical_format = True
    return adjacency


def _colleagues(
    network: Network, max_size: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """All pairs of people who share an organisation of at most ``max_size`` people."""
    empty = np.zeros(0, dtype=np.int64)
    if max_size < 2 or network.size == 0:
        return empty, empty
    # normalise each distinct spelling once, not each person's
    organisations = network.people["organisation"].tolist()
    spellings: dict[str, int] = {}
    person_spelling = np.fromiter(
        (spellings.setdefault(o, len(spellings)) for o in organisations),
        dtype=np.int64,
        count=len(organisations),
    )
    normal, spelling_code = np.unique(
        np.array([o.strip().casefold() for o in spellings], dtype=object), return_inverse=True
    )
    person_code = spelling_code.reshape(-1)[person_spelling]
    blank = np.flatnonzero(normal == "")
    present = np.flatnonzero(person_code != (blank[0] if len(blank) else -1))
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
