"""The star report as a page a coach would hand to a client, in English or Dutch.

One self-contained HTML file: the four values as cards with stars and the numbers
behind them in plain words, the 80/20 view as a Lorenz curve, the values over the last
eight quarters, the top ambassador chains as a picture, the focus points with their
evidence, and the interactive network in a frame. The charts are inline SVG drawn by
matplotlib (:mod:`netgraph.pictures._charts`), so the page prints on A4 with every
chart on paper; the interactive network is left out of print, where the chains picture
shows the same chains.

The page is built on the public report (:func:`netgraph.score_member`) and the trend
(:func:`netgraph.advice._trend.trend`); every user text goes through the one escaping
path of :mod:`netgraph.pictures._html`, and the page asks nothing of the network.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..advice._trend import EVERY, Trend, shift_months, trend
from ..model._errors import ConfigError
from ..model._network import Network
from ..model._profile import Profile
from ..model._settings import Settings
from ..output._report import LANGUAGES, focus_evidence, focus_next_step, value_clauses
from ..output._results import VALUE_KEYS, FocusPoint, MemberReport, ValueScore
from ..scoring._score import score_member
from ._charts import VALUE_COLOURS, ChainRow, chains_svg, lorenz_svg, stars_svg, trend_svg
from ._html import PageParts, escape_text, html_page, iframe_srcdoc
from ._report_words import PageMessages

__all__ = ["TREND_QUARTERS", "ReportPage", "report_html", "report_page", "write_report_html"]

TREND_QUARTERS = 8  # the report shows the values at today's date and eight quarters back
TOP_PEOPLE = 3  # contributors named on a value's card

_STATUS_CLASS = {
    "strong": "good",
    "fair": "fair",
    "weak": "weak",
    "no data": "none",
    "self-assessment needed": "none",
}

STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --paper: #ffffff;
  --soft: #f5f7fa; --accent: #0b6e4f; --gold: #d69e00; }
* { box-sizing: border-box; }
html { background: #eef1f4; }
body { margin: 0 auto; max-width: 60rem; padding: 2.5rem 2.75rem 3rem; background: var(--paper);
  color: var(--ink); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 1rem; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .25rem; letter-spacing: -.01em; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .4rem; }
h3 { font-size: 1.05rem; margin: 0; }
.as-of { color: var(--muted); margin: 0 0 .6rem; }
.intro { margin: 0; max-width: 44rem; }
.caption { color: var(--muted); margin: .2rem 0 .8rem; max-width: 44rem; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1rem; }
.card { border: 1px solid var(--line); border-top: 5px solid var(--value); border-radius: 8px;
  padding: .9rem 1.1rem 1rem; background: var(--paper); }
.card .head { display: flex; justify-content: space-between; align-items: baseline; gap: .5rem; }
.card h3 { color: var(--value); }
.score { font-size: 2rem; font-weight: 700; line-height: 1; white-space: nowrap; }
.score small { font-size: .8rem; font-weight: 400; color: var(--muted); margin-left: .2rem; }
.card .stars { display: block; margin: .45rem 0 .5rem; }
.no-data { color: #8a96a3; font-weight: 600; }
.no-data-cell { color: #8a96a3; background: #f3f4f6; }
.card ul { margin: .3rem 0 0; padding-left: 1.1rem; }
.card li { margin: .1rem 0; }
.who { margin: .6rem 0 0; font-size: .92rem; }
.who table { width: 100%; border-collapse: collapse; }
.who td { padding: .15rem .3rem .15rem 0; vertical-align: top; border-top: 1px solid var(--line); }
.who td.num { text-align: right; white-space: nowrap; }
.who .detail { color: var(--muted); }
.note { color: var(--muted); font-size: .9rem; margin: .4rem 0 0; }
figure { margin: .4rem 0 0; }
svg.chart { display: block; width: 100%; height: auto; }
.reading { font-size: 1.05rem; margin: .6rem 0 0; max-width: 44rem; }
table.trend { border-collapse: collapse; margin-top: .8rem; width: 100%; font-size: .9rem; }
table.trend th, table.trend td { padding: .25rem .5rem; border-bottom: 1px solid var(--line);
  text-align: left; }
table.trend th { color: var(--muted); font-weight: 600; }
.gold { color: var(--gold); letter-spacing: .05em; }
.focus { list-style: none; padding: 0; margin: 0; }
.focus li { border: 1px solid var(--line); border-radius: 8px; padding: .7rem 1rem;
  margin: 0 0 .6rem; }
.focus .head { display: flex; justify-content: space-between; gap: 1rem; align-items: baseline; }
.badge { font-size: .8rem; font-weight: 700; border-radius: 999px; padding: .1rem .6rem;
  white-space: nowrap; }
.badge.good { background: #d8f3e6; color: #0b5e43; }
.badge.fair { background: #fff1cc; color: #7a5200; }
.badge.weak { background: #fde2e1; color: #9b1c1c; }
.badge.none { background: #eceff1; color: #52606d; }
.evidence { margin: .3rem 0 0; color: var(--muted); }
.step { margin: .25rem 0 0; }
.step b { color: var(--accent); }
.network iframe { border: 1px solid var(--line) !important; border-radius: 8px; }
.print-only { display: none; }
footer { margin-top: 2.5rem; padding-top: .8rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .85rem; }
@page { size: A4; margin: 15mm 14mm 16mm; }
@media print {
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { margin-top: 1.2rem; break-after: avoid; }
  .no-print { display: none !important; }
  .print-only { display: block; }
  .card, figure, .focus li, table.trend, .keep { break-inside: avoid; }
  .cards { gap: .6rem; }
  section.trend-section, section.chains-section { break-inside: avoid; }
}
@media (max-width: 40rem) {
  body { padding: 1.2rem; }
  .cards { grid-template-columns: 1fr; }
}
"""


