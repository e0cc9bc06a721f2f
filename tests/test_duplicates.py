"""Exact copies of event rows are warned about; a repeated invoice number is an error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import netgraph
from netgraph.cli._cli import main

PEOPLE = [{"id": "me", "name": "Me", "member": "yes"}, {"id": "a", "name": "A"}]


def test_a_copied_invoice_is_noted_in_the_report_and_counted_as_written():
    invoice = {"date": "2024-03-01", "client": "a", "amount": "100.00"}
    network = netgraph.network_from_dict({"people": PEOPLE, "invoices": [invoice, invoice]})
    value = netgraph.score_member(network, as_of=date(2024, 12, 31)).values["financial"]
    assert value.numbers["revenue"] == "200.00"  # two equal invoices can be two invoices
    assert any("repeats another row exactly" in note for note in value.notes)


def test_check_warns_about_copies_in_every_event_file(tmp_path, capsys):
    call = {"date": "2024-03-01", "contact": "a", "kind": "call"}
    gift = {"date": "2024-03-02", "contact": "a", "kind": "gift"}
    network = netgraph.network_from_dict(
        {"people": PEOPLE, "interactions": [call, gift, call, call]}
    )
    netgraph.write_folder(network, tmp_path)
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "interactions.csv: 2 row(s) repeat an earlier row exactly (line 4, 5)" in out


def test_rows_that_differ_in_an_extra_column_are_not_copies():
    rows = [
        {"date": "2024-03-01", "client": "a", "amount": "1.00", "reference": "x"},
        {"date": "2024-03-01", "client": "a", "amount": "1.00", "reference": "y"},
    ]
    network = netgraph.network_from_dict({"people": PEOPLE, "invoices": rows})
    assert network.tables["invoices"].copies().tolist() == []


def test_a_repeated_invoice_number_is_an_error_naming_both_lines(tmp_path: Path):
    (tmp_path / "people.csv").write_text("id,name,member\nme,Me,yes\na,A,no\n")
    (tmp_path / "invoices.csv").write_text(
        "date,client,amount,number\n2024-03-01,a,1.00,F-1\n2024-04-01,a,2.00,F-2\n"
        "2024-05-01,a,3.00,F-1\n"
    )
    with pytest.raises(netgraph.DataError) as error:
        netgraph.load_network(tmp_path)
    message = str(error.value)
    assert "invoices.csv, line 4, column 'number'" in message
    assert "'F-1' again (first on line 2)" in message


def test_the_same_number_for_two_members_is_fine():
    people = [*PEOPLE, {"id": "me2", "name": "Other", "member": "yes"}]
    rows = [
        {"date": "2024-03-01", "client": "a", "amount": "1.00", "number": "1", "member": m}
        for m in ("me", "me2")
    ]
    network = netgraph.network_from_dict({"people": people, "invoices": rows})
    assert len(network.tables["invoices"]) == 2
