"""The values over time: the same scoring at each date, on one loaded network."""

from __future__ import annotations

import csv
import io
import json
import shlex
import shutil
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import EXAMPLE, EXAMPLE_AS_OF
from strategies import AS_OF, networks

import netgraph
from netgraph.advice._trend import shift_months, trend, trend_dates
from netgraph.cli._cli import main

VALUES = ("acquisition", "recommendation", "financial", "knowledge")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def late_starter() -> netgraph.Network:
    """A member whose first invoice is on 1 March 2026: no revenue to show before it."""
    return netgraph.network_from_dict(
        {
            "people": [
                {"id": "me", "name": "Anna", "member": "yes"},
                {"id": "bram", "name": "Bram", "role": "client"},
            ],
            "invoices": [{"date": "2026-03-01", "client": "bram", "amount": "900.00"}],
        }
    )


@pytest.fixture(scope="module")
def example() -> netgraph.Network:
    return netgraph.load_network(EXAMPLE)


# -- the dates ------------------------------------------------------------------------


def test_quarters_are_counted_back_from_the_last_date():
    days = trend_dates(date(2024, 11, 1), date(2026, 11, 1))
    assert days[0] == date(2024, 11, 1) and days[-1] == date(2026, 11, 1)
    assert len(days) == 9  # eight quarters between the first and the last
    assert [d.month for d in days] == [11, 2, 5, 8, 11, 2, 5, 8, 11]


def test_a_first_date_between_steps_is_not_a_date_of_the_series():
    days = trend_dates(date(2026, 6, 15), date(2026, 11, 1))
    assert days == (date(2026, 8, 1), date(2026, 11, 1))


def test_month_ends_stay_month_ends_without_drifting():
    days = trend_dates(date(2026, 1, 1), date(2026, 5, 31), "month")
    # February has no 31st: its last day; the months after get their 31st back
    assert days == (
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    )


def test_one_day_is_one_date():
    assert trend_dates(date(2026, 11, 1), date(2026, 11, 1)) == (date(2026, 11, 1),)


def test_dates_in_the_wrong_order_or_an_unknown_step_are_refused():
    with pytest.raises(netgraph.ConfigError, match="after the last date"):
        trend_dates(date(2026, 12, 1), date(2026, 11, 1))
    with pytest.raises(netgraph.ConfigError, match="every"):
        trend_dates(date(2026, 1, 1), date(2026, 11, 1), "week")


def test_a_series_of_centuries_is_refused_not_computed():
    with pytest.raises(netgraph.ConfigError, match="more than"):
        trend_dates(date(1900, 1, 1), date(2026, 11, 1), "month")


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=-600, max_value=600),
)
def test_shifting_by_months_lands_in_that_month_on_the_same_day_or_its_last(day, months):
    moved = shift_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + timedelta(1)).day == 1)


# -- the values -----------------------------------------------------------------------


def test_each_date_gives_the_report_of_that_date(example):
    series = trend(example, start=date(2024, 11, 1), end=EXAMPLE_AS_OF)
    assert len(series.rows) == 9 and series.member == "sanne"
    for row in series.rows:
        report = netgraph.score_member(example, as_of=row.as_of)
        for key in VALUES:
            assert row.values[key].score == report.values[key].score, (row.as_of, key)
            assert row.values[key].stars == report.values[key].stars, (row.as_of, key)


def test_the_example_shows_its_financial_value_growing(example):
    # the example's revenue and aftercare grow: a trend a coach can point at
    series = trend(example, start=date(2024, 11, 1), end=EXAMPLE_AS_OF).series("financial")
    assert all(score is not None for score in series)
    assert series[-1] > series[0]


def test_not_enough_data_stays_none_never_zero():
    series = trend(late_starter(), start=date(2025, 11, 1), end=date(2026, 11, 1))
    financial = [(row.as_of, row.values["financial"]) for row in series.rows]
    before = [point for day, point in financial if day < date(2026, 3, 1)]
    after = [point for day, point in financial if day >= date(2026, 3, 1)]
    assert before and all(p.score is None and p.stars is None and p.reason for p in before)
    assert after and all(p.score is not None and p.stars in range(1, 6) for p in after)
    # knowledge has no data on any date: None throughout, never a score of 0
    assert series.series("knowledge") == (None,) * len(series.rows)


def test_json_and_csv_carry_none_as_null_and_empty():
    series = trend(late_starter(), start=date(2026, 2, 1), end=date(2026, 5, 1))
    data = json.loads(series.to_json())
    assert data["from"] == "2026-02-01" and data["to"] == "2026-05-01"
    first, last = data["rows"]
    assert first["values"]["financial"] == {
        "score": None,
        "stars": None,
        "reason": "no invoices yet: the data cannot show revenue and aftercare",
    }
    assert last["values"]["financial"]["stars"] in range(1, 6)
    rows = list(csv.DictReader(io.StringIO(series.to_csv())))
    assert rows[0]["financial_score"] == "" and rows[0]["financial_stars"] == ""
    assert int(rows[1]["financial_stars"]) == last["values"]["financial"]["stars"]


