"""The Opportunities dock's context menu: its own actions, then what other parts provide
(``menu_providers``), such as Comments' "Comment…"; and a comment's jump shows its
opportunity in the dock even when the status filter hid it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QPushButton, QTabBar
from sqlalchemy import select

from app.model.catalogue import Comment
from app.model.project_file import ProjectFile
from app.ui.main_window import MainWindow
from app.ui.method.comment_dialog import CommentDialog
from app.ui.method.comments_dock import CommentsPanel
from app.ui.method.opportunities import OpportunityActions
from app.ui.method.opportunities_model import COLUMN
from app.ui.settings import COMMENT_AUTHOR, Settings

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile, settings: Settings) -> MainWindow:
    settings.set_value(COMMENT_AUTHOR, "Ann Patel")
    made = make_window(sample_file)
    made.resize(1400, 900)
    return made


def part(window: MainWindow) -> OpportunityActions:
    return window.findChild(OpportunityActions)


def show_list(qtbot, window: MainWindow, press) -> None:
    """Method → Opportunities, then a click on the list's tab where the docks are tabs."""
    press(window, Qt.Key.Key_O, CTRL_SHIFT)
    dock = window.findChild(QDockWidget, "opportunitiesDock")
    qtbot.waitUntil(dock.isVisible)
    for bar in window.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.isVisible() and bar.tabText(index) == "Opportunities":
                QTest.mouseClick(bar, LEFT, NONE, bar.tabRect(index).center())
    qtbot.waitUntil(lambda: window.rect().contains(dock.geometry()))


def row_point(window: MainWindow, title: str) -> QPoint:
    """Where the opportunity ``title``'s row is, in the window."""
    table = part(window).panel.table
    proxy = table.model()
    row = next(
        n for n in range(proxy.rowCount()) if proxy.index(n, COLUMN["title"]).data() == title
    )
    index = proxy.index(row, COLUMN["title"])
    table.scrollTo(index)
    return table.viewport().mapTo(window, table.visualRect(index).center())


def right_click_row(window: MainWindow, title: str) -> QMenu:
    at = row_point(window, title)
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


def comments_on(window: MainWindow, item_id: str) -> list[Comment]:
    query = select(Comment).where(Comment.item_id == item_id).order_by(Comment.created_at)
    return list(window.workspace.document.session.scalars(query))


def test_the_dock_offers_a_hook_for_its_context_menu(qtbot, window: MainWindow, press) -> None:
    show_list(qtbot, window, press)
    panel = part(window).panel
    seen: list[list[str]] = []

    def provide(menu: QMenu, ids: list[str]) -> None:
        seen.append(ids)
        menu.addAction("Provided").setObjectName("providedAction")

    panel.menu_providers.append(provide)
    title = "Plain-English invitation letter"
    target = next(o for o in window.workspace.document.project.opportunities if o.title == title)
    menu = right_click_row(window, title)
    assert panel.selected_ids() == [target.id]  # the right-click selected the row
    assert seen == [[target.id]]
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts[:2] == ["&New Opportunity…", "New Opportunity from &Pain Points…"]
    assert texts[-1] == "Provided"
    menu.close()


def test_comment_from_the_opportunities_dock(qtbot, window: MainWindow, press, answers) -> None:
    show_list(qtbot, window, press)
    title = "Shared record with the mental health trust"
    target = next(o for o in window.workspace.document.project.opportunities if o.title == title)
    before = len(comments_on(window, target.id))
    menu = right_click_row(window, title)
    seen: list[str] = []

    def respond(dialog: CommentDialog) -> None:
        seen.append(dialog.target.text())
        qtbot.keyClicks(dialog.text_edit, "Who at the trust would agree to this?")
        qtbot.mouseClick(dialog.findChild(QPushButton, "addCommentButton"), LEFT)

    answers.expect(CommentDialog, respond)
    choose(menu, "Comment…")
    qtbot.waitUntil(lambda: len(comments_on(window, target.id)) == before + 1)
    assert seen == [f"On the opportunity “{title}”."]
    comment = comments_on(window, target.id)[-1]
    assert (comment.item_kind, comment.author, comment.text) == (
        "Opportunity",
        "Ann Patel",
        "Who at the trust would agree to this?",
    )
    assert window.workspace.document.undo_stack.undoText() == "Add comment"
    window.workspace.document.undo()
    assert len(comments_on(window, target.id)) == before


def test_a_comment_jump_shows_its_opportunity_even_when_filtered_out(
    qtbot, window: MainWindow, press
) -> None:
    press(window, Qt.Key.Key_O, CTRL_SHIFT)
    panel = part(window).panel
    # Show only the opportunities that are done: none of the sample's.
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("done"))
    assert panel.proxy.rowCount() == 0
    press(window, Qt.Key.Key_M, CTRL_SHIFT)
    comments: CommentsPanel = window.findChild(QDockWidget, "commentsDock").widget()
    number = next(n for n, row in enumerate(comments.rows_shown()) if row.kind == "Opportunity")
    opportunity_id = comments.rows_shown()[number].item_id
    index = comments.proxy.index(number, 0)
    comments.list.scrollTo(index)
    at = comments.list.visualRect(index).center()
    QTest.mouseClick(comments.list.viewport(), LEFT, NONE, at)
    QTest.mouseDClick(comments.list.viewport(), LEFT, NONE, at)
    qtbot.waitUntil(lambda: panel.selected_ids() == [opportunity_id])
    assert window.findChild(QDockWidget, "opportunitiesDock").isVisible()
    assert panel.status_filter.currentIndex() == 0  # every status shown again
