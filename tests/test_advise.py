"""netgraph advise: small hand-made networks where the right advice is obvious."""

from __future__ import annotations

import io
import json
import random
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import EXAMPLE, EXAMPLE_AS_OF
from strategies import AS_OF as STRATEGY_AS_OF
from strategies import coach_networks, networks

import netgraph
from netgraph.advice._advice_words import ADVICE_EN, ADVICE_NL, render_advice
from netgraph.advice._advise import ACTION_KINDS, Advice, advise
from netgraph.cli._cli import main
from netgraph.model._profile import Profile
from netgraph.output._messages import placeholders

AS_OF = date(2026, 6, 1)


def back(days: int) -> str:
    return (AS_OF - timedelta(days=days)).isoformat()


def net(**sections: list[dict[str, Any]]) -> netgraph.Network:
    people = [{"id": "me", "name": "Mira", "member": "yes"}, *sections.pop("people", [])]
    return netgraph.network_from_dict({"people": people, **sections})


def calls(contact: str, *days: int) -> list[dict[str, str]]:
    return [{"date": back(d), "contact": contact, "kind": "call"} for d in days]


def codes(advice: Advice) -> dict[str, list[str]]:
    """Each person's (or group's) reasons, by id."""
    out = {}
    for action in advice.actions:
        key = action.group[0] if action.group else action.people[0][0]
        out[key] = [r.code for r in action.reasons]
    return out


def top_client_network() -> netgraph.Network:
    """``top`` (the big client) is in touch every 10 days and silent for 100: 10x, at risk.

    ``small`` (a smaller client) is in touch every 10 days and silent for 40: 4x, due.
    """
    return net(
        people=[
            {"id": "top", "name": "Tess Top", "role": "client"},
            {"id": "small", "name": "Sam Small", "role": "client"},
        ],
        interactions=calls("top", 140, 130, 120, 110, 100) + calls("small", 60, 50, 40),
        invoices=[
            {"date": back(100), "client": "top", "amount": "9000.00"},
            {"date": back(40), "client": "small", "amount": "500.00"},
        ],
    )


def test_a_top_client_silent_for_ten_times_their_rhythm_is_at_risk_and_first():
    advice = advise(top_client_network(), as_of=AS_OF)
    first = advice.actions[0]
    assert first.kind == "nurture" and first.people == (("top", "Tess Top"),)
    reason = first.reasons[0]
    assert reason.code == "at_risk"
    assert reason.facts["rhythm_days"] == 10.0 and reason.facts["rhythm_source"] == "learned"
    assert reason.facts["silent_days"] == 100 and reason.facts["times_rhythm"] == 10.0
    assert reason.facts["last_contact"] == back(100)
    assert reason.facts["days_in_touch"] == 5
    assert "at risk" in reason.text("en") and "10.0 times" in reason.text("en")
    assert "verwateren" in reason.text("nl") and "10,0 keer" in reason.text("nl")


def test_a_smaller_client_silent_for_four_times_their_rhythm_is_due():
    advice = advise(top_client_network(), as_of=AS_OF)
    found = codes(advice)
    assert found["small"][0] == "due"


def test_a_person_in_several_lists_appears_once_with_all_reasons():
    advice = advise(top_client_network(), as_of=AS_OF)
    ids = [a.people[0][0] for a in advice.actions if not a.group]
    assert len(ids) == len(set(ids))
    # the top client's work ended 100 days ago and nobody asked how it went
    assert codes(advice)["top"] == ["at_risk", "ended_unasked"]
    aftercare = advice.actions[0].reasons[1]
    assert aftercare.kind == "aftercare" and aftercare.value == "financial"
    assert aftercare.facts["revenue"] == "9000.00" and aftercare.facts["last_invoice"] == back(100)


def test_a_contact_in_touch_recently_is_not_advised():
    network = net(
        people=[{"id": "c", "name": "Cas", "role": "client"}],
        interactions=calls("c", 30, 20, 10),
        invoices=[{"date": back(10), "client": "c", "amount": "100.00"}],
        satisfaction=[{"date": back(5), "client": "c", "score": "8"}],
    )
    assert advise(network, as_of=AS_OF).actions == ()


def test_too_few_days_in_touch_use_the_cadence_of_the_role():
    network = net(
        people=[{"id": "c", "name": "Cas", "role": "client"}],
        interactions=[*calls("c", 200), {"date": back(200), "contact": "c", "kind": "gift"}],
        invoices=[{"date": back(200), "client": "c", "amount": "100.00"}],
    )
    reason = advise(network, as_of=AS_OF).actions[0].reasons[0]
    assert reason.code == "due"  # 200 days against the client cadence of 60: 3.3x
    assert reason.facts["rhythm_source"] == "settings" and reason.facts["rhythm_days"] == 60
    assert "cadence for a client" in reason.text("en")
    assert "ritme voor een klant" in reason.text("nl")


