"""Matching attendees to known people: e-mail first, then name and organisation, carefully."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import netgraph
from netgraph.advice._attendees import Attendee
from netgraph.advice._matching import SURE_FROM, fold, match_attendees, name_parts

PEOPLE = [
    {"id": "me", "name": "Anna Smit", "member": "yes"},
    {"id": "jw", "name": "Jan-Willem de Vries", "organisation": "Lumen B.V.",
     "email": "JW@Lumen.example"},
    {"id": "zoe", "name": "Zoë Öztürk", "organisation": "Noord"},
    {"id": "k1", "name": "Kees Bakker"},
    {"id": "k2", "name": "Karin Bakker", "organisation": "Noord"},
    {"id": "p1", "name": "Piet Bos", "organisation": "Noord"},
    {"id": "p2", "name": "Piet Bos", "organisation": "Zuid"},
    {"id": "ruud", "name": "R. van den Berg"},
]  # fmt: skip
NETWORK = netgraph.network_from_dict({"people": PEOPLE})


def matched(*attendees: Attendee) -> list[tuple[str, float, bool, tuple[str, ...], str | None]]:
    ids = NETWORK.person_ids
    return [
        (m.how, m.confidence, m.unsure, m.candidates, None if m.row is None else ids[m.row])
        for m in match_attendees(NETWORK, list(attendees))
    ]


def test_an_email_address_decides_without_case():
    assert matched(Attendee("Someone Else", emails=("jw@lumen.EXAMPLE",))) == [
        ("email", 1.0, False, ("jw",), "jw")
    ]


def test_name_and_organisation_without_case_accents_or_legal_form():
    assert matched(Attendee("ZOE OZTURK", "noord"), Attendee("jan willem de vries", "LUMEN")) == [
        ("name_organisation", 0.9, False, ("zoe",), "zoe"),
        ("name_organisation", 0.9, False, ("jw",), "jw"),
    ]


def test_dutch_particles_and_a_surname_written_first():
    assert matched(Attendee("Jan-Willem Vries"), Attendee("Vries, Jan-Willem de")) == [
        ("name", 0.7, False, ("jw",), "jw"),
        ("name", 0.7, False, ("jw",), "jw"),
    ]


def test_initials_stand_for_given_names_and_the_other_way_round():
    assert matched(
        Attendee("J.W. de Vries", "Lumen"),
        Attendee("J. de Vries"),
        Attendee("Ruud van den Berg"),
        Attendee("K. de Vries", "Lumen"),
    ) == [
        ("initials_organisation", 0.75, False, ("jw",), "jw"),
        ("initials", 0.5, True, ("jw",), "jw"),
        ("initials", 0.5, True, ("ruud",), "ruud"),
        ("none", 0.0, False, (), None),
    ]


def test_two_people_matched_equally_are_never_a_silent_guess():
    assert matched(Attendee("K. Bakker"), Attendee("Piet Bos")) == [
        ("initials", 0.5, True, ("k1", "k2"), None),
        ("name", 0.7, True, ("p1", "p2"), None),
    ]
    # the organisation tells the namesakes apart
    assert matched(Attendee("Piet Bos", "Zuid"), Attendee("K. Bakker", "Noord")) == [
        ("name_organisation", 0.9, False, ("p2",), "p2"),
        ("initials_organisation", 0.75, False, ("k2",), "k2"),
    ]


def test_another_organisation_makes_a_name_unsure_and_initials_no_match():
    assert matched(Attendee("Zoë Öztürk", "Elders"), Attendee("Z. Öztürk", "Elders")) == [
        ("name_other_organisation", 0.4, True, ("zoe",), "zoe"),
        ("none", 0.0, False, (), None),
    ]


def test_another_given_name_or_an_unknown_address_is_no_match():
    assert matched(Attendee("Kim Bakker"), Attendee("", emails=("x@y.example",))) == [
        ("none", 0.0, False, (), None),
        ("none", 0.0, False, (), None),
    ]


def test_an_unknown_address_still_lets_the_name_decide():
    assert matched(Attendee("Zoë Öztürk", "Noord", ("new@noord.example",))) == [
        ("name_organisation", 0.9, False, ("zoe",), "zoe")
    ]


def test_sure_from_separates_the_levels_as_stated():
    assert 0.5 < SURE_FROM <= 0.7


def test_folding_and_name_parts():
    assert fold("Jan-Willem  de VRIES") == "jan willem de vries"
    assert name_parts("R. van den Berg") == (("r",), ("berg",))
    assert name_parts("") == ((), ())


listed = st.lists(
    st.sampled_from(
        [
            Attendee("K. Bakker"),
            Attendee("Karin Bakker", "Noord"),
            Attendee("", emails=("jw@lumen.example",)),
            Attendee("Piet Bos"),
            Attendee("Nobody Here"),
            Attendee("zoe ozturk"),
        ]
    ),
    max_size=8,
)


@given(attendees=listed, order=st.randoms(use_true_random=False))
def test_a_match_depends_neither_on_the_list_order_nor_on_the_row_order(attendees, order):
    people = list(PEOPLE)
    order.shuffle(people)
    shuffled = netgraph.network_from_dict({"people": people})
    reversed_list = attendees[::-1]

    def described(network, some):
        return [
            (m.how, m.confidence, m.candidates, m.row is None)
            for m in match_attendees(network, some)
        ]

    assert described(shuffled, attendees) == described(NETWORK, attendees)
    assert described(NETWORK, reversed_list) == described(NETWORK, attendees)[::-1]
