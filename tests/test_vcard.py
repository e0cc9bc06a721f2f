"""Reading vCard files: the samples of three writers, the encodings, folding, errors."""

from __future__ import annotations

import contextlib
import os
import quopri
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.importers._vcard import VCardContact, parse_vcard_bytes, parse_vcards, read_vcards
from netgraph.model._errors import DataError, NetgraphError

DATA = Path(__file__).parent / "data" / "import"


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


# -- the samples ---------------------------------------------------------------------


def test_apple_contacts_3_0() -> None:
    jan_willem, fleur = read_vcards(DATA / "apple-3.0.vcf")
    assert jan_willem == VCardContact(
        name="Jan-Willem van den Bosch",
        emails=("jw@boschenzonen.nl", "jwvdbosch@gmail.com"),
        phones=("+31 6 2345 6789", "+31 73 612 3456"),
        organisation="Bosch & Zonen Installatietechniek",
        title="Directeur-eigenaar",
        urls=("https://www.linkedin.com/in/JWvandenBosch/", "https://boschenzonen.nl"),
        linkedin="https://www.linkedin.com/in/jwvandenbosch",
        note=(
            "Kent veel installateurs in de regio Den Bosch, vooral in de warmtepompen. "
            "Introductie via Anouk op de netwerkborrel.\n"
            "Wil graag een tweede afspraak in het voorjaar."
        ),
        version="3.0",
        line=1,
    )
    assert fleur.line == 24
    assert fleur.organisation == "Atelier de Wit"  # the unit 'Ontwerp' left out
    assert fleur.urls == ("https://atelierdewit.nl",)
    assert fleur.linkedin == "https://www.linkedin.com/in/fleurdewit"  # X-SOCIALPROFILE


def test_outlook_2_1_in_a_windows_code_page_with_quoted_printable() -> None:
    data = (DATA / "outlook-2.1.vcf").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    anouk, jurgen = read_vcards(DATA / "outlook-2.1.vcf")
    assert anouk.name == "Anouk Schrödinger"  # raw Windows-1252 bytes
    assert anouk.version == "2.1"
    assert anouk.emails == ("anouk@lumencoaching.nl",)
    assert anouk.phones == ("+31 30 234 5678", "+31 6 1234 5678")
    assert anouk.linkedin == "https://www.linkedin.com/in/anouk-schrodinger"
    # quoted-printable in ISO-8859-1, a soft line break inside a word, an encoded CRLF
    assert anouk.note == (
        "Ontmoet op de netwerkborrel van Ondernemend Utrecht. Wil meer weten over "
        "coöperatieve vormen van samenwerken\nVolgende stap: lunch in mei."
    )
    assert jurgen.line == 20
    assert jurgen.name == "Jürgen Müller"
    assert jurgen.organisation == "Müller & Söhne GmbH"
    assert jurgen.title == "Einkaufsleiter \u2013 Europa"  # an en dash: Windows-1252
    assert jurgen.emails == ("JM@mueller-soehne.de", "j.mueller@mueller-soehne.de")  # PREF first


def test_vcard_4_0_with_pref_and_type_parameters() -> None:
    zoe, pieter_jan = read_vcards(DATA / "contacts-4.0.vcf")
    assert zoe.name == "Zoë Öztürk"
    assert zoe.emails == ("Zoe.Ozturk@buurtkracht.nl", "zoe.ozturk@example.com")
    assert zoe.phones == ("+31-6-3456-7890",)  # the tel: scheme taken off
    assert zoe.linkedin is None
    assert zoe.note == (
        "Zoekt vrijwilligers met kennis van subsidies, en wil sparren over fondsenwerving."
    )
    assert pieter_jan.line == 15
    assert pieter_jan.emails == (
        "pieterjan@degroot-advies.nl",
        "pj.degroot@example.nl",
        "info@degroot-advies.nl",
    )
    assert pieter_jan.linkedin == "https://www.linkedin.com/in/pieter-jan-de-groot-7a8b9c"


# -- encodings and grammar -------------------------------------------------------------


def test_quoted_printable_soft_line_breaks_and_charset_in_a_utf8_file() -> None:
    text = card(
        "N;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:=D6zt=FCrk;Zo=EB;;;",
        "FN;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:Zo=EB =D6zt=FCrk",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Eerste regel=0D=0ATweede =",
        "regel, heel lang=",
        "e woorden",
        "TITLE;QUOTED-PRINTABLE:Co=C3=B6rdinator",
        version="2.1",
    )
    (contact,) = parse_vcards(text)
    assert contact.name == "Zoë Öztürk"
    assert contact.note == "Eerste regel\nTweede regel, heel lange woorden"
    assert contact.title == "Coördinator"  # no CHARSET: UTF-8