def test_a_cadence_the_member_sets_wins():
    network = net(
        people=[{"id": "c", "name": "Cas", "role": "client"}],
        interactions=calls("c", 200),
        invoices=[{"date": back(200), "client": "c", "amount": "100.00"}],
    )
    own = {"": Profile(cadence=(("client", 20),))}
    reason = advise(network, as_of=AS_OF, profiles=own).actions[0].reasons[0]
    assert reason.code == "at_risk"  # 200 days against the member's own 20: 10x
    assert reason.facts["rhythm_source"] == "profile" and reason.facts["times_rhythm"] == 10.0


def test_aftercare_names_clients_not_asked_and_without_attention_by_revenue():
    network = net(
        people=[
            {"id": "asked", "name": "Anna", "role": "client"},
            {"id": "quiet", "name": "Quinn", "role": "client"},
            {"id": "big", "name": "Bas", "role": "client"},
        ],
        invoices=[
            {"date": back(90), "client": "asked", "amount": "3000.00"},
            {"date": back(90), "client": "quiet", "amount": "1000.00"},
            {"date": back(90), "client": "big", "amount": "5000.00"},
        ],
        # Anna was asked after her invoice; everyone had a call, so only aftercare shows
        satisfaction=[{"date": back(60), "client": "asked", "score": "9"}],
        interactions=calls("asked", 80) + calls("quiet", 80) + calls("big", 80),
    )
    advice = advise(network, as_of=AS_OF)
    unasked = [
        a.people[0][0] for a in advice.actions if any(r.code == "ended_unasked" for r in a.reasons)
    ]
    assert unasked == ["big", "quiet"]  # by revenue
    assert not any(r.code == "no_attention" for a in advice.actions for r in a.reasons)


def test_a_client_without_attention_this_year_gets_aftercare():
    network = net(
        people=[{"id": "c", "name": "Cas", "role": "client"}],
        invoices=[{"date": back(10), "client": "c", "amount": "2500.00"}],
        interactions=[{"date": back(400), "contact": "c", "kind": "gift"}],
    )
    reasons = [r for a in advise(network, as_of=AS_OF).actions for r in a.reasons]
    attention = [r for r in reasons if r.code == "no_attention"]
    assert len(attention) == 1 and attention[0].facts["last_attention"] == back(400)
    assert "EUR 2,500.00" in attention[0].text("en")
    assert "€ 2.500,00" in attention[0].text("nl")


def test_help_others_names_who_helped_and_got_nothing_back():
    network = net(
        people=[
            {"id": "ref", "name": "Rik", "role": "partner"},
            {"id": "new", "name": "Noor", "role": "client"},
            {"id": "thanked", "name": "Tom", "role": "peer"},
        ],
        referrals=[{"date": back(30), "referrer": "ref", "referred": "new"}],
        exchanges=[
            {"date": back(50), "from": "thanked", "to": "me", "kind": "advice"},
            {"date": back(20), "from": "me", "to": "thanked", "kind": "feedback"},
        ],
    )
    advice = advise(network, as_of=AS_OF)
    found = codes(advice)
    assert "unreturned" in found["ref"] and "thanked" not in found
    reason = next(r for a in advice.actions for r in a.reasons if r.code == "unreturned")
    assert reason.value == "recommendation" and reason.facts["referrals"] == 1
    assert reason.text("en").startswith("1 referral on ")


def test_groups_to_join_and_groups_gone_quiet():
    network = net(
        people=[
            {"id": "p", "name": "Pim", "role": "peer"},
            {"id": "f", "name": "Fenna", "role": "other"},
        ],
        groups=[
            {"id": "g1", "name": "Kring Noord", "kind": "intervision"},
            {"id": "g2", "name": "Vakgroep", "kind": "association"},
        ],
        ties=[{"a": "me", "b": "p", "since": back(900)}],
        memberships=[
            {"person": "me", "group": "g1", "since": back(800)},
            {"person": "f", "group": "g1", "since": back(800)},
            {"person": "p", "group": "g2", "since": back(800)},
        ],
        exchanges=[{"date": back(500), "from": "me", "to": "f", "kind": "advice"}],
    )
    advice = advise(network, as_of=AS_OF)
    groups = {a.group[0]: a for a in advice.actions if a.group}
    join = groups["g2"]
    assert join.reasons[0].code == "join_group" and join.people == ()
    assert join.reasons[0].facts["people"] == ["p"] and join.reasons[0].facts["names"] == ["Pim"]
    assert join.text("en") == "Join Vakgroep" and join.text("nl") == "Word lid van Vakgroep"
    quiet = groups["g1"].reasons[0]
    assert quiet.code == "quiet_group" and quiet.facts["last_contact"] == back(500)
    assert quiet.facts["fellow_members"] == 1


