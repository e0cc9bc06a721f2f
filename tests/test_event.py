"""Whom to seek out at an event: a small network where the right picks are obvious."""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import EXAMPLE, EXAMPLE_AS_OF, ROOT
from strategies import AS_OF, networks

import netgraph
from netgraph.advice._attendees import Attendee
from netgraph.advice._event import EventRules, plan_event, render_event
from netgraph.advice._event_words import EVENT_EN, EVENT_NL
from netgraph.cli._cli import main
from netgraph.model._errors import ConfigError
from netgraph.output._messages import placeholders

# Anna's network, as of the end of 2024:
# - Bram brought her Carla (a referral) and recommended her: an ambassador;
# - Carla paid two invoices, was never asked whether she was satisfied and got no
#   attention: a client to nurture;
# - Frits is a close contact (5) who knows the prospect Pien well (4): a warm introduction;
# - Xander, Yara and Zeno know each other and none of Anna's contacts: a circle of its own;
# - Olga is a contact with nothing to act on; the two Dirk Bos cannot be told apart.
PEOPLE = [
    {"id": "me", "name": "Anna Smit", "member": "yes", "organisation": "Smit Advies"},
    {"id": "amb", "name": "Bram Visser"},
    {"id": "cl", "name": "Carla Jansen", "organisation": "Noord", "email": "carla@noord.example",
     "role": "client"},
    {"id": "fr", "name": "Frits de Boer", "organisation": "Lumen"},
    {"id": "pr", "name": "Pien Prins", "organisation": "Elders", "role": "prospect"},
    {"id": "x1", "name": "Xander Kok"},
    {"id": "x2", "name": "Yara Kok"},
    {"id": "x3", "name": "Zeno Kok"},
    {"id": "d1", "name": "Dirk Bos"},
    {"id": "d2", "name": "Dirk Bos"},
    {"id": "olga", "name": "Olga Neutraal"},
]  # fmt: skip
NETWORK: dict[str, Any] = {
    "people": PEOPLE,
    "ties": [
        {"a": "me", "b": "amb", "strength": "4"},
        {"a": "me", "b": "cl", "strength": "3"},
        {"a": "me", "b": "fr", "strength": "5"},
        {"a": "fr", "b": "pr", "strength": "4"},
        {"a": "me", "b": "olga", "strength": "2"},
        {"a": "x1", "b": "x2", "strength": "5"},
        {"a": "x1", "b": "x3", "strength": "5"},
        {"a": "x2", "b": "x3", "strength": "5"},
    ],
    "referrals": [{"date": "2024-03-01", "referrer": "amb", "referred": "cl"}],
    "recommendations": [{"date": "2024-04-01", "by": "amb"}],
    "invoices": [
        {"date": "2024-05-01", "client": "cl", "amount": "2000.00"},
        {"date": "2024-09-01", "client": "cl", "amount": "3000.00"},
    ],
}
LISTED = [
    Attendee("Anna Smit", "Smit Advies"),
    Attendee("Bram Visser"),
    Attendee("", emails=("CARLA@noord.example",)),
    Attendee("Pien Prins", "Elders"),
    Attendee("X. Kok"),
    Attendee("Gert Stam", "Lumen"),
    Attendee("Dirk Bos"),
    Attendee("Onbekend Iemand", "Nergens"),
    Attendee("Olga Neutraal"),
]
ON = date(2024, 12, 31)
EVENT_FILE = ROOT / "examples" / "freelancer-event.csv"


@pytest.fixture(scope="module")
def plan():
    return plan_event(netgraph.network_from_dict(NETWORK), LISTED, as_of=ON)


def kinds(plan) -> list[tuple[str | None, list[str]]]:
    return [(pick.id, [reason.kind for reason in pick.reasons]) for pick in plan.picks]


def test_the_obvious_picks_in_turns(plan):
    assert kinds(plan) == [
        ("amb", ["ambassador"]),
        ("cl", ["client"]),
        ("pr", ["prospect"]),
        ("x1", ["community"]),
        (None, ["prospect"]),  # Gert Stam, a stranger who works at Lumen with Frits
    ]
    assert plan.member == "me" and plan.as_of == "2024-12-31"
    assert (plan.attendees, plan.found) == (9, 6)


