"""Key moments and the emotion curve in the window: "Key moment…" and "Clear key moment" on
the step header's menu, Method → Mark Key Moment… (K) on the selected step or the selected
card's step, the dialog's sweet spot, and View → Overlays → Emotion Curve, whose points are
dragged on the canvas, each edit one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QPushButton
from sqlalchemy import select

from app.canvas.emotion_band import SERVICE_USER, STAFF
from app.layout.geometry import Rect
from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.structure import Card, Lane, Step
from app.ui.main_window import MainWindow
from app.ui.method.key_moment_dialog import KeyMomentDialog
from app.ui.method.moments import NOTHING_TO_MARK

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)
    qtbot.waitUntil(lambda: made.workspace.current.view.viewport().width() > 600)
    return made


def step_titled(window: MainWindow, title: str) -> Step:
    as_is = window.workspace.document.project.blueprints[0]
    return next(step for step in as_is.steps if step.title == title)


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def header_point(window: MainWindow, step_id: str) -> QPoint:
    view = window.workspace.current.view
    step = view.blueprint_scene.geometry.step(step_id)
    view.reveal(Rect(step.x, step.header.bottom + 10, step.w, 20))  # its column in view
    panes = view.pane_layout()
    x = panes.dx + (step.header.x + step.header.w / 2) * panes.scale
    y = panes.top + (panes.stage_height + panes.header_height) / 2
    return QPoint(round(x), round(y))


def right_click(window: MainWindow, pos: QPoint) -> QMenu:
    """A right-click at a viewport point, as the window system delivers it."""
    view = window.workspace.current.view
    at = view.viewport().mapTo(window, pos)
    QTest.mouseMove(window.windowHandle(), at + QPoint(8, 8))
    QTest.mouseMove(window.windowHandle(), at)
    QTest.mouseClick(window.windowHandle(), RIGHT, NONE, at)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu), "the right-click opened no menu"
    return menu


def choose(menu: QMenu, name: str) -> None:
    """Click the menu entry whose action has the object name ``name``."""
    for entry in menu.actions():
        if entry.objectName() == name:
            assert entry.isEnabled(), f"{entry.text()} is disabled"
            at = menu.actionGeometry(entry).center()
            QTest.mouseMove(menu.windowHandle(), at)
            QTest.mouseClick(menu.windowHandle(), LEFT, NONE, at)
            return
    raise AssertionError(f"no {name!r} in {[a.objectName() for a in menu.actions()]}")


def answer_key_moment(
    answers, qtbot, to_user: str, to_provider: str, note: str | None = None, seen=None
) -> None:
    """Expect the key moment dialog: type both importances (and a note), then OK."""

    def respond(dialog: KeyMomentDialog) -> None:
        if seen is not None:
            seen.append((dialog.to_user.value(), dialog.to_provider.value()))
        for box, text in ((dialog.to_user, to_user), (dialog.to_provider, to_provider)):
            box.setFocus()
            box.selectAll()
            qtbot.keyClicks(box, text)
        if note is not None:
            dialog.note.setFocus()
            dialog.note.selectAll()
            qtbot.keyClicks(dialog.note, note)
        qtbot.mouseClick(dialog.findChild(QPushButton, "okButton"), LEFT)

    answers.expect(KeyMomentDialog, respond)


# -- the step header's menu ----------------------------------------------------------------


def test_key_moment_from_the_step_header_menu(qtbot, window: MainWindow, answers) -> None:
    document = window.workspace.document
    step = step_titled(window, "Checks in and waits")
    before, index = dump(document.session), document.undo_stack.index()
    menu = right_click(window, header_point(window, step.id))
    clear = next(a for a in menu.actions() if a.objectName() == "clearKeyMomentAction")
    assert not clear.isEnabled()  # nothing to clear yet
    seen: list = []
    answer_key_moment(answers, qtbot, "5", "2", "Meeting someone known", seen)
    choose(menu, "keyMomentAction")
    qtbot.waitUntil(lambda: step.key_moment is not None)
    assert seen == [(3, 3)]  # a new key moment starts in the middle
    moment = step.key_moment
    assert (moment.importance_to_user, moment.importance_to_provider) == (5, 2)
    assert moment.note == "Meeting someone known" and not moment.is_sweet_spot
    assert document.undo_stack.index() == index + 1
    assert document.undo_stack.undoText() == "Mark key moment"

    menu = right_click(window, header_point(window, step.id))
    choose(menu, "clearKeyMomentAction")
    assert step.key_moment is None
    document.undo()
    assert step.key_moment.note == "Meeting someone known"
    document.undo()
    assert dump(document.session) == before


def test_the_menu_starts_from_the_key_moment_the_step_has(
    qtbot, window: MainWindow, answers
) -> None:
    step = step_titled(window, "Health check appointment")
    note = step.key_moment.note
    seen: list = []
    answer_key_moment(answers, qtbot, "4", "3", seen=seen)
    choose(right_click(window, header_point(window, step.id)), "keyMomentAction")
    qtbot.waitUntil(lambda: step.key_moment.importance_to_provider == 3)
    assert seen == [(5, 5)]
    assert step.key_moment.importance_to_user == 4 and step.key_moment.note == note


# -- Method → Mark Key Moment… (K) ----------------------------------------------------------


def test_k_marks_the_selected_step(qtbot, window: MainWindow, answers, press) -> None:
    mark = action(window, "markKeyMomentAction")
    assert mark.shortcut() == QKeySequence("K")
    assert mark in window.findChild(QMenu, "methodMenu").actions()
    step = step_titled(window, "Bloods taken")
    view = window.workspace.current.view
    QTest.mouseClick(view.viewport(), LEFT, NONE, header_point(window, step.id))
    assert view.selected_step == step.id
    answer_key_moment(answers, qtbot, "4", "5")
    press(window, Qt.Key.Key_K, NONE)
    qtbot.waitUntil(lambda: step.key_moment is not None)
    assert step.key_moment.is_sweet_spot
    # The step page (shown by the click) follows.
    form = window.properties.step_form
    assert form.key_moment.isChecked() and form.sweet_spot.isVisible()


def test_k_marks_the_step_of_the_first_selected_card(
    qtbot, window: MainWindow, answers, press
) -> None:
    session = window.workspace.document.session
    as_is = window.workspace.document.project.blueprints[0]
    query = select(Card).join(Lane).where(Lane.blueprint_id == as_is.id)
    card = next(c for c in session.scalars(query) if c.text == "Sits in waiting room")
    view = window.workspace.current.view
    rect = view.blueprint_scene.geometry.cards[card.id].rect
    view.reveal(rect)
    centre = view.mapFromScene(QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2))
    QTest.mouseClick(view.viewport(), LEFT, NONE, centre)
    assert view.selected_card_ids() == [card.id]
    answer_key_moment(answers, qtbot, "5", "1")
    press(window, Qt.Key.Key_K, NONE)
    qtbot.waitUntil(lambda: card.step.key_moment is not None)
    assert card.step.key_moment.importance_to_user == 5


def test_k_with_nothing_selected_says_what_to_do(qtbot, window: MainWindow, press) -> None:
    document = window.workspace.document
    index = document.undo_stack.index()
    window.workspace.current.view.setFocus()
    press(window, Qt.Key.Key_K, NONE)
    assert window.statusBar().currentMessage() == NOTHING_TO_MARK
    assert document.undo_stack.index() == index and QApplication.activeModalWidget() is None


def test_the_dialog_shows_the_sweet_spot_when_both_matter(qtbot) -> None:
    dialog = KeyMomentDialog(None, "The appointment")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.sweet_spot.isVisible()
    for box, text in ((dialog.to_user, "4"), (dialog.to_provider, "5")):
        box.setFocus()
        box.selectAll()
        QTest.keyClicks(box, text)
    assert dialog.sweet_spot.isVisible()
    assert dialog.sweet_spot.text() == "★ Sweet spot: optimise first"
    dialog.to_provider.selectAll()
    QTest.keyClicks(dialog.to_provider, "3")
    assert not dialog.sweet_spot.isVisible()


# -- the emotion curve ----------------------------------------------------------------------


def test_the_emotion_curve_action_shows_and_hides_the_band(qtbot, window: MainWindow) -> None:
    curve = action(window, "emotionCurveAction")
    assert curve.isCheckable() and not curve.isChecked()
    assert curve in window.findChild(QMenu, "overlaysMenu").actions()
    view = window.workspace.current.view
    scene = view.blueprint_scene
    assert scene.emotion_band is None
    map_top = view.mapFromScene(QPointF(0, 0)).y()
    curve.trigger()
    band = scene.emotion_band
    assert band is not None and band.isVisible()
    assert scene.extra_top == band.data.height
    # The view stayed at the top: the band came into sight and the map moved down under it.
    assert view.mapFromScene(QPointF(0, band.data.band.top)).y() >= 0
    assert view.mapFromScene(QPointF(0, 0)).y() > map_top
    window.blueprint_list.select(window.workspace.document.project.blueprints[1].id)
    to_be = window.workspace.current.view.blueprint_scene
    assert to_be is not scene and to_be.emotion_band is not None  # each blueprint has one
    curve.trigger()
    assert scene.emotion_band is None and to_be.emotion_band is None
    assert scene.extra_top == 0.0


def test_dragging_a_point_on_the_curve_sets_the_emotion_in_one_undo_step(
    qtbot, window: MainWindow
) -> None:
    document = window.workspace.document
    action(window, "emotionCurveAction").trigger()
    view = window.workspace.current.view
    step = step_titled(window, "Phones to book")  # service user −2, staff −1
    before, index = dump(document.session), document.undo_stack.index()
    data = view.blueprint_scene.emotion_band.data
    placed = data.step(step.id)
    band = data.band
    view.reveal(Rect(placed.left, band.top, placed.width, band.bottom - band.top))
    start = view.mapFromScene(QPointF(placed.handle_x(STAFF), band.y_of(-1)))
    end = start + QPoint(0, round(-3 * band.unit * view.zoom()))  # to +2
    viewport = view.viewport()
    QTest.mousePress(viewport, LEFT, NONE, start)
    for i in range(1, 7):
        QTest.mouseMove(viewport, start + (end - start) * (i / 6))
    QTest.mouseRelease(viewport, LEFT, NONE, end)
    assert (step.emotion.service_user, step.emotion.staff) == (-2, 2)
    assert document.undo_stack.index() == index + 1
    assert document.undo_stack.undoText() == "Set emotion"
    # The band follows the model: the point is drawn where it was dropped.
    moved = view.blueprint_scene.emotion_band.data.step(step.id)
    assert moved.staff == 2
    document.undo()
    assert dump(document.session) == before
    assert view.blueprint_scene.emotion_band.data.step(step.id).staff == -1


def test_the_band_follows_edits_made_in_the_properties(qtbot, window: MainWindow) -> None:
    action(window, "emotionCurveAction").trigger()
    view = window.workspace.current.view
    step = step_titled(window, "Results come back")
    view.select_step(step.id)
    form = window.properties.step_form
    form.service_user.setFocus()
    QTest.keyClick(form.service_user, Qt.Key.Key_Home)  # not recorded
    data = view.blueprint_scene.emotion_band.data
    assert data.step(step.id).service_user is None
    assert step.id not in {
        p.step_id for c in data.curves if c.who == SERVICE_USER for p in c.points
    }
    form.key_moment.click()
    assert [m.step_id for m in view.blueprint_scene.emotion_band.data.moments].count(step.id) == 1