def test_folded_lines_with_space_and_tab() -> None:
    text = card(
        "FN:Jan-Willem van", "  den Bosch", "ORG:Bosch &", "\t Zonen", "EMAIL:jw@bosch", " .nl"
    )
    (contact,) = parse_vcards(text)
    assert contact.name == "Jan-Willem van den Bosch"
    assert contact.organisation == "Bosch & Zonen"
    assert contact.emails == ("jw@bosch.nl",)


def test_name_from_n_when_fn_is_missing() -> None:
    (contact,) = parse_vcards(card("N:van den Bosch;Jan-Willem;;Ir.;"))
    assert contact.name == "Jan-Willem van den Bosch"
    (contact,) = parse_vcards(card("N:Öztürk;Zoë;Ayşe,Naz;;"))
    assert contact.name == "Zoë Ayşe Naz Öztürk"


def test_escapes_in_3_0_values() -> None:
    text = card(
        r"FN:Visser\, Sanne",
        r"ORG:Visser\, Bakker \; Partners;Fiscaal",
        r"NOTE:Regel één\nRegel twee\Nen drie met C:\pad",
        r"URL:https\://www.linkedin.com/in/sannevisser",
    )
    (contact,) = parse_vcards(text)
    assert contact.name == "Visser, Sanne"
    assert contact.organisation == "Visser, Bakker ; Partners"
    assert contact.note == "Regel één\nRegel twee\nen drie met C:\\pad"
    assert contact.linkedin == "https://www.linkedin.com/in/sannevisser"


def test_several_cards_lf_endings_and_blank_lines_between() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anouk Schrödinger\nEND:VCARD\n\n"
        "begin:vcard\nversion:4.0\nfn:Zoë Öztürk\nemail:ZOE@example.nl\nend:vcard\n"
        "\nBEGIN:VCARD\nVERSION:2.1\nN:Bakker;Thijs\nEND:VCARD"
    )
    contacts = parse_vcards(text)
    assert [(c.name, c.line, c.version) for c in contacts] == [
        ("Anouk Schrödinger", 1, "3.0"),
        ("Zoë Öztürk", 6, "4.0"),
        ("Thijs Bakker", 12, "2.1"),
    ]
    assert contacts[1].emails == ("ZOE@example.nl",)


def test_byte_order_mark_and_mailto() -> None:
    data = "\ufeff".encode() + card("FN:Femke de Jong", "EMAIL:mailto:femke@example.nl").encode()
    (contact,) = parse_vcard_bytes(data, "femke.vcf")
    assert contact.emails == ("femke@example.nl",)


def test_same_address_twice_is_kept_once() -> None:
    (contact,) = parse_vcards(card("FN:Femke", "EMAIL:femke@example.nl", "EMAIL:Femke@Example.nl"))
    assert contact.emails == ("femke@example.nl",)


def test_unfolded_base64_photo_of_2_1_is_skipped() -> None:
    text = card(
        "FN:Henk Jansen",
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwME",
        "BQQEBAQFCgcHBggMCgwMCwoLCw0OEhANDhEOCwsQFhARExQVFRUMDxcYFhQYEhQVFP/bAEMBAwQE",
        "",
        "TEL;HOME:020-1234567",
        version="2.1",
    )
    (contact,) = parse_vcards(text)
    assert contact.phones == ("020-1234567",)


def test_embedded_agent_card_is_not_mixed_in() -> None:
    text = card(
        "FN:Sanne Visser",
        "AGENT:",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:Secretariaat",
        "EMAIL:secretariaat@visser.nl",
        "END:VCARD",
        "EMAIL:sanne@visser.nl",
        version="2.1",
    )
    (contact,) = parse_vcards(text)
    assert contact.name == "Sanne Visser"
    assert contact.emails == ("sanne@visser.nl",)


# -- errors ------------------------------------------------------------------------


def problems(text: str) -> list[tuple[int | None, str | None]]:
    with pytest.raises(DataError) as error:
        parse_vcards(text, "stack.vcf")
    assert all(p.file == "stack.vcf" for p in error.value.problems)
    return [(p.line, p.column) for p in error.value.problems]


def test_errors_name_the_line_where_the_bad_card_starts() -> None:
    good = card("FN:Anouk")
    no_name = card("EMAIL:anon@example.nl", "ORG:Lumen")
    bad_email = card("FN:Sanne", "EMAIL:sanne at example")
    text = good + no_name + bad_email
    assert problems(text) == [(5, "FN"), (10, "EMAIL")]
    with pytest.raises(DataError, match=r"stack.vcf, line 5, column 'FN': in the card starting"):
        parse_vcards(text, "stack.vcf")


