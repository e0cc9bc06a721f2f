"""Stores: where networks are kept between runs, by name.

A store holds any number of networks, each under a name, and gives back exactly the
network it was given: the same rows in the same order, the same extra columns in the
same order, so ``list(network.rows(section))`` is identical after a round trip. Two
implementations share this contract: :class:`MemoryStore` (in this process, the
default) and :class:`netgraph.Neo4jStore` (a Neo4j server, ``pip install
'netgraph-value[neo4j]'``). Both check what they read back like any other input, through
the same validation as a network folder.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from ..io._build import RawTable, build_network
from ..model._errors import StoreError
from ..model._network import Network
from ..model._schema import SECTIONS

__all__ = [
    "MemoryStore",
    "Progress",
    "PushResult",
    "Store",
    "StoreBase",
    "check_name",
    "network_from_text",
    "network_text",
]

#: ``progress(section, done, total)``: rows of ``section`` written so far, out of ``total``.
Progress = Callable[[str, int, int], None]

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class PushResult:
    """What a push did.

    Attributes
    ----------
    name
        The name the network is stored under.
    rows
        Rows of the network, all sections together (people and groups included).
    written
        Rows sent to the store (0 when the stored network was already the same).
    deleted
        Rows of an earlier version under the same name that were removed.
    unchanged
        True when the store already held exactly this network and nothing was written.
    """

    name: str
    rows: int
    written: int
    deleted: int
    unchanged: bool


@runtime_checkable
class Store(Protocol):
    """Where networks are kept, by name: the contract every store fulfils.

    ``push`` is idempotent (pushing the same network again changes nothing) and
    replaces whatever was stored under the name before; ``pull`` gives back a network
    equal to the one pushed, rows and extra columns in their original order; names are
    kept apart, so one store can hold many networks. Failures raise
    :class:`netgraph.StoreError`; a network that does not fit the data contract when
    read back raises :class:`netgraph.DataError`.
    """

    def push(self, network: Network, name: str, *, progress: Progress | None = None) -> PushResult:
        """Store ``network`` under ``name``, replacing what was stored there."""
        ...

    def pull(self, name: str, *, progress: Progress | None = None) -> Network:
        """The network stored under ``name``; :class:`StoreError` if there is none."""
        ...

    def names(self) -> tuple[str, ...]:
        """The names of the stored networks, sorted."""
        ...

    def delete(self, name: str) -> bool:
        """Remove the network stored under ``name``; False if there was none."""
        ...

    def close(self) -> None:
        """Release the store's resources (connections); it cannot be used afterwards."""
        ...


class StoreBase:
    """What every store shares: used in a ``with`` block, it is closed on leaving it."""

    def close(self) -> None:
        """Release the store's resources; it cannot be used afterwards."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def check_name(name: object) -> str:
    """A network name as given, or a :class:`StoreError` if it cannot be one.

    Any text of 1 to 200 characters is a name (it is only ever used as a value, never as
    part of a query); it must not be blank.
    """
    if not isinstance(name, str):
        raise StoreError(f"a network name must be text, got {type(name).__name__}")
    if not name.strip():
        raise StoreError("a network name must not be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise StoreError(f"a network name may have at most {MAX_NAME_LENGTH} characters")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError("a network name must be valid Unicode text") from None
    return name


#: The text form of a network: per section, its header and its rows (cells in header order).
NetworkText = dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]


def network_text(network: Network) -> NetworkText:
    """Every section's header and rows as text, exactly as a network folder holds them."""
    out: NetworkText = {}
    for section in SECTIONS:
        header = network.header(section.name)
        rows = [tuple(row.values()) for row in network.rows(section.name)]
        out[section.name] = (header, rows)
    return out


def network_from_text(
    sections: Mapping[str, tuple[Sequence[str], Sequence[Sequence[str]]]], source: str
) -> Network:
    """Build (and check) a network from the text form; errors name ``source``."""
    raw_tables = []
    for name, (header, rows) in sections.items():
        columns = {column: [str(row[i]) for row in rows] for i, column in enumerate(header)}
        raw_tables.append(
            RawTable(
                name,
                f"{source} [{name}]",
                columns,
                list(range(1, len(rows) + 1)),
                item=True,
                header_line=None,
            )
        )
    return build_network(raw_tables, people_source=f"{source} [people]")


class MemoryStore(StoreBase):
    """A store in this process's memory: the default, and the reference for the others.

    It keeps the text of every row, not the :class:`Network` object, and rebuilds (and
    re-checks) the network on :meth:`pull`, as any other store does. Safe to share
    between threads.

    Examples
    --------
    >>> import netgraph
    >>> store = netgraph.MemoryStore()
    >>> network = netgraph.example_network()
    >>> store.push(network, "sanne").rows > 0
    True
    >>> store.pull("sanne") == network
    True
    >>> store.push(network, "sanne").unchanged
    True
    >>> store.names()
    ('sanne',)
    """

    def __init__(self) -> None:
        self._networks: dict[str, NetworkText] = {}
        self._lock = threading.Lock()
        self._closed = False

    def push(self, network: Network, name: str, *, progress: Progress | None = None) -> PushResult:
        """Store ``network`` under ``name``, replacing what was stored there."""
        name = check_name(name)
        if not isinstance(network, Network):
            raise StoreError(f"expected a Network, got {type(network).__name__}")
        text = network_text(network)
        rows = sum(len(r) for _, r in text.values())
        with self._lock:
            self._check_open()
            before = self._networks.get(name)
            if before == text:
                return PushResult(name, rows, 0, 0, True)
            deleted = _stale_rows(before, text) if before is not None else 0
            self._networks[name] = text
        if progress is not None:
            for section, (_, section_rows) in text.items():
                progress(section, len(section_rows), len(section_rows))
        return PushResult(name, rows, rows, deleted, False)

    def pull(self, name: str, *, progress: Progress | None = None) -> Network:
        """The network stored under ``name``; :class:`StoreError` if there is none."""
        name = check_name(name)
        with self._lock:
            self._check_open()
            text = self._networks.get(name)
        if text is None:
            raise StoreError(f"no network named {name!r} in the memory store")
        network = network_from_text(text, f"memory store, network {name!r}")
        if progress is not None:
            for section, (_, rows) in text.items():
                progress(section, len(rows), len(rows))
        return network

    def names(self) -> tuple[str, ...]:
        """The names of the stored networks, sorted."""
        with self._lock:
            self._check_open()
            return tuple(sorted(self._networks))

    def delete(self, name: str) -> bool:
        """Remove the network stored under ``name``; False if there was none."""
        name = check_name(name)
        with self._lock:
            self._check_open()
            return self._networks.pop(name, None) is not None

    def close(self) -> None:
        """Forget every network; the store cannot be used afterwards."""
        with self._lock:
            self._networks.clear()
            self._closed = True

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the memory store is closed")

    def __repr__(self) -> str:
        return f"MemoryStore(networks={len(self._networks)})"


def _stale_rows(before: NetworkText, after: NetworkText) -> int:
    """Rows of ``before`` that ``after`` no longer has: people and groups by id, events
    by their whole content (counting repeats), as every store counts them."""
    stale = 0
    for section, (_, rows) in before.items():
        new_rows = after.get(section, ((), []))[1]
        if section in ("people", "groups"):
            ids = {row[0] for row in new_rows}
            stale += sum(1 for row in rows if row[0] not in ids)
            continue
        kept = Counter(new_rows)
        for row, count in Counter(rows).items():
            stale += max(0, count - kept.get(row, 0))
    return stale
