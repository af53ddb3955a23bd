"""The ecosystem map's saved node positions: each map keeps its own, moves and Reset
Layout are undone exactly (same rows, same UUIDs), they survive save and reopen, go with a
deleted blueprint, and a format-1 file upgraded to this format simply has none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.editing.commands.blueprints import DeleteBlueprintCommand
from app.editing.commands.ecosystem import (
    MoveEcosystemNodesCommand,
    ResetEcosystemLayoutCommand,
)
from app.editing.document import EditingDocument
from app.model.dump import dump
from app.model.ecosystem import EcosystemPosition
from app.model.errors import ModelError
from app.model.ops_ecosystem import clear_positions, saved_positions, set_positions
from app.model.ops_grid import delete_blueprint
from app.model.project_file import ProjectFile

FORMAT1 = Path(__file__).parents[1] / "data" / "format1.blueprint"


def test_each_map_keeps_its_own_positions(sample_file: ProjectFile) -> None:
    session = sample_file.session
    as_is = sample_file.project.blueprints[0]
    set_positions(session, None, {"channel:phone": (1.0, 2.0), "channel:post": (3.0, 4.0)})
    set_positions(session, as_is.id, {"channel:phone": (-5.0, 6.5)})
    assert saved_positions(session) == {"channel:phone": (1.0, 2.0), "channel:post": (3.0, 4.0)}
    assert saved_positions(session, as_is.id) == {"channel:phone": (-5.0, 6.5)}
    set_positions(session, None, {"channel:phone": (9.0, 9.0), "channel:post": None})
    assert saved_positions(session) == {"channel:phone": (9.0, 9.0)}
    assert clear_positions(session) == {"channel:phone": (9.0, 9.0)}
    assert saved_positions(session) == {}
    assert saved_positions(session, as_is.id) == {"channel:phone": (-5.0, 6.5)}


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 2e6, "1", True])
def test_a_position_must_be_a_sensible_number(sample_file: ProjectFile, bad: object) -> None:
    with pytest.raises(ModelError):
        set_positions(sample_file.session, None, {"channel:phone": (bad, 0.0)})  # type: ignore[dict-item]


def test_a_deleted_blueprint_takes_its_map_with_it(sample_file: ProjectFile) -> None:
    session = sample_file.session
    to_be = sample_file.project.blueprints[1]
    set_positions(session, to_be.id, {"channel:sms": (1.0, 1.0)})
    set_positions(session, None, {"channel:sms": (2.0, 2.0)})
    delete_blueprint(to_be)
    rows = session.scalars(select(EcosystemPosition)).all()
    assert [(row.blueprint_id, row.node_key) for row in rows] == [(None, "channel:sms")]


def test_undoing_a_blueprints_deletion_brings_its_map_back(qapp, sample_file: ProjectFile) -> None:
    document = EditingDocument(sample_file)
    to_be = sample_file.project.blueprints[1]
    document.push(MoveEcosystemNodesCommand(to_be.id, {"channel:sms": (4.0, 5.0)}))
    before = dump(document.session)
    document.push(DeleteBlueprintCommand(to_be.id))
    assert document.session.scalars(select(EcosystemPosition)).all() == []
    document.undo()
    assert dump(document.session) == before
    assert saved_positions(document.session, to_be.id) == {"channel:sms": (4.0, 5.0)}


def test_moves_and_reset_undo_exactly(qapp, sample_file: ProjectFile) -> None:
    document = EditingDocument(sample_file)
    session = document.session
    start = dump(session)
    document.push(MoveEcosystemNodesCommand(None, {"channel:phone": (10.0, 20.0)}))
    moved = dump(session)
    document.push(MoveEcosystemNodesCommand(None, {"channel:phone": (30.0, 40.0)}))
    assert saved_positions(session) == {"channel:phone": (30.0, 40.0)}
    assert document.undo_stack.count() == 2  # two drags are two steps
    document.push(ResetEcosystemLayoutCommand(None))
    assert saved_positions(session) == {}
    document.undo()
    assert saved_positions(session) == {"channel:phone": (30.0, 40.0)}
    document.undo()
    assert dump(session) == moved  # the same row, with the same UUID
    document.undo()
    assert dump(session) == start
    document.redo()
    assert dump(session) == moved
    changes = []
    document.changed.connect(changes.append)
    document.redo()
    assert changes[-1].ecosystem_changed and changes[-1].blueprint_id is None


def test_nudges_of_the_same_nodes_are_one_step(qapp, sample_file: ProjectFile) -> None:
    document = EditingDocument(sample_file)
    for x in (10.0, 20.0, 30.0):
        document.push(MoveEcosystemNodesCommand(None, {"channel:phone": (x, 0.0)}, nudge=True))
    assert document.undo_stack.count() == 1
    assert saved_positions(document.session) == {"channel:phone": (30.0, 0.0)}
    document.undo()
    assert saved_positions(document.session) == {}


def test_positions_survive_save_and_reopen(sample_file: ProjectFile, tmp_path: Path) -> None:
    as_is = sample_file.project.blueprints[0]
    set_positions(sample_file.session, None, {"channel:phone": (12.5, -7.25)})
    set_positions(sample_file.session, as_is.id, {"process:results filed": (1.0, 2.0)})
    sample_file.commit()
    target = tmp_path / "sample.blueprint"
    sample_file.save_as(target)
    reopened = ProjectFile.open(target, read_only=True)
    try:
        assert saved_positions(reopened.session) == {"channel:phone": (12.5, -7.25)}
        assert saved_positions(reopened.session, as_is.id) == {"process:results filed": (1.0, 2.0)}
    finally:
        reopened.close()


def test_a_format1_file_opens_with_no_positions_and_can_keep_them(tmp_path: Path) -> None:
    original = tmp_path / "old.blueprint"
    shutil.copy(FORMAT1, original)
    project_file = ProjectFile.open(original)
    try:
        session = project_file.session
        assert saved_positions(session) == {}
        set_positions(session, None, {"channel:post": (5.0, 5.0)})
        project_file.commit()
        project_file.save()
    finally:
        project_file.close()
    reopened = ProjectFile.open(original, read_only=True)
    try:
        assert saved_positions(reopened.session) == {"channel:post": (5.0, 5.0)}
    finally:
        reopened.close()
