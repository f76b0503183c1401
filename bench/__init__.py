"""Benchmarks: the mock against its stack's floor and against Stoplight Prism.

`python -m bench` runs everything and prints the tables; see bench/README.md.
"""
