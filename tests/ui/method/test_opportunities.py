"""The Opportunities dock: the sample's candidates in the order of the priority rule, kept
in that order after every edit, undo and redo; sorting and the status filter; new
opportunities from selected pain points (on the map or in the Pain points list); delete;
Help → How Opportunities Are Ranked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget, QMenu, QTextBrowser, QWidget

from app.analysis.priority import PREPARE, RULE_TEXT, prioritise
from app.editing.commands.method import EditOpportunityCommand, EditPainPointCommand
from app.model.method import Opportunity, PainPoint
from app.model.project_file import ProjectFile
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.priority_help import PriorityHelpDialog
from app.ui.main_window import MainWindow
from app.ui.method.opportunities import NOTHING_SELECTED, OpportunityActions
from app.ui.method.opportunities_model import COLUMN
from app.ui.method.opportunity_dialog import OpportunityDialog

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
SAMPLE_ORDER = [
    "Quieter appointment times",
    "Follow-up call after the check",
    "Reminder by a trusted contact",
    "Plain-English invitation letter",
    "Shared record with the mental health trust",
]


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    return make_window(sample_file)


def part(window: MainWindow) -> OpportunityActions:
    return window.findChild(OpportunityActions)


def shown_rows(window: MainWindow, column: str = "title") -> list[str]:
    proxy = part(window).panel.proxy
    return [proxy.index(row, COLUMN[column]).data() for row in range(proxy.rowCount())]


def opportunity(window: MainWindow, title: str) -> Opportunity:
    return next(o for o in window.workspace.document.project.opportunities if o.title == title)


def row_centre(window: MainWindow, title: str) -> QPoint:
    table = part(window).panel.table
    row = shown_rows(window).index(title)
    return table.visualRect(table.model().index(row, COLUMN["title"])).center()


def test_method_opportunities_shows_the_dock_in_the_rule_s_order(window, press) -> None:
    dock = window.findChild(QDockWidget, "opportunitiesDock")
    matrix_dock = window.findChild(QDockWidget, "priorityMatrixDock")
    assert not dock.isVisible() and not matrix_dock.isVisible()
    press(window, Qt.Key.Key_O, CTRL | SHIFT)
    assert dock.isVisible() and matrix_dock.isVisible()
    assert shown_rows(window) == SAMPLE_ORDER
    ranks = shown_rows(window, "rank")
    assert ranks[:3] == ["1", "2", "3"]
    assert ranks[3] == f"{PREPARE}: needs senior management interest"
    assert ranks[4] == (
        f"{PREPARE}: needs operational willingness and capacity, and team capability"
    )
    assert shown_rows(window, "quick_win") == ["✓", "", "✓", "✓", ""]
    assert shown_rows(window, "exemplar") == ["✓", "", "", "", "✓"]
    assert shown_rows(window, "pain_points") == ["2", "3", "2", "1", "3"]
    assert shown_rows(window, "need")[0] == "24.4"
    assert shown_rows(window, "target_date")[0] == "2026-03-31"
    panel = part(window).panel
    assert panel.summary.text() == "3 ranked · 2 to prepare the ground first · 3 quick wins"
    view = window.menuBar().findChild(QMenu, "viewMenu")
    assert dock.toggleViewAction() in view.actions()
    assert matrix_dock.toggleViewAction() in view.actions()


def test_the_order_follows_each_edit_undo_and_redo(window) -> None:
    part(window).show_docks()
    letter = opportunity(window, "Plain-English invitation letter")
    document = window.workspace.document
    document.push(EditOpportunityCommand(letter.id, management_interest=5, impact=5))
    # Need 13.9 × 6/6 × 0.9 = 12.5: between the follow-up call (13.6) and the reminder (11.1).
    assert shown_rows(window) == [
        "Quieter appointment times",
        "Follow-up call after the check",
        "Plain-English invitation letter",
        "Reminder by a trusted contact",
        "Shared record with the mental health trust",
    ]
    assert shown_rows(window, "rank")[2] == "3"
    document.undo()
    assert shown_rows(window) == SAMPLE_ORDER
    document.redo()
    assert shown_rows(window)[2] == "Plain-English invitation letter"


def test_resolving_a_pain_point_lowers_what_answers_it(window) -> None:
    """A pain point's edit changes the need of the opportunities that answer it."""
    part(window).show_docks()
    quiet = opportunity(window, "Quieter appointment times")
    document = window.workspace.document
    for pain in list(quiet.pain_points):
        document.push(EditPainPointCommand(pain.id, resolved=True))
    # Severity now counts as 1: need 1 × 1.5 × (1 + log10 181), score 3.7, the last ranked.
    assert shown_rows(window).index("Quieter appointment times") == 2
    document.undo()
    document.undo()
    assert shown_rows(window)[0] == "Quieter appointment times"


