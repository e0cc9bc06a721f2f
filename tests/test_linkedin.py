"""Reading LinkedIn's Connections.csv: the sample exports, the variants and the errors."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.importers._linkedin import (
    LinkedInContact,
    find_linkedin_header,
    normalise_linkedin_url,
    parse_linkedin_connections,
    parse_linkedin_date,
    read_linkedin_connections,
)
from netgraph.model._errors import DataError, NetgraphError

DATA = Path(__file__).parent / "data" / "import"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
OLD_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On"
NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n'
    "\n"
)


def only_problem(error: pytest.ExceptionInfo[DataError]) -> tuple[int | None, str | None, str]:
    assert len(error.value.problems) == 1, error.value.problems
    problem = error.value.problems[0]
    return problem.line, problem.column, problem.message


# -- the sample exports -------------------------------------------------------------


def test_current_export_with_notes_and_urls() -> None:
    contacts = read_linkedin_connections(DATA / "linkedin" / "Connections.csv")
    assert len(contacts) == 8
    assert [c.line for c in contacts] == list(range(5, 13))  # the header is on line 4
    jan_willem = contacts[0]
    assert jan_willem == LinkedInContact(
        first_name="Jan-Willem",
        last_name="van den Bosch",
        url="https://www.linkedin.com/in/jwvandenbosch",
        email="",
        company="Bosch & Zonen Installatietechniek",
        position="Directeur-eigenaar",
        connected_on=date(2021, 1, 12),
        line=5,
    )
    assert jan_willem.name == "Jan-Willem van den Bosch"
    by_name = {c.name: c for c in contacts}
    assert by_name["Anouk Schrödinger"].connected_on == date(2024, 3, 15)
    assert by_name["Zoë Öztürk"].email == "zoe.ozturk@buurtkracht.nl"
    assert by_name["Sanne Visser"].company == "Visser, Bakker & Partners"  # a quoted comma
    assert by_name["Lotte de Groot, MSc"].last_name == "de Groot, MSc"
    assert by_name["Fleur de Wit"].company == by_name["Fleur de Wit"].position == ""
    assert sum(1 for c in contacts if c.email) == 2  # most addresses are not exported


def test_old_export_without_notes_and_url_column() -> None:
    contacts = read_linkedin_connections(DATA / "linkedin-2017" / "Connections.csv")
    assert [(c.name, c.url, c.line) for c in contacts] == [
        ("Henk Jansen", "", 2),
        ("Femke de Jong", "", 3),
        ("Kees van der Meer", "", 4),
    ]
    assert contacts[1].position == "Beëdigd vertaler"
    assert contacts[2].connected_on == date(2013, 2, 14)


# -- variants -------------------------------------------------------------------------


def test_byte_order_mark_in_text_and_in_file(tmp_path: Path) -> None:
    text = NOTES + HEADER + "\nAnouk,Schrödinger,,,,,15 Mar 2024\n"
    plain = parse_linkedin_connections(text)
    assert parse_linkedin_connections("\ufeff" + text) == plain
    file = tmp_path / "Connections.csv"
    file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_linkedin_connections(file) == plain
    assert plain[0].line == 5


@pytest.mark.parametrize(
    ("preamble", "first_line"),
    [
        ("", 2),
        ("Notes:\n\n", 4),
        (NOTES, 5),
        # a note over several lines, holding something that looks like the header
        ('Notes:\n"Line one,\n' + HEADER + '\nand more"\n\n', 7),
        # an unbalanced quote in the notes does not hide the header
        ('Notes:\n"an unfinished note\n\n', 5),
        ('Notes:\r\n"One note."\r\n\r\n', 5),
    ],
)
def test_preamble_variants(preamble: str, first_line: int) -> None:
    text = preamble + HEADER + "\nSanne,Visser,,,,,28 Feb 2020\n"
    (contact,) = parse_linkedin_connections(text)
    assert contact.name == "Sanne Visser"
    assert contact.line == first_line
    assert find_linkedin_header(text) == first_line - 1


def test_crlf_blank_lines_and_multi_line_cells_keep_line_numbers() -> None:
    text = (
        HEADER + "\r\n"
        "\r\n"
        'Anouk,Schrödinger,,,Lumen,"Coach\r\nen trainer",15 Mar 2024\r\n'
        "Sanne,Visser,,,,,28 Feb 2020\r\n"
    )
    contacts = parse_linkedin_connections(text)
    assert [(c.name, c.line) for c in contacts] == [("Anouk Schrödinger", 3), ("Sanne Visser", 5)]
    assert contacts[0].position == "Coach\r\nen trainer"


def test_columns_in_any_case_and_order_unknown_ones_ignored() -> None:
    text = "connected on,LAST NAME,First Name,Extra\n03 Feb 2019,Bakker,Thijs,whatever\n"
    (contact,) = parse_linkedin_connections(text)
    assert (contact.first_name, contact.last_name, contact.url, contact.email) == (
        "Thijs",
        "Bakker",
        "",
        "",
    )
    assert contact.connected_on == date(2019, 2, 3)


def test_empty_cells_and_only_one_name() -> None:
    text = HEADER + "\nMadonna,,,,,,\n,Öztürk,,,,,\n"
    contacts = parse_linkedin_connections(text)
    assert [c.name for c in contacts] == ["Madonna", "Öztürk"]
    assert all(c.connected_on is None and c.email == "" for c in contacts)


def test_header_only_gives_no_contacts() -> None:
    assert parse_linkedin_connections(NOTES + HEADER + "\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("5 Mar 2024", date(2024, 3, 5)),
        ("05 mar 2024", date(2024, 3, 5)),
        ("15 March 2024", date(2024, 3, 15)),
        ("15-Mar-24", date(2024, 3, 15)),
        ("15-Mar-2024", date(2024, 3, 15)),
        ("15 mrt 2024", date(2024, 3, 15)),
        ("1 okt. 2023", date(2023, 10, 1)),
        ("31 mei 2023", date(2023, 5, 31)),
        ("2024-03-15", date(2024, 3, 15)),
        (" 29 Feb 2024 ", date(2024, 2, 29)),
    ],
)
def test_dates_read(text: str, expected: date) -> None:
    assert parse_linkedin_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03/15/2024", "ambiguous"),
        ("15.03.2024", "ambiguous"),
        ("29 Feb 2023", "not a real calendar date"),
        ("2024-02-30", "not a real calendar date"),
        ("15 Foo 2024", "unknown month"),
        ("15 Mar-2024", "expected a date like 15 Mar 2024"),
        ("March 15, 2024", "expected a date like 15 Mar 2024"),
        ("yesterday", "expected a date like 15 Mar 2024"),
    ],
)
def test_dates_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_linkedin_date(text)


@given(st.dates(min_value=date(2003, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_as_linkedin_and_excel_write_it(day: date) -> None:
    assert parse_linkedin_date(day.strftime("%d %b %Y")) == day
    if day.year < 2030:  # Excel's rule for two-digit years: 00-29 are 20xx
        assert parse_linkedin_date(day.strftime("%d-%b-%y")) == day
    assert parse_linkedin_date(f"{day.day} {day.strftime('%B')} {day.year}") == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1-Jan-99", date(1999, 1, 1)),  # never 2099
        ("31-Dec-30", date(1930, 12, 31)),
        ("1-Jan-29", date(2029, 1, 1)),
        ("15-Mar-00", date(2000, 3, 15)),
        ("15-mrt-24", date(2024, 3, 15)),
    ],
)
def test_two_digit_years_follow_excels_fixed_rule(text: str, day: date) -> None:
    assert parse_linkedin_date(text) == day


# -- profile addresses ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/anouk-schrodinger",
        "https://www.linkedin.com/in/anouk-schrodinger/",
        "http://linkedin.com/in/Anouk-Schrodinger",
        "HTTPS://NL.LINKEDIN.COM/in/anouk-schrodinger?trk=public_profile",
        "www.linkedin.com/in/anouk-schrodinger#about",
        "linkedin.com/in/anouk-schrodinger/details/experience/",
        "https://www.linkedin.com/in/anouk%2Dschrodinger",
        "  https://www.linkedin.com/in/anouk-schrodinger  ",
    ],
)
def test_profile_addresses_that_are_the_same(url: str) -> None:
    assert normalise_linkedin_url(url) == "https://www.linkedin.com/in/anouk-schrodinger"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://www.linkedin.com/company/lumen-coaching",
        "https://www.linkedin.com/",
        "https://www.linkedin.com/in/",
        "https://example.com/in/anouk",
        "https://notlinkedin.com/in/anouk",
        "ftp://www.linkedin.com/in/anouk",
        "mailto:anouk@example.nl",
        "https://www.linkedin.com/in/an ouk",
        "https://[::1/in/x",
    ],
)
def test_not_profile_addresses(url: str) -> None:
    assert normalise_linkedin_url(url) is None


def test_old_public_profile_form_and_non_ascii_slug() -> None:
    assert (
        normalise_linkedin_url("http://nl.linkedin.com/pub/jan-de-vries/1a/2b3/4c5/")
        == "https://www.linkedin.com/pub/jan-de-vries/1a/2b3/4c5"
    )
    assert normalise_linkedin_url("https://www.linkedin.com/in/J%C3%BCrgen") == (
        "https://www.linkedin.com/in/jürgen"
    )
    assert normalise_linkedin_url("https://www.linkedin.com/in/jürgen") == (
        "https://www.linkedin.com/in/jürgen"
    )


# -- errors ----------------------------------------------------------------------------


def test_bad_date_names_file_line_and_column() -> None:
    text = NOTES + HEADER + "\nAnouk,Schrödinger,,,,,15 Mar 2024\nSanne,Visser,,,,,2020-02-31\n"
    with pytest.raises(DataError) as error:
        parse_linkedin_connections(text, "export/Connections.csv")
    line, column, message = only_problem(error)
    assert (line, column) == (6, "Connected On")
    assert "not a real calendar date" in message
    assert "2020-02-31" in message
    assert str(error.value).startswith("export/Connections.csv, line 6, column 'Connected On'")


def test_every_bad_row_is_reported() -> None:
    text = (
        HEADER + "\n"
        ",,,,,,15 Mar 2024\n"
        "Anouk,Schrödinger,https://example.com/anouk,,,,\n"
        "Sanne,Visser,,sanne at example.nl,,,\n"
        "Thijs,Bakker,,,,,03/04/2024\n"
        "Fleur,de Wit,,,,\n"
        "Zoë,Öztürk,,,,,1 Jan 2024\n"
    )
    with pytest.raises(DataError) as error:
        parse_linkedin_connections(text)
    where = [(p.line, p.column) for p in error.value.problems]
    assert where == [
        (2, "First Name"),
        (3, "URL"),
        (4, "Email Address"),
        (5, "Connected On"),
        (6, "Connected On"),  # the first column without a cell
    ]
    assert "no name" in error.value.problems[0].message
    assert "LinkedIn profile address" in error.value.problems[1].message
    assert "e-mail address" in error.value.problems[2].message
    assert "ambiguous" in error.value.problems[3].message
    assert "6 cells but the header has 7" in error.value.problems[4].message


def test_no_header_found() -> None:
    text = "Name,E-mail\nAnouk,anouk@example.nl\n"
    with pytest.raises(DataError) as error:
        parse_linkedin_connections(text, "contacts.csv")
    line, column, message = only_problem(error)
    assert (line, column) == (1, "First Name")
    assert "First Name,Last Name,URL,Email Address,Company,Position,Connected On" in message
    assert error.value.problems[0].file == "contacts.csv"


def test_linkedin_profile_csv_is_not_a_connections_export() -> None:
    profile = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline\nAnna,Smit,,,,Coach\n"
    assert find_linkedin_header(profile) is None
    with pytest.raises(DataError):
        parse_linkedin_connections(profile, "Profile.csv")


def test_a_cell_too_many_names_the_column_it_would_be() -> None:
    with pytest.raises(DataError) as error:
        parse_linkedin_connections(HEADER + "\nAnouk,Smit,,,,,15 Mar 2024,extra\n")
    assert only_problem(error)[:2] == (2, "#8")


def test_header_naming_a_column_twice() -> None:
    with pytest.raises(DataError) as error:
        parse_linkedin_connections("First Name,Last Name,Connected On,last name\n")
    assert only_problem(error)[:2] == (1, "last name")


def test_invalid_csv_quote_is_a_data_error() -> None:
    with pytest.raises(DataError) as error:
        parse_linkedin_connections(HEADER + '\nAnouk,"Schr"ödinger,,,,,\n')
    line, _, message = only_problem(error)
    assert line == 2
    assert "not valid CSV" in message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    file = tmp_path / "Connections.csv"
    file.write_bytes((HEADER + "\nAnouk,Schr").encode() + b"\xf6dinger,,,,,\n")
    with pytest.raises(DataError) as error:
        read_linkedin_connections(file)
    line, _, message = only_problem(error)
    assert line == 2
    assert "UTF-8" in message


def test_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot be read"):
        read_linkedin_connections(tmp_path / "nowhere.csv")


# -- properties --------------------------------------------------------------------------

_cell_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12
)


@given(st.text())
def test_any_text_is_read_or_refused_with_a_netgraph_error(text: str) -> None:
    with contextlib.suppress(NetgraphError):
        parse_linkedin_connections(text)


@given(st.lists(st.sampled_from([HEADER, NOTES, "Anouk,Smit,,,,,15 Mar 2024", '"', ",,", ""])))
def test_any_mix_of_export_lines_is_read_or_refused(lines: list[str]) -> None:
    with contextlib.suppress(NetgraphError):
        parse_linkedin_connections("\n".join(lines))


@given(
    st.lists(
        st.tuples(
            _cell_text.filter(lambda s: s.strip() != ""),
            _cell_text,
            _cell_text,
            st.dates(min_value=date(2003, 5, 5), max_value=date(2030, 1, 1)),
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_written_rows_are_read_back(
    rows: list[tuple[str, str, str, date]], with_notes: bool
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = [NOTES + HEADER if with_notes else HEADER]
    for first, company, position, day in rows:
        lines.append(
            ",".join(
                [cell(first), "Last", "", "", cell(company), cell(position), f"{day:%d %b %Y}"]
            )
        )
    contacts = parse_linkedin_connections("\n".join(lines) + "\n")
    assert [(c.first_name, c.company, c.position, c.connected_on) for c in contacts] == [
        (first.strip(), company.strip(), position.strip(), day)
        for first, company, position, day in rows
    ]


def test_four_digit_years_are_taken_as_written() -> None:
    assert parse_linkedin_date("01 Jan 1999") == date(1999, 1, 1)
    assert parse_linkedin_date("01 Jan 2099") == date(2099, 1, 1)


@pytest.mark.parametrize("address", ["a;b@example.nl", "a@example.nl,b@example.nl", "a@b", "@b.nl"])
def test_an_address_list_or_half_an_address_is_refused(address: str) -> None:
    with pytest.raises(DataError) as error:
        parse_linkedin_connections(f'{HEADER}\nAnouk,Smit,,"{address}",,,\n')
    assert only_problem(error)[:2] == (2, "Email Address")
