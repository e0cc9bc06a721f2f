"""The first ten minutes: what a new user meets first says what it means."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from paths import EXAMPLE, ROOT

import netgraph
from netgraph.cli._cli import main
from netgraph.io._fastread import read_fast
from netgraph.io._textio import read_folder

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Anouk,Visser,https://www.linkedin.com/in/anouk,,Lumen,Coach,1-Jan-99\n"
    "Bram,de Wit,https://www.linkedin.com/in/bram,,,,15 Mar 2024\n"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_version_is_printed_and_matches_the_package() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netgraph", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"netgraph {netgraph.__version__}"


@pytest.mark.parametrize(
    ("separator", "named"), [(";", "';' (a semicolon)"), ("\t", "tabs"), ("|", "'|'")]
)
def test_a_file_with_another_separator_is_named_by_both_readers(
    tmp_path: Path, separator: str, named: str
) -> None:
    rows = ["id;name;member", "me;Anna;yes", "c1;Bram;no"]
    folder = write(tmp_path / "n", {"people.csv": "\n".join(rows).replace(";", separator) + "\n"})
    assert read_fast(folder) is None  # the fast reader does not vouch for it ...
    with pytest.raises(netgraph.DataError) as caught:  # ... and the exact one says why
        read_folder(folder)
    message = str(caught.value)
    assert message.startswith("people.csv, line 1: the columns of the header")
    assert f"separated by {named}, not by commas" in message
    assert "CSV UTF-8 (Comma delimited)" in message
    code, _, err = run("check", str(folder))
    assert code == 1 and "separated by" in err


def test_a_semicolon_linkedin_export_is_named(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(CONNECTIONS.replace(",", ";"), encoding="utf-8")
    code, _, err = run("import", str(source), "--into", str(tmp_path / "n"), "--member", "me")
    assert code == 1
    assert "Connections.csv, line 1: the columns of the header" in err
    assert "';' (a semicolon)" in err
    assert not (tmp_path / "n").exists()


def test_the_readme_synopsis_says_a_new_folder_needs_a_member() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("netgraph import "))
    assert "a new folder needs --member" in line


def test_import_help_says_a_new_folder_needs_a_member(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    usage = capsys.readouterr().out
    assert "a new folder needs --member ID" in usage.split("\n\n")[0]


@pytest.mark.parametrize("command", ["push", "score"])
def test_a_folder_given_to_neo4j_is_a_clear_usage_error(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--neo4j", str(EXAMPLE), "--network", "x"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"'{EXAMPLE}' is a folder, not a Neo4j URI like bolt://localhost:7687" in err
    assert "netgraph push FOLDER --neo4j --network NAME" in err
    assert "Traceback" not in err


def test_a_dry_run_that_changes_nothing_says_so(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(CONNECTIONS, encoding="utf-8")
    folder = tmp_path / "n"
    code, out, _ = run("import", str(source), "--into", str(folder), "--member", "me", "--dry-run")
    assert code == 0 and out.startswith(f"dry run, would change {folder}:")
    assert "2 people would be added (and the member 'me')" in out
    assert not folder.exists()
    assert run("import", str(source), "--into", str(folder), "--member", "me")[0] == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, out, _ = run("import", str(source), "--into", str(folder), "--dry-run")
    assert code == 0
    assert out.startswith(f"dry run, nothing would change in {folder}:")
    assert "dry run, would change" not in out and "0 people would be added" in out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_full_linkedin_export_says_skipped_once(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Connections.csv", CONNECTIONS)
        for name in [
            "Profile.csv",
            "Skills.csv",
            "messages.csv",
            "Invitations.csv",
            "Ad_Targeting.csv",
        ]:
            z.writestr(name, "Something,Else\n1,2\n")
    code, _, err = run("import", str(archive), "--into", str(tmp_path / "n"), "--member", "me")
    assert code == 0
    assert err.count("skipped") == 1
    assert err.startswith("skipped 5 files that are neither a LinkedIn export nor a vCard file (")
    assert err.rstrip().endswith(", ...)")


def test_a_two_digit_year_99_is_1999_not_2099(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(CONNECTIONS, encoding="utf-8")
    folder = tmp_path / "n"
    assert run("import", str(source), "--into", str(folder), "--member", "me")[0] == 0
    since = {row["since"] for row in netgraph.load_network(folder).rows("ties")}
    assert since == {"1999-01-01", "2024-03-15"}


def test_hidden_files_in_a_folder_are_ignored(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "n",
        {
            "people.csv": "id,name,member\nme,Anna,yes\n",
            "._people.csv": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",  # AppleDouble
            ".hidden.csv": "not,a,network\n",
            ".people.csv.123.tmp": "left by someone\n",
        },
    )
    code, out, err = run("check", str(folder))
    assert code == 0, err
    assert out.startswith(f"{folder}: valid")
    assert read_fast(folder) is not None
    source = tmp_path / "Connections.csv"
    source.write_text(CONNECTIONS, encoding="utf-8")
    assert run("import", str(source), "--into", str(folder))[0] == 0  # the one member
    assert (folder / "._people.csv").read_bytes().startswith(b"\x00\x05\x16\x07")


def test_the_count_of_more_problems_is_the_true_one(tmp_path: Path) -> None:
    people = "".join(f"p{i},Person {i},no\n" for i in range(5000))
    ties = "".join(f"me,p{i},3,1-1-2020\n" for i in range(5000))
    folder = write(
        tmp_path / "n",
        {
            "people.csv": "id,name,member\nme,Me,yes\n" + people,
            "ties.csv": "a,b,strength,since\n" + ties,
        },
    )
    code, _, err = run("check", str(folder))
    assert code == 1
    assert err.count("expected a date as YYYY-MM-DD") == 20
    assert err.rstrip().endswith("... and 4,980 more problems")
    with pytest.raises(netgraph.DataError) as caught:
        read_folder(folder)
    assert caught.value.total == 5000 and len(caught.value.problems) == 100


def test_the_count_of_more_linkedin_problems_is_the_true_one(tmp_path: Path) -> None:
    header = "First Name,Last Name,Connected On\n"
    source = tmp_path / "Connections.csv"
    source.write_text(header + "".join(f"A{i},B,31 Feb 2020\n" for i in range(300)), "utf-8")
    code, _, err = run("import", str(source), "--into", str(tmp_path / "n"), "--member", "me")
    assert code == 1 and err.rstrip().endswith("... and 280 more problems")


def test_a_full_disk_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    folder = tmp_path / "n"
    code, out, err = run("generate", "--example", "--into", str(folder))
    assert code == 1, out
    assert err == f"netgraph: error: {folder / 'people.csv'}: No space left on device\n"
    assert not [p for p in folder.rglob("*") if p.name.startswith(".")]  # no temporary file
