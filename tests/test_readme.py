"""Every command and code block in the README is run here or by CI."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib

import pytest
from paths import ROOT

import netgraph

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_the_readme_has_exactly_the_two_set_up_commands():
    commands = [b.strip() for b in blocks("sh")]
    assert commands[0] == (
        "python3 -m pip install -e . && netgraph score examples/freelancer --as-of 2026-11-01"
    )
    assert commands[1] == "bash scripts/test"  # CI runs this one: .ci/run calls it
    assert "bash scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_the_main_job_command_prints_the_star_report():
    install, score = blocks("sh")[0].strip().split(" && ")
    subprocess.run(
        [*shlex.split(install.replace("python3", sys.executable, 1)), "--quiet", "--no-deps"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    executable = shutil.which("netgraph")
    if executable is None:
        pytest.fail("the install did not put a netgraph command on the PATH")
    out = subprocess.run(
        [executable, *shlex.split(score)[1:]], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    assert out.startswith("Network value of Sanne de Vries (sanne) as of 2026-11-01")
    assert out.count("/5") == 4


def test_the_api_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    code = blocks("python")[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["report"], netgraph.MemberReport)


def test_the_config_example_is_valid():
    table = tomllib.loads(blocks("toml")[0])["netgraph"]
    assert netgraph.Settings.from_mapping(table).window_months == 6


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
    usage = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--help"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in blocks("text")[1].splitlines():
        command = line.split("#")[0].split()
        assert command[:3] == ["python", "-m", "benchmarks.run"]
        for word in command[3:]:
            if word.startswith("--"):
                assert word in usage, word
