"""The weighted contact graph the values are computed on, and the graph kernels."""