@dataclass(frozen=True)
class ReportPage:
    """A star report page: its HTML, shown inline by Jupyter, VS Code and Colab.

    ``_repr_html_`` puts the page in an ``<iframe srcdoc>``, which works where pyvis's
    own notebook display stays blank.
    """

    html: str
    title: str

    def _repr_html_(self) -> str:
        return iframe_srcdoc(self.html, title=self.title, height=900)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (UTF-8); nothing else is written."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8", newline="\n")
        return target


def report_page(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
    lang: str = "en",
    seed: int = 0,
    interactive: bool = True,
) -> ReportPage:
    """The star report page of a member as a :class:`ReportPage`.

    Parameters
    ----------
    network
        The loaded network.
    member
        The member's id; may be left out when the network has exactly one member.
    as_of
        The date of the report; the trend shows it and eight quarters back.
    settings, profiles
        As for :func:`netgraph.score_member`.
    lang
        ``"en"`` or ``"nl"``.
    seed
        The seed of the interactive network's layout: the same seed, the same page.
    interactive
        Whether to include the interactive network (a frame of several hundred KB).

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> page = report_page(netgraph.example_network(), as_of=date(2026, 11, 1),
    ...                    lang="nl", interactive=False)
    >>> page.title
    'Netwerkwaarde van Sanne de Vries'
    >>> page.html.count('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink')
    3
    """
    if lang not in LANGUAGES:
        raise ConfigError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    settings = settings or Settings()
    report = score_member(network, member, as_of=as_of, settings=settings, profiles=profiles)
    series = trend(
        network,
        report.member,
        start=shift_months(as_of, -EVERY["quarter"] * TREND_QUARTERS),
        end=as_of,
        settings=settings,
        profiles=profiles,
    )
    m = PageMessages(lang)
    title = m.say("page.title", name=report.name)
    framed = []
    if interactive:
        network_page = _network_page(network, report, settings, profiles, lang, seed)
        if network_page is not None:
            framed.append(network_page)
    body = "\n".join(
        [
            _header(report, m),
            _values(report, m),
            _lorenz(report.values["acquisition"], m),
            _trend(series, settings, m),
            _chains(network, report.values["recommendation"], report, m),
            _focus(report.focus, m),
            _interactive(framed, m) if interactive else "",
            _footer(report, m),
        ]
    )
    page = html_page(title, [PageParts(body, STYLE)], lang=lang, framed=framed)
    return ReportPage(page, title)


