"""The properties dock's step page: a click on a step's header shows the step's stage, its
emotion (service user and staff) and its key moment with the sweet spot; each change is one
undo step, and the page follows undo and changes made elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.editing.commands.method import SetEmotionCommand
from app.editing.commands.steps import DeleteStepCommand
from app.layout.geometry import Rect
from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.sample import SAMPLE_NAME, build_sample
from app.model.structure import Card, Lane, Step
from app.ui.main_window import MainWindow
from app.ui.properties.step_form import SWEET_SPOT_TEXT

LEFT = Qt.MouseButton.LeftButton
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


def header_point(window: MainWindow, step_id: str) -> QPoint:
    """Where the step's header is drawn (the frozen header row, or its own place)."""
    view = window.workspace.current.view
    step = view.blueprint_scene.geometry.step(step_id)
    view.reveal(Rect(step.x, step.header.bottom + 10, step.w, 20))  # its column in view
    panes = view.pane_layout()
    x = panes.dx + (step.header.x + step.header.w / 2) * panes.scale
    y = panes.top + (panes.stage_height + panes.header_height) / 2
    return QPoint(round(x), round(y))


def click_header(qtbot, window: MainWindow, title: str) -> Step:
    step = step_titled(window, title)
    view = window.workspace.current.view
    QTest.mouseClick(view.viewport(), LEFT, NONE, header_point(window, step.id))
    qtbot.waitUntil(lambda: window.properties.current_page is window.properties.step_form)
    return step


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def type_into(qtbot, box, text: str) -> None:
    """Select what a spin box holds, type over it and press Enter."""
    focus(qtbot, box)
    box.selectAll()
    QTest.keyClicks(box, text)
    QTest.keyClick(box, Qt.Key.Key_Return)


# -- showing the step ----------------------------------------------------------------------


def test_clicking_a_step_header_shows_the_step_page(qtbot, window: MainWindow) -> None:
    properties = window.properties
    step = click_header(qtbot, window, "Phones to book")
    form = properties.step_form
    assert properties.step_id == step.id
    assert form.heading.text() == "Phones to book"
    assert "Booking" in form.where.text()
    assert form.service_user.currentText() == "−2 very negative"
    assert form.staff.currentText() == "−1 negative"
    assert not form.key_moment.isChecked() and not form.sweet_spot.isVisible()
    assert not form.to_user.isEnabled()  # no key moment: nothing to weigh yet
    # The step's own pain points show under it.
    assert properties.pain_points.isVisible()
    assert properties.pain_points.owner_id == step.id

    view = window.workspace.current.view
    card = next(card for card in step.cards)
    rect = view.blueprint_scene.geometry.cards[card.id].rect
    view.reveal(rect)
    centre = view.mapFromScene(rect.x + rect.w / 2, rect.y + rect.h / 2)
    QTest.mouseClick(view.viewport(), LEFT, NONE, centre)
    assert properties.current_page is properties.card_form  # a card replaces the step
    assert properties.step_id is None and view.selected_step is None

    click_header(qtbot, window, "Health check appointment")
    assert form.key_moment.isChecked()
    assert (form.to_user.value(), form.to_provider.value()) == (5, 5)
    assert form.sweet_spot.isVisible() and form.sweet_spot.text() == SWEET_SPOT_TEXT
    assert form.note.toPlainText().startswith("The appointment itself")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert properties.current_page is properties.empty


# -- editing ---------------------------------------------------------------------------------


def test_changing_the_emotion_is_one_undo_step_and_undo_restores(qtbot, window: MainWindow) -> None:
    document = window.workspace.document
    step = click_header(qtbot, window, "Phones to book")
    before, index = dump(document.session), document.undo_stack.index()
    form = window.properties.step_form
    focus(qtbot, form.service_user)
    for _ in range(3):  # −2 → −1 → 0 → +1, one key at a time
        QTest.keyClick(form.service_user, Qt.Key.Key_Up)
    assert (step.emotion.service_user, step.emotion.staff) == (1, -1)
    assert form.service_user.currentText() == "+1 positive"
    assert document.undo_stack.index() == index + 1  # the sets merged into one step
    assert document.undo_stack.undoText() == "Set emotion"
    focus(qtbot, form.staff)
    QTest.keyClick(form.staff, Qt.Key.Key_Home)  # "Not recorded"
    assert step.emotion.staff is None
    document.undo()
    assert dump(document.session) == before
    assert form.service_user.currentText() == "−2 very negative"  # the page followed
    assert form.staff.currentText() == "−1 negative"


