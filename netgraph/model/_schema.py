"""The data contract: which sections a network has and what each column holds.

Every reader (CSV folder, JSON, LinkedIn, vCard) produces text rows that are checked
against this one description, and every writer writes from it, so the contract lives
in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["SECTIONS", "SECTION_BY_NAME", "Field", "FieldKind", "Section"]


class FieldKind(Enum):
    """How a column's text is read and stored."""

    ID = "id"  # the key of this section's rows
    TEXT = "text"
    PERSON = "person"  # a reference to people.csv's id
    GROUP = "group"  # a reference to groups.csv's id
    MEMBER = "member"  # a reference to a member; empty means "the only member"
    DATE = "date"  # ISO YYYY-MM-DD
    MONEY = "money"  # decimal with a '.', at most two decimals
    INT = "int"
    SCORE = "score"  # a decimal number within bounds
    CHOICE = "choice"
    TAGS = "tags"  # ';'-separated
    YESNO = "yesno"
    CURRENCY = "currency"  # three capital letters
    EMAIL = "email"


@dataclass(frozen=True)
class Field:
    """One column of a section."""

    name: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str = ""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Section:
    """One kind of row: a CSV file of a network folder, a key of the JSON form."""

    name: str
    fields: tuple[Field, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


ROLES = ("client", "prospect", "partner", "peer", "supplier", "other")
CHANNELS = ("online", "offline", "both")
GROUP_KINDS = ("association", "intervision", "network club", "online community", "other")
INTERACTION_KINDS = (
    "meeting",
    "call",
    "message",
    "gift",
    "visit",
    "satisfaction_check",
    "event",
)
EXCHANGE_KINDS = ("advice", "feedback", "experience", "complaint", "introduction")
# what a client was asked: how satisfied they are, or how likely they are to recommend
QUESTIONS = ("satisfaction", "recommend")

F = Field
K = FieldKind

SECTIONS: tuple[Section, ...] = (
    Section(
        "people",
        (
            F("id", K.ID, required=True),
            F("name", K.TEXT, required=True),
            F("organisation", K.TEXT),
            F("email", K.EMAIL),
            F("role", K.CHOICE, choices=ROLES),
            F("tags", K.TAGS),
            F("member", K.YESNO, default="no"),
            F("met_at", K.TEXT),
            F("met_through", K.TEXT),
            F("why", K.TEXT),
            F("channel", K.CHOICE, choices=CHANNELS),
        ),
    ),
    Section(
        "groups",
        (
            F("id", K.ID, required=True),
            F("name", K.TEXT, required=True),
            F("kind", K.CHOICE, choices=GROUP_KINDS),
        ),
    ),
    Section(
        "ties",
        (
            F("a", K.PERSON, required=True),
            F("b", K.PERSON, required=True),
            F("strength", K.INT, default="3", low=1, high=5),
            F("since", K.DATE),
            F("channel", K.CHOICE, choices=CHANNELS),
        ),
    ),
    Section(
        "referrals",
        (
            F("date", K.DATE, required=True),
            F("referrer", K.PERSON, required=True),
            F("referred", K.PERSON, required=True),
            F("member", K.MEMBER),
            F("note", K.TEXT),
        ),
    ),
    Section(
        "recommendations",
        (
            F("date", K.DATE, required=True),
            F("by", K.PERSON, required=True),
            F("member", K.MEMBER),
            F("channel", K.CHOICE, choices=CHANNELS),
            F("note", K.TEXT),
        ),
    ),
    Section(
        "invoices",
        (
            F("date", K.DATE, required=True),
            F("client", K.PERSON, required=True),
            F("amount", K.MONEY, required=True),
            F("member", K.MEMBER),
            F("currency", K.CURRENCY, default="EUR"),
            F("project", K.TEXT),
            F("number", K.TEXT),
        ),
    ),
    Section(
        "interactions",
        (
            F("date", K.DATE, required=True),
            F("contact", K.PERSON, required=True),
            F("kind", K.CHOICE, required=True, choices=INTERACTION_KINDS),
            F("member", K.MEMBER),
            F("note", K.TEXT),
        ),
    ),
    Section(
        "satisfaction",
        (
            F("date", K.DATE, required=True),
            F("client", K.PERSON, required=True),
            F("score", K.SCORE, required=True, low=0, high=10),
            F("member", K.MEMBER),
            F("question", K.CHOICE, default="satisfaction", choices=QUESTIONS),
        ),
    ),
    Section(
        "memberships",
        (
            F("person", K.PERSON, required=True),
            F("group", K.GROUP, required=True),
            F("since", K.DATE),
            F("until", K.DATE),
        ),
    ),
    Section(
        "exchanges",
        (
            F("date", K.DATE, required=True),
            F("from", K.PERSON, required=True),
            F("to", K.PERSON, required=True),
            F("kind", K.CHOICE, required=True, choices=EXCHANGE_KINDS),
        ),
    ),
)

SECTION_BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}
