"""The overlay follows edits incrementally (app/layout/overlay_index.py): after any sequence
of edits (cards moved, added, deleted and retyped, pain points added, edited, resolved and
deleted, wait points and their times, key moments and emotions, undo and redo, the
perspective switched) its data is what a full rebuild from the model gives, and the canvas
shows what a canvas drawn afresh from that data shows, on the map and on screen."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.canvas.method_marks import MethodOptions
from app.canvas.scene import BlueprintScene
from app.editing.commands.base import EditCommand
from app.editing.commands.cards import (
    AddCardCommand,
    CardMove,
    DeleteCardsCommand,
    EditCardCommand,
    EditCardTextCommand,
    MoveCardsCommand,
    set_card_flag,
)
from app.editing.commands.method import (
    AddPainPointCommand,
    DeletePainPointsCommand,
    EditPainPointCommand,
    SetEmotionCommand,
    SetKeyMomentCommand,
)
from app.editing.document import EditingDocument
from app.layout.overlay import OverlayData, build_overlay
from app.layout.severity import fill
from app.model.errors import StagecraftError
from app.model.kinds import EvidenceSource, Perspective
from app.model.loading import load_blueprints
from app.model.ops_grid import cell_cards
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.model.structure import Blueprint
from app.ui.blueprint_editor import BlueprintEditor

EVERYTHING = MethodOptions(heat=True, gaps=True, moments=True, waits=True, resolved=True)
PARTS = ("step_heat", "cells", "gaps", "moments")


@pytest.fixture(params=[None, 400], ids=["sample", "sample-400-cards"])
def project(request: pytest.FixtureRequest) -> Iterator[ProjectFile]:
    scale = request.param
    made = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session, scale))
    yield made
    made.close()


@pytest.fixture
def editor(qtbot, project: ProjectFile) -> BlueprintEditor:
    load_blueprints(project.session)
    document = EditingDocument(project)
    made = BlueprintEditor(document, project.project.blueprints[0].id)
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    qtbot.waitExposed(made)
    made.method.set_view(EVERYTHING, None)
    return made


def blueprint_of(editor: BlueprintEditor) -> Blueprint:
    blueprint = editor.blueprint
    assert blueprint is not None
    return blueprint


def rebuilt(editor: BlueprintEditor) -> OverlayData:
    """The overlay made afresh from the model, as print makes it."""
    return build_overlay(
        blueprint_of(editor), editor.layout_engine.geometry, perspective=editor.method.perspective
    )


def canvas_state(scene: BlueprintScene) -> dict[str, Any]:
    """What the method shows on a canvas: every badge (number, colour, tooltip, where),
    every step and stage header's marks and tooltip, the wait highlights and the columns."""
    method = scene.method
    badges = {}
    for pain_id, item in method.badges.items():
        place = item.scenePos()
        badges[pain_id] = (
            item.number,
            item.severity,
            item.resolved,
            item.toolTip(),
            round(place.x(), 3),
            round(place.y(), 3),
        )
    return {
        "badges": badges,
        "step marks": dict(method.step_marks),
        "step tips": {step_id: item.toolTip() for step_id, item in scene.steps.items()},
        "stage waits": dict(method.stage_waits),
        "stage tips": [item.toolTip() for item in scene.stage_items],
        "journey": (method.journey_wait, scene.corner.toolTip() if scene.corner else ""),
        "waits": {card_id: item.minutes for card_id, item in method.waits.items()},
        **{part: method.marks(part) for part in PARTS},
    }


def check(editor: BlueprintEditor) -> None:
    """The incremental overlay equals a full rebuild, on the canvas too."""
    want = rebuilt(editor)
    follower = editor.method
    assert follower.data == want
    assert follower.index is not None
    assert follower.index.marks.journey_wait == want.journey_wait
    scene = editor.view.blueprint_scene
    fresh = BlueprintScene(editor.layout_engine.geometry)
    try:
        fresh.method.set_options(scene.method.options)
        fresh.method.show(want)
        assert canvas_state(scene) == canvas_state(fresh)
    finally:
        fresh.clear()