def report_html(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
    lang: str = "en",
    seed: int = 0,
    interactive: bool = True,
) -> str:
    """The star report page as HTML text (see :func:`report_page`).

    The same network, date, settings, language and seed give the same bytes.
    """
    return report_page(
        network,
        member,
        as_of=as_of,
        settings=settings,
        profiles=profiles,
        lang=lang,
        seed=seed,
        interactive=interactive,
    ).html


def write_report_html(
    path: str | os.PathLike[str],
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
    lang: str = "en",
    seed: int = 0,
    interactive: bool = True,
) -> Path:
    """Write the star report page to ``path`` (UTF-8) and return the path.

    Only that file is written: no folder of scripts beside it, nothing printed, no
    browser opened.
    """
    return report_page(
        network,
        member,
        as_of=as_of,
        settings=settings,
        profiles=profiles,
        lang=lang,
        seed=seed,
        interactive=interactive,
    ).save(path)


# -- the parts of the page ------------------------------------------------------------


def _header(report: MemberReport, m: PageMessages) -> str:
    return (
        "<header>"
        f"<h1>{escape_text(m.say('page.title', name=report.name))}</h1>"
        f'<p class="as-of">{escape_text(m.say("page.as_of", date=m.date(report.as_of)))}</p>'
        f'<p class="intro">{escape_text(m.say("page.intro"))}</p>'
        "</header>"
    )


def _said(m: PageMessages, prefix: str, key: str) -> str:
    return m.say(f"{prefix}.{key}") if m.has(f"{prefix}.{key}") else key


def _value_card(value: ValueScore, m: PageMessages) -> str:
    name = _said(m, "value", value.key)
    colour = VALUE_COLOURS.get(value.key, "#0b6e4f")
    parts = [f'<article class="card value-{escape_text(value.key)}" style="--value:{colour}">']
    if value.stars is None or value.score is None:
        parts.append(
            f'<div class="head"><h3>{escape_text(name)}</h3>'
            f'<span class="no-data">{escape_text(m.say("not_enough_data"))}</span></div>'
        )
        if value.reason:
            parts.append(f'<p class="note">{escape_text(m.note(value.reason))}</p>')
        parts.append("</article>")
        return "".join(parts)
    score = m.decimal(value.score, 0)
    parts.append(
        f'<div class="head"><h3>{escape_text(name)}</h3>'
        f'<span class="score">{escape_text(score)}'
        f"<small>{escape_text(m.say('page.out_of'))}</small></span></div>"
        + stars_svg(value.stars, m.stars_label(value.stars))
    )
    lines = value_clauses(value, m)
    if lines:
        parts.append("<ul>" + "".join(f"<li>{escape_text(line)}</li>" for line in lines) + "</ul>")
    people = value.contributors[:TOP_PEOPLE]
    if people:
        currency = value.numbers.get("currency")
        rows = []
        for person in people:
            try:
                detail = m.detail(value.key, person.facts, currency)
            except KeyError:  # facts this version cannot say: the English detail as it is
                detail = person.detail
            amount = "" if person.amount is None else m.money_text(person.amount, currency)
            rows.append(
                f"<tr><td>{escape_text(person.name)}"
                f'<div class="detail">{escape_text(detail)}</div></td>'
                f'<td class="num">{escape_text(amount)}</td>'
                f'<td class="num">{escape_text(m.percent(person.share))}</td></tr>'
            )
        parts.append(
            f'<div class="who"><b>{escape_text(m.say("page.who"))}</b>'
            f"<table>{''.join(rows)}</table></div>"
        )
    parts += [f'<p class="note">{escape_text(m.note(note))}</p>' for note in value.notes]
    parts.append("</article>")
    return "".join(parts)


