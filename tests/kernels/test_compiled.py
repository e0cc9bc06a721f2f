"""The compiled helpers that are not graph kernels themselves, against scipy and numpy;
their numpy twins for small graphs (``_small``), against them."""

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import sparse

from netgraph.graph.kernels import _compiled, _small
from netgraph.graph.kernels._adjacency import InvalidAdjacencyError
from netgraph.graph.kernels._compiled import distinct_labels_per_row

BOTH = pytest.mark.parametrize("impl", [_compiled, _small], ids=["compiled", "numpy"])

pairs = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from([0.0, 0.5, 1.0, 2.0, 5.0])),
    max_size=40,
).map(lambda found: [(a, b, w) for a, b, w in found if a != b])


@BOTH
@given(found=pairs, cap=st.sampled_from([1.0, 3.0, 10.0]))
def test_symmetric_csr_is_scipys_sum_then_cap(impl, found, cap):
    n = 8
    tail = np.array([a for a, _, _ in found], dtype=np.int64)
    head = np.array([b for _, b, _ in found], dtype=np.int64)
    weight = np.array([w for _, _, w in found], dtype=np.float64)
    indptr, indices, data = impl.symmetric_csr(n, tail, head, weight, cap)
    got = sparse.csr_array((data, indices, indptr), shape=(n, n))
    expected = sparse.coo_array(
        (
            np.concatenate([weight, weight]),
            (np.concatenate([tail, head]), np.concatenate([head, tail])),
        ),
        shape=(n, n),
    ).tocsr()
    expected.data = np.minimum(expected.data, cap)
    expected.eliminate_zeros()
    expected.sort_indices()
    np.testing.assert_array_equal(indptr, expected.indptr)
    np.testing.assert_array_equal(indices, expected.indices)
    np.testing.assert_array_equal(data, expected.data)
    assert (got != got.T).nnz == 0


@BOTH
@given(found=pairs, data=st.data())
def test_upper_in_order_renumbers_each_edge_once(impl, found, data):
    n = 8
    tail = np.array([a for a, _, _ in found], dtype=np.int64)
    head = np.array([b for _, b, _ in found], dtype=np.int64)
    weight = np.array([w for _, _, w in found], dtype=np.float64)
    indptr, indices, values = impl.symmetric_csr(n, tail, head, weight, 10.0)
    order = np.array(data.draw(st.permutations(range(n))), dtype=np.int64)
    up_ptr, up_indices, up_data = impl.upper_in_order(indptr, indices, values, order)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    full = sparse.csr_array((values, indices, indptr), shape=(n, n)).toarray()
    expected = np.triu(full[np.ix_(order, order)], k=1)
    got = sparse.csr_array((up_data, up_indices, up_ptr), shape=(n, n))
    np.testing.assert_array_equal(got.toarray(), expected)
    for r in range(n):  # columns sorted within every row
        row = up_indices[up_ptr[r] : up_ptr[r + 1]]
        assert np.all(np.diff(row) > 0)


@given(found=pairs, labels=st.lists(st.integers(0, 3), min_size=8, max_size=8))
def test_distinct_labels_per_row(found, labels):
    n = 8
    tail = np.array([a for a, _, _ in found], dtype=np.int64)
    head = np.array([b for _, b, _ in found], dtype=np.int64)
    weight = np.ones(len(found))
    indptr, indices, _ = _compiled.symmetric_csr(n, tail, head, weight, 10.0)
    label = np.array(labels, dtype=np.int64)
    rows = np.array([7, 0, 3, 3], dtype=np.int64)
    expected = [len(set(label[indices[indptr[v] : indptr[v + 1]]].tolist())) for v in rows]
    np.testing.assert_array_equal(distinct_labels_per_row(indptr, indices, label, rows), expected)


# -- the numpy twins give the compiled loops' arrays, bit for bit -----------------------


def _graphs(weights: list[float]) -> st.SearchStrategy:
    """``(n, [(a, b, weight), ...])``: up to 24 nodes, up to 60 pairs, weights drawn from
    ``weights``."""
    return st.integers(1, 24).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(weights)),
                max_size=60,
            ),
        )
    )


# weights whose sums depend on their order, and zeros and negatives
graphs = _graphs([0.1, 0.2, 1 / 3, 0.7, 1.0, 2.5, 0.0, -0.1])


def _arrays(n, found):
    found = [(a, b, w) for a, b, w in found if a != b]
    tail = np.array([a for a, _, _ in found], dtype=np.int64)
    head = np.array([b for _, b, _ in found], dtype=np.int64)
    weight = np.array([w for _, _, w in found], dtype=np.float64)
    return tail, head, weight


def _same(got, expected):
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.dtype == theirs.dtype
        np.testing.assert_array_equal(mine, theirs)


