"""Rows to Neo4j values and back: money in whole cents, dates as ``DATE``, tags as lists,
yes/no as booleans, extra columns as one JSON text per row.

A network is encoded once per push: the text of every row, the key of every row (ids
for people and groups, content keys for events, see :func:`._schema.event_keys`), and
what the ``Network`` node holds (content digest, extra columns per section, rows per
section). Reading back turns the stored values into the contract's text again, in the
pushed order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ...model._network import Network, format_cents, format_score
from ...model._schema import SECTION_BY_NAME, SECTIONS, FieldKind
from ._schema import event_keys, row_hashes

__all__ = ["Encoded", "batches", "encode", "rows_read", "text_of", "value_of"]


@dataclass
class Encoded:
    """A network prepared for a push: text rows, keys, and what the Network node holds."""

    text: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]
    keys: dict[str, list[str]]
    digest: str
    headers: str  # JSON: extra columns of each section, in order
    counts: str  # JSON: rows of each section

    @property
    def rows(self) -> int:
        return sum(len(rows) for _, rows in self.text.values())


def encode(network: Network) -> Encoded:
    """Text, keys and content digest of every section of ``network``."""
    text: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]] = {}
    keys: dict[str, list[str]] = {}
    digest = hashlib.blake2b(digest_size=20)
    extras: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for section in SECTIONS:
        header = network.header(section.name)
        rows = [tuple(row.values()) for row in network.rows(section.name)]
        hashes = row_hashes(section.name, header, rows)
        text[section.name] = (header, rows)
        if section.name in ("people", "groups"):
            keys[section.name] = [row[0] for row in rows]
        else:
            keys[section.name] = event_keys(hashes)
        extra = list(header[len(section.fields) :])
        if extra:
            extras[section.name] = extra
        counts[section.name] = len(rows)
        digest.update(json.dumps([section.name, extra], ensure_ascii=False).encode("utf-8"))
        digest.update("\n".join(hashes).encode("ascii"))
        digest.update(b"\x1e")
    return Encoded(
        text,
        keys,
        digest.hexdigest(),
        json.dumps(extras, ensure_ascii=False),
        json.dumps(counts),
    )


def value_of(kind: FieldKind, value: str) -> Any:
    """A cell's text as the Neo4j value stored for it (None: no property)."""
    if value == "":
        return [] if kind is FieldKind.TAGS else None
    if kind is FieldKind.DATE:
        return date.fromisoformat(value)
    if kind is FieldKind.MONEY:
        whole, _, cents = value.partition(".")
        return int(whole) * 100 + int(cents.ljust(2, "0"))
    if kind is FieldKind.INT:
        return int(value)
    if kind is FieldKind.SCORE:
        return float(value)
    if kind is FieldKind.YESNO:
        return value == "yes"
    if kind is FieldKind.TAGS:
        return value.split(";")
    return value


def batches(section: str, encoded: Encoded, size: int) -> Iterator[tuple[int, list[list[Any]]]]:
    """The rows of a section as query parameters, ``size`` at a time, with their end.

    Each row is ``[key, pos, extras, *fields]``; people add the organisation's key and
    name (see the people's write query in :mod:`._cypher`).
    """
    spec = SECTION_BY_NAME[section]
    header, rows = encoded.text[section]
    keys = encoded.keys[section]
    n_fields = len(spec.fields)
    extra_names = header[n_fields:]
    kinds = [f.kind for f in spec.fields]
    org = spec.field_names.index("organisation") if section == "people" else -1
    batch: list[list[Any]] = []
    for position, (row, key) in enumerate(zip(rows, keys, strict=True)):
        extras = None
        if extra_names:
            extra = {n: v for n, v in zip(extra_names, row[n_fields:], strict=True) if v != ""}
            extras = json.dumps(extra, ensure_ascii=False) if extra else None
        item: list[Any] = [key, position, extras]
        item += [value_of(kind, value) for kind, value in zip(kinds, row, strict=False)]
        if org >= 0:
            name = row[org].strip()
            item += [name.casefold() or None, name]
        batch.append(item)
        if len(batch) >= size:
            yield position + 1, batch
            batch = []
    if batch:
        yield len(rows), batch


def text_of(kind: FieldKind, value: Any) -> str:
    """The contract's text of a value read from Neo4j (dates come as ISO text)."""
    if value is None:
        return ""
    if kind is FieldKind.MONEY:
        return format_cents(int(value))
    if kind is FieldKind.INT:
        return str(int(value))
    if kind is FieldKind.SCORE:
        return format_score(float(value))
    if kind is FieldKind.YESNO:
        return "yes" if value else "no"
    if kind is FieldKind.TAGS:
        return ";".join(value)
    return str(value)


_PLAIN = {FieldKind.ID, FieldKind.TEXT, FieldKind.PERSON, FieldKind.GROUP, FieldKind.MEMBER}


def rows_read(
    section: str, extras: Sequence[str], chunks: Sequence[Sequence[Any]], expected: int
) -> list[list[str]] | None:
    """Text rows, in pushed order, from the values read back (None if not all there).

    ``chunks`` are lists of ``[pos, extras, *fields]`` as the section's read query
    returns them; ``extras`` the section's extra columns, in order.
    """
    kinds = [f.kind for f in SECTION_BY_NAME[section].fields]
    rows: list[list[str] | None] = [None] * expected
    found = 0
    for chunk in chunks:
        for values in chunk:
            pos = values[0]
            if not isinstance(pos, int) or not 0 <= pos < expected or rows[pos] is not None:
                return None
            row = [
                (v if isinstance(v, str) else "" if v is None else text_of(k, v))
                if k in _PLAIN
                else text_of(k, v)
                for k, v in zip(kinds, values[2:], strict=True)
            ]
            if extras:
                extra = json.loads(values[1]) if values[1] else {}
                row += [str(extra.get(column, "")) for column in extras]
            rows[pos] = row
            found += 1
    if found != expected:
        return None
    return rows  # type: ignore[return-value]  # every position is filled: found == expected
