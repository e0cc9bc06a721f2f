"""The command line on bad input: a clear message and an exit code, never a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netgraph.cli._cli import main

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = "id,name,member\nme,Anna,yes\nc1,Bram,no\nc2,Carla,no\n"
BAD_TIES = "a,b,strength\nme,c1,3\nc1,c2,7\nc2,ghost,\n"
AS_OF = ["--as-of", "2025-01-01"]


def write_files(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    return write_files(tmp_path / "bad", {"people.csv": PEOPLE, "ties.csv": BAD_TIES})


@pytest.fixture
def good_folder(tmp_path: Path) -> Path:
    return write_files(
        tmp_path / "good",
        {
            "people.csv": PEOPLE,
            "ties.csv": "a,b\nme,c1\nc1,c2\n",
            "invoices.csv": "date,client,amount\n2024-03-01,c1,1200.00\n",
        },
    )


# -- data errors: exit 1 ----------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["score", *AS_OF], ["score", "--all", *AS_OF]])
def test_bad_data_exits_1_naming_file_line_and_column(bad_folder: Path, command: list[str]):
    code, out, err = run(command[0], str(bad_folder), *command[1:])
    assert code == 1
    assert out == ""  # nothing half-done on standard output
    assert "ties.csv, line 3, column 'strength': expected a whole number from 1 to 5" in err
    assert "ties.csv, line 4, column 'b': unknown id 'ghost'" in err  # every problem, not one
    assert "Traceback" not in err
    assert err.startswith("netgraph: invalid data:")


def test_bad_json_exits_1_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "net.json"
    path.write_text('{"people": [\n  {"id": "me", "name": "Anna"\n]}\n', encoding="utf-8")
    code, out, err = run("check", str(path))
    assert code == 1
    assert out == ""
    assert "net.json, line 3: is not valid JSON" in err
    assert "Traceback" not in err


def test_an_unknown_file_in_the_folder_exits_1_with_a_hint(bad_folder: Path) -> None:
    (bad_folder / "referals.csv").write_text("date,referrer,referred\n", encoding="utf-8")
    code, _, err = run("check", str(bad_folder))
    assert code == 1
    assert "referals.csv: is not a file of the data contract; did you mean referrals.csv?" in err


def test_a_missing_path_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for command in (["check"], ["score", *AS_OF]):
        code, out, err = run(command[0], str(missing), *command[1:])
        assert code == 1
        assert out == ""
        assert "nowhere" in err
        assert "does not exist" in err
        assert "Traceback" not in err


def test_a_path_that_is_neither_folder_nor_json_exits_1(tmp_path: Path) -> None:
    path = write_files(tmp_path, {"people.csv": PEOPLE}) / "people.csv"
    code, _, err = run("check", str(path))
    assert code == 1
    assert "expected a network folder or a .json file" in err


def test_an_unreadable_file_exits_1(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "net", {"ties.csv": "a,b\n"})
    (folder / "people.csv").mkdir()  # not a file: refused before reading
    code, out, err = run("check", str(folder))
    assert code == 1
    assert out == ""
    assert err == "netgraph: invalid data:\npeople.csv: is a folder, not a regular file\n"
    assert "Traceback" not in err


def test_a_bad_amount_exits_1_without_a_traceback(tmp_path: Path) -> None:
    folder = write_files(
        tmp_path, {"people.csv": PEOPLE, "invoices.csv": "date,client,amount\n2024-01-01,c1,x\n"}
    )
    code, _, err = run("check", str(folder))
    assert code == 1
    assert "invoices.csv, line 2, column 'amount'" in err


# -- usage errors: exit 2 ---------------------------------------------------------------


def test_an_unknown_member_exits_2(good_folder: Path) -> None:
    code, out, err = run("score", str(good_folder), "--member", "nobody", *AS_OF)
    assert code == 2
    assert out == ""
    assert "unknown member 'nobody'" in err
    assert "Traceback" not in err


def test_a_person_who_is_not_a_member_exits_2(good_folder: Path) -> None:
    code, _, err = run("score", str(good_folder), "--member", "c1", *AS_OF)
    assert code == 2
    assert "'c1' is not a member" in err


def test_several_members_without_member_exits_2(tmp_path: Path) -> None:
    people = "id,name,member\nme,Anna,yes\nyou,Bram,yes\n"
    folder = write_files(tmp_path, {"people.csv": people})
    code, _, err = run("score", str(folder), *AS_OF)
    assert code == 2
    assert "2 members" in err
    assert "me, you" in err


def test_an_unreadable_config_file_exits_2(good_folder: Path, tmp_path: Path) -> None:
    code, _, err = run("score", str(good_folder), *AS_OF, "--config", str(tmp_path / "no.toml"))
    assert code == 2
    assert "no.toml" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "PATH", "--as-of", "2025-13-01"],
        ["score", "PATH", "--as-of", "01-01-2025"],
        ["score", "PATH", "--as-of", "tomorrow"],
        ["score", "PATH", "--format", "xml"],
        ["score", "PATH", "--lang", "fr"],
        ["score", "PATH", "--all", "--member", "me"],
        ["check"],
        ["frobnicate", "PATH"],
        [],
    ],
)
def test_usage_errors_exit_2(
    good_folder: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    argv = [str(good_folder) if a == "PATH" else a for a in argv]
    with pytest.raises(SystemExit) as excinfo:
        main(argv, io.StringIO(), io.StringIO())
    assert excinfo.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "netgraph: error:" in captured.err
    assert "usage:" in captured.err
    assert "Traceback" not in captured.err


def test_a_bad_as_of_says_what_is_expected(
    good_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["score", str(good_folder), "--as-of", "2025-02-30"])
    assert excinfo.value.code == 2
    err = capsys.readouterr().err
    assert "YYYY-MM-DD" in err
    assert "2025-02-30" in err


@pytest.mark.parametrize("command", [[], ["score"], ["check"]])
def test_help_exits_0(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main([*command, "--help"])
    assert excinfo.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: netgraph {' '.join(command)}".rstrip())
    if command == ["score"]:
        assert "--as-of" in out
        assert "--member" in out


# -- the real command -------------------------------------------------------------------


def test_the_installed_module_exits_1_without_a_traceback(bad_folder: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-m", "netgraph", "check", str(bad_folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "ties.csv, line 3, column 'strength'" in result.stderr
