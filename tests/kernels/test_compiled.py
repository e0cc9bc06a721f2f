"""The compiled helpers that are not graph kernels themselves, against scipy and numpy."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy import sparse

from netgraph.graph.kernels._compiled import distinct_labels_per_row, symmetric_csr, upper_in_order

pairs = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from([0.0, 0.5, 1.0, 2.0, 5.0])),
    max_size=40,
).map(lambda found: [(a, b, w) for a, b, w in found if a != b])


@given(found=pairs, cap=st.sampled_from([1.0, 3.0, 10.0]))
def test_symmetric_csr_is_scipys_sum_then_cap(found, cap):
    n = 8
    tail = np.array([a for a, _, _ in found], dtype=np.int64)
    head = np.array([b for _, b, _ in found], dtype=np.int64)
    weight = np.array([w for _, _, w in found], dtype=np.float64)
    indptr, indices, data = symmetric_csr(n, tail, head, weight, cap)
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


@given(found=pairs, data=st.data())
def test_upper_in_order_renumbers_each_edge_once(found, data):
    n = 8
    tail = np.array([a for a, _, _ in found], dtype=np.int64)
    head = np.array([b for _, b, _ in found], dtype=np.int64)
    weight = np.array([w for _, _, w in found], dtype=np.float64)
    indptr, indices, values = symmetric_csr(n, tail, head, weight, 10.0)
    order = np.array(data.draw(st.permutations(range(n))), dtype=np.int64)
    up_ptr, up_indices, up_data = upper_in_order(indptr, indices, values, order)
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
    indptr, indices, _ = symmetric_csr(n, tail, head, weight, 10.0)
    label = np.array(labels, dtype=np.int64)
    rows = np.array([7, 0, 3, 3], dtype=np.int64)
    expected = [len(set(label[indices[indptr[v] : indptr[v + 1]]].tolist())) for v in rows]
    np.testing.assert_array_equal(distinct_labels_per_row(indptr, indices, label, rows), expected)


@given(
    rows=st.lists(st.tuples(st.text(max_size=5), st.text(max_size=3)), min_size=1, max_size=20),
    constant=st.text(max_size=4),
)
def test_copy_rows_lays_out_pieces_row_by_row(rows, constant):
    from netgraph.graph.kernels._compiled import copy_rows

    first = [a.encode() for a, _ in rows]
    second = [b.encode() for _, b in rows]
    fixed = constant.encode()
    pool = b"".join(first) + fixed + b"".join(second)
    starts_first = np.cumsum([0, *map(len, first)])
    starts_second = np.cumsum([0, *map(len, second)]) + starts_first[-1] + len(fixed)
    bounds = np.concatenate(
        [starts_first, [starts_first[-1], starts_first[-1] + len(fixed)], starts_second]
    ).astype(np.int64)
    first_bound = np.array([0, len(rows) + 1, len(rows) + 3], dtype=np.int64)
    is_column = np.array([True, False, True])
    expected = b"".join(a + fixed + b for a, b in zip(first, second, strict=True))
    out = np.empty(len(expected), dtype=np.uint8)
    copy_rows(np.frombuffer(pool, dtype=np.uint8), bounds, first_bound, is_column, len(rows), out)
    assert out.tobytes() == expected


def test_loading_a_network_prepares_the_kernels_once(tmp_path):
    import netgraph
    from netgraph.graph.kernels import _communities, _compiled

    netgraph.write_folder(netgraph.example_network(), tmp_path)
    netgraph.load_network(tmp_path)
    netgraph.load_network(tmp_path)
    assert len(_communities._preparing) == 1
    thread = _communities._preparing[0]
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert _compiled._warmed.is_set()
