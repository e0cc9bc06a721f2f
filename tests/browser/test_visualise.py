"""The network page and the platform map in a real headless Chromium.

Each page (the example, a generated platform, and a network whose names and notes are
script and markup payloads) must ask nothing of the network, log no error, run no
injected script, show the payloads as text, draw something (pixels counted in a
screenshot), and answer a hover with a tooltip and a click with a highlight.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLE, EXAMPLE_AS_OF
from test_pictures_network import CHAIN_AS_OF, PAYLOADS, chain_network, hostile_network

import netgraph
from netgraph.cli._cli import main
from netgraph.pictures._network_page import write_network_html, write_platform_html

pytestmark = pytest.mark.browser
pytest.importorskip("pyvis")

DRAWN = "#ng-canvas[data-drawn=yes]"


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("platform") / "p"
    assert main(["generate", "--people", "3000", "--into", str(folder)], out=StringIO()) == 0
    return folder


def write_example(path: Path, _: Path) -> None:
    write_network_html(path, netgraph.load_network(EXAMPLE), as_of=EXAMPLE_AS_OF)


def write_hostile(path: Path, _: Path) -> None:
    write_network_html(path, netgraph.network_from_dict(hostile_network()), as_of=CHAIN_AS_OF)


def write_platform(path: Path, platform: Path) -> None:
    write_platform_html(path, netgraph.load_network(platform), as_of=EXAMPLE_AS_OF)


PAGES: dict[str, Callable[[Path, Path], None]] = {
    "example": write_example,
    "hostile": write_hostile,
    "platform": write_platform,
}


def drawn_pixels(png: bytes) -> float:
    """The share of pixels that are not (near) white."""
    image = pytest.importorskip("PIL.Image").open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / (image.width * image.height)


def node_on_screen(page: Any, node: int) -> tuple[float, float]:
    """Where a node is drawn, in the page's pixels."""
    spot = page.evaluate(
        """(id) => { const net = window.netgraphPage.network;
        return net.canvasToDOM(net.getPosition(id)); }""",
        node,
    )
    box = page.locator("#ng-canvas").bounding_box()
    return box["x"] + spot["x"], box["y"] + spot["y"]


def open_page(page_in_browser: Any, tmp_path: Path, platform: Path, which: str) -> Any:
    path = tmp_path / f"{which}.html"
    PAGES[which](path, platform)
    visit = page_in_browser(path)
    visit.page.wait_for_selector(DRAWN, timeout=30_000)
    return visit


@pytest.mark.parametrize("which", sorted(PAGES))
def test_a_page_draws_offline_without_errors(
    page_in_browser: Any, tmp_path: Path, platform: Path, artifacts: Path, which: str
) -> None:
    visit = open_page(page_in_browser, tmp_path, platform, which)
    page = visit.page
    shot = page.locator("#ng-canvas").screenshot()
    page.screenshot(path=str(artifacts / f"visualise-{which}.png"))
    assert drawn_pixels(shot) > 0.01
    assert visit.remote_requests == []
    assert visit.console_errors == []
    assert visit.page_errors == []
    assert page.evaluate("window.__pwned") is None


@pytest.mark.parametrize("which", sorted(PAGES))
def test_hover_shows_a_text_tooltip_and_click_highlights(
    page_in_browser: Any, tmp_path: Path, platform: Path, which: str
) -> None:
    visit = open_page(page_in_browser, tmp_path, platform, which)
    page = visit.page
    data = page.evaluate("window.netgraphPage.data")
    node = data["nodes"][1]
    x, y = node_on_screen(page, 1)
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    page.wait_for_selector("#ng-tip:not([hidden])", timeout=5_000)
    lines = page.locator("#ng-tip > div").all_text_contents()
    assert lines == node["tip"]
    assert page.locator("#ng-tip *:not(div)").count() == 0  # text only, no markup

    page.mouse.click(x, y)
    page.wait_for_selector('#ng-panel[data-node="1"]', timeout=5_000)
    assert page.locator("#ng-panel h3").text_content() == node["name"]
    panel = page.locator("#ng-panel p").all_text_contents()
    assert panel[: len(node["panel"])] == node["panel"]
    colours = page.evaluate("window.netgraphPage.network.body.data.nodes.get().map((n) => n.color)")
    lit = {1, *(n for c in node["chains"] for n in data["chains"][c]["nodes"])}
    for chain in node["chains"]:
        lit.update(data["chains"][chain]["nodes"])
    dimmed = [i for i, colour in enumerate(colours) if colour == "#e6e6e6"]
    assert set(dimmed).isdisjoint(lit)
    assert len(dimmed) >= len(colours) - len(lit) - 2 * len(node["chains"]) - 10
    assert visit.page_errors == [] and visit.console_errors == []
    assert page.evaluate("window.__pwned") is None


