"""The star report as text, in English or Dutch.

Every word comes from the language's catalogue in :mod:`netgraph.output._messages`,
and every number is written the language's way (``€ 24.000,00`` and ``8,6`` in Dutch).
A value whose data is too thin (``stars`` is ``None``) says so instead of showing stars.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ._columns import NUMBERS
from ._messages import CATALOGUES, Messages
from ._results import VALUE_KEYS, Contributor, FocusPoint, MemberReport, ValueScore

__all__ = [
    "LANGUAGES",
    "DeclaredNumbers",
    "focus_evidence",
    "focus_next_step",
    "render_text",
    "star_text",
    "value_clauses",
]

LANGUAGES = tuple(CATALOGUES)


def star_text(stars: int) -> str:
    """Stars as text: ``star_text(3)`` is ``'★★★☆☆'``."""
    return "★" * stars + "☆" * (5 - stars)


class DeclaredNumbers(Mapping[str, Any]):
    """A value's numbers, read only by the names :data:`NUMBERS` declares for it.

    A name the value does not declare is a mistake in this module (a clause that
    would silently never show), so it raises instead of reading as missing.

    Examples
    --------
    >>> numbers = DeclaredNumbers("financial", {"revenue": "10.00"})
    >>> numbers.get("revenue"), numbers.get("clients")
    ('10.00', None)
    >>> misspelt = "revenu"
    >>> numbers.get(misspelt)
    Traceback (most recent call last):
    ...
    KeyError: "financial declares no number 'revenu'"
    """

    def __init__(self, value: str, numbers: Mapping[str, Any]) -> None:
        self._declared = {number.name for number in NUMBERS[value]}
        self._value = value
        self._numbers = numbers

    def declares(self, name: str) -> bool:
        """Whether the value has a number of this name at all."""
        return name in self._declared

    def _check(self, name: object) -> None:
        if name not in self._declared:
            raise KeyError(f"{self._value} declares no number {name!r}")

    def __getitem__(self, name: str) -> Any:
        self._check(name)
        return self._numbers[name]

    def __contains__(self, name: object) -> bool:
        self._check(name)
        return name in self._numbers

    def get(self, name: str, default: Any = None) -> Any:
        self._check(name)
        return self._numbers.get(name, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


def _known(numbers: Mapping[str, Any], *names: str) -> bool:
    """Whether the value has every one of these numbers, and knows them."""
    return all(numbers.get(name) is not None for name in names)


def _acquisition(n: Mapping[str, Any], m: Messages) -> list[str]:
    currency = n.get("currency")
    out = []
    if _known(n, "revenue", "clients"):
        revenue = m.money_text(n["revenue"], currency)
        out.append(m.say("acquisition.revenue", revenue=revenue, count=n["clients"]))
    if _known(n, "network_share"):
        out.append(m.say("acquisition.network", share=m.percent(n["network_share"])))
    if _known(n, "share_of_contacts_for_pareto_share", "pareto_share"):
        out.append(
            m.say(
                "acquisition.pareto",
                contacts=m.percent(n["share_of_contacts_for_pareto_share"]),
                share=m.percent(n["pareto_share"]),
            )
        )
    if _known(n, "largest_client_share"):
        out.append(m.say("acquisition.largest", share=m.percent(n["largest_client_share"])))
    return out


def _recommendation(n: Mapping[str, Any], m: Messages) -> list[str]:
    out = []
    if _known(n, "ambassadors"):
        who = [
            m.say(f"recommendation.{name}", count=n[name])
            for name in ("referrers", "recommenders", "promoters")
            if _known(n, name)
        ]
        ambassadors = m.say("recommendation.ambassadors", count=n["ambassadors"])
        out.append(f"{ambassadors}: {', '.join(who)}" if who else ambassadors)
    if "nps" in n:
        nps = None if n["nps"] is None else m.decimal(n["nps"], 0)
        out.append(m.say("recommendation.nps", nps=nps))
    if _known(n, "reach"):
        out.append(m.say("recommendation.reach", count=n["reach"]))
    if _known(n, "chains"):
        chains = m.say("recommendation.chains", count=n["chains"])
        if n["chains"] and _known(n, "longest_chain"):
            chains += ", " + m.say("recommendation.longest", count=n["longest_chain"])
        out.append(chains)
    return out


def _financial(n: Mapping[str, Any], m: Messages) -> list[str]:
    currency = n.get("currency")
    out = []
    if _known(n, "revenue"):
        revenue = m.money_text(n["revenue"], currency)
        previous = m.money_text(n.get("revenue_previous_window"), currency)
        out.append(m.say("financial.revenue", revenue=revenue, previous=previous))
    if _known(n, "repeat_clients", "clients"):
        out.append(m.say("financial.repeat", count=n["repeat_clients"], total=n["clients"]))
    for name, key in (("clients_checked", "checked"), ("clients_with_attention", "attention")):
        if _known(n, name):
            clients = m.say("unit.clients", count=n[name])
            out.append(m.say(f"financial.{key}", clients=clients))
    if "mean_satisfaction" in n:
        out.append(m.say("financial.satisfaction", mark=m.decimal(n["mean_satisfaction"])))
    return out


def _knowledge(n: Mapping[str, Any], m: Messages) -> list[str]:
    out = []
    if _known(n, "active_groups", "peers_in_groups"):
        peers = m.say("knowledge.peers", count=n["peers_in_groups"])
        out.append(m.say("knowledge.groups", count=n["active_groups"], peers=peers))
    if n.get("intervision_groups"):
        out.append(m.say("knowledge.intervision", count=n["intervision_groups"]))
    if _known(n, "exchanges_given", "exchanges_received"):
        given = m.say(
            "knowledge.exchanges", count=n["exchanges_given"], received=n["exchanges_received"]
        )
        if _known(n, "mutual_partners", "exchange_partners") and n["exchange_partners"]:
            people = m.say("unit.people", count=n["exchange_partners"])
            given += f" ({m.say('knowledge.mutual', mutual=n['mutual_partners'], people=people)})"
        out.append(given)
    if _known(n, "organisations_reached"):
        out.append(m.say("knowledge.organisations", count=n["organisations_reached"]))
    if "effective_size" in n:
        out.append(m.say("knowledge.size", size=m.decimal(n["effective_size"])))
    return out


# the clauses of each value's line, made from the numbers the value has
_LINES: Mapping[str, Callable[[Mapping[str, Any], Messages], list[str]]] = {
    "acquisition": _acquisition,
    "recommendation": _recommendation,
    "financial": _financial,
    "knowledge": _knowledge,
}


def value_clauses(value: ValueScore, m: Messages) -> list[str]:
    """The clauses of a value's line in the report, made from the numbers it has."""
    return _LINES[value.key](DeclaredNumbers(value.key, value.numbers), m)


