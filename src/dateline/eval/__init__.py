"""Evaluation adapters that score dateline components on public benchmarks."""
