"""Comments in the window: the name asked once and kept, Add Comment (Ctrl+Alt+M) on the
selected cards, the card and step header menus, the marks on the canvas, and the Comments
dock (Ctrl+Shift+M) that lists, searches, filters, jumps, replies, resolves and deletes,
each edit one undo step."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QDockWidget, QMenu, QPushButton
from sqlalchemy import event, select

from app.canvas.marks import COMMENT, CommentMarkItem
from app.editing.commands.method import AddCommentCommand, EditCommentCommand
from app.layout.geometry import Rect
from app.model.catalogue import Comment
from app.model.method import Opportunity, PainPoint
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint, Card, Lane, Step
from app.ui.dialogs.error import ErrorDialog
from app.ui.main_window import MainWindow
from app.ui.method.comment_dialog import AuthorDialog, CommentDialog
from app.ui.method.comments import comment_on, comments_of
from app.ui.method.comments_dock import CommentsPanel
from app.ui.method.comments_model import canvas_notes, local_time
from app.ui.settings import COMMENT_AUTHOR, Settings

sys.path.insert(0, str(Path(__file__).parents[2] / "canvas"))
from canvas_helpers import aim_at_card

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_ALT = CTRL | Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)
    qtbot.waitUntil(lambda: made.workspace.current.view.viewport().width() > 600)
    return made


@pytest.fixture
def named(settings: Settings) -> Settings:
    """A user who has commented before: their name is in the settings."""
    settings.set_value(COMMENT_AUTHOR, "Ann Patel")
    return settings


def session(window: MainWindow):
    return window.workspace.document.session


def card_id(window: MainWindow, text: str) -> str:
    as_is = window.workspace.document.project.blueprints[0]
    query = select(Card.id).join(Lane).where(Lane.blueprint_id == as_is.id, Card.text == text)
    return session(window).scalars(query).one()


def comments_on(window: MainWindow, item_id: str) -> list[Comment]:
    query = select(Comment).where(Comment.item_id == item_id).order_by(Comment.created_at)
    return list(session(window).scalars(query))


def click_card(window: MainWindow, text: str, modifiers=NONE) -> str:
    view = window.workspace.current.view
    ident = card_id(window, text)
    QTest.mouseClick(view.viewport(), LEFT, modifiers, aim_at_card(view, ident))
    return ident


def give_name(answers, qtbot, name: str) -> None:
    """Expect the question of the user's name; type it and press Enter."""

    def respond(dialog: AuthorDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, name)
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    answers.expect(AuthorDialog, respond)


def write_comment(
    answers,
    qtbot,
    text: str,
    *,
    author: str | None = None,
    seen: list | None = None,
    keys: bool = False,
) -> None:
    """Expect the comment dialog: type ``text`` (and a new name), click Add Comment (or,
    with ``keys``, press Ctrl+Enter in the text)."""

    def respond(dialog: CommentDialog) -> None:
        if seen is not None:
            seen.append((dialog.windowTitle(), dialog.target.text(), dialog.author_edit.text()))
        assert dialog.text_edit.hasFocus()
        qtbot.keyClicks(dialog.text_edit, text)
        if author is not None:
            dialog.author_edit.selectAll()
            qtbot.keyClicks(dialog.author_edit, author)
        if keys:
            qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, CTRL)
        else:
            qtbot.mouseClick(dialog.findChild(QPushButton, "addCommentButton"), LEFT)

    answers.expect(CommentDialog, respond)


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


def choose(menu: QMenu, text: str) -> None:
    for action in menu.actions():
        if action.text() == text:
            at = menu.actionGeometry(action).center()
            QTest.mouseMove(menu.windowHandle(), at)
            QTest.mouseClick(menu.windowHandle(), LEFT, NONE, at)
            return
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def step_header_point(window: MainWindow, step_id: str) -> QPoint:
    view = window.workspace.current.view
    step = view.blueprint_scene.geometry.step(step_id)
    view.reveal(step.header)
    panes = view.pane_layout()
    x = panes.dx + (step.header.x + step.header.w / 3) * panes.scale
    y = panes.top + (panes.stage_height + panes.header_height) / 2
    return QPoint(round(x), round(y))


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def undo_text(window: MainWindow) -> str:
    return window.workspace.document.undo_stack.undoText()