def test_the_facts_behind_each_pick(plan):
    ambassador, client, prospect, circle, stranger = plan.picks
    assert dict(ambassador.reasons[0].facts) == {
        "value": "recommendation",
        "share": 1.0,
        "referrals": 1,
        "recommendations": 1,
        "would_recommend": None,
        "referred_revenue": "2500.00",  # the referrer's half of Carla's 5,000.00
        "currency": "EUR",
    }
    assert dict(client.reasons[0].facts) == {
        "value": "financial",
        "share": 1.0,
        "revenue": "5000.00",
        "currency": "EUR",
        "invoices": 2,
        "satisfaction_asked": False,
        "attention_given": False,
    }
    assert prospect.path == (("me", "Anna Smit"), ("fr", "Frits de Boer"), ("pr", "Pien Prins"))
    assert prospect.strengths == (5.0, 4.0)
    assert prospect.reasons[0].facts["weakest_tie"] == 4.0
    facts = circle.reasons[0].facts
    assert facts["new_people"] == 2  # Yara and Zeno
    # Anna's four contacts, Bram and Carla tied by the referral: 3.79; Xander adds a
    # contact who knows none of them, and makes the others less redundant
    assert facts["effective_size_before"] == pytest.approx(3.7895, abs=1e-4)
    assert facts["growth"] == pytest.approx(1.0287, abs=1e-4)
    assert circle.match.how == "initials" and circle.match.unsure
    assert stranger.name == "Gert Stam" and stranger.match.how == "none"
    assert stranger.path[1] == ("fr", "Frits de Boer") and stranger.strengths == (5.0, 1.0)


def test_never_the_member_nobody_without_a_reason_no_guess(plan):
    picked = {pick.id for pick in plan.picks}
    assert "me" not in picked and "olga" not in picked
    assert "Onbekend Iemand" not in {pick.name for pick in plan.picks}
    assert not picked & {"d1", "d2"}
    ((listed, match),) = plan.ambiguous
    assert listed.name == "Dirk Bos" and match.candidates == ("d1", "d2")


def test_at_most_top_picks_one_of_each_kind_first():
    network = netgraph.network_from_dict(NETWORK)
    two = plan_event(network, LISTED, as_of=ON, rules=EventRules(top=2))
    assert kinds(two) == [("amb", ["ambassador"]), ("cl", ["client"])]
    prospects_first = EventRules(top=2, kinds=("prospect", "community"))
    assert kinds(plan_event(network, LISTED, as_of=ON, rules=prospects_first)) == [
        ("pr", ["prospect"]),
        ("x1", ["community"]),
    ]
    assert plan_event(network, LISTED, as_of=ON, rules=EventRules(top=0)).picks == ()


def test_a_person_picked_once_with_every_reason():
    # Carla also refers someone now: ambassador and client, one pick
    data = copy.deepcopy(NETWORK)
    data["people"].append({"id": "new", "name": "Nieuwe Klant"})
    data["referrals"].append({"date": "2024-10-01", "referrer": "cl", "referred": "new"})
    plan = plan_event(netgraph.network_from_dict(data), LISTED[:3], as_of=ON)
    # Carla, matched by e-mail, is the surer ambassador: her turn comes first, and her
    # pick carries both reasons; Bram comes in the next round of ambassadors
    assert kinds(plan) == [("cl", ["ambassador", "client"]), ("amb", ["ambassador"])]


def test_listed_twice_is_picked_once():
    twice = [Attendee("Pien Prins"), Attendee("Pien Prins", "Elders")]
    plan = plan_event(netgraph.network_from_dict(NETWORK), twice, as_of=ON)
    (pick,) = plan.picks
    assert pick.id == "pr" and pick.match.how == "name_organisation"


def test_spellings_of_one_person_give_the_same_advice_in_any_order():
    network = netgraph.network_from_dict(NETWORK)
    spellings = [
        Attendee("pien prins", "Elders"),
        Attendee("Pien Prins", "ELDERS"),
        Attendee("GERT STAM", "Lumen"),
        Attendee("Gert Stam", "lumen"),
        Attendee("dirk bos"),
        Attendee("Dirk Bos"),
    ]
    plan = plan_event(network, spellings, as_of=ON)
    assert [pick.name for pick in plan.picks] == ["Pien Prins", "GERT STAM"]
    assert plan_event(network, spellings[::-1], as_of=ON).to_json() == plan.to_json()


def test_rules_out_of_range_are_refused():
    with pytest.raises(ConfigError):
        EventRules(top=-1)
    with pytest.raises(ConfigError):
        EventRules(kinds=("ambassador", "ambassador"))


def test_the_text_in_english_and_dutch(plan):
    english = render_event(plan, "en")
    assert "Whom to seek out at the event: Anna Smit (me) as of 31 December 2024" in english
    assert "ask how satisfied they are; give them some attention" in english
    assert "path: Anna Smit → Frits de Boer → Pien Prins" in english
    assert "Dirk Bos could be Dirk Bos (d1) or Dirk Bos (d2); not picked." in english
    dutch = render_event(plan, "nl")
    assert "Wie je opzoekt op het evenement: Anna Smit (me) op 31 december 2024" in dutch
    assert "een klant om te koesteren: € 5.000,00 in de afgelopen 12 maanden" in dutch
    assert "vraag Frits de Boer om je voor te stellen" in dutch
    assert "kijk of dit echt Xander Kok is" in dutch