def test_business_cards_without_why_and_without_follow_up():
    network = net(
        people=[
            {"id": "card", "name": "Kees", "met_at": "Netwerkborrel"},
            {"id": "why", "name": "Wim", "met_at": "Netwerkborrel", "why": "future partner"},
            {"id": "followed", "name": "Fleur", "met_at": "Netwerkborrel"},
            {"id": "fresh", "name": "Femke", "met_at": "Netwerkborrel"},
            {"id": "linked", "name": "Lars", "met_at": "LinkedIn"},
        ],
        ties=[
            {"a": "me", "b": "card", "since": back(70)},
            {"a": "why", "b": "me", "since": back(70)},
            {"a": "me", "b": "followed", "since": back(70)},
            {"a": "me", "b": "fresh", "since": back(10)},
            {"a": "me", "b": "linked", "since": back(100)},
        ],
        interactions=calls("followed", 60),
    )
    advice = advise(network, as_of=AS_OF)
    found = codes(advice)
    assert found["card"] == ["business_card"] and found["linked"] == ["business_card"]
    assert not {"why", "followed", "fresh"} & set(found)
    cards = [a for a in advice.actions if a.kind == "business_cards"]
    assert [a.people[0][0] for a in cards] == ["card", "linked"]  # the freshest first
    assert cards[0].reasons[0].facts["met_on"] == back(70)
    assert cards[1].reasons[0].text("en").startswith("found through LinkedIn")
    assert cards[0].reasons[0].text("nl").startswith("ontmoet bij Netwerkborrel")


def test_at_most_top_actions_and_the_kinds_take_turns(example_network):
    advice = advise(example_network, as_of=EXAMPLE_AS_OF, top=30)
    kinds = [a.kind for a in advice.actions]
    assert len(kinds) <= 30
    at_risk = [a for a in advice.actions if a.reasons[0].code == "at_risk"]
    assert advice.actions[: len(at_risk)] == tuple(at_risk)
    # after the contacts at risk, the first five actions are of five different kinds
    turn = kinds[len(at_risk) : len(at_risk) + 5]
    assert len(set(turn)) == len(turn)
    assert len(advise(example_network, as_of=EXAMPLE_AS_OF, top=3).actions) == 3
    assert set(kinds) <= set(ACTION_KINDS)


def test_the_example_advice_reads_well(example_network):
    text = render_advice(advise(example_network, as_of=EXAMPLE_AS_OF), "en")
    assert text.startswith("Advice for Sanne de Vries (sanne) as of 1 November 2026\n")
    assert "1. " in text and "7. " in text and "8. " not in text
    dutch = render_advice(advise(example_network, as_of=EXAMPLE_AS_OF), "nl")
    assert dutch.startswith("Advies voor Sanne de Vries (sanne) per 1 november 2026\n")
    for word in ("Aanbevelingswaarde", "Financiële waarde", "nazorg", "Word lid van"):
        assert word in dutch


def test_both_catalogues_have_the_same_words_and_placeholders():
    assert ADVICE_EN.keys() == ADVICE_NL.keys()
    for key, text in ADVICE_EN.items():
        assert type(text) is type(ADVICE_NL[key]), key
        assert placeholders(text) == placeholders(ADVICE_NL[key]), key


def shuffled(data: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    out = {}
    for section, rows in data.items():
        rows = list(rows)
        rng.shuffle(rows)
        out[section] = rows
    return out


@given(data=networks(), seed=st.integers(0, 2**32 - 1))
def test_advice_is_invariant_under_row_order(data, seed):
    as_of = STRATEGY_AS_OF
    first = advise(netgraph.network_from_dict(data), as_of=as_of).to_json()
    again = advise(netgraph.network_from_dict(shuffled(data, seed)), as_of=as_of).to_json()
    assert first == again


@given(data=coach_networks(), seed=st.integers(0, 2**32 - 1), top=st.integers(1, 10))
def test_advice_of_a_coach_network_is_short_explained_and_order_free(data, seed, top):
    network = netgraph.network_from_dict(data)
    advice = advise(network, as_of=STRATEGY_AS_OF, top=top)
    assert len(advice.actions) <= top
    people = [p for a in advice.actions for p, _ in a.people]
    assert len(people) == len(set(people)) and "m0" not in people
    for action in advice.actions:
        assert action.reasons and action.kind == action.reasons[0].kind
        for lang in ("en", "nl"):
            assert "{" not in action.text(lang)
            for reason in action.reasons:
                text = reason.text(lang)
                assert text and "{" not in text and "None" not in text
    again = advise(netgraph.network_from_dict(shuffled(data, seed)), as_of=STRATEGY_AS_OF, top=top)
    assert again.to_json() == advice.to_json()


def test_the_example_shuffled_gives_the_same_bytes():
    data = netgraph.network_to_dict(netgraph.load_network(EXAMPLE))
    first = advise(netgraph.network_from_dict(data), as_of=EXAMPLE_AS_OF).to_json()
    again = advise(netgraph.network_from_dict(shuffled(data, 7)), as_of=EXAMPLE_AS_OF).to_json()
    assert first == again


# -- the command line ---------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("extra", "title"),
    [((), "Advice for Sanne de Vries"), (("--lang", "nl"), "Advies voor Sanne de Vries")],
)
def test_cli_advise_in_both_languages(extra, title):
    # the README's commands: netgraph advise examples/freelancer --as-of 2026-11-01 [--lang nl]
    code, out, err = run("advise", str(EXAMPLE), "--as-of", "2026-11-01", *extra)
    assert code == 0, err
    assert out.startswith(title)
    assert out.count("\n   - ") >= 7


