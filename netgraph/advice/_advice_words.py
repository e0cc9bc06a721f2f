"""The words of the advice and of the what-if, in English and Dutch.

The names of the values come from the report's catalogue (:mod:`netgraph.output._messages`),
and so do the ways of writing dates, amounts and numbers; only what the advice says
beyond the report lives here. Both catalogues hold the same keys with the same
placeholders (a test checks it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..output._messages import Messages
from ..output._report import star_text
from ..scoring._acquisition import ONLINE_PLACES

if TYPE_CHECKING:
    from ._advise import Action, Advice, Reason
    from ._whatif import Change, WhatIf

__all__ = ["ADVICE_EN", "ADVICE_NL", "action_text", "reason_text", "render_advice", "render_whatif"]

Words = Mapping[str, str | tuple[str, str]]
_NAMES_SHOWN = 5  # names said in a line of text; the JSON has more

ADVICE_EN: Words = {
    "title": "Advice for {name} ({member}) as of {date}",
    "none": "No advice: nothing in the data calls for an action as of this date.",
    "kind.nurture": "nurture",
    "kind.aftercare": "aftercare",
    "kind.help_others": "help others",
    "kind.groups": "groups",
    "kind.business_cards": "business cards",
    # what to do
    "do.at_risk": "Get back in touch with {name}",
    "do.due": "Check in with {name}",
    "do.ended_unasked": "Ask {name} how the work went for them",
    "do.no_attention": "Give {name} some attention: a call, a visit or a small gift",
    "do.unreturned": "Do something in return for {name}",
    "do.join_group": "Join {group}",
    "do.quiet_group": "Be active in {group} again",
    "do.business_card": "Note why {name} matters to you, or let the contact go",
    # why
    "share": "contributes to your values: {shares}",
    "rhythm.learned": "usually in touch every {days} days (the median gap over {count} days "
    "in touch)",
    "rhythm.settings": (
        "only {count} day in touch, too few for a rhythm of your own, so the usual cadence "
        "for a {role} counts: every {days} days",
        "only {count} days in touch, too few for a rhythm of your own, so the usual cadence "
        "for a {role} counts: every {days} days",
    ),
    "rhythm.profile": "your own cadence for a {role}: every {days} days",
    "silence": "last in touch on {last}, {silent} days ago: {times} times that gap",
    "status.at_risk": "at risk: ties tend to fade after a silence of about {after} times "
    "their usual gap",
    "status.due": "due: silent for more than {after} times the usual gap",
    "invoices": ("1 invoice", "{count} invoices"),
    "ended_unasked": "{invoices} for {amount} in the past {months} months; last invoice on "
    "{last}, and no satisfaction question since {first}",
    "last_asked": " (last asked on {date})",
    "no_attention": "{amount} of revenue in the past {months} months, but no gift, visit, "
    "meeting or call in that time",
    "last_attention": " (the last on {date})",
    "referrals": ("1 referral", "{count} referrals"),
    "recommendations": ("1 recommendation", "{count} recommendations"),
    "advice": ("1 piece of advice or feedback", "{count} pieces of advice or feedback"),
    "and": "and",
    "helped.once": "{what} on {first}, and nothing given back since: no advice, feedback or "
    "gift from you",
    "helped.more": "{what} from {first} to {last}, and nothing given back since: no advice, "
    "feedback or gift from you",
    "peers": ("1 of your peers", "{count} of your peers"),
    "ambassadors": ("1 of your ambassadors", "{count} of your ambassadors"),
    "join_group": (
        "you are not a member, but {who} is: {names}",
        "you are not a member, but {who} are: {names}",
    ),
    "more": "{names} and {count} more",
    "member_since": "member since {date}",
    "member": "member",
    "quiet_group": (
        "{member}, with 1 fellow member, but in touch with nobody there in the past {months} "
        "months",
        "{member}, with {count} fellow members, but in touch with none of them in the past "
        "{months} months",
    ),
    "last_contact": " (the last time on {date})",
    "met.event": "met at {place}",
    "met.online": "found through {place}",
    "card.dated": "{met} on {date}; no note of why they matter, and no contact in the {weeks} "
    "weeks after",
    "card.undated": "{met}; no note of why they matter, and no contact since",
    "role.client": "client",
    "role.prospect": "prospect",
    "role.partner": "partner",
    "role.peer": "peer",
    "role.supplier": "supplier",
    "role.other": "contact",
    # what-if
    "whatif.title": "What if, for {name} ({member}) as of {date}",
    "whatif.changes": "Changes:",
    "whatif.value": "Value",
    "whatif.before": "Before",
    "whatif.after": "After",
    "whatif.change": "Change",
    "whatif.nothing": "(no change given)",
    "whatif.no_data": "not enough data",
    "change.tie": "a tie between {a} and {b}",
    "change.join": "you join {group}",
    "change.recommendation": "a recommendation by {by}",
    "change.invoice": "an invoice to {client} of {amount}",
}

ADVICE_NL: Words = {
    "title": "Advies voor {name} ({member}) per {date}",
    "none": "Geen advies: niets in de gegevens vraagt op deze datum om actie.",
    "kind.nurture": "onderhouden",
    "kind.aftercare": "nazorg",
    "kind.help_others": "anderen helpen",
    "kind.groups": "groepen",
    "kind.business_cards": "visitekaartjes",
    "do.at_risk": "Neem weer contact op met {name}",
    "do.due": "Laat weer eens van je horen bij {name}",
    "do.ended_unasked": "Vraag {name} hoe de samenwerking is bevallen",
    "do.no_attention": "Geef {name} aandacht: bel even, ga langs of stuur een kleine attentie",
    "do.unreturned": "Doe iets terug voor {name}",
    "do.join_group": "Word lid van {group}",
    "do.quiet_group": "Laat je weer zien bij {group}",
    "do.business_card": "Noteer waarom {name} belangrijk voor je is, of laat het contact los",
    "share": "draagt bij aan je waarden: {shares}",
    "rhythm.learned": "jullie hebben gewoonlijk om de {days} dagen contact (de mediaan over "
    "{count} contactmomenten)",
    "rhythm.settings": (
        "pas {count} contactmoment, te weinig voor een eigen ritme, dus geldt het gewone "
        "ritme voor een {role}: om de {days} dagen",
        "pas {count} contactmomenten, te weinig voor een eigen ritme, dus geldt het gewone "
        "ritme voor een {role}: om de {days} dagen",
    ),
    "rhythm.profile": "je eigen ritme voor een {role}: om de {days} dagen",
    "silence": "laatste contact op {last}, {silent} dagen geleden: {times} keer die tussenpoos",
    "status.at_risk": "dit contact dreigt te verwateren: een band verwatert vaak na een stilte "
    "van zo'n {after} keer de gewone tussenpoos",
    "status.due": "tijd voor contact: al langer stil dan {after} keer de gewone tussenpoos",
    "invoices": ("1 factuur", "{count} facturen"),
    "ended_unasked": "{invoices} voor {amount} in de afgelopen {months} maanden; laatste "
    "factuur op {last}, en sinds {first} niet gevraagd hoe tevreden de klant is",
    "last_asked": " (laatst gevraagd op {date})",
    "no_attention": "{amount} omzet in de afgelopen {months} maanden, maar in die tijd geen "
    "cadeautje, bezoek, afspraak of telefoontje",
    "last_attention": " (het laatste op {date})",
    "referrals": ("1 doorverwijzing", "{count} doorverwijzingen"),
    "recommendations": ("1 aanbeveling", "{count} aanbevelingen"),
    "advice": ("1 keer advies of feedback", "{count} keer advies of feedback"),
    "and": "en",
    "helped.once": "{what} op {first}, en sindsdien niets teruggedaan: geen advies, feedback "
    "of cadeautje van jou",
    "helped.more": "{what} tussen {first} en {last}, en sindsdien niets teruggedaan: geen "
    "advies, feedback of cadeautje van jou",
    "peers": ("1 van je vakgenoten", "{count} van je vakgenoten"),
    "ambassadors": ("1 van je ambassadeurs", "{count} van je ambassadeurs"),
    "join_group": (
        "je bent er geen lid van, maar {who} wel: {names}",
        "je bent er geen lid van, maar {who} wel: {names}",
    ),
    "more": "{names} en nog {count}",
    "member_since": "lid sinds {date}",
    "member": "lid",
    "quiet_group": (
        "{member}, met 1 ander lid, maar de afgelopen {months} maanden met niemand daar "
        "contact gehad",
        "{member}, met {count} andere leden, maar de afgelopen {months} maanden met geen van "
        "hen contact gehad",
    ),
    "last_contact": " (het laatst op {date})",
    "met.event": "ontmoet bij {place}",
    "met.online": "gevonden via {place}",
    "card.dated": "{met} op {date}; niet genoteerd waarom dit contact ertoe doet, en in de "
    "{weeks} weken daarna geen contact",
    "card.undated": "{met}; niet genoteerd waarom dit contact ertoe doet, en sindsdien geen "
    "contact",
    "role.client": "klant",
    "role.prospect": "prospect",
    "role.partner": "partner",
    "role.peer": "vakgenoot",
    "role.supplier": "leverancier",
    "role.other": "contact",
    "whatif.title": "Wat als, voor {name} ({member}) per {date}",
    "whatif.changes": "Veranderingen:",
    "whatif.value": "Waarde",
    "whatif.before": "Nu",
    "whatif.after": "Daarna",
    "whatif.change": "Verschil",
    "whatif.nothing": "(geen verandering opgegeven)",
    "whatif.no_data": "te weinig gegevens",
    "change.tie": "een band tussen {a} en {b}",
    "change.join": "je wordt lid van {group}",
    "change.recommendation": "een aanbeveling van {by}",
    "change.invoice": "een factuur aan {client} van {amount}",
}

CATALOGUES: Mapping[str, Words] = {"en": ADVICE_EN, "nl": ADVICE_NL}


class _Say:
    """The advice's words in one language, with the report's way of writing numbers."""

    def __init__(self, lang: str) -> None:
        self.words = CATALOGUES[lang]
        self.m = Messages(lang)

    def __call__(self, key: str, /, **params: Any) -> str:
        text = self.words[key]
        if not isinstance(text, str):
            text = text[0] if params.get("count") == 1 else text[1]
        return text.format(**params)

    def date(self, iso: str | None) -> str:
        return self.m.unknown() if iso is None else self.m.date(iso)

    def days(self, days: float) -> str:
        return self.m.mark(round(float(days), 1))

    def role(self, role: str | None) -> str:
        return self(f"role.{role}" if f"role.{role}" in self.words else "role.other")

    def count(self, key: str, count: int) -> str:
        return self(key, count=count)

    def listing(self, parts: Sequence[str]) -> str:
        if len(parts) <= 1:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} {self('and')} {parts[-1]}"

    def names(self, names: Sequence[str], total: int) -> str:
        shown = ", ".join(names)
        return (
            self("more", names=shown, count=self.m.integer(total - len(names)))
            if (total > len(names))
            else shown
        )


def reason_text(reason: Reason, lang: str = "en") -> str:
    """A reason in plain words, from its facts."""
    say, f = _Say(lang), reason.facts
    m = say.m
    if reason.kind == "nurture":
        shares = ", ".join(
            f"{m.say('value.' + key)} {m.percent(share)}" for key, share in f["contributes"].items()
        )
        days = say.days(f["rhythm_days"])
        count = f["days_in_touch"]
        rhythm = say(
            f"rhythm.{f['rhythm_source']}", days=days, count=count, role=say.role(f["role"])
        )
        silence = say(
            "silence",
            last=say.date(f["last_contact"]),
            silent=m.integer(f["silent_days"]),
            times=m.decimal(f["times_rhythm"]),
        )
        after = f["at_risk_after"] if reason.code == "at_risk" else f["due_after"]
        status = say(f"status.{reason.code}", after=m.mark(after))
        return f"{say('share', shares=shares)}; {rhythm}; {silence}; {status}"
    if reason.code == "ended_unasked":
        text = say(
            "ended_unasked",
            invoices=say.count("invoices", f["invoices"]),
            amount=m.money_text(f["revenue"], f["currency"]),
            months=m.integer(f["months"]),
            last=say.date(f["last_invoice"]),
            first=say.date(f["first_invoice"]),
        )
        asked = f["last_asked"]
        return text + (say("last_asked", date=say.date(asked)) if asked else "")
    if reason.code == "no_attention":
        text = say(
            "no_attention",
            amount=m.money_text(f["revenue"], f["currency"]),
            months=m.integer(f["months"]),
        )
        cared = f["last_attention"]
        return text + (say("last_attention", date=say.date(cared)) if cared else "")
    if reason.code == "unreturned":
        what = say.listing(
            [say.count(k, f[k]) for k in ("referrals", "recommendations", "advice") if f[k]]
        )
        once = f["first_help"] == f["last_help"]
        return say(
            "helped.once" if once else "helped.more",
            what=what,
            first=say.date(f["first_help"]),
            last=say.date(f["last_help"]),
        )
    if reason.code == "join_group":
        parts = [say.count(k, f[k]) for k in ("peers", "ambassadors") if f[k]]
        return say(
            "join_group",
            count=f["count"],
            who=say.listing(parts),
            names=say.names(list(f["names"][:_NAMES_SHOWN]), f["count"]),
        )
    if reason.code == "quiet_group":
        since = f["member_since"]
        member = say("member_since", date=say.date(since)) if since else say("member")
        text = say(
            "quiet_group",
            member=member,
            count=f["fellow_members"],
            months=m.integer(f["months"]),
        )
        last = f["last_contact"]
        return text + (say("last_contact", date=say.date(last)) if last else "")
    if reason.code == "business_card":
        place = f["met_at"]
        met = say("met.online" if place.casefold() in ONLINE_PLACES else "met.event", place=place)
        if f["met_on"]:
            return say("card.dated", met=met, date=say.date(f["met_on"]), weeks=f["weeks"])
        return say("card.undated", met=met)
    raise ValueError(f"no words for the reason {reason.code!r}")  # pragma: no cover


def action_text(action: Action, lang: str = "en") -> str:
    """What to do, in one line."""
    say = _Say(lang)
    name = action.people[0][1] if action.people else ""
    group = action.group[1] if action.group else ""
    return say(f"do.{action.reasons[0].code}", name=name, group=group)


def render_advice(advice: Advice, lang: str = "en") -> str:
    """The advice as text: a numbered list of actions, each with its reasons."""
    say = _Say(lang)
    lines = [
        say("title", name=advice.name, member=advice.member, date=say.date(advice.as_of)),
        "",
    ]
    if not advice.actions:
        lines.append(say("none"))
    for number, action in enumerate(advice.actions, 1):
        value = say.m.say(f"value.{action.value}")
        lines.append(f"{number}. {action.text(lang)}  [{value}; {say(f'kind.{action.kind}')}]")
        for reason in action.reasons:
            lines.append(f"   - {reason.text(lang)}")
    return "\n".join(lines) + "\n"


def change_text(
    change: Change,
    lang: str = "en",
    names: Mapping[str, str] | None = None,
    currency: str | None = None,
) -> str:
    """One change of a what-if in plain words, naming people and groups by ``names``."""
    say, names = _Say(lang), names or {}

    def named(key: str) -> str:
        return f"{names[key]} ({key})" if key in names else key

    if change.kind == "tie":
        return say("change.tie", a=named(change.subject), b=named(change.other))
    if change.kind == "join":
        return say("change.join", group=named(change.subject))
    if change.kind == "recommendation":
        return say("change.recommendation", by=named(change.subject))
    return say(
        "change.invoice",
        client=named(change.subject),
        amount=say.m.money_text(change.amount, currency),
    )


def render_whatif(whatif: WhatIf, lang: str = "en") -> str:
    """A what-if as text: the changes, then each value before and after."""
    say = _Say(lang)
    m = say.m
    before = whatif.before
    lines = [
        say("whatif.title", name=before.name, member=before.member, date=say.date(before.as_of))
    ]
    lines.append(say("whatif.changes"))
    currency = before.values["financial"].numbers.get("currency")
    lines += [f"  - {change_text(c, lang, whatif.names, currency)}" for c in whatif.changes] or [
        f"  {say('whatif.nothing')}"
    ]
    lines.append("")
    header = (say("whatif.value"), say("whatif.before"), say("whatif.after"), say("whatif.change"))
    rows = [header]
    for key, delta in whatif.deltas.items():

        def shown(score: float | None, stars: int | None) -> str:
            if score is None or stars is None:
                return say("whatif.no_data")
            return f"{m.decimal(score)} {star_text(stars)}"

        change = "" if delta.score is None else f"{'+' if delta.score >= 0 else ''}"
        change += "" if delta.score is None else m.decimal(delta.score)
        if delta.stars:
            change += f" ({'+' if delta.stars > 0 else ''}{delta.stars} ★)"
        rows.append(
            (
                m.say(f"value.{key}"),
                shown(delta.score_before, delta.stars_before),
                shown(delta.score_after, delta.stars_after),
                change,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"
