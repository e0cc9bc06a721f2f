"""Matching the attendees of an event to the people of a network, carefully.

An e-mail address decides first (without case). Otherwise a name decides, compared
without case, accents, punctuation and Dutch name particles (``van``, ``de``, ``van
der``, ...), with initials standing for given names (``J.W. de Vries`` is ``Jan-Willem
de Vries``), and the organisation confirms it. Each way of matching has a confidence
(:data:`CONFIDENCE`); below :data:`SURE_FROM` a match is *unsure*, and when two known
people match equally well the attendee is matched to neither: never a silent guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from ..model._network import Network
from ._attendees import Attendee

__all__ = [
    "CONFIDENCE",
    "SURE_FROM",
    "Match",
    "NameParts",
    "fold",
    "fold_many",
    "fold_organisation",
    "fold_organisations",
    "match_attendees",
    "name_parts",
]

#: How sure each way of matching is (0-1). A name with another organisation than the one
#: known may be a person who changed jobs, or a namesake; initials alone say little.
CONFIDENCE: Mapping[str, float] = MappingProxyType(
    {
        "email": 1.0,
        "name_organisation": 0.9,
        "initials_organisation": 0.75,
        "name": 0.7,
        "initials": 0.5,
        "name_other_organisation": 0.4,
        "none": 0.0,
    }
)

#: A match below this confidence is reported as unsure.
SURE_FROM = 0.7

#: Name particles of Dutch (and a few neighbouring) surnames, left out when names are
#: compared: ``Jan van der Berg`` and ``Jan Berg`` share the surname ``berg``.
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "t", "ter", "ten", "te", "in", "op", "la", "le", "du"}
    | {"da", "di", "von", "zu", "vd", "v", "d", "s", "l"}
)
_LEGAL_FORMS = re.compile(r"(?: (?:b ?v|n ?v|v ?o ?f|ltd|inc|gmbh|bvba|llc))+$")
_NOT_WORD = re.compile(r"[^\w\n]+|_+")
_ASCII_NOT_WORD = {c: " " for c in range(128) if not chr(c).isalnum() and chr(c) != "\n"}


def fold(text: str) -> str:
    """Text compared loosely: no accents, no case, words separated by one space.

    Examples
    --------
    >>> fold("  Zoë  Öztürk-Janßen ")
    'zoe ozturk janssen'
    """
    if text.isascii():  # the common case, quickly
        return " ".join(text.casefold().translate(_ASCII_NOT_WORD).split())
    return fold_many([text])[0]


def fold_many(texts: Sequence[str]) -> list[str]:
    """:func:`fold` of many texts, done on joined strings (fast for a large network).

    Texts in ASCII (most names) are folded together without Unicode normalisation; the
    others together with it.
    """
    if not texts:
        return []
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1 or "\r" in joined:
        texts = [t.replace("\n", " ").replace("\r", " ") for t in texts]
        joined = "\n".join(texts)
    if joined.isascii():
        return _fold_joined(joined)
    plain = [i for i, text in enumerate(texts) if text.isascii()]
    other = [i for i, text in enumerate(texts) if not text.isascii()]
    folded = [""] * len(texts)
    if plain:
        for i, text in zip(plain, _fold_joined("\n".join(texts[i] for i in plain)), strict=True):
            folded[i] = text
    decomposed = unicodedata.normalize("NFKD", "\n".join(texts[i] for i in other))
    others = [c for c in set(decomposed) if not c.isascii()]
    if all(unicodedata.combining(c) for c in others):  # only accents: drop them fast
        bare = decomposed.encode("ascii", "ignore").decode("ascii")
    else:
        bare = decomposed.translate({ord(c): None for c in others if unicodedata.combining(c)})
    for i, text in zip(other, _fold_joined(bare), strict=True):
        folded[i] = text
    return folded


def _fold_joined(joined: str) -> list[str]:
    """Fold texts joined by newlines, already without accents."""
    lowered = joined.casefold()
    spaced = (
        lowered.translate(_ASCII_NOT_WORD) if lowered.isascii() else _NOT_WORD.sub(" ", lowered)
    )
    while "  " in spaced:
        spaced = spaced.replace("  ", " ")
    return [part.strip() for part in spaced.split("\n")]


def fold_organisation(text: str) -> str:
    """An organisation compared loosely: :func:`fold` without a legal form at the end.

    Examples
    --------
    >>> fold_organisation("Lumen B.V."), fold_organisation("LUMEN")
    ('lumen', 'lumen')
    """
    return fold_organisations([text])[0]


def fold_organisations(texts: Sequence[str]) -> list[str]:
    """:func:`fold_organisation` of many texts at once."""
    return [_LEGAL_FORMS.sub("", folded) for folded in fold_many(texts)]


class NameParts(NamedTuple):
    """A name taken apart: given names (or initials) and the surname without particles."""

    given: tuple[str, ...]
    surname: tuple[str, ...]

    @property
    def initials_only(self) -> bool:
        return bool(self.given) and all(len(g) == 1 for g in self.given)

    @property
    def initials(self) -> str:
        return "".join(g[0] for g in self.given)

    @property
    def key(self) -> tuple[str, str] | None:
        """What two names that may agree share: the surname's last word, the first initial."""
        if not self.given or not self.surname:
            return None
        return self.surname[-1], self.given[0][0]


