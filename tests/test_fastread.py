"""The fast reader of network folders: the very network of the exact reader, or nothing.

``read_fast`` must build, for every valid folder, the same columns (values and dtypes),
extras and line numbers as the exact reader; and for anything the exact reader refuses it
must give up (return ``None``), so that ``read_folder`` still names every problem.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pytest
from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import networks

import netgraph
from netgraph import DataError, Network, network_from_dict, read_folder, write_folder
from netgraph.generate._generate import generate_platform, write_generated
from netgraph.io._fastread import _RECORD, WHITESPACE, read_fast
from netgraph.io._textio import _read_folder_exact
from netgraph.model._schema import SECTIONS, Field, FieldKind

FOLDERS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# -- comparing ---------------------------------------------------------------------------


def assert_same_array(name: str, fast: np.ndarray, exact: np.ndarray) -> None:
    assert fast.dtype == exact.dtype, (name, fast.dtype, exact.dtype)
    assert fast.shape == exact.shape, name
    nan = fast.dtype.kind in "fmM"  # NaT is no date, so equal only as "no date"
    assert np.array_equal(fast, exact, equal_nan=nan), name
    if fast.dtype == object:  # str stays str and tuples stay tuples
        assert [type(v) for v in fast.tolist()] == [type(v) for v in exact.tolist()], name


def assert_identical(fast: Network, exact: Network) -> None:
    assert list(fast.tables) == list(exact.tables)
    for name, a in fast.tables.items():
        b = exact.tables[name]
        assert (a.section, a.source) == (b.section, b.source), name
        assert list(a.columns) == list(b.columns), name
        assert list(a.extras) == list(b.extras), name
        for key in a.columns:
            assert_same_array(f"{name}.{key}", a.columns[key], b.columns[key])
        for key in a.extras:
            assert_same_array(f"{name}.{key} (extra)", a.extras[key], b.extras[key])
        assert_same_array(f"{name} lines", a.lines, b.lines)


def exact_outcome(folder: Path) -> Network | DataError:
    try:
        return _read_folder_exact(folder)
    except DataError as exc:
        return exc


def assert_read_folder_as_before(folder: Path) -> Network | None:
    """``read_folder`` gives what the exact reader gives; the fast network, if any."""
    fast = read_fast(folder)
    exact = exact_outcome(folder)
    if isinstance(exact, DataError):
        assert fast is None, "the fast path accepted a folder the exact reader refuses"
        with pytest.raises(DataError) as excinfo:
            read_folder(folder)
        assert excinfo.value.problems == exact.problems
        return None
    if fast is not None:
        assert_identical(fast, exact)
    assert_identical(read_folder(folder), exact)
    return fast


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


# -- the fast path is taken and agrees ---------------------------------------------------


def test_the_example_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = read_fast(EXAMPLE)
    assert fast is not None
    assert_identical(fast, _read_folder_exact(EXAMPLE))

    def refuse(path: Path) -> Network:
        raise AssertionError("read_folder took the exact path")

    monkeypatch.setattr(netgraph.io._textio, "_read_folder_exact", refuse)
    assert_identical(read_folder(EXAMPLE), fast)


@pytest.mark.parametrize(("people", "seed"), [(60, 0), (300, 1), (3000, 2)])
def test_generated_platform_networks(tmp_path: Path, people: int, seed: int) -> None:
    write_generated(generate_platform(people, seed), tmp_path)
    fast = read_fast(tmp_path)
    assert fast is not None
    assert_identical(fast, _read_folder_exact(tmp_path))


@FOLDERS
@given(networks(max_people=10, members=1) | networks(max_people=10, members=3))
def test_written_networks(tmp_path: Path, data: dict[str, Any]) -> None:
    folder = tmp_path / "net"
    write_files(folder, {})
    write_folder(network_from_dict(data), folder)
    fast = read_fast(folder)
    assert fast is not None
    assert_identical(fast, _read_folder_exact(folder))


SPACES = [" ", "  ", "\t", "\xa0", "\u3000", "\u2009", "\x0b", "\x0c", "\x1c", "\x1f", "\x85"]


@st.composite
def styled_files(draw: st.DrawFn) -> dict[str, bytes]:
    """A valid network written by hand: any case, spaces, quotes, line ends, extras, BOM."""
    data = draw(networks(max_people=8, members=draw(st.integers(1, 3))))
    network = network_from_dict(data)
    single = len(network.member_ids) == 1
    pad = st.tuples(st.sampled_from(["", *SPACES]), st.sampled_from(["", *SPACES]))
    files: dict[str, bytes] = {}
    for section in SECTIONS:
        name = section.name
        if name != "people" and not len(network.tables[name]) and draw(st.booleans()):
            continue  # a missing file; else a file of only its header
        header = list(network.header(name))
        rows = [list(row.values()) for row in network.rows(name)]
        optional = [i for i, f in enumerate(section.fields) if droppable(f, single)]
        keep = [i for i in range(len(header)) if i not in optional or draw(st.booleans())]
        extras = draw(
            st.lists(st.text("xyz_", min_size=1, max_size=4), max_size=2, unique=True).map(
                lambda names, h=header: [f"x{n}" for n in names if f"x{n}" not in h]
            )
        )
        cells = st.text(alphabet='ab ,"é;\u2028-', max_size=6)
        header = [header[i] for i in keep] + extras
        rows = [[row[i] for i in keep] + [draw(cells) for _ in extras] for row in rows]
        kinds = [section.field(h).kind if h in section.field_names else None for h in header]
        rows = [
            [
                restyle(draw, kind, value, single, draw(pad))
                for kind, value in zip(kinds, row, strict=True)
            ]
            for row in rows
        ]
        order = draw(st.permutations(range(len(header))))
        header = [draw(pad)[0] + header[i] + draw(pad)[1] for i in order]
        rows = [[row[i] for i in order] for row in rows]
        buffer = io.StringIO(newline="")
        quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
        end = draw(st.sampled_from(["\n", "\r\n"]))
        writer = csv.writer(buffer, lineterminator=end, quoting=quoting)
        writer.writerow(header)
        writer.writerows(rows)
        text = buffer.getvalue()
        text = text.removesuffix(end) + draw(st.sampled_from(["", end, end * 2]))
        bom = codecs.BOM_UTF8 if draw(st.booleans()) else b""
        files[section.file_name] = bom + text.encode("utf-8")
    return files


def droppable(f: Field, single: bool) -> bool:
    """Whether leaving out the column keeps the network valid."""
    if f.kind is FieldKind.MEMBER:
        return single
    return not f.required and f.kind is not FieldKind.YESNO  # people's member column


def restyle(draw: st.DrawFn, kind: FieldKind | None, value: str, single: bool, pad: Any) -> str:
    """Another text of the same value, as a person or a spreadsheet might write it."""
    if kind is None or kind is FieldKind.TEXT:
        return value  # kept verbatim
    if kind is FieldKind.MEMBER and single and draw(st.booleans()):
        return ""  # the only member
    if kind in (FieldKind.CHOICE, FieldKind.YESNO):
        value = draw(st.sampled_from([value, value.upper(), value.title()]))
        if kind is FieldKind.YESNO:
            value = draw(
                st.sampled_from(
                    {"yes": ["yes", "Ja", "TRUE"], "no": ["no", "nee", ""]}[value.lower()]
                )
            )
    if kind is FieldKind.INT and value == "3":
        value = draw(st.sampled_from(["3", "", "03"]))
    if kind is FieldKind.MONEY:
        value = draw(st.sampled_from([value, "0" + value, value.removesuffix("0")]))
    if kind is FieldKind.CURRENCY and value == "EUR":
        value = draw(st.sampled_from(["EUR", ""]))
    if kind is FieldKind.TAGS and value:
        value = draw(st.sampled_from([value, value.replace(";", " ; ;") + ";"]))
    return pad[0] + value + pad[1]


@FOLDERS
@given(styled_files())
def test_hand_written_networks(tmp_path: Path, files: dict[str, bytes]) -> None:
    folder = write_files(tmp_path / "net", files)
    fast = read_fast(folder)
    assert fast is not None
    assert_identical(fast, _read_folder_exact(folder))


def test_files_of_only_a_header(tmp_path: Path) -> None:
    files = {s.file_name: ",".join(s.field_names) + ",extra\n" for s in SECTIONS}
    folder = write_files(tmp_path, files)
    fast = read_fast(folder)
    assert fast is not None
    assert_identical(fast, _read_folder_exact(folder))
    assert fast.size == 0


def test_a_person_with_spaces_around_a_reference(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path,
        {
            "people.csv": "id,name,member\n me ,Anna,yes\nc1,Bram,\n",
            "ties.csv": "a,b\n\u3000me,c1 \n",
            "invoices.csv": "date,client,amount,member\n2024-01-02, c1,10,\n2024-01-03,c1,1, me\n",
        },
    )
    fast = read_fast(folder)
    assert fast is not None
    assert_identical(fast, _read_folder_exact(folder))
    assert fast.tables["invoices"]["member"].tolist() == [0, 0]


def test_an_empty_member_column_is_the_only_member(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path,
        {
            "people.csv": "id,name,member\nc1,Bram,\nme,Anna,yes\n",
            "invoices.csv": "date,client,amount,member\n2024-01-02,c1,10,\n2024-01-03,c1,1,\n",
            "satisfaction.csv": "date,client,score\n2024-01-02,c1,8\n",
        },
    )
    fast = read_fast(folder)
    assert fast is not None
    assert_identical(fast, _read_folder_exact(folder))
    assert fast.tables["invoices"]["member"].tolist() == [1, 1]
    assert fast.tables["satisfaction"]["member"].tolist() == [1]


# -- anything else goes the exact way ----------------------------------------------------

PEOPLE = "id,name,member\nx0,Xander,no\nme,Anna,yes\nc1,Bram,no\nc2,Carla,no\n"
D = "2024-03-15"

GIVE_UP = {
    # references
    "unknown person": {"ties.csv": "a,b\nc1,c2\nghost,c1\n"},
    "unknown group": {"memberships.csv": "person,group\nc1,g9\n"},
    "no groups file": {"memberships.csv": "person,group\nc1,g1\n"},
    "empty reference": {"ties.csv": "a,b\nc1, \n"},
    "member not a member": {"invoices.csv": f"date,client,amount,member\n{D},c1,10,c2\n"},
    "empty member, two members": {
        "people.csv": "id,name,member\nme,Anna,yes\nm2,Bea,yes\nc1,Bram,\n",
        "invoices.csv": f"date,client,amount\n{D},c1,10\n",
    },
    "empty member, no member": {
        "people.csv": "id,name\nme,Anna\nc1,Bram\n",
        "invoices.csv": f"date,client,amount\n{D},c1,10\n",
    },
    # ids
    "duplicate id": {"people.csv": PEOPLE + "c1,Bram again,no\n"},
    "duplicate id after stripping": {"people.csv": PEOPLE + " c1 ,Bram again,no\n"},
    "duplicate group id": {"groups.csv": "id,name\ng1,Club\ng1,Club again\n"},
    "empty id": {"people.csv": PEOPLE + " ,Nobody,no\n"},
    "empty name": {"people.csv": PEOPLE + "c3,\u3000,no\n"},
    # values
    "impossible date": {"ties.csv": "a,b,since\nc1,c2,2023-02-29\n"},
    "date without zeros": {"ties.csv": "a,b,since\nc1,c2,2023-2-01\n"},
    "year zero": {"ties.csv": "a,b,since\nc1,c2,0000-01-01\n"},
    "arabic-indic digits": {"ties.csv": "a,b,since\nc1,c2,\u0662\u0660\u0662\u0664-01-01\n"},
    "empty required date": {"exchanges.csv": "date,from,to,kind\n,c1,c2,advice\n"},
    "comma amount": {"invoices.csv": f'date,client,amount\n{D},c1,"1,50"\n'},
    "negative amount": {"invoices.csv": f"date,client,amount\n{D},c1,-1\n"},
    "three decimals": {"invoices.csv": f"date,client,amount\n{D},c1,1.005\n"},
    "huge amount": {"invoices.csv": f"date,client,amount\n{D},c1,9999999999999999\n"},
    "empty amount": {"invoices.csv": f"date,client,amount\n{D},c1,\n"},
    "strength 6": {"ties.csv": "a,b,strength\nc1,c2,6\n"},
    "strength 2.5": {"ties.csv": "a,b,strength\nc1,c2,2.5\n"},
    "score 11": {"satisfaction.csv": f"date,client,score\n{D},c1,11\n"},
    "score 1e1": {"satisfaction.csv": f"date,client,score\n{D},c1,1e1\n"},
    "unknown role": {"people.csv": "id,name,role\nme,Anna,boss\n"},
    "unknown kind": {"exchanges.csv": f"date,from,to,kind\n{D},c1,c2,gossip\n"},
    "empty kind": {"interactions.csv": f"date,contact,kind\n{D},c1,\n"},
    "yes or no": {"people.csv": "id,name,member\nme,Anna,maybe\n"},
    "lower-case currency": {"invoices.csv": f"date,client,amount,currency\n{D},c1,1,eur\n"},
    "bad e-mail": {"people.csv": "id,name,email\nme,Anna,anna@example\n"},
    # rules across columns and rows
    "tie with oneself": {"ties.csv": "a,b\nc1,c1\n"},
    "second tie reversed": {"ties.csv": "a,b\nc1,c2\nc2,c1\n"},
    "member refers to themselves": {"referrals.csv": f"date,referrer,referred\n{D},me,c1\n"},
    "member invoices themselves": {"invoices.csv": f"date,client,amount\n{D},me,1\n"},
    "until before since": {
        "groups.csv": "id,name\ng1,Club\n",
        "memberships.csv": "person,group,since,until\nc1,g1,2024-02-01,2024-01-31\n",
    },
    # headers
    "missing required column": {"ties.csv": "a,strength\nc1,3\n"},
    "repeated column": {"ties.csv": "a,b,b\nc1,c2,c2\n"},
    "repeated column after stripping": {"ties.csv": "a,b, b\nc1,c2,c2\n"},
    "column without a name": {"ties.csv": "a,b,\nc1,c2,x\n"},
    "bad quote in the header": {"ties.csv": '"a"x,b\nc1,c2\n'},
    "empty file": {"ties.csv": ""},
    # CSV and text the exact reader reads otherwise or refuses
    "too many cells": {"ties.csv": "a,b\nc1,c2,x\n"},
    "too few cells": {"ties.csv": "a,b,strength\nc1,c2\n"},
    "text after a closing quote": {"ties.csv": 'a,b\n"c1"x,c2\n'},
    "unclosed quote at the end": {"ties.csv": 'a,b\nc1,"c2\n'},
    "invalid UTF-8": {"people.csv": b"id,name\nme,Br\xe9\n"},
    "UTF-16": {"people.csv": "id,name\nme,Anna\n".encode("utf-16")},
}

VALID_BUT_EXACT = {  # valid, but the fast path cannot vouch for the line numbers
    "row over several lines": {"people.csv": 'id,name,why\nme,Anna,"one\ntwo"\nc1,Bram,\n'},
    "blank line": {"ties.csv": "a,b\nc1,c2\n\nc2,me\n"},
    "row of commas": {"ties.csv": "a,b,strength\nc1,c2,1\n,,\nc2,me,2\n"},
    "blank line before the header": {"ties.csv": "\na,b\nc1,c2\n"},
    "lone carriage return": {"ties.csv": "a,b\rc1,c2\n"},
    "carriage return in a quoted cell": {"people.csv": 'id,name\nme,"An\rna"\n'},
    "NUL byte": {"people.csv": "id,name\nme,An\x00na\n"},
}


@pytest.mark.parametrize("case", sorted(GIVE_UP))
def test_the_fast_path_gives_up_on_bad_input(tmp_path: Path, case: str) -> None:
    folder = write_files(tmp_path, {"people.csv": PEOPLE, **GIVE_UP[case]})
    assert isinstance(exact_outcome(folder), DataError), "the case must be invalid"
    assert read_fast(folder) is None
    assert_read_folder_as_before(folder)


@pytest.mark.parametrize("case", sorted(VALID_BUT_EXACT))
def test_valid_input_the_fast_path_leaves_to_the_exact_reader(tmp_path: Path, case: str) -> None:
    folder = write_files(tmp_path, {"people.csv": PEOPLE, **VALID_BUT_EXACT[case]})
    assert isinstance(exact_outcome(folder), Network), "the case must be valid"
    assert read_fast(folder) is None
    assert_read_folder_as_before(folder)


MUTATIONS = [b",", b'"', b'""', b"\n", b"\r", b"\r\n", b" ", b"\t", b"\x00", b"\xff", b"\xc3",
             "\xa0".encode(), "\ufeff".encode(), "\u2028".encode(), b"\x1c", b";", b"-", b".",
             b"0", b"1", b"9", b"x", b"c1", b"me", b"yes", b"2024-02-30", b"EUR"]  # fmt: skip


@FOLDERS
@given(styled_files(), st.data())
def test_any_change_of_a_byte_reads_as_before(
    tmp_path: Path, files: dict[str, bytes], data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(sorted(files)))
    content = bytearray(files[name])
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(content)))
        cut = data.draw(st.integers(0, 2))
        content[at : at + cut] = data.draw(st.sampled_from(MUTATIONS))
    folder = write_files(tmp_path / "net", {**files, name: bytes(content)})
    assert_read_folder_as_before(folder)


# -- the pieces ------------------------------------------------------------------------


def test_whitespace_is_what_str_strip_removes() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(WHITESPACE) == every
    assert len(WHITESPACE) == len(every)


@given(st.text(alphabet='ab ,"', max_size=10))
def test_the_record_pattern_is_one_record_of_the_csv_module(line: str) -> None:
    try:
        records = list(csv.reader([line], strict=True))
    except csv.Error:
        records = []
    whole = len(records) == 1
    matched = pc.match_substring_regex(pa.array([line]), _RECORD)[0].as_py()
    assert matched == whole
    if whole and records[0]:  # pyarrow reads such a line as the csv module does
        names = [f"c{i}" for i in range(len(records[0]))]
        table = pcsv.read_csv(
            pa.BufferReader(line.encode() + b"\n"),
            read_options=pcsv.ReadOptions(column_names=names),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        if table.num_rows:  # pyarrow skips an empty line; the exact reader a blank one
            assert [table.column(i)[0].as_py() for i in range(len(names))] == records[0]


amount_texts = st.one_of(
    st.from_regex(r"\A\s?[0-9]{1,17}(\.[0-9]{0,3})?\s?\Z"),
    st.sampled_from(["", " ", "-3", "1,50", "1.5.0", "١٢", "1e3", "9999999999999999.99"]),
)


@given(texts=st.lists(amount_texts, min_size=1, max_size=12, unique=True))
def test_amounts_read_all_at_once_are_the_per_text_parse_or_left_to_it(texts):
    # the column-wide reading of amounts gives each text's cents, or gives up and lets
    # the per-text parser (which names the fault) have every text
    from netgraph.io._build import _parse_money
    from netgraph.io._fastread import _plain_cents

    got = _plain_cents(pa.array(texts, pa.string()))
    if got is None:
        return
    assert got.tolist() == [_parse_money(None, t.strip()) for t in texts]
