"""Benchmarks, run explicitly (not part of the default test suite); see docs/PERFORMANCE.md."""
