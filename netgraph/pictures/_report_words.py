"""The words of the star report page and of the trend, in English and Dutch.

Only what the text report's catalogue (:mod:`netgraph.output._messages`) lacks is
here: the page's headings, the chart labels and the trend table. The names of the
values and focus points, the value lines, the evidence and the notes come from that
catalogue, so the page and the text report say the same things in the same words.

:class:`PageMessages` is the catalogue's :class:`~netgraph.output._messages.Messages`
with the page's way of writing money: whole euros, as people read them on paper
(``€117,687`` in English, ``€ 117.687`` in Dutch).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..output._messages import Message, Messages

__all__ = ["WORDS_EN", "WORDS_NL", "PageMessages"]

WORDS_EN: Mapping[str, Message] = {
    "money.EUR": "€{amount}",
    "money.other": "{currency} {amount}",
    "page.title": "Network value of {name}",
    "page.as_of": "as of {date}",
    "page.intro": (
        "Four values of your network, each from one to five stars: which part of your "
        "network brings your revenue, who recommends you, what your clients are worth with "
        "the care you give them, and where you find knowledge."
    ),
    "page.values": "The four values",
    "page.out_of": "out of 100",
    "page.stars": ("{count} of 5 stars", "{count} of 5 stars"),
    "page.who": "Who is behind it",
    "page.lorenz": "Who brings the revenue: the 80/20 view",
    "page.lorenz.reading": (
        "{contacts} of your contacts ({people}) bring {share} of the revenue of the last "
        "twelve months. The further the curve bends away from the diagonal, the more the "
        "revenue rests on a few people."
    ),
    "page.lorenz.none": "No revenue in the last twelve months, so there is no curve to draw.",
    "page.lorenz.x": "share of contacts, smallest contribution first",
    "page.lorenz.y": "share of revenue",
    "page.lorenz.equal": "everyone the same",
    "page.lorenz.point": "{contacts} of contacts: {share} of revenue",
    "page.trend": ("The values over the last quarter", "The values over the last {count} quarters"),
    "page.trend.months": (
        "The values over the last month",
        "The values over the last {count} months",
    ),
    "page.trend.caption": (
        "The same scoring on each date, with only what had happened by then. A grey band "
        "means there was not enough data on that date, not a low score."
    ),
    "page.trend.date": "Date",
    "page.trend.score": "score",
    "page.trend.stars": "stars",
    "page.chains": "Top ambassador chains",
    "page.chains.caption": (
        "Each row is a chain of referrals: who brought whom to you. The thicker the arrow, "
        "the more revenue came along the chain."
    ),
    "page.chains.none": "No referral chains yet: nobody has brought you a client on record.",
    "page.chains.revenue": "{revenue}",
    "page.focus.caption": "Where to invest next: what each point rests on, and one step to take.",
    "page.network": "Your network, to explore",
    "page.network.caption": (
        "Hover over a person to see who they are; click to light up their chains."
    ),
    "page.network.print": (
        "The interactive network is not printed; the chains picture above shows the same "
        "chains on paper."
    ),
    "page.network.missing": "The interactive network is not available in this installation.",
    "page.footer": "Made with netgraph {version} from the data up to {date}.",
    "month.short": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "page.trend.label": "{month} {year}",
    "trend.title": "Values of {name} ({member}) from {start} to {end}",
    "trend.date": "Date",
}

WORDS_NL: Mapping[str, Message] = {
    "money.EUR": "€ {amount}",
    "money.other": "{currency} {amount}",
    "page.title": "Netwerkwaarde van {name}",
    "page.as_of": "op {date}",
    "page.intro": (
        "Vier waarden van je netwerk, elk met één tot vijf sterren: welk deel van je netwerk "
        "je omzet brengt, wie je aanbeveelt, wat je klanten waard zijn met de zorg die je ze "
        "geeft, en waar je kennis haalt."
    ),
    "page.values": "De vier waarden",
    "page.out_of": "van de 100",
    "page.stars": ("{count} van de 5 sterren", "{count} van de 5 sterren"),
    "page.who": "Wie erachter zitten",
    "page.lorenz": "Wie de omzet brengt: de 80/20-regel",
    "page.lorenz.reading": (
        "{contacts} van je contacten ({people}) brengt {share} van de omzet van de afgelopen "
        "twaalf maanden op. Hoe verder de curve van de diagonaal afbuigt, hoe meer je omzet "
        "op een paar mensen leunt."
    ),
    "page.lorenz.none": "Geen omzet in de afgelopen twaalf maanden, dus geen curve om te tekenen.",
    "page.lorenz.x": "aandeel van je contacten, kleinste bijdrage eerst",
    "page.lorenz.y": "aandeel in de omzet",
    "page.lorenz.equal": "iedereen evenveel",
    "page.lorenz.point": "{contacts} van je contacten: {share} van de omzet",
    "page.trend": (
        "De waarden van het afgelopen kwartaal",
        "De waarden over de afgelopen {count} kwartalen",
    ),
    "page.trend.months": (
        "De waarden van de afgelopen maand",
        "De waarden over de afgelopen {count} maanden",
    ),
    "page.trend.caption": (
        "Steeds dezelfde berekening, met alleen wat er op die datum al gebeurd was. Een grijze "
        "band betekent dat er toen te weinig gegevens waren, geen lage score."
    ),
    "page.trend.date": "Datum",
    "page.trend.score": "score",
    "page.trend.stars": "sterren",
    "page.chains": "De sterkste ambassadeursketens",
    "page.chains.caption": (
        "Elke regel is een keten van doorverwijzingen: wie wie bij je bracht. Hoe dikker de "
        "pijl, hoe meer omzet er via die keten binnenkwam."
    ),
    "page.chains.none": (
        "Nog geen ketens van doorverwijzingen: niemand heeft je voor zover bekend een klant "
        "gebracht."
    ),
    "page.chains.revenue": "{revenue}",
    "page.focus.caption": (
        "Waar je het beste in investeert: waar elk punt op rust, en één stap die je kunt zetten."
    ),
    "page.network": "Je netwerk om te verkennen",
    "page.network.caption": (
        "Ga met de muis over iemand om te zien wie het is; klik op iemand om de ketens van die "
        "persoon te laten oplichten."
    ),
    "page.network.print": (
        "Het interactieve netwerk wordt niet afgedrukt; het plaatje met de ketens hierboven "
        "laat dezelfde ketens op papier zien."
    ),
    "page.network.missing": "Het interactieve netwerk is in deze installatie niet beschikbaar.",
    "page.footer": "Gemaakt met netgraph {version} op basis van de gegevens tot en met {date}.",
    "month.short": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    "page.trend.label": "{month} {year}",
    "trend.title": "Waarden van {name} ({member}) van {start} tot en met {end}",
    "trend.date": "Datum",
}

_WORDS: Mapping[str, Mapping[str, Message]] = {"en": WORDS_EN, "nl": WORDS_NL}


class PageMessages(Messages):
    """The text report's messages plus the page's words, with money in whole units.

    Examples
    --------
    >>> PageMessages("nl").money(11768700, "EUR"), PageMessages("en").money(11768700, "EUR")
    ('€ 117.687', '€117,687')
    >>> PageMessages("en").money(-120050, "USD"), PageMessages("nl").say("value.financial")
    ('USD -1,201', 'Financiële waarde')
    >>> PageMessages("nl").short_date(date(2026, 3, 1))
    'mrt 2026'
    """

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.catalogue = {**self.catalogue, **_WORDS[language]}

    def money(self, cents: int, currency: str | None) -> str:
        """An amount in whole units (half a unit rounds away from zero), with its currency."""
        sign = "-" if cents < 0 else ""
        whole = (abs(int(cents)) + 50) // 100
        amount = self.integer(whole)
        if currency is None:
            return f"{sign}{amount}"
        if currency == "EUR":
            return f"{sign}{self.say('money.EUR', amount=amount)}"
        return self.say("money.other", currency=currency, amount=f"{sign}{amount}")

    def short_date(self, day: date) -> str:
        """A date as a chart's axis shows it: ``Nov 2026``, ``mrt 2026``."""
        month = self.say("month.short").split()[day.month - 1]
        return self.say("page.trend.label", month=month, year=str(day.year))

    def stars_label(self, count: int) -> str:
        return self.say("page.stars", count=count)

    def words(self) -> Mapping[str, Any]:
        """The page's own words (for tests that both languages have the same)."""
        return _WORDS[self.language]
