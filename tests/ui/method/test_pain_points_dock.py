"""The Pain Points dock: Ctrl+Shift+P shows every pain point of the blueprint on the
canvas, numbered as the map numbers them; its filters and column headers change the rows
shown; Enter or a double-click shows the card or step on the map; F2 and the context
menu edit; Delete deletes the selected ones as one undo step; it follows every edit and
the blueprint shown, and other parts add to its context menu."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDockWidget, QMenu
from sqlalchemy import func, select

from app.editing.commands.cards import EditCardTextCommand
from app.editing.commands.method import AddPainPointCommand, EditPainPointCommand
from app.export.severity_colours import SEVERITY_NAMES
from app.layout.overlay import numbered_pain_points
from app.model.method import PainPoint
from app.model.project_file import ProjectFile
from app.model.structure import Card
from app.ui.main_window import MainWindow
from app.ui.method.pain_point_dialog import PainPointDialog
from app.ui.method.pain_points_dock import PainPointsDock, PainPointsPanel
from app.ui.method.pain_points_model import (
    CARD,
    COLUMNS,
    ID_ROLE,
    NUMBER,
    PEOPLE,
    RESOLVED,
    SEVERITY,
)

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NONE, CTRL = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    made = make_window(sample_file)
    made.resize(1400, 900)  # room for the canvas beside the docks
    return made


@pytest.fixture
def panel(qtbot, window: MainWindow) -> PainPointsPanel:
    """The dock, shown with Ctrl+Shift+P."""
    dock = window.findChild(PainPointsDock, "painPointsDock")
    assert not dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(dock.isVisible)
    return dock.panel


def entries(window: MainWindow, **options):
    blueprint = window.workspace.current.blueprint
    return numbered_pain_points(blueprint, **options)


def shown_ids(panel: PainPointsPanel) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, 0).data(ID_ROLE) for row in range(proxy.rowCount())]


def column(panel: PainPointsPanel, number: int) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, number).data() for row in range(proxy.rowCount())]


def row_point(panel: PainPointsPanel, pain_id: str) -> QPoint:
    row = shown_ids(panel).index(pain_id)
    index = panel.proxy.index(row, 1)
    panel.table.scrollTo(index)
    return panel.table.visualRect(index).center()


def click_row(qtbot, panel: PainPointsPanel, pain_id: str, modifier=NONE) -> None:
    qtbot.mouseClick(panel.table.viewport(), LEFT, modifier, row_point(panel, pain_id))


def choose(qtbot, box: QComboBox, text: str) -> None:
    """Pick an entry of a filter with the keyboard: focus it, arrow to the entry."""
    box.setFocus(Qt.FocusReason.TabFocusReason)
    target = box.findText(text)
    assert target >= 0, f"no {text!r} in {[box.itemText(i) for i in range(box.count())]}"
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(target):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == text


def open_dialog(qtbot, window: MainWindow) -> PainPointDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PainPointDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def card_count(window: MainWindow) -> int:
    return window.workspace.document.session.scalar(select(func.count()).select_from(Card))


def focus_table(qtbot, window: MainWindow, panel: PainPointsPanel) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(panel.table.hasFocus)


# -- what it lists -------------------------------------------------------------------------


def test_ctrl_shift_p_lists_every_pain_point_numbered_as_the_map(
    qtbot, window: MainWindow, panel: PainPointsPanel
) -> None:
    view_menu = window.menuBar().findChild(QMenu, "viewMenu")
    method_menu = window.menuBar().findChild(QMenu, "methodMenu")
    toggle = window.findChild(QAction, "showPainPointsAction")
    assert toggle in view_menu.actions() and toggle in method_menu.actions()
    assert window.findChild(QAction, "addPainPointAction") in method_menu.actions()
    assert toggle.isChecked() and panel.table.hasFocus()
    header = panel.table.model()
    assert [header.headerData(i, Qt.Orientation.Horizontal) for i in range(11)] == list(COLUMNS)

    every = entries(window, include_resolved=True)
    assert shown_ids(panel) == [entry.id for entry in every]  # reading order
    assert column(panel, NUMBER) == [str(n) for n in range(1, len(every) + 1)]
    assert column(panel, SEVERITY)[0] == f"{every[0].severity} {SEVERITY_NAMES[every[0].severity]}"
    assert panel.count.text() == f"{len(every)} pain points"
    # A resolved pain point has no badge on the map, so no number; those after move up.
    window.workspace.document.push(EditPainPointCommand(every[3].id, resolved=True))
    badges = {entry.id: entry.number for entry in entries(window)}
    assert column(panel, NUMBER) == [str(badges[e.id]) if e.id in badges else "" for e in every]
    assert column(panel, NUMBER)[3:5] == ["", "4"]
    assert column(panel, RESOLVED)[3] == "Yes"

    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    assert not panel.isVisible()


def test_filters_change_the_rows_and_the_count(qtbot, window, panel: PainPointsPanel) -> None:
    every = entries(window, include_resolved=True)
    total = len(every)

    def expect(keep) -> None:
        wanted = [entry.id for entry in every if keep(entry)]
        assert shown_ids(panel) == wanted
        assert panel.count.text() == (
            f"{total} pain points"
            if len(wanted) == total
            else f"{len(wanted)} of {total} pain points"
        )

    choose(qtbot, panel.perspective, "Staff")
    expect(lambda e: e.perspective == "staff")
    choose(qtbot, panel.severity, "4 severe or worse")
    expect(lambda e: e.perspective == "staff" and e.severity >= 4)
    choose(qtbot, panel.perspective, "All")
    expect(lambda e: e.severity >= 4)
    choose(qtbot, panel.severity, "Any")
    choose(qtbot, panel.stage, "Booking")
    expect(lambda e: e.stage_title == "Booking")
    choose(qtbot, panel.stage, "All")
    choose(qtbot, panel.evidence, "Assumption")
    expect(lambda e: e.evidence == "assumption")
    choose(qtbot, panel.evidence, "All")
    choose(qtbot, panel.resolved, "Only")
    expect(lambda e: e.resolved)
    choose(qtbot, panel.resolved, "Hidden")
    expect(lambda e: not e.resolved)
    choose(qtbot, panel.resolved, "Shown")
    expect(lambda e: True)
    stages = [panel.stage.itemText(i) for i in range(panel.stage.count())]
    assert stages == ["All"] + [s.title for s in window.workspace.current.blueprint.stages]


def test_clicking_a_column_header_sorts_by_it(qtbot, window, panel: PainPointsPanel) -> None:
    header = panel.table.horizontalHeader()

    def click_header(number: int) -> None:
        x = header.sectionViewportPosition(number) + header.sectionSize(number) // 2
        qtbot.mouseClick(header.viewport(), LEFT, NONE, QPoint(x, header.height() // 2))

    every = entries(window, include_resolved=True)
    click_header(SEVERITY)
    severities = [int(text.split()[0]) for text in column(panel, SEVERITY)]
    assert severities == sorted(severities) and severities != [e.severity for e in every]
    click_header(SEVERITY)
    severities = [int(text.split()[0]) for text in column(panel, SEVERITY)]
    assert severities == sorted(severities, reverse=True)
    # Equal severities keep the journey's order.
    order = [e.id for e in every]
    severity = {e.id: e.severity for e in every}
    for a, b in pairwise(shown_ids(panel)):
        if severity[a] == severity[b]:
            assert order.index(a) < order.index(b)
    click_header(PEOPLE)
    people = [e.people_affected for e in every]
    known = sorted(p for p in people if p is not None)
    assert column(panel, PEOPLE) == [""] * people.count(None) + [f"{p:,}" for p in known]
    click_header(CARD)
    cards = column(panel, CARD)
    assert cards == sorted(cards, key=str.casefold)
    click_header(NUMBER)
    assert shown_ids(panel) == [e.id for e in every]


# -- jumping, editing, deleting -------------------------------------------------------------


def test_double_click_jumps_to_the_card_and_centres_it(qtbot, window, panel) -> None:
    view = window.workspace.current.view
    view.horizontalScrollBar().setValue(0)
    entry = next(e for e in entries(window) if e.stage_title == "Check")  # mid-journey
    rect = view.blueprint_scene.geometry.cards[entry.card_id].rect
    centre = view.mapFromScene(rect.x + rect.w / 2, rect.y + rect.h / 2)
    assert not view.viewport().rect().contains(centre)  # out of sight
    click_row(qtbot, panel, entry.id)
    qtbot.mouseDClick(panel.table.viewport(), LEFT, NONE, row_point(panel, entry.id))
    assert view.selected_card_ids() == [entry.card_id]
    centre = view.mapFromScene(rect.x + rect.w / 2, rect.y + rect.h / 2)
    clear = view.pane_layout().title_width  # what the lane titles leave of the viewport
    assert abs(centre.x() - (clear + view.viewport().width()) / 2) <= 2
    assert view.hasFocus()


def test_enter_jumps_to_a_step(qtbot, window, panel: PainPointsPanel) -> None:
    document = window.workspace.document
    blueprint = window.workspace.current.blueprint
    step = blueprint.steps[-1]
    command = AddPainPointCommand("step", step.id, description="Nobody follows up")
    document.push(command)
    view = window.workspace.current.view
    view.horizontalScrollBar().setValue(0)
    header = view.blueprint_scene.geometry.step(step.id).header
    assert view.mapFromScene(header.x + header.w / 2, header.y).x() > view.viewport().width()
    click_row(qtbot, panel, command.pain_point_id)
    assert column(panel, CARD)[shown_ids(panel).index(command.pain_point_id)] == "(the step)"
    focus_table(qtbot, window, panel)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    x = view.mapFromScene(header.x + header.w / 2, header.y).x()
    assert 0 < x < view.viewport().width()


def test_f2_edits_in_the_dialog(qtbot, window, panel: PainPointsPanel) -> None:
    document = window.workspace.document
    entry = entries(window)[1]
    pain = document.session.get(PainPoint, entry.id)
    click_row(qtbot, panel, entry.id)
    focus_table(qtbot, window, panel)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    dialog = open_dialog(qtbot, window)
    assert dialog.description.toPlainText() == pain.description
    dialog.description.selectAll()
    qtbot.keyClicks(dialog.description, "The letter uses clinical words")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert pain.description == "The letter uses clinical words"
    row = shown_ids(panel).index(entry.id)
    assert panel.proxy.index(row, 1).data() == "The letter uses clinical words"
    assert panel.selected_pain_point_ids() == [entry.id]  # the selection survives the refresh
    document.undo()
    assert pain.description == entry.text
    assert panel.proxy.index(shown_ids(panel).index(entry.id), 1).data() == entry.text


def test_delete_several_is_one_undo_step(qtbot, window, panel: PainPointsPanel) -> None:
    document = window.workspace.document
    every = entries(window, include_resolved=True)
    cards, steps = card_count(window), document.undo_stack.index()
    chosen = [every[0].id, every[2].id, every[5].id]
    click_row(qtbot, panel, chosen[0])
    click_row(qtbot, panel, chosen[1], CTRL)
    click_row(qtbot, panel, chosen[2], CTRL)
    assert panel.selected_pain_point_ids() == chosen
    focus_table(qtbot, window, panel)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert all(document.session.get(PainPoint, i) is None for i in chosen)
    assert card_count(window) == cards  # the window's Delete did not take the cards
    assert document.undo_stack.index() == steps + 1
    assert document.undo_stack.undoText() == "Delete 3 pain points"
    assert len(shown_ids(panel)) == len(every) - 3
    assert panel.count.text() == f"{len(every) - 3} pain points"
    document.undo()
    assert shown_ids(panel) == [e.id for e in every]


def test_context_menu_entries_and_providers(qtbot, window, panel: PainPointsPanel) -> None:
    document = window.workspace.document
    every = entries(window)
    seen: list[list[str]] = []

    def provide(menu: QMenu, ids: list[str]) -> None:
        action = menu.addAction("Spy entry")
        action.triggered.connect(lambda: seen.append(ids))

    dock = window.findChild(QDockWidget, "painPointsDock")
    dock.menu_providers.append(provide)
    assert dock.widget().menu_providers is dock.menu_providers
    click_row(qtbot, panel, every[0].id)
    click_row(qtbot, panel, every[1].id, CTRL)

    def right_click(pain_id: str) -> QMenu:
        # The menu before has closed, and the window has the input again.
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        at = panel.table.viewport().mapTo(window, row_point(panel, pain_id))
        QTest.mouseMove(window.windowHandle(), at)
        QTest.mouseClick(window.windowHandle(), RIGHT, NONE, at)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        return QApplication.activePopupWidget()

    def click(menu: QMenu, text: str) -> None:
        action = next(a for a in menu.actions() if a.text() == text)
        at = menu.actionGeometry(action).center()
        QTest.mouseMove(menu.windowHandle(), at)
        QTest.mouseClick(menu.windowHandle(), LEFT, NONE, at)

    menu = right_click(every[1].id)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == [
        "Show Card on the Map\tEnter",
        "Edit…\tF2",
        "Delete 2 Pain Points\tDel",
    ]
    assert "Spy entry" in texts
    assert not menu.findChild(QAction, "painPointEditAction").isEnabled()  # two selected
    click(menu, "Spy entry")
    assert seen == [[every[0].id, every[1].id]]

    click_row(qtbot, panel, every[3].id)
    menu = right_click(every[3].id)
    click(menu, "Edit…\tF2")
    dialog = open_dialog(qtbot, window)
    assert dialog.description.toPlainText() == every[3].text
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    menu = right_click(every[3].id)
    click(menu, "Delete\tDel")
    assert document.session.get(PainPoint, every[3].id) is None
    assert document.undo_stack.undoText() == "Delete pain point"
    menu = right_click(every[4].id)
    click(menu, "Show Card on the Map\tEnter")
    assert window.workspace.current.view.selected_card_ids() == [every[4].card_id]


# -- following the document ----------------------------------------------------------------


def test_follows_edits_selection_and_the_blueprint_shown(
    qtbot, window: MainWindow, panel: PainPointsPanel
) -> None:
    document = window.workspace.document
    every = entries(window, include_resolved=True)
    card_id = every[2].card_id
    dock = window.findChild(PainPointsDock)
    with qtbot.waitSignal(dock.selection_changed) as signal:
        click_row(qtbot, panel, every[2].id)
    assert signal.args == [[every[2].id]] and dock.selected_pain_point_ids() == [every[2].id]

    document.push(EditCardTextCommand(card_id, "Waits on hold for 40 minutes"))
    row = shown_ids(panel).index(every[2].id)
    assert panel.proxy.index(row, CARD).data() == "Waits on hold for 40 minutes"
    added = AddPainPointCommand("card", card_id, description="Hold music", severity=1)
    document.push(added)
    assert added.pain_point_id in shown_ids(panel)
    assert panel.count.text() == f"{len(every) + 1} pain points"

    to_be = document.project.blueprints[1]
    window.blueprint_list.select(to_be.id)
    assert window.workspace.current.blueprint_id == to_be.id
    assert shown_ids(panel) == [e.id for e in entries(window, include_resolved=True)]
    assert set(shown_ids(panel)).isdisjoint(e.id for e in every)

    # A hidden dock catches up when it is shown again.
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    assert not panel.isVisible()
    window.blueprint_list.select(document.project.blueprints[0].id)
    document.undo()
    document.undo()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(panel.isVisible)
    assert shown_ids(panel) == [e.id for e in every]
    assert panel.proxy.index(2, CARD).data() == every[2].card_text


def test_a_closed_project_empties_it(qtbot, window: MainWindow, panel: PainPointsPanel) -> None:
    assert panel.proxy.rowCount() > 0
    window.files.release()
    window.show_project()
    assert panel.proxy.rowCount() == 0
    assert panel.count.text().startswith("Select a blueprint")


def test_a_new_pain_point_is_selected_in_the_list(qtbot, window, panel) -> None:
    document = window.workspace.document
    card = document.session.get(Card, entries(window)[2].card_id)
    view = window.workspace.current.view
    view.blueprint_scene.select_cards([card.id])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_P)
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.description, "Callers are cut off after 20 minutes")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    [new] = [p.id for p in card.pain_points if p.description.startswith("Callers")]
    assert panel.selected_pain_point_ids() == [new]
    # Added from the properties dock's section, too.
    section = window.properties.pain_points
    qtbot.mouseClick(section.add_button, LEFT)
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.description, "The queue position is not said")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    [newer] = [p.id for p in card.pain_points if p.description.startswith("The queue")]
    assert panel.selected_pain_point_ids() == [newer]
