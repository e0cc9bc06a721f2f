"""The personas' text reports in English and Dutch, kept as reviewed golden files (issue 9).

``tests/personas/golden/NAME.en.txt`` and ``NAME.nl.txt`` are the reports as a person
read and approved them: the numbers, the wording and the Dutch. A change to the method or
to the catalogue that changes a report shows here as a diff to review. After reviewing the
new reports, write them with ``NETGRAPH_WRITE_GOLDEN=1 pytest tests/test_golden_reports.py``
and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_personas import persona, persona_names

import netgraph

GOLDEN = Path(__file__).parent / "personas" / "golden"


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("name", persona_names())
def test_the_report_is_the_reviewed_one(name: str, language: str) -> None:
    who = persona(name)
    network = netgraph.load_network(Path(__file__).parent / "personas" / f"{name}.json")
    report = netgraph.score_member(network, who.member, as_of=who.as_of)
    text = netgraph.render_text(report, language)
    golden = GOLDEN / f"{name}.{language}.txt"
    if os.environ.get("NETGRAPH_WRITE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no reviewed report for {name} ({language}) yet"
    assert text == golden.read_text(encoding="utf-8")


def test_every_golden_file_belongs_to_a_persona() -> None:
    names = {f"{n}.{lang}.txt" for n in persona_names() for lang in ("en", "nl")}
    assert {p.name for p in GOLDEN.iterdir()} == names