def test_cli_advise_json_has_the_contract_fields_and_is_stable():
    argv = ("advise", str(EXAMPLE), "--as-of", "2026-11-01", "--format", "json", "--top", "4")
    code, out, err = run(*argv)
    assert code == 0, err
    data = json.loads(out)
    assert data["member"] == "sanne" and data["as_of"] == "2026-11-01"
    assert 1 <= len(data["actions"]) <= 4
    for action in data["actions"]:
        assert {"kind", "value", "people", "reasons"} <= set(action)
        assert all({"kind", "code", "value", "text", "facts"} <= set(r) for r in action["reasons"])
    assert run(*argv)[1] == out


def test_cli_advise_json_in_dutch_says_the_reasons_in_dutch():
    code, out, _ = run(
        "advise", str(EXAMPLE), "--as-of", "2026-11-01", "--format", "json", "--lang", "nl"
    )
    assert code == 0
    texts = [r["text"] for a in json.loads(out)["actions"] for r in a["reasons"]]
    assert any("dagen" in t or "omzet" in t for t in texts)


@pytest.mark.parametrize("top", ["0", "x", "1001"])
def test_cli_advise_refuses_a_bad_top(top, capsys):
    with pytest.raises(SystemExit) as exit_:
        run("advise", str(EXAMPLE), "--as-of", "2026-11-01", "--top", top)
    assert exit_.value.code == 2 and "argument --top" in capsys.readouterr().err


def test_cli_advise_an_unknown_member_is_a_clear_error():
    code, _, err = run("advise", str(EXAMPLE), "--as-of", "2026-11-01", "--member", "nobody")
    assert code == 2 and "unknown member 'nobody'" in err


def test_cli_advise_follows_the_members_own_cadence_in_the_profile(tmp_path):
    profile = tmp_path / "profile.toml"
    profile.write_text('[profile]\npitch = "Coach"\ncadence = {client = 7, peer = 7}\n')
    argv = ("advise", str(EXAMPLE), "--as-of", "2026-11-01", "--format", "json")
    code, out, err = run(*argv, "--profile", str(profile))
    assert code == 0, err
    first = json.loads(out)["actions"][0]["reasons"][0]
    assert first["code"] == "at_risk" and first["facts"]["rhythm_source"] == "profile"
    assert first["facts"]["rhythm_days"] == 7.0
    assert "your own cadence for a " in first["text"]
    without = json.loads(run(*argv)[1])["actions"][0]["reasons"][0]
    assert without["code"] == "due"


@given(data=coach_networks())
def test_what_happens_after_the_date_does_not_count(data):
    as_of = STRATEGY_AS_OF.isoformat()
    before = {
        section: [row for row in rows if str(row.get("date", "")) <= as_of]
        for section, rows in data.items()
    }
    first = advise(netgraph.network_from_dict(data), as_of=STRATEGY_AS_OF).to_json()
    assert advise(netgraph.network_from_dict(before), as_of=STRATEGY_AS_OF).to_json() == first


@given(data=coach_networks())
def test_a_call_today_takes_a_contact_off_the_nurture_list(data):
    advice = advise(netgraph.network_from_dict(data), as_of=STRATEGY_AS_OF, top=50)
    overdue = [a.people[0][0] for a in advice.actions for r in a.reasons if r.kind == "nurture"]
    if not overdue:
        return
    called = {"date": STRATEGY_AS_OF.isoformat(), "contact": overdue[0], "kind": "call"}
    changed = {**data, "interactions": [*data.get("interactions", []), called]}
    again = advise(netgraph.network_from_dict(changed), as_of=STRATEGY_AS_OF, top=50)
    nurtured = {a.people[0][0] for a in again.actions for r in a.reasons if r.kind == "nurture"}
    assert overdue[0] not in nurtured
