"""The text report: a message catalogue per language, plurals, Dutch numbers, no English."""

from __future__ import annotations

import dataclasses
import pickle
import re
from datetime import date

import pytest
from paths import EXAMPLE

import netgraph
from netgraph.output._messages import (
    CATALOGUES,
    EN,
    NL,
    PLAIN,
    Amount,
    Messages,
    Note,
    placeholders,
)
from netgraph.output._report import LANGUAGES, render_text
from netgraph.output._results import FOCUS_KEYS, STATUSES, VALUE_KEYS

AS_OF = date(2026, 11, 1)

# English words that must not be in the Dutch report (whole words, any case)
ENGLISH = (
    "client", "clients", "invoice", "invoices", "referrer", "referrers", "referral",
    "referrals", "recommendation", "recommendations", "recommended", "satisfaction", "asked",
    "gave", "given", "received", "shared groups", "shared", "communities", "community",
    "effective size", "yes", "no", "attention", "revenue", "came", "through", "network",
    "the", "and", "from", "with", "who", "value", "stars", "focus", "strong", "fair", "weak",
    "data", "people", "person", "reach", "chains", "chain", "longest", "steps", "groups",
    "peers", "exchanges", "exchange", "contacts", "mean", "window", "left out", "unknown",
    "promoter", "promoters", "NPS", "ambassador", "ambassadors", "largest", "previous",
    "period", "circles", "members", "enough", "not", "in another currency", "left",
)  # fmt: skip


def report_text(language: str) -> str:
    network = netgraph.load_network(EXAMPLE)
    return render_text(netgraph.score_member(network, as_of=AS_OF), language)


@pytest.fixture(scope="module")
def example_report() -> netgraph.MemberReport:
    return netgraph.score_member(netgraph.load_network(EXAMPLE), as_of=AS_OF)


# -- the catalogue -------------------------------------------------------------------------


def test_every_key_is_in_both_languages() -> None:
    assert LANGUAGES == ("en", "nl")
    assert sorted(EN) == sorted(NL)


@pytest.mark.parametrize("key", sorted(EN))
def test_a_message_has_the_same_kind_and_placeholders_in_both_languages(key: str) -> None:
    en, nl = EN[key], NL[key]
    assert type(en) is type(nl), key
    assert placeholders(en) == placeholders(nl), key
    if isinstance(en, tuple):
        assert len(en) == len(nl) == 2, key
        assert "count" in placeholders(en), key  # the form is chosen by the count


def test_every_value_focus_point_and_status_has_its_words() -> None:
    for catalogue in CATALOGUES.values():
        assert all(f"value.{k}" in catalogue for k in VALUE_KEYS)
        assert all(f"focus.{k}" in catalogue for k in FOCUS_KEYS)
        assert all(f"status.{s}" in catalogue for s in STATUSES)


# -- plurals and numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "key", "expected"),
    [
        ("nl", "unit.clients", ("0 klanten", "1 klant", "2 klanten")),
        ("en", "unit.clients", ("0 clients", "1 client", "2 clients")),
        ("nl", "recommendation.ambassadors", ("0 ambassadeurs", "1 ambassadeur", "2 ambassadeurs")),
        ("en", "recommendation.ambassadors", ("0 ambassadors", "1 ambassador", "2 ambassadors")),
        ("nl", "detail.invoices", ("0 facturen", "1 factuur", "2 facturen")),
        ("en", "detail.invoices", ("0 invoices", "1 invoice", "2 invoices")),
        ("nl", "recommendation.referrers", (
            "0 brachten iemand bij je", "1 bracht iemand bij je", "2 brachten iemand bij je",
        )),
    ],
)  # fmt: skip
def test_plurals_follow_the_count(language: str, key: str, expected: tuple[str, ...]) -> None:
    m = Messages(language)
    assert tuple(m.say(key, count=n) for n in (0, 1, 2)) == expected