def _contributor(value: ValueScore, person: Contributor, m: Messages) -> str:
    numbers = DeclaredNumbers(value.key, value.numbers)
    currency = numbers.get("currency") if numbers.declares("currency") else None
    amount = "" if person.amount is None else f" {m.money_text(person.amount, currency)}"
    try:
        detail = m.detail(value.key, person.facts, currency)
    except KeyError:  # facts this version cannot say: the English detail as it is
        detail = person.detail
    line = f"  - {person.name} ({person.id}){amount}, {m.percent(person.share)}"
    return f"{line}: {detail}" if detail else line


def _said(m: Messages, prefix: str, key: str) -> str:
    """A name from the catalogue; a key it does not know yet as it is."""
    return m.say(f"{prefix}.{key}") if m.has(f"{prefix}.{key}") else key


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
    'Netwerkwaarde van Anna (me) op 1 januari 2025'
    """
    m = Messages(language)
    title = m.say("title", name=report.name, member=report.member, date=m.date(report.as_of))
    lines = [title, ""]
    names = {key: _said(m, "value", key) for key in VALUE_KEYS}
    width = max(len(name) for name in names.values()) + 2
    header = m.say("table.value"), m.say("table.score"), m.say("table.stars")
    lines.append(f"{header[0]:<{width}}{header[1]:>6}  {header[2]}")
    for key in VALUE_KEYS:
        value = report.values[key]
        stars, score = getattr(value, "stars", None), getattr(value, "score", None)
        if stars is None or score is None:
            lines.append(f"{names[key]:<{width}}{'-':>6}  {m.say('not_enough_data')}")
        else:
            shown = f"{m.decimal(score):>6}  {star_text(stars)}  {stars}/5"
            lines.append(f"{names[key]:<{width}}{shown}")
    for key in VALUE_KEYS:
        value = report.values[key]
        if getattr(value, "stars", None) is None:  # no line of zeros that looks like a result
            line = m.say("not_enough_data")
        else:
            line = "; ".join(value_clauses(value, m))
        lines += ["", f"{names[key]}: {line}"]
        reason = getattr(value, "reason", None)
        if reason:
            lines.append(f"  ({m.note(reason)})")
        if value.contributors:
            lines.append(f"  {m.say('who')}:")
            lines += [_contributor(value, person, m) for person in value.contributors]
        lines += [f"  ({m.note(note)})" for note in value.notes]
    lines += ["", f"{m.say('focus')}:"]
    points = [(_said(m, "focus", p.key), _said(m, "status", p.status)) for p in report.focus]
    width = max((len(point) for point, _ in points), default=0) + 2
    for point, (name, status) in zip(report.focus, points, strict=True):
        lines.append(f"  {name:<{width}}{status}")
        evidence = focus_evidence(point, m)
        if evidence:
            lines.append(f"    {evidence}")
        step = focus_next_step(point, m)
        if step:
            lines.append(f"    {m.say('next.label')}: {step}")
    return "\n".join(lines) + "\n"


def focus_evidence(point: FocusPoint, m: Messages) -> str:
    """What a focus point rests on, in one line (empty for a point the catalogue lacks)."""
    e = point.evidence
    if point.key == "know_who_you_are":
        return m.say(
            "evidence.know_who_you_are",
            pitch=m.yes_no(bool(e["pitch_written"])),
            target=m.yes_no(bool(e["target_clients_written"])),
            with_why=e["contacts_with_why"],
            contacts=e["contacts"],
        )
    if point.key == "consistent_message":
        return m.say(
            "evidence.consistent_message",
            online=e["recommendations_online"],
            online_echo=e["online_with_your_words"],
            offline=e["recommendations_offline"],
            offline_echo=e["offline_with_your_words"],
        )
    if point.key == "measure_satisfaction":
        return m.say(
            "evidence.measure_satisfaction",
            checked=e["clients_checked"],
            clients=e["clients"],
            marks=e["satisfaction_scores"],
        )
    if point.key == "be_part_of_groups":
        return m.say(
            "evidence.be_part_of_groups", groups=e["active_groups"], peers=e["peers_in_groups"]
        )
    if point.key == "help_others":
        return m.say(
            "evidence.help_others",
            given=e["help_given"],
            received=e["help_received"],
            introductions=e["referrals_made_for_others"],
        )
    return ""


_STEP_FOR_STATUS = {
    "self-assessment needed": "assess",
    "no data": "data",
    "weak": "improve",
    "fair": "improve",
    "strong": "keep",
}


def focus_next_step(point: FocusPoint, m: Messages) -> str:
    """One next step for a focus point, by its status."""
    key = f"next.{point.key}.{_STEP_FOR_STATUS.get(point.status, '')}"
    return m.say(key) if m.has(key) else ""
