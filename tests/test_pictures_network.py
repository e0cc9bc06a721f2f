"""The network page and the platform map, without a browser: what is drawn, where, and safely.

A small network worked by hand (:func:`chain_network`):

* Mia is the member; Rob referred Ada to her, and Ada referred Ben: one chain
  Rob -> Ada -> Ben, whose clients Ada (1,000.00) and Ben (500.00) bring 1,500.00;
* Xia knows Ada only (two steps from Mia), Finn knows Xia only (three steps), Zoe
  knows nobody.

So the page shows Mia, Rob, Ada, Ben and Xia; Finn and Zoe are left out; the two
referrals are the chain's steps, each 1,500.00 wide.
"""

from __future__ import annotations

import html
import json
import math
import re
import shlex
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from paths import EXAMPLE, EXAMPLE_AS_OF
from strategies import AS_OF, networks

import netgraph
from netgraph.cli._cli import main
from netgraph.model._errors import ConfigError
from netgraph.output._messages import Messages
from netgraph.pictures._html import script_hash
from netgraph.pictures._network_page import (
    NetworkPage,
    member_view,
    network_html,
    network_page,
    platform_view,
    to_pyvis,
    write_network_html,
)
from netgraph.pictures._network_script import NETWORK_SCRIPT
from netgraph.pictures._network_words import NETWORK_WORDS
from netgraph.pictures._vis import VIS_NETWORK_LICENCE, vis_network_js

pytest.importorskip("pyvis")

CHAIN_AS_OF = date(2024, 12, 31)

PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=2</script>",
    "javascript:window.__pwned=3",
    "\"'`${window.__pwned=4}`",
    "<!-- <svg onload=window.__pwned=5>",
    "&lt;b&gt; &amp; \u2028 \u2029",
)


def chain_network() -> dict[str, Any]:
    return {
        "people": [
            {"id": "me", "name": "Mia", "member": "yes"},
            {"id": "r", "name": "Rob", "role": "partner"},
            {"id": "a", "name": "Ada", "role": "client", "organisation": "Acme"},
            {"id": "b", "name": "Ben", "role": "client"},
            {"id": "x", "name": "Xia"},
            {"id": "far", "name": "Finn"},
            {"id": "z", "name": "Zoe"},
        ],
        "ties": [
            {"a": "me", "b": "a"},
            {"a": "me", "b": "r"},
            {"a": "a", "b": "x", "strength": 5},
            {"a": "x", "b": "far"},
        ],
        "referrals": [
            {"date": "2024-03-01", "referrer": "r", "referred": "a"},
            {"date": "2024-04-01", "referrer": "a", "referred": "b"},
        ],
        "invoices": [
            {"date": "2024-05-01", "client": "a", "amount": "1000.00"},
            {"date": "2024-06-01", "client": "b", "amount": "500.00"},
        ],
    }


def hostile_network() -> dict[str, Any]:
    """Names, organisations, notes and groups that are script and markup payloads."""
    people = [{"id": "me", "name": PAYLOADS[0], "member": "yes", "organisation": PAYLOADS[1]}]
    for i, payload in enumerate(PAYLOADS):
        people.append(
            {
                "id": f"p{i}{payload[:8]}",
                "name": payload,
                "organisation": PAYLOADS[(i + 1) % len(PAYLOADS)],
                "role": "client",
                "why": payload,
            }
        )
    ids = [p["id"] for p in people]
    ties = [{"a": "me", "b": pid} for pid in ids[1:]]
    ties += [{"a": ids[i], "b": ids[i + 1]} for i in range(1, len(ids) - 1)]
    return {
        "people": people,
        "groups": [{"id": "g", "name": PAYLOADS[1]}],
        "memberships": [{"person": pid, "group": "g"} for pid in ids],
        "ties": ties,
        "referrals": [
            {"date": "2024-02-01", "referrer": ids[1], "referred": ids[2], "note": PAYLOADS[1]},
            {"date": "2024-02-02", "referrer": ids[2], "referred": ids[3], "note": PAYLOADS[0]},
        ],
        "invoices": [
            {"date": "2024-03-01", "client": ids[2], "amount": "700.00", "project": PAYLOADS[2]},
            {"date": "2024-03-01", "client": ids[3], "amount": "300.00"},
        ],
    }


