"""The interactive network page of a member, and the map of a whole platform.

Everything is decided in Python: which people are shown (the member, two steps out and
every ambassador chain, at most ``max_nodes``), where they stand (a radial layout around
the member, one sector per community, seeded), how big and how thick things are. The
browser only draws: vis-network with physics off, so thousands of nodes do not hang a
page. The page holds its data as a JSON block and sets every text with ``textContent``;
see :mod:`netgraph.pictures._html` for the escaping and the offline policy.

The same input and seed give a byte-identical page; nothing reads the clock.
"""

from __future__ import annotations

import itertools
import math
import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .. import metrics
from ..graph._projection import project
from ..model._errors import ConfigError
from ..model._network import Network
from ..model._profile import Profile
from ..model._settings import Settings
from ..output._messages import Amount, Messages
from ..output._results import VALUE_KEYS, MemberReport
from ..scoring._score import score_member
from ._html import PageParts, html_page, iframe_srcdoc
from ._network_script import NETWORK_SCRIPT, NETWORK_STYLE
from ._network_words import NETWORK_WORDS, groups, network_words
from ._vis import pyvis_module, vis_network_js

__all__ = [
    "COLOR_BY",
    "DEFAULT_MAX_NODES",
    "NetworkPage",
    "member_view",
    "network_html",
    "network_page",
    "network_parts",
    "platform_html",
    "platform_page",
    "platform_view",
    "to_pyvis",
    "write_network_html",
    "write_platform_html",
]

#: How many nodes a page shows at most unless told otherwise: vis-network draws this
#: many without physics in well under a second.
DEFAULT_MAX_NODES = 3000
#: The ways nodes can be coloured (the page switches between them).
COLOR_BY = ("community", "role")
#: The chains traced: as many as the scorer lists when asked for more than its default.
CHAINS_TRACED = 50
#: At most this many edges per node shown: the strongest stay, every edge of the member too.
EDGES_PER_NODE = 8
#: Communities with a colour of their own; the rest share :data:`OTHER_COLOUR`.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#86bcb6",
    "#d4a6c8",
)
OTHER_COLOUR = "#b8b8b8"
MEMBER_COLOUR = "#e15759"
CHAIN_COLOUR = "#d9480f"
ROLE_COLOURS = {
    "client": "#4e79a7",
    "prospect": "#76b7b2",
    "partner": "#59a14f",
    "peer": "#b07aa1",
    "supplier": "#9c755f",
    "other": "#edc948",
    "": OTHER_COLOUR,
}
#: Names written on the drawing besides the member's and the chains': the biggest
#: contributors (everyone's name is in their tooltip and found by search).
LABELLED = 25
#: Steps of the platform map's force-directed layout.
LAYOUT_STEPS = 50
# the layout's spacing between neighbouring nodes and between rings, in page pixels
SPACING = 30.0
RING_GAP = 140.0
FIRST_RING = 220.0


@dataclass(frozen=True)
class NetworkPage:
    """A whole self-contained page, with what a notebook needs to show it.

    Attributes
    ----------
    html
        The page, ``<!doctype html>`` to ``</html>``.
    title
        Its title, as text.
    """

    html: str
    title: str

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page (UTF-8) to ``path`` and nothing else; return the path."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8", newline="\n")
        return target

    def _repr_html_(self) -> str:
        return iframe_srcdoc(self.html, title=self.title, height=720)


# -- the member's network ------------------------------------------------------


def network_page(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
    lang: str = "en",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 0,
    color_by: str = "community",
    focus: str | None = None,
    report: MemberReport | None = None,
) -> NetworkPage:
    """The interactive page of a member's network and ambassador chains.

    Parameters
    ----------
    network
        The network, from :func:`netgraph.load_network`.
    member
        The member's id; may be left out when the network has exactly one member.
    as_of
        The date the picture is of: later events do not count.
    settings, profiles
        As for :func:`netgraph.score_member`.
    lang
        ``"en"`` or ``"nl"``.
    max_nodes
        At most this many people are drawn: the member, every chain and contributor, then
        the contacts one step out (strongest tie first), then two steps out (most ties
        into the first ring first). A note on the page says how many were left out.
    seed
        The seed of the communities and the layout.
    color_by
        ``"community"`` or ``"role"``: how nodes are coloured at first (the page switches).
    focus
        A value (``"acquisition"``, ...): nodes sized by their share of that value only;
        or a person's id: that person is selected when the page opens.
    report
        The member's report if already computed (it is not scored again). Its
        ``top_contributors`` setting decides how many chains are traced; without one the
        member is scored with up to 50.

    Returns
    -------
    NetworkPage
        ``.html`` is the page, ``.write(path)`` writes it, and a notebook shows it inline.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> from netgraph.pictures._network_page import network_page
    >>> net = netgraph.network_from_dict({"people": [
    ...     {"id": "me", "name": "Anna", "member": "yes"}, {"id": "c", "name": "<b>Bram</b>"}],
    ...     "ties": [{"a": "me", "b": "c"}]})
    >>> page = network_page(net, as_of=date(2024, 12, 31))
    >>> page.html.startswith("<!doctype html>"), "<b>Bram" in page.html
    (True, False)
    """
    view = member_view(
        network,
        member,
        as_of=as_of,
        settings=settings,
        profiles=profiles,
        lang=lang,
        max_nodes=max_nodes,
        seed=seed,
        color_by=color_by,
        focus=focus,
        report=report,
    )
    return NetworkPage(html_page(view["title"], [network_parts(view)], lang=lang), view["title"])


