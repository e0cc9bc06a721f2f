"""The star report page and its charts, without a browser (see tests/browser for one)."""

from __future__ import annotations

import io
import re
import shlex
import shutil
from datetime import date

import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import EXAMPLE, EXAMPLE_AS_OF
from strategies import AS_OF, networks

import netgraph
from netgraph.cli._cli import main
from netgraph.output._messages import placeholders
from netgraph.pictures._charts import ChainRow, chains_svg, lorenz_svg, stars_svg, trend_svg
from netgraph.pictures._report_page import ReportPage, report_html, report_page, write_report_html
from netgraph.pictures._report_words import WORDS_EN, WORDS_NL, PageMessages

CHART = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink'

HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "</script><script>alert(2)</script>",
    "javascript:alert(3)",
    "Quote ' \" ` $\\frac{1}{0}$ & more",
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def example() -> netgraph.Network:
    return netgraph.load_network(EXAMPLE)


@pytest.fixture(scope="module")
def page_en(example) -> str:
    return report_html(example, as_of=EXAMPLE_AS_OF)


def hostile_network() -> netgraph.Network:
    """Clients and ambassadors whose names and notes are markup and script."""
    people = [{"id": "me", "name": "Anna <b>Bold</b>", "member": "yes"}]
    people += [{"id": f"p{i}", "name": name} for i, name in enumerate(HOSTILE)]
    return netgraph.network_from_dict(
        {
            "people": people,
            "ties": [{"a": "me", "b": f"p{i}"} for i in range(len(HOSTILE))],
            "referrals": [
                {"date": "2026-01-05", "referrer": "p0", "referred": "p1", "note": HOSTILE[1]},
                {"date": "2026-02-05", "referrer": "p1", "referred": "p2"},
            ],
            "invoices": [
                {"date": "2026-03-01", "client": "p1", "amount": "1500.00"},
                {"date": "2026-04-01", "client": "p2", "amount": "2500.50"},
                {"date": "2026-05-01", "client": "p3", "amount": "800.00"},
            ],
            "recommendations": [{"date": "2026-02-01", "by": "p0", "note": HOSTILE[0]}],
        }
    )


# -- the words ------------------------------------------------------------------------


def test_both_languages_have_the_same_words_and_placeholders():
    assert WORDS_EN.keys() == WORDS_NL.keys()
    for key in WORDS_EN:
        assert placeholders(WORDS_EN[key]) == placeholders(WORDS_NL[key]), key
        assert isinstance(WORDS_EN[key], str) == isinstance(WORDS_NL[key], str), key


@pytest.mark.parametrize(
    ("lang", "cents", "currency", "expected"),
    [
        ("en", 11768700, "EUR", "€117,687"),
        ("nl", 11768700, "EUR", "€ 117.687"),
        ("en", 11768750, "EUR", "€117,688"),  # half a euro rounds up
        ("nl", 11768749, "EUR", "€ 117.687"),
        ("en", -150, "EUR", "-€2"),
        ("nl", 120000, "USD", "USD 1.200"),
        ("en", 99, None, "1"),
    ],
)
def test_money_on_the_page_is_in_whole_units_the_language_s_way(lang, cents, currency, expected):
    assert PageMessages(lang).money(cents, currency) == expected


# -- the charts -----------------------------------------------------------------------


def _lorenz() -> str:
    return lorenz_svg(
        [[0, 0], [0.5, 0.1], [0.9, 0.3], [1, 1]],
        pareto=(0.2, 0.75),
        title="80/20",
        x_label="contacts",
        y_label="revenue",
        equal_label="equal",
        point_label="20% of contacts: 75% of revenue",
    )


def _trend() -> str:
    days = [date(2026, 2, 1), date(2026, 5, 1), date(2026, 8, 1)]
    series = [
        ("acquisition", "Acquisition", [None, 40.0, 55.5]),
        ("knowledge", "Knowledge", [None, None, None]),
    ]
    return trend_svg(
        days,
        series,
        thresholds=(20, 40, 60, 80),
        title="trend",
        no_data_label="not enough data",
        date_label=lambda d: d.isoformat(),
    )


def _chains() -> str:
    rows = [
        ChainRow(tuple(HOSTILE[:3]), 400050, "€4,001"),
        ChainRow(("A very long name that does not fit in a box at all", "B"), 80000, "€800"),
    ]
    return chains_svg(rows, title="chains <b>")


@pytest.mark.parametrize("draw", [_lorenz, _trend, _chains])
def test_a_chart_is_byte_identical_when_drawn_again(draw):
    assert draw() == draw()


def test_drawing_leaves_the_caller_s_matplotlib_settings_as_they_were():
    before = dict(matplotlib.rcParams)
    _lorenz(), _trend(), _chains()
    after = dict(matplotlib.rcParams)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {}
    assert matplotlib.rcParams["svg.hashsalt"] is None  # the default, not ours