def teal_pixels(window: MainWindow, card: str) -> int:
    """How many pixels of the comment mark's colour there are where a card's mark goes."""
    view = window.workspace.current.view
    rect = view.blueprint_scene.geometry.cards[card].rect
    view.reveal(Rect(rect.x - 20, rect.y - 20, rect.w + 40, rect.h + 40))
    centre = view.mapFromScene(QPointF(rect.x + rect.w - 1.0, rect.y))
    image = view.viewport().grab().toImage()
    found = 0
    for x in range(centre.x() - 8, centre.x() + 9):
        for y in range(centre.y() - 8, centre.y() + 9):
            if 0 <= x < image.width() and 0 <= y < image.height():
                colour = QColor(image.pixel(x, y))
                if all(
                    abs(a - b) < 30
                    for a, b in zip(colour.getRgb()[:3], COMMENT.getRgb()[:3], strict=True)
                ):
                    found += 1
    return found


def open_dock(window: MainWindow, press) -> CommentsPanel:
    press(window, Qt.Key.Key_M, CTRL_SHIFT)
    dock = window.findChild(QDockWidget, "commentsDock")
    assert dock.isVisible()
    return dock.widget()


def row_point(panel: CommentsPanel, number: int) -> QPoint:
    index = panel.proxy.index(number, 0)
    panel.list.scrollTo(index)
    return panel.list.visualRect(index).center()


def click_row(qtbot, panel: CommentsPanel, number: int, modifiers=NONE) -> None:
    QTest.mouseClick(panel.list.viewport(), LEFT, modifiers, row_point(panel, number))
    qtbot.waitUntil(lambda: panel.proxy.index(number, 0) in panel.list.selectedIndexes())


def double_click_row(panel: CommentsPanel, number: int) -> None:
    """A double-click as the window system delivers it: a click, then the second press."""
    at = row_point(panel, number)
    QTest.mouseClick(panel.list.viewport(), LEFT, NONE, at)
    QTest.mouseDClick(panel.list.viewport(), LEFT, NONE, at)


def number_of(panel: CommentsPanel, predicate: Callable) -> int:
    for number, row in enumerate(panel.rows_shown()):
        if predicate(row):
            return number
    raise AssertionError("no such comment in the list")


# -- the author --------------------------------------------------------------------------


def test_the_first_comment_asks_the_name_once_and_keeps_it(
    qtbot, window: MainWindow, settings: Settings, answers, press
) -> None:
    assert settings.value(COMMENT_AUTHOR) == ""
    letter = click_card(window, "Receives letter")
    give_name(answers, qtbot, "Ann Patel")
    write_comment(answers, qtbot, "Is this letter in plain English?")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    assert answers.kinds() == [AuthorDialog, CommentDialog]
    assert settings.value(COMMENT_AUTHOR) == "Ann Patel"
    [comment] = comments_on(window, letter)
    assert (comment.author, comment.text, comment.item_kind) == (
        "Ann Patel",
        "Is this letter in plain English?",
        "Card",
    )

    # The second comment does not ask again (a stray name dialog would fail the test).
    phones = click_card(window, "Phones surgery")
    seen: list = []
    write_comment(answers, qtbot, "How long on hold?", seen=seen)
    press(window, Qt.Key.Key_M, CTRL_ALT)
    assert answers.kinds() == [AuthorDialog, CommentDialog, CommentDialog]
    assert seen[0][2] == "Ann Patel"  # the name is filled in
    assert [c.author for c in comments_on(window, phones)] == ["Ann Patel"]


def test_cancelling_the_name_adds_nothing_and_asks_again_next_time(
    qtbot, window: MainWindow, settings: Settings, answers, press
) -> None:
    letter = click_card(window, "Receives letter")
    answers.click(AuthorDialog, "cancelButton")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    assert comments_on(window, letter) == [] and settings.value(COMMENT_AUTHOR) == ""
    give_name(answers, qtbot, "Ann")
    write_comment(answers, qtbot, "Plain English?")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    assert [c.author for c in comments_on(window, letter)] == ["Ann"]