def network_html(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
    lang: str = "en",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 0,
    color_by: str = "community",
    focus: str | None = None,
    report: MemberReport | None = None,
) -> str:
    """The whole self-contained interactive page (``<!doctype html>`` ...) as a string.

    The parameters are those of :func:`network_page`.
    """
    return network_page(
        network,
        member,
        as_of=as_of,
        settings=settings,
        profiles=profiles,
        lang=lang,
        max_nodes=max_nodes,
        seed=seed,
        color_by=color_by,
        focus=focus,
        report=report,
    ).html


def write_network_html(
    path: str | os.PathLike[str], network: Network, member: str | None = None, **options: Any
) -> Path:
    """Write :func:`network_html` to ``path`` (UTF-8) and nothing else; return the path."""
    return network_page(network, member, **options).write(path)


def network_parts(view: Mapping[str, Any]) -> PageParts:
    """The parts of a page that draws ``view`` (:func:`member_view`, :func:`platform_view`).

    A page of its own is ``html_page(view["title"], [network_parts(view)])``; another
    page (the star report) can put these parts among its own.
    """
    body = (
        '<section class="ng-net" id="ng-net"><h1 id="ng-title" class="ng-title"></h1>'
        '<div class="ng-bar">'
        '<label class="ng-search"><span id="ng-search-label"></span> '
        '<input id="ng-search" type="search" list="ng-names" autocomplete="off"></label>'
        '<datalist id="ng-names"></datalist>'
        '<span id="ng-search-none" class="ng-none" hidden></span>'
        '<fieldset id="ng-color-by" class="ng-switch"><legend id="ng-color-by-label"></legend>'
        '<label><input type="radio" name="ng-color" value="community"> '
        '<span id="ng-color-community"></span></label>'
        '<label><input type="radio" name="ng-color" value="role"> '
        '<span id="ng-color-role"></span></label></fieldset>'
        "</div>"
        '<div class="ng-main"><div class="ng-stage"><div id="ng-canvas" class="ng-canvas">'
        '</div><div id="ng-tip" class="ng-tip" hidden></div></div>'
        '<aside class="ng-side"><div id="ng-panel" class="ng-panel"></div>'
        '<h2 id="ng-legend-title"></h2><ul id="ng-legend" class="ng-legend"></ul></aside></div>'
        '<p id="ng-hint" class="ng-note"></p><p id="ng-note" class="ng-note"></p>'
        "</section>"
    )
    return PageParts(
        body=body,
        style=NETWORK_STYLE,
        data=(("ng-data", dict(view)),),
        scripts=(vis_network_js(), NETWORK_SCRIPT),
    )


