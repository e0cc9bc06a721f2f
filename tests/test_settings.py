"""Every setting is checked for its type and range in one place; bad ones are clear errors."""

from __future__ import annotations

from datetime import date

import pytest

import netgraph
from netgraph import ConfigError, Settings


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"window_months": 100_000_000_000}, "window_months: expected a number from 1 to 1200"),
        ({"ambassador_window_months": 30_000}, "ambassador_window_months"),
        ({"max_edge_weight": 0.0}, "max_edge_weight"),
        ({"top_contributors": 2**63 - 1}, "top_contributors"),
        ({"star_thresholds": ["a", "b", "c", "d"]}, "star_thresholds: expected a list of numbers"),
        ({"star_thresholds": [40, 20, 60, 80]}, "each at least the one before"),
        ({"revenue_target": 0}, "revenue_target"),
        ({"rates": {"USD": -1}}, "rates.USD"),
        ({"rates": {"dollar": 1.0}}, "currency codes"),
        ({"rates": [1, 2]}, "rates: expected a table"),
        ({"report_currency": "euro"}, "report_currency"),
        ({"window_months": 1.5}, "expected a whole number"),
        ({"damping": 1.0}, "between 0 and 1"),
        ({"no_such_setting": 1}, "unknown setting"),
    ],
)
def test_a_bad_setting_is_a_clear_error(changes, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        Settings.from_mapping(changes)


def test_rates_are_read_from_a_table_and_upper_cased():
    settings = Settings.from_mapping({"rates": {"usd": 0.9, "GBP": 1.2}})
    assert settings.rates == (("GBP", 1.2), ("USD", 0.9))
    assert settings.rate("USD") == 0.9 and settings.rate("EUR") == 1.0
    assert settings.rate("JPY") is None
    assert Settings.from_mapping(settings.to_dict()) == settings


def test_a_date_too_early_for_the_windows_is_a_clear_error():
    network = netgraph.network_from_dict({"people": [{"id": "me", "name": "Me", "member": "yes"}]})
    with pytest.raises(ConfigError, match="too early"):
        netgraph.score_member(network, as_of=date(1, 1, 1))
