"""A scene and a view of the sample blueprint, and helpers to aim real input at them."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.canvas.scene import BlueprintScene
from app.canvas.view import BlueprintView
from app.layout.engine import BlueprintLayout
from app.layout.shape import BlueprintShape
from app.layout.source import shape_from_blueprint
from app.model.loading import load_blueprints
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample

VIEW_SIZE = (1200, 800)


@pytest.fixture(scope="module")
def sample_shapes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[BlueprintShape]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAGECRAFT_DATA_DIR", str(tmp_path_factory.mktemp("canvas-data")))
        project = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
        blueprints = load_blueprints(project.session)
        shapes = [shape_from_blueprint(project.session, blueprint) for blueprint in blueprints]
        project.close()
    yield shapes


@pytest.fixture
def layout(sample_shapes: list[BlueprintShape]) -> BlueprintLayout:
    """The as-is blueprint's layout (its own copy of the shape: updates change it)."""
    return BlueprintLayout(copy.deepcopy(sample_shapes[0]))


@pytest.fixture
def scene(qapp: QApplication, layout: BlueprintLayout) -> Iterator[BlueprintScene]:
    scene = BlueprintScene(layout.geometry)
    yield scene
    scene.clear()


@pytest.fixture
def view(qtbot, scene: BlueprintScene) -> BlueprintView:
    view = BlueprintView(scene)
    view.resize(*VIEW_SIZE)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_to_actual()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    view.setFocus()
    return view
