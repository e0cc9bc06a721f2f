"""Every number the code reads from a report by name is one that a value declares.

The report's numbers are a mapping by name (the JSON's keys); a misspelt name would
read as "missing" and silently drop a sentence, a chart or an advice. The text report
reads them through :class:`DeclaredNumbers`, which refuses an undeclared name; this
test checks every other reader in the package by the names it spells out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import netgraph
from netgraph.output._columns import NUMBERS
from netgraph.output._report import DeclaredNumbers

PACKAGE = Path(netgraph.__file__).parent
READ = re.compile(r"""numbers(?:\.get\(|\[)\s*["'](\w+)["']""")


def test_every_number_read_by_name_is_declared() -> None:
    declared = {number.name for numbers in NUMBERS.values() for number in numbers}
    read: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in READ.findall(path.read_text(encoding="utf-8")):
            read.setdefault(name, set()).add(str(path.relative_to(PACKAGE)))
    assert read, "the pattern finds the readers"
    undeclared = {name: sorted(where) for name, where in read.items() if name not in declared}
    assert undeclared == {}


def test_declared_numbers_refuse_a_name_the_value_does_not_have() -> None:
    numbers = DeclaredNumbers("recommendation", {"reach": 3})
    assert numbers["reach"] == 3
    assert numbers.get("nps") is None
    assert numbers.declares("reach") and not numbers.declares("currency")
    with pytest.raises(KeyError, match="currency"):
        numbers.get("currency")
    with pytest.raises(KeyError, match="revenue"):
        _ = "revenue" in numbers
