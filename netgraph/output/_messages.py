"""Every word of the text report, in one catalogue per language, and how numbers are written.

:data:`EN` and :data:`NL` hold the same keys with the same ``{placeholders}``. An entry is
either one text or a pair ``(one, other)``: the form for a count of exactly 1 and the form
for every other count (0, 2, ...), the rule of both English and Dutch. A test checks that
both catalogues have every key, of the same kind, with the same placeholders.

:class:`Messages` says a catalogue's messages and writes numbers the way the language does:

========  ====================  ====================
          English               Dutch
========  ====================  ====================
amount    ``EUR 24,000.00``     ``€ 24.000,00``
other     ``USD 1,200.00``      ``USD 1.200,00``
decimal   ``8.6``               ``8,6``
whole     ``1,234``             ``1.234``
percent   ``43%``               ``43%``
date      ``1 November 2026``   ``1 november 2026``
========  ====================  ====================

An amount is the currency code, a space and the number with two decimals; Dutch writes the
euro as ``€``. :data:`PLAIN` is English as the JSON writes it: amounts as exact decimals
without a currency (``24000.00``), numbers without grouping. The JSON's contributor
``detail`` and ``notes`` are said by it, so they stay the English texts they always were.

A note of the scorer is a :class:`Note`: a key of this catalogue and its parameters, which
is also its English text (a ``str``), so that the JSON and every ``str`` use see the English
sentence while the text report says it in its own language.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

__all__ = [
    "CATALOGUES",
    "EN",
    "NL",
    "PLAIN",
    "Amount",
    "Message",
    "Messages",
    "Note",
    "placeholders",
]

Message = str | tuple[str, str]  # one text, or (the form for 1, the form for any other count)

EN: Mapping[str, Message] = {
    # how numbers are written
    "number.group": ",",
    "number.decimal": ".",
    "number.money": "{currency} {amount}",
    "number.percent": "{percent}%",
    "number.unknown": "unknown",
    "currency.EUR": "EUR",
    "date": "{day} {month} {year}",
    "month.1": "January",
    "month.2": "February",
    "month.3": "March",
    "month.4": "April",
    "month.5": "May",
    "month.6": "June",
    "month.7": "July",
    "month.8": "August",
    "month.9": "September",
    "month.10": "October",
    "month.11": "November",
    "month.12": "December",
    "yes": "yes",
    "no": "no",
    # the star table
    "title": "Network value of {name} ({member}) as of {date}",
    "table.value": "Value",
    "table.score": "Score",
    "table.stars": "Stars",
    "not_enough_data": "not enough data",
    "value.acquisition": "Acquisition",
    "value.recommendation": "Recommendation",
    "value.financial": "Financial",
    "value.knowledge": "Knowledge",
    "who": "Who is behind it (their share of this value)",
    # units
    "unit.clients": ("{count} client", "{count} clients"),
    "unit.people": ("{count} person", "{count} people"),
    # the line of each value
    "acquisition.revenue": (
        "revenue {revenue} from {count} client",
        "revenue {revenue} from {count} clients",
    ),
    "acquisition.network": "{share} came through the network",
    "acquisition.pareto": "{contacts} of your contacts bring {share} of it",
    "acquisition.largest": "the largest client brings {share}",
    "recommendation.ambassadors": ("{count} ambassador", "{count} ambassadors"),
    "recommendation.referrers": (
        "{count} brought someone to you",
        "{count} brought someone to you",
    ),
    "recommendation.recommenders": ("{count} recommended you", "{count} recommended you"),
    "recommendation.promoters": (
        "{count} enthusiastic client (promoter)",
        "{count} enthusiastic clients (promoters)",
    ),
    "recommendation.nps": (
        "net promoter score {nps} (the share of promoters minus the share of detractors)"
    ),
    "recommendation.reach": (
        "{count} person within reach through your ambassadors",
        "{count} people within reach through your ambassadors",
    ),
    "recommendation.chains": ("{count} chain of referrals", "{count} chains of referrals"),
    "recommendation.longest": ("the longest {count} step", "the longest {count} steps"),
    "financial.revenue": "revenue {revenue} (the period before: {previous})",
    "financial.repeat": "returning clients: {count} of {total}",
    "financial.checked": "satisfaction asked of {clients}",
    "financial.attention": "attention given to {clients}",
    "financial.satisfaction": "mean satisfaction {mark}",
    "knowledge.groups": (
        "active in {count} group with {peers}",
        "active in {count} groups with {peers}",
    ),
    "knowledge.peers": ("{count} fellow member", "{count} fellow members"),
    "knowledge.exchanges": (
        "{count} exchange of knowledge given, {received} received",
        "{count} exchanges of knowledge given, {received} received",
    ),
    "knowledge.mutual": "both ways with {mutual} of {people}",
    "knowledge.intervision": (
        "{count} intervision group (peers who talk through cases from their work together)",
        "{count} intervision groups (peers who talk through cases from their work together)",
    ),
    "knowledge.organisations": (
        "contacts at {count} organisation",
        "contacts at {count} organisations",
    ),
    "knowledge.size": "{size} contacts without overlap (people who do not already know each other)",
    # a contributor's detail, said from their facts (the JSON's detail is PLAIN English)
    "detail.client": "client",
    "detail.referrer": "referrer",
    "detail.client_and_referrer": "client ({as_client}) and referrer ({as_referrer})",
    "detail.referrals": ("{count} referral", "{count} referrals"),
    "detail.recommendations": ("{count} recommendation", "{count} recommendations"),
    "detail.would_recommend": "would recommend you: {mark} out of 10",
    "detail.invoices": ("{count} invoice", "{count} invoices"),
    "detail.financial": "{invoices}; satisfaction asked: {checked}; attention given: {attention}",
    "detail.knowledge": "gave {gave}, received {received}; shared groups: {shared}",
    # notes of the scorer (the JSON's notes are PLAIN English)
    "note.no_revenue": "no revenue in the window: nothing to attribute",
    "note.left_out_invoices": (
        "{count} invoice left out ({left_out}): it is not in {currency} and no exchange rate "
        "was given; add one under [netgraph.rates] in the settings file to count it",
        "{count} invoices left out ({left_out}): they are not in {currency} and no exchange "
        "rate was given; add one under [netgraph.rates] in the settings file to count them",
    ),
    "note.one_client": (
        "{percent}% of the revenue comes from one client ({client}): a risk if that client stops"
    ),
    "note.no_invoices_aftercare": "no invoices in the window: no revenue to look after",
    "note.no_marks": "no satisfaction marks in the window",
    "note.below_sufficient": (
        "{count} client gave a mark below {mark}: worth a conversation",
        "{count} clients gave a mark below {mark}: worth a conversation",
    ),
    "note.no_reach": (
        "reach left out: the data has no ties between your ambassadors and others, "
        "so it cannot show whom they reach"
    ),
    "note.detractors": (
        "{count} client would hardly recommend you ({mark} or lower out of 10): "
        "worth a conversation",
        "{count} clients would hardly recommend you ({mark} or lower out of 10): "
        "worth a conversation",
    ),
    "note.copied_invoices": (
        "{count} invoice row repeats another row exactly and is counted twice: remove it if "
        "it is a copy (netgraph check lists it)",
        "{count} invoice rows repeat another row exactly and are counted twice: remove them if "
        "they are copies (netgraph check lists them)",
    ),
    # why a value has no stars (not enough data)
    "note.thin_acquisition": (
        "no invoices yet: the data cannot show which part of the network brings revenue"
    ),
    "note.thin_financial": "no invoices yet: the data cannot show revenue and aftercare",
    "note.thin_recommendation": (
        "no referrals, recommendations or answers yet: the data cannot show who puts you forward"
    ),
    "note.thin_knowledge": (
        "no group memberships or knowledge exchanges yet: the data cannot show "
        "where you find knowledge"
    ),
    "note.no_groups": "no active group memberships",
    "note.no_exchanges": "no knowledge exchanges in the window",
    # focus points
    "focus": "Focus points",
    "focus.know_who_you_are": "Know who you are and what you stand for",
    "focus.consistent_message": "Consistent message online and offline",
    "focus.measure_satisfaction": "Measure client satisfaction",
    "focus.be_part_of_groups": "Be part of groups",
    "focus.help_others": "Be willing to help others",
    "status.strong": "strong",
    "status.fair": "fair",
    "status.weak": "weak",
    "status.no data": "no data",
    "status.self-assessment needed": "self-assessment needed",
    # what each focus point rests on, and one next step (assess: a profile is missing;
    # data: the data cannot show it; improve: weak or fair; keep: strong)
    "evidence.know_who_you_are": (
        "pitch written: {pitch}; target clients written: {target}; contacts with a why: "
        "{with_why} of {contacts}"
    ),
    "evidence.consistent_message": (
        "recommendations online: {online}, in your words: {online_echo}; "
        "offline: {offline}, in your words: {offline_echo}"
    ),
    "evidence.measure_satisfaction": "clients asked: {checked} of {clients}; answers: {marks}",
    "evidence.be_part_of_groups": "active groups: {groups}; fellow members: {peers}",
    "evidence.help_others": (
        "knowledge shared: {given}; received: {received}; introductions made: {introductions}"
    ),
    "next.label": "next step",
    "next.know_who_you_are.assess": (
        "write your pitch and your target clients in profile.toml beside your network"
    ),
    "next.know_who_you_are.improve": "note for each important contact why they matter",
    "next.know_who_you_are.keep": "keep your pitch and the why of your contacts up to date",
    "next.consistent_message.assess": (
        "write your pitch and the words you stand for in profile.toml beside your network"
    ),
    "next.consistent_message.data": "ask clients for a recommendation, online and offline",
    "next.consistent_message.improve": (
        "tell your story in the same words online and offline, so that others repeat it"
    ),
    "next.consistent_message.keep": "keep telling your story in the same words everywhere",
    "next.measure_satisfaction.data": (
        "record your invoices, and ask clients how satisfied they are"
    ),
    "next.measure_satisfaction.improve": "ask every client after a job how satisfied they were",
    "next.measure_satisfaction.keep": "keep asking after every job",
    "next.be_part_of_groups.data": "record the groups you belong to",
    "next.be_part_of_groups.improve": "join a group of peers, such as an intervision group",
    "next.be_part_of_groups.keep": "keep taking part in your groups",
    "next.help_others.data": "record the knowledge you share and the introductions you make",
    "next.help_others.improve": "offer someone in your network help or an introduction",
    "next.help_others.keep": "keep helping others",
}

NL: Mapping[str, Message] = {
    "number.group": ".",
    "number.decimal": ",",
    "number.money": "{currency} {amount}",
    "number.percent": "{percent}%",
    "number.unknown": "onbekend",
    "currency.EUR": "€",
    "date": "{day} {month} {year}",
    "month.1": "januari",
    "month.2": "februari",
    "month.3": "maart",
    "month.4": "april",
    "month.5": "mei",
    "month.6": "juni",
    "month.7": "juli",
    "month.8": "augustus",
    "month.9": "september",
    "month.10": "oktober",
    "month.11": "november",
    "month.12": "december",
    "yes": "ja",
    "no": "nee",
    "title": "Netwerkwaarde van {name} ({member}) op {date}",
    "table.value": "Waarde",
    "table.score": "Score",
    "table.stars": "Sterren",
    "not_enough_data": "te weinig gegevens",
    "value.acquisition": "Aanbrengwaarde",
    "value.recommendation": "Aanbevelingswaarde",
    "value.financial": "Financiële waarde",
    "value.knowledge": "Kenniswaarde",
    "who": "Wie erachter zitten (hun aandeel in deze waarde)",
    "unit.clients": ("{count} klant", "{count} klanten"),
    "unit.people": ("{count} persoon", "{count} personen"),
    "acquisition.revenue": (
        "omzet {revenue} van {count} klant",
        "omzet {revenue} van {count} klanten",
    ),
    "acquisition.network": "{share} kwam via het netwerk",
    "acquisition.pareto": "{contacts} van je contacten brengt {share} ervan op",
    "acquisition.largest": "de grootste klant is goed voor {share}",
    "recommendation.ambassadors": ("{count} ambassadeur", "{count} ambassadeurs"),
    "recommendation.referrers": ("{count} bracht iemand bij je", "{count} brachten iemand bij je"),
    "recommendation.recommenders": ("{count} beval je aan", "{count} bevalen je aan"),
    "recommendation.promoters": (
        "{count} enthousiaste klant (promotor)",
        "{count} enthousiaste klanten (promotors)",
    ),
    "recommendation.nps": (
        "netto aanbevelingsscore {nps} (het aandeel promotors min het aandeel criticasters)"
    ),
    "recommendation.reach": (
        "{count} persoon binnen bereik via je ambassadeurs",
        "{count} mensen binnen bereik via je ambassadeurs",
    ),
    "recommendation.chains": (
        "{count} keten van doorverwijzingen",
        "{count} ketens van doorverwijzingen",
    ),
    "recommendation.longest": ("de langste {count} stap", "de langste {count} stappen"),
    "financial.revenue": "omzet {revenue} (periode daarvoor: {previous})",
    "financial.repeat": "terugkerende klanten: {count} van {total}",
    "financial.checked": "tevredenheid gevraagd aan {clients}",
    "financial.attention": "attentie gegeven aan {clients}",
    "financial.satisfaction": "gemiddelde tevredenheid {mark}",
    "knowledge.groups": (
        "actief in {count} groep met {peers}",
        "actief in {count} groepen met {peers}",
    ),
    "knowledge.peers": ("{count} groepsgenoot", "{count} groepsgenoten"),
    "knowledge.exchanges": (
        "{count} keer kennis gedeeld, {received} keer kennis gekregen",
        "{count} keer kennis gedeeld, {received} keer kennis gekregen",
    ),
    "knowledge.mutual": "over en weer met {mutual} van {people}",
    "knowledge.intervision": (
        "{count} intervisiegroep (collega's die samen casussen uit hun werk bespreken)",
        "{count} intervisiegroepen (collega's die samen casussen uit hun werk bespreken)",
    ),
    "knowledge.organisations": (
        "contacten bij {count} organisatie",
        "contacten bij {count} organisaties",
    ),
    "knowledge.size": "{size} contacten zonder overlap (mensen die elkaar niet al kennen)",
    "detail.client": "klant",
    "detail.referrer": "aanbrenger",
    "detail.client_and_referrer": "klant ({as_client}) en aanbrenger ({as_referrer})",
    "detail.referrals": ("{count} doorverwijzing", "{count} doorverwijzingen"),
    "detail.recommendations": ("{count} aanbeveling", "{count} aanbevelingen"),
    "detail.would_recommend": "zou je aanbevelen: {mark} op 10",
    "detail.invoices": ("{count} factuur", "{count} facturen"),
    "detail.financial": (
        "{invoices}; tevredenheid gevraagd: {checked}; attentie gegeven: {attention}"
    ),
    "detail.knowledge": (
        "deelde {gave} keer kennis met jou, kreeg {received} keer kennis van jou; "
        "gemeenschappelijke groepen: {shared}"
    ),
    "note.no_revenue": "geen omzet in deze periode: er valt niets toe te rekenen",
    "note.left_out_invoices": (
        "{count} factuur niet meegeteld ({left_out}): die is niet in {currency} en er is geen "
        "wisselkoers opgegeven; zet er een onder [netgraph.rates] in het instellingenbestand "
        "om hem mee te tellen",
        "{count} facturen niet meegeteld ({left_out}): die zijn niet in {currency} en er is "
        "geen wisselkoers opgegeven; zet er een onder [netgraph.rates] in het "
        "instellingenbestand om ze mee te tellen",
    ),
    "note.one_client": (
        "{percent}% van de omzet komt van één klant ({client}): een risico als die klant stopt"
    ),
    "note.no_invoices_aftercare": "geen facturen in deze periode: geen omzet om na te zorgen",
    "note.no_marks": "geen tevredenheidscijfers in deze periode",
    "note.below_sufficient": (
        "{count} klant gaf een cijfer onder de {mark}: de moeite waard om over te praten",
        "{count} klanten gaven een cijfer onder de {mark}: de moeite waard om over te praten",
    ),
    "note.no_reach": (
        "bereik niet meegeteld: de gegevens tonen geen banden tussen je ambassadeurs en "
        "anderen, dus ook niet wie zij bereiken"
    ),
    "note.detractors": (
        "{count} klant zou je nauwelijks aanbevelen (een {mark} of lager op 10): "
        "de moeite waard om over te praten",
        "{count} klanten zouden je nauwelijks aanbevelen (een {mark} of lager op 10): "
        "de moeite waard om over te praten",
    ),
    "note.copied_invoices": (
        "{count} factuurregel is precies gelijk aan een andere en telt dubbel: haal hem weg "
        "als het een kopie is (netgraph check noemt hem)",
        "{count} factuurregels zijn precies gelijk aan een andere en tellen dubbel: haal ze "
        "weg als het kopieën zijn (netgraph check noemt ze)",
    ),
    "note.thin_acquisition": (
        "nog geen facturen: de gegevens kunnen niet laten zien welk deel van het netwerk "
        "omzet brengt"
    ),
    "note.thin_financial": "nog geen facturen: de gegevens kunnen omzet en nazorg niet laten zien",
    "note.thin_recommendation": (
        "nog geen doorverwijzingen, aanbevelingen of antwoorden: de gegevens kunnen niet laten "
        "zien wie je aanbeveelt"
    ),
    "note.thin_knowledge": (
        "nog geen groepslidmaatschappen of kennisuitwisselingen: de gegevens kunnen niet laten "
        "zien waar je kennis vindt"
    ),
    "note.no_groups": "geen actief lidmaatschap van een groep",
    "note.no_exchanges": "geen kennisuitwisseling in deze periode",
    "focus": "Aandachtspunten",
    "focus.know_who_you_are": "Weet wie je bent en waar je voor staat",
    "focus.consistent_message": "Wees consistent in je boodschap, online en offline",
    "focus.measure_satisfaction": "Meet de tevredenheid van je klanten",
    "focus.be_part_of_groups": "Maak deel uit van groepen",
    "focus.help_others": "Wees bereid anderen te helpen",
    "status.strong": "sterk",
    "status.fair": "redelijk",
    "status.weak": "zwak",
    "status.no data": "geen gegevens",
    "status.self-assessment needed": "eigen beschrijving nodig",
    "evidence.know_who_you_are": (
        "pitch opgeschreven: {pitch}; doelgroep opgeschreven: {target}; contacten met een "
        "waarom: {with_why} van {contacts}"
    ),
    "evidence.consistent_message": (
        "aanbevelingen online: {online}, in jouw woorden: {online_echo}; "
        "offline: {offline}, in jouw woorden: {offline_echo}"
    ),
    "evidence.measure_satisfaction": (
        "klanten gevraagd: {checked} van {clients}; antwoorden: {marks}"
    ),
    "evidence.be_part_of_groups": "actieve groepen: {groups}; groepsgenoten: {peers}",
    "evidence.help_others": (
        "kennis gedeeld: {given}; gekregen: {received}; mensen in contact gebracht: {introductions}"
    ),
    "next.label": "volgende stap",
    "next.know_who_you_are.assess": (
        "schrijf je pitch en je doelgroep op in profile.toml naast je netwerk"
    ),
    "next.know_who_you_are.improve": "noteer bij elk belangrijk contact waarom die ertoe doet",
    "next.know_who_you_are.keep": "houd je pitch en het waarom van je contacten bij",
    "next.consistent_message.assess": (
        "schrijf je pitch en de woorden waar je voor staat op in profile.toml naast je netwerk"
    ),
    "next.consistent_message.data": "vraag klanten om een aanbeveling, online en offline",
    "next.consistent_message.improve": (
        "vertel je verhaal online en offline in dezelfde woorden, zodat anderen het herhalen"
    ),
    "next.consistent_message.keep": "blijf je verhaal overal in dezelfde woorden vertellen",
    "next.measure_satisfaction.data": (
        "leg je facturen vast en vraag klanten hoe tevreden ze zijn"
    ),
    "next.measure_satisfaction.improve": "vraag elke klant na een opdracht hoe tevreden die was",
    "next.measure_satisfaction.keep": "blijf het na elke opdracht vragen",
    "next.be_part_of_groups.data": "leg vast bij welke groepen je hoort",
    "next.be_part_of_groups.improve": (
        "sluit je aan bij een groep vakgenoten, zoals een intervisiegroep"
    ),
    "next.be_part_of_groups.keep": "blijf actief in je groepen",
    "next.help_others.data": (
        "leg vast welke kennis je deelt en wie je met elkaar in contact brengt"
    ),
    "next.help_others.improve": "bied iemand in je netwerk hulp of een introductie aan",
    "next.help_others.keep": "blijf anderen helpen",
}

CATALOGUES: Mapping[str, Mapping[str, Message]] = {"en": EN, "nl": NL}


def placeholders(message: Message) -> frozenset[str]:
    """The names of a message's ``{placeholders}`` (of both forms of a pair).

    Examples
    --------
    >>> sorted(placeholders(EN["acquisition.revenue"]))
    ['count', 'revenue']
    """
    forms = (message,) if isinstance(message, str) else message
    return frozenset(
        name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name
    )


class Amount(NamedTuple):
    """A sum of money as a parameter of a message: cents and a currency code.

    Examples
    --------
    >>> Amount.parse("USD 900.00"), Amount.parse("-12.5")
    (Amount(cents=90000, currency='USD'), Amount(cents=-1250, currency=None))
    """

    cents: int
    currency: str | None

    @classmethod
    def parse(cls, text: str) -> Amount:
        """``"USD 900.00"`` (a code, a space, an exact decimal) or a bare decimal."""
        code, _, number = text.strip().rpartition(" ")
        return cls(int(Decimal(number) * 100), code or None)


class Messages:
    """The messages of one language, and its way of writing numbers.

    ``plain`` writes numbers as the JSON does (for :data:`PLAIN`).

    Examples
    --------
    >>> nl = Messages("nl")
    >>> nl.money(2400000, "EUR"), nl.money(120000, "USD"), nl.decimal(8.55), nl.percent(0.43)
    ('€ 24.000,00', 'USD 1.200,00', '8,6', '43%')
    >>> nl.say("unit.clients", count=1), nl.say("unit.clients", count=0)
    ('1 klant', '0 klanten')
    >>> Messages("en").money(2400000, "EUR"), PLAIN.money(2400000, "EUR")
    ('EUR 24,000.00', '24000.00')
    """

    def __init__(self, language: str, *, plain: bool = False) -> None:
        self.language = language
        self.catalogue = CATALOGUES[language]
        self.plain = plain

    def say(self, key: str, /, **params: Any) -> str:
        """The message ``key`` with its placeholders filled.

        A pair's form is chosen by ``count``. Whole numbers, decimals and ``None``
        (unknown) are written the language's way; text is put in as it is.
        """
        message = self.catalogue[key]
        if not isinstance(message, str):
            message = message[0] if params["count"] == 1 else message[1]
        return message.format(**{name: self._put(value) for name, value in params.items()})

    def has(self, key: str) -> bool:
        return key in self.catalogue

    def _put(self, value: Any) -> str:
        if value is None:
            return self.unknown()
        if isinstance(value, bool):
            return self.yes_no(value)
        if isinstance(value, int):
            return self.integer(value)
        if isinstance(value, float):
            return self.mark(value)
        if isinstance(value, Amount):
            return self.amount(value)
        if isinstance(value, tuple) and all(isinstance(v, Amount) for v in value):
            return "; ".join(self.amount(v) for v in value)
        return str(value)

    def unknown(self) -> str:
        return "-" if self.plain else self.say("number.unknown")

    def yes_no(self, flag: bool) -> str:
        return self.say("yes" if flag else "no")

    def _digits(self, text: str, group: bool) -> str:
        """``text`` (``-1234.5``, English style) written with this language's signs."""
        if self.plain:
            return text
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, fraction = text.partition(".")
        if group:
            whole = f"{int(whole):,}".replace(",", "\0")
            whole = whole.replace("\0", str(self.catalogue["number.group"]))
        point = str(self.catalogue["number.decimal"])
        return sign + whole + (point + fraction if fraction else "")

    def integer(self, value: int) -> str:
        return self._digits(str(int(value)), group=True)

    def decimal(self, value: float | None, digits: int = 1) -> str:
        if value is None or value != value:
            return self.unknown()
        return self._digits(f"{round(float(value), digits) + 0.0:.{digits}f}", group=True)

    def mark(self, value: float) -> str:
        """A mark on a 0-10 scale as short as it is exact (``9``, ``8.5``)."""
        return self._digits(f"{float(value):g}", group=False)

    def percent(self, share: float | None) -> str:
        if share is None or share != share:
            return self.unknown()
        return self.say("number.percent", percent=f"{100 * float(share):.0f}")

    def money(self, cents: int, currency: str | None) -> str:
        """An amount in cents, with its currency code (left out where ``None``)."""
        sign = "-" if cents < 0 else ""
        whole, fraction = divmod(abs(int(cents)), 100)
        amount = self._digits(f"{sign}{whole}.{fraction:02d}", group=True)
        if self.plain or currency is None:
            return amount
        key = f"currency.{currency}"
        symbol = str(self.catalogue[key]) if key in self.catalogue else currency
        return self.say("number.money", currency=symbol, amount=amount)

    def amount(self, amount: Amount) -> str:
        """An :class:`Amount`: with its currency code, in every language and in the JSON."""
        if self.plain:
            return f"{amount.currency} {self.money(amount.cents, None)}"
        return self.money(amount.cents, amount.currency)

    def money_text(self, amount: str | None, currency: str | None) -> str:
        """An amount given as exact decimal text (``"24000.00"``), as :meth:`money` writes it."""
        if amount is None:
            return self.unknown()
        return self.money(int(Decimal(amount) * 100), currency)

    def date(self, iso: str) -> str:
        """An ISO date (``2026-11-01``) written out; ISO text it cannot read stays as it is."""
        try:
            day = date.fromisoformat(iso)
        except ValueError:
            return iso
        return self.say(
            "date", day=str(day.day), month=self.say(f"month.{day.month}"), year=str(day.year)
        )

    def note(self, note: str) -> str:
        """A note in this language: a :class:`Note` by its key, any other text as it is."""
        if isinstance(note, Note):
            return self.say(note.key, **note.params)
        key = _ENGLISH_NOTES.get(note)
        return note if key is None else self.say(key)

    def detail(self, key: str, facts: Mapping[str, Any], currency: str | None = None) -> str:
        """The line that explains a contributor of the value ``key``, from their facts."""
        return _DETAILS[key](self, facts, currency)


