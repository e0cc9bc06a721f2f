"""Importing LinkedIn exports and vCard files into a network folder.

:func:`import_sources` reads LinkedIn's ``Connections.csv`` (found by its header) and
vCard files (``.vcf``, ``.vcard``), given one by one, as folders holding them (an
unzipped LinkedIn export, say) or as a ``.zip`` of them, and merges every contact into
a network folder: a new one, or an existing one that stays valid.

Who is who
    The same person is recognised across sources and across runs by a shared e-mail
    address (without case) or a shared LinkedIn profile address (without scheme,
    ``www.``, trailing slash, case or query string). A contact with neither is
    the first person in ``people.csv`` of the same name (without case, accents or
    extra spaces), if there is one; a person with neither takes the contact of the
    same name, if there is exactly one. Members are never matched by name, existing
    people are never merged with each other, and an address that identifies one
    person is never copied to another. So importing the same files twice changes
    nothing, and a hand-made ``people.csv`` without addresses is filled in rather
    than duplicated.
What is kept
    A new person gets a readable id that does not depend on the order of the sources:
    a slug of the name and a short hash of what identified them when they were first
    imported, like ``anouk-schrodinger-3f9a1c``. The company goes to ``organisation``,
    the first e-mail address to ``email`` and any further ones to an extra ``emails``
    column (``;``-separated); the LinkedIn profile address, position, phone number,
    website and note go to the extra columns ``linkedin``, ``position``, ``phone``,
    ``website`` and ``note``, which the data contract keeps. A field that is already
    filled is never overwritten; when two sources disagree on an empty field, the
    first source given wins.
Ties
    Every contact gets a tie to the member (strength 3; LinkedIn's ``Connected On`` as
    its ``since``); a tie that already exists is kept as it is.
All or nothing
    Every source is read and the whole merged network is checked against the data
    contract before anything is written, and the files are then replaced all at once:
    a failing import leaves the folder as it was, byte for byte. When nothing changes,
    nothing is written.

A LinkedIn export and an address book only know the member's own links: to each
contact, never between two contacts. Links between contacts come from referrals,
shared groups (``memberships.csv``), exchanges and shared organisations: the graph
projection already links colleagues of the same organisation, so filling in
``organisation`` is what makes an imported network more than a star.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..io._build import RawTable, build_network
from ..io._folder import folder_lock, needs_recovery
from ..io._textio import decode_utf8, read_folder, write_folder_locked
from ..model._errors import ConfigError, DataError
from ..model._network import Network
from ..model._schema import SECTION_BY_NAME, SECTIONS
from ._linkedin import (
    LinkedInContact,
    find_linkedin_header,
    normalise_linkedin_url,
    parse_linkedin_connections,
)
from ._vcard import VCardContact, parse_vcard_bytes

__all__ = ["Contact", "ImportSummary", "import_sources", "merge_contacts", "read_sources"]

Contact = LinkedInContact | VCardContact
"""A contact as a source gives it."""

DEFAULT_STRENGTH = "3"
EXTRA_PEOPLE_COLUMNS = ("linkedin", "position", "phone", "emails", "website", "note")
_FILLED_AS_TEXT = ("organisation", "linkedin", "position", "phone", "website", "note")
_VCARD_SUFFIXES = (".vcf", ".vcard")
_HASH_LENGTH = 6
_SLUG_LENGTH = 40


@dataclass(frozen=True)
class ImportSummary:
    """What an import read and changed.

    Attributes
    ----------
    folder
        The network folder imported into (empty for :func:`merge_contacts`).
    member
        The id of the member every contact was tied to.
    member_created
        True when the member was added to ``people.csv`` by this import.
    files_read
        Every source file read, in reading order.
    files_skipped
        Files inside a given folder or archive that were neither a LinkedIn export nor
        a vCard file.
    contacts_read
        Contacts in all files together (one person may be several contacts).
    people_added
        New people, the member not counted.
    people_updated
        Existing people of whom at least one empty field was filled in.
    people_unchanged
        Existing people recognised in the sources that needed no change.
    ties_added
        New ties between the member and a contact.
    written
        True when the folder was written; false when nothing changed or on a dry run.
    """

    folder: str
    member: str
    member_created: bool
    files_read: tuple[str, ...]
    files_skipped: tuple[str, ...]
    contacts_read: int
    people_added: int
    people_updated: int
    people_unchanged: int
    ties_added: int
    written: bool

    @property
    def changed(self) -> bool:
        """True when the import added or filled in anything."""
        return bool(
            self.member_created or self.people_added or self.people_updated or self.ties_added
        )


# -- reading the sources ------------------------------------------------------


@dataclass
class _Sources:
    contacts: list[Contact] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seen: dict[str, bool] = field(default_factory=dict)  # file -> was it a source


def read_sources(
    sources: Sequence[str | os.PathLike[str]],
) -> tuple[list[Contact], tuple[str, ...], tuple[str, ...]]:
    """Read every contact of the given files, folders and ``.zip`` archives.

    Returns the contacts in reading order, the files read and the files skipped.
    A file given by name must be a LinkedIn ``Connections.csv`` or a vCard file; in a
    folder (read with its subfolders, in name order) or an archive, other files are
    skipped. A file reached twice is read once.

    Raises
    ------
    DataError
        When a source does not exist, cannot be read or breaks its format.
    """
    found = _Sources()
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            sources_found = [_read_file(file, found, explicit=False) for file in files]
            if not any(sources_found):
                raise DataError.single(
                    str(path),
                    None,
                    None,
                    "holds no LinkedIn Connections.csv and no vCard (.vcf) file",
                )
        elif path.is_file():
            _read_file(path, found, explicit=True)
        else:
            raise DataError.single(str(path), None, None, "does not exist")
    return found.contacts, tuple(found.read), tuple(found.skipped)


def _read_file(path: Path, found: _Sources, *, explicit: bool) -> bool:
    """Read one file if it is a source (and was not read before); tell if it is one."""
    key = str(path.resolve())
    if key in found.seen:
        return found.seen[key]
    before = len(found.read)
    if path.suffix.lower() == ".zip":
        _read_archive(path, str(path), found)
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DataError.single(
                str(path), None, None, f"cannot be read: {exc.strerror}"
            ) from None
        _read_data(data, path.name, str(path), found, explicit=explicit)
    found.seen[key] = len(found.read) > before
    return found.seen[key]


def _read_archive(path: Path, name: str, found: _Sources) -> None:
    """Read the sources in a ``.zip`` archive, entry by entry, never more than needed.

    Only the first bytes of an entry are read to tell whether it is a source; a source
    is read only when its size and its compression ratio are within
    :data:`MAX_ENTRY_BYTES` and :data:`MAX_RATIO` (a "zip bomb" is refused).
    """
    before = len(found.read)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and not any(p.startswith((".", "__MACOSX")) for p in info.filename.split("/"))
            ]
            names: set[str] = set()
            for info in infos:
                if info.filename in names:
                    raise DataError.single(
                        f"{name}/{info.filename}",
                        None,
                        None,
                        "is in the archive twice (two entries of one name): which one is meant?",
                    )
                names.add(info.filename)
            for info in sorted(infos, key=lambda info: info.filename):
                _read_entry(archive, info, name, found)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise DataError.single(name, None, None, f"is not a readable .zip archive: {exc}") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise DataError.single(name, None, None, f"cannot be read: {exc}") from None
    if len(found.read) == before:
        raise DataError.single(
            name, None, None, "holds no LinkedIn Connections.csv and no vCard (.vcf) file"
        )


MAX_ENTRY_BYTES = 256 << 20
"""The largest entry of an archive that is read (uncompressed): far beyond any export."""
MAX_RATIO = 100
"""The highest compression ratio of an entry over 16 MiB that is read (text reaches ~10)."""
_SNIFF_BYTES = 64 << 10


def _read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, found: _Sources
) -> None:
    base = info.filename.rsplit("/", 1)[-1]
    file = f"{name}/{info.filename}"
    lowered = base.lower()
    if not (lowered.endswith(_VCARD_SUFFIXES) or lowered == "connections.csv"):
        with archive.open(info) as handle:
            head = handle.read(_SNIFF_BYTES)
        if _source_kind(head) is None:
            found.skipped.append(file)
            return
    size = info.file_size
    if size > MAX_ENTRY_BYTES:
        raise DataError.single(
            file,
            None,
            None,
            f"is {size:,} bytes uncompressed, more than the {MAX_ENTRY_BYTES:,} netgraph reads "
            "from an archive",
        )
    if size > 16 << 20 and size > MAX_RATIO * max(info.compress_size, 1):
        raise DataError.single(
            file,
            None,
            None,
            f"is compressed {size // max(info.compress_size, 1):,} to 1, more than {MAX_RATIO} "
            "to 1: refused as a likely zip bomb",
        )
    with archive.open(info) as handle:
        data = handle.read(MAX_ENTRY_BYTES + 1)
    if len(data) > MAX_ENTRY_BYTES:  # pragma: no cover - zipfile checks the declared size
        raise DataError.single(file, None, None, "is larger than its archive says")
    _read_data(data, base, file, found, explicit=False)


def _source_kind(head: bytes) -> str | None:
    """'linkedin' or 'vcard' when the first bytes of a file show it is one, else None."""
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    if text.lstrip()[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    complete = text.rsplit("\n", 1)[0] if len(head) == _SNIFF_BYTES else text
    if find_linkedin_header(complete) is not None:
        return "linkedin"
    return None


def _read_data(data: bytes, base_name: str, file: str, found: _Sources, *, explicit: bool) -> None:
    lowered = base_name.lower()
    if lowered.endswith(_VCARD_SUFFIXES):
        found.contacts.extend(parse_vcard_bytes(data, file))
        found.read.append(file)
        return
    if lowered == "connections.csv" or (explicit and lowered.endswith(".csv")):
        found.contacts.extend(parse_linkedin_connections(decode_utf8(data, file), file))
        found.read.append(file)
        return
    text = _utf8(data)
    if text is not None and find_linkedin_header(text) is not None:
        found.contacts.extend(parse_linkedin_connections(text, file))
        found.read.append(file)
    elif text is not None and text.lstrip()[:11].upper() == "BEGIN:VCARD":
        found.contacts.extend(parse_vcard_bytes(data, file))
        found.read.append(file)
    elif explicit:
        raise DataError.single(
            file,
            None,
            None,
            "is neither LinkedIn's Connections.csv (no header 'First Name,Last Name,...,"
            "Connected On' found) nor a vCard file (.vcf)",
        )
    else:
        found.skipped.append(file)


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


# -- importing ------------------------------------------------------------------


def import_sources(
    sources: Sequence[str | os.PathLike[str]],
    into: str | os.PathLike[str],
    member: str | None = None,
    *,
    member_name: str | None = None,
    dry_run: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> ImportSummary:
    """Import LinkedIn exports and vCard files into a network folder, all or nothing.

    The folder is locked from reading it to writing it, so that two imports into one
    folder run one after the other and lose nothing (see ``netgraph.io._folder``).

    Parameters
    ----------
    sources
        Files (LinkedIn's ``Connections.csv``, ``.vcf``/``.vcard`` files), folders
        holding them, or ``.zip`` archives of them (LinkedIn's export as downloaded).
    into
        The network folder. It is created when it does not exist (or holds no CSV
        file yet); otherwise it must be a valid network folder.
    member
        The id of the person whose contacts these are. Required for a new folder; may
        be left out when the folder has exactly one member. A member that is not in
        ``people.csv`` yet is added (see ``member_name``).
    member_name
        The name of a member this import adds; the id when not given.
    dry_run
        Do everything except writing (and locking).
    on_wait
        Called once when another command is writing the folder, before waiting for it.

    Raises
    ------
    DataError
        When a source or the existing folder is unreadable or breaks its format;
        nothing is written then.
    ConfigError
        When no source is given or the member cannot be determined.
    """
    if not sources:
        raise ConfigError("give at least one file or folder to import")
    folder = Path(into)
    if folder.exists() and not folder.is_dir():
        raise DataError.single(str(folder), None, None, "is not a folder")
    if dry_run:
        return _import(sources, folder, member, member_name, write=False)
    with folder_lock(folder, on_wait=on_wait):  # a new folder is removed again on failure
        return _import(sources, folder, member, member_name, write=True)


def _import(
    sources: Sequence[str | os.PathLike[str]],
    folder: Path,
    member: str | None,
    member_name: str | None,
    *,
    write: bool,
) -> ImportSummary:
    existing = _existing_network(folder)
    member = _member_id(existing, member)
    contacts, files_read, files_skipped = read_sources(sources)
    network, counts = _merge(existing, contacts, member, member_name)
    written = counts.changed and write
    if written:
        write_folder_locked(network, folder)
    return counts.summary(str(folder), files_read, files_skipped, written)


def merge_contacts(
    network: Network | None,
    contacts: Sequence[Contact],
    member: str | None = None,
    *,
    member_name: str | None = None,
) -> tuple[Network, ImportSummary]:
    """Merge contacts into a network (or a new one), as :func:`import_sources` does.

    The network given is not changed; the merged network is returned with a summary
    (whose ``folder`` and file lists are empty and ``written`` false).

    Examples
    --------
    >>> from netgraph.importers._linkedin import parse_linkedin_connections
    >>> text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    >>> text += "Sanne,Visser,https://www.linkedin.com/in/sannevisser,,Visser & Co,,28 Feb 2020\\n"
    >>> net, summary = merge_contacts(None, parse_linkedin_connections(text), "me")
    >>> [row["id"] for row in net.rows("people")]
    ['me', 'sanne-visser-d03785']
    >>> next(net.rows("ties"))["since"]
    '2020-02-28'
    """
    member = _member_id(network, member)
    merged, counts = _merge(network, contacts, member, member_name)
    return merged, counts.summary("", (), (), False)


def _existing_network(folder: Path) -> Network | None:
    if folder.exists() and not folder.is_dir():
        raise DataError.single(str(folder), None, None, "is not a folder")
    if not folder.is_dir():
        return None
    if not needs_recovery(folder) and not any(
        not f.name.startswith(".") for f in folder.glob("*.csv")
    ):
        return None
    return read_folder(folder)


def _member_id(network: Network | None, member: str | None) -> str:
    if member is not None:
        member = member.strip()
        if not member:
            raise ConfigError("the member id must not be empty")
    if network is None:
        if member is None:
            raise ConfigError(
                "a new network folder needs a member: give the id of the person whose "
                "contacts these are (--member ID)"
            )
        return member
    members = network.member_ids
    if member is None:
        if len(members) == 1:
            return members[0]
        if not members:
            raise ConfigError(
                "the network has no member (member=yes in people.csv): give the id of "
                "the person whose contacts these are (--member ID)"
            )
        raise ConfigError(
            f"the network has {len(members)} members ({_listed(members)}): say whose "
            "contacts these are (--member ID)"
        )
    if member in members:
        return member
    try:
        network.person_index(member)
    except KeyError:
        return member  # a new member, added by the merge
    raise ConfigError(
        f"{member!r} is in people.csv but is not a member (member=yes); members are "
        f"{_listed(members) or 'none'}"
    )


def _listed(ids: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


# -- merging ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    """A contact in the terms of people.csv."""

    name: str
    emails: tuple[str, ...]
    linkedin: str | None
    organisation: str
    position: str
    phone: str
    website: str
    note: str
    since: date | None

    @property
    def keys(self) -> tuple[str, ...]:
        keys = [f"email:{e.casefold()}" for e in self.emails]
        if self.linkedin:
            keys.append(f"linkedin:{self.linkedin}")
        return tuple(keys)

    def text(self, column: str) -> str:
        value: str | None = getattr(self, column)
        return value or ""


def _record(contact: Contact) -> _Record:
    if isinstance(contact, LinkedInContact):
        return _Record(
            name=_one_line(contact.name),
            emails=(contact.email,) if contact.email else (),
            linkedin=normalise_linkedin_url(contact.url) if contact.url else None,
            organisation=_one_line(contact.company),
            position=_one_line(contact.position),
            phone="",
            website="",
            note="",
            since=contact.connected_on,
        )
    websites = [u for u in contact.urls if normalise_linkedin_url(u) is None]
    return _Record(
        name=_one_line(contact.name),
        emails=contact.emails,
        linkedin=contact.linkedin,
        organisation=contact.organisation,
        position=contact.title,
        phone=contact.phones[0] if contact.phones else "",
        website=websites[0] if websites else "",
        note=contact.note,
        since=None,
    )


@dataclass
class _Counts:
    member: str
    member_created: bool = False
    contacts_read: int = 0
    people_added: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    ties_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.member_created or self.people_added or self.people_updated or self.ties_added
        )

    def summary(
        self, folder: str, read: Sequence[str], skipped: Sequence[str], written: bool
    ) -> ImportSummary:
        return ImportSummary(
            folder=folder,
            member=self.member,
            member_created=self.member_created,
            files_read=tuple(read),
            files_skipped=tuple(skipped),
            contacts_read=self.contacts_read,
            people_added=self.people_added,
            people_updated=self.people_updated,
            people_unchanged=self.people_unchanged,
            ties_added=self.ties_added,
            written=written,
        )


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _merge(
    network: Network | None, contacts: Sequence[Contact], member: str, member_name: str | None
) -> tuple[Network, _Counts]:
    counts = _Counts(member, contacts_read=len(contacts))
    people_header = list(network.header("people")) if network else _field_names("people")
    ties_header = list(network.header("ties")) if network else _field_names("ties")
    people = [dict(row) for row in network.rows("people")] if network else []
    ties = [dict(row) for row in network.rows("ties")] if network else []
    if not any(row["id"] == member for row in people):
        name = _one_line(member_name or "") or member
        people.append({"id": member, "name": name, "member": "yes"})
        counts.member_created = True
    first_new_row = len(people) - 1 if counts.member_created else len(people)

    records = [_record(c) for c in contacts]
    existing_groups, new_groups = _resolve(people, records)
    owners: dict[str, int] = {}
    for row_index, row in enumerate(people):
        for key in _row_keys(row):
            owners.setdefault(key, row_index)

    taken = {row["id"] for row in people}
    tie_to: dict[str, list[int]] = {}
    for row_index, indices in existing_groups:
        group = [records[i] for i in indices]
        changed = _fill(people[row_index], group, owners, row_index)
        if row_index < first_new_row:
            if changed:
                counts.people_updated += 1
            else:
                counts.people_unchanged += 1
        tie_to[people[row_index]["id"]] = indices
    new_people: list[dict[str, str]] = []
    for indices in new_groups:
        group = [records[i] for i in indices]
        person_id = _new_id(group, taken)
        taken.add(person_id)
        row = {"id": person_id, "name": _display_name(group), "member": "no"}
        _fill(row, group, owners, -1)
        new_people.append(row)
        tie_to[person_id] = indices
    counts.people_added = len(new_people)
    people.extend(sorted(new_people, key=lambda row: row["id"]))

    tied = {frozenset((row["a"], row["b"])) for row in ties}
    for person_id in sorted(tie_to):
        if person_id == member or frozenset((member, person_id)) in tied:
            continue
        tie = {"a": member, "b": person_id, "strength": DEFAULT_STRENGTH}
        dates = [d for i in tie_to[person_id] if (d := records[i].since) is not None]
        if dates:
            tie["since"] = min(dates).isoformat()
        ties.append(tie)
        counts.ties_added += 1

    for column in EXTRA_PEOPLE_COLUMNS:
        if column not in people_header and any(row.get(column) for row in people):
            people_header.append(column)
    return _build(network, people_header, people, ties_header, ties), counts


def _field_names(section: str) -> list[str]:
    return list(SECTION_BY_NAME[section].field_names)


def _build(
    network: Network | None,
    people_header: list[str],
    people: list[dict[str, str]],
    ties_header: list[str],
    ties: list[dict[str, str]],
) -> Network:
    raw_tables = []
    for section in SECTIONS:
        if section.name == "people":
            header, rows = people_header, people
        elif section.name == "ties":
            header, rows = ties_header, ties
        elif network is not None and len(network.tables[section.name]):
            header, rows = list(network.header(section.name)), list(network.rows(section.name))
        else:
            continue
        columns = {column: [row.get(column, "") for row in rows] for column in header}
        lines = list(range(2, len(rows) + 2))
        raw_tables.append(RawTable(section.name, section.file_name, columns, lines))
    return build_network(raw_tables)


# -- who is who -------------------------------------------------------------------

_Ref = tuple[str, int]  # ("person", row of people.csv) or ("new", cluster root)


def _resolve(
    people: list[dict[str, str]], records: list[_Record]
) -> tuple[list[tuple[int, list[int]]], list[list[int]]]:
    """Which records are which existing person (by row), and which are new people.

    Returns the existing people with their records, in row order, and the groups of
    records that are new people, ordered by what identifies them.
    """
    clusters = _UnionFind(len(records))
    owner: dict[str, int] = {}
    for index, record in enumerate(records):
        for key in record.keys or (_name_identity(record.name),):
            clusters.union(owner.setdefault(key, index), index)

    by_key: dict[str, int] = {}
    members: set[int] = set()
    by_id: dict[str, int] = {}
    for row_index, row in enumerate(people):
        by_id[row["id"]] = row_index
        if row.get("member") == "yes":
            members.add(row_index)
        for key in _row_keys(row):
            by_key.setdefault(key, row_index)

    def roots() -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for index in range(len(records)):
            out.setdefault(clusters.find(index), []).append(index)
        return out

    # 1. by e-mail address and LinkedIn profile
    target: dict[int, int] = {}
    for root, indices in roots().items():
        rows = [by_key[k] for i in indices for k in records[i].keys if k in by_key]
        if rows:
            target[root] = min(rows)
            continue
        if not any(records[i].keys for i in indices):  # a name only: made by an earlier import?
            group = [records[i] for i in indices]
            earlier = by_id.get(_base_id(group))
            if (
                earlier is not None
                and earlier not in members
                and _name_key(people[earlier]["name"]) == _name_key(records[root].name)
            ):
                target[root] = earlier

    # 2. by name, for a contact or a person with neither address. Only names a later
    #    import sees again count (a person's name; a new person's name to be), so that
    #    importing the same contacts again finds the same people.
    holders: dict[str, list[tuple[tuple[int, str], _Ref]]] = {}
    name_only: list[tuple[str, _Ref]] = []
    for row_index, row in enumerate(people):
        if row_index in members:
            continue
        name = _name_key(row["name"])
        holders.setdefault(name, []).append(((row_index, ""), ("person", row_index)))
        if not _row_keys(row):
            name_only.append((name, ("person", row_index)))
    for root, indices in roots().items():
        if root in target:
            continue
        group = [records[i] for i in indices]
        name = _name_key(_display_name(group))
        # new people come after the existing ones, in the order of their ids
        holders.setdefault(name, []).append(((len(people), _base_id(group)), ("new", root)))
        if not any(record.keys for record in group):
            name_only.append((name, ("new", root)))
    linked: dict[int, list[int]] = {}
    ordered: dict[str, list[tuple[tuple[int, str], _Ref]]] = {}  # each name's holders, sorted once
    for name, ref in name_only:
        if name not in ordered:
            ordered[name] = sorted(holders[name])
        # the holders of the name but ref itself (which is one of them), in order
        others = [h for h in ordered[name][:2] if h[1] != ref][:1]
        count = len(ordered[name]) - 1
        if ref[0] == "new" and others:
            # a contact with a name only is the first person of that name
            other = others[0][1]
            if other[0] == "new":
                clusters.union(ref[1], other[1])
            else:
                linked.setdefault(ref[1], []).append(other[1])
        elif ref[0] == "person" and count == 1 and others[0][1][0] == "new":
            # a person with a name only is the one new contact of that name, if just one
            linked.setdefault(others[0][1][1], []).append(ref[1])

    existing: dict[int, list[int]] = {}
    new_groups: list[list[int]] = []
    for indices in roots().values():
        rows = [target[i] for i in indices if i in target]
        rows += [row for i in indices for row in linked.get(i, ())]
        if rows:
            existing.setdefault(min(rows), []).extend(indices)
        else:
            new_groups.append(indices)
    new_groups.sort(key=lambda indices: _identity([records[i] for i in indices]))
    return sorted((row, sorted(ix)) for row, ix in existing.items()), new_groups


def _row_keys(row: dict[str, str]) -> list[str]:
    keys = []
    addresses = [row.get("email", ""), *row.get("emails", "").split(";")]
    keys += [f"email:{a.strip().casefold()}" for a in addresses if a.strip()]
    linkedin = normalise_linkedin_url(row.get("linkedin", ""))
    if linkedin:
        keys.append(f"linkedin:{linkedin}")
    return keys


def _name_key(name: str) -> str:
    """A name without case, accents and extra spaces: 'Zoë  Öztürk' -> 'zoe ozturk'."""
    text = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def _name_identity(name: str) -> str:
    return f"name:{_name_key(name)}"


def _identity(group: Sequence[_Record]) -> str:
    """What identifies a new person: their smallest address key, else their name."""
    keys = [k for record in group for k in record.keys]
    if keys:
        return min(keys)
    return min(_name_identity(record.name) for record in group)


# -- filling in --------------------------------------------------------------------


def _fill(
    row: dict[str, str], group: Sequence[_Record], owners: Mapping[str, int], row_index: int
) -> set[str]:
    """Fill the empty fields of a person from their records; return what changed.

    An address that already identifies another person (``owners``: key to row) is not
    copied, so that no two people come to share one and a later import still
    recognises each of them the same way.
    """

    def own(key: str) -> bool:
        return owners.get(key, row_index) == row_index

    changed: set[str] = set()
    for column in _FILLED_AS_TEXT:
        if row.get(column, "").strip():
            continue
        values = (v for record in group if (v := record.text(column)))
        if column == "linkedin":
            values = (v for v in values if own(f"linkedin:{v}"))
        value = next(values, "")
        if value:
            row[column] = value
            changed.add(column)
    addresses: dict[str, str] = {}
    for record in group:
        for address in record.emails:
            if own(f"email:{address.casefold()}"):
                addresses.setdefault(address.casefold(), address)
    known = {
        a.strip().casefold() for a in [row.get("email", ""), *row.get("emails", "").split(";")]
    }
    fresh = [address for key, address in addresses.items() if key not in known]
    if fresh and not row.get("email", "").strip():
        row["email"] = fresh.pop(0)
        changed.add("email")
    if fresh and not row.get("emails", "").strip():
        row["emails"] = ";".join(fresh)
        changed.add("emails")
    return changed


def _display_name(group: Sequence[_Record]) -> str:
    """The fullest name of a new person; the same whatever the order of the sources."""
    return min((record.name for record in group), key=lambda name: (-len(name), name))


def _base_id(group: Sequence[_Record]) -> str:
    return _id_with(group, _HASH_LENGTH)


def _id_with(group: Sequence[_Record], length: int) -> str:
    digest = hashlib.sha256(_identity(group).encode("utf-8")).hexdigest()
    return f"{_slug(_display_name(group))}-{digest[:length]}"


def _new_id(group: Sequence[_Record], taken: set[str]) -> str:
    for length in range(_HASH_LENGTH, 65, 2):
        candidate = _id_with(group, length)
        if candidate not in taken:
            return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"


def _slug(name: str) -> str:
    """A readable id part: 'Zoë Öztürk' -> 'zoe-ozturk', 'Jan-Willem van den Bosch' ->
    'jan-willem-van-den-bosch'."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    slug = "-".join(w for w in re.split(r"[\W_]+", text) if w)
    if len(slug) > _SLUG_LENGTH:
        slug = (
            slug[:_SLUG_LENGTH].rsplit("-", 1)[0]
            if "-" in slug[:_SLUG_LENGTH]
            else slug[:_SLUG_LENGTH]
        )
    return slug or "person"


def _one_line(text: str) -> str:
    return " ".join(text.split())