def name_parts(name: str) -> NameParts:
    """The given names and the surname of a name, compared without particles.

    ``Vries, Jan de`` (surname first, after a comma) is read as ``Jan de Vries``. The
    given names are the words before the first particle, or all but the last word.

    Examples
    --------
    >>> name_parts("J.W. van den Bosch")
    NameParts(given=('j', 'w'), surname=('bosch',))
    >>> name_parts("Vries, Jan de")
    NameParts(given=('jan',), surname=('vries',))
    """
    surname_first, comma, given_first = name.partition(",")
    if comma and given_first.strip():
        name = f"{given_first} {surname_first}"
    return _parts(fold(name).split())


def _parts(words: list[str]) -> NameParts:
    """:func:`name_parts` of the words of a folded name."""
    if len(words) == 2:  # the common case, quickly
        return NameParts((words[0],), (words[1],))
    if not words:
        return NameParts((), ())
    split = len(words) - 1
    for i in range(1, len(words) - 1):
        if words[i] in PARTICLES:
            split = i
            break
    given = tuple(words[:split])
    surname = tuple(w for w in words[split:] if w not in PARTICLES) or (words[-1],)
    return NameParts(given, surname)


def _agree(listed: NameParts, full: str, initials_only: bool, folded: str) -> str | None:
    """:func:`_names_agree` of a listed name and a folded known one of the same key.

    ``full`` is the listed name's words joined, ``initials_only`` whether its given names
    are initials. Names of two words (most) are compared without being taken apart.
    """
    if folded.count(" ") == 1:  # two words: a given name and a surname
        first, _, last = folded.partition(" ")
        if initials_only:  # the first initials agree (the key): the surnames decide
            return "initials" if listed.surname == (last,) else None
        if folded == full:
            return "name"
        if len(first) > 1:
            return None  # neither name is written with initials
    return _names_agree(listed, _parts(folded.split()))


def _names_agree(listed: NameParts, known: NameParts) -> str | None:
    """``"name"`` when both names agree in full, ``"initials"`` when by initials, else ``None``."""
    if listed.surname != known.surname or not listed.given or not known.given:
        return None
    if listed.given == known.given:
        return "initials" if listed.initials_only else "name"
    if listed.initials_only or known.initials_only:
        shorter, longer = sorted((listed.initials, known.initials), key=len)
        if longer.startswith(shorter):
            return "initials"
    return None


@dataclass(frozen=True)
class Match:
    """How an attendee matches the people of the network.

    Attributes
    ----------
    row
        The person's row in the network, ``None`` for no match or an ambiguous one.
    how
        A key of :data:`CONFIDENCE`: ``"email"``, ``"name_organisation"``, ...,
        ``"none"``.
    confidence
        :data:`CONFIDENCE` of ``how``.
    candidates
        The ids of every known person matched this well (more than one: ambiguous).
    """

    row: int | None
    how: str
    confidence: float
    candidates: tuple[str, ...] = field(default=())

    @property
    def unsure(self) -> bool:
        """Below :data:`SURE_FROM`, or ambiguous."""
        return self.how != "none" and (self.confidence < SURE_FROM or len(self.candidates) > 1)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "how": self.how,
            "confidence": self.confidence,
            "unsure": self.unsure,
            "candidates": list(self.candidates),
        }


