"""The sample project's blueprints as layout shapes."""

from collections.abc import Iterator

import pytest

from app.layout.shape import BlueprintShape
from app.layout.source import shape_from_blueprint
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample


@pytest.fixture(scope="module")
def sample_shapes() -> Iterator[list[BlueprintShape]]:
    project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    shapes = [shape_from_blueprint(project.session, bp) for bp in load_blueprints(project.session)]
    yield shapes
    project.close()
