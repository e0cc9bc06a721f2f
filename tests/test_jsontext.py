"""The column-at-once JSON text agrees with the one-value rules it lays out faster."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from netgraph.model._network import format_cents
from netgraph.output._jsontext import _json_money

AMOUNTS = st.integers(min_value=-(2**62), max_value=2**62)


@given(st.lists(AMOUNTS, max_size=40))
def test_money_column_is_format_cents_of_each_amount(amounts: list[int]) -> None:
    column = _json_money(np.array(amounts, dtype=np.int64))
    assert [json.loads(text) for text in column.to_pylist()] == [format_cents(a) for a in amounts]


def test_money_column_of_hand_picked_amounts() -> None:
    cents = np.array([0, 5, -5, 1250, -1250, 100, 11768700], dtype=np.int64)
    assert _json_money(cents).to_pylist() == [
        '"0.00"',
        '"0.05"',
        '"-0.05"',
        '"12.50"',
        '"-12.50"',
        '"1.00"',
        '"117687.00"',
    ]