def data_of(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="ng-data">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def chain_view() -> dict[str, Any]:
    return member_view(netgraph.network_from_dict(chain_network()), as_of=CHAIN_AS_OF)


def by_person(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["person"]: node for node in view["nodes"]}


# -- what is drawn -------------------------------------------------------------


def test_the_member_two_steps_out_and_the_chain_are_drawn(chain_view: dict[str, Any]) -> None:
    people = by_person(chain_view)
    assert chain_view["nodes"][0]["person"] == "me"
    assert set(people) == {"me", "r", "a", "b", "x"}
    assert (chain_view["shown"], chain_view["total"], chain_view["left_out"]) == (5, 5, 0)
    assert chain_view["note"] == "Everyone within two steps of Mia is shown: 5 people."


def test_the_chain_goes_from_the_ambassador_to_the_clients(chain_view: dict[str, Any]) -> None:
    people = by_person(chain_view)
    (chain,) = chain_view["chains"]
    assert chain["nodes"] == [people[p]["id"] for p in ("r", "a", "b")]
    assert chain["text"] == "Rob \u2192 Ada \u2192 Ben: EUR 1,500.00"
    steps = [chain_view["edges"][e] for e in chain["edges"]]
    assert [(e["from"], e["to"]) for e in steps] == [
        (people["r"]["id"], people["a"]["id"]),
        (people["a"]["id"], people["b"]["id"]),
    ]
    assert all(e["kind"] == "chain" and e["cents"] == 150_000 for e in steps)
    ties = [e for e in chain_view["edges"] if e["kind"] == "tie"]
    assert all(e["width"] < steps[0]["width"] for e in ties)


def test_a_referral_on_no_listed_chain_is_drawn_thin() -> None:
    data = chain_network()
    data["referrals"].append({"date": "2024-07-01", "referrer": "x", "referred": "z"})
    net = netgraph.network_from_dict(data)
    # a report that lists one chain only: Xia's referral of Zoe is on none listed
    report = netgraph.score_member(
        net, as_of=CHAIN_AS_OF, settings=netgraph.Settings(top_contributors=1)
    )
    view = member_view(net, as_of=CHAIN_AS_OF, report=report)
    people = by_person(view)
    pair = (people["x"]["id"], people["z"]["id"])
    (xz,) = [e for e in view["edges"] if (e["from"], e["to"]) == pair and e["kind"] != "tie"]
    assert (xz["kind"], xz["cents"], xz["width"]) == ("referral", 0, 1.0)
    kinds = [line["kind"] for line in view["legend"]["lines"]]
    assert kinds == ["tie", "chain", "referral", "size"]
    assert len(view["chains"]) == 1


def test_ties_are_as_wide_as_they_are_strong(chain_view: dict[str, Any]) -> None:
    assert [line["kind"] for line in chain_view["legend"]["lines"]] == ["tie", "chain", "size"]
    people = by_person(chain_view)
    widths = {(e["from"], e["to"]): e["width"] for e in chain_view["edges"] if e["kind"] == "tie"}
    a_x = widths[(people["a"]["id"], people["x"]["id"])]  # strength 5
    me_r = widths[(people["me"]["id"], people["r"]["id"])]  # strength 3 and a referral
    assert a_x > widths[(people["r"]["id"], people["a"]["id"])]  # a referral only
    assert me_r > 0.5


def test_rings_step_out_from_the_member(chain_view: dict[str, Any]) -> None:
    people = by_person(chain_view)
    radius = {p: math.hypot(n["x"], n["y"]) for p, n in people.items()}
    assert radius["me"] == 0
    assert max(radius[p] for p in "rab") < radius["x"]


def test_size_follows_the_contribution(chain_view: dict[str, Any]) -> None:
    people = by_person(chain_view)
    assert people["me"]["size"] > people["a"]["size"] > people["b"]["size"] > people["x"]["size"]


def test_tooltip_and_panel_say_what_a_person_brought(chain_view: dict[str, Any]) -> None:
    report = netgraph.score_member(netgraph.network_from_dict(chain_network()), as_of=CHAIN_AS_OF)
    (ada,) = [c for c in report.values["acquisition"].contributors if c.id == "a"]
    en = Messages("en")
    a = by_person(chain_view)["a"]
    assert a["tip"][:4] == ["Ada", "1 step from Mia", "organisation: Acme", "role: client"]
    assert a["tip"][4] == f"{en.percent(ada.share)} of your acquisition value"
    assert a["panel"] == [
        f"as a client: {en.money(ada.facts['as_client'], 'EUR')}",
        f"through the people they referred: {en.money(ada.facts['as_referrer'], 'EUR')}",
        "brought you: Ben",
    ]
    assert by_person(chain_view)["x"]["tip"][1] == "2 steps from Mia"
    assert by_person(chain_view)["me"]["chains"] == [0]


def test_the_cap_keeps_the_chain_and_says_what_was_left_out() -> None:
    net = netgraph.network_from_dict(chain_network())
    view = member_view(net, as_of=CHAIN_AS_OF, max_nodes=3)
    assert [n["person"] for n in view["nodes"]] == ["me", "r", "a"]
    assert (view["shown"], view["total"], view["left_out"]) == (3, 5, 2)
    assert "--max-nodes 5" in view["note"]
    assert view["chains"][0]["nodes"] == [1, 2]  # Ben is not drawn


def test_a_person_on_a_chain_is_drawn_however_far() -> None:
    data = chain_network()
    data["referrals"].append({"date": "2024-08-01", "referrer": "b", "referred": "far"})
    data["invoices"].append({"date": "2024-09-01", "client": "far", "amount": "100.00"})
    view = member_view(netgraph.network_from_dict(data), as_of=CHAIN_AS_OF)
    assert "far" in by_person(view)


def test_focus_on_a_value_or_a_person() -> None:
    net = netgraph.network_from_dict(chain_network())
    financial = by_person(member_view(net, as_of=CHAIN_AS_OF, focus="financial"))
    assert financial["r"]["size"] == financial["x"]["size"]  # Rob brought no invoice
    legend = member_view(net, as_of=CHAIN_AS_OF, focus="financial", lang="nl")["legend"]
    assert legend["lines"][-1]["text"] == "groter: een groter deel van je financiële waarde"
    view = member_view(net, as_of=CHAIN_AS_OF, focus="a")
    assert view["selected"] == by_person(view)["a"]["id"]
    with pytest.raises(ConfigError, match="nobody"):
        member_view(net, as_of=CHAIN_AS_OF, focus="nobody")


@pytest.mark.parametrize(
    ("option", "value"),
    [("lang", "de"), ("max_nodes", 1), ("max_nodes", True), ("color_by", "size")],
)
def test_bad_options_are_refused(option: str, value: Any) -> None:
    net = netgraph.network_from_dict(chain_network())
    with pytest.raises(ConfigError, match=option):
        member_view(net, as_of=CHAIN_AS_OF, **{option: value})


def test_a_report_given_is_used_and_must_be_of_the_member() -> None:
    net = netgraph.network_from_dict(chain_network())
    report = netgraph.score_member(net, as_of=CHAIN_AS_OF)
    view = member_view(net, as_of=CHAIN_AS_OF, report=report)
    assert view["chains"][0]["text"].endswith("EUR 1,500.00")
    with pytest.raises(ConfigError, match="report"):
        member_view(net, "r", as_of=CHAIN_AS_OF, report=report)


# -- safe and repeatable -------------------------------------------------------


def test_the_same_input_and_seed_give_the_same_bytes() -> None:
    net = netgraph.load_network(EXAMPLE)
    first = network_html(net, as_of=EXAMPLE_AS_OF, seed=3)
    again = network_html(netgraph.load_network(EXAMPLE), as_of=EXAMPLE_AS_OF, seed=3)
    assert first == again
    other = network_html(net, as_of=EXAMPLE_AS_OF, seed=4)
    assert data_of(other)["nodes"] != data_of(first)["nodes"]


def test_hostile_text_is_data_never_markup() -> None:
    page = network_html(netgraph.network_from_dict(hostile_network()), as_of=CHAIN_AS_OF)
    block = re.search(r'<script type="application/json" id="ng-data">(.*?)</script>', page, re.S)
    assert block is not None and not set("<>&") & set(block.group(1))
    assert set(PAYLOADS) <= {n["name"] for n in data_of(page)["nodes"]}
    markup = page.replace(block.group(0), "").replace(vis_network_js(), "")
    markup = markup.replace(NETWORK_SCRIPT, "")
    for tag in ("<img", "<svg", "<script>window", "<!-- <"):
        assert tag not in markup
    title = "Network of &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"
    assert f"<title>{title}</title>" in markup


def test_the_policy_forbids_requests_and_lets_only_our_scripts_run() -> None:
    page = network_html(netgraph.network_from_dict(chain_network()), as_of=CHAIN_AS_OF)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    assert rules["default-src"] == "'none'" and rules["connect-src"] == "'none'"
    assert rules["img-src"] == "data:"
    assert set(rules["script-src"].split()) == {
        script_hash(vis_network_js()),
        script_hash(NETWORK_SCRIPT),
    }
    assert "http://" not in page.replace(vis_network_js(), "")
    assert "https://" not in page.replace(vis_network_js(), "")


def test_the_licence_of_the_bundle_is_in_the_package_and_in_the_page() -> None:
    assert "MIT License" in VIS_NETWORK_LICENCE and "Apache" in VIS_NETWORK_LICENCE
    page = network_html(netgraph.network_from_dict(chain_network()), as_of=CHAIN_AS_OF)
    assert "vis.js is dual licensed" in page


def test_writing_touches_only_the_file_and_changes_no_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    net = netgraph.network_from_dict(chain_network())
    before = net.canonical()
    out = tmp_path / "out" / "page.html"
    out.parent.mkdir()
    assert write_network_html(out, net, as_of=CHAIN_AS_OF) == out
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["out", "page.html"]
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    drawing = to_pyvis(net, as_of=CHAIN_AS_OF)
    assert len(drawing.nodes) == 5 and len(drawing.edges) == len(
        member_view(net, as_of=CHAIN_AS_OF)["edges"]
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["out", "page.html"]
    assert net.canonical() == before
    assert capsys.readouterr() == ("", "")


def test_a_notebook_shows_the_page_in_an_iframe() -> None:
    page = network_page(netgraph.network_from_dict(hostile_network()), as_of=CHAIN_AS_OF)
    assert isinstance(page, NetworkPage)
    shown = page._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and shown.endswith("></iframe>")
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', shown)
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)) == page.html


