"""The command line, run the way a user runs it."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from paths import EXAMPLE, ROOT

import netgraph
from netgraph.cli._cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_score_json_has_the_contract_fields():
    code, out, err = run("score", str(EXAMPLE), "--as-of", "2026-11-01", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["member"] == "sanne" and data["as_of"] == "2026-11-01"
    for key in ("acquisition", "recommendation", "financial", "knowledge"):
        value = data["values"][key]
        assert 0 <= value["score"] <= 100
        assert value["stars"] in range(1, 6)
        assert value["contributors"], key


def test_same_input_and_as_of_give_byte_identical_json():
    args = [
        sys.executable,
        "-m",
        "netgraph",
        "score",
        str(EXAMPLE),
        "--as-of",
        "2026-11-01",
        "--format",
        "json",
    ]
    first = subprocess.run(args, capture_output=True, check=True).stdout
    second = subprocess.run(args, capture_output=True, check=True).stdout
    assert first == second and len(first) > 1000


@pytest.mark.parametrize(
    ("lang", "title", "row"),
    [
        ("en", "Network value of Sanne de Vries", "Acquisition"),
        ("nl", "Netwerkwaarde van Sanne de Vries", "Aanbrengwaarde"),
    ],
)
def test_text_report_has_a_star_table(lang, title, row):
    code, out, _ = run("score", str(EXAMPLE), "--as-of", "2026-11-01", "--lang", lang)
    assert code == 0
    assert out.startswith(title)
    line = next(x for x in out.splitlines() if x.startswith(row))
    stars = line.split()[-1]
    assert stars.endswith("/5") and 1 <= int(stars[0]) <= 5
    assert "★" in line


def test_all_members_as_json_lines(tmp_path):
    code, _, err = run("generate", "--people", "300", "--seed", "4", "--into", str(tmp_path))
    assert code == 0, err
    code, out, err = run("score", str(tmp_path), "--all", "--as-of", "2026-11-01")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 300
    members = [json.loads(line)["member"] for line in lines]
    assert members == list(netgraph.load_network(tmp_path).member_ids)


def test_all_members_through_a_real_stdout_are_the_same_bytes(tmp_path):
    # a real stdout gets the UTF-8 blocks on its binary buffer; a text stream gets text
    run("generate", "--people", "200", "--seed", "6", "--into", str(tmp_path))
    _, text, _ = run("score", str(tmp_path), "--all", "--as-of", "2026-11-01")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "netgraph",
            "score",
            str(tmp_path),
            "--all",
            "--as-of",
            "2026-11-01",
        ],
        capture_output=True,
        check=True,
    )
    assert done.stdout == text.encode("utf-8")
    assert len(done.stdout.splitlines()) == 200


def test_the_example_folder_is_what_the_generator_makes(tmp_path):
    code, _, _ = run("generate", "--example", "--into", str(tmp_path))
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != ".netgraph.lock")
    assert written == sorted(p.name for p in EXAMPLE.iterdir())
    for name in written:
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name


def test_the_generator_is_seeded(tmp_path):
    for folder in ("a", "b"):
        run("generate", "--people", "200", "--seed", "9", "--into", str(tmp_path / folder))
    for file in (tmp_path / "a").iterdir():
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes()


def test_check_summarises_a_valid_network():
    code, out, _ = run("check", str(EXAMPLE))
    assert code == 0
    assert "people" in out and "169 rows" in out


def test_config_file_changes_the_stars(tmp_path):
    config = tmp_path / "strict.toml"
    config.write_text("[netgraph]\nstar_thresholds = [99, 99.5, 99.8, 99.9]\n")
    code, out, _ = run(
        "score", str(EXAMPLE), "--as-of", "2026-11-01", "--format", "json", "--config", str(config)
    )
    assert code == 0
    values = json.loads(out)["values"].values()
    assert all(
        v["stars"] == 1 + sum(v["score"] >= x for x in (99, 99.5, 99.8, 99.9)) for v in values
    )
    assert any(v["stars"] == 1 for v in values)


def test_the_example_script_runs():
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "score_freelancer.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("Sanne de Vries, as of 2026-11-01")
    assert "Invest first in:" in out


def test_import_creates_then_leaves_a_folder_unchanged(tmp_path):
    sources = sorted(str(p) for p in (ROOT / "tests" / "data" / "import").iterdir())
    folder = tmp_path / "network"
    code, out, err = run("import", *sources, "--into", str(folder), "--member", "me")
    assert code == 0, err
    assert out.startswith(f"updated {folder}")
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, out, _ = run("import", *sources, "--into", str(folder))
    assert code == 0 and out.startswith(f"unchanged {folder}") and "0 people added" in out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    code, out, _ = run("score", str(folder), "--as-of", "2026-11-01", "--format", "json")
    assert code == 0 and json.loads(out)["member"] == "me"


def test_import_into_a_new_folder_needs_a_member(tmp_path):
    sources = [str(ROOT / "tests" / "data" / "import" / "contacts-4.0.vcf")]
    code, _, err = run("import", *sources, "--into", str(tmp_path / "new"))
    assert code == 2 and "member" in err
    assert not (tmp_path / "new").exists()


def test_all_members_in_full_detail(tmp_path):
    run("generate", "--people", "60", "--seed", "2", "--into", str(tmp_path))
    code, out, _ = run("score", str(tmp_path), "--all", "--as-of", "2026-11-01", "--detail", "full")
    assert code == 0
    full = [json.loads(line) for line in out.splitlines()]
    code, out, _ = run("score", str(tmp_path), "--all", "--as-of", "2026-11-01")
    summary = [json.loads(line) for line in out.splitlines()]
    assert len(full) == len(summary) == 60
    for f, s in zip(full, summary, strict=True):
        assert "lorenz" in f["values"]["acquisition"]["numbers"]
        assert "lorenz" not in s["values"]["acquisition"]["numbers"]
        for key in ("acquisition", "recommendation", "financial", "knowledge"):
            assert f["values"][key]["stars"] == s["values"][key]["stars"]


@pytest.mark.parametrize("people", [2, 3, 7])
def test_tiny_platforms_can_be_generated_and_scored(tmp_path, people):
    code, _, err = run("generate", "--people", str(people), "--into", str(tmp_path))
    assert code == 0, err
    code, out, err = run("score", str(tmp_path), "--all", "--as-of", "2026-11-01")
    assert code == 0, err
    assert len(out.splitlines()) == people


def test_the_command_exits_fast_but_writes_everything_and_keeps_its_exit_code(tmp_path):
    import subprocess
    import sys
    from io import StringIO

    from paths import ROOT

    command = ["score", str(ROOT / "examples" / "freelancer"), "--as-of", "2026-11-01"]
    command += ["--format", "json"]
    done = subprocess.run(
        [sys.executable, "-m", "netgraph", *command], capture_output=True, text=True
    )
    out = StringIO()
    assert main(command, out=out) == 0
    assert done.returncode == 0 and done.stdout == out.getvalue()  # nothing left in a buffer
    missing = subprocess.run(
        [sys.executable, "-m", "netgraph", "score", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 1 and "does not exist" in missing.stderr