# -- the command line --------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def example(*extra: str) -> tuple[int, str, str]:
    return run(
        "event",
        str(EXAMPLE),
        "--attendees",
        str(EVENT_FILE),
        "--as-of",
        EXAMPLE_AS_OF.isoformat(),
        *extra,
    )


def test_the_example_event_in_english():
    code, out, err = example()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Whom to seek out at the event: Sanne de Vries (sanne) as of 1 November 2026"
    assert lines[1] == "14 people on the list, 10 of them found in your data"
    # her most recommending ambassador, her largest client (never asked about satisfaction)
    # and a prospect through a warm introduction come first
    assert lines[3] == "1. Carlijn van der Linden (c005): matched by e-mail"
    assert lines[5] == "2. Floor Verhoeven (c026): matched by e-mail"
    assert "ask how satisfied they are" in lines[7]
    assert lines[8].startswith("3. Vera Jansen (n001): matched by name and organisation")
    assert "path: Sanne de Vries → Joost Vos → Vera Jansen" in out
    assert "Sanne de Vries (sanne):" not in out  # the member is on the list, never picked
    assert "S. Bos could be Sanne Bos (c057) or Sem Bos (c070); not picked." in out


def test_the_example_event_in_dutch_with_more_picks():
    code, out, err = example("--lang", "nl", "--top", "8")
    assert code == 0, err
    assert "14 mensen op de lijst, van wie 10 in je gegevens" in out
    assert "8. " in out and "9. " not in out
    assert "Xander van Leeuwen (n010): herkend aan voorletters en organisatie" in out
    assert "op de lijst als X. van Leeuwen" in out
    assert "vraag hoe tevreden deze klant is" in out


