"""The platform generator: seeded, unchanged by default, and with hubs when asked."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from netgraph import ConfigError, NetgraphError
from netgraph.generate._generate import (
    HUB_TIES,
    _Sections,
    generate_platform,
    write_sections_csv,
)


def _digest(sections: _Sections) -> str:
    """A digest of every filled column (a column the data contract adds later stays empty)."""
    digest = hashlib.sha256()
    for section, table in sorted(sections.columns.items()):
        for name, values in sorted(table.items()):
            if any(values):
                digest.update(f"{section}.{name}\0".encode() + "\0".join(values).encode())
    return digest.hexdigest()


def _rows(sections: _Sections) -> dict[str, int]:
    return {name: len(next(iter(table.values()))) for name, table in sections.columns.items()}


def _tie_degrees(sections: _Sections) -> np.ndarray:
    ties = sections.columns["ties"]
    ends = np.array([int(pid[1:]) for pid in ties["a"] + ties["b"]], dtype=np.int64)
    return np.bincount(ends, minlength=len(sections.columns["people"]["id"]))


def test_the_default_platform_is_what_it_was():
    # the bytes of a seeded platform; a change here changes every benchmark network
    assert _digest(generate_platform(1_000, 3)) == (
        "6ae610063944fa40985c1cbaa8e62ba3ed6d36b92d8d757eac2ec929bd114c21"
    )


def test_hubs_are_seeded_and_change_the_ties():
    with_hubs = _digest(generate_platform(500, 1, hubs=True))
    assert with_hubs == _digest(generate_platform(500, 1, hubs=True))
    assert with_hubs != _digest(generate_platform(500, 1))
    assert with_hubs != _digest(generate_platform(500, 2, hubs=True))


@pytest.mark.parametrize("people", [2, 3, 10, 11, 12, 57, 300])
def test_tiny_platforms_with_hubs_are_valid(people):
    sections = generate_platform(people, 4, hubs=True)
    network = sections.network()  # checked as a whole, like a user's network
    assert network.size == people
    assert _rows(sections)["ties"] == _rows(generate_platform(people, 4))["ties"]


def test_hubs_keep_the_counts_and_add_one_big_degree_at_20k():
    plain, hubs = generate_platform(20_000, 5), generate_platform(20_000, 5, hubs=True)
    plain_rows, hub_rows = _rows(plain), _rows(hubs)
    referrals = plain_rows.pop("referrals"), hub_rows.pop("referrals")
    assert plain_rows == hub_rows
    assert (
        abs(referrals[0] - referrals[1]) < 0.02 * referrals[0]
    )  # cascades that close on themselves are dropped
    degrees = np.sort(_tie_degrees(hubs))
    assert degrees[-1] >= 20_000 // 11
    assert degrees[-2] < 500
    assert np.sort(_tie_degrees(plain))[-1] < 500


@pytest.mark.slow
def test_at_100k_people_a_few_hubs_of_about_9000_ties():
    plain = generate_platform(100_000, 2026)
    hubs = generate_platform(100_000, 2026, hubs=True)
    assert _rows(plain)["ties"] == _rows(hubs)["ties"] == 1_000_000
    plain_degrees, hub_degrees = _tie_degrees(plain), _tie_degrees(hubs)
    top = np.sort(hub_degrees)[-4:]
    assert np.all(top[1:] >= HUB_TIES) and np.all(top[1:] < 10_000) and top[0] < 1_000
    assert plain_degrees.max() < 1_000
    # the work of two-step reach grows with the sum of squared degrees: of the ties
    # alone about 6x; of the scored graph, where events add edges, about 4.5x
    ratio = (hub_degrees.astype(float) ** 2).sum() / (plain_degrees.astype(float) ** 2).sum()
    assert 5.5 < ratio < 7.5


@pytest.mark.parametrize("people", [-1, 0, 1])
def test_a_platform_needs_two_people(people):
    with pytest.raises(ConfigError, match="at least two people") as caught:
        generate_platform(people)
    assert isinstance(caught.value, NetgraphError)


def test_the_command_line_writes_a_platform_with_hubs(tmp_path):
    import io

    from netgraph import load_network
    from netgraph.cli._cli import main

    out, err = io.StringIO(), io.StringIO()
    assert (
        main(
            ["generate", "--people", "300", "--seed", "2", "--hubs", "--into", str(tmp_path)],
            out,
            err,
        )
        == 0
    )
    network = load_network(tmp_path)
    ties = network.tables["ties"]
    degrees = np.bincount(np.concatenate([ties["a"], ties["b"]]).astype(np.int64))
    assert degrees.max() >= 300 // 11
    assert write_sections_csv(generate_platform(300, 2, hubs=True))["ties.csv"] == (
        tmp_path / "ties.csv"
    ).read_text(encoding="utf-8")


def test_hubs_are_for_platforms_only(tmp_path):
    import io

    from netgraph.cli._cli import EXIT_USAGE, main

    out, err = io.StringIO(), io.StringIO()
    code = main(["generate", "--example", "--hubs", "--into", str(tmp_path)], out, err)
    assert code == EXIT_USAGE and "--people" in err.getvalue()
    assert not any(tmp_path.iterdir())