def test_both_languages_say_the_same_things() -> None:
    en, nl = NETWORK_WORDS["en"], NETWORK_WORDS["nl"]
    assert en.keys() == nl.keys()
    fields = re.compile(r"{(\w*)}")
    for key in en:
        assert set(fields.findall(en[key])) == set(fields.findall(nl[key])), key
    net = netgraph.network_from_dict(chain_network())
    view = member_view(net, as_of=CHAIN_AS_OF, lang="nl")
    assert view["title"] == "Netwerk van Mia"
    assert view["note"] == "Iedereen binnen twee stappen van Mia staat erop: 5 personen."
    assert by_person(view)["a"]["panel"][0].startswith("als klant: \u20ac ")


# -- the platform map ----------------------------------------------------------


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("platform") / "p"
    assert main(["generate", "--people", "3000", "--into", str(folder)], out=StringIO()) == 0
    return folder


def test_the_platform_map_counts_everyone_once(platform: Path) -> None:
    net = netgraph.load_network(platform)
    view = platform_view(net, as_of=EXAMPLE_AS_OF)
    labels = netgraph.metrics.communities(netgraph.to_networkx(net, as_of=EXAMPLE_AS_OF), seed=0)
    assert view["total"] == len(labels)
    people = sum(int(n["tip"][0].split("(")[1].split()[0].replace(",", "")) for n in view["nodes"])
    assert people == net.size
    sizes = [n["size"] for n in view["nodes"]]
    assert sizes == sorted(sizes, reverse=True)
    assert all(0 <= e["from"] < len(sizes) and 0 <= e["to"] < len(sizes) for e in view["edges"])