def random_edit(rng: random.Random, editor: BlueprintEditor) -> EditCommand | str:
    """One edit of the kinds that reach the overlay, or "undo" / "redo"."""
    blueprint = blueprint_of(editor)
    cards = sorted((card for lane in blueprint.lanes for card in lane.cards), key=lambda c: c.id)
    pains = sorted(
        [p for card in cards for p in card.pain_points]
        + [p for step in blueprint.steps for p in step.pain_points],
        key=lambda p: p.id,
    )
    lanes, steps = blueprint.lanes, blueprint.steps
    pained = [card for card in cards if card.pain_points] or cards
    roll = rng.random()
    if roll < 0.08:
        return "undo"
    if roll < 0.12:
        return "redo"
    if roll < 0.34:
        card = rng.choice(pained if rng.random() < 0.7 else cards)
        lane, step = rng.choice(lanes), rng.choice(steps)
        index = rng.choice([None, 0, 1])
        return MoveCardsCommand([CardMove(card.id, lane.id, step.id, index)])
    if roll < 0.46:
        on_step = rng.random() < 0.3
        owner = rng.choice(steps) if on_step else rng.choice(cards)
        return AddPainPointCommand(
            "step" if on_step else "card",
            owner.id,
            description=rng.choice(["Late letter", "No parking", "Long queue", "Lost form"]),
            severity=rng.randint(1, 5),
            perspective=rng.choice(list(Perspective)).value,
            evidence=rng.choice(list(EvidenceSource)).value,
            resolved=rng.random() < 0.15,
        )
    if roll < 0.62 and pains:
        pain = rng.choice(pains)
        change = rng.choice(
            [
                {"severity": rng.randint(1, 5)},
                {"resolved": not pain.resolved},
                {"perspective": rng.choice(list(Perspective)).value},
                {"evidence": rng.choice(list(EvidenceSource)).value},
                {"description": f"{pain.description} again"},
                {"underserved_group": rng.choice(["", "carers", "people without a phone"])},
            ]
        )
        return EditPainPointCommand(pain.id, **change)
    if roll < 0.70 and pains:
        return DeletePainPointsCommand([p.id for p in rng.sample(pains, min(2, len(pains)))])
    if roll < 0.78:
        card = rng.choice(cards)
        return set_card_flag([card.id], "wait_point", not card.wait_point)
    if roll < 0.83:
        card = rng.choice([c for c in cards if c.wait_point] or cards)
        return EditCardCommand(card.id, duration_minutes=rng.choice([None, 5, 45, 180]))
    if roll < 0.87:
        card = rng.choice(pained)
        return EditCardTextCommand(card.id, f"{card.text} (seen)")
    if roll < 0.91:
        return AddCardCommand(rng.choice(lanes).id, rng.choice(steps).id, "A new card", 0)
    if roll < 0.95:
        return DeleteCardsCommand([rng.choice(pained).id])
    step = rng.choice(steps)
    if rng.random() < 0.5:
        importance = rng.choice([(5, 4), (2, 3), (None, None)])
        return SetKeyMomentCommand(step.id, *importance)
    return SetEmotionCommand(step.id, rng.randint(-2, 2), rng.choice([None, 1, -1]))


def run_edits(editor: BlueprintEditor, rng: random.Random, count: int) -> None:
    document = editor.document
    for _turn in range(count):
        edit = random_edit(rng, editor)
        if edit == "undo":
            if document.undo_stack.canUndo():
                document.undo()
        elif edit == "redo":
            if document.undo_stack.canRedo():
                document.redo()
        else:
            assert isinstance(edit, EditCommand)
            try:
                document.push(edit)
            except StagecraftError:
                continue  # refused (nothing to change): the model is as it was
        check(editor)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_leave_the_overlay_as_a_full_rebuild_makes_it(
    editor: BlueprintEditor, seed: int
) -> None:
    check(editor)
    run_edits(editor, random.Random(seed), 70)
    document = editor.document
    while document.undo_stack.canUndo():  # all the way back
        document.undo()
    check(editor)


