"""An editing document on a fresh project (or on the sample) for each editing test."""

from collections.abc import Iterator

import pytest

from app.editing.document import EditingDocument
from app.model.project_file import ProjectFile


@pytest.fixture
def project_file() -> Iterator[ProjectFile]:
    project_file = ProjectFile.new("Test")
    yield project_file
    project_file.close()


@pytest.fixture
def document(qapp, project_file: ProjectFile) -> EditingDocument:
    return EditingDocument(project_file)


@pytest.fixture
def sample(qapp, sample_file: ProjectFile) -> EditingDocument:
    return EditingDocument(sample_file)
