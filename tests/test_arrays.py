"""The array helpers of scoring, against numpy's own."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from netgraph.scoring._arrays import stable_order


@given(keys=st.lists(st.integers(-3, 2**33), max_size=40))
def test_stable_order_is_numpys_stable_argsort(keys):
    for dtype in (np.int64, np.int32):
        if keys and (max(keys) > np.iinfo(dtype).max):
            continue
        array = np.array(keys, dtype=dtype)
        assert stable_order(array).tolist() == np.argsort(array, kind="stable").tolist()
    small = np.array([k % 70_000 for k in keys], dtype=np.int64)
    assert stable_order(small).tolist() == np.argsort(small, kind="stable").tolist()