def _acquisition_detail(m: Messages, facts: Mapping[str, Any], currency: str | None) -> str:
    as_client, as_referrer = facts["as_client"], facts["as_referrer"]
    if as_client and as_referrer:
        return m.say(
            "detail.client_and_referrer",
            as_client=m.money(as_client, currency),
            as_referrer=m.money(as_referrer, currency),
        )
    return m.say("detail.client" if as_client else "detail.referrer")


def _recommendation_detail(m: Messages, facts: Mapping[str, Any], currency: str | None) -> str:
    parts = []
    if facts["referrals"]:
        parts.append(m.say("detail.referrals", count=facts["referrals"]))
    if facts["recommendations"]:
        parts.append(m.say("detail.recommendations", count=facts["recommendations"]))
    if facts["would_recommend"] is not None:
        parts.append(m.say("detail.would_recommend", mark=m.mark(facts["would_recommend"])))
    return ", ".join(parts)


def _financial_detail(m: Messages, facts: Mapping[str, Any], currency: str | None) -> str:
    return m.say(
        "detail.financial",
        invoices=m.say("detail.invoices", count=facts["invoices"]),
        checked=m.yes_no(bool(facts["checked"])),
        attention=m.yes_no(bool(facts["attention"])),
    )


def _knowledge_detail(m: Messages, facts: Mapping[str, Any], currency: str | None) -> str:
    return m.say(
        "detail.knowledge",
        gave=facts["gave"],
        received=facts["received"],
        shared=facts["shared_groups"],
    )


