"""netgraph whatif: the values after some additions, scored on a copy of the network."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import EXAMPLE, EXAMPLE_AS_OF
from strategies import AS_OF, coach_networks, networks

import netgraph
from netgraph.advice._advice_words import render_whatif
from netgraph.advice._whatif import Change, what_if
from netgraph.cli._cli import main
from netgraph.model._errors import ConfigError
from netgraph.model._schema import SECTION_BY_NAME


def small() -> netgraph.Network:
    return netgraph.network_from_dict(
        {
            "people": [
                {"id": "me", "name": "Mira", "member": "yes"},
                {"id": "c", "name": "Cas", "role": "client"},
                {"id": "d", "name": "Dirk", "role": "peer"},
            ],
            "groups": [
                {"id": "g", "name": "Kring", "kind": "intervision"},
                {"id": "mine", "name": "Club", "kind": "network club"},
            ],
            "memberships": [{"person": "me", "group": "mine", "since": "2020-01-01"}],
            "ties": [{"a": "me", "b": "c"}],
            "invoices": [{"date": "2025-03-01", "client": "c", "amount": "900.00"}],
        }
    )


def test_an_invoice_raises_the_financial_value_and_the_network_stays_as_it_was():
    network = small()
    kept = network.canonical()
    result = what_if(network, as_of=AS_OF, changes=[Change.invoice("c", "20000.00")])
    delta = result.deltas["financial"]
    assert delta.score_after > delta.score_before and delta.score == round(
        delta.score_after - delta.score_before, 1
    )
    assert result.after.values["acquisition"].numbers["revenue"] == "20900.00"
    assert network.canonical() == kept


def test_joining_an_intervision_group_raises_the_knowledge_value_and_its_stars():
    result = what_if(small(), as_of=AS_OF, changes=[Change.join("g")])
    knowledge = result.deltas["knowledge"]
    assert knowledge.score_after > knowledge.score_before
    assert knowledge.score > 0 and knowledge.stars == 1
    assert "+1 ★" in render_whatif(result, "en")


def test_a_value_without_data_before_has_no_change_but_says_why():
    network = netgraph.network_from_dict(
        {
            "people": [{"id": "me", "name": "Mira", "member": "yes"}, {"id": "c", "name": "Cas"}],
            "groups": [{"id": "g", "name": "Kring", "kind": "intervision"}],
        }
    )
    result = what_if(network, as_of=AS_OF, changes=[Change.join("g")])
    knowledge = result.deltas["knowledge"]
    assert knowledge.score_before is None and knowledge.score_after is not None
    assert knowledge.score is None and knowledge.stars is None
    assert "not enough data" in render_whatif(result, "en")
    assert "te weinig gegevens" in render_whatif(result, "nl")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Change.join("nope"), "unknown group 'nope'"),
        (Change.join("mine"), "'me' is a member of 'mine' already"),
        (Change.recommendation("nobody"), "unknown person 'nobody'"),
        (Change.tie("me", "c"), "have a tie already"),
        (Change.tie("c", "c"), "with themselves"),
        (Change.invoice("c", "12,50"), "expected an amount like 1200.00"),
        (Change.invoice("c", "-5.00"), "above 0"),
        (Change.invoice("c", "1.005"), "at most two decimals"),
    ],
)
def test_a_change_naming_nothing_known_is_a_clear_error(change, message):
    with pytest.raises(ConfigError, match=message):
        what_if(small(), as_of=AS_OF, changes=[change])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=coach_networks())
def test_a_what_if_that_adds_nothing_changes_nothing(data):
    result = what_if(netgraph.network_from_dict(data), as_of=AS_OF, changes=[])
    assert result.after.to_dict() == result.before.to_dict()
    for delta in result.deltas.values():
        assert delta.score in (0.0, None) and delta.stars in (0, None)


@st.composite
def with_changes(draw: st.DrawFn) -> tuple[dict[str, Any], list[Change]]:
    data = draw(st.one_of(networks(), coach_networks()))
    people = [p["id"] for p in data["people"] if p["id"] != "m0"]
    tied = {frozenset((t["a"], t["b"])) for t in data.get("ties", [])}
    free = [
        (a, b) for a in ["m0", *people] for b in people if a < b and frozenset((a, b)) not in tied
    ]
    changes: list[Change] = []
    if free:
        for a, b in draw(st.lists(st.sampled_from(free), max_size=2, unique=True)):
            changes.append(Change.tie(a, b))
    mine = {m["group"] for m in data.get("memberships", []) if m["person"] == "m0"}
    groups = [g["id"] for g in data.get("groups", []) if g["id"] not in mine]
    if groups and draw(st.booleans()):
        changes.append(Change.join(draw(st.sampled_from(groups))))
    for by in draw(st.lists(st.sampled_from(people), max_size=2)):
        changes.append(Change.recommendation(by))
    for client in draw(st.lists(st.sampled_from(people), max_size=2)):
        cents = draw(st.integers(1, 5_000_000))
        changes.append(Change.invoice(client, f"{cents // 100}.{cents % 100:02d}"))
    return data, changes


_FILES = {"tie": "ties", "join": "memberships", "recommendation": "recommendations"}


def _write_into(folder: Path, changes: list[Change], currency: str) -> None:
    """Append the changes to the network's CSV files, as a user would type them in."""
    day = AS_OF.isoformat()
    for change in changes:
        section = _FILES.get(change.kind, "invoices")
        row = {
            "tie": {"a": change.subject, "b": change.other, "since": day},
            "join": {"person": "m0", "group": change.subject, "since": day},
            "recommendation": {"date": day, "by": change.subject, "member": "m0"},
            "invoice": {
                "date": day,
                "client": change.subject,
                "amount": change.amount,
                "member": "m0",
                "currency": currency,
            },
        }[change.kind]
        path = folder / f"{section}.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as file:
                header = next(csv.reader(file))
        else:
            header = list(SECTION_BY_NAME[section].field_names)
            path.write_text(",".join(header) + "\n", encoding="utf-8")
        with path.open("a", encoding="utf-8", newline="") as file:
            csv.DictWriter(file, header, restval="").writerow(row)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=with_changes())
