"""Warm paths: at most two steps, rated by the weakest tie, the strongest such path chosen."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from netgraph.advice._warm_paths import WarmPath, best_warm_path, ties_of

ME, TARGET = 0, 9


def test_the_path_whose_weakest_tie_is_strongest_wins():
    # through 1: min(5, 2) = 2; through 2: min(1, 8) = 1; through 3: min(3, 3) = 3
    me = {1: 5.0, 2: 1.0, 3: 3.0}
    target = {1: 2.0, 2: 8.0, 3: 3.0}
    path = best_warm_path(ME, me, TARGET, target)
    assert path == WarmPath((ME, 3, TARGET), (3.0, 3.0))
    assert path.rating == 3.0 and path.intermediary == 3


def test_equal_paths_go_to_the_first_intermediary_in_order():
    me = {4: 2.0, 7: 2.0}
    target = {4: 2.0, 7: 2.0}
    assert best_warm_path(ME, me, TARGET, target).intermediary == 4
    named = {4: "zed", 7: "anna"}
    assert best_warm_path(ME, me, TARGET, target, order=named.__getitem__).intermediary == 7


def test_a_direct_tie_counts_only_when_asked_and_only_when_it_is_warmer():
    me = {TARGET: 1.0, 1: 4.0}
    target = {ME: 1.0, 1: 4.0}
    assert best_warm_path(ME, me, TARGET, target).people == (ME, 1, TARGET)
    strong = {TARGET: 6.0, 1: 4.0}
    assert best_warm_path(ME, strong, TARGET, {ME: 6.0, 1: 4.0}).people == (ME, TARGET)
    assert best_warm_path(ME, strong, TARGET, {ME: 6.0, 1: 4.0}, direct=False).people == (
        ME,
        1,
        TARGET,
    )


def test_no_shared_contact_no_path():
    assert best_warm_path(ME, {1: 5.0}, TARGET, {2: 5.0}) is None
    assert best_warm_path(ME, {}, TARGET, {}) is None


def test_ties_of_a_row_of_the_projection():
    matrix = sp.csr_array(np.array([[0, 2.0, 0], [2.0, 0, 1.5], [0, 1.5, 0]]))
    assert ties_of(matrix, 1) == {0: 2.0, 2: 1.5}
    assert ties_of(matrix, 0) == {1: 2.0}


strength = st.integers(1, 10).map(float)
ties = st.dictionaries(st.integers(1, 8), strength, max_size=8)


@given(me=ties, target=ties, direct=st.booleans())
def test_the_rating_is_the_best_of_all_paths(me, target, direct):
    path = best_warm_path(ME, me, TARGET, target, direct=direct)
    ratings = [min(me[m], target[m]) for m in me if m in target]
    if not ratings:
        assert path is None
    else:
        assert path is not None and path.rating == max(ratings)
        assert path.strengths == (me[path.people[1]], target[path.people[1]])


@given(me=ties, target=ties, raise_by=strength, which=st.sampled_from(["first", "second"]))
def test_a_stronger_tie_on_the_path_never_makes_it_worse(me, target, raise_by, which):
    path = best_warm_path(ME, me, TARGET, target)
    if path is None:
        return
    middle = path.people[1]
    if which == "first":
        me = {**me, middle: min(10.0, me[middle] + raise_by)}
    else:
        target = {**target, middle: min(10.0, target[middle] + raise_by)}
    after = best_warm_path(ME, me, TARGET, target)
    assert after is not None and after.rating >= path.rating