@given(graph=graphs, cap=st.sampled_from([0.5, 1.0, 3.0]), data=st.data())
def test_the_numpy_twins_give_the_same_arrays(graph, cap, data):
    n, found = graph
    tail, head, weight = _arrays(n, found)
    built = _compiled.symmetric_csr(n, tail, head, weight, cap)
    _same(_small.symmetric_csr(n, tail, head, weight, cap), built)
    indptr, indices, values = built
    order = np.array(data.draw(st.permutations(range(n))), dtype=np.int64)
    _same(
        _small.upper_in_order(indptr.astype(np.int32), indices, values, order),
        _compiled.upper_in_order(indptr.astype(np.int32), indices, values, order),
    )
    sizes = data.draw(st.lists(st.integers(0, 5), max_size=6))
    set_ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    total = int(set_ptr[-1])
    sources = np.array(
        data.draw(st.lists(st.integers(0, n - 1), min_size=total, max_size=total)),
        dtype=np.int64,
    )
    centres = np.array(
        data.draw(st.lists(st.integers(-1, n - 1), min_size=len(sizes), max_size=len(sizes))),
        dtype=np.int64,
    )
    _same(
        [_small.set_reach_counts(indptr, indices, set_ptr, sources, centres)],
        [_compiled.set_reach_counts(indptr, indices, set_ptr, sources, centres)],
    )


def test_the_numpy_reach_works_in_blocks(monkeypatch):
    rng = np.random.default_rng(3)
    n = 300
    tail, head = rng.integers(0, n, 2000), rng.integers(0, n, 2000)
    keep = tail != head
    indptr, indices, _ = _compiled.symmetric_csr(
        n, tail[keep], head[keep], np.ones(int(keep.sum())), 5.0
    )
    sizes = rng.integers(0, 6, 500)
    set_ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    sources = rng.integers(0, n, int(set_ptr[-1])).astype(np.int64)
    centres = rng.integers(-1, n, len(sizes)).astype(np.int64)
    expected = _compiled.set_reach_counts(indptr, indices, set_ptr, sources, centres)
    monkeypatch.setattr(_small, "_REACH_BLOCK", 7 * n)  # blocks of seven sets
    got = _small.set_reach_counts(indptr, indices, set_ptr, sources, centres)
    np.testing.assert_array_equal(got, expected)


# -- heavy libraries only for large graphs --------------------------------------------


