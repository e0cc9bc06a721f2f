import doctest
import importlib

import pytest

MODULES = [
    "_adjacency",
    "_communities",
    "_pagerank",
    "_paths",
    "_reach",
    "_structural_holes",
    "_compiled",
    "_loops",
    "_small",
    "_prepare",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(f"netgraph.graph.kernels.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_public_names():
    kernels = importlib.import_module("netgraph.graph.kernels")
    for name in kernels.__all__:
        assert getattr(kernels, name).__doc__
