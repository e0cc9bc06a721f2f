"""Generated networks: the bundled example and platforms for benchmarks."""