def _values(report: MemberReport, m: PageMessages) -> str:
    cards = "".join(_value_card(report.values[key], m) for key in VALUE_KEYS)
    return (
        f'<section class="values"><h2>{escape_text(m.say("page.values"))}</h2>'
        f'<div class="cards">{cards}</div></section>'
    )


def _lorenz(value: ValueScore, m: PageMessages) -> str:
    heading = f"<h2>{escape_text(m.say('page.lorenz'))}</h2>"
    points = value.numbers.get("lorenz") or []
    if value.stars is None or not points:
        return (
            f'<section class="lorenz-section">{heading}'
            f'<p class="caption">{escape_text(m.say("page.lorenz.none"))}</p></section>'
        )
    share = value.numbers.get("pareto_share")
    contacts = value.numbers.get("share_of_contacts_for_pareto_share")
    pareto = None
    if share is not None and contacts is not None and contacts == contacts:  # NaN: unknown
        pareto = (float(contacts), float(share))
    known = pareto is not None
    chart = lorenz_svg(
        points,
        pareto=pareto,
        title=m.say("page.lorenz"),
        x_label=m.say("page.lorenz.x"),
        y_label=m.say("page.lorenz.y"),
        equal_label=m.say("page.lorenz.equal"),
        point_label=(
            m.say("page.lorenz.point", contacts=m.percent(contacts), share=m.percent(share))
            if known
            else ""
        ),
    )
    reading = ""
    if known:
        reading = m.say(
            "page.lorenz.reading",
            contacts=m.percent(contacts),
            people=m.say("unit.people", count=int(value.numbers["contacts_for_pareto_share"])),
            share=m.percent(share),
        )
    return (
        f'<section class="lorenz-section">{heading}<figure class="keep">{chart}</figure>'
        f'<p class="reading">{escape_text(reading)}</p></section>'
    )


def _stars_text(stars: int) -> str:
    return "★" * stars + "☆" * (5 - stars)


def _trend(series: Trend, settings: Settings, m: PageMessages) -> str:
    steps = len(series.rows) - 1
    key = "page.trend" if series.every == "quarter" else "page.trend.months"
    heading = m.say(key, count=steps)
    chart = trend_svg(
        series.dates,
        [(k, _said(m, "value", k), series.series(k)) for k in VALUE_KEYS],
        thresholds=settings.star_thresholds,
        title=heading,
        no_data_label=m.say("not_enough_data"),
        date_label=lambda day: m.short_date(day).replace(" ", "\n"),
    )
    head = "".join(
        f"<th>{escape_text(text)}</th>"
        for text in [m.say("page.trend.date"), *(_said(m, "value", k) for k in VALUE_KEYS)]
    )
    rows = []
    for row in reversed(series.rows):  # the newest first: what a reader looks for
        cells = [f"<td>{escape_text(m.date(row.as_of.isoformat()))}</td>"]
        for k in VALUE_KEYS:
            point = row.values[k]
            if point.score is None or point.stars is None:
                cells.append(
                    f'<td class="no-data-cell">{escape_text(m.say("not_enough_data"))}</td>'
                )
            else:
                cells.append(
                    f"<td>{escape_text(m.decimal(point.score, 0))} "
                    f'<span class="gold" aria-label="{escape_text(m.stars_label(point.stars))}">'
                    f"{_stars_text(point.stars)}</span></td>"
                )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<section class="trend-section"><h2>{escape_text(heading)}</h2>'
        f'<p class="caption">{escape_text(m.say("page.trend.caption"))}</p>'
        f'<figure class="keep">{chart}</figure>'
        f'<table class="trend keep"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _cents(text: object) -> int:
    try:
        return int(Decimal(str(text)) * 100)
    except (InvalidOperation, ValueError):
        return 0


