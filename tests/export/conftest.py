"""Fixtures of the export tests: the sample project once per module, and the sample grown
until its map is wider than any PDF page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample


def _built(tmp_path_factory: pytest.TempPathFactory, scale: int | None) -> Iterator[ProjectFile]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAGECRAFT_DATA_DIR", str(tmp_path_factory.mktemp("export-data")))
        project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session, scale))
        load_blueprints(project.session)
        yield project
        project.close()


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectFile]:
    """The bundled sample, shared by a module's tests (which must not change it)."""
    yield from _built(tmp_path_factory, None)


@pytest.fixture(scope="module")
def grown_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectFile]:
    """The sample grown to about 500 cards: its as-is map is wider than 14,400 points."""
    yield from _built(tmp_path_factory, 500)