def test_marking_the_key_moment_and_weighing_it(qtbot, window: MainWindow) -> None:
    document = window.workspace.document
    step = click_header(qtbot, window, "Checks in and waits")
    before, index = dump(document.session), document.undo_stack.index()
    form = window.properties.step_form
    focus(qtbot, form.key_moment)
    QTest.keyClick(form.key_moment, Qt.Key.Key_Space)
    assert step.key_moment is not None
    assert (step.key_moment.importance_to_user, step.key_moment.importance_to_provider) == (3, 3)
    assert document.undo_stack.undoText() == "Mark key moment"
    assert form.to_user.isEnabled() and not form.sweet_spot.isVisible()

    type_into(qtbot, form.to_user, "5")
    assert step.key_moment.importance_to_user == 5
    assert not form.sweet_spot.isVisible()
    type_into(qtbot, form.to_provider, "4")
    assert step.key_moment.importance_to_provider == 4
    assert form.sweet_spot.isVisible()  # both 4 or more: the sweet spot

    focus(qtbot, form.note)
    QTest.keyClicks(form.note, "Meeting someone known here")
    focus(qtbot, form.staff)  # leaving the note commits it
    assert step.key_moment.note == "Meeting someone known here"
    assert document.undo_stack.undoText() == "Edit key moment note"
    assert document.undo_stack.index() == index + 4

    focus(qtbot, form.key_moment)
    QTest.keyClick(form.key_moment, Qt.Key.Key_Space)
    assert step.key_moment is None and not form.sweet_spot.isVisible()
    document.undo()
    assert step.key_moment.note == "Meeting someone known here"  # cleared and put back
    for _ in range(4):
        document.undo()
    assert dump(document.session) == before


def test_the_page_follows_changes_made_elsewhere(qtbot, window: MainWindow) -> None:
    document = window.workspace.document
    step = click_header(qtbot, window, "Reminder")
    form = window.properties.step_form
    window._push(SetEmotionCommand(step.id, 2, None))
    assert form.service_user.currentText() == "+2 very positive"
    assert form.staff.currentText() == "Not recorded"
    window._push(DeleteStepCommand(step.id))
    properties = window.properties
    assert properties.current_page is properties.empty and properties.step_id is None
    document.undo()
    assert window.workspace.current.view.selected_step is None


def test_a_read_only_project_shows_the_step_without_letting_it_change(
    qtbot, make_window, tmp_path
) -> None:
    target = tmp_path / "sample.blueprint"
    built = ProjectFile.build(SAMPLE_NAME, lambda session: build_sample(session))
    built.save_as(target)
    built.close()
    window = make_window(ProjectFile.open(target, read_only=True))
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.workspace.current.view.viewport().width() > 600)
    click_header(qtbot, window, "Health check appointment")
    form = window.properties.step_form
    assert form.read_only_note.isVisible()
    assert not form.service_user.isEnabled() and not form.key_moment.isEnabled()
    assert not form.to_user.isEnabled() and form.note.isReadOnly()
    assert QApplication.activeModalWidget() is None


def test_choosing_a_card_s_step_shows_the_card_again(qtbot, window: MainWindow) -> None:
    """Selecting a step deselects the cards; selecting a card leaves the step."""
    step = click_header(qtbot, window, "Travels to surgery")
    view = window.workspace.current.view
    session = window.workspace.document.session
    card = session.query(Card).join(Lane).filter(Card.step_id == step.id).first()
    view.blueprint_scene.select_cards([card.id])
    assert window.properties.current_page is window.properties.card_form
    assert view.selected_step is None