def test_clicking_an_ambassador_lists_their_chain(page_in_browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "chain.html"
    write_network_html(path, netgraph.network_from_dict(chain_network()), as_of=CHAIN_AS_OF)
    visit = page_in_browser(path)
    page = visit.page
    page.wait_for_selector(DRAWN)
    data = page.evaluate("window.netgraphPage.data")
    rob = next(n["id"] for n in data["nodes"] if n["person"] == "r")
    page.mouse.click(*node_on_screen(page, rob))
    page.wait_for_selector(f'#ng-panel[data-node="{rob}"]')
    assert page.locator("#ng-panel li").all_text_contents() == [
        "Rob \u2192 Ada \u2192 Ben: EUR 1,500.00"
    ]
    xia = next(n["id"] for n in data["nodes"] if n["person"] == "x")
    assert page.evaluate(f"window.netgraphPage.network.body.data.nodes.get({xia}).color") == (
        "#e6e6e6"
    )
    page.mouse.click(5, 5)  # outside the drawing: nothing changes
    page.mouse.click(*node_on_screen(page, 0))
    page.wait_for_selector('#ng-panel[data-node="0"]')


def test_search_finds_a_name_and_the_payloads_are_text(
    page_in_browser: Any, tmp_path: Path, platform: Path
) -> None:
    visit = open_page(page_in_browser, tmp_path, platform, "hostile")
    page = visit.page
    assert page.title() == f"Network of {PAYLOADS[0]}"
    for payload in PAYLOADS[:3]:
        page.fill("#ng-search", payload)
        page.press("#ng-search", "Enter")
        assert page.locator("#ng-panel h3").text_content() == payload
    page.fill("#ng-search", "nobody is called this")
    page.press("#ng-search", "Enter")
    assert page.locator("#ng-search-none").is_visible()
    assert page.evaluate("window.__pwned") is None
    assert visit.page_errors == [] and visit.console_errors == []


def test_colour_by_role_switches_the_legend(page_in_browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "example.html"
    write_network_html(path, netgraph.load_network(EXAMPLE), as_of=EXAMPLE_AS_OF, lang="nl")
    page = page_in_browser(path).page
    page.wait_for_selector(DRAWN)
    assert "groep 1" in page.locator("#ng-legend").text_content()
    page.check("input[value=role]")
    legend = page.locator("#ng-legend li").all_text_contents()
    assert "klant" in legend and "jij" in legend


def test_a_notebook_iframe_draws(page_in_browser: Any, tmp_path: Path) -> None:
    page_object = netgraph.pictures._network_page.network_page(
        netgraph.network_from_dict(hostile_network()), as_of=date(2024, 12, 31)
    )
    path = tmp_path / "notebook.html"
    path.write_text(
        f"<!doctype html><meta charset=utf-8>{page_object._repr_html_()}", encoding="utf-8"
    )
    visit = page_in_browser(path)
    frame = visit.page.frame_locator("iframe")
    frame.locator(DRAWN).wait_for(timeout=30_000)
    assert visit.remote_requests == [] and visit.page_errors == []


def test_the_platform_map_finds_a_group_by_its_central_people(
    page_in_browser: Any, tmp_path: Path, platform: Path
) -> None:
    visit = open_page(page_in_browser, tmp_path, platform, "platform")
    page = visit.page
    data = page.evaluate("window.netgraphPage.data")
    counts = Counter(name for node in data["nodes"] for name in node["search"])
    group, name = next(
        (node, name)
        for node in data["nodes"][1:]
        for name in node["search"][1:]
        if counts[name] == 1  # names repeat on a generated platform
    )
    page.fill("#ng-search", name)
    page.press("#ng-search", "Enter")
    page.wait_for_selector(f'#ng-panel[data-node="{group["id"]}"]')
    assert page.locator("#ng-panel h3").text_content() == group["name"]
    assert page.locator("#ng-panel p").all_text_contents() == group["panel"]
    assert group["search"] == group["panel"][1:]
