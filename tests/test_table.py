"""score_table: every member one row, the numbers of ``score --all`` in typed columns."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import given
from paths import EXAMPLE, EXAMPLE_AS_OF
from strategies import AS_OF, networks

import netgraph
from netgraph.generate._generate import generate_platform, write_generated
from netgraph.output._columns import NUMBERS
from netgraph.output._results import FOCUS_KEYS, VALUE_KEYS
from netgraph.output._table import table_of
from netgraph.scoring._score import score_all

TYPES = {
    "int": pa.int64(),
    "float": pa.float64(),
    "money": pa.decimal128(19, 2),
    "text": pa.string(),
}


def _cli_lines(path, as_of: date) -> list[dict]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "netgraph",
            "score",
            str(path),
            "--all",
            "--as-of",
            as_of.isoformat(),
        ],
        capture_output=True,
        check=True,
    ).stdout
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def _json_of(kind: str, value):
    """A table cell as the JSON line shows it."""
    if value is None:
        return None
    if kind == "money":
        assert isinstance(value, Decimal)
        return str(value)
    if kind == "float":
        return round(value, 6) + 0.0
    return value


def assert_rows_are_the_lines(table: pa.Table, lines: list[dict]) -> None:
    rows = table.to_pylist()
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines, strict=True):
        assert row["member"] == line["member"] and row["name"] == line["name"]
        assert row["as_of"].isoformat() == line["as_of"]
        for key in VALUE_KEYS:
            value = line["values"][key]
            assert _json_of("float", row[f"{key}_score"]) == value["score"], key
            assert row[f"{key}_stars"] == value["stars"], key
            assert row[f"{key}_reason"] == value["reason"], key
            for name, rating in value["components"].items():
                assert _json_of("float", row[f"{key}_{name}_rating"]) == rating, (key, name)
            for number in NUMBERS[key]:
                if number.summary:
                    got = _json_of(number.kind, row[f"{key}_{number.name}"])
                    assert got == value["numbers"][number.name], (key, number.name)
        for point in FOCUS_KEYS:
            assert row[f"focus_{point}"] == line["focus"][point]


def assert_schema_follows_the_declarations(table: pa.Table) -> None:
    schema = table.schema
    assert schema.names[:3] == ["member", "name", "as_of"]
    assert schema.field("as_of").type == pa.date32()
    for key in VALUE_KEYS:
        assert schema.field(f"{key}_score").type == pa.float64()
        assert schema.field(f"{key}_stars").type == pa.int64()
        assert schema.field(f"{key}_reason").type == pa.string()
        for number in NUMBERS[key]:
            name = f"{key}_{number.name}"
            if number.explained:
                assert name not in schema.names
            else:
                assert schema.field(name).type == TYPES[number.kind], name
    assert [n for n in schema.names if n.startswith("focus_")] == [f"focus_{p}" for p in FOCUS_KEYS]
    assert len(set(schema.names)) == len(schema.names)


def test_the_example_row_is_the_cli_line(example_network):
    table = netgraph.score_table(example_network, as_of=EXAMPLE_AS_OF)
    assert table.num_rows == 1
    assert_schema_follows_the_declarations(table)
    assert_rows_are_the_lines(table, _cli_lines(EXAMPLE, EXAMPLE_AS_OF))


@pytest.mark.slow
def test_a_platform_of_members_is_the_cli_lines(tmp_path):
    write_generated(generate_platform(400, seed=11), tmp_path)
    network = netgraph.load_network(tmp_path)
    as_of = date(2026, 11, 1)
    table = netgraph.score_table(network, as_of=as_of)
    assert table.num_rows == len(network.member_ids) > 300
    assert table.column("member").to_pylist() == list(network.member_ids)
    assert_rows_are_the_lines(table, _cli_lines(tmp_path, as_of))
    # blocks of members make the same table
    blocks = score_all(network, as_of=as_of, block_size=64).blocks()
    assert table_of(blocks).equals(table)


@given(networks(members=3))
def test_rows_are_the_json_lines_of_random_networks(data):
    network = netgraph.network_from_dict(data)
    table = netgraph.score_table(network, as_of=AS_OF)
    lines = [
        json.loads(line)
        for text in score_all(network, as_of=AS_OF).json_lines()
        for line in text.splitlines()
    ]
    assert_schema_follows_the_declarations(table)
    assert_rows_are_the_lines(table, lines)


def test_the_numbers_only_the_full_report_shows(example_network):
    table = netgraph.score_table(example_network, as_of=EXAMPLE_AS_OF)
    row = table.to_pylist()[0]
    report = netgraph.score_member(example_network, as_of=EXAMPLE_AS_OF)
    shown = 0
    for key in VALUE_KEYS:
        for number in NUMBERS[key]:
            if not number.summary and not number.explained:
                got = _json_of(number.kind, row[f"{key}_{number.name}"])
                assert got == report.values[key].numbers[number.name], (key, number.name)
                shown += 1
    assert shown >= 4


def test_full_precision_and_exact_money(example_network):
    table = netgraph.score_table(example_network, as_of=EXAMPLE_AS_OF)
    report = netgraph.score_member(example_network, as_of=EXAMPLE_AS_OF)
    row = table.to_pylist()[0]
    for key in VALUE_KEYS:
        assert row[f"{key}_score"] == report.values[key].score
        for name, component in report.values[key].components.items():
            assert row[f"{key}_{name}_rating"] == component.rating
    assert row["acquisition_revenue"] == Decimal(report.values["acquisition"].numbers["revenue"])


def test_negative_and_large_amounts_stay_exact():
    from netgraph.output._table import _money

    cents = [0, 1, -1, 1250, -1250, 2**63 - 1, -(2**63)]
    assert [str(v) for v in _money(pa.array(cents).to_numpy()).to_pylist()] == [
        "0.00",
        "0.01",
        "-0.01",
        "12.50",
        "-12.50",
        "92233720368547758.07",
        "-92233720368547758.08",
    ]


def test_a_network_without_members_gives_an_empty_table_of_the_same_columns(example_network):
    nobody = netgraph.network_from_dict({"people": [{"id": "a", "name": "A"}]})
    empty = netgraph.score_table(nobody, as_of=EXAMPLE_AS_OF)
    full = netgraph.score_table(example_network, as_of=EXAMPLE_AS_OF)
    assert empty.num_rows == 0 and empty.schema == full.schema


def test_unknown_numbers_are_null_and_pandas_reads_it():
    pandas = pytest.importorskip("pandas")
    net = netgraph.network_from_dict(
        {
            "people": [
                {"id": "m1", "name": "A", "member": "yes"},
                {"id": "m2", "name": "B", "member": "yes"},
            ]
        }
    )
    table = netgraph.score_table(net, as_of=date(2025, 1, 1))
    assert table.column("financial_mean_satisfaction").null_count == 2
    assert table.column("focus_measure_satisfaction").to_pylist() == ["no data"] * 2
    frame = table.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["member"]) == ["m1", "m2"] and frame.shape == (2, table.num_columns)