@pytest.mark.parametrize("draw", [_lorenz, _trend, _chains])
def test_a_chart_is_an_inline_svg_with_its_own_ids_and_no_outside_reference(draw):
    svg = draw()
    assert svg.startswith(CHART) and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<style" not in svg
    assert "<!--" not in svg  # matplotlib's comments repeat the labels as text
    name = re.search(r'class="chart chart-(\w+)"', svg).group(1)
    ids = re.findall(r'id="([^"]+)"', svg)
    assert ids and all(i.startswith(f"{name}-") for i in ids)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'(?:href="#|url\(#)([^")]+)', svg):
        assert target in ids
    # text is drawn as glyph paths: no font needed, and no name is in the SVG as text
    assert "<text" not in svg
    assert re.findall(r"https?://[^\"']+", svg) == [
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    ]


def test_names_with_markup_and_math_signs_are_drawn_not_interpreted():
    svg = _chains()
    for payload in HOSTILE:
        assert payload not in svg
    assert "<title>chains &lt;b&gt;</title>" in svg
    assert 'aria-label="chains &lt;b&gt;"' in svg


def test_a_series_without_data_is_a_grey_band_not_a_line_at_zero():
    svg = _trend()
    # the knowledge panel has three grey bands, the acquisition panel one
    assert svg.count("fill: #eceff1") == 4


def test_stars_are_filled_up_to_the_count():
    svg = stars_svg(4, "4 of 5 stars")
    assert svg.count('class="star on"') == 4 and svg.count('class="star off"') == 1
    assert 'aria-label="4 of 5 stars"' in svg


# -- the page -------------------------------------------------------------------------


def test_the_page_holds_every_part_of_the_report(page_en):
    assert page_en.startswith("<!doctype html>")
    assert "<title>Network value of Sanne de Vries</title>" in page_en
    assert page_en.count(CHART) == 3  # the Lorenz curve, the trend, the chains
    for value in ("acquisition", "recommendation", "financial", "knowledge"):
        assert f'class="card value-{value}"' in page_en
    assert page_en.count('<svg xmlns="http://www.w3.org/2000/svg" class="stars"') == 4
    assert "revenue €117,687 from 15 clients" in page_en
    assert "6% of your contacts (9 people) bring 80% of the revenue" in page_en
    assert "The values over the last 8 quarters" in page_en
    assert page_en.count("<tr><td>1 ") == 9  # one trend row per quarterly date
    assert "Measure client satisfaction" in page_en and "next step" in page_en
    assert '<iframe srcdoc="&lt;!doctype html&gt;' in page_en
    assert 'sandbox="allow-scripts"' in page_en
    assert "@page { size: A4;" in page_en
    assert re.search(r"@media print \{[^@]*\.no-print \{ display: none", page_en)


def test_the_dutch_page_reads_dutch_with_dutch_money(example):
    page = report_html(example, as_of=EXAMPLE_AS_OF, lang="nl", interactive=False)
    assert '<html lang="nl">' in page
    assert "<title>Netwerkwaarde van Sanne de Vries</title>" in page
    assert "omzet € 117.687 van 15 klanten" in page
    assert "6% van je contacten (9 personen) brengt 80% van de omzet" in page
    assert "De waarden over de afgelopen 8 kwartalen" in page
    assert "Aanbrengwaarde" in page and "Financiële waarde" in page
    assert "Meet de tevredenheid van je klanten" in page
    assert "Value" not in page and "revenue" not in page


def test_the_same_input_and_seed_give_the_same_bytes(example, page_en):
    assert report_html(example, as_of=EXAMPLE_AS_OF) == page_en


def test_every_trend_row_on_the_page_is_the_score_of_that_date(example):
    page = report_html(example, as_of=EXAMPLE_AS_OF, interactive=False)
    first = netgraph.score_member(example, as_of=date(2024, 11, 1)).values["financial"]
    assert first.score is not None
    row = re.search(r"<tr><td>1 November 2024</td>(.*?)</tr>", page).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[2].startswith(f"{first.score:.0f} ")


def test_values_without_data_say_so_in_grey_without_stars():
    lonely = netgraph.network_from_dict({"people": [{"id": "me", "name": "Anna", "member": "yes"}]})
    page = report_html(lonely, as_of=date(2026, 11, 1), interactive=False)
    assert page.count('<span class="no-data">not enough data</span>') == 4
    assert 'class="stars"' not in page and "★" not in page
    assert "no invoices yet: the data cannot show which part of the network brings revenue" in page
    assert "No revenue in the last twelve months, so there is no curve to draw." in page
    assert "No referral chains yet" in page
    assert page.count(CHART) == 1  # only the trend, with its grey bands
    assert page.count('class="no-data-cell">not enough data</td>') == 4 * 9


