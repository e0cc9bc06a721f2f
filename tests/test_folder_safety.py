"""Nothing lost, nothing half-written: concurrent writers, kills, and what is not a file.

These tests use the real filesystem and real processes: two imports at once, and an
import killed with SIGKILL at every step of its write.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from paths import ROOT

import netgraph
from netgraph.cli._cli import main
from netgraph.io._folder import JOURNAL_NAME, LOCK_NAME, folder_lock

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def connections(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = "".join(
        f"{n},Test,https://www.linkedin.com/in/{n.lower()},,,,1 Mar 2024\n" for n in names
    )
    (folder / "Connections.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder / "Connections.csv"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def netgraph_command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "netgraph", *argv]


def names(folder: Path) -> set[str]:
    return {row["name"] for row in netgraph.load_network(folder).rows("people")}


def hidden(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != LOCK_NAME
    )


# -- two writers ----------------------------------------------------------------------


def test_two_imports_at_once_lose_nothing(tmp_path: Path) -> None:
    a = connections(tmp_path / "a", *(f"Anna{i}" for i in range(300)))
    b = connections(tmp_path / "b", *(f"Bram{i}" for i in range(300)))
    for trial in range(3):
        folder = tmp_path / f"n{trial}"
        assert (
            run(
                "import",
                str(connections(tmp_path / "m", "Mo")),
                "--into",
                str(folder),
                "--member",
                "me",
            )[0]
            == 0
        )
        first = subprocess.Popen(
            netgraph_command("import", str(a), "--into", str(folder)),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        second = subprocess.Popen(
            netgraph_command("import", str(b), "--into", str(folder)),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
        assert second.wait(timeout=120) == 0, second.stderr.read() if second.stderr else ""
        found = names(folder)
        assert len(found) == 1 + 1 + 300 + 300, trial  # the member, Mo, and both files
        assert hidden(folder) == []


def test_an_import_waits_for_a_writer_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    assert (
        run(
            "import",
            str(connections(tmp_path / "m", "Mo")),
            "--into",
            str(folder),
            "--member",
            "me",
        )[0]
        == 0
    )
    source = connections(tmp_path / "a", "Anna")
    with folder_lock(folder):
        process = subprocess.Popen(
            netgraph_command("import", str(source), "--into", str(folder)),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert process.poll() is None  # still waiting
        assert names(folder) == {"me", "Mo Test"}
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert err.startswith(f"waiting for another netgraph command that is writing {folder}")
    assert out.startswith(f"updated {folder}")
    assert names(folder) == {"me", "Mo Test", "Anna Test"}


def test_a_lock_held_too_long_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    result: list[BaseException] = []
    release = threading.Event()

    def hold() -> None:
        with folder_lock(folder):
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.3)
    try:
        code = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from netgraph.io._folder import folder_lock\n"
                "from netgraph import NetgraphError\n"
                "try:\n"
                "    with folder_lock(sys.argv[1], timeout=0.5): pass\n"
                "except NetgraphError as e:\n"
                "    print(e); sys.exit(1)\n",
                str(folder),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        release.set()
        holder.join()
    assert code.returncode == 1, result
    assert "another netgraph command has been writing this folder" in code.stdout


# -- killed at every step -------------------------------------------------------------

KILLER = r"""
import os, signal, sys

folder, step = os.path.realpath(sys.argv[1]), int(sys.argv[2])
count = 0


def about(args):
    for arg in args:
        if isinstance(arg, int):
            try:
                arg = os.readlink(f"/proc/self/fd/{arg}")
            except OSError:
                continue
        if isinstance(arg, (str, os.PathLike)) and os.path.realpath(arg).startswith(folder):
            return True
    return False


def wrap(function):
    def counted(*args, **kwargs):
        global count
        if about(args):
            count += 1
            if count == step:
                os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)

    return counted


for name in ("replace", "rename", "fsync", "unlink", "write"):
    setattr(os, name, wrap(getattr(os, name)))
from netgraph.cli._cli import main

sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.slow
def test_an_import_killed_at_any_step_leaves_the_old_or_the_new_network(tmp_path: Path) -> None:
    start = tmp_path / "start"
    assert (
        run(
            "import",
            str(connections(tmp_path / "m", "Mo", "Noor")),
            "--into",
            str(start),
            "--member",
            "me",
        )[0]
        == 0
    )
    old = names(start)
    source = connections(tmp_path / "a", "Anna", "Bram")
    new = old | {"Anna Test", "Bram Test"}
    killed_at = []
    for step in range(1, 60):
        folder = tmp_path / f"k{step}"
        shutil.copytree(start, folder)
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                KILLER,
                str(folder),
                str(step),
                "import",
                str(source),
                "--into",
                str(folder),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            assert names(folder) == new
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        killed_at.append(step)
        code, _, err = run("check", str(folder))  # completes a cut-off switch, if any
        assert code == 0, err
        assert names(folder) in (old, new), step
        assert not (folder / JOURNAL_NAME).exists()
        # the next write removes whatever the killed one left
        assert run("import", str(source), "--into", str(folder))[0] == 0
        assert names(folder) == new
        assert hidden(folder) == [], step
    else:
        pytest.fail("the import never finished")
    assert len(killed_at) >= 8  # staged files, journal, switch, clean-up: every step was hit


def test_a_journal_left_by_a_killed_run_is_completed_by_the_next_reader(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    assert run("generate", "--example", "--into", str(folder))[0] == 0
    people = (folder / "people.csv").read_text(encoding="utf-8")
    # as a run killed right after its journal leaves it: new people.csv staged, not moved
    staged = folder / ".people.csv.abc123.tmp"
    staged.write_text(people.replace("Sanne de Vries", "Sanne Visser"), encoding="utf-8")
    (folder / JOURNAL_NAME).write_text(
        '{"moves": [[".people.csv.abc123.tmp", "people.csv"]]}', encoding="utf-8"
    )
    (folder / ".ties.csv.zzz.tmp").write_text("half", encoding="utf-8")  # staged before it died
    code, _, err = run("check", str(folder))
    assert code == 0, err
    assert "Sanne Visser" in (folder / "people.csv").read_text(encoding="utf-8")
    assert hidden(folder) == []


def test_a_journal_naming_other_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    assert run("generate", "--example", "--into", str(folder))[0] == 0
    (folder / JOURNAL_NAME).write_text('{"moves": [["../../x", "people.csv"]]}', encoding="utf-8")
    code, _, err = run("check", str(folder))
    assert code == 1
    assert f"{folder / JOURNAL_NAME}: names a file netgraph does not write" in err


# -- overwriting ------------------------------------------------------------------------


def test_generate_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "people.csv").write_text("id,name,member\nme,Hand Made,yes\n", encoding="utf-8")
    code, out, err = run("generate", "--example", "--into", str(folder))
    assert code == 2 and out == ""
    assert err == (
        f"netgraph: error: {folder} already holds a network (people.csv); generate would "
        "replace the network's files in it: give --force to do so, or choose a new folder\n"
    )
    assert (folder / "people.csv").read_text(encoding="utf-8").endswith("Hand Made,yes\n")
    assert run("generate", "--example", "--into", str(folder), "--force")[0] == 0
    assert "Sanne de Vries" in (folder / "people.csv").read_text(encoding="utf-8")


def test_generate_into_an_empty_folder_needs_no_force(tmp_path: Path) -> None:
    assert run("generate", "--example", "--into", str(tmp_path))[0] == 0


# -- what is not a file -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.symlink_to(p.parent / "nowhere.csv"),
            "is a symbolic link that points nowhere",
        ),
        (lambda p: p.symlink_to(p), "is a symbolic link that goes round in a loop"),
        (lambda p: os.mkfifo(p), "is a FIFO (named pipe), not a regular file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a regular file"),
        (lambda p: p.mkdir(), "is a folder, not a regular file"),
    ],
)
def test_a_contract_file_that_is_not_a_file_is_an_error(tmp_path: Path, make, message) -> None:
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "people.csv").write_text("id,name,member\nme,Anna,yes\n", encoding="utf-8")
    make(folder / "ties.csv")
    started = time.monotonic()
    code, out, err = run("check", str(folder))
    assert time.monotonic() - started < 20  # a FIFO must not block
    assert code == 1 and out == ""
    assert err.startswith(f"netgraph: invalid data:\nties.csv: {message}")
    assert err.count("\n") == 2


def test_pull_refuses_to_overwrite_before_connecting(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    assert run("generate", "--example", "--into", str(folder))[0] == 0
    before = (folder / "people.csv").read_bytes()
    code, out, err = run(
        "pull", "--neo4j", "bolt://127.0.0.1:9", "--network", "x", "--into", str(folder)
    )
    assert code == 2 and out == ""
    assert f"{folder} already holds a network (" in err and "give --force" in err
    assert (folder / "people.csv").read_bytes() == before
    json_file = tmp_path / "net.json"
    json_file.write_text("{}", encoding="utf-8")
    code, _, err = run(
        "pull", "--neo4j", "bolt://127.0.0.1:9", "--network", "x", "--into", str(json_file)
    )
    assert code == 2 and f"{json_file} already exists; pull would replace it" in err
