"""Reading attendee lists: plain CSV in any shape, LinkedIn exports and vCards."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT

from netgraph.advice._attendees import Attendee, parse_attendees, read_attendees
from netgraph.model._errors import DataError

DATA = ROOT / "tests" / "data" / "event"


def test_a_dutch_header_with_semicolons_in_any_order():
    text = "E-mail;Organisatie;Naam\njan@lumen.example;Lumen;Jan de Vries\n;;Piet Bos\n"
    assert parse_attendees(text) == [
        Attendee("Jan de Vries", "Lumen", ("jan@lumen.example",), 2),
        Attendee("Piet Bos", "", (), 3),
    ]


def test_an_english_header_with_commas_and_columns_it_does_not_know():
    text = "Company,Function,Full name\nLumen,coach,Jan de Vries\n"
    assert parse_attendees(text) == [Attendee("Jan de Vries", "Lumen", (), 2)]


def test_first_and_last_name_columns_are_joined():
    text = "Voornaam,Achternaam,Bedrijf\nJan,de Vries,Lumen\n"
    assert parse_attendees(text) == [Attendee("Jan de Vries", "Lumen", (), 2)]


def test_without_a_header_the_email_column_is_found_by_its_cells():
    text = "Lumen;jan@lumen.example;Jan de Vries\nNoord;piet@noord.example;Piet Bos\n"
    rows = parse_attendees(text)
    # the e-mail column is recognised; the first other column is the name, the next the
    # organisation: the order a list without a header most often has
    assert [a.emails for a in rows] == [("jan@lumen.example",), ("piet@noord.example",)]
    assert [(a.name, a.organisation, a.line) for a in rows] == [
        ("Lumen", "Jan de Vries", 1),
        ("Noord", "Piet Bos", 2),
    ]


def test_one_column_of_names_or_of_addresses():
    assert [a.name for a in parse_attendees("Jan de Vries\nPiet Bos\n")] == [
        "Jan de Vries",
        "Piet Bos",
    ]
    assert [a.emails for a in parse_attendees("a@b.example\nc@d.example\n")] == [
        ("a@b.example",),
        ("c@d.example",),
    ]


def test_a_quoted_name_with_a_comma_blank_lines_and_a_byte_order_mark():
    text = '\ufeffname,organisation\n\n"Vries, Jan de",Lumen\n\nPiet Bos,Noord\n'
    rows = parse_attendees(text)
    assert [(a.name, a.line) for a in rows] == [("Vries, Jan de", 3), ("Piet Bos", 5)]


def test_a_linkedin_export_is_read_by_its_own_reader():
    rows = read_attendees(DATA / "Connections.csv")
    assert rows == [
        Attendee("Anouk van Dijk", "Zuiderzee Zorg", (), 5),
        Attendee("Bram Smit", "", ("bram@smit.example",), 6),
    ]


def test_vcards_keep_every_address():
    rows = read_attendees(DATA / "contacts.vcf")
    assert rows == [
        Attendee("Jan-Willem de Vries", "Lumen B.V.", ("JW@lumen.example",), 1),
        Attendee("Zoë Öztürk", "", ("zoe@example.nl",), 8),
    ]


def test_a_bad_address_names_file_line_and_column():
    with pytest.raises(DataError) as caught:
        read_attendees(DATA / "bad-email.csv")
    (problem,) = caught.value.problems
    assert problem.file.endswith("bad-email.csv")
    assert (problem.line, problem.column) == (3, "E-mail")
    assert "niet-een-adres" in problem.message


def test_every_bad_row_is_reported():
    text = "name,email\nJan,jan@x.example,extra\n,\n,\n ,  \nPiet,nope\n"
    with pytest.raises(DataError) as caught:
        parse_attendees(text, "list.csv")
    problems = [(p.line, p.column) for p in caught.value.problems]
    assert problems == [(2, "#3"), (6, "email")]


def test_a_row_without_name_or_address_is_an_error():
    with pytest.raises(DataError) as caught:
        parse_attendees("name;organisation\n;Lumen\n", "list.csv")
    assert str(caught.value) == (
        "list.csv, line 2, column 'name': the row has neither a name nor an e-mail address"
    )


def test_a_file_that_is_not_utf8_or_missing(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("naam\nZoë\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"latin\.csv"):
        read_attendees(latin)
    with pytest.raises(DataError, match="cannot be read"):
        read_attendees(tmp_path / "missing.csv")


def test_an_empty_file_has_no_attendees():
    assert parse_attendees("") == []
    assert parse_attendees("\n\n") == []


names = st.text(alphabet="abcdefg éö", min_size=1, max_size=12).map(str.strip).filter(bool)


@given(
    rows=st.lists(
        st.tuples(names, st.sampled_from(["", "Lumen", "Noord B.V."]), st.booleans()),
        min_size=1,
        max_size=8,
    ),
    separator=st.sampled_from([",", ";"]),
    header=st.booleans(),
)
def test_any_list_reads_back_what_was_written(rows, separator, header):
    lines = [separator.join(["naam", "organisatie", "e-mail"])] if header else []
    expected = []
    for number, (name, organisation, with_email) in enumerate(rows):
        email = f"p{number}@example.org" if with_email else ""
        lines.append(separator.join([name, organisation, email]))
        expected.append((" ".join(name.split()), organisation, (email,) if email else ()))
    read = parse_attendees("\n".join(lines) + "\n")
    if header:
        assert [(a.name, a.organisation, a.emails) for a in read] == expected
    assert len(read) == len(rows)
    assert [a.line for a in read] == list(range(1 + header, len(rows) + 1 + header))
