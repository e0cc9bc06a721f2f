"""The words of the network page and the platform map, in English and Dutch.

The names of the four values come from the text report's catalogue
(:mod:`netgraph.output._messages`); only what the pages say besides is here. Both
catalogues have the same keys with the same ``{placeholders}`` (a test checks it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["NETWORK_WORDS", "groups", "network_words"]

_EN: Mapping[str, str] = {
    "title.member": "Network of {name}",
    "title.platform": "Platform map: {people} in {communities}",
    "search": "Search by name",
    "search.none": "Nobody with that name on this page",
    "color_by": "Colour by",
    "color.community": "community",
    "color.role": "role",
    "legend": "Legend",
    "legend.member": "you",
    "legend.community": "group {number} ({people})",
    "legend.other_communities": "other groups",
    "legend.tie": "tie (thicker: stronger)",
    "legend.chain": "referral chain (thicker: more revenue)",
    "legend.referral": "referral (dashed: on no chain listed)",
    "legend.size": "bigger: contributes more to your four values",
    "legend.size_value": "bigger: a larger part of your {value} value",
    "legend.platform_size": "bigger: more people",
    "legend.platform_edge": "ties between groups (thicker: more)",
    "role.client": "client",
    "role.prospect": "prospect",
    "role.partner": "partner",
    "role.peer": "peer",
    "role.supplier": "supplier",
    "role.other": "other",
    "role.": "no role given",
    "hint.member": "Hover over a person for details; click one to see their chains and "
    "what they brought.",
    "hint.platform": "Hover over a group for its size; click one to see its most central people.",
    "note.all": "Everyone within two steps of {name} is shown: {people}.",
    "note.capped": "Shown: {shown} of {total} people within two steps or on a chain; "
    "{left} left out (the least connected). Show more with --max-nodes {more}.",
    "note.platform_all": "Every group is shown: {communities}.",
    "note.platform_capped": "Shown: the {shown} largest of {communities} groups "
    "({people_shown} of {people} people); the rest are left out. Show more with "
    "--max-nodes {more}.",
    "tip.step": "1 step from {name}",
    "tip.steps": "{steps} steps from {name}",
    "tip.far": "on a referral chain, further than two steps",
    "tip.organisation": "organisation: {organisation}",
    "tip.role": "role: {role}",
    "tip.share": "{share} of your {value} value",
    "tip.community": "{people}; ties with other groups: {neighbours}",
    "panel.empty": "Click a person to see what they brought.",
    "panel.empty_platform": "Click a group to see its most central people.",
    "panel.as_client": "as a client: {amount}",
    "panel.as_referrer": "through the people they referred: {amount}",
    "panel.nothing": "no revenue credited to them in this period",
    "panel.chains": "Referral chains",
    "panel.no_chains": "not on any referral chain",
    "panel.chain": "{people}: {amount}",
    "panel.referred": "brought you: {names}",
    "panel.central": "Most central people",
    "unit.group": "1 group",
    "unit.groups": "{count} groups",
}

_NL: Mapping[str, str] = {
    "title.member": "Netwerk van {name}",
    "title.platform": "Platformkaart: {people} in {communities}",
    "search": "Zoek op naam",
    "search.none": "Niemand met die naam op deze pagina",
    "color_by": "Kleur naar",
    "color.community": "groep",
    "color.role": "rol",
    "legend": "Legenda",
    "legend.member": "jij",
    "legend.community": "groep {number} ({people})",
    "legend.other_communities": "overige groepen",
    "legend.tie": "contact (dikker: sterker)",
    "legend.chain": "aanbevelingsketen (dikker: meer omzet)",
    "legend.referral": "doorverwijzing (gestippeld: op geen getoonde keten)",
    "legend.size": "groter: draagt meer bij aan je vier waarden",
    "legend.size_value": "groter: een groter deel van je {value}",
    "legend.platform_size": "groter: meer mensen",
    "legend.platform_edge": "contacten tussen groepen (dikker: meer)",
    "role.client": "klant",
    "role.prospect": "prospect",
    "role.partner": "partner",
    "role.peer": "vakgenoot",
    "role.supplier": "leverancier",
    "role.other": "anders",
    "role.": "geen rol opgegeven",
    "hint.member": "Ga met je muis over iemand voor details; klik op iemand om te zien via "
    "welke ketens die persoon omzet bracht.",
    "hint.platform": "Ga met je muis over een groep voor de omvang; klik erop voor de "
    "mensen die er het meest centraal staan.",
    "note.all": "Iedereen binnen twee stappen van {name} staat erop: {people}.",
    "note.capped": "Op de kaart: {shown} van de {total} mensen binnen twee stappen of op "
    "een keten; {left} weggelaten (wie het minst verbonden is). Meer tonen kan met "
    "--max-nodes {more}.",
    "note.platform_all": "Alle groepen staan erop: {communities}.",
    "note.platform_capped": "Op de kaart: de {shown} grootste van {communities} groepen "
    "({people_shown} van {people} mensen); de rest is weggelaten. Meer tonen kan met "
    "--max-nodes {more}.",
    "tip.step": "1 stap van {name}",
    "tip.steps": "{steps} stappen van {name}",
    "tip.far": "op een aanbevelingsketen, verder dan twee stappen",
    "tip.organisation": "organisatie: {organisation}",
    "tip.role": "rol: {role}",
    "tip.share": "{share} van je {value}",
    "tip.community": "{people}; contacten met andere groepen: {neighbours}",
    "panel.empty": "Klik op iemand om te zien wat die persoon heeft opgeleverd.",
    "panel.empty_platform": "Klik op een groep voor de mensen die er het meest centraal staan.",
    "panel.as_client": "als klant: {amount}",
    "panel.as_referrer": "via de mensen die deze persoon doorverwees: {amount}",
    "panel.nothing": "in deze periode geen omzet aan deze persoon toegerekend",
    "panel.chains": "Aanbevelingsketens",
    "panel.no_chains": "staat op geen enkele aanbevelingsketen",
    "panel.chain": "{people}: {amount}",
    "panel.referred": "bracht je in contact met: {names}",
    "panel.central": "Wie er het meest centraal staat",
    "unit.group": "1 groep",
    "unit.groups": "{count} groepen",
}

NETWORK_WORDS: Mapping[str, Mapping[str, str]] = {"en": _EN, "nl": _NL}


def network_words(lang: str, key: str, /, **params: Any) -> str:
    """The page's text ``key`` in ``lang`` with its placeholders filled.

    Examples
    --------
    >>> network_words("nl", "title.member", name="Anna")
    'Netwerk van Anna'
    """
    return NETWORK_WORDS[lang][key].format(**params)


def groups(lang: str, count: int, number: str) -> str:
    """``count`` groups (communities), the count written as ``number``.

    Examples
    --------
    >>> groups("en", 1, "1"), groups("nl", 1200, "1.200")
    ('1 group', '1.200 groepen')
    """
    return network_words(lang, "unit.group" if count == 1 else "unit.groups", count=number)