def _check_options(lang: str, max_nodes: int, color_by: str = "community") -> None:
    if lang not in NETWORK_WORDS:
        raise ConfigError(f"lang must be one of {', '.join(NETWORK_WORDS)}, not {lang!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 2:
        raise ConfigError(f"max_nodes must be a whole number of at least 2, not {max_nodes!r}")
    if color_by not in COLOR_BY:
        raise ConfigError(f"color_by must be one of {', '.join(COLOR_BY)}, not {color_by!r}")


def member_view(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    settings: Settings | None = None,
    profiles: Mapping[str, Profile] | None = None,
    lang: str = "en",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 0,
    color_by: str = "community",
    focus: str | None = None,
    report: MemberReport | None = None,
) -> dict[str, Any]:
    """What the network page draws, as JSON-ready data (see :func:`network_page`).

    Returns
    -------
    dict
        ``nodes`` (position ``x``/``y``, ``size``, ``name``, ``community``, ``role``,
        tooltip and panel lines), ``edges`` (``kind`` ``"tie"`` or ``"referral"``,
        ``width``), ``chains`` (node and edge ids, revenue in cents and as text),
        ``legend``, ``words`` and counts of what was shown and left out.
    """
    _check_options(lang, max_nodes, color_by)
    settings = settings or Settings()
    if member is not None and member not in set(network.member_ids):
        try:
            network.person_index(member)
        except KeyError:
            raise ConfigError(f"--member {member!r}: nobody has that id") from None
    if report is None:
        wide = replace(settings, top_contributors=max(settings.top_contributors, CHAINS_TRACED))
        report = score_member(network, member, as_of=as_of, settings=wide, profiles=profiles)
    elif member is not None and report.member != member:
        raise ConfigError(f"the report is of {report.member!r}, not of {member!r}")
    if focus is not None and focus not in VALUE_KEYS:
        try:
            network.person_index(focus)
        except KeyError:
            raise ConfigError(
                f"--focus {focus!r}: neither a value ({', '.join(VALUE_KEYS)}) nor a person's id"
            ) from None
    words = NETWORK_WORDS[lang]
    messages = Messages(lang)
    me = network.person_index(report.member)
    graph = project(network, np.datetime64(as_of, "D"), settings)
    hops = np.asarray(metrics.hop_distances(graph, me))

    chains = list(report.values["recommendation"].numbers.get("top_chains", ()))
    acquisition = report.values["acquisition"]
    currency = acquisition.numbers.get("currency")
    shares: dict[int, dict[str, float]] = defaultdict(dict)
    facts: dict[int, Mapping[str, Any]] = {}
    for key in VALUE_KEYS:
        for contributor in report.values[key].contributors:
            row = network.person_index(contributor.id)
            shares[row][key] = contributor.share
            if key == "acquisition":
                facts[row] = contributor.facts
    chain_rows = [[network.person_index(p) for p in chain["people"]] for chain in chains]
    referrers, referred = _referrals(network, me, as_of)

    shown, total = _choose(
        graph,
        me,
        hops,
        first=[r for rows in chain_rows for r in rows]
        + referrers.tolist()
        + referred.tolist()
        + sorted(shares),
        max_nodes=max_nodes,
    )
    position = {int(row): i for i, row in enumerate(shown.tolist())}
    sub = graph[shown][:, shown]
    labels = _ego_communities(sub, seed)
    ring = np.where(hops[shown] < 0, 3, np.minimum(hops[shown], 3))
    contribution = np.array(
        [
            shares.get(r, {}).get(focus or "", 0.0)
            if focus in VALUE_KEYS
            else sum(shares.get(r, {}).values())
            for r in shown.tolist()
        ]
    )
    xy = _radial_layout(ring, labels, contribution, seed)

    ids, names = network.person_ids, network.people["name"]
    organisations, roles = network.people["organisation"], network.people["role"]
    member_name = str(names[me])
    biggest = float(contribution[1:].max(initial=0.0))
    on_chains: dict[int, list[int]] = defaultdict(list)
    for c, rows in enumerate(chain_rows):
        for r in dict.fromkeys(rows):
            on_chains[r].append(c)
    on_chains[me] = list(range(len(chain_rows)))  # every chain ends with the member
    referred_by: dict[int, list[int]] = defaultdict(list)
    for a, b in zip(referrers.tolist(), referred.tolist(), strict=True):
        if b not in referred_by[a]:
            referred_by[a].append(b)
    by_contribution = np.lexsort((shown, -contribution))[:LABELLED]
    labelled = {me, *on_chains, *shown[by_contribution[contribution[by_contribution] > 0]].tolist()}

    nodes = []
    for i, row in enumerate(shown.tolist()):
        name = str(names[row])
        if row == me:
            size = 34.0
        elif contribution[i] > 0 and biggest > 0:
            size = 10.0 + 22.0 * math.sqrt(contribution[i] / biggest)
        else:
            size = 7.0
        role = str(roles[row]) if str(roles[row]) in ROLE_COLOURS else "other"
        tip = [name]
        if row != me:
            if ring[i] <= 2:
                steps = int(ring[i])
                key = "tip.step" if steps == 1 else "tip.steps"
                tip.append(network_words(lang, key, steps=steps, name=member_name))
            else:
                tip.append(words["tip.far"])
        if organisations[row]:
            tip.append(network_words(lang, "tip.organisation", organisation=organisations[row]))
        if row != me:
            tip.append(network_words(lang, "tip.role", role=words[f"role.{role}"]))
        for key in VALUE_KEYS:
            if key in shares.get(row, {}):
                tip.append(
                    network_words(
                        lang,
                        "tip.share",
                        value=messages.say(f"value.{key}").lower(),
                        share=messages.percent(shares[row][key]),
                    )
                )
        nodes.append(
            {
                "id": i,
                "name": name,
                "label": name if row in labelled else "",
                "x": round(float(xy[i, 0]), 1),
                "y": round(float(xy[i, 1]), 1),
                "size": round(size, 1),
                "community": int(labels[i]),
                "role": "member" if row == me else role,
                "tip": tip,
                "panel": _brought(
                    lang,
                    messages,
                    facts.get(row),
                    currency,
                    [str(names[b]) for b in referred_by.get(row, [])],
                ),
                "chains": on_chains.get(row, []),
                "person": str(ids[row]),
            }
        )

    edges, chain_edges = _edges(sub, position, referrers, referred, chain_rows, chains, max_nodes)
    chain_list = []
    for c, (chain, rows) in enumerate(zip(chains, chain_rows, strict=True)):
        amount = messages.money_text(chain["revenue"], currency)
        people = " \u2192 ".join(str(names[r]) for r in rows)
        chain_list.append(
            {
                "nodes": [position[r] for r in rows if r in position],
                "edges": chain_edges[c],
                "text": network_words(lang, "panel.chain", people=people, amount=amount),
            }
        )

    community_sizes = np.bincount(labels[1:], minlength=int(labels.max(initial=0)) + 1)
    legend_communities = [
        {
            "color": PALETTE[c] if c < len(PALETTE) else OTHER_COLOUR,
            "text": network_words(
                lang, "legend.community", number=c + 1, people=messages.say("unit.people", count=n)
            ),
        }
        for c, n in enumerate(community_sizes.tolist()[: len(PALETTE)])
        if n
    ]
    if len(community_sizes) > len(PALETTE):
        legend_communities.append(
            {"color": OTHER_COLOUR, "text": words["legend.other_communities"]}
        )
    shown_count, left = len(shown), total - len(shown)
    note = (
        network_words(
            lang,
            "note.capped",
            shown=messages.integer(shown_count),
            total=messages.integer(total),
            left=messages.integer(left),
            more=total,
        )
        if left
        else network_words(
            lang,
            "note.all",
            people=messages.say("unit.people", count=shown_count),
            name=member_name,
        )
    )
    title = network_words(lang, "title.member", name=member_name)
    return {
        "kind": "member",
        "title": title,
        "color_by": color_by,
        "selected": position.get(network.person_index(focus))
        if focus is not None and focus not in VALUE_KEYS
        else None,
        "nodes": nodes,
        "edges": edges,
        "chains": chain_list,
        "palette": list(PALETTE),
        "other_colour": OTHER_COLOUR,
        "member_colour": MEMBER_COLOUR,
        "chain_colour": CHAIN_COLOUR,
        "role_colours": dict(ROLE_COLOURS),
        "legend": {
            "community": legend_communities,
            "role": [{"color": MEMBER_COLOUR, "text": words["legend.member"]}]
            + [
                {"color": colour, "text": words[f"role.{role}"]}
                for role, colour in ROLE_COLOURS.items()
                if role
            ],
            "lines": [
                {"kind": "tie", "text": words["legend.tie"]},
                {"kind": "chain", "text": words["legend.chain"]},
                *(
                    [{"kind": "referral", "text": words["legend.referral"]}]
                    if any(edge["kind"] == "referral" for edge in edges)
                    else []
                ),
                {
                    "kind": "size",
                    "text": network_words(
                        lang, "legend.size_value", value=messages.say(f"value.{focus}").lower()
                    )
                    if focus in VALUE_KEYS
                    else words["legend.size"],
                },
            ],
        },
        "words": {
            key: words[key]
            for key in (
                "search",
                "search.none",
                "color_by",
                "color.community",
                "color.role",
                "legend",
                "panel.empty",
                "panel.chains",
                "panel.no_chains",
            )
        },
        "hint": words["hint.member"],
        "note": note,
        "shown": shown_count,
        "total": total,
        "left_out": left,
    }


def _referrals(
    network: Network, me: int, as_of: date
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The member's referrals up to ``as_of``: (referrer rows, referred rows), each pair once."""
    table = network.tables["referrals"]
    keep = (table["member"] == me) & (table["date"] <= np.datetime64(as_of, "D"))
    pairs = np.stack([table["referrer"][keep], table["referred"][keep]]).astype(np.int64)
    if pairs.shape[1] == 0:
        return pairs[0], pairs[1]
    _, first = np.unique(pairs[0] * network.size + pairs[1], return_index=True)
    pairs = pairs[:, np.sort(first)]
    return pairs[0], pairs[1]


def _choose(
    graph: sp.csr_array,
    me: int,
    hops: npt.NDArray[np.int64],
    *,
    first: Sequence[int],
    max_nodes: int,
) -> tuple[npt.NDArray[np.int64], int]:
    """The rows drawn, the member first, and how many were candidates.

    Order of preference: the member; the people of chains, referrals and contributors;
    one step out by the strength of their tie to the member; two steps out by the
    strength of their ties into the first ring. Ties broken by row (file order).
    """
    start, end = graph.indptr[me], graph.indptr[me + 1]
    neighbours, strength = graph.indices[start:end], graph.data[start:end]
    ring1 = neighbours[np.lexsort((neighbours, -strength))]
    ring2 = np.flatnonzero(hops == 2)
    if len(ring2) and len(ring1):
        into_first = np.asarray(graph[ring1].sum(axis=0)).ravel()[ring2]
        ring2 = ring2[np.lexsort((ring2, -into_first))]
    candidates = np.concatenate(
        [np.array([me], dtype=np.int64), np.asarray(first, dtype=np.int64), ring1, ring2]
    ).astype(np.int64)
    _, firsts = np.unique(candidates, return_index=True)
    ordered = candidates[np.sort(firsts)]
    return ordered[:max_nodes], len(ordered)


def _ego_communities(sub: sp.csr_array, seed: int) -> npt.NDArray[np.int64]:
    """Communities of the people around the member, the member left out (0 for the member).

    The member is tied to everyone, so with them the whole picture is one community.
    Numbered by size, largest first (ties: first seen).
    """
    n = sub.shape[0]
    labels = np.zeros(n, dtype=np.int64)
    if n <= 1:
        return labels
    found = np.asarray(metrics.communities(sub[1:][:, 1:], seed=seed), dtype=np.int64)
    sizes = np.bincount(found)
    rank = np.empty_like(sizes)
    rank[np.lexsort((np.arange(len(sizes)), -sizes))] = np.arange(len(sizes))
    labels[1:] = rank[found]
    return labels


def _radial_layout(
    ring: npt.NDArray[np.int64],
    labels: npt.NDArray[np.int64],
    weight: npt.NDArray[np.float64],
    seed: int,
) -> npt.NDArray[np.float64]:
    """The member at the centre, one ring per step out, one sector per community.

    Each community gets an angle in proportion to its people, the same in every ring,
    so that a group reads as a slice from near to far. Within a ring and sector the
    biggest contributors come first; a crowded ring is split into sub-rings
    :data:`SPACING` apart. The seed shifts people a little along their ring.
    """
    n = len(ring)
    xy = np.zeros((n, 2))
    if n <= 1:
        return xy
    rng = np.random.default_rng(seed)
    others = np.arange(1, n)
    communities = int(labels.max()) + 1
    counts = np.bincount(labels[others], minlength=communities).astype(np.float64)
    span = 2 * math.pi * counts / counts.sum()
    start = np.concatenate([[0.0], np.cumsum(span)[:-1]])
    radius = FIRST_RING
    for step in (1, 2, 3):
        in_ring = others[ring[others] == step]
        if not len(in_ring):
            continue
        # a crowded ring grows until its people fit in about two rows
        radius = max(radius, len(in_ring) * SPACING / (2 * math.pi * 2))
        widest = 1
        placed: list[tuple[npt.NDArray[np.int64], int, int]] = []
        for c in range(communities):
            people = in_ring[labels[in_ring] == c]
            if not len(people):
                continue
            people = people[np.lexsort((people, -weight[people]))]
            arc = max(span[c] * radius, SPACING)
            rows = max(1, math.ceil(len(people) * SPACING / arc))
            widest = max(widest, rows)
            placed.append((people, c, rows))
        for people, c, rows in placed:
            j = np.arange(len(people))
            angle = start[c] + span[c] * (j + 0.5) / len(people)
            angle = angle + rng.uniform(-0.25, 0.25, len(people)) * span[c] / len(people)
            r = radius + (j % rows) * SPACING
            xy[people, 0] = r * np.cos(angle)
            xy[people, 1] = r * np.sin(angle)
        radius += widest * SPACING + RING_GAP
    return xy


def _edges(
    sub: sp.csr_array,
    position: Mapping[int, int],
    referrers: npt.NDArray[np.int64],
    referred: npt.NDArray[np.int64],
    chain_rows: Sequence[Sequence[int]],
    chains: Sequence[Mapping[str, Any]],
    max_nodes: int,
) -> tuple[list[dict[str, Any]], list[list[int]]]:
    """Ties (width by strength) and referrals (width by the revenue of their chains).

    Ties: every tie of the member, then the strongest others up to
    :data:`EDGES_PER_NODE` per node shown. A referral's revenue is the sum of the chains
    it is a step of (the cents of ``top_chains``); one on no chain is drawn thin.
    """
    upper = sp.triu(sub, k=1).tocoo()
    a, b, w = upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data
    order = np.lexsort((b, a, -w, (a != 0) & (b != 0)))
    order = order[: EDGES_PER_NODE * min(sub.shape[0], max_nodes)]
    order = np.sort(order)
    strongest = float(w.max(initial=1.0))
    edges: list[dict[str, Any]] = [
        {
            "id": k,
            "from": int(a[i]),
            "to": int(b[i]),
            "kind": "tie",
            "width": round(0.5 + 2.5 * float(w[i]) / strongest, 2),
        }
        for k, i in enumerate(order.tolist())
    ]
    revenue: dict[tuple[int, int], int] = defaultdict(int)
    steps: dict[tuple[int, int], list[int]] = defaultdict(list)
    for c, (chain, rows) in enumerate(zip(chains, chain_rows, strict=True)):
        cents = Amount.parse(chain["revenue"]).cents
        for pair in itertools.pairwise(rows):
            revenue[pair] += cents
            steps[pair].append(c)
    most = max(revenue.values(), default=0) or 1
    chain_edges: list[list[int]] = [[] for _ in chains]
    pairs = list(dict.fromkeys([*zip(referrers.tolist(), referred.tolist(), strict=True), *steps]))
    for pair in pairs:
        if pair[0] not in position or pair[1] not in position:
            continue
        k = len(edges)
        cents = revenue.get(pair, 0)
        edges.append(
            {
                "id": k,
                "from": position[pair[0]],
                "to": position[pair[1]],
                "kind": "chain" if pair in steps else "referral",
                "width": round(1.5 + 8.5 * math.sqrt(cents / most), 2) if cents else 1.0,
                "cents": cents,
            }
        )
        for c in steps.get(pair, []):
            chain_edges[c].append(k)
    return edges, chain_edges


def _brought(
    lang: str,
    messages: Messages,
    facts: Mapping[str, Any] | None,
    currency: str | None,
    referred_names: Sequence[str],
) -> list[str]:
    """The lines of the panel: what a person brought (the acquisition value's cents)."""
    lines = []
    if facts and facts.get("as_client"):
        lines.append(
            network_words(
                lang, "panel.as_client", amount=messages.money(facts["as_client"], currency)
            )
        )
    if facts and facts.get("as_referrer"):
        lines.append(
            network_words(
                lang, "panel.as_referrer", amount=messages.money(facts["as_referrer"], currency)
            )
        )
    if not lines:
        lines.append(NETWORK_WORDS[lang]["panel.nothing"])
    if referred_names:
        lines.append(network_words(lang, "panel.referred", names=", ".join(referred_names)))
    return lines


# -- the platform map ----------------------------------------------------------


def platform_view(
    network: Network,
    *,
    as_of: date,
    settings: Settings | None = None,
    lang: str = "en",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 0,
    central: int = 10,
) -> dict[str, Any]:
    """What the platform map draws: communities sized by people, ties between them.

    The communities are those of the whole contact graph (seeded Louvain); the
    ``max_nodes`` largest are drawn. A community's most central people are those with
    the strongest ties in total (weighted degree), ``central`` of them.
    """
    _check_options(lang, max_nodes)
    settings = settings or Settings()
    words = NETWORK_WORDS[lang]
    messages = Messages(lang)
    graph = project(network, np.datetime64(as_of, "D"), settings)
    n = graph.shape[0]
    labels = np.asarray(metrics.communities(graph, seed=seed), dtype=np.int64)
    k = int(labels.max(initial=-1)) + 1
    sizes = np.bincount(labels, minlength=k)
    by_size = np.lexsort((np.arange(k), -sizes))
    shown = by_size[:max_nodes]
    place = np.full(k, -1, dtype=np.int64)
    place[shown] = np.arange(len(shown))

    upper = sp.triu(graph, k=1).tocoo()
    ca, cb = labels[upper.row], labels[upper.col]
    between = (ca != cb) & (place[ca] >= 0) & (place[cb] >= 0)
    pa, pb = place[ca[between]], place[cb[between]]
    low, high = np.minimum(pa, pb), np.maximum(pa, pb)
    keys, ties = np.unique(low * len(shown) + high, return_counts=True)
    neighbours = np.bincount(
        np.concatenate([keys // len(shown), keys % len(shown)]), minlength=len(shown)
    )
    order = np.lexsort((keys, -ties))[: EDGES_PER_NODE * len(shown)]
    order = np.sort(order)
    most = float(ties.max(initial=1))
    edges = [
        {
            "id": e,
            "from": int(keys[i] // len(shown)),
            "to": int(keys[i] % len(shown)),
            "kind": "tie",
            "width": round(0.5 + 5.5 * math.sqrt(float(ties[i]) / most), 2),
        }
        for e, i in enumerate(order.tolist())
    ]

    strength = np.asarray(graph.sum(axis=1)).ravel()
    people = np.flatnonzero(place[labels] >= 0)
    people = people[np.lexsort((people, -strength[people], place[labels[people]]))]
    bounds = np.searchsorted(place[labels[people]], np.arange(len(shown) + 1))
    radii = 6.0 + 40.0 * np.sqrt(sizes[shown] / float(sizes.max(initial=1)))
    xy = _community_layout(keys, ties, radii, seed)
    names = network.people["name"]
    nodes = []
    for i, c in enumerate(shown.tolist()):
        top = people[bounds[i] : min(bounds[i + 1], bounds[i] + central)]
        top_names = [str(names[p]) for p in top.tolist()]
        count = int(sizes[c])
        heading = network_words(
            lang,
            "legend.community",
            number=i + 1,
            people=messages.say("unit.people", count=count),
        )
        nodes.append(
            {
                "id": i,
                "name": heading,
                "search": top_names,
                "label": top_names[0] if i < 30 and top_names else "",
                "x": round(float(xy[i, 0]), 1),
                "y": round(float(xy[i, 1]), 1),
                "size": round(float(radii[i]), 1),
                "community": i % len(PALETTE),
                "role": "other",
                "tip": [
                    heading,
                    network_words(
                        lang,
                        "tip.community",
                        people=messages.say("unit.people", count=count),
                        neighbours=messages.integer(int(neighbours[i])),
                    ),
                ],
                "panel": [words["panel.central"], *top_names],
                "chains": [],
                "person": "",
            }
        )
    people_shown = int(sizes[shown].sum())
    note = (
        network_words(
            lang,
            "note.platform_capped",
            shown=messages.integer(len(shown)),
            communities=messages.integer(k),
            people_shown=messages.integer(people_shown),
            people=messages.integer(n),
            more=k,
        )
        if len(shown) < k
        else network_words(
            lang, "note.platform_all", communities=groups(lang, k, messages.integer(k))
        )
    )
    title = network_words(
        lang,
        "title.platform",
        people=messages.say("unit.people", count=n),
        communities=groups(lang, k, messages.integer(k)),
    )
    return {
        "kind": "platform",
        "title": title,
        "color_by": "community",
        "selected": None,
        "nodes": nodes,
        "edges": edges,
        "chains": [],
        "palette": list(PALETTE),
        "other_colour": OTHER_COLOUR,
        "member_colour": MEMBER_COLOUR,
        "chain_colour": CHAIN_COLOUR,
        "role_colours": dict(ROLE_COLOURS),
        "legend": {
            "community": [
                {"color": PALETTE[0], "text": words["legend.platform_size"]},
            ],
            "role": [],
            "lines": [{"kind": "tie", "text": words["legend.platform_edge"]}],
        },
        "words": {
            key: words[key]
            for key in (
                "search",
                "search.none",
                "color_by",
                "color.community",
                "color.role",
                "legend",
                "panel.empty",
                "panel.chains",
                "panel.no_chains",
            )
        }
        | {"panel.empty": words["panel.empty_platform"]},
        "hint": words["hint.platform"],
        "note": note,
        "shown": len(shown),
        "total": k,
        "left_out": k - len(shown),
    }


def _community_layout(
    keys: npt.NDArray[np.int64],
    ties: npt.NDArray[np.int64],
    radii: npt.NDArray[np.float64],
    seed: int,
) -> npt.NDArray[np.float64]:
    """Communities placed by force-directed steps from a seeded spiral, then pushed apart.

    Start: the largest at the centre, the others on a sunflower spiral by size. Then
    Fruchterman-Reingold steps pull tied communities together (``keys`` are
    ``a * count + b``, ``ties`` their numbers of ties) and push all apart; last, circles
    that overlap are pushed apart. There are at most a few thousand communities, so the
    all-pairs steps are numpy arrays in blocks.
    """
    count = len(radii)
    xy = np.zeros((count, 2))
    if count <= 1:
        return xy
    golden = math.pi * (3 - math.sqrt(5))
    rng = np.random.default_rng(seed)
    i = np.arange(count, dtype=np.float64)
    angle = i * golden + rng.uniform(0.0, 0.1, count)
    ideal = 2.5 * float(np.median(radii)) + 8.0
    radius = ideal * np.sqrt(i)
    xy = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    a, b = keys // count, keys % count
    weight = np.log1p(ties.astype(np.float64))
    weight = weight / max(float(weight.mean()), 1e-9) if len(weight) else weight
    heat = ideal * math.sqrt(count) / 4
    for _ in range(LAYOUT_STEPS):
        shift = _repulsion(xy, ideal)
        pull = xy[a] - xy[b]
        attract = pull * (np.sqrt((pull**2).sum(axis=1)) * weight / ideal)[:, None]
        np.add.at(shift, a, -attract)
        np.add.at(shift, b, attract)
        # a weak pull to the centre keeps groups without ties from drifting away
        shift -= xy * (0.02 * np.sqrt((xy**2).sum(axis=1)) / ideal)[:, None]
        move = np.sqrt((shift**2).sum(axis=1))
        xy += shift / np.maximum(move, 1e-9)[:, None] * np.minimum(move, heat)[:, None]
        heat = max(heat * 0.9, ideal / 10)
    reach = 2 * float(radii.max()) + 4.0
    for _ in range(60):
        near = _pairs_within(xy, reach)
        p, q = near[:, 0], near[:, 1]
        delta = xy[p] - xy[q]
        distance = np.sqrt(np.maximum((delta**2).sum(axis=1), 1e-6))
        overlap = np.maximum(radii[p] + radii[q] + 4.0 - distance, 0.0)
        if not overlap.any():
            break
        push = delta * (overlap / distance / 2)[:, None]
        np.add.at(xy, p, push)
        np.add.at(xy, q, -push)
    centred: npt.NDArray[np.float64] = xy - xy.mean(axis=0)
    return centred


def _repulsion(xy: npt.NDArray[np.float64], ideal: float) -> npt.NDArray[np.float64]:
    """Fruchterman-Reingold's push of every point by every other, ``ideal**2 / distance``.

    All pairs, in float32 blocks of rows: 3,000 points are 9 million pairs, a few tens of
    milliseconds a step.
    """
    x, y = xy[:, 0].astype(np.float32), xy[:, 1].astype(np.float32)
    out = np.zeros_like(xy)
    for lo in range(0, len(x), 512):
        dx = x[lo : lo + 512, None] - x[None, :]
        dy = y[lo : lo + 512, None] - y[None, :]
        factor = np.float32(ideal**2) / np.maximum(dx * dx + dy * dy, np.float32(1.0))
        out[lo : lo + 512, 0] = (dx * factor).sum(axis=1)
        out[lo : lo + 512, 1] = (dy * factor).sum(axis=1)
    return out


def platform_page(
    network: Network,
    *,
    as_of: date,
    settings: Settings | None = None,
    lang: str = "en",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 0,
) -> NetworkPage:
    """The map of a platform's communities as a page.

    Parameters
    ----------
    network
        The network of the platform, from :func:`netgraph.load_network`.
    as_of
        The date the map is of: later ties and events do not count.
    settings
        The method's parameters (the graph's weights); the defaults if left out.
    lang
        ``"en"`` or ``"nl"``.
    max_nodes
        At most this many communities are drawn, the largest; a note says how many
        were left out.
    seed
        The seed of the communities and the layout.

    Returns
    -------
    NetworkPage
        Nodes are communities sized by their people, edges the ties between them;
        clicking one lists its most central people (see :func:`platform_view`).

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> from netgraph import platform_page
    >>> net = netgraph.network_from_dict({"people": [
    ...     {"id": "a", "name": "Anna", "member": "yes"}, {"id": "b", "name": "Bram"}],
    ...     "ties": [{"a": "a", "b": "b"}]})
    >>> page = platform_page(net, as_of=date(2024, 12, 31))
    >>> page.title
    'Platform map: 2 people in 1 group'
    """
    view = platform_view(
        network, as_of=as_of, settings=settings, lang=lang, max_nodes=max_nodes, seed=seed
    )
    return NetworkPage(html_page(view["title"], [network_parts(view)], lang=lang), view["title"])


def platform_html(
    network: Network,
    *,
    as_of: date,
    settings: Settings | None = None,
    lang: str = "en",
    max_nodes: int = DEFAULT_MAX_NODES,
    seed: int = 0,
) -> str:
    """The whole self-contained platform map (``<!doctype html>`` ...) as a string.

    The parameters are those of :func:`platform_page`.
    """
    return platform_page(
        network, as_of=as_of, settings=settings, lang=lang, max_nodes=max_nodes, seed=seed
    ).html


def write_platform_html(path: str | os.PathLike[str], network: Network, **options: Any) -> Path:
    """Write :func:`platform_html` to ``path`` (UTF-8) and nothing else; return the path."""
    return platform_page(network, **options).write(path)


# -- pyvis ---------------------------------------------------------------------


def to_pyvis(
    network: Network,
    member: str | None = None,
    *,
    as_of: date,
    platform: bool = False,
    **options: Any,
) -> Any:
    """A ``pyvis.network.Network`` of the same picture, for those who draw it themselves.

    Built from new objects (the network is never changed), with the positions, sizes,
    colours and widths of :func:`member_view` (or :func:`platform_view` with
    ``platform=True``) and physics off. Tooltips are plain text. Mind that pyvis's own
    ``show``/``write_html`` link a CDN and render names unescaped: for a page to hand
    out, use :func:`network_html`.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> from netgraph.pictures._network_page import to_pyvis
    >>> net = netgraph.network_from_dict({"people": [
    ...     {"id": "me", "name": "Anna", "member": "yes"}, {"id": "c", "name": "Bram"}],
    ...     "ties": [{"a": "me", "b": "c"}]})
    >>> drawing = to_pyvis(net, as_of=date(2024, 12, 31))
    >>> [node["title"] for node in drawing.nodes][1].splitlines()[0]
    'Bram'
    """
    pyvis_network = pyvis_module("pyvis.network")
    view = (
        platform_view(network, as_of=as_of, **options)
        if platform
        else member_view(network, member, as_of=as_of, **options)
    )
    # directed: pyvis then skips its quadratic search for a repeated edge (a referral may
    # run along a tie); every edge says itself whether it has an arrow
    drawing = pyvis_network.Network(height="720px", width="100%", directed=True)
    for node in view["nodes"]:
        drawing.add_node(
            node["id"],
            label=node["label"] or " ",
            title="\n".join(node["tip"]),
            x=node["x"],
            y=node["y"],
            size=node["size"],
            color=_colour(view, node),
            physics=False,
        )
    for edge in view["edges"]:
        drawing.add_edge(
            edge["from"],
            edge["to"],
            width=edge["width"],
            color=CHAIN_COLOUR if edge["kind"] != "tie" else "#c8c8c8",
            arrows="to" if edge["kind"] != "tie" else "",
        )
    drawing.toggle_physics(False)
    return drawing


def _colour(view: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    if node["role"] == "member":
        return MEMBER_COLOUR
    if view["color_by"] == "role":
        return ROLE_COLOURS.get(node["role"], OTHER_COLOUR)
    community = int(node["community"])
    return PALETTE[community] if community < len(PALETTE) else OTHER_COLOUR


def _pairs_within(xy: npt.NDArray[np.float64], reach: float) -> npt.NDArray[np.intp]:
    """The pairs of points closer than ``reach`` (a k-d tree; scipy.spatial is loaded
    here, on the first platform map, not when netgraph is imported)."""
    from scipy.spatial import cKDTree

    pairs: npt.NDArray[np.intp] = cKDTree(xy).query_pairs(reach, output_type="ndarray")
    return pairs
