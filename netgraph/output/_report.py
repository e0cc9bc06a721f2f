"""The star report as text, in English or Dutch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._results import VALUE_KEYS, MemberReport, ValueScore

__all__ = ["LANGUAGES", "render_text"]

LANGUAGES = ("en", "nl")

_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Network value of {name} ({member}) as of {as_of}",
        "value": "Value",
        "score": "Score",
        "stars": "Stars",
        "acquisition": "Acquisition",
        "recommendation": "Recommendation",
        "financial": "Financial",
        "knowledge": "Knowledge",
        "who": "Who is behind it",
        "focus": "Focus points",
        "know_who_you_are": "Know who you are and what you stand for",
        "consistent_message": "Consistent message online and offline",
        "measure_satisfaction": "Measure client satisfaction",
        "be_part_of_groups": "Be part of groups",
        "help_others": "Be willing to help others",
        "strong": "strong",
        "fair": "fair",
        "weak": "weak",
        "no data": "no data",
        "acquisition_line": (
            "revenue {revenue} {currency} from {clients} clients; {network_share} came through "
            "the network; {pareto} of contacts bring {pareto_share} of it; largest client {largest}"
        ),
        "recommendation_line": (
            "{ambassadors} ambassadors ({referrers} referred, {recommenders} recommended, "
            "{promoters} promoters); NPS {nps}; reach {reach} new people; {chains} referral "
            "chains, longest {longest}"
        ),
        "financial_line": (
            "revenue {revenue} {currency} (previous window {previous}); {repeat} of {clients} "
            "clients came back; satisfaction asked of {checked}, attention given to {attention}; "
            "mean satisfaction {satisfaction}"
        ),
        "knowledge_line": (
            "{groups} active groups with {peers} peers; {given} exchanges given, {received} "
            "received ({mutual} of {partners} partners both ways); {communities} communities "
            "reached, effective size {size}"
        ),
    },
    "nl": {
        "title": "Netwerkwaarde van {name} ({member}) op {as_of}",
        "value": "Waarde",
        "score": "Score",
        "stars": "Sterren",
        "acquisition": "Aanbrengwaarde",
        "recommendation": "Aanbevelingswaarde",
        "financial": "Financiële waarde",
        "knowledge": "Kenniswaarde",
        "who": "Wie erachter zitten",
        "focus": "Aandachtspunten",
        "know_who_you_are": "Weet wie je bent en waar je voor staat",
        "consistent_message": "Wees consistent in je boodschap, online en offline",
        "measure_satisfaction": "Meet de tevredenheid van je klanten",
        "be_part_of_groups": "Maak deel uit van groepen",
        "help_others": "Wees bereid anderen te helpen",
        "strong": "sterk",
        "fair": "redelijk",
        "weak": "zwak",
        "no data": "geen gegevens",
        "acquisition_line": (
            "omzet {revenue} {currency} van {clients} klanten; {network_share} kwam via het "
            "netwerk; {pareto} van de contacten brengt {pareto_share} ervan; grootste klant "
            "{largest}"
        ),
        "recommendation_line": (
            "{ambassadors} ambassadeurs ({referrers} brachten iemand aan, {recommenders} bevalen "
            "aan, {promoters} promotors); NPS {nps}; bereik {reach} nieuwe mensen; {chains} "
            "aanbrengketens, langste {longest}"
        ),
        "financial_line": (
            "omzet {revenue} {currency} (vorige periode {previous}); {repeat} van {clients} "
            "klanten kwamen terug; tevredenheid gevraagd aan {checked}, attentie gegeven aan "
            "{attention}; gemiddelde tevredenheid {satisfaction}"
        ),
        "knowledge_line": (
            "{groups} actieve groepen met {peers} groepsgenoten; {given} uitwisselingen gegeven, "
            "{received} ontvangen ({mutual} van {partners} partners wederzijds); {communities} "
            "gemeenschappen bereikt, effectieve omvang {size}"
        ),
    },
}


def _percent(value: Any) -> str:
    return "-" if value is None else f"{100 * float(value):.0f}%"


def _number(value: Any, digits: int = 1) -> str:
    return "-" if value is None else f"{float(value):.{digits}f}"


def _stars(stars: int) -> str:
    return "★" * stars + "☆" * (5 - stars)


def _summary(value: ValueScore, words: Mapping[str, str]) -> str:
    n = value.numbers
    template = words[f"{value.key}_line"]
    if value.key == "acquisition":
        return template.format(
            revenue=n["revenue"],
            currency=n["currency"],
            clients=n["clients"],
            network_share=_percent(n["network_share"]),
            pareto=_percent(n["share_of_contacts_for_pareto_share"]),
            pareto_share=_percent(n["pareto_share"]),
            largest=_percent(n["largest_client_share"]),
        )
    if value.key == "recommendation":
        return template.format(
            ambassadors=n["ambassadors"],
            referrers=n["referrers"],
            recommenders=n["recommenders"],
            promoters=n["promoters"],
            nps=_number(n["nps"], 0),
            reach=n["reach"],
            chains=n["chains"],
            longest=n["longest_chain"],
        )
    if value.key == "financial":
        return template.format(
            revenue=n["revenue"],
            currency=n["currency"],
            previous=n["revenue_previous_window"],
            repeat=n["repeat_clients"],
            clients=n["clients"],
            checked=n["clients_checked"],
            attention=n["clients_with_attention"],
            satisfaction=_number(n["mean_satisfaction"]),
        )
    return template.format(
        groups=n["active_groups"],
        peers=n["peers_in_groups"],
        given=n["exchanges_given"],
        received=n["exchanges_received"],
        mutual=n["mutual_partners"],
        partners=n["exchange_partners"],
        communities=n["communities_reached"],
        size=_number(n["effective_size"]),
    )


def render_text(report: MemberReport, language: str = "en") -> str:
    """The report as a readable text: a star table, a line per value, the focus points.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> people = [{"id": "me", "name": "Anna", "member": "yes"}]
    >>> net = netgraph.network_from_dict({"people": people})
    >>> text = render_text(netgraph.score_member(net, as_of=date(2025, 1, 1)), "nl")
    >>> text.splitlines()[0]
    'Netwerkwaarde van Anna (me) op 2025-01-01'
    """
    words = _WORDS[language]
    lines = [
        words["title"].format(name=report.name, member=report.member, as_of=report.as_of),
        "",
    ]
    width = max(len(words[k]) for k in VALUE_KEYS) + 2
    lines.append(f"{words['value']:<{width}}{words['score']:>6}  {words['stars']}")
    for key in VALUE_KEYS:
        value = report.values[key]
        lines.append(
            f"{words[key]:<{width}}{value.score:>6.1f}  {_stars(value.stars)}  {value.stars}/5"
        )
    for key in VALUE_KEYS:
        value = report.values[key]
        lines += ["", f"{words[key]}: {_summary(value, words)}"]
        if value.contributors:
            lines.append(f"  {words['who']}:")
            for c in value.contributors:
                amount = f" {c.amount}" if c.amount is not None else ""
                lines.append(f"  - {c.name} ({c.id}){amount}, {_percent(c.share)}: {c.detail}")
        lines += [f"  ({note})" for note in value.notes]
    lines += ["", f"{words['focus']}:"]
    width = max(len(words[f.key]) for f in report.focus) + 2
    for point in report.focus:
        lines.append(f"  {words[point.key]:<{width}}{words[point.status]}")
    return "\n".join(lines) + "\n"