def test_amounts_and_numbers_are_written_the_languages_way() -> None:
    nl, en = Messages("nl"), Messages("en")
    assert nl.money(2_400_000, "EUR") == "€ 24.000,00"
    assert nl.money(120_000, "USD") == "USD 1.200,00"
    assert nl.money(-123_456_789, "EUR") == "€ -1.234.567,89"
    assert nl.money_text("24000.00", "EUR") == "€ 24.000,00"
    assert en.money(2_400_000, "EUR") == "EUR 24,000.00"
    assert en.money(5, "USD") == "USD 0.05"
    assert PLAIN.money(2_400_000, "EUR") == "24000.00"  # as the JSON writes amounts
    assert (nl.decimal(8.55), nl.decimal(147.0), nl.decimal(-0.04)) == ("8,6", "147,0", "0,0")
    assert (en.decimal(8.55), nl.decimal(None), en.decimal(float("nan"))) == (
        "8.6",
        "onbekend",
        "unknown",
    )
    assert (nl.percent(0.43), en.percent(0.426), nl.integer(12345)) == ("43%", "43%", "12.345")
    assert (nl.mark(8.5), nl.mark(9.0), PLAIN.mark(8.5)) == ("8,5", "9", "8.5")
    assert nl.date("2026-11-01") == "1 november 2026"
    assert en.date("2026-03-09") == "9 March 2026"


# -- notes -------------------------------------------------------------------------------------


def test_a_note_is_its_english_text_and_says_itself_in_dutch() -> None:
    one = Note("copied_invoices", count=1)
    three = Note("copied_invoices", count=3)
    assert one.startswith("1 invoice row repeats another row exactly and is counted twice")
    assert three.startswith("3 invoice rows repeat another row exactly and are counted twice")
    assert Messages("nl").note(three).startswith("3 factuurregels zijn precies gelijk")
    assert pickle.loads(pickle.dumps(three)) == three
    assert pickle.loads(pickle.dumps(three)).key == three.key
    assert repr(three) == repr(str(three))  # plain data: it shows as its text
    with pytest.raises(AttributeError):
        three.key = "note.no_invoices"  # type: ignore[misc]


def test_amounts_left_out_are_written_the_languages_way() -> None:
    note = Note("left_out_invoices", count=2, left_out=(Amount(120000, "USD"),), currency="EUR")
    assert note.startswith("2 invoices left out (USD 1200.00): they are not in EUR")
    assert Messages("nl").note(note).startswith("2 facturen niet meegeteld (USD 1.200,00)")
    assert Messages("en").note(note).startswith("2 invoices left out (USD 1,200.00)")


def test_a_note_given_as_known_english_text_is_said_in_dutch_too() -> None:
    nl = Messages("nl")
    assert nl.note("no satisfaction marks in the window") == (
        "geen tevredenheidscijfers in deze periode"
    )
    assert nl.note("something the catalogue does not know") == (
        "something the catalogue does not know"
    )


def test_the_json_keeps_its_english_details_and_notes(example_report) -> None:
    for value in example_report.values.values():
        for person in value.contributors:
            assert person.detail == PLAIN.detail(value.key, person.facts)
    financial = example_report.to_dict()["values"]["financial"]["contributors"]
    assert financial[0]["detail"] == "27 invoices; satisfaction asked: no; attention given: yes"
    knowledge = example_report.to_dict()["values"]["knowledge"]["contributors"]
    assert re.fullmatch(r"gave \d+, received \d+; shared groups: \d+", knowledge[0]["detail"])


# -- the report ----------------------------------------------------------------------------------


def test_the_dutch_report_of_the_example_has_no_english_word(example_report) -> None:
    text = render_text(example_report, "nl")
    assert not english_words(text, example_report), text
    assert "€ 117.687,00" in text  # the example's revenue, the Dutch way
    assert "netto aanbevelingsscore" in text


def english_words(text: str, report: netgraph.MemberReport) -> list[str]:
    names = {report.name} | {p.name for v in report.values.values() for p in v.contributors}
    for name in names:  # people's names are no words of the report
        text = text.replace(name, "")
    return [w for w in ENGLISH if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)]