def test_sorting_by_a_column_and_back_to_the_rule(window, qtbot) -> None:
    part(window).show_docks()
    table = part(window).panel.table
    header = table.horizontalHeader()
    effort = header.sectionViewportPosition(COLUMN["effort"]) + 5
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(effort, header.height() // 2))
    efforts = shown_rows(window, "effort")
    assert efforts == sorted(efforts)
    rank = header.sectionViewportPosition(COLUMN["rank"]) + 5
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(rank, header.height() // 2))
    assert shown_rows(window) == SAMPLE_ORDER


def test_the_status_filter(window, qtbot) -> None:
    part(window).show_docks()
    panel = part(window).panel
    box = panel.status_filter
    box.setFocus()
    box.setCurrentIndex(box.findData("planned"))
    assert shown_rows(window) == ["Follow-up call after the check", "Reminder by a trusted contact"]
    assert panel.summary.text().endswith("· 2 shown")
    box.setCurrentIndex(box.findData("open"))
    assert len(shown_rows(window)) == 5  # nothing in the sample is done or parked
    box.setCurrentIndex(box.findData(""))
    assert shown_rows(window) == SAMPLE_ORDER


def _fill_new(answers, qtbot, title: str, seen: list) -> None:
    def respond(dialog: OpportunityDialog) -> None:
        seen.append(dialog.linked_ids())
        qtbot.keyClicks(dialog.title, title)
        qtbot.keyClick(dialog.scores["management_interest"], Qt.Key.Key_4)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    answers.expect(OpportunityDialog, respond)


def test_new_opportunity_from_the_pain_points_of_selected_cards(window, answers, qtbot) -> None:
    document = window.workspace.document
    editor = window.workspace.current
    cards_with_pains = [
        card
        for lane in document.project.blueprints[0].lanes
        for card in lane.cards
        if card.pain_points
    ][:2]
    expected = [p.id for card in cards_with_pains for p in card.pain_points]
    editor.view.setFocus()
    editor.view.blueprint_scene.select_cards([card.id for card in cards_with_pains])
    seen: list = []
    _fill_new(answers, qtbot, "Call people who miss the check", seen)
    before = len(document.project.opportunities)
    window.findChild(type(part(window).new), "newOpportunityFromPainPointsAction").trigger()
    assert seen == [expected]
    made = opportunity(window, "Call people who miss the check")
    assert sorted(p.id for p in made.pain_points) == sorted(expected)
    assert made.management_interest == 4
    assert part(window).panel.selected_ids() == [made.id]  # shown and selected
    assert window.findChild(QDockWidget, "opportunitiesDock").isVisible()
    assert document.undo_stack.undoText() == "Add opportunity"
    document.undo()
    assert len(document.project.opportunities) == before
    assert "Call people who miss the check" not in shown_rows(window)


def test_new_opportunity_from_pain_points_says_when_none_are_selected(window, answers) -> None:
    answers.click(ErrorDialog, "okButton")
    part(window).new_from_pain_points.trigger()
    assert answers.seen[0].text() == NOTHING_SELECTED


class FakePainPointsList(QWidget):
    """What the Pain points dock's widget offers: its selection and menu providers."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__()
        self.ids = ids
        self.menu_providers: list = []

    def selected_pain_point_ids(self) -> list[str]:
        return list(self.ids)


def _pain_points_dock(window: MainWindow, ids: list[str]) -> FakePainPointsList:
    existing = window.findChild(QDockWidget, "painPointsDock")
    if existing is not None:  # the real list is installed: stand in for it
        existing.setObjectName("realPainPointsDock")
    widget = FakePainPointsList(ids)
    dock = QDockWidget("Pain points", window)
    dock.setObjectName("painPointsDock")
    dock.setWidget(widget)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    dock.show()
    assert part(window).attach_pain_points_dock()
    return widget


def test_new_opportunity_from_the_pain_points_list(window, answers, qtbot) -> None:
    document = window.workspace.document
    pains = [
        p.id
        for p in document.session.query(PainPoint).all()
        if p.severity == 4 and p.derived_from is None
    ][:2]
    widget = _pain_points_dock(window, pains)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    seen: list = []
    _fill_new(answers, qtbot, "Shared call list", seen)
    part(window).new_from_pain_points.trigger()
    made = opportunity(window, "Shared call list")
    assert sorted(p.id for p in made.pain_points) == sorted(pains)
    # The list's context menu offers the same, and linking to an existing opportunity.
    assert len(widget.menu_providers) == 1
    menu = QMenu()
    widget.menu_providers[0](menu, pains[:1])
    link_menu = menu.findChild(QMenu, "linkToOpportunityMenu")
    quiet = opportunity(window, "Quieter appointment times")
    entry = next(a for a in link_menu.actions() if a.text() == quiet.title)
    entry.trigger()
    assert pains[0] in [p.id for p in quiet.pain_points]
    assert document.undo_stack.undoText() == "Link pain point"
    document.undo()
    assert pains[0] not in [p.id for p in quiet.pain_points]
    _fill_new(answers, qtbot, "From the menu", seen)
    next(a for a in menu.actions() if a.objectName() == "newOpportunityFromTheseAction").trigger()
    assert [p.id for p in opportunity(window, "From the menu").pain_points] == pains[:1]


def test_new_opportunity_with_the_shortcut(window, answers, qtbot, press) -> None:
    seen: list = []
    _fill_new(answers, qtbot, "Easy-read results letter", seen)
    press(window, Qt.Key.Key_O, CTRL | ALT)
    assert seen == [[]]
    made = opportunity(window, "Easy-read results letter")
    assert made.pain_points == [] and made.status.value == "idea"
    # Not yet ranked: capacity and capability are not scored.
    standing = shown_rows(window, "rank")[shown_rows(window).index(made.title)]
    assert standing == (
        f"{PREPARE}: needs operational willingness and capacity, and team capability"
    )


def test_delete_with_the_key_is_undoable(window, qtbot) -> None:
    part(window).show_docks()
    table = part(window).panel.table
    document = window.workspace.document
    qtbot.mouseClick(table.viewport(), LEFT, pos=row_centre(window, "Quieter appointment times"))
    qtbot.mouseClick(
        table.viewport(),
        LEFT,
        Qt.KeyboardModifier.ControlModifier,
        row_centre(window, "Reminder by a trusted contact"),
    )
    assert len(part(window).panel.selected_ids()) == 2
    assert part(window).delete.text() == "&Delete Opportunities"
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert shown_rows(window) == [
        "Follow-up call after the check",
        "Plain-English invitation letter",
        "Shared record with the mental health trust",
    ]
    assert shown_rows(window, "rank")[0] == "1"
    assert document.undo_stack.undoText() == "Delete 2 opportunities"
    document.undo()
    assert shown_rows(window) == SAMPLE_ORDER


def test_help_shows_the_rule(window, answers, qtbot) -> None:
    def respond(dialog: PriorityHelpDialog) -> None:
        text = dialog.findChild(QTextBrowser, "priorityHelpText").toPlainText()
        assert "Prepare the ground first" in text and "log10(1 + people affected)" in text
        assert dialog.windowTitle() == "How Opportunities Are Ranked"
        dialog.reject()

    answers.expect(PriorityHelpDialog, respond)
    help_menu = window.menuBar().findChild(QMenu, "helpMenu")
    action = next(a for a in help_menu.actions() if a.objectName() == "priorityHelpAction")
    assert action.text() == "How Opportunities Are &Ranked"
    action.trigger()
    assert answers.kinds() == [PriorityHelpDialog]
    assert "Prepare the ground first" in RULE_TEXT


def test_the_dock_follows_another_project(window, make_window, qtbot) -> None:
    part(window).show_docks()
    window.files.release()
    window.files.set_project_file(ProjectFile.new("Empty"))
    window.show_project()
    assert shown_rows(window) == []
    assert part(window).panel.summary.text().startswith("No opportunities yet")
    assert prioritise([]) == []


def test_the_pain_points_list_offers_its_selection(window, answers, qtbot) -> None:
    """With the Pain points dock of the window: its context menu has the entries, and the
    Method menu's action takes its selection when it had the focus last."""
    dock = window.findChild(QDockWidget, "painPointsDock")
    if dock is None or not hasattr(dock, "select_pain_points"):
        pytest.skip("the window has no Pain points list")
    widget = dock.widget()
    assert part(window)._pain_points_menu in widget.menu_providers
    document = window.workspace.document
    pains = [p.id for p in document.session.query(PainPoint).all() if p.severity == 5][:1]
    dock.show()
    dock.select_pain_points(pains)
    assert widget.selected_pain_point_ids() == pains
    dock.table.setFocus()
    qtbot.waitUntil(dock.table.hasFocus)
    seen: list = []
    _fill_new(answers, qtbot, "Quiet room", seen)
    part(window).new_from_pain_points.trigger()
    assert seen == [pains]
    assert [p.id for p in opportunity(window, "Quiet room").pain_points] == pains
