"""The words of the ``event`` advice in English and Dutch.

The names of the values, numbers, amounts, dates and a contributor's detail come from
:mod:`netgraph.output._messages`; this catalogue holds only what the event advice says
besides. Both languages have the same keys with the same ``{placeholders}``; a pair is
``(the form for a count of 1, the form for any other count)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..output._messages import Message, Messages

__all__ = ["EVENT_EN", "EVENT_NL", "EventWords"]

EVENT_EN: Mapping[str, Message] = {
    "title": "Whom to seek out at the event: {name} ({member}) as of {date}",
    "summary": (
        "{count} person on the list, {known} of them found in your data",
        "{count} people on the list, {known} of them found in your data",
    ),
    "no_picks": (
        "Nobody on the list is an ambassador, a client, reachable through a warm "
        "introduction or a door to a new circle: no one to seek out in particular."
    ),
    "matched.email": "matched by e-mail",
    "matched.name_organisation": "matched by name and organisation",
    "matched.initials_organisation": "matched by initials and organisation",
    "matched.name": "matched by name only",
    "matched.initials": "matched by initials only",
    "matched.name_other_organisation": "matched by name, but listed with another organisation",
    "matched.none": "not in your data yet",
    "sure": "{how}",
    "unsure": "{how}, not sure ({percent}): check that this is {known}",
    "listed_as": "listed as {listed}",
    "reason.ambassador": "an ambassador to thank: {detail}",
    "referred_revenue": "brought you clients worth {amount}",
    "reason.client": "a client to nurture: {amount} in the last {months} months ({detail})",
    "tip.ask_satisfaction": "ask how satisfied they are",
    "tip.give_attention": "give them some attention",
    "tip.thank_client": "thank them for the work together",
    "reason.prospect": (
        "reachable through a warm introduction: ask {via} to introduce you "
        "(the weakest tie on the way has strength {strength} of {most})"
    ),
    "reason.prospect_colleague": (
        "reachable through a warm introduction: ask {via}, who works at {organisation} "
        "too, to introduce you (the weakest tie on the way has strength {strength} of {most})"
    ),
    "reason.community": (
        "opens a circle you have no ties into yet (knows {people} you cannot reach through "
        "your contacts): your contacts without overlap would grow from {before} to {after} "
        "(+{growth})"
    ),
    "unit.people": ("{count} person", "{count} people"),
    "path": "path: {people}",
    "ambiguous": "Not sure who this is: {listed} could be {candidates}; not picked.",
    "ambiguous_many": (
        "Not sure who this is: {listed} could be any of {count} people in your data; not picked."
    ),
    "ambiguous_more": (
        "... and {count} more attendee who could be several people (see --format json)",
        "... and {count} more attendees who could be several people (see --format json)",
    ),
    "or": "or",
}

EVENT_NL: Mapping[str, Message] = {
    "title": "Wie je opzoekt op het evenement: {name} ({member}) op {date}",
    "summary": (
        "{count} persoon op de lijst, van wie {known} in je gegevens",
        "{count} mensen op de lijst, van wie {known} in je gegevens",
    ),
    "no_picks": (
        "Niemand op de lijst is een ambassadeur, een klant, via een warme introductie te "
        "bereiken of een ingang tot een nieuwe kring: niemand om speciaal op te zoeken."
    ),
    "matched.email": "herkend aan het e-mailadres",
    "matched.name_organisation": "herkend aan naam en organisatie",
    "matched.initials_organisation": "herkend aan voorletters en organisatie",
    "matched.name": "alleen herkend aan de naam",
    "matched.initials": "alleen herkend aan de voorletters",
    "matched.name_other_organisation": "herkend aan de naam, maar bij een andere organisatie",
    "matched.none": "nog niet in je gegevens",
    "sure": "{how}",
    "unsure": "{how}, niet zeker ({percent}): kijk of dit echt {known} is",
    "listed_as": "op de lijst als {listed}",
    "reason.ambassador": "een ambassadeur om te bedanken: {detail}",
    "referred_revenue": "bracht je klanten aan voor {amount}",
    "reason.client": (
        "een klant om te koesteren: {amount} in de afgelopen {months} maanden ({detail})"
    ),
    "tip.ask_satisfaction": "vraag hoe tevreden deze klant is",
    "tip.give_attention": "geef deze klant eens wat aandacht",
    "tip.thank_client": "bedank deze klant voor de samenwerking",
    "reason.prospect": (
        "via een warme introductie te bereiken: vraag {via} om je voor te stellen "
        "(de zwakste band onderweg heeft sterkte {strength} van {most})"
    ),
    "reason.prospect_colleague": (
        "via een warme introductie te bereiken: vraag {via}, die ook bij {organisation} "
        "werkt, om je voor te stellen (de zwakste band onderweg heeft sterkte {strength} "
        "van {most})"
    ),
    "reason.community": (
        "opent een kring waarin je nog niemand kent (kent {people} die je niet via je "
        "contacten bereikt): je contacten zonder overlap zouden groeien van {before} naar "
        "{after} (+{growth})"
    ),
    "unit.people": ("{count} persoon", "{count} mensen"),
    "path": "route: {people}",
    "ambiguous": "Niet zeker wie dit is: {listed} kan {candidates} zijn; niet gekozen.",
    "ambiguous_many": (
        "Niet zeker wie dit is: {listed} kan elk van {count} mensen in je gegevens zijn; "
        "niet gekozen."
    ),
    "ambiguous_more": (
        "... en nog {count} deelnemer die meerdere mensen kan zijn (zie --format json)",
        "... en nog {count} deelnemers die meerdere mensen kunnen zijn (zie --format json)",
    ),
    "or": "of",
}

_CATALOGUES = {"en": EVENT_EN, "nl": EVENT_NL}


class EventWords:
    """The event advice's words in one language, with :class:`Messages` for the rest.

    Examples
    --------
    >>> words = EventWords("nl")
    >>> words.say("unit.people", count=2)
    '2 mensen'
    >>> words.messages.money(790350, "EUR")
    '€ 7.903,50'
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.catalogue = _CATALOGUES[language]
        self.messages = Messages(language)

    def say(self, key: str, /, **params: Any) -> str:
        """The message ``key`` with its placeholders filled; whole numbers the language's way."""
        message = self.catalogue[key]
        if not isinstance(message, str):
            message = message[0] if params["count"] == 1 else message[1]
        shown = {
            name: self.messages.integer(value)
            if isinstance(value, int) and not isinstance(value, bool)
            else str(value)
            for name, value in params.items()
        }
        return message.format(**shown)
