"""Benchmarks (``make bench``): each ``bench_*.py`` module has ``main(argv) -> int`` and prints
its figures as ratios against a peer measured in the same run. Results go to bench/out/."""
