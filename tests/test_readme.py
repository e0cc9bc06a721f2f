"""Every command and code block in the README is run here or by CI."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from paths import ROOT

import netgraph

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


FIRST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e . && "
    ".venv/bin/netgraph score examples/freelancer --as-of 2026-11-01"
)


def test_the_readme_has_exactly_the_two_set_up_commands():
    commands = [b.strip() for b in blocks("sh")]
    assert commands[0] == FIRST_COMMAND  # in a virtual environment: PEP 668 systems refuse pip
    assert commands[1] == "bash scripts/test"  # CI runs this one: .ci/run calls it
    assert "bash scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_ci_runs_the_first_command_as_the_readme_writes_it():
    ci = (ROOT / ".ci" / "run").read_text()
    line = next(x for x in ci.splitlines() if x.startswith("first=$("))
    found = subprocess.run(
        ["bash", "-c", f'{line} && printf %s "$first"'],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert found == FIRST_COMMAND
    assert "PATH=/usr/bin:" in ci  # the system's own python3, as on a fresh machine
    assert "git clone" in ci


def test_the_test_script_uses_a_virtual_environment():
    script = (ROOT / "scripts" / "test").read_text()
    assert "python3 -m venv" in script
    assert "apt-get install -y -qq python3-venv" in script
    assert "python3 -m pip install" not in script  # never into the system's python
    assert ".venv/" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_main_job_command_prints_the_star_report():
    create, install, score = blocks("sh")[0].strip().split(" && ")
    assert create.startswith("python3 -m venv .venv") and install.startswith(".venv/bin/pip")
    # the environment this test runs in stands for .venv (CI runs the command as written)
    executable = shutil.which("netgraph", path=str(Path(sys.executable).parent))
    if executable is None:
        pytest.fail("the install did not put a netgraph command beside its python")
    words = shlex.split(score)
    assert words[0] == ".venv/bin/netgraph"
    out = subprocess.run(
        [executable, *words[1:]], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    first_line = out.splitlines()[0]
    assert first_line == "Network value of Sanne de Vries (sanne) as of 1 November 2026"
    assert out.count("/5") == 4
    # CI checks the same first line when it runs the command in a fresh clone
    assert f"grep -q '^{first_line}'" in (ROOT / ".ci" / "run").read_text()


def test_the_install_hints_name_the_distribution():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "netgraph-value"  # 'netgraph' on PyPI is another project
    assert all(
        extra.startswith("netgraph-value[") for extra in project["optional-dependencies"]["all"]
    )
    assert project["version"] == netgraph.__version__
    for path in [
        ROOT / "README.md",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "netgraph").rglob("*.py"),
    ]:
        text = path.read_text(encoding="utf-8")
        assert "'netgraph[" not in text and "install netgraph[" not in text, path


def test_the_api_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    code = blocks("python")[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["report"], netgraph.MemberReport)


def test_the_config_example_is_valid():
    table = tomllib.loads(blocks("toml")[0])["netgraph"]
    settings = netgraph.Settings.from_mapping(table)
    assert settings.window_months == 6
    assert settings.rate("USD") == 0.92 and settings.revenue_target == 60_000


def test_the_cli_synopsis_names_only_real_options():
    from netgraph.cli._cli import _parser

    parser = _parser()
    for line in blocks("text")[0].splitlines():
        words = line.split("  ")[0].split()
        assert words[0] == "netgraph"
        options = [w.strip("[]").split("|")[0] for w in words if w.strip("[]").startswith("--")]
        command = words[1]
        sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
        known = {o for a in sub._actions for o in a.option_strings}
        assert set(options) <= known, line


def test_the_benchmark_commands_use_real_options():
    # tests/test_benchmarks.py runs the suite itself, on tiny networks
    # tests/test_benchmarks.py runs every one of them, on tiny networks
    for line in blocks("text")[1].splitlines():
        command = line.split("#")[0].split()
        assert command[:2] == ["python", "-m"] and command[2].startswith("benchmarks."), line
        usage = subprocess.run(
            [sys.executable, "-m", command[2], "--help"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for word in command[3:]:
            if word.startswith("--"):
                assert word in usage, word


def console_sessions() -> list[tuple[str, str]]:
    """Each ``netgraph`` command of the README's console blocks, with the output shown
    under it (empty when none is shown)."""
    sessions: list[tuple[str, list[str]]] = []
    for block in blocks("console"):
        for line in block.splitlines():
            if line.startswith("netgraph "):
                sessions.append((line, []))
            elif sessions:
                sessions[-1][1].append(line)
    return [(command, "\n".join(shown).strip("\n")) for command, shown in sessions]


def test_every_console_command_runs_and_prints_what_the_readme_shows(tmp_path, monkeypatch):
    from io import StringIO

    from netgraph.cli._cli import main

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    sessions = console_sessions()
    commands = {command.split()[1] for command, _ in sessions}
    assert {"report", "visualise", "trend", "advise", "event", "whatif"} <= commands
    for command, shown in sessions:
        out, err = StringIO(), StringIO()
        code = main(shlex.split(command)[1:], out=out, err=err)
        assert code == 0, (command, err.getvalue())
        if shown:
            assert out.getvalue().strip("\n") == shown, command
    for written in ("report.html", "rapport.html", "network.html", "netwerk.html"):
        assert (tmp_path / written).read_text(encoding="utf-8").startswith("<!doctype html>")


def test_the_python_example_of_the_pictures_and_advice_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    code = blocks("python")[-1]
    assert "netgraph.advise(" in code
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["page"], netgraph.ReportPage)
    assert isinstance(namespace["advice"], netgraph.Advice)
    assert [pick.id for pick in namespace["plan"].picks][:3] == ["c005", "c026", "n001"]