def test_a_small_network_is_scored_without_numba_or_networkit(tmp_path):
    code = (
        "import sys, threading, netgraph\n"
        "from datetime import date\n"
        "assert 'numba' not in sys.modules and 'networkit' not in sys.modules\n"
        f"netgraph.write_folder(netgraph.example_network(), {str(tmp_path)!r})\n"
        f"network = netgraph.load_network({str(tmp_path)!r})\n"
        "assert threading.active_count() == 1, threading.enumerate()\n"
        "netgraph.score_member(network, as_of=date(2026, 11, 1))\n"
        "print(sorted(m for m in ('numba', 'networkit', 'scipy.sparse.csgraph')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_prepare_kernels_loads_them_once_and_only_for_large_graphs():
    from netgraph.graph.kernels import SMALL_GRAPH_EDGES, prepare_kernels

    assert prepare_kernels(0) is None
    assert prepare_kernels(SMALL_GRAPH_EDGES) is None
    from netgraph.graph.kernels._prepare import started

    thread = prepare_kernels(SMALL_GRAPH_EDGES + 1) or started("loops")
    assert thread is not None and thread.daemon
    assert prepare_kernels(10 * SMALL_GRAPH_EDGES) is None  # loading already
    assert started("networkit") is None or "networkit" in sys.modules
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert _compiled._warmed.is_set()
    loading = prepare_kernels(SMALL_GRAPH_EDGES + 1, communities=True) or started("networkit")
    assert loading is not None
    loading.join(timeout=300)
    assert "networkit" in sys.modules


def test_one_members_report_of_a_large_network_does_without_numba(tmp_path):
    # numba's first load (or, on a new machine, its first compile) costs more than one
    # member's report: the projection and the reach take their numpy paths instead
    code = f"""
import sys
from datetime import date
import netgraph
from netgraph.generate._generate import generate_platform, write_generated
write_generated(generate_platform(8_000, 5), {str(tmp_path)!r})
network = netgraph.load_network({str(tmp_path)!r})
report = netgraph.score_member(network, network.member_ids[0], as_of=date(2026, 11, 1))
assert report.values["recommendation"].numbers["reach"] is not None
from netgraph.graph._projection import SMALL_PAIRS
from netgraph.scoring._score import scoring_context
pairs = scoring_context(network, date(2026, 11, 1), netgraph.Settings()).adjacency.nnz // 2
print(pairs > SMALL_PAIRS // 2, "numba" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]


@given(pairs=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=30))
@pytest.mark.parametrize("n", [8, 2**31, 4_000_000_000], ids=["packed", "one key", "two keys"])
def test_pair_order_is_by_pair_then_position_however_it_sorts(n, pairs):
    # a packed key while the pair and its position fit in 63 bits, then a stable sort of
    # the pair key, then of the two columns: the same order
    low = np.array([a for a, _ in pairs], dtype=np.int64)
    high = np.array([b for _, b in pairs], dtype=np.int64)
    expected = sorted(range(len(pairs)), key=lambda i: (pairs[i], i))
    assert _small.pair_order(n, low, high).tolist() == expected


def test_symmetric_csr_refuses_a_pair_of_a_node_with_itself():
    with pytest.raises(InvalidAdjacencyError):
        _small.symmetric_csr(3, np.array([0, 1]), np.array([1, 1]), np.ones(2), 10.0)


hub_graphs = st.integers(2, 20).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=50),
        st.lists(st.integers(0, n - 1), max_size=3),  # hubs, tied to many nodes
        st.data(),
    )
)


@given(graph=hub_graphs, heavy_degree=st.integers(0, 6), open_centres=st.booleans())
def test_heavy_nodes_as_bitsets_give_the_walked_counts(graph, heavy_degree, open_centres):
    # hubs are OR-ed in as bitsets rather than walked: the same counts as the numpy
    # twin (sparse products), with sources repeated, next to hubs, hubs or centres
    n, found, hubs, data = graph
    pairs = [*found, *((h, v) for h in hubs for v in range(n) if data.draw(st.booleans()))]
    tail = np.array([a for a, b in pairs if a != b], dtype=np.int64)
    head = np.array([b for a, b in pairs if a != b], dtype=np.int64)
    indptr, indices, _ = _compiled.symmetric_csr(n, tail, head, np.ones(len(tail)), 5.0)
    sizes = data.draw(st.lists(st.integers(0, 5), min_size=1, max_size=6))
    set_ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    total = int(set_ptr[-1])
    nodes = st.sampled_from([*hubs, *range(n)])
    sources = np.array(data.draw(st.lists(nodes, min_size=total, max_size=total)), dtype=np.int64)
    centres = np.array(
        data.draw(st.lists(st.integers(-1, n - 1), min_size=len(sizes), max_size=len(sizes))),
        dtype=np.int64,
    )
    expected = _small.set_reach_counts(indptr, indices, set_ptr, sources, centres, open_centres)
    got = _compiled.set_reach_counts(
        indptr, indices, set_ptr, sources, centres, open_centres, heavy_degree=heavy_degree
    )
    np.testing.assert_array_equal(got, expected)


# multiples of 2**-24: any order of their sums gives the same bits
exact_graphs = _graphs([0.5, 1.0, 2.5, 4.0, 0.0, -0.25, 2.0**-24, 3.0 * 2**20])


@given(graph=exact_graphs, cap=st.sampled_from([0.5, 1.0, 3.0, 1e9]))
def test_weights_summed_exactly_take_scipys_sums_and_give_the_same_arrays(graph, cap):
    n, found = graph
    tail, head, weight = _arrays(n, found)
    assert _small.summed_exactly(weight)
    _same(
        _small.symmetric_csr(n, tail, head, weight, cap),
        _compiled.symmetric_csr(n, tail, head, weight, cap),
    )


@pytest.mark.parametrize(
    ("weights", "exact"),
    [
        ([], True),
        ([1.0, 2.0, 5.0], True),
        ([2.0**-24, -(2.0**-24)], True),
        ([2.0**-25], False),  # finer than the grid
        ([0.1], False),
        ([2.0**27, 2.0**27], True),  # magnitudes add up to 2**28 exactly
        ([2.0**27, 2.0**27, 1.0], False),
        ([float("inf")], False),
        ([float("nan")], False),
    ],
)
def test_summed_exactly_only_where_every_partial_sum_is_exact(weights, exact):
    assert _small.summed_exactly(np.array(weights, dtype=np.float64)) is exact


def test_an_order_dependent_sum_keeps_the_order_of_the_pairs():
    # 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit; the pairs' order wins
    tail, head = np.array([0, 1, 0]), np.array([1, 0, 1])
    for weight in ([0.1, 0.2, 0.3], [0.3, 0.2, 0.1]):
        w = np.array(weight)
        _, _, data = _small.symmetric_csr(2, tail, head, w, 10.0)
        assert data[0] == (w[0] + w[1]) + w[2]
    assert (0.1 + 0.2) + 0.3 != (0.3 + 0.2) + 0.1


@given(found=pairs, cap=st.sampled_from([1.0, 10.0]))
def test_int32_rows_of_a_large_graph_give_the_same_arrays(found, cap):
    # the projection hands over int32 rows; packed keys of a large graph need 64 bits
    n = 3_000_000
    tail = np.array([n - 1 - a for a, _, _ in found], dtype=np.int32)
    head = np.array([n - 1 - b for _, b, _ in found], dtype=np.int32)
    weight = np.array([w / 3 for _, _, w in found], dtype=np.float64)
    _same(
        _small.symmetric_csr(n, tail, head, weight, cap),
        _compiled.symmetric_csr(n, tail, head, weight, cap),
    )
