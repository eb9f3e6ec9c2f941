"""Benchmarks: synthetic Vita sites against the plain Sphinx stack (``python -m bench``)."""
