"""The charts of the star report page, drawn by matplotlib as inline SVG.

Each chart is a :class:`matplotlib.figure.Figure` saved by the SVG canvas directly:
pyplot and its global figure manager are never used, and the style is set in a
:func:`matplotlib.rc_context` that gives the caller's settings back afterwards.
The output is deterministic, so the same input gives byte-identical SVG: the hash
salt of the clip-path ids is fixed, the date is left out of the metadata, text is
drawn as paths of DejaVu Sans (which ships with matplotlib, so no font on the
reader's machine matters) and names never go through mathtext.

Every SVG is ready to sit inline in an HTML page beside others: its ids carry the
chart's prefix, and the prolog, metadata, comments and the global ``<style>`` that
matplotlib writes are taken out. Labels arrive already in the reader's language;
this module knows no words.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from ._html import escape_text

__all__ = [
    "ChainRow",
    "chains_svg",
    "lorenz_svg",
    "stars_svg",
    "trend_svg",
]

# colours that print well in grey too, and tell the four values apart
INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#e4e7eb"
ACCENT = "#0b6e4f"
GOLD = "#d69e00"
VALUE_COLOURS = {
    "acquisition": "#0b6e4f",
    "recommendation": "#2f5fb3",
    "financial": "#b35c00",
    "knowledge": "#7a3fa0",
}
NO_DATA = "#eceff1"

_STYLE: dict[Any, Any] = {
    "svg.hashsalt": "netgraph",
    "svg.fonttype": "path",
    "svg.image_inline": True,
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "text.color": INK,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 9.5,
    "axes.titleweight": "bold",
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "path.simplify": False,
}

WIDTH = 6.4  # inches: the text width of an A4 page with margins of about 2 cm


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        yield


def _figure(height: float) -> Any:
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH, height), dpi=72)
    FigureCanvasSVG(figure)
    return figure


_ID = re.compile(r'(id="|href="#|url\(#)([^")]+)')
_DROPPED = re.compile(
    r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<metadata>.*?</metadata>"
    r"|<defs>\s*<style[^>]*>.*?</style>\s*</defs>",
    re.DOTALL,
)
_ROOT = re.compile(r'<svg [^>]*?width="[^"]*" height="[^"]*" (viewBox="[^"]*")[^>]*>')


def _inline(svg: str, name: str, title: str) -> str:
    """matplotlib's SVG document as an element of an HTML page, its ids prefixed."""
    svg = _DROPPED.sub("", svg)
    ids = set(re.findall(r'id="([^"]+)"', svg))
    svg = _ID.sub(
        lambda m: f"{m.group(1)}{name}-{m.group(2)}" if m.group(2) in ids else m.group(0), svg
    )
    root = _ROOT.search(svg)
    if root is None:  # pragma: no cover - matplotlib always writes a sized root
        raise ValueError("unexpected SVG from matplotlib")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'{root.group(1)} class="chart chart-{name}" role="img" '
        f'aria-label="{escape_text(title)}">'
        f"<title>{escape_text(title)}</title>"
    )
    body = svg[root.end() :].strip()
    return head + "\n" + "\n".join(line for line in body.splitlines() if line.strip()) + "\n"


