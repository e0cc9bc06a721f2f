"""The star report page in a real browser: offline, safe, drawn, and printed on A4."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from paths import EXAMPLE, EXAMPLE_AS_OF

import netgraph
from netgraph.pictures._report_page import write_report_html

pytestmark = pytest.mark.browser

A4_WIDTH_MM, MARGINS_MM = 210, 28  # the page's @page margins are 14 mm left and right
PX_PER_MM = 96 / 25.4
CONTENT_WIDTH = int((A4_WIDTH_MM - MARGINS_MM) * PX_PER_MM)  # 688 px

HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "</script><script>alert(2)</script>",
    "javascript:alert(3)",
    "`${alert(4)}` ' \" $x$",
]


@pytest.fixture(scope="module")
def example() -> netgraph.Network:
    return netgraph.load_network(EXAMPLE)


def _open_with_network(page_in_browser, path: Path, **size: int):
    """The page, opened and scrolled to its network frame until the frame has drawn."""
    visit = page_in_browser(path, **size)
    page = visit.page
    page.wait_for_load_state("load")
    frame_element = page.locator("section.network iframe")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    frame.wait_for_selector("#ng-canvas canvas", state="attached", timeout=15_000)
    page.wait_for_timeout(500)  # the frame draws once it is on screen
    return visit, frame


def _ink(png: bytes) -> float:
    """The share of pixels that are not (nearly) white."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    return sum(histogram[:235]) / max(1, sum(histogram))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_report_opens_offline_without_errors_and_draws_its_network(
    page_in_browser, example, tmp_path, artifacts, lang
):
    path = write_report_html(
        tmp_path / f"report-{lang}.html", example, as_of=EXAMPLE_AS_OF, lang=lang
    )
    visit, frame = _open_with_network(page_in_browser, path)
    assert visit.remote_requests == []
    assert visit.console_errors == [] and visit.page_errors == []
    # the frame's own script ran (the policy of the page around it lets it), and drew
    assert frame.text_content("#ng-search-label")
    drawn = visit.page.locator("section.network iframe").screenshot()
    assert _ink(drawn) > 0.02
    assert visit.page.locator("svg.chart").count() == 3
    assert visit.page.locator("article.card").count() == 4
    visit.page.screenshot(path=str(artifacts / f"report-page-{lang}.png"), full_page=True)


def test_the_report_prints_on_a4_with_every_chart_and_without_the_frame(
    page_in_browser, example, tmp_path, artifacts
):
    path = write_report_html(tmp_path / "report.html", example, as_of=EXAMPLE_AS_OF)
    visit = page_in_browser(path, width=CONTENT_WIDTH, height=1000)
    page = visit.page
    page.emulate_media(media="print")
    charts = page.locator("svg.chart")
    assert charts.count() == 3
    for i in range(3):
        chart = charts.nth(i)
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= CONTENT_WIDTH
        assert box["width"] > CONTENT_WIDTH / 2 and box["height"] > 100
    assert not page.locator("section.network iframe").is_visible()
    assert page.locator("section.network .print-only").is_visible()

    pdf = page.pdf(format="A4", print_background=True)
    (artifacts / "report-page-en.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 2 <= pages <= 8
    # each chart is on paper: taking it out makes the printed file smaller
    for name in ("lorenz", "trend", "chains"):
        page.evaluate(
            "name => document.querySelector('svg.chart-' + name).style.visibility = 'hidden'",
            name,
        )
        without = page.pdf(format="A4", print_background=True)
        page.evaluate(
            "name => document.querySelector('svg.chart-' + name).style.visibility = ''", name
        )
        assert len(without) < len(pdf) - 2_000, name


def test_names_that_are_markup_or_script_show_as_text(page_in_browser, tmp_path):
    people = [{"id": "me", "name": "Anna", "member": "yes"}]
    people += [{"id": f"p{i}", "name": name} for i, name in enumerate(HOSTILE)]
    network = netgraph.network_from_dict(
        {
            "people": people,
            "ties": [{"a": "me", "b": f"p{i}"} for i in range(len(HOSTILE))],
            "referrals": [{"date": "2026-01-05", "referrer": "p0", "referred": "p1"}],
            "invoices": [
                {"date": "2026-03-01", "client": "p1", "amount": "1500.00"},
                {"date": "2026-04-01", "client": "p3", "amount": "900.00"},
            ],
            "recommendations": [{"date": "2026-02-01", "by": "p2", "note": HOSTILE[1]}],
        }
    )
    path = write_report_html(tmp_path / "hostile.html", network, as_of=date(2026, 11, 1))
    visit, _ = _open_with_network(page_in_browser, path)
    assert visit.page_errors == [] and visit.console_errors == []  # no alert ran
    assert visit.remote_requests == []
    assert visit.page.locator("img").count() == 0
    cards = visit.page.locator("section.values").inner_text()
    assert HOSTILE[1] in cards  # a client's name, shown as the text it is
    assert visit.page.evaluate("document.querySelectorAll('script:not([type])').length") == 0


def test_a_notebook_shows_the_report_and_its_network_in_frames(page_in_browser, example, tmp_path):
    from netgraph.pictures._report_page import report_page

    shown = report_page(example, as_of=EXAMPLE_AS_OF)._repr_html_()
    host = tmp_path / "notebook.html"  # a notebook cell: the output HTML in a page of its own
    host.write_text(f"<!doctype html><meta charset=utf-8><div>{shown}</div>", encoding="utf-8")
    visit = page_in_browser(host)
    report = visit.page.locator("iframe").element_handle().content_frame()
    report.wait_for_selector("svg.chart-trend", state="attached")
    network = report.locator("section.network iframe").element_handle().content_frame()
    network.wait_for_selector("#ng-canvas canvas", state="attached", timeout=15_000)
    assert network.text_content("#ng-search-label")  # the innermost frame's script ran
    assert visit.remote_requests == []
    assert visit.console_errors == [] and visit.page_errors == []
