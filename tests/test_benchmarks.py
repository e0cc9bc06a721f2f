"""The benchmark runs from start to end on tiny networks, so that it never rots.

One ``python -m benchmarks.run --quick`` run (three tiny generated networks, one of them
with hubs, one run of every measurement) is shared by the tests below; they check that the
Markdown file has its tables and that the numbers in it are plausible.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
KERNELS = (
    "pagerank",
    "constraint",
    "effective_size",
    "communities",
    "within_two_steps",
    "two_step_reach_counts",
    "hop_distances",
)

pytestmark = pytest.mark.slow

UNITS = {"µs": 1e-6, "ms": 1e-3, "s": 1.0}


def _seconds(text: str) -> float:
    match = re.fullmatch(r"≈?\s*([\d,.]+) (µs|ms|s)", text.strip())
    assert match, f"not a time: {text!r}"
    return float(match.group(1).replace(",", "")) * UNITS[match.group(2)]


def _cells(markdown: str, first_cell: str) -> list[list[str]]:
    """The cells of every table row whose first cell is ``first_cell``."""
    rows = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == first_cell:
            rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any], str]:
    tmp = tmp_path_factory.mktemp("benchmarks")
    out = tmp / "results.md"
    command = [sys.executable, "-m", "benchmarks.run", "--quick"]
    done = subprocess.run(
        [*command, "--out", str(out), "--data", str(tmp / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    results = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    return out.read_text(encoding="utf-8"), results, done.stderr


def test_the_report_has_its_sections_and_tables(quick: tuple[str, dict[str, Any], str]) -> None:
    markdown, results, _ = quick
    assert markdown.startswith("# Benchmarks")
    assert "python -m benchmarks.run --sizes 10k,100k" in markdown
    for heading in ("## Targets", "## Machine", "## Notes"):
        assert heading in markdown
    assert sorted(results["sizes"]) == ["200", "500", "500-hubs"]
    for entry in results["sizes"].values():
        label = entry["label"] + " people" + (" with hubs" if entry["hubs"] else "")
        section = markdown.split(f"## {label}\n", 1)[1].split("\n## ", 1)[0]
        for heading in (
            "### End to end",
            "### Phases in one process",
            "### One member's full report",
            "### Graph kernels, side by side",
        ):
            assert heading in section, (label, heading)
        for kernel in KERNELS:
            assert f"| `{kernel}` |" in section, (label, kernel)
    targets = markdown.split("## Targets", 1)[1].split("\n## ", 1)[0]
    assert "`score --all` at 1M: wall time ≤ 34 s" in targets
    assert "`score --all` at 100k: wall time ≤ 3.5 s" in targets
    assert "a later call ≤ 25 ms" in targets
    assert "one member's report at 100k" in targets


def test_end_to_end_numbers_are_plausible(quick: tuple[str, dict[str, Any], str]) -> None:
    markdown, results, _ = quick
    walls = _cells(markdown, "wall time (output to /dev/null)")
    lines = _cells(markdown, "output lines (one run, read through a pipe)")
    peaks = _cells(markdown, "peak memory (the child's max RSS)")
    sizes = [
        people for people, _ in sorted((e["people"], e["hubs"]) for e in results["sizes"].values())
    ]
    assert len(walls) == len(lines) == len(peaks) == len(sizes)
    for people, wall, counted, peak in zip(sizes, walls, lines, peaks, strict=True):
        assert 0 < _seconds(wall[1]) < 600
        assert counted[1] == f"{people:,} of {people:,} members"
        assert "every one a JSON summary" in counted[2]
        assert 0 < float(peak[1].removesuffix(" GiB")) < 24


def test_every_measurement_is_positive(quick: tuple[str, dict[str, Any], str]) -> None:
    _, results, _ = quick
    for entry in results["sizes"].values():
        people = entry["people"]
        e2e = entry["e2e"]
        assert e2e["lines"] == e2e["members"] == people
        assert e2e["runs"] and all(r["wall"] > 0 and r["exit_code"] == 0 for r in e2e["runs"])
        assert all(r["peak_rss_kib"] > 0 for r in e2e["runs"])
        # the phase names between these two are the batch scorer's, whatever they are
        phases = entry["phases"]["runs"][0]
        assert phases["load network"] > 0 and phases["score members, write JSON lines"] > 0
        assert len(phases) >= 4 and all(t >= 0 for t in phases.values())
        assert entry["phases"]["lines"] == people
        member = entry["member"]
        assert member["first"] > 0 and all(t > 0 for t in member["later"])
        kernels = entry["kernels"]
        assert kernels["nodes"] == people
        for name in KERNELS:
            timed = kernels["kernels"][name]
            assert timed["netgraph"]["seconds"] > 0, name
            assert timed["networkx"]["seconds"] > 0, name
            assert "skipped" in timed["igraph"] or timed["igraph"]["seconds"] > 0, name


def test_netgraph_agrees_with_the_other_libraries(
    quick: tuple[str, dict[str, Any], str],
) -> None:
    _, results, _ = quick
    for entry in results["sizes"].values():
        kernels = entry["kernels"]["kernels"]
        assert kernels["pagerank"]["diffs"]["networkx"] <= 1e-9
        assert kernels["pagerank"]["diffs"]["igraph"] <= 1e-9
        assert kernels["constraint"]["diffs"]["networkx"] <= 1e-9
        assert kernels["constraint"]["diffs"]["igraph"] <= 1e-9
        assert kernels["effective_size"]["diffs"]["networkx_per_node"] <= 1e-9
        for name in ("within_two_steps", "two_step_reach_counts", "hop_distances"):
            assert kernels[name]["diffs"]["igraph"] == 0, name
            assert kernels[name]["diffs"]["networkx"] == 0, name
        for quality in kernels["communities"]["quality"].values():
            assert 0 < quality["modularity"] < 1


def test_the_shape_with_hubs_has_a_higher_degree(quick: tuple[str, dict[str, Any], str]) -> None:
    markdown, results, _ = quick
    plain, hubs = results["sizes"]["500"], results["sizes"]["500-hubs"]
    assert hubs["rows"] == plain["rows"] | {"referrals": hubs["rows"]["referrals"]}
    assert hubs["kernels"]["max_degree"] > plain["kernels"]["max_degree"]
    assert hubs["kernels"]["sum_degree_squared"] > plain["kernels"]["sum_degree_squared"]
    assert "`score --all` at 100k with hubs: wall time" in markdown


def test_progress_is_shown_on_stderr(quick: tuple[str, dict[str, Any], str]) -> None:
    _, _, stderr = quick
    for phrase in ("== 200 people", "== 500 people with hubs", "end to end", "pagerank"):
        assert phrase in stderr, phrase
    for phrase in ("phases", "graph kernels"):
        assert phrase in stderr, phrase


def test_sizes_are_read_and_named() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.run import Size, parse_size, parse_spec, size_label

    assert [parse_size(s) for s in ("10k", "100K", "1m", "2500", "1.5k")] == [
        10_000,
        100_000,
        1_000_000,
        2_500,
        1_500,
    ]
    assert [size_label(n) for n in (300, 10_000, 100_000, 1_000_000, 2_500)] == [
        "300",
        "10k",
        "100k",
        "1M",
        "2.5k",
    ]
    with pytest.raises(Exception, match="not a size"):
        parse_size("ten")
    assert parse_spec("100k") == Size(100_000, hubs=False)
    assert parse_spec(" 100k-hubs") == Size(100_000, hubs=True)
    assert parse_spec("100k-hubs").key == "100000-hubs" and parse_spec("1m").key == "1000000"
    assert parse_spec("10k-hubs").name == "10k with hubs"
    with pytest.raises(Exception, match="not a size"):
        parse_spec("hubs")


@pytest.mark.parametrize(
    ("module", "options"),
    [
        ("benchmarks.advice", ["--people", "1500", "--runs", "1", "--members", "1"]),
        (
            "benchmarks.event",
            ["--people", "1500", "--runs", "1", "--members", "1", "--attendees", "40"],
        ),
        ("benchmarks.trend", ["--people", "1500", "--runs", "1"]),
    ],
)
def test_the_command_benchmarks_run_and_write_their_tables(
    module: str, options: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, "-m", module, *options, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    table = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    assert len(table) >= 3  # a header, its rule and at least one measurement
    assert re.search(r"\|\s*\d+\.\d+\s*\|", "\n".join(table))  # seconds measured


@pytest.mark.browser
def test_the_pictures_benchmark_runs_and_writes_its_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    command = ["benchmarks.pictures", "--people", "1500", "--runs", "1", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "first drawing" in out.read_text(encoding="utf-8").lower()