def test_a_what_if_equals_scoring_the_network_with_the_additions_written_in(case, tmp_path_factory):
    data, changes = case
    network = netgraph.network_from_dict(data)
    result = what_if(network, as_of=AS_OF, changes=changes)
    folder = tmp_path_factory.mktemp("whatif")
    netgraph.write_folder(network, folder)
    currency = result.before.values["financial"].numbers["currency"]
    _write_into(folder, changes, currency)
    written = netgraph.score_member(netgraph.load_network(folder), "m0", as_of=AS_OF)
    assert result.after.to_dict() == written.to_dict()


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


WHATIF = (
    "whatif",
    str(EXAMPLE),
    "--as-of",
    "2026-11-01",
    "--add-tie",
    "c001,c002",
    "--join",
    "g4",
    "--add-recommendation",
    "c050",
    "--add-invoice",
    "c012,8000.00",
)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (
            (),
            (
                "What if, for Sanne de Vries",
                "an invoice to Daan de Graaf (c012) of EUR 8,000.00",
                "Financial",
                "90.6 ★★★★★",
                "92.7 ★★★★★",
                "+2.1",
            ),
        ),
        (
            ("--lang", "nl"),
            (
                "Wat als, voor Sanne de Vries",
                "een factuur aan Daan de Graaf (c012) van € 8.000,00",
                "Financiële waarde",
                "90,6 ★★★★★",
                "92,7 ★★★★★",
                "+2,1",
            ),
        ),
    ],
)
def test_cli_whatif_in_both_languages(extra, words):
    code, out, err = run(*WHATIF, *extra)
    assert code == 0, err
    for word in words:
        assert word in out


def test_cli_whatif_json_has_before_after_and_changes():
    code, out, err = run(*WHATIF, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["member"] == "sanne" and data["as_of"] == "2026-11-01"
    assert [c["kind"] for c in data["changes"]] == ["tie", "join", "recommendation", "invoice"]
    financial = data["values"]["financial"]
    assert financial["before"] == {"score": 90.6, "stars": 5}
    assert financial["after"]["score"] == 92.7 and financial["score_change"] == 2.1


def test_cli_whatif_an_unknown_group_is_a_clear_error():
    code, out, err = run("whatif", str(EXAMPLE), "--as-of", "2026-11-01", "--join", "g99")
    assert code == 2 and out == ""
    assert "join: unknown group 'g99': not in groups.csv" in err


def test_cli_whatif_a_tie_needs_two_ids(capsys):
    with pytest.raises(SystemExit) as exit_:
        run("whatif", str(EXAMPLE), "--add-tie", "c001")
    assert exit_.value.code == 2 and "two person ids as A,B" in capsys.readouterr().err


def test_the_text_without_changes_says_so(example_network):
    result = what_if(example_network, as_of=EXAMPLE_AS_OF, changes=[])
    assert "(no change given)" in render_whatif(result, "en")
    assert "(geen verandering opgegeven)" in render_whatif(result, "nl")
