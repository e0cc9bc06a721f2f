import numpy as np
import pytest
from scipy import sparse

from netgraph import NetgraphError
from netgraph.graph.kernels import (
    InvalidAdjacencyError,
    KernelInputError,
    MissingBackendError,
    as_adjacency,
    communities,
    pagerank,
    validate_adjacency,
)
from netgraph.graph.kernels._adjacency import as_node_indices


def test_as_adjacency_converts_to_canonical_float_csr():
    coo = sparse.coo_array((np.array([2, 2, 1]), (np.array([0, 1, 0]), np.array([1, 0, 1]))))
    a = as_adjacency(coo)
    assert isinstance(a, sparse.csr_array)
    assert a.dtype == np.float64
    assert a.has_canonical_format
    assert a.toarray().tolist() == [[0.0, 3.0], [2.0, 0.0]]


def test_as_adjacency_returns_canonical_input_itself():
    a = sparse.csr_array(np.array([[0.0, 1.0], [1.0, 0.0]]))
    assert as_adjacency(a) is a


@pytest.mark.parametrize(
    "bad",
    [np.zeros((2, 2)), sparse.csr_array(np.zeros((2, 3)))],
)
def test_as_adjacency_rejects_dense_and_non_square(bad):
    with pytest.raises(InvalidAdjacencyError):
        as_adjacency(bad)


@pytest.mark.parametrize(
    ("dense", "message"),
    [
        ([[0.0, 1.0], [0.0, 0.0]], "symmetric"),
        ([[1.0, 1.0], [1.0, 0.0]], "self-loops"),
        ([[0.0, -1.0], [-1.0, 0.0]], "positive"),
        ([[0.0, np.inf], [np.inf, 0.0]], "positive"),
    ],
)
def test_validate_adjacency_rejects(dense, message):
    with pytest.raises(InvalidAdjacencyError, match=message):
        validate_adjacency(sparse.csr_array(np.array(dense)))


def test_validate_adjacency_accepts_symmetric():
    a = validate_adjacency(sparse.csr_array(np.array([[0.0, 2.5], [2.5, 0.0]])))
    assert a.toarray().tolist() == [[0.0, 2.5], [2.5, 0.0]]


def test_node_indices_checks_range_and_type():
    assert as_node_indices([3, 0, 3], 4).tolist() == [3, 0, 3]
    assert as_node_indices(2, 4).tolist() == [2]
    with pytest.raises(IndexError):
        as_node_indices([4], 4)
    with pytest.raises(IndexError):
        as_node_indices([-1], 4)
    with pytest.raises(TypeError):
        as_node_indices([0.5], 4)
    with pytest.raises(TypeError):
        as_node_indices([True], 4)


def test_kernel_errors_are_netgraph_errors_of_the_usual_python_kinds():
    with pytest.raises(NetgraphError) as index:
        as_node_indices([4], 4)
    assert isinstance(index.value, IndexError) and isinstance(index.value, KernelInputError)
    with pytest.raises(NetgraphError) as kind:
        as_node_indices([0.5], 4)
    assert isinstance(kind.value, TypeError)
    with pytest.raises(NetgraphError) as matrix:
        validate_adjacency(sparse.csr_array(np.array([[0.0, 1.0], [0.0, 0.0]])))
    assert isinstance(matrix.value, InvalidAdjacencyError) and isinstance(matrix.value, ValueError)
    with pytest.raises(KernelInputError, match="damping"):
        pagerank(sparse.csr_array(np.zeros((2, 2))), damping=2.0)
    with pytest.raises(KernelInputError, match="backend"):
        communities(sparse.csr_array(np.zeros((2, 2))), backend="nope")  # type: ignore[arg-type]
    assert issubclass(MissingBackendError, NetgraphError) and issubclass(
        MissingBackendError, ImportError
    )