# a contributor's detail per value, said from the contributor's facts
_DETAILS: Mapping[str, Callable[[Messages, Mapping[str, Any], str | None], str]] = {
    "acquisition": _acquisition_detail,
    "recommendation": _recommendation_detail,
    "financial": _financial_detail,
    "knowledge": _knowledge_detail,
}


PLAIN = Messages("en", plain=True)
# the English text of each note without parameters, for a note given as plain text
_ENGLISH_NOTES = {
    text: key
    for key, text in EN.items()
    if key.startswith("note.") and isinstance(text, str) and not placeholders(text)
}


class Note(str):
    """A note of the scorer: a catalogue key (``note.`` left off) and its parameters.

    It is its English text too, so it can stand wherever a ``str`` note stands (the
    JSON, ``in`` tests); :meth:`Messages.note` says it in another language.

    Examples
    --------
    >>> note = Note("below_sufficient", count=1, mark=5.5)
    >>> str(note)
    '1 client gave a mark below 5.5: worth a conversation'
    >>> Messages("nl").note(note)
    '1 klant gaf een cijfer onder de 5,5: de moeite waard om over te praten'
    """

    key: str
    params: Mapping[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Note:
        full = f"note.{key}"
        note = super().__new__(cls, PLAIN.say(full, **params))
        object.__setattr__(note, "key", full)
        object.__setattr__(note, "params", MappingProxyType(dict(params)))
        return note

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Note cannot be changed")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_note, (self.key.removeprefix("note."), dict(self.params)))

    def __repr__(self) -> str:  # plain data: it shows as the English text it is
        return str.__repr__(self)


def _note(key: str, params: dict[str, Any]) -> Note:
    return Note(key, **params)
