"""The Neo4j store: networks kept in a Neo4j server, on the official ``neo4j`` driver.

This is the only module that imports ``neo4j``, and it does so when a store is opened,
not when the module is imported, so ``import netgraph`` and every command that does
not talk to Neo4j work without the driver installed. Driver types and exceptions never
leave this module: :meth:`Neo4jStore._call` is the one boundary where failures become
:class:`netgraph.StoreError`, with a message that says what went wrong (unreachable,
authentication, missing database), never a password.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from types import ModuleType
from typing import TYPE_CHECKING, Any, LiteralString, TypeVar
from urllib.parse import urlsplit

from ...model._errors import StoreError
from ...model._network import Network
from ...model._schema import SECTIONS
from .._store import Progress, PushResult, StoreBase, check_name, network_from_text
from ._codec import batches, encode, rows_read
from ._cypher import (
    BEGIN_PUSH,
    DELETE_NETWORK_NODE,
    DELETE_ORGANISATIONS,
    DELETE_ORPHAN_ORGANISATIONS,
    END_PUSH,
    LOCK,
    NAMES,
    NETWORK_STATE,
    PING,
    QUERIES,
    SHOW_CONSTRAINTS,
)
from ._schema import COMPLETE, CONSTRAINTS, CONTRACT, SCHEMA_VERSION, WRITING, constraint_name

if TYPE_CHECKING:
    import neo4j

__all__ = ["BATCH_SIZE", "DEFAULT_DATABASE", "DEFAULT_USER", "READ_CHUNK", "Neo4jStore"]

DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
BATCH_SIZE = 2000
READ_CHUNK = 5000  # rows per record read back
WAIT_NOTICE = 1.0  # seconds waiting for a network's write lock before on_wait is called

_T = TypeVar("_T")

_NO_DRIVER = (
    "the Neo4j store needs the Neo4j driver: pip install 'neo4j>=5.26' "
    "(the neo4j extra: 'netgraph-value[neo4j]')"
)


def _driver_api() -> ModuleType:
    try:
        import neo4j
    except ImportError:
        raise StoreError(_NO_DRIVER) from None
    if not hasattr(neo4j, "GraphDatabase"):  # a folder named neo4j, not the driver
        raise StoreError(_NO_DRIVER)
    # The driver logs retries and notices as warnings; with no logging set up Python
    # would print them on stderr, and a library never prints. An application that sets
    # up logging still sees them.
    logger = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    return neo4j


def _shown_uri(uri: str) -> str:
    """The URI without any user or password in it."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<an invalid URI>"
    if "@" not in parts.netloc:
        return uri
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=f"***@{host}").geturl()


_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _check_uri(uri: str, shown: str) -> None:
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise StoreError(f"not a Neo4j URI: {shown}") from None
    if parts.scheme not in _SCHEMES:
        raise StoreError(
            f"not a Neo4j URI: {shown} (expected one of {', '.join(s + '://' for s in _SCHEMES)})"
        )
    if "@" in parts.netloc:
        raise StoreError(
            f"a Neo4j URI must not hold a user or password: {shown}; "
            "use NEO4J_USERNAME and NEO4J_PASSWORD"
        )
    if not parts.hostname:
        raise StoreError(f"not a Neo4j URI: {shown} (no host)")


def _reason(exc: BaseException) -> str:
    """The useful end of a driver's connection error: ``Connection refused``, not a repr."""
    text = str(exc).strip()
    found = re.search(r"\(reason (.*)\)\s*$", text)
    reason = found.group(1) if found else (text.splitlines()[-1] if text else "")
    reason = re.sub(r"^\[Errno -?\d+\]\s*", "", reason).strip()
    return reason or type(exc).__name__


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__