def _save(figure: Any, name: str, title: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(buffer.getvalue(), name, title)


# -- the 80/20 view -------------------------------------------------------------------


def lorenz_svg(
    points: Sequence[Sequence[float]],
    *,
    pareto: tuple[float, float] | None,
    title: str,
    x_label: str,
    y_label: str,
    equal_label: str,
    point_label: str,
    name: str = "lorenz",
) -> str:
    """The Lorenz curve of the revenue over the contacts, with the 80/20 point marked.

    Parameters
    ----------
    points
        ``[share of contacts, share of revenue]`` from the poorest contact up, as the
        acquisition value's ``lorenz`` number holds them.
    pareto
        ``(share of contacts, share of revenue)``: the fewest contacts that bring that
        share (``0.06, 0.8``: 6% bring 80%), marked on the curve; ``None`` leaves it out.
    title, x_label, y_label, equal_label, point_label
        The words, in the reader's language.

    Examples
    --------
    >>> svg = lorenz_svg([[0, 0], [0.5, 0.1], [1, 1]], pareto=(0.5, 0.9), title="80/20",
    ...                  x_label="contacts", y_label="revenue", equal_label="equal",
    ...                  point_label="50%: 90%")
    >>> svg.startswith("<svg ") and 'aria-label="80/20"' in svg
    True
    """
    curve = sorted((float(x), float(y)) for x, y in points)
    marked = None
    if pareto is not None:
        # the pareto point is a point of the true curve, seen from the richest end
        marked = (1.0 - pareto[0], 1.0 - pareto[1])
        curve = sorted({*curve, marked})
    with _style():
        figure = _figure(3.4)
        axes = figure.add_axes((0.11, 0.15, 0.56, 0.8))
        axes.plot([0, 1], [0, 1], color=MUTED, linestyle=(0, (4, 3)), linewidth=1)
        xs, ys = [p[0] for p in curve], [p[1] for p in curve]
        axes.fill_between(xs, ys, xs, color=ACCENT, alpha=0.10, linewidth=0)
        axes.plot(xs, ys, color=ACCENT, linewidth=2.2, solid_joinstyle="round")
        if marked is not None:
            axes.plot([marked[0]], [marked[1]], "o", color=GOLD, markersize=7, zorder=5)
            axes.plot([marked[0], marked[0]], [0, marked[1]], color=GOLD, linewidth=0.8)
            axes.plot([0, marked[0]], [marked[1], marked[1]], color=GOLD, linewidth=0.8)
            axes.annotate(
                "\n".join(textwrap.wrap(point_label, 24)),
                xy=marked,
                xytext=(1.06, max(0.3, marked[1] + 0.2)),
                textcoords="data",
                annotation_clip=False,
                color=INK,
                fontsize=8.5,
                va="center",
                parse_math=False,
                arrowprops={"arrowstyle": "-", "color": GOLD, "linewidth": 0.8},
            )
        axes.text(0.52, 0.60, equal_label, color=MUTED, rotation=38, fontsize=8, parse_math=False)
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        axes.set_aspect("auto")
        ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        labels = [f"{round(t * 100)}%" for t in ticks]
        axes.set_xticks(ticks, labels)
        axes.set_yticks(ticks, labels)
        axes.set_xlabel(x_label, parse_math=False)
        axes.set_ylabel(y_label, parse_math=False)
        axes.grid(color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        return _save(figure, name, title)


# -- the values over time -------------------------------------------------------------


def trend_svg(
    dates: Sequence[date],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    *,
    thresholds: Sequence[float],
    title: str,
    no_data_label: str,
    date_label: Any,
    name: str = "trend",
) -> str:
    """The values over time as small multiples: one panel per value, 0-100.

    Parameters
    ----------
    dates
        The dates, oldest first.
    series
        ``(key, label, scores)`` per value; a score of ``None`` (not enough data that
        day) is a grey band, never a point at 0.
    thresholds
        The scores where a star is added (the settings' ``star_thresholds``): faint
        lines, with the stars above each written on the right.
    date_label
        ``date -> str``: a date's short label in the reader's language.

    Examples
    --------
    >>> days = [date(2026, 5, 1), date(2026, 8, 1), date(2026, 11, 1)]
    >>> svg = trend_svg(days, [("financial", "Financial", [None, 40.0, 55.5])],
    ...                 thresholds=(20, 40, 60, 80), title="trend", no_data_label="no data",
    ...                 date_label=lambda d: d.isoformat())
    >>> svg.count("<svg ")
    1
    """
    columns = 2 if len(series) > 1 else 1
    rows = math.ceil(len(series) / columns)
    positions = list(range(len(dates)))
    # at most five date labels per panel, always the last (today's)
    every = max(1, math.ceil(len(dates) / 5))
    shown = [i for i in positions if (len(dates) - 1 - i) % every == 0]
    with _style():
        figure = _figure(1.9 * rows + 0.25)
        grid = figure.add_gridspec(
            rows, columns, left=0.07, right=0.95, top=0.93, bottom=0.1, hspace=0.75, wspace=0.28
        )
        for index, (key, label, scores) in enumerate(series):
            axes = figure.add_subplot(grid[index // columns, index % columns])
            colour = VALUE_COLOURS.get(key, ACCENT)
            for level in thresholds:
                axes.axhline(level, color=GRID, linewidth=0.7, zorder=0)
            for stars, (low, high) in enumerate(
                zip([0.0, *thresholds], [*thresholds, 100.0], strict=True), start=1
            ):
                axes.text(
                    1.01,
                    (low + high) / 200,
                    f"{stars}★",
                    transform=axes.transAxes,
                    color=MUTED,
                    fontsize=6.5,
                    va="center",
                    parse_math=False,
                )
            missing = [i for i, score in enumerate(scores) if score is None]
            for i in missing:
                axes.axvspan(i - 0.45, i + 0.45, color=NO_DATA, linewidth=0, zorder=0)
            known = [math.nan if score is None else float(score) for score in scores]
            axes.plot(
                positions, known, color=colour, linewidth=2, marker="o", markersize=3.5, zorder=3
            )
            if len(missing) == len(scores):
                axes.text(
                    0.5,
                    0.5,
                    no_data_label,
                    transform=axes.transAxes,
                    ha="center",
                    va="center",
                    color=MUTED,
                    parse_math=False,
                )
            axes.set_title(label, loc="left", color=colour, parse_math=False)
            axes.set_ylim(0, 104)
            axes.set_yticks([0, 50, 100])
            axes.set_xlim(-0.5, len(dates) - 0.5)
            axes.set_xticks(shown, [date_label(dates[i]) for i in shown])
            axes.tick_params(axis="x", labelsize=7)
            axes.tick_params(axis="y", labelsize=7)
        return _save(figure, name, title)


# -- the top ambassador chains --------------------------------------------------------


@dataclass(frozen=True)
class ChainRow:
    """One referral chain to draw: the people's names, ambassador first, and its revenue."""

    names: tuple[str, ...]
    cents: int
    revenue_label: str


def _short(name: str, limit: int) -> str:
    name = " ".join(name.split())  # no line breaks or runs of spaces from the data
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def chains_svg(chains: Sequence[ChainRow], *, title: str, name: str = "chains") -> str:
    """The top referral chains, one row each: who brought whom, arrows as wide as the revenue.

    The first person of a row, the ambassador, is drawn in the accent colour.

    Examples
    --------
    >>> svg = chains_svg([ChainRow(("Ilse", "Lotte", "Bas"), 3537800, "€35,378")],
    ...                  title="chains")
    >>> 'class="chart chart-chains"' in svg
    True
    """
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    longest = max((len(chain.names) for chain in chains), default=1)
    slots = max(3, longest)
    most = max((chain.cents for chain in chains), default=0) or 1
    limit = max(10, int(54 / slots))
    with _style():
        figure = _figure(0.5 * len(chains) + 0.3)
        axes = figure.add_axes((0.01, 0.02, 0.98, 0.96))
        axes.set_axis_off()
        axes.set_xlim(-0.55, slots + 0.75)
        axes.set_ylim(-len(chains) + 0.4, 0.6)
        for row, chain in enumerate(chains):
            y = -row
            width = 1.0 + 4.0 * chain.cents / most
            for column, person in enumerate(chain.names):
                first = column == 0
                axes.add_patch(
                    FancyBboxPatch(
                        (column - 0.4, y - 0.2),
                        0.8,
                        0.4,
                        boxstyle="round,pad=0.02,rounding_size=0.12",
                        facecolor=ACCENT if first else "#f5f7fa",
                        edgecolor=ACCENT if first else "#cbd2d9",
                        linewidth=0.8,
                    )
                )
                axes.text(
                    column,
                    y,
                    _short(person, limit),
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color="#ffffff" if first else INK,
                    parse_math=False,
                )
                if column:
                    axes.add_patch(
                        FancyArrowPatch(
                            (column - 1 + 0.43, y),
                            (column - 0.43, y),
                            arrowstyle="-|>",
                            mutation_scale=6 + 1.5 * width,
                            linewidth=width,
                            color=GOLD,
                            shrinkA=0,
                            shrinkB=0,
                        )
                    )
            axes.text(
                slots - 0.45,
                y,
                chain.revenue_label,
                ha="left",
                va="center",
                fontsize=8.5,
                fontweight="bold",
                parse_math=False,
            )
        return _save(figure, name, title)


# -- stars ----------------------------------------------------------------------------


def _star_points(cx: float, cy: float, outer: float) -> str:
    inner = outer * 0.42
    corners = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        corners.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return " ".join(corners)


def stars_svg(count: int, label: str, *, size: int = 18) -> str:
    """``count`` filled stars of five as a small SVG (no font needed, prints as drawn).

    Examples
    --------
    >>> svg = stars_svg(3, "3 of 5 stars")
    >>> svg.count('class="star on"'), svg.count('class="star off"')
    (3, 2)
    """
    count = max(0, min(5, int(count)))
    half = size / 2
    stars = "".join(
        f'<polygon class="star {"on" if k < count else "off"}" '
        f'points="{_star_points(half + k * size, half, half - 1)}" '
        f'fill="{GOLD if k < count else "none"}" stroke="{GOLD}" stroke-width="1.2"/>'
        for k in range(5)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stars" viewBox="0 0 {5 * size} {size}" '
        f'width="{5 * size}" height="{size}" role="img" aria-label="{escape_text(label)}">'
        f"<title>{escape_text(label)}</title>{stars}</svg>"
    )