def test_user_text_is_escaped_everywhere_on_the_page():
    page = report_html(hostile_network(), as_of=date(2026, 11, 1))
    outside_frame = re.sub(r'<iframe srcdoc="[^"]*"', "<iframe", page)
    for payload in HOSTILE:
        if re.search(r"[<>&\"']", payload):
            assert payload not in outside_frame
    assert "javascript:alert(3)" in outside_frame  # as text, and in no link
    assert not re.search(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", outside_frame)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in outside_frame
    assert "<b>Bold</b>" not in outside_frame and "Anna &lt;b&gt;Bold&lt;/b&gt;" in page
    # the only scripts of the page around the frame are none at all
    assert "<script>" not in outside_frame


def test_the_notebook_shows_the_page_in_a_sandboxed_frame(example):
    page = report_page(example, as_of=EXAMPLE_AS_OF, interactive=False)
    assert isinstance(page, ReportPage)
    shown = page._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!doctype html&gt;')
    assert 'sandbox="allow-scripts"' in shown and 'title="Network value of Sanne de Vries"' in shown


def test_writing_the_page_writes_that_file_only(example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = write_report_html("r.html", example, as_of=EXAMPLE_AS_OF, interactive=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


# -- the command ----------------------------------------------------------------------


def test_the_command_writes_the_page(tmp_path):
    target = tmp_path / "report.html"
    code, out, err = run("report", str(EXAMPLE), "--as-of", "2026-11-01", "-o", str(target))
    assert code == 0, err
    assert out == f"wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    assert page.count(CHART) == 3 and "<iframe srcdoc=" in page


def test_the_command_in_dutch_to_standard_output():
    code, out, err = run("report", str(EXAMPLE), "--as-of", "2026-11-01", "--lang", "nl", "-o", "-")
    assert code == 0, err
    assert out.startswith("<!doctype html>") and "Netwerkwaarde van Sanne de Vries" in out


def test_the_command_names_an_unknown_member(tmp_path):
    code, out, err = run(
        "report", str(EXAMPLE), "--as-of", "2026-11-01", "--member", "x", "-o", str(tmp_path / "r")
    )
    assert code == 2 and "unknown member 'x'" in err and not out
    assert not (tmp_path / "r").exists()


def test_an_unknown_language_is_a_clear_error(example):
    with pytest.raises(netgraph.ConfigError, match="lang must be one of en, nl"):
        report_html(example, as_of=EXAMPLE_AS_OF, lang="de", interactive=False)


@settings(max_examples=15, deadline=None)
@given(networks(), st.sampled_from(["en", "nl"]))
def test_any_valid_network_gives_a_whole_page_with_four_cards(data, lang):
    network = netgraph.network_from_dict(data)
    page = report_html(network, as_of=AS_OF, lang=lang, interactive=False)
    assert page.startswith("<!doctype html>") and page.endswith("</html>\n")
    assert page.count('<article class="card value-') == 4
    report = netgraph.score_member(network, as_of=AS_OF)
    stars = [v.stars for v in report.values.values() if v.stars is not None]
    assert page.count('class="stars"') == len(stars)
    assert page.count('<span class="no-data">') == 4 - len(stars)
    # the trend chart always, the Lorenz curve and the chains picture when they have data
    assert 1 <= page.count(CHART) <= 3


# the commands the README shows, run word for word in a copy of the repository's example
README_REPORT_COMMANDS = [
    "netgraph report examples/freelancer --as-of 2026-11-01 -o report.html",
    "netgraph report examples/freelancer --as-of 2026-11-01 --lang nl -o rapport.html",
]


def test_the_readme_report_commands_write_their_pages(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "freelancer")
    monkeypatch.chdir(tmp_path)
    for command, name, title in zip(
        README_REPORT_COMMANDS,
        ["report.html", "rapport.html"],
        ["Network value of Sanne de Vries", "Netwerkwaarde van Sanne de Vries"],
        strict=True,
    ):
        code, out, err = run(*shlex.split(command)[1:])
        assert code == 0 and out == f"wrote {name}\n", err
        assert f"<title>{title}</title>" in (tmp_path / name).read_text(encoding="utf-8")


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from netgraph.advice._trend import trend
    from netgraph.pictures._report_page import report_page

    # the README's example, with the names it has once netgraph exports them
    network = netgraph.load_network(EXAMPLE)
    page = report_page(network, as_of=date(2026, 11, 1), lang="nl")
    page.save("rapport.html")
    series = trend(network, start=date(2024, 11, 1), end=date(2026, 11, 1))
    assert [row.values["financial"].stars for row in series.rows][-1] == 5
    assert (tmp_path / "rapport.html").stat().st_size > 100_000