def test_card_without_end() -> None:
    assert problems(card("FN:Anouk") + "BEGIN:VCARD\nVERSION:3.0\nFN:Sanne\n") == [(5, "END")]


def test_text_outside_a_card() -> None:
    assert problems("Anouk Schrödinger\n" + card("FN:Anouk")) == [(1, "BEGIN")]
    assert problems(card("FN:Anouk") + "END:VCARD\n") == [(5, "BEGIN")]


def test_no_card_at_all() -> None:
    assert problems("") == [(1, "BEGIN")]
    assert problems("\n\n  \n") == [(1, "BEGIN")]


def test_unknown_charset_and_undecodable_value() -> None:
    text = card("FN;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:Anouk=F6", version="2.1")
    assert problems(text) == [(1, "FN")]
    text = card("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Anouk=F6", version="2.1")
    assert problems(text) == [(1, "FN")]


def test_unknown_version_and_encoding() -> None:
    assert problems(card("FN:Anouk", version="5.0")) == [(1, "VERSION")]
    assert problems(card("FN;ENCODING=UUENCODE:Anouk")) == [(1, "FN")]


def test_a_line_that_is_not_a_property() -> None:
    (problem,) = problems(card("FN:Anouk", "this is not a property"))
    assert problem == (1, None)


def test_missing_vobject_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vobject", None)
    monkeypatch.setitem(sys.modules, "vobject.base", None)
    with pytest.raises(NetgraphError, match=r"pip install .vobject.*netgraph-value\[vcard\]"):
        parse_vcards(card("FN:Anouk"))


def test_importing_netgraph_does_not_import_vobject() -> None:
    code = (
        "import sys, netgraph, netgraph.importers._vcard, netgraph.importers._merge\n"
        "import netgraph.importers._linkedin\n"
        "print('vobject' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "False"


# -- properties -----------------------------------------------------------------------

_value = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    min_size=1,
    max_size=30,
)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str, width: int) -> str:
    parts = [line[i : i + width] for i in range(0, len(line), width)]
    return "\r\n ".join(parts)


@given(_value, _value, st.integers(min_value=1, max_value=20))
def test_folding_anywhere_changes_nothing(name: str, organisation: str, width: int) -> None:
    text = card(
        _fold("FN:" + _escape(name), width),
        _fold("ORG:" + _escape(organisation) + ";Afdeling", width),
    )
    (contact,) = parse_vcards(text)
    assert contact.name == " ".join(name.split())
    assert contact.organisation == " ".join(organisation.split())


@given(
    st.text(st.characters(codec="latin-1", exclude_categories=("Cc", "Zs")), min_size=1),
    st.sampled_from(["ISO-8859-1", "windows-1252", "UTF-8"]),
)
def test_quoted_printable_in_any_charset_is_read_back(name: str, charset: str) -> None:
    encoded = quopri.encodestring(_escape(name).encode(charset)).decode("ascii")
    lines = encoded.replace("\r\n", "\n").split("\n")
    text = card(
        f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:" + lines[0], *lines[1:], version="2.1"
    )
    (contact,) = parse_vcards(text)
    assert contact.name == " ".join(name.split())


_lines = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "VERSION:4.0",
        "FN:Anouk",
        "N:Smit;Anna",
        "EMAIL:a@b.nl",
        "EMAIL:bad",
        "NOTE;ENCODING=QUOTED-PRINTABLE:a=",
        "=F6=",
        " folded",
        "\tfolded",
        "TEL;PREF:1",
        "N;CHARSET=utf-16;ENCODING=QUOTED-PRINTABLE:=FF",
        "FN;CHARSET=idna:xn--",
        "URL:http://[::1",
        'X-A;a="b:c',
        "PHOTO;ENCODING=b:abc",
        "ORG:\\",
        "",
    ]
)


@given(st.one_of(st.text(), st.lists(st.one_of(_lines, st.text(max_size=8))).map("\n".join)))
def test_any_text_is_read_or_refused_with_a_netgraph_error(text: str) -> None:
    with contextlib.suppress(NetgraphError):
        parse_vcards(text)


@given(st.binary())
def test_any_bytes_are_read_or_refused_with_a_netgraph_error(data: bytes) -> None:
    with contextlib.suppress(NetgraphError):
        parse_vcard_bytes(b"BEGIN:VCARD\r\nFN:" + data + b"\r\nEND:VCARD\r\n")
    with contextlib.suppress(NetgraphError):
        parse_vcard_bytes(data)
