"""Issue 9 point 12: the two focus points only the member can speak to rest on their profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import netgraph
from netgraph.cli._cli import main

AS_OF = date(2025, 12, 31)
PEOPLE = [
    {"id": "me", "name": "Anna", "member": "yes"},
    {"id": "a", "name": "Bram", "why": "kent iedereen in de zorg"},
    {"id": "b", "name": "Cor"},
    {"id": "c", "name": "Dewi"},
]
TIES = [{"a": "me", "b": p} for p in "abc"]
RECOMMENDATIONS = [
    {"date": "2025-05-01", "by": "a", "channel": "online", "note": "Anna is dé loopbaancoach"},
    {"date": "2025-06-01", "by": "b", "channel": "online", "note": "Fijne samenwerking"},
    {"date": "2025-07-01", "by": "c", "channel": "offline", "note": "Goede LOOPBAANcoach!"},
]


def focus(network: netgraph.Network, **kwargs: object) -> dict[str, netgraph.FocusPoint]:
    report = netgraph.score_member(network, as_of=AS_OF, **kwargs)  # type: ignore[arg-type]
    return {p.key: p for p in report.focus}


def test_without_a_profile_the_member_is_asked_for_one():
    network = netgraph.network_from_dict(
        {"people": PEOPLE, "ties": TIES, "recommendations": RECOMMENDATIONS}
    )
    points = focus(network)
    for key in ("know_who_you_are", "consistent_message"):
        assert points[key].status == "self-assessment needed"
        assert points[key].rating is None
    text = netgraph.render_text(netgraph.score_member(network, as_of=AS_OF), "nl")
    assert "eigen beschrijving nodig" in text and "profile.toml" in text


def test_a_profile_grounds_both_points():
    network = netgraph.network_from_dict(
        {"people": PEOPLE, "ties": TIES, "recommendations": RECOMMENDATIONS}
    )
    profile = netgraph.Profile(
        pitch="Loopbaancoach voor zorgprofessionals", target_clients="verpleegkundigen"
    )
    points = focus(network, profiles={"": profile})
    know = points["know_who_you_are"]
    # pitch and target clients written, a why for 1 of 3 contacts
    assert know.rating == pytest.approx((1 + 1 + 1 / 3) / 3)
    assert know.evidence["contacts_with_why"] == 1
    message = points["consistent_message"]
    # online 1 of 2 recommendations repeats a word of the pitch, offline 1 of 1
    assert message.evidence["online_with_your_words"] == 1
    assert message.evidence["offline_with_your_words"] == 1
    assert message.rating == pytest.approx((1 / 2 + 1) / 2)
    assert message.status == "strong"


def test_keywords_say_what_the_member_stands_for():
    network = netgraph.network_from_dict(
        {"people": PEOPLE, "ties": TIES, "recommendations": RECOMMENDATIONS}
    )
    profile = netgraph.Profile(pitch="x", keywords=("samenwerking",))
    message = focus(network, profiles={"me": profile})["consistent_message"]
    assert message.rating == pytest.approx((1 / 2 + 0) / 2)


def test_profiles_are_read_for_one_member_or_by_id(tmp_path: Path):
    one = tmp_path / "one.toml"
    one.write_text('[profile]\npitch = "Coach"\ntarget_clients = "zzp\'ers"\n')
    assert netgraph.read_profiles(one) == {"": netgraph.Profile("Coach", "zzp'ers")}
    many = tmp_path / "many.toml"
    many.write_text('[profile.anna]\npitch = "A"\n[profile.bram]\nkeywords = ["b"]\n')
    assert set(netgraph.read_profiles(many)) == {"anna", "bram"}
    bad = tmp_path / "bad.toml"
    bad.write_text('[profile]\npitch = "A"\nmotto = "B"\n')
    with pytest.raises(netgraph.ConfigError, match="no field 'motto'"):
        netgraph.read_profiles(bad)


def test_the_command_line_reads_profile_toml_beside_the_network(tmp_path: Path, capsys):
    network = netgraph.network_from_dict(
        {"people": PEOPLE, "ties": TIES, "recommendations": RECOMMENDATIONS}
    )
    folder = tmp_path / "net"
    netgraph.write_folder(network, folder)
    assert main(["score", str(folder), "--as-of", "2025-12-31", "--format", "json"]) == 0
    assert "self-assessment needed" in capsys.readouterr().out
    (folder / "profile.toml").write_text('[profile]\npitch = "Loopbaancoach"\n')
    assert main(["score", str(folder), "--as-of", "2025-12-31", "--format", "json"]) == 0
    assert "self-assessment needed" not in capsys.readouterr().out
