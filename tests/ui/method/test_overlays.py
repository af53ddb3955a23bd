"""View → Overlays in the window: each switch shows and hides its part of the canvas, the
perspective filter changes which badges and heat count, the switches are remembered; and
the badges follow the edits: a pain point added shows a badge (undo takes it away), a
card moved takes its badge along, a card deleted takes its badges with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from app.canvas.method_columns import MethodColumnsItem
from app.editing.commands.method import (
    AddPainPointCommand,
    EditPainPointCommand,
    SetKeyMomentCommand,
)
from app.model.project_file import ProjectFile
from app.model.structure import Card
from app.ui.main_window import MainWindow
from app.ui.method.overlays import PERSPECTIVE, SWITCHES

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)
    qtbot.waitUntil(lambda: made.workspace.current.view.viewport().width() > 600)
    return made


def scene_of(window: MainWindow):
    return window.workspace.current.view.blueprint_scene


def switch(qtbot, window: MainWindow, name: str) -> None:
    """Open View → Overlays and click the entry ``name``, as a user would."""
    menu = window.menuBar().findChild(QMenu, "overlaysMenu")
    # A menu ignores a click where the pointer has not moved since it opened.
    QTest.mouseMove(window.windowHandle(), QPoint(5, 5))
    menu.popup(window.mapToGlobal(QPoint(200, 100)))
    qtbot.waitUntil(menu.isVisible)
    action = window.findChild(QAction, name)
    at = menu.actionGeometry(action).center()
    QTest.mouseMove(menu.windowHandle(), at)
    QTest.mouseClick(menu.windowHandle(), LEFT, NONE, at)
    qtbot.waitUntil(lambda: not menu.isVisible())


def first_card_with_pain(window: MainWindow, lane_title: str) -> Card:
    blueprint = window.workspace.current.blueprint
    lane = next(lane for lane in blueprint.lanes if lane.title == lane_title)
    return next(card for card in lane.cards if card.pain_points)


def test_view_overlays_lists_the_switches_and_the_perspectives(window: MainWindow) -> None:
    menu = window.menuBar().findChild(QMenu, "overlaysMenu")
    names = [action.objectName() for action in menu.actions()]
    for _option, name, _text, tip, setting in SWITCHES:
        action = window.findChild(QAction, name)
        assert name in names and action.isCheckable() and action.statusTip() == tip
        assert action.isChecked() == bool(setting.default)
    group = window.findChild(QAction, "perspectiveStaffAction").actionGroup()
    assert group.isExclusive() and len(group.actions()) == 4
    assert window.findChild(QAction, "perspectiveAllAction").isChecked()
    assert "Perspective" in [a.text() for a in menu.actions() if a.isSeparator()]


def test_heat_is_switched_on_and_off_from_the_menu(qtbot, window: MainWindow) -> None:
    scene = scene_of(window)
    assert not scene.method.options.heat
    switch(qtbot, window, "painPointHeatAction")
    assert scene.method.options.heat
    (columns,) = [item for item in scene.items() if isinstance(item, MethodColumnsItem)]
    assert columns.isVisible() and scene.method.marks("step_heat")
    assert window.settings.value(SWITCHES[0][4]) == 1
    switch(qtbot, window, "painPointHeatAction")
    assert not scene.method.options.heat


def test_evidence_gaps_label_their_steps(qtbot, window: MainWindow) -> None:
    scene = scene_of(window)
    gaps = scene.method.data.gaps
    assert gaps
    header = scene.steps[gaps[0].step_id]
    assert "No evidence" not in header.toolTip()
    switch(qtbot, window, "evidenceGapsAction")
    assert scene.method.options.gaps
    assert gaps[0].label in header.toolTip()
    switch(qtbot, window, "evidenceGapsAction")
    assert gaps[0].label not in header.toolTip()


def test_key_moments_are_on_until_switched_off(qtbot, window: MainWindow) -> None:
    scene = scene_of(window)
    (moment,) = scene.method.data.moments
    header = scene.steps[moment.step_id]
    assert "sweet spot" in header.toolTip()
    switch(qtbot, window, "keyMomentsAction")
    assert not scene.method.options.moments and "sweet spot" not in header.toolTip()


def test_wait_points_show_their_waiting_on_the_canvas_and_the_status_bar(
    qtbot, window: MainWindow
) -> None:
    scene = scene_of(window)
    label = window.statusBar().findChild(QLabel, "waitingLabel")
    assert scene.method.waits == {} and not label.isVisible()
    switch(qtbot, window, "waitPointsAction")
    waits = scene.method.data.wait_cards
    assert set(scene.method.waits) == {wait.card_id for wait in waits}
    assert label.isVisible()
    assert label.text() == "Waiting: 1 h 45 min across 4 wait points (1 without a time)"
    switch(qtbot, window, "waitPointsAction")
    assert scene.method.waits == {} and not label.isVisible()


def test_resolved_pain_points_can_be_hidden(qtbot, window: MainWindow) -> None:
    scene = scene_of(window)
    card = first_card_with_pain(window, "Customer actions")
    pain = card.pain_points[0]
    window.workspace.document.push(EditPainPointCommand(pain.id, resolved=True))
    assert scene.method.badges[pain.id].resolved
    switch(qtbot, window, "showResolvedAction")
    assert pain.id not in scene.method.badges
    switch(qtbot, window, "showResolvedAction")
    assert scene.method.badges[pain.id].resolved


def test_the_perspective_filter_keeps_one_perspectives_badges_and_heat(
    qtbot, window: MainWindow
) -> None:
    scene = scene_of(window)
    everyone = scene.method.data
    switch(qtbot, window, "perspectiveStaffAction")
    staff = scene.method.data
    assert staff is not everyone and {e.perspective for e in staff.entries} == {"staff"}
    assert {item.pain_point_id for item in scene.method.badges.values()} == {
        e.id for e in staff.entries if e.card_id
    }
    assert [item.number for item in scene.method.badges.values()] != []
    assert sum(staff.step_totals.values()) < sum(everyone.step_totals.values())
    assert window.settings.value(PERSPECTIVE) == "staff"
    switch(qtbot, window, "perspectiveAllAction")
    assert len(scene.method.data.entries) == len(everyone.entries)
    assert window.findChild(QAction, "perspectiveAllAction").isChecked()


def test_the_switches_are_remembered_for_the_next_window(
    qtbot, window: MainWindow, make_window
) -> None:
    switch(qtbot, window, "painPointHeatAction")
    switch(qtbot, window, "perspectivePartnerAction")
    other = make_window()
    assert other.findChild(QAction, "painPointHeatAction").isChecked()
    assert other.findChild(QAction, "perspectivePartnerAction").isChecked()


def test_a_pain_point_added_shows_a_badge_and_undo_takes_it_away(
    qtbot, window: MainWindow, press
) -> None:
    scene = scene_of(window)
    blueprint = window.workspace.current.blueprint
    card = next(c for lane in blueprint.lanes for c in lane.cards if not c.pain_points)
    command = AddPainPointCommand(
        "card", card.id, description="Cannot read the letter", severity=5, perspective="staff"
    )
    window.workspace.document.push(command)
    item = scene.method.badges[command.pain_point_id]
    assert item.parentItem() is scene.cards[card.id] and item.severity == 5
    assert "Cannot read the letter" in item.toolTip()
    press(window, Qt.Key.Key_Z)
    assert command.pain_point_id not in scene.method.badges and item.scene() is None


def test_moving_a_card_takes_its_badge_along(qtbot, window: MainWindow, press) -> None:
    view = window.workspace.current.view
    scene = scene_of(window)
    card = first_card_with_pain(window, "Customer actions")
    pain_ids = [p.id for p in card.pain_points]
    view.blueprint_scene.select_cards([card.id])
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Down, CTRL)  # one lane down
    geometry = scene.geometry.cards[card.id]
    assert scene.geometry.lane(geometry.lane_id).rect.y > 0
    assert window.workspace.document.session.get(Card, card.id).lane.title == "Frontstage"
    for pain_id in pain_ids:
        item = scene.method.badges[pain_id]
        assert item.parentItem() is scene.cards[card.id]
    first = scene.method.badges[pain_ids[0]].scenePos()
    assert (first.x(), first.y()) == pytest.approx((geometry.rect.x, geometry.rect.y))
    numbers = {e.id: e.number for e in scene.method.data.entries}
    assert all(pain_id in numbers for pain_id in pain_ids)


def test_deleting_a_card_takes_its_badges_and_undo_brings_them_back(
    qtbot, window: MainWindow, press
) -> None:
    view = window.workspace.current.view
    scene = scene_of(window)
    card = first_card_with_pain(window, "Backstage")
    pain_ids = [p.id for p in card.pain_points]
    count = len(scene.method.data.entries)
    scene.select_cards([card.id])
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete, NONE)
    assert card.id not in scene.cards
    assert not set(pain_ids) & set(scene.method.badges)
    assert len(scene.method.data.entries) == count - len(pain_ids)
    press(window, Qt.Key.Key_Z)
    assert all(scene.method.badges[p].parentItem() is scene.cards[card.id] for p in pain_ids)
    QApplication.processEvents()


def test_a_key_moment_marked_is_outlined_at_once_and_undo_clears_it(
    qtbot, window: MainWindow, press
) -> None:
    scene = scene_of(window)
    blueprint = window.workspace.current.blueprint
    step = next(s for s in blueprint.steps if s.key_moment is None)
    pains = scene.method.data.entries
    window.workspace.document.push(SetKeyMomentCommand(step.id, 5, 4))
    marks = scene.method.step_marks[step.id]
    assert marks.moment and marks.sweet_spot
    assert "sweet spot" in scene.steps[step.id].toolTip()
    assert scene.method.data.entries is pains  # only the key moments were made again
    press(window, Qt.Key.Key_Z)
    assert step.id not in scene.method.step_marks or not scene.method.step_marks[step.id].moment