@settings(max_examples=25, deadline=None)
@given(networks())
def test_a_trend_equals_scoring_each_date(data):
    network = netgraph.network_from_dict(data)
    series = trend(network, start=AS_OF - timedelta(days=200), end=AS_OF)
    for row in series.rows:
        report = netgraph.score_member(network, as_of=row.as_of)
        for key in VALUES:
            point, value = row.values[key], report.values[key]
            assert (point.score, point.stars) == (value.score, value.stars)
            assert (point.score is None) == (point.stars is None)


# -- the command ----------------------------------------------------------------------


def test_the_command_shows_eight_quarters_before_the_last_date_by_default():
    code, out, err = run("trend", str(EXAMPLE), "--to", "2026-11-01")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Values of Sanne de Vries (sanne) from 1 November 2024 to 1 November 2026"
    assert lines[2].split() == ["Date", "Acquisition", "Recommendation", "Financial", "Knowledge"]
    assert len(lines) == 3 + 9
    assert lines[-1].startswith("1 November 2026") and "★" in lines[-1]


def test_the_command_in_dutch_says_not_enough_data_in_words():
    code, out, err = run(
        "trend", str(EXAMPLE), "--as-of", "2026-11-01", "--from", "2026-05-01", "--lang", "nl"
    )
    assert code == 0, err
    assert out.splitlines()[0] == (
        "Waarden van Sanne de Vries (sanne) van 1 mei 2026 tot en met 1 november 2026"
    )
    assert "Aanbrengwaarde" in out and "Financiële waarde" in out


def test_the_command_writes_json_and_csv_by_month(tmp_path):
    folder = tmp_path / "late"
    netgraph.write_folder(late_starter(), folder)
    code, out, err = run(
        "trend", str(folder), "--from", "2026-01-01", "--to", "2026-04-01",
        "--every", "month", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert [row["as_of"] for row in data["rows"]] == [
        "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01",
    ]  # fmt: skip
    assert [row["values"]["financial"]["stars"] is None for row in data["rows"]] == [
        True, True, False, False,
    ]  # fmt: skip
    code, out, err = run(
        "trend", str(folder), "--from", "2026-01-01", "--to", "2026-04-01", "--format", "csv"
    )
    assert code == 0, err
    assert out.splitlines()[0].startswith("as_of,acquisition_score,acquisition_stars,")
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["2026-01-01", "2026-04-01"]
    code, out, err = run("trend", str(folder), "--from", "2026-01-01", "--to", "2026-04-01")
    assert "not enough data" in out.splitlines()[3]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--to", "2026-11-01", "--as-of", "2026-10-01"], "--to and --as-of"),
        (["--from", "2026-12-01", "--to", "2026-11-01"], "after the last date"),
        (["--to", "2026-11-01", "--member", "nobody"], "unknown member 'nobody'"),
    ],
)
def test_the_command_explains_what_is_wrong(argv, message):
    code, out, err = run("trend", str(EXAMPLE), *argv)
    assert code == 2 and message in err and not out


def test_a_date_that_does_not_exist_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        run("trend", str(EXAMPLE), "--to", "2026-13-01")
    assert exit_.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def test_a_missing_folder_is_a_data_error_not_a_traceback(tmp_path):
    code, _, err = run("trend", str(tmp_path / "nowhere"), "--to", "2026-11-01")
    assert code == 1 and err.startswith("netgraph: ") and "Traceback" not in err


# the session the README shows, run word for word in a copy of the repository's example
README_TREND = "netgraph trend examples/freelancer --to 2026-11-01 --from 2026-02-01 --lang nl"
README_TREND_OUTPUT = """\
Waarden van Sanne de Vries (sanne) van 1 februari 2026 tot en met 1 november 2026

Datum            Aanbrengwaarde  Aanbevelingswaarde  Financiële waarde  Kenniswaarde
1 februari 2026  100  ★★★★★      100  ★★★★★           89  ★★★★★          87  ★★★★★
1 mei 2026       100  ★★★★★      100  ★★★★★           82  ★★★★★          87  ★★★★★
1 augustus 2026  100  ★★★★★      100  ★★★★★           90  ★★★★★          87  ★★★★★
1 november 2026  100  ★★★★★      100  ★★★★★           91  ★★★★★         100  ★★★★★
"""
README_TREND_COMMANDS = [
    "netgraph trend examples/freelancer --to 2026-11-01",
    "netgraph trend examples/freelancer --to 2026-11-01 --every month --format csv",
    "netgraph trend examples/freelancer --to 2026-11-01 --format json",
]


def test_the_readme_trend_session_is_what_the_command_prints(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "freelancer")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*shlex.split(README_TREND)[1:])
    assert code == 0, err
    assert out == README_TREND_OUTPUT
    for command in README_TREND_COMMANDS:
        code, out, err = run(*shlex.split(command)[1:])
        assert code == 0 and out, (command, err)
