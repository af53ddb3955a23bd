"""Robustness runs: the quick ones run with the suite; the ``@pytest.mark.slow`` ones here
only when asked for with ``-m slow`` (``make soak``). Slow tests elsewhere are left alone."""

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with 'make soak' (pytest -m slow tests/robustness)")
    for item in items:
        if item.get_closest_marker("slow") is not None and item.path.is_relative_to(HERE):
            item.add_marker(skip)