def test_the_perspective_and_hidden_resolved_badges_follow_edits_too(
    editor: BlueprintEditor,
) -> None:
    rng = random.Random(7)
    scene = editor.view.blueprint_scene
    for perspective in (Perspective.STAFF, Perspective.SERVICE_USER, None):
        editor.method.set_view(EVERYTHING, perspective)
        check(editor)
        run_edits(editor, rng, 20)
    editor.method.set_view(MethodOptions(resolved=False, heat=True), Perspective.PARTNER)
    assert scene.method.options.resolved is False
    check(editor)
    run_edits(editor, rng, 20)


def test_a_card_put_between_two_with_pain_points_is_numbered_between_them(
    editor: BlueprintEditor,
) -> None:
    """Cards beside an edited one are given new positions in their cell without being
    named by the edit: the index reads their places again."""
    blueprint = blueprint_of(editor)
    document = editor.document
    lane, step = blueprint.lanes[1], blueprint.steps[3]

    def add(text: str, index: int | None = None) -> str:
        command = AddCardCommand(lane.id, step.id, text, index)
        document.push(command)
        return command.made[0][1]

    first, second = add("First"), add("Second")
    for card_id in (first, second):
        document.push(AddPainPointCommand("card", card_id, description=card_id, severity=3))
    add("Pushes the others down", 0)
    mover = next(c for other in blueprint.steps[5:] for c in other.cards if c.pain_points)
    where = [c.id for c in cell_cards(lane, step)].index(second)
    document.push(MoveCardsCommand([CardMove(mover.id, lane.id, step.id, where)]))
    check(editor)
    numbers = {e.card_id: e.number for e in editor.method.data.entries if e.card_id}
    assert numbers[first] < numbers[mover.id] < numbers[second]


def grab(editor: BlueprintEditor) -> QImage:
    for _turn in range(3):
        QApplication.processEvents()
    return editor.view.viewport().grab().toImage()


def redrawn(editor: BlueprintEditor) -> QImage:
    """The view drawn again from scratch."""
    editor.view.viewport().update()
    return grab(editor)


@pytest.mark.parametrize("project", [400], indirect=True, ids=["sample-400-cards"])
def test_what_is_on_screen_after_an_edit_is_what_a_full_redraw_shows(
    editor: BlueprintEditor,
) -> None:
    """Badges renumbered in view are drawn again (the others when they come into view)."""
    blueprint = blueprint_of(editor)
    card = next(c for c in blueprint.steps[6].cards if c.pain_points)
    editor.view.center_on_card(card.id)
    document = editor.document
    edits: list[Callable[[], EditCommand]] = [
        lambda: AddPainPointCommand("step", blueprint.steps[0].id, severity=5),
        lambda: AddPainPointCommand("card", blueprint.steps[1].cards[0].id, severity=1),
        lambda: MoveCardsCommand(
            [CardMove(card.id, blueprint.lanes[-1].id, blueprint.steps[5].id)]
        ),
    ]
    for make in edits:
        grab(editor)
        document.push(make())
        shown = grab(editor)
        assert shown == redrawn(editor)
    document.undo()
    document.undo()
    shown = grab(editor)
    assert shown == redrawn(editor)


@pytest.mark.parametrize("project", [None], indirect=True, ids=["sample"])
def test_a_steps_own_badges_show_whole_under_the_frozen_header_rows(
    editor: BlueprintEditor,
) -> None:
    """They hang below the step row, as on the map: the frozen header rows draw them whole
    over the map scrolled under them."""
    editor.resize(1000, 420)
    view, data = editor.view, editor.method.data
    assert data is not None
    entry = next(e for e in data.entries if e.card_id is None)
    badge = next(b for b in data.badges if b.pain_point_id == entry.id)
    view.zoom_to_actual()
    view.centerOn(badge.x, editor.layout_engine.geometry.height)
    layout = view.pane_layout()
    assert layout is not None and layout.covers_rows and layout.pane_scale == 1.0
    image = grab(editor)
    x = view.mapFromScene(badge.x, 0.0).x()
    below_rows = int(layout.top + layout.header_height) + 1  # still inside the badge's disc
    assert image.pixelColor(x, below_rows).name() == fill(entry.severity)