class Neo4jStore(StoreBase):
    """Networks kept in a Neo4j server (5.26 or newer), each under a name.

    Parameters
    ----------
    uri
        The server, e.g. ``bolt://localhost:7687`` or ``neo4j+s://host``; default
        ``$NEO4J_URI``.
    user
        Default ``$NEO4J_USERNAME``, else ``neo4j``.
    password
        Default ``$NEO4J_PASSWORD``; without one, no authentication is sent. It is
        handed to the driver and not kept: it never appears in a repr or an error.
    database
        Default ``$NEO4J_DATABASE``, else ``neo4j``.
    timeout
        Seconds to wait for a connection, and for the retries of a failed transaction.
    batch_size
        Rows written per transaction.

    The connection is checked when the store is made: an unreachable server, a wrong
    password or a missing database raise :class:`netgraph.StoreError` at once. Use it
    as a context manager, or call :meth:`close`.

    Examples
    --------
    >>> import netgraph
    >>> with netgraph.Neo4jStore("bolt://localhost:7687") as store:  # doctest: +SKIP
    ...     store.push(netgraph.example_network(), "sanne")
    ...     network = store.pull("sanne")
    """

    def __init__(
        self,
        uri: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        timeout: float = 10.0,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        uri = uri or os.environ.get("NEO4J_URI") or ""
        if not uri:
            raise StoreError("no Neo4j server given: pass a URI or set NEO4J_URI")
        self.uri = _shown_uri(uri)
        self.user = user or os.environ.get("NEO4J_USERNAME") or DEFAULT_USER
        self.database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        if batch_size < 1:
            raise StoreError("batch_size must be at least 1")
        self.batch_size = batch_size
        self._api = _driver_api()
        if password is None:
            password = os.environ.get("NEO4J_PASSWORD")
        self._has_password = bool(password)
        auth = (self.user, password) if password else None
        self._constraints_checked = False
        _check_uri(uri, self.uri)
        error: StoreError | None = None
        try:
            self._driver: neo4j.Driver = self._api.GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=timeout,
                connection_acquisition_timeout=timeout,
                max_transaction_retry_time=timeout,
                notifications_min_severity="OFF",
                user_agent="netgraph",
            )
        except (ValueError, self._api.exceptions.ConfigurationError):
            # the driver's message may repeat the URI as given: say it in our own words
            error = StoreError(f"not a Neo4j URI the driver accepts: {self.uri}")
        del password, auth
        if error is not None:
            raise error
        try:
            self._call(lambda: self._driver.verify_connectivity())
            self.query(PING)
        except StoreError:
            self._driver.close()
            raise

    # -- the error boundary and the plumbing ------------------------------------
    def _call(self, work: Callable[[], _T]) -> _T:
        """Run driver work; its exceptions become a StoreError with no driver type attached."""
        api = self._api
        try:
            return work()
        except api.exceptions.AuthError:
            message = f"authentication failed at {self.uri} for user {self.user!r}" + (
                "" if self._has_password else " (no password given: set NEO4J_PASSWORD)"
            )
        except (
            api.exceptions.ServiceUnavailable,
            api.exceptions.SessionExpired,
            api.exceptions.ConnectionPoolError,
        ) as exc:
            message = f"cannot reach the Neo4j server at {self.uri}: {_reason(exc)}"
        except api.exceptions.Neo4jError as exc:
            code = str(getattr(exc, "code", "") or "")
            if code.endswith("AuthenticationRateLimit"):
                message = (
                    f"authentication failed at {self.uri} for user {self.user!r}: too many "
                    "failed logins in a row; the server refuses logins for a few seconds"
                )
            elif code.endswith("DatabaseNotFound"):
                message = f"no database {self.database!r} on the Neo4j server at {self.uri}"
            elif code.endswith("ProcedureNotFound") or code.endswith("UnknownFunction"):
                message = f"a procedure is missing on the Neo4j server at {self.uri}: {exc.message}"
            elif code.endswith("LockAcquisitionTimeout"):
                message = (
                    f"timed out at {self.uri} waiting for another push or delete of the same "
                    "network to finish; try again"
                )
            else:
                message = f"Neo4j error at {self.uri}: {code}: {_first_line(exc.message or exc)}"
        except api.exceptions.DriverError as exc:
            message = f"Neo4j driver error with {self.uri}: {_first_line(exc)}"
        except OSError as exc:
            message = f"cannot reach the Neo4j server at {self.uri}: {exc.strerror or exc}"
        raise StoreError(message)

    def query(
        self,
        query: LiteralString,
        parameters: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
    ) -> list[dict[str, Any]]:
        """Run one Cypher query in its own transaction and return its records as dicts.

        The query is fixed text (a ``LiteralString``): every value goes in
        ``parameters``. ``write=False`` sends it as a read (to a reader of a cluster).
        Failures raise :class:`netgraph.StoreError`, as everywhere in the store.
        """
        values = dict(parameters or {})

        def work() -> list[dict[str, Any]]:
            records, _, _ = self._driver.execute_query(
                query, values, database_=self.database, routing_="w" if write else "r"
            )
            return [dict(zip(r.keys(), r.values(), strict=True)) for r in records]

        return self._call(work)

    def _write(self, query: LiteralString, **parameters: Any) -> None:
        """Run a write in a managed transaction (retried on transient errors)."""

        def tx(tx: neo4j.ManagedTransaction) -> None:
            tx.run(query, parameters).consume()

        def work() -> None:
            with self._driver.session(database=self.database) as session:
                session.execute_write(tx)

        self._call(work)

    def _count(self, query: LiteralString, **parameters: Any) -> int:
        return int(self.query(query, parameters, write=True)[0]["n"])

    def _ensure_constraints(self) -> None:
        if self._constraints_checked:
            return
        present = {row["name"] for row in self.query(SHOW_CONSTRAINTS)}
        for query in CONSTRAINTS:
            name = constraint_name(query)
            if name in present:
                continue
            try:
                self.query(query, write=True)
            except StoreError:
                # a concurrent push may have made it first; anything else shows below
                again = self.query(SHOW_CONSTRAINTS)
                if name not in {row["name"] for row in again}:
                    raise
        self._constraints_checked = True

    @contextmanager
    def _locked(
        self, name: str, on_wait: Callable[[], None] | None = None
    ) -> Iterator[Callable[[], None]]:
        """Hold the write lock of network ``name``: one push or delete of it at a time.

        A second push or delete of the same name waits here until the first ends. The
        lock is a transaction left open and rolled back at the end, so a holder that
        dies releases it; nothing of it is ever committed. Gives a function that fails
        if the lock was lost (its connection dropped, its transaction ended).
        ``on_wait`` is called (from another thread) once the wait has lasted a second.
        """
        self._ensure_constraints()
        session = self._call(lambda: self._driver.session(database=self.database))
        try:
            # named in SHOW TRANSACTIONS, so that an operator can see who holds it
            tx = self._call(lambda: session.begin_transaction(metadata={"netgraph_lock": name}))
            try:
                holder = uuid.uuid4().hex
                notice = threading.Timer(WAIT_NOTICE, on_wait) if on_wait else None
                if notice is not None:
                    notice.daemon = True
                    notice.start()
                try:
                    found = self._call(lambda: tx.run(LOCK, network=name, holder=holder).single())
                finally:
                    if notice is not None:
                        notice.cancel()
                if found is None or found["holder"] != holder:
                    raise StoreError(f"could not take the write lock of network {name!r}")

                def still_held() -> None:
                    lost: StoreError | None = None
                    try:
                        self._call(lambda: tx.run(PING).consume())
                    except StoreError as exc:
                        lost = exc
                    if lost is not None:  # raised here: no exception attached
                        raise StoreError(
                            f"lost the write lock of network {name!r} in {self.database!r} "
                            f"({lost}); push it again"
                        )

                yield still_held
            finally:
                # if the connection is gone, the server has ended the transaction already
                with suppress(StoreError):
                    self._call(tx.rollback)
        finally:
            with suppress(StoreError):
                self._call(session.close)

    # -- the store contract -------------------------------------------------------
    def push(
        self,
        network: Network,
        name: str,
        *,
        progress: Progress | None = None,
        force: bool = False,
        on_wait: Callable[[], None] | None = None,
    ) -> PushResult:
        """Store ``network`` under ``name``, replacing what was stored there.

        Uniqueness constraints are made first. Pushes and deletes of one name take
        turns: a push waits while another push or delete of the same name runs, then
        finds the network that one left. Rows are written in batches of ``batch_size``
        with ``MERGE`` on their keys, so the push is idempotent and a push that was cut
        off (server down, process killed) completes when run again. Rows of an earlier
        version that the network no longer has are deleted at the end; the network is
        marked complete only when every row is in place. When the stored network is
        already this one (same content hash) nothing is written, unless ``force``.
        ``on_wait`` is called (from another thread) when the push has waited a second
        for another one, so that a caller can say why nothing happens.
        """
        name = check_name(name)
        if not isinstance(network, Network):
            raise StoreError(f"expected a Network, got {type(network).__name__}")
        encoded = encode(network)
        total = encoded.rows
        with self._locked(name, on_wait) as still_locked:
            state = self.query(NETWORK_STATE, {"network": name})
            if (
                not force
                and state
                and state[0]["state"] == COMPLETE
                and state[0]["digest"] == encoded.digest
                and state[0]["schema"] == SCHEMA_VERSION
                and state[0]["contract"] == CONTRACT
            ):
                return PushResult(name, total, 0, 0, True)
            self._write(
                BEGIN_PUSH, network=name, state=WRITING, schema=SCHEMA_VERSION, contract=CONTRACT
            )
            if progress is not None:
                for section in SECTIONS:
                    progress(section.name, 0, len(encoded.keys[section.name]))
            written = 0
            for section in SECTIONS:
                write = QUERIES[section.name].write
                n = len(encoded.keys[section.name])
                for done, batch in batches(section.name, encoded, self.batch_size):
                    self._write(write, network=name, rows=batch)
                    still_locked()
                    written += len(batch)
                    if progress is not None:
                        progress(section.name, done, n)
            deleted = 0
            for section in reversed(SECTIONS):  # events before the people they point at
                queries = QUERIES[section.name]
                wanted = set(encoded.keys[section.name])
                stored = [row["key"] for row in self.query(queries.keys, {"network": name})]
                stale = [k for k in stored if k not in wanted]
                for start in range(0, len(stale), self.batch_size):
                    chunk = stale[start : start + self.batch_size]
                    self._write(queries.delete, network=name, keys=chunk)
                deleted += len(stale)
                if len(stored) - len(stale) != len(wanted):
                    raise StoreError(
                        f"network {name!r} changed in {self.database!r} while it was being "
                        f"pushed ({section.name}); push it again"
                    )
            self._write(DELETE_ORPHAN_ORGANISATIONS, network=name)
            still_locked()
            self._write(
                END_PUSH,
                network=name,
                state=COMPLETE,
                digest=encoded.digest,
                headers=encoded.headers,
                counts=encoded.counts,
                schema=SCHEMA_VERSION,
                contract=CONTRACT,
            )
        return PushResult(name, total, written, deleted, False)

    def pull(self, name: str, *, progress: Progress | None = None) -> Network:
        """The network stored under ``name``, checked like any other input.

        Raises
        ------
        StoreError
            If there is no network of that name, if its last push did not finish, or if
            what is stored does not match what was pushed.
        """
        name = check_name(name)
        state = self.query(NETWORK_STATE, {"network": name})
        where = f"in database {self.database!r} at {self.uri}"
        if not state:
            raise StoreError(f"no network named {name!r} {where}")
        node = state[0]
        if node["schema"] != SCHEMA_VERSION or node["contract"] != CONTRACT:
            raise StoreError(
                f"network {name!r} {where} was stored by another version of netgraph "
                f"(schema {node['schema']}, data contract {node['contract']}; this one reads "
                f"schema {SCHEMA_VERSION}, data contract {CONTRACT}); push it again"
            )
        if node["state"] != COMPLETE:
            raise StoreError(
                f"network {name!r} {where} is incomplete: a push did not finish (or is "
                "still running); push it again"
            )
        headers: dict[str, list[str]] = json.loads(node["headers"])
        counts: dict[str, int] = json.loads(node["counts"])
        if progress is not None:
            for section in SECTIONS:
                progress(section.name, 0, counts.get(section.name, 0))
        sections: dict[str, tuple[list[str], list[list[str]]]] = {}
        for section in SECTIONS:
            expected = counts.get(section.name, 0)
            chunks = []
            if expected:
                query = QUERIES[section.name].read
                found = self.query(query, {"network": name, "chunk": READ_CHUNK})
                chunks = [record["rows"] for record in found]
            rows = rows_read(section.name, headers.get(section.name, []), chunks, expected)
            if rows is None:
                stored = sum(len(c) for c in chunks)
                raise StoreError(
                    f"network {name!r} {where} does not hold what was pushed "
                    f"({section.name}: {stored} rows stored, {expected} pushed); "
                    "push it again"
                )
            sections[section.name] = ([*section.field_names, *headers.get(section.name, [])], rows)
            if progress is not None:
                progress(section.name, expected, expected)
        network = network_from_text(sections, f"neo4j network {name!r}")
        if encode(network).digest != node["digest"]:
            raise StoreError(
                f"network {name!r} {where} changed while it was read, or was edited outside "
                "netgraph; push it again"
            )
        return network

    def names(self) -> tuple[str, ...]:
        """The names of the networks in the database, sorted."""
        return tuple(sorted(str(row["name"]) for row in self.query(NAMES)))

    def delete(self, name: str) -> bool:
        """Remove the network stored under ``name``; False if there was none.

        Like a push, a delete waits while a push or delete of the same name runs.
        """
        name = check_name(name)
        with self._locked(name):
            found = bool(self.query(NETWORK_STATE, {"network": name}))
            self._write(
                BEGIN_PUSH, network=name, state=WRITING, schema=SCHEMA_VERSION, contract=CONTRACT
            )
            for section in reversed(SECTIONS):
                purge = QUERIES[section.name].purge
                while self._count(purge, network=name, limit=self.batch_size):
                    found = True
            while self._count(DELETE_ORGANISATIONS, network=name, limit=self.batch_size):
                found = True
            self._write(DELETE_NETWORK_NODE, network=name)
        return found

    def close(self) -> None:
        """Close the connections to the server."""
        self._driver.close()

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"
