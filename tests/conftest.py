"""Shared test setup: headless Qt, and every test gets its own data folder for working copies."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Working copies, recovery records and settings go to a fresh folder per test."""
    folder = tmp_path_factory.mktemp("stagecraft-data")
    monkeypatch.setenv("STAGECRAFT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample_file() -> Iterator[ProjectFile]:
    """The bundled sample project, untitled: pain points, opportunities, systems, a to-be."""
    project_file = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    yield project_file
    project_file.close()
