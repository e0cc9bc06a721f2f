"""A contact's rhythm, the cadences that stand in for it, and the advice's settings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.advice._rhythm import SOURCES, rhythms
from netgraph.model._errors import ConfigError
from netgraph.model._profile import Profile, read_profiles
from netgraph.model._settings import Settings


def one(days, role="client", settings=None, profile=None):
    found = rhythms(
        np.array([5]),
        (np.full(len(days), 5), np.array(days)),
        np.array([role], dtype=object),
        settings or Settings(),
        profile,
    )
    return found.days_in_touch[0], found.last[0], found.rhythm[0], SOURCES[found.source[0]]


def test_the_rhythm_is_the_median_gap_between_distinct_days():
    # gaps 10, 20, 30 (the repeated day counts once): the median is 20
    assert one([0, 10, 10, 30, 60]) == (4, 60, 20.0, "learned")
    # gaps 10, 20: the median of an even count is the mean of the middle two
    assert one([100, 110, 130]) == (3, 130, 15.0, "learned")


def test_one_long_holiday_does_not_stretch_the_rhythm():
    assert one([0, 7, 14, 21, 200])[2] == 7.0


def test_too_few_days_use_the_cadence_of_the_role():
    assert one([0, 10], role="peer") == (2, 10, 120.0, "settings")
    assert one([], role="supplier") == (0, -1, 180.0, "settings")
    assert one([0], role="")[2] == 180.0  # no role: the cadence of 'other'
    assert one([0, 10], settings=Settings(rhythm_min_contacts=2))[3] == "learned"


def test_the_members_own_cadence_wins():
    mine = Profile(cadence=(("client", 14),))
    assert one([0, 10, 20, 30], profile=mine) == (4, 30, 14.0, "profile")
    assert one([0, 10, 20, 30], role="peer", profile=mine)[3] == "learned"


@given(st.lists(st.integers(0, 3000), max_size=30), st.randoms())
def test_the_rhythm_does_not_depend_on_the_order_of_the_days(days, rng):
    shuffled = list(days)
    rng.shuffle(shuffled)
    assert one(days) == one(shuffled)
    count, last, rhythm, source = one(days)
    assert count == len(set(days)) and last == max(days, default=-1)
    if source == "learned":
        gaps = np.diff(sorted(set(days)))
        assert min(gaps) <= rhythm <= max(gaps)


def test_several_contacts_at_once_in_the_order_asked():
    found = rhythms(
        np.array([9, 3]),
        (np.array([3, 9, 3, 3, 9]), np.array([0, 50, 4, 8, 40])),
        np.array(["client", "peer"], dtype=object),
        Settings(),
    )
    assert found.days_in_touch.tolist() == [2, 3]
    assert found.last.tolist() == [50, 8]
    assert found.rhythm.tolist() == [60.0, 4.0]  # 9 is a client with two days: 60
    assert found.silence(60).tolist() == [10, 52]


# -- settings -------------------------------------------------------------------------------


def test_the_advice_settings_and_their_defaults():
    s = Settings()
    assert (s.due_multiple, s.at_risk_multiple, s.rhythm_min_contacts) == (2.0, 8.0, 3)
    assert [s.cadence_days(r) for r in ("client", "prospect", "partner", "peer")] == [
        60,
        90,
        90,
        120,
    ]
    assert (s.aftercare_weeks, s.card_follow_up_weeks, s.advice_contributors) == (4, 6, 20)
    changed = Settings.from_mapping({"cadence_client_days": 30, "at_risk_multiple": 6})
    assert changed.cadence_days("client") == 30 and changed.at_risk_multiple == 6.0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"cadence_peer_days": 0}, "cadence_peer_days: expected a number from 1"),
        ({"rhythm_min_contacts": 1}, "rhythm_min_contacts"),
        ({"due_multiple": 3, "at_risk_multiple": 2}, "at_risk_multiple: expected at least"),
        ({"card_follow_up_weeks": 0}, "card_follow_up_weeks"),
        ({"advice_contributors": 5000}, "advice_contributors"),
        ({"aftercare_weeks": 2.5}, "expected a whole number"),
    ],
)
def test_bad_advice_settings_are_clear_errors(values, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_mapping(values)


# -- the member's own cadence in profile.toml ----------------------------------------------


def test_a_profile_holds_the_members_cadence(tmp_path):
    path = tmp_path / "profile.toml"
    path.write_text('[profile]\npitch = "Coach"\ncadence = {client = 30, peer = 90}\n')
    profile = read_profiles(path)[""]
    assert profile.cadence == (("client", 30), ("peer", 90))
    assert profile.cadence_days("peer") == 90 and profile.cadence_days("partner") is None


@pytest.mark.parametrize(
    ("cadence", "message"),
    [
        ("{friend = 30}", "unknown role 'friend'"),
        ("{client = 0}", "cadence.client: expected whole days"),
        ('{client = "monthly"}', "cadence.client: expected whole days"),
        ("30", "cadence is a table"),
    ],
)
def test_a_bad_cadence_in_a_profile_is_a_clear_error(tmp_path, cadence, message):
    path = tmp_path / "profile.toml"
    path.write_text(f'[profile]\npitch = "Coach"\ncadence = {cadence}\n')
    with pytest.raises(ConfigError, match=message):
        read_profiles(path)