NO_MATCH = Match(None, "none", CONFIDENCE["none"])


def match_attendees(network: Network, attendees: Sequence[Attendee]) -> list[Match]:
    """The match of every attendee, in the order given.

    Examples
    --------
    >>> import netgraph
    >>> net = netgraph.network_from_dict({"people": [
    ...     {"id": "me", "name": "Anna", "member": "yes"},
    ...     {"id": "jan", "name": "Jan-Willem de Vries", "organisation": "Lumen B.V."},
    ...     {"id": "k1", "name": "Kees Bakker"}, {"id": "k2", "name": "Karin Bakker"}]})
    >>> listed = [Attendee("J.W. Vries", "Lumen"), Attendee("K. Bakker"), Attendee("Bo")]
    >>> [(m.how, m.confidence, m.unsure, m.candidates)
    ...  for m in match_attendees(net, listed)]  # doctest: +NORMALIZE_WHITESPACE
    [('initials_organisation', 0.75, False, ('jan',)),
     ('initials', 0.5, True, ('k1', 'k2')),
     ('none', 0.0, False, ())]
    """
    people = _People(network, attendees)
    return [people.match(attendee) for attendee in attendees]


class _People:
    """The people of the network that some attendee could be, by e-mail and by name."""

    def __init__(self, network: Network, attendees: Iterable[Attendee]) -> None:
        self.ids: list[str] = network.person_ids.tolist()
        listed = list(attendees)
        wanted_emails = {e.strip().casefold() for a in listed for e in a.emails}
        self.by_email: dict[str, list[int]] = {}
        if wanted_emails:
            for row, email in enumerate(network.people["email"].tolist()):
                key = email.strip().casefold() if email else ""
                if key in wanted_emails:
                    self.by_email.setdefault(key, []).append(row)
        wanted = {k for k in (name_parts(a.name).key for a in listed if a.name.strip()) if k}
        self.by_name: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.organisation: dict[int, str] = {}
        if not wanted:
            return
        # names are folded in one pass; only those that may agree with an attendee's
        # (the same last word and first initial) are kept, and taken apart when compared
        by_name = self.by_name
        for row, folded in enumerate(fold_many(network.people["name"].tolist())):
            key = (folded.rpartition(" ")[2], folded[:1])
            if key in wanted:
                by_name.setdefault(key, []).append((row, folded))
        rows = sorted(row for found in by_name.values() for row, _ in found)
        spellings = network.people["organisation"][rows].tolist()
        self.organisation = dict(zip(rows, fold_organisations(spellings), strict=True))

    def match(self, attendee: Attendee) -> Match:
        by_email = sorted(
            {row for e in attendee.emails for row in self.by_email.get(e.strip().casefold(), [])}
        )
        if by_email:
            return self._found("email", by_email)
        parts = name_parts(attendee.name)
        if parts.key is None:
            return NO_MATCH
        full = " ".join(parts.given + parts.surname)
        initials_only = parts.initials_only
        organisation = fold_organisation(attendee.organisation)
        found: dict[str, list[int]] = {}
        for row, folded in self.by_name.get(parts.key, []):
            agree = _agree(parts, full, initials_only, folded)
            if agree is None:
                continue
            known_organisation = self.organisation[row]
            if not organisation or not known_organisation:
                how = agree
            elif organisation == known_organisation:
                how = f"{agree}_organisation"
            elif agree == "name":
                how = "name_other_organisation"
            else:
                continue  # initials and another organisation: too little to go on
            found.setdefault(how, []).append(row)
        if not found:
            return NO_MATCH
        best = max(found, key=CONFIDENCE.__getitem__)
        return self._found(best, found[best])

    def _found(self, how: str, rows: list[int]) -> Match:
        ids = tuple(sorted(self.ids[row] for row in rows))
        return Match(rows[0] if len(rows) == 1 else None, how, CONFIDENCE[how], ids)