def test_to_pyvis_draws_the_platform_map_too(platform: Path) -> None:
    net = netgraph.load_network(platform)
    view = platform_view(net, as_of=EXAMPLE_AS_OF, max_nodes=20)
    drawing = to_pyvis(net, as_of=EXAMPLE_AS_OF, platform=True, max_nodes=20)
    assert [n["title"].splitlines() for n in drawing.nodes] == [n["tip"] for n in view["nodes"]]
    assert [(e["from"], e["to"]) for e in drawing.edges] == [
        (e["from"], e["to"]) for e in view["edges"]
    ]


def test_the_platform_map_is_capped(platform: Path) -> None:
    net = netgraph.load_network(platform)
    view = platform_view(net, as_of=EXAMPLE_AS_OF, max_nodes=5)
    assert view["shown"] == 5 and view["left_out"] == view["total"] - 5
    assert "--max-nodes" in view["note"]
    central = view["nodes"][0]["panel"]
    assert central[0] == "Most central people" and 1 < len(central) <= 11


# -- the command line ----------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_visualise_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "network.html"
    code, out, err = run("visualise", str(EXAMPLE), "--as-of", "2026-11-01", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"wrote {target}: 169 of 169 people drawn\n"
    assert target.read_text(encoding="utf-8") == network_html(
        netgraph.load_network(EXAMPLE), as_of=EXAMPLE_AS_OF
    )


def test_visualise_to_standard_output_in_dutch_with_a_cap(tmp_path: Path) -> None:
    code, out, err = run(
        "visualise",
        str(EXAMPLE),
        "--as-of",
        "2026-11-01",
        "-o",
        "-",
        "--lang",
        "nl",
        "--max-nodes",
        "20",
    )
    assert code == 0 and out.startswith("<!doctype html>") and '<html lang="nl">' in out
    assert data_of(out)["shown"] == 20
    assert err == ""


def test_visualise_platform(tmp_path: Path, platform: Path) -> None:
    target = tmp_path / "map.html"
    code, out, _ = run(
        "visualise", str(platform), "--platform", "--as-of", "2026-11-01", "-o", str(target)
    )
    assert code == 0 and out.startswith(f"wrote {target}: ")
    assert data_of(target.read_text(encoding="utf-8"))["kind"] == "platform"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--platform", "--member", "sanne"], "--platform"),
        (["--focus", "nobody"], "nobody"),
        (["--member", "nobody"], "nobody"),
        (["--max-nodes", "1"], "at least 2"),
    ],
)
def test_visualise_refuses_what_it_cannot_draw(
    tmp_path: Path, argv: list[str], message: str
) -> None:
    code, _, err = run("visualise", str(EXAMPLE), "-o", str(tmp_path / "x.html"), *argv)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