THIN = {
    "people only": {"people": [{"id": "me", "name": "Anna", "member": "yes"}]},
    "another currency": {
        "people": [
            {"id": "me", "name": "Anna", "member": "yes"},
            {"id": "a", "name": "Bram"},
            {"id": "b", "name": "Cor"},
        ],
        "invoices": [
            {"date": "2026-03-01", "client": "a", "amount": "24000.00"},
            {"date": "2026-04-01", "client": "b", "amount": "900.00", "currency": "USD"},
            {"date": "2026-05-01", "client": "b", "amount": "300.00", "currency": "USD"},
        ],
        "satisfaction": [{"date": "2026-06-01", "client": "a", "score": 5}],
    },
}


@pytest.mark.parametrize("name", sorted(THIN))
def test_the_dutch_report_of_thin_data_has_no_english_word(name: str) -> None:
    report = netgraph.score_member(netgraph.network_from_dict(THIN[name]), as_of=AS_OF)
    text = render_text(report, "nl")
    assert not english_words(text, report), text


def test_the_english_report_uses_one_style_for_amounts(example_report) -> None:
    text = render_text(example_report, "en")
    assert "EUR 117,687.00" in text
    assert "117687.00" not in text


def test_plurals_are_right_for_one_of_each() -> None:
    people = [
        {"id": "me", "name": "Anna", "member": "yes"},
        {"id": "a", "name": "Bram"},
        {"id": "b", "name": "Cor"},
    ]
    network = netgraph.network_from_dict(
        {
            "people": people,
            "groups": [{"id": "g", "name": "Intervisie Noord", "kind": "intervision"}],
            "memberships": [{"person": "me", "group": "g"}, {"person": "b", "group": "g"}],
            "referrals": [{"date": "2026-02-01", "referrer": "a", "referred": "b"}],
            "invoices": [{"date": "2026-03-01", "client": "b", "amount": "24000.00"}],
            "recommendations": [{"date": "2026-04-01", "by": "a"}],
            "exchanges": [{"date": "2026-05-01", "from": "me", "to": "b", "kind": "advice"}],
        }
    )
    report = netgraph.score_member(network, as_of=AS_OF)
    dutch, english = render_text(report, "nl"), render_text(report, "en")
    plural_nl = r"klanten|ambassadeurs|facturen|doorverwijzingen|aanbevelingen|groepen|"
    plural_nl += r"groepsgenoten|personen|kringen|ketens|stappen|organisaties"
    plural_en = r"clients|ambassadors|invoices|referrals|recommendations|groups|people|"
    plural_en += r"circles|chains|steps|fellow members|organisations"
    assert not re.findall(rf"(?<![\d.,])1 ({plural_nl})\b", dutch), dutch
    assert not re.findall(rf"(?<![\d.,])1 ({plural_en})\b", english), english
    assert "van 1 klant" in dutch and "from 1 client" in english
    assert "1 ambassadeur" in dutch and "1 ambassador" in english
    assert "€ 24.000,00" in dutch and "EUR 24,000.00" in english


@pytest.mark.parametrize(
    ("language", "words"), [("en", "not enough data"), ("nl", "te weinig gegevens")]
)
def test_a_value_without_enough_data_shows_no_stars(example_report, language, words) -> None:
    thin = dataclasses.replace(example_report.values["financial"], stars=None, score=None)
    report = dataclasses.replace(
        example_report, values={**example_report.values, "financial": thin}
    )
    text = render_text(report, language)
    name = Messages(language).say("value.financial")
    row = next(line for line in text.splitlines() if line.startswith(name))
    assert words in row and "★" not in row and "☆" not in row
    assert row.split()[-len(words.split()) - 1] == "-"  # the score column
    others = [line for line in text.splitlines()[3:7] if not line.startswith(name)]
    assert sum("★" in line for line in others) == 3
    # the value's own line says so too, without a line of zeros that looks like a result
    assert f"\n{name}: {Messages(language).say('not_enough_data')}\n" in text