def test_the_example_event_as_json():
    code, out, err = example("--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["member"], data["as_of"]) == ("sanne", "2026-11-01")
    assert len(data["picks"]) == 5
    first = data["picks"][0]
    assert first["id"] == "c005" and first["match"] == {
        "how": "email",
        "confidence": 1.0,
        "unsure": False,
        "candidates": ["c005"],
    }
    assert first["reasons"][0]["facts"]["recommendations"] == 1
    assert [p["id"] for p in data["picks"][2]["path"]] == ["sanne", "c035", "n001"]
    again = example("--format", "json")[1]
    assert again == out


def test_a_linkedin_export_and_vcards_as_attendee_lists():
    data = ROOT / "tests" / "data" / "event"
    code, out, err = run(
        "event", str(EXAMPLE), "--attendees", str(data / "Connections.csv"), "--as-of",
        "2026-11-01", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    (pick,) = json.loads(out)["picks"]  # Anouk van Dijk; Bram Smit is not in the data
    assert (pick["id"], pick["match"]["how"]) == ("c029", "name_organisation")
    assert [r["kind"] for r in pick["reasons"]] == ["ambassador"]
    code, out, err = run(
        "event", str(EXAMPLE), "--attendees", str(data / "freelancer-guests.vcf"), "--as-of",
        "2026-11-01", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    picks = json.loads(out)["picks"]
    # the second address of the card is the one the data knows
    assert [(p["id"], p["match"]["how"]) for p in picks] == [
        ("c026", "email"),
        ("n001", "name_organisation"),
    ]


def test_a_bad_attendee_file_names_file_line_and_column(tmp_path):
    bad = tmp_path / "gasten.csv"
    bad.write_text("naam;e-mail\nJan;jan@example.org\nPiet;geen adres\n", encoding="utf-8")
    code, out, err = run("event", str(EXAMPLE), "--attendees", str(bad), "--as-of", "2026-11-01")
    assert code == 1 and out == ""
    assert "gasten.csv, line 3, column 'e-mail': expected an e-mail address" in err
    assert "Traceback" not in err


def test_usage_errors(tmp_path, capsys):
    listed = tmp_path / "list.csv"
    listed.write_text("Bram Visser\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        run("event", str(EXAMPLE), "--attendees", str(listed), "--top", "-1")
    assert stopped.value.code == 2
    assert "argument --top: expected a number from 1 to 1000" in capsys.readouterr().err
    code, _, err = run("event", str(EXAMPLE), "--attendees", str(tmp_path / "none.csv"))
    assert code == 1 and "none.csv" in err


def test_nobody_to_seek_out(tmp_path):
    listed = tmp_path / "list.csv"
    listed.write_text("Naam,Organisatie\nPiet Zomaar,Nergens\n", encoding="utf-8")
    code, out, err = run(
        "event", str(EXAMPLE), "--attendees", str(listed), "--as-of", "2026-11-01", "--lang", "nl"
    )
    assert code == 0, err
    assert out.splitlines()[1:] == [
        "1 persoon op de lijst, van wie 0 in je gegevens",
        "",
        "Niemand op de lijst is een ambassadeur, een klant, via een warme introductie te "
        "bereiken of een ingang tot een nieuwe kring: niemand om speciaal op te zoeken.",
    ]


def test_both_languages_have_the_same_words():
    assert EVENT_EN.keys() == EVENT_NL.keys()
    for key, english in EVENT_EN.items():
        dutch = EVENT_NL[key]
        assert type(english) is type(dutch), key
        assert placeholders(english) == placeholders(dutch), key


# -- properties --------------------------------------------------------------------------


@st.composite
def events(draw: st.DrawFn) -> tuple[dict[str, Any], list[Attendee]]:
    """A network whose people have e-mail addresses and surnames, and a list drawn from it.

    Attendees are listed by e-mail, by name (namesakes make some unsure, or ambiguous),
    by initials, or are strangers at an organisation of the data or elsewhere.
    """
    data = draw(networks(max_people=10))
    surnames = st.sampled_from(["de Vries", "Bakker", "van Dijk"])
    for person in data["people"]:
        person["email"] = f"{person['id']}@example.org"
        person["name"] = f"{person['name'][:2]} {draw(surnames)}"
    listed = []
    for person in draw(st.lists(st.sampled_from(data["people"]), unique_by=lambda p: p["id"])):
        given, _, surname = person["name"].partition(" ")
        listed.append(
            draw(
                st.sampled_from(
                    [
                        Attendee("", emails=(person["email"].upper(),)),
                        Attendee(person["name"], person["organisation"]),
                        Attendee(person["name"].lower()),
                        Attendee(f"{given[0]}. {surname}", person["organisation"]),
                    ]
                )
            )
        )
    # strangers: at an organisation of the data (placed beside its people) or not
    listed += [
        Attendee(f"Gast{i} Nieuw", organisation)
        for i, organisation in enumerate(draw(st.lists(st.sampled_from(["Acme", "Elders"]))))
    ]
    return data, listed


def shuffled(data: dict[str, Any], random: Any) -> dict[str, Any]:
    copied = copy.deepcopy(data)
    for rows in copied.values():
        random.shuffle(rows)
    return copied


@given(case=events(), top=st.integers(0, 6))
def test_at_most_top_picks_each_with_a_reason_never_the_member(case, top):
    data, listed = case
    plan = plan_event(
        netgraph.network_from_dict(data), listed, as_of=AS_OF, rules=EventRules(top=top)
    )
    assert len(plan.picks) <= top
    assert all(pick.reasons for pick in plan.picks)
    assert "m0" not in {pick.id for pick in plan.picks}
    assert len({(pick.id, pick.name) for pick in plan.picks}) == len(plan.picks)


@given(case=events(), random=st.randoms(use_true_random=False))
def test_the_same_advice_whatever_the_order_of_rows(case, random):
    data, listed = case
    plan = plan_event(netgraph.network_from_dict(data), listed, as_of=AS_OF)
    other_order = list(listed)
    random.shuffle(other_order)
    again = plan_event(netgraph.network_from_dict(shuffled(data, random)), other_order, as_of=AS_OF)
    assert again.to_json("nl") == plan.to_json("nl")


@given(case=events(), strength=st.integers(1, 5), step=st.sampled_from([0, 1]))
def test_a_tie_added_on_a_warm_path_never_makes_it_worse(case, strength, step):
    data, listed = case
    rules = EventRules(top=100)
    plan = plan_event(netgraph.network_from_dict(data), listed, as_of=AS_OF, rules=rules)
    warm = [p for p in plan.picks if len(p.path) == 3 and p.id is not None]
    for pick in warm:
        (a, _), (b, _) = pick.path[step], pick.path[step + 1]
        grown = copy.deepcopy(data)
        same_pair = [t for t in grown["ties"] if {t["a"], t["b"]} == {a, b}]
        if same_pair:  # one tie per pair: the tie there grows stronger
            same_pair[0]["strength"] = min(5, int(same_pair[0]["strength"]) + strength)
        else:
            grown["ties"].append({"a": a, "b": b, "strength": strength})
        after = plan_event(netgraph.network_from_dict(grown), listed, as_of=AS_OF, rules=rules)
        (same,) = [p for p in after.picks if p.id == pick.id]
        assert min(same.strengths) >= min(pick.strengths)
