"""networkx in and out: the projection as a :class:`networkx.Graph`, and a network from one.

networkx is imported when one of these functions is called, not with netgraph.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Hashable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ..io._textio import network_from_dict
from ..model._errors import ConfigError, DataError
from ..model._network import Network
from ..model._schema import SECTION_BY_NAME
from ..model._settings import Settings
from ._projection import SOURCES, combine, projection_parts

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]

__all__ = ["from_networkx", "to_networkx"]

#: where a network made by :func:`from_networkx` says its problems come from
GRAPH_SOURCE = "networkx graph"

DEFAULT_STRENGTH = 3
# the people columns taken from node attributes (id, name and member are set otherwise)
_PEOPLE_COLUMNS = tuple(
    f for f in SECTION_BY_NAME["people"].field_names if f not in ("id", "name", "member")
)
# the tie columns taken from edge attributes besides the strength
_TIE_COLUMNS = tuple(
    f for f in SECTION_BY_NAME["ties"].field_names if f not in ("a", "b", "strength")
)


def _networkx() -> Any:
    return importlib.import_module("networkx")


def to_networkx(network: Network, *, as_of: date, settings: Settings | None = None) -> nx.Graph:
    """The weighted contact graph that the values are computed on, as a networkx graph.

    Parameters
    ----------
    network : Network
        The network, from :func:`netgraph.load_network` or another reader.
    as_of : datetime.date
        Only what happened up to and including this date makes edges.
    settings : Settings, optional
        The method's parameters (the weight of each kind of event, the cap of an edge's
        weight); the defaults of :class:`netgraph.Settings` if left out.

    Returns
    -------
    networkx.Graph
        A new undirected graph; nothing in it is shared with ``network``. One node per
        person, keyed by the person's id, also those without edges, in the order of the
        people table, with the attributes ``name``, ``role`` and ``organisation`` (text,
        ``None`` where unknown) and ``member`` (bool). One edge per pair of people the
        projection joins, with the attributes

        * ``weight``: the pair's **strength**, exactly the entry of the matrix the
          values are computed on: the sum of the parts below, capped at
          ``settings.max_edge_weight``;
        * ``ties``, ``referrals``, ``exchanges``, ``dealings`` (a member's invoices,
          interactions and satisfaction scores with the contact) and ``colleagues``
          (a shared small organisation): each source's part of that sum, before the
          cap (``0.0`` when the source adds nothing).

        ``graph.graph["as_of"]`` is the date.

    Warnings
    --------
    A weight is a **strength** (closer people, heavier edge), not a **distance**.
    networkx's shortest paths, betweenness and closeness read an edge's ``weight`` as
    a length, so given ``weight="weight"`` they take the strongest ties for the
    longest. Count hops (``weight=None``) or give them a length such as
    ``lambda u, v, edge: 1 / edge["weight"]``. PageRank, Burt's measures and
    modularity read weights as strengths, as netgraph does.

    See Also
    --------
    netgraph.from_networkx : a network from a graph.
    netgraph.metrics : the kernels the values use, on this graph.

    Notes
    -----
    The edges and their weights are those of the method's projection (see
    ``docs/method.md``, "The graph"): a tie adds its strength, a referral
    ``referral_weight`` between referrer and referred and from each of them to the
    member, a knowledge exchange ``exchange_weight``, a member's dealings with a
    contact ``member_event_weight`` once, colleagues in an organisation of at most
    ``max_organisation_size`` people ``organisation_weight``. Public recommendations
    are not edges.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> net = netgraph.network_from_dict({
    ...     "people": [{"id": "me", "name": "Anna", "member": "yes"},
    ...                {"id": "c1", "name": "Bram", "role": "client"}],
    ...     "ties": [{"a": "me", "b": "c1", "strength": 4}],
    ...     "invoices": [{"date": "2025-03-01", "client": "c1", "amount": "500.00"}]})
    >>> g = netgraph.to_networkx(net, as_of=date(2025, 6, 30))
    >>> g.nodes["c1"]
    {'name': 'Bram', 'role': 'client', 'organisation': None, 'member': False}
    >>> edge = g.edges["me", "c1"]
    >>> edge["weight"], edge["ties"], edge["dealings"]
    (5.0, 4.0, 1.0)
    """
    nx = _networkx()
    settings = settings or Settings()
    n = network.size
    parts = projection_parts(network, np.datetime64(as_of, "D"), settings)
    total = combine(n, parts, settings.max_edge_weight)
    upper = _upper(total)
    rows, cols = upper.row.astype(np.int64), upper.col.astype(np.int64)
    by_source = {
        key: _entries(combine(n, {key: pairs}, math.inf), rows, cols).tolist()
        for key, pairs in parts.items()
    }
    graph = nx.Graph(as_of=as_of)
    people = network.people
    ids = people["id"].tolist()
    graph.add_nodes_from(
        (
            person,
            {
                "name": name,
                "role": role or None,
                "organisation": organisation or None,
                "member": member,
            },
        )
        for person, name, role, organisation, member in zip(
            ids,
            people["name"].tolist(),
            people["role"].tolist(),
            people["organisation"].tolist(),
            people["member"].tolist(),
            strict=True,
        )
    )
    columns = [by_source[key] for key in SOURCES]
    graph.add_edges_from(
        (
            ids[a],
            ids[b],
            {"weight": w, **dict(zip(SOURCES, shares, strict=True))},
        )
        for a, b, w, *shares in zip(
            rows.tolist(), cols.tolist(), upper.data.tolist(), *columns, strict=True
        )
    )
    return graph


def _entries(matrix: Any, rows: Any, cols: Any) -> Any:
    """The entries ``(rows[k], cols[k])`` of a canonical CSR matrix (0.0 where none)."""
    indptr = matrix.indptr.astype(np.int64)
    width = matrix.shape[1]
    keys = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(indptr)) * width
    keys += matrix.indices  # sorted: rows in order, columns sorted within a row
    wanted = rows * width + cols
    out = np.zeros(len(wanted))
    if len(keys):
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        found = keys[at] == wanted
        out[found] = matrix.data[at[found]]
    return out


def _upper(matrix: Any) -> Any:
    """The entries above the diagonal of a symmetric sparse matrix, as COO, row by row."""
    import scipy.sparse as sp

    upper = sp.triu(matrix, k=1, format="csr")
    upper.sort_indices()
    return upper.tocoo()


def from_networkx(
    graph: nx.Graph,
    *,
    member: Hashable | Iterable[Hashable],
    name: str = "name",
    strength: str | None = "weight",
) -> Network:
    """A network of people and ties from a networkx graph.

    Parameters
    ----------
    graph : networkx.Graph
        An undirected graph without parallel edges or self-loops. Nodes are people,
        edges ties.
    member : node or iterable of nodes
        The node, or nodes, whose network is scored (``member=yes``). A string is one
        node.
    name : str, optional
        The node attribute that holds a person's name; a node without it (or with an
        empty one) is named by its id.
    strength : str or None, optional
        The edge attribute that holds a tie's strength. Its value is rounded (half up)
        and clipped to the contract's 1-5; an edge without it gets the default 3, and
        so does every edge when ``strength`` is ``None``.

    Returns
    -------
    Network
        People with the text of each node as id, in node order; ties in edge order.
        Node attributes named like a column of ``people.csv`` (organisation, email,
        role, tags, met_at, met_through, why, channel) are kept, and so are the edge
        attributes ``since`` and ``channel``; a node attribute ``member`` is not read
        (``member`` says who is a member). The network is checked against the data
        contract as a network read from a file is.

    Raises
    ------
    ConfigError
        If ``graph`` is not a networkx graph, is directed or a multigraph, or a
        ``member`` is not one of its nodes.
    DataError
        If the graph has a self-loop, a strength is not a finite number, two nodes
        have the same text, or an attribute breaks the data contract; the message
        names the node's (``item``) position in ``graph.nodes``.

    See Also
    --------
    netgraph.to_networkx : the weighted graph of a network.

    Examples
    --------
    >>> import networkx as nx
    >>> import netgraph
    >>> g = nx.Graph()
    >>> g.add_node(1, name="Anna")
    >>> g.add_node(2, name="Bram", organisation="Acme", role="client")
    >>> g.add_edge(1, 2, weight=4.4)
    >>> g.add_edge(2, 3, weight=9)
    >>> net = netgraph.from_networkx(g, member=1)
    >>> net.member_ids
    ('1',)
    >>> [(row["a"], row["b"], row["strength"]) for row in net.rows("ties")]
    [('1', '2', '4'), ('2', '3', '5')]
    >>> [row["name"] for row in net.rows("people")]
    ['Anna', 'Bram', '3']
    """
    _check_graph(graph)
    members = _member_nodes(graph, member)
    people = []
    for node, attributes in graph.nodes(data=True):
        person: dict[str, Any] = {"id": str(node)}
        given = _cell(attributes.get(name))
        person["name"] = given if given not in (None, "") else str(node)
        if node in members:
            person["member"] = "yes"
        for column in _PEOPLE_COLUMNS:
            value = _cell(attributes.get(column))
            if value is not None:
                person[column] = value
        people.append(person)
    ties = []
    for position, (u, v, attributes) in enumerate(graph.edges(data=True), start=1):
        if u == v:
            raise DataError.single(
                f"{GRAPH_SOURCE} [ties]",
                position,
                None,
                f"node {u!r} has a self-loop: a tie joins two different people",
                item=True,
            )
        tie: dict[str, Any] = {"a": str(u), "b": str(v)}
        if strength is not None and attributes.get(strength) is not None:
            tie["strength"] = _strength(attributes[strength], position, strength)
        for column in _TIE_COLUMNS:
            value = _cell(attributes.get(column))
            if value is not None:
                tie[column] = value
        ties.append(tie)
    return network_from_dict({"people": people, "ties": ties}, source=GRAPH_SOURCE)


def _check_graph(graph: Any) -> None:
    nx = _networkx()
    if not isinstance(graph, nx.Graph):
        raise ConfigError(f"expected a networkx.Graph, got {type(graph).__name__}")
    if graph.is_directed():
        raise ConfigError(
            "the graph is directed; ties are undirected: pass graph.to_undirected() "
            "(and decide how the two directions' weights combine)"
        )
    if graph.is_multigraph():
        raise ConfigError(
            "the graph is a multigraph; a pair of people has one tie: pass nx.Graph(graph) "
            "(and decide how parallel edges' weights combine)"
        )


def _member_nodes(graph: Any, member: Any) -> set[Hashable]:
    if isinstance(member, str) or (isinstance(member, Hashable) and member in graph):
        chosen = [member]
    elif isinstance(member, Iterable):
        chosen = list(member)
    else:
        chosen = [member]
    if not chosen:
        raise ConfigError("member: give at least one node whose network is scored")
    unknown = [m for m in chosen if not isinstance(m, Hashable) or m not in graph]
    if unknown:
        shown = ", ".join(repr(m) for m in unknown[:10])
        raise ConfigError(f"unknown member {shown}: not a node of the graph")
    return set(chosen)


def _strength(value: Any, position: int, attribute: str) -> int:
    """A tie strength from an edge attribute: rounded half up, clipped to 1-5."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise DataError.single(
            f"{GRAPH_SOURCE} [ties]",
            position,
            attribute,
            f"the strength must be a finite number, got {value!r}",
            item=True,
        )
    return min(5, max(1, math.floor(number + 0.5)))


def _cell(value: Any) -> Any:
    """An attribute as the reader takes it: text, a number, yes/no, a list of texts."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str | bool | int):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(str(v) for v in value)
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)