def test_a_name_changed_in_the_comment_dialog_is_kept(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    letter = click_card(window, "Receives letter")
    write_comment(answers, qtbot, "Read it aloud to me", author="Sam (service user)")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    assert named.value(COMMENT_AUTHOR) == "Sam (service user)"
    assert [c.author for c in comments_on(window, letter)] == ["Sam (service user)"]


# -- adding comments ---------------------------------------------------------------------------


def test_ctrl_alt_m_comments_on_the_selected_card_and_undo_removes_it(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    add = action(window, "addCommentAction")
    assert add.shortcut().toString() == "Ctrl+Alt+M"
    assert add in window.findChild(QMenu, "methodMenu").actions()
    window.workspace.current.view.blueprint_scene.clearSelection()
    qtbot.waitUntil(lambda: not add.isEnabled())  # nothing selected to comment on
    letter = click_card(window, "Receives letter")
    assert add.isEnabled()
    item = window.workspace.current.view.blueprint_scene.cards[letter]
    assert item.comment_note is None
    assert teal_pixels(window, letter) == 0
    steps = window.workspace.document.undo_stack.index()
    seen: list = []
    write_comment(answers, qtbot, "Is this letter in plain English?", seen=seen)
    press(window, Qt.Key.Key_M, CTRL_ALT)

    assert seen[0][:2] == (
        "Add Comment",
        "On the card “Receives letter” in Physical health check (as-is).",
    )
    [comment] = comments_on(window, letter)
    assert (comment.author, comment.text, comment.item_id) == (
        "Ann Patel",
        "Is this letter in plain English?",
        letter,
    )
    assert window.workspace.document.undo_stack.index() == steps + 1
    assert undo_text(window) == "Add comment"
    # The card shows the mark now, and the canvas was repainted with it.
    assert item.comment_note.startswith("1 comment by Ann Patel")
    assert item.toolTip() == item.comment_note
    qtbot.waitUntil(lambda: teal_pixels(window, letter) > 20)

    press(window, Qt.Key.Key_Z)  # Undo
    assert comments_on(window, letter) == []
    assert item.comment_note is None
    qtbot.waitUntil(lambda: teal_pixels(window, letter) == 0)


def test_one_comment_on_several_selected_cards_is_one_undo_step(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    letter = click_card(window, "Receives letter")
    phones = click_card(window, "Phones surgery", CTRL)
    steps = window.workspace.document.undo_stack.index()
    seen: list = []
    write_comment(answers, qtbot, "Ask the reading group", seen=seen)
    press(window, Qt.Key.Key_M, CTRL_ALT)
    assert "each of the 2 selected cards" in seen[0][1]
    assert [c.text for c in comments_on(window, letter)] == ["Ask the reading group"]
    assert [c.text for c in comments_on(window, phones)] == ["Ask the reading group"]
    assert window.workspace.document.undo_stack.index() == steps + 1
    assert undo_text(window) == "Add comment to 2 cards"
    window.workspace.document.undo()
    assert comments_on(window, letter) == comments_on(window, phones) == []


def test_cancelling_the_comment_adds_nothing(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    letter = click_card(window, "Receives letter")
    steps = window.workspace.document.undo_stack.index()
    answers.click(CommentDialog, "cancelButton")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    assert comments_on(window, letter) == []
    assert window.workspace.document.undo_stack.index() == steps


def test_the_card_menu_comments_on_the_card(
    qtbot, window: MainWindow, named: Settings, answers
) -> None:
    view = window.workspace.current.view
    letter = card_id(window, "Receives letter")
    write_comment(answers, qtbot, "Two pages is too long")
    choose(right_click(window, aim_at_card(view, letter)), "Comment…\tCtrl+Alt+M")
    assert [c.text for c in comments_on(window, letter)] == ["Two pages is too long"]


def test_the_step_menu_comments_on_the_step_and_marks_its_header(
    qtbot, window: MainWindow, named: Settings, answers
) -> None:
    scene = window.workspace.current.view.blueprint_scene
    as_is = window.workspace.document.project.blueprints[0]
    step = next(step for step in as_is.steps if step.title == "Phones to book")
    assert step.id not in scene.commented_steps
    seen: list = []
    write_comment(answers, qtbot, "Lines open at 8am only", seen=seen, keys=True)
    choose(right_click(window, step_header_point(window, step.id)), "Comment on this step…")
    assert seen[0][1] == "On the step “Phones to book” in Physical health check (as-is)."
    [comment] = comments_on(window, step.id)
    assert (comment.item_kind, comment.text) == ("Step", "Lines open at 8am only")
    assert scene.commented_steps[step.id].startswith("1 comment by Ann Patel")
    marks = [i for i in scene.items() if isinstance(i, CommentMarkItem)]
    assert any(m.toolTip() == scene.commented_steps[step.id] for m in marks)
    window.workspace.document.undo()
    assert step.id not in scene.commented_steps


def test_a_read_only_project_refuses_before_asking(
    qtbot, make_window, tmp_path: Path, sample_file: ProjectFile, named: Settings, answers
) -> None:
    path = tmp_path / "shared.blueprint"
    sample_file.save_as(path)
    window = make_window(ProjectFile.open(path, read_only=True))
    card = window.workspace.document.project.blueprints[0].lanes[1].cards[0]
    answers.click(ErrorDialog, "okButton")
    assert not comment_on(window, Card, card.id)
    assert answers.kinds() == [ErrorDialog]


def test_comment_from_the_pain_points_dock(qtbot, window: MainWindow, named: Settings, answers):
    dock = window.findChild(QDockWidget, "painPointsDock")
    dock.show()
    as_is = window.workspace.document.project.blueprints[0]
    pain = next(
        p
        for p in session(window).scalars(select(PainPoint))
        if p.card is not None and p.card.lane.blueprint_id == as_is.id
    )
    dock.select_pain_points([pain.id])
    table = dock.table
    qtbot.waitUntil(lambda: dock.selected_pain_point_ids() == [pain.id])
    index = table.selectionModel().selectedRows()[0]
    at = table.viewport().mapTo(window, table.visualRect(index).center())
    QTest.mouseMove(window.windowHandle(), at)
    QTest.mouseClick(window.windowHandle(), RIGHT, NONE, at)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    seen: list = []
    write_comment(answers, qtbot, "Which interviews said so?", seen=seen)
    choose(menu, "Comment…")
    assert seen[0][1].startswith("On the pain point “")
    assert [(c.item_kind, c.text) for c in comments_on(window, pain.id)][-1] == (
        "PainPoint",
        "Which interviews said so?",
    )


def test_comment_on_an_opportunity(qtbot, window: MainWindow, named: Settings, answers) -> None:
    opportunity = window.workspace.document.project.opportunities[0]
    seen: list = []
    write_comment(answers, qtbot, "Who would own this?", seen=seen)
    assert comment_on(window, Opportunity, opportunity.id)
    assert seen[0][1] == f"On the opportunity “{opportunity.title}”."
    assert comments_on(window, opportunity.id)[-1].text == "Who would own this?"
    assert undo_text(window) == "Add comment"


def test_the_properties_link_opens_the_cards_comments(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    link = window.properties.findChild(QPushButton, "commentsLink")
    letter = click_card(window, "Receives letter")
    assert not link.isVisible()  # no comment on it yet
    write_comment(answers, qtbot, "Plain English?")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    qtbot.waitUntil(link.isVisible)
    assert link.text() == "1 comment"
    qtbot.mouseClick(link, LEFT)
    dock = window.findChild(QDockWidget, "commentsDock")
    qtbot.waitUntil(dock.isVisible)
    panel = dock.widget()
    assert [row.item_id for row in panel.rows_shown()] == [letter]
    assert panel.item_label.text() == "Comments on the card “Receives letter”"


# -- marks follow the model ----------------------------------------------------------------


def test_a_card_deleted_and_brought_back_keeps_its_mark(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    letter = click_card(window, "Receives letter")
    write_comment(answers, qtbot, "Plain English?")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    scene = window.workspace.current.view.blueprint_scene
    assert scene.cards[letter].comment_note is not None
    click_card(window, "Receives letter")
    QTest.keyClick(window.workspace.current.view.viewport(), Qt.Key.Key_Delete)
    assert letter not in scene.cards and comments_on(window, letter) == []
    window.workspace.document.undo()
    assert scene.cards[letter].comment_note.startswith("1 comment by Ann Patel")


def test_canvas_notes_count_unresolved_comments_in_one_query(window: MainWindow) -> None:
    document = window.workspace.document
    blueprint = document.project.blueprints[0]
    letter = card_id(window, "Receives letter")
    for author, text in (("Ann", "First"), ("Bo", "Second"), ("Cy", "Third")):
        document.push(AddCommentCommand(Card, letter, author, text))
    latest = comments_on(window, letter)[-1]
    document.push(EditCommentCommand(latest.id, resolved=True))
    statements: list[str] = []
    engine = document.session.get_bind()
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        cards, steps = canvas_notes(document.session, blueprint.id)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert len(statements) == 1
    assert cards[letter] == "2 comments, latest by Bo\n“Second”"
    appointment = next(s.id for s in blueprint.steps if s.title == "Health check appointment")
    assert steps[appointment].startswith("1 comment by Jo Whitfield")
    # Comments on pain points and opportunities put no mark on the map.
    assert set(cards) == {letter}


def test_times_are_shown_in_local_time_in_words() -> None:
    now = datetime(2025, 11, 10, 12, 0, tzinfo=UTC)
    today = datetime(2025, 11, 10, 9, 30)
    local = today.replace(tzinfo=UTC).astimezone()
    assert local_time(today, now).endswith(f"{local:%H:%M}")
    assert local_time(datetime(2025, 11, 3, 18, 10), now).startswith("3 Nov 2025")
    if local.date() == now.astimezone().date():
        assert local_time(today, now).startswith("Today, ")


# -- the Comments dock -------------------------------------------------------------------


def test_the_dock_lists_every_comment_of_the_project_newest_first(
    qtbot, window: MainWindow, press
) -> None:
    toggle = action(window, "showCommentsAction")
    assert toggle.shortcut().toString() == "Ctrl+Shift+M"
    assert toggle in window.findChild(QMenu, "methodMenu").actions()
    assert toggle in window.findChild(QMenu, "viewMenu").actions()
    panel = open_dock(window, press)
    rows = panel.rows_shown()
    every = list(session(window).scalars(select(Comment)))
    assert {row.id for row in rows} == {comment.id for comment in every}
    assert [row.created_at for row in rows] == sorted(
        (row.created_at for row in rows), reverse=True
    )
    by_kind = {row.kind: row for row in rows}
    assert by_kind["PainPoint"].on.startswith("pain point “")
    assert by_kind["Opportunity"].on == "opportunity “Shared record with the mental health trust”"
    assert by_kind["Opportunity"].blueprint == ""
    assert by_kind["Step"].blueprint.startswith("Physical health check")
    assert panel.count.text() == f"{len(every)} comments"
    press(window, Qt.Key.Key_M, CTRL_SHIFT)
    assert not window.findChild(QDockWidget, "commentsDock").isVisible()


def test_the_dock_follows_new_comments_and_searches(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    panel = open_dock(window, press)
    total = len(panel.rows_shown())
    letter = click_card(window, "Receives letter")
    write_comment(answers, qtbot, "Try a pictorial letter")
    press(window, Qt.Key.Key_M, CTRL_ALT)
    rows = panel.rows_shown()
    assert len(rows) == total + 1
    assert (rows[0].item_id, rows[0].text, rows[0].author) == (
        letter,
        "Try a pictorial letter",
        "Ann Patel",
    )
    qtbot.mouseClick(panel.search, LEFT)
    qtbot.keyClicks(panel.search, "pictorial")
    assert [row.text for row in panel.rows_shown()] == ["Try a pictorial letter"]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "amira")  # the author
    assert {row.author for row in panel.rows_shown()} == {"Amira Hassan (user researcher)"}
    panel.search.clear()
    qtbot.keyClicks(panel.search, "no such words")
    assert panel.rows_shown() == [] and panel.empty.isVisible()
    panel.search.clear()
    assert len(panel.rows_shown()) == total + 1


def test_resolve_hides_a_comment_and_reopen_brings_it_back_one_undo_step_each(
    qtbot, window: MainWindow, press
) -> None:
    panel = open_dock(window, press)
    total = len(panel.rows_shown())
    as_is = window.workspace.current.blueprint_id
    number = number_of(panel, lambda row: row.kind == "Step" and row.blueprint_id == as_is)
    row = panel.rows_shown()[number]
    scene = window.workspace.current.view.blueprint_scene
    assert row.item_id in scene.commented_steps
    stack = window.workspace.document.undo_stack
    steps = stack.index()
    click_row(qtbot, panel, number)
    resolve = panel.findChild(QPushButton, "resolveCommentButton")
    assert resolve.text() == "Resolve"
    qtbot.mouseClick(resolve, LEFT)
    assert session(window).get(Comment, row.id).resolved
    assert stack.index() == steps + 1 and undo_text(window) == "Resolve comment"
    assert row.id not in [r.id for r in panel.rows_shown()]  # resolved ones are hidden
    assert len(panel.rows_shown()) == total - 1
    assert "1 resolved hidden" in panel.count.text()
    assert row.item_id not in scene.commented_steps  # no unresolved comment: no mark

    show = panel.findChild(QCheckBox, "showResolvedBox")
    qtbot.mouseClick(show, LEFT, pos=QPoint(show.height() // 2, show.height() // 2))
    assert show.isChecked()
    number = number_of(panel, lambda r: r.id == row.id)
    assert panel.rows_shown()[number].resolved
    click_row(qtbot, panel, number)
    assert resolve.text() == "Reopen"
    qtbot.mouseClick(resolve, LEFT)
    assert not session(window).get(Comment, row.id).resolved
    assert stack.index() == steps + 2 and undo_text(window) == "Reopen comment"
    assert row.item_id in scene.commented_steps
    window.workspace.document.undo()
    window.workspace.document.undo()
    assert not session(window).get(Comment, row.id).resolved and stack.index() == steps


def test_delete_removes_the_selected_comments_as_one_undo_step(
    qtbot, window: MainWindow, press
) -> None:
    panel = open_dock(window, press)
    total = len(panel.rows_shown())
    first, second = panel.rows_shown()[:2]
    click_row(qtbot, panel, 0)
    click_row(qtbot, panel, 1, CTRL)
    cards = set(window.workspace.current.view.blueprint_scene.cards)
    steps = window.workspace.document.undo_stack.index()
    QTest.keyClick(panel.list, Qt.Key.Key_Delete)  # the comments, not the canvas's cards
    assert session(window).get(Comment, first.id) is None
    assert session(window).get(Comment, second.id) is None
    assert set(window.workspace.current.view.blueprint_scene.cards) == cards
    assert window.workspace.document.undo_stack.index() == steps + 1
    assert undo_text(window) == "Delete 2 comments"
    assert len(panel.rows_shown()) == total - 2
    window.workspace.document.undo()
    assert session(window).get(Comment, first.id) is not None
    assert len(panel.rows_shown()) == total

    click_row(qtbot, panel, 0)
    qtbot.mouseClick(panel.findChild(QPushButton, "deleteCommentButton"), LEFT)
    assert len(panel.rows_shown()) == total - 1 and undo_text(window) == "Delete comment"


def test_reply_adds_a_comment_on_the_same_item(
    qtbot, window: MainWindow, named: Settings, answers, press
) -> None:
    panel = open_dock(window, press)
    number = number_of(panel, lambda row: row.kind == "PainPoint")
    row = panel.rows_shown()[number]
    click_row(qtbot, panel, number)
    steps = window.workspace.document.undo_stack.index()
    seen: list = []
    write_comment(answers, qtbot, "We counted: 60 patients have no mobile", seen=seen)
    qtbot.mouseClick(panel.findChild(QPushButton, "replyCommentButton"), LEFT)
    assert seen[0][0] == "Reply to Comment"
    assert seen[0][1].startswith(f"Reply to {row.author} on the pain point “")
    replies = [c for c in comments_on(window, row.item_id) if c.id != row.id]
    assert [(c.author, c.text, c.item_kind) for c in replies] == [
        ("Ann Patel", "We counted: 60 patients have no mobile", "PainPoint")
    ]
    assert window.workspace.document.undo_stack.index() == steps + 1
    assert undo_text(window) == "Reply to comment"
    assert panel.selected_ids() == [replies[0].id]  # the reply is shown selected


def test_double_click_jumps_to_the_card_or_the_step(qtbot, window: MainWindow, press) -> None:
    panel = open_dock(window, press)
    # A comment on a pain point of a card: the card is selected, and the pain point is
    # selected in the pain points dock.
    number = number_of(panel, lambda row: row.kind == "PainPoint" and "Anxiety" in row.on)
    pain = session(window).get(PainPoint, panel.rows_shown()[number].item_id)
    double_click_row(panel, number)
    view = window.workspace.current.view
    qtbot.waitUntil(lambda: view.selected_card_ids() == [pain.card_id])
    pain_dock = window.findChild(QDockWidget, "painPointsDock")
    assert pain_dock.isVisible()
    assert pain_dock.selected_pain_point_ids() == [pain.id]
    # A comment on a step of the to-be: its blueprint is shown and the step revealed.
    to_be = session(window).scalars(select(Blueprint).where(Blueprint.kind == "to-be")).one()
    number = number_of(panel, lambda row: row.kind == "Step" and row.blueprint_id == to_be.id)
    step_id = panel.rows_shown()[number].item_id
    double_click_row(panel, number)
    qtbot.waitUntil(lambda: window.workspace.current.blueprint_id == to_be.id)
    view = window.workspace.current.view
    header = view.blueprint_scene.geometry.step(step_id).header
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(QPointF(header.x + header.w / 2, header.y + header.h / 2))
    # A comment on a card: Enter on the row selects the card.
    number = number_of(panel, lambda row: row.kind == "Card")
    card = panel.rows_shown()[number].item_id
    click_row(qtbot, panel, number)
    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace.current.view.selected_card_ids() == [card])


def test_an_opportunity_comment_selects_it_in_the_opportunities_dock(
    qtbot, window: MainWindow, press
) -> None:
    dock = window.findChild(QDockWidget, "opportunitiesDock")
    panel = open_dock(window, press)
    number = number_of(panel, lambda row: row.kind == "Opportunity")
    opportunity = panel.rows_shown()[number].item_id
    assert not dock.isVisible()
    double_click_row(panel, number)
    qtbot.waitUntil(dock.isVisible)
    assert dock.widget().selected_ids() == [opportunity]


def test_the_dock_can_show_one_items_comments(qtbot, window: MainWindow, press) -> None:
    panel = open_dock(window, press)
    total = len(panel.rows_shown())
    row = next(row for row in panel.rows_shown() if row.kind == "Step")
    comments_of(window).show_comments_on(Step, row.item_id)
    assert [r.id for r in panel.rows_shown()] == [row.id]
    assert panel.item_bar.isVisible()
    assert panel.item_label.text().startswith("Comments on the step “")
    qtbot.mouseClick(panel.findChild(QPushButton, "showAllCommentsButton"), LEFT)
    assert len(panel.rows_shown()) == total and not panel.item_bar.isVisible()


def test_the_buttons_follow_the_selection(qtbot, window: MainWindow, press) -> None:
    panel = open_dock(window, press)
    reply, resolve, delete = (
        panel.findChild(QPushButton, name)
        for name in ("replyCommentButton", "resolveCommentButton", "deleteCommentButton")
    )
    panel.list.clearSelection()
    assert not (reply.isEnabled() or resolve.isEnabled() or delete.isEnabled())
    click_row(qtbot, panel, 0)
    assert reply.isEnabled() and resolve.isEnabled() and delete.isEnabled()
    click_row(qtbot, panel, 1, CTRL)
    assert not reply.isEnabled() and resolve.isEnabled() and delete.isEnabled()