def _name_of(network: Network, person: str) -> str:
    try:
        return str(network.people["name"][network.person_index(person)])
    except KeyError:
        return person


def _chains(network: Network, value: ValueScore, report: MemberReport, m: PageMessages) -> str:
    heading = f"<h2>{escape_text(m.say('page.chains'))}</h2>"
    chains: Sequence[Mapping[str, Any]] = value.numbers.get("top_chains") or []
    if not chains:
        return (
            f'<section class="chains-section">{heading}'
            f'<p class="caption">{escape_text(m.say("page.chains.none"))}</p></section>'
        )
    currency = report.values["acquisition"].numbers.get("currency") or "EUR"
    rows = [
        ChainRow(
            tuple(_name_of(network, person) for person in chain["people"]),
            _cents(chain["revenue"]),
            m.money(_cents(chain["revenue"]), currency),
        )
        for chain in chains
    ]
    chart = chains_svg(rows, title=m.say("page.chains"))
    return (
        f'<section class="chains-section">{heading}'
        f'<p class="caption">{escape_text(m.say("page.chains.caption"))}</p>'
        f'<figure class="keep">{chart}</figure></section>'
    )


def _focus_point(point: FocusPoint, m: PageMessages) -> str:
    name = _said(m, "focus", point.key)
    status = _said(m, "status", point.status)
    badge = _STATUS_CLASS.get(point.status, "none")
    evidence = focus_evidence(point, m)
    step = focus_next_step(point, m)
    return (
        f'<li class="focus-{escape_text(point.key)}"><div class="head">'
        f"<h3>{escape_text(name)}</h3>"
        f'<span class="badge {badge}">{escape_text(status)}</span></div>'
        + (f'<p class="evidence">{escape_text(evidence)}</p>' if evidence else "")
        + (
            f'<p class="step"><b>{escape_text(m.say("next.label"))}:</b> {escape_text(step)}</p>'
            if step
            else ""
        )
        + "</li>"
    )


def _focus(points: Sequence[FocusPoint], m: PageMessages) -> str:
    return (
        f'<section class="focus-section"><h2>{escape_text(m.say("focus"))}</h2>'
        f'<p class="caption">{escape_text(m.say("page.focus.caption"))}</p>'
        f'<ul class="focus">{"".join(_focus_point(p, m) for p in points)}</ul></section>'
    )


def _network_page(
    network: Network,
    report: MemberReport,
    settings: Settings,
    profiles: Mapping[str, Profile] | None,
    lang: str,
    seed: int,
) -> str | None:
    """The interactive network page of the member, or ``None`` where it cannot be made."""
    try:
        from ._network_page import network_html
    except ImportError:  # the network page is an optional part of this installation
        return None
    page: str = network_html(
        network,
        report.member,
        as_of=date.fromisoformat(report.as_of),
        settings=settings,
        profiles=profiles,
        lang=lang,
        seed=seed,
        report=report,
    )
    return page


def _interactive(framed: Sequence[str], m: PageMessages) -> str:
    heading = f"<h2>{escape_text(m.say('page.network'))}</h2>"
    if not framed:
        return (
            f'<section class="network no-print">{heading}'
            f'<p class="caption">{escape_text(m.say("page.network.missing"))}</p></section>'
        )
    frame = iframe_srcdoc(framed[0], title=m.say("page.network"), height=720)
    return (
        f'<section class="network"><div class="no-print">{heading}'
        f'<p class="caption">{escape_text(m.say("page.network.caption"))}</p>{frame}</div>'
        f'<p class="print-only caption">{escape_text(m.say("page.network.print"))}</p></section>'
    )


def _footer(report: MemberReport, m: PageMessages) -> str:
    from .. import __version__

    text = m.say("page.footer", version=__version__, date=m.date(report.as_of))
    return f"<footer>{escape_text(text)}</footer>"
