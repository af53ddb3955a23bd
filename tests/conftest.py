"""Shared test setup: headless Qt, and every test gets its own data folder for working copies."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Working copies, recovery records and settings go to a fresh folder per test."""
    folder = tmp_path_factory.mktemp("stagecraft-data")
    monkeypatch.setenv("STAGECRAFT_DATA_DIR", str(folder))
    return folder