# -- properties ----------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(data=networks(max_people=10))
def test_any_network_gives_a_consistent_view(data: dict[str, Any]) -> None:
    net = netgraph.network_from_dict(data)
    view = member_view(net, as_of=AS_OF, max_nodes=6)
    nodes = view["nodes"]
    assert 1 <= len(nodes) <= 6 and nodes[0]["person"] == "m0"
    assert (nodes[0]["x"], nodes[0]["y"]) == (0.0, 0.0)
    assert [n["id"] for n in nodes] == list(range(len(nodes)))
    assert len({n["person"] for n in nodes}) == len(nodes)
    assert all(0 <= e["from"] < len(nodes) and 0 <= e["to"] < len(nodes) for e in view["edges"])
    assert view["shown"] + view["left_out"] == view["total"]
    for chain in view["chains"]:
        assert all(view["edges"][e]["kind"] == "chain" for e in chain["edges"])
    assert member_view(net, as_of=AS_OF, max_nodes=6) == view


# -- the README's commands, exactly as a user types them -----------------------

README_COMMANDS = (
    "netgraph visualise examples/freelancer --as-of 2026-11-01 -o network.html",
    "netgraph visualise examples/freelancer --as-of 2026-11-01 --lang nl --color-by role "
    "--focus c011 -o netwerk.html",
    "netgraph generate --people 10000 --into platform",
    "netgraph visualise platform --platform --as-of 2026-11-01 -o platform.html",
)


def test_the_readme_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "examples").symlink_to(EXAMPLE.parent, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for command in README_COMMANDS:
        program, *argv = shlex.split(command)
        assert program == "netgraph"
        code, _, err = run(*argv)
        assert code == 0, (command, err)
    assert data_of(Path("netwerk.html").read_text(encoding="utf-8"))["color_by"] == "role"
    platform_map = data_of(Path("platform.html").read_text(encoding="utf-8"))
    assert platform_map["kind"] == "platform" and platform_map["title"].startswith(
        "Platform map: 10,000 people in "
    )


def test_without_pyvis_the_command_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netgraph.pictures import _vis

    real = _vis.importlib.import_module

    def no_pyvis(name: str, package: str | None = None) -> Any:
        if name.split(".")[0] == "pyvis":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(_vis.importlib, "import_module", no_pyvis)
    _vis.vis_network_js.cache_clear()
    try:
        code, out, err = run(
            "visualise", str(EXAMPLE), "--as-of", "2026-11-01", "-o", str(tmp_path / "x.html")
        )
    finally:
        _vis.vis_network_js.cache_clear()
    assert (code, out) == (1, "")
    assert "pip install 'pyvis>=0.3.2'" in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()
