"""The prioritisation matrix: ranked candidates where the rule puts them (benefit up,
feasibility across), the others listed beside it; clicking a point selects the
opportunity in the dock and selecting in the dock highlights the point; double-click
edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from app.analysis.priority import (
    FEASIBILITY_LINE,
    benefit_axis,
    benefit_line,
    prioritise,
    quadrant,
)
from app.editing.commands.method import EditOpportunityCommand
from app.model.project_file import ProjectFile
from app.ui.main_window import MainWindow
from app.ui.method.opportunities import OpportunityActions
from app.ui.method.opportunities_model import COLUMN
from app.ui.method.opportunity_dialog import OpportunityDialog
from app.ui.method.priority_matrix import MARGINS, PriorityMatrix

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(make_window, sample_file: ProjectFile) -> MainWindow:
    window = make_window(sample_file)
    window.findChild(OpportunityActions).show_docks()
    return window


def part(window: MainWindow) -> OpportunityActions:
    return window.findChild(OpportunityActions)


def matrix(window: MainWindow) -> PriorityMatrix:
    return window.findChild(PriorityMatrix, "priorityMatrix")


def expected_centre(widget: PriorityMatrix, feasibility: float, benefit: float) -> QPointF:
    """Where the rule's numbers put a point, worked out here from the widget's size."""
    left, top, right, bottom = MARGINS
    width = widget.width() - left - right
    height = widget.height() - top - bottom
    return QPointF(
        left + feasibility / 5 * width,
        top + height - benefit / widget.benefit_top * height,
    )


def test_points_are_where_the_rule_puts_them(window) -> None:
    widget = matrix(window)
    assert widget.isVisible() and widget.width() > 300
    priorities = prioritise(window.workspace.document.project.opportunities)
    ranked = [p for p in priorities if p.ranked]
    assert widget.benefit_top >= max(p.benefit for p in ranked)
    assert (widget.benefit_top, widget.step) == benefit_axis(priorities) == (25, 5)
    for priority in ranked:
        drawn = widget.point_position(priority.id)
        expected = expected_centre(widget, priority.feasibility, priority.benefit)
        assert drawn.x() == pytest.approx(expected.x(), abs=0.01)
        assert drawn.y() == pytest.approx(expected.y(), abs=0.01)
    first, second, third = (widget.point_position(p.id) for p in ranked)
    assert first.x() > second.x()  # feasibility 3.6 against 2.9
    assert first.y() < second.y() < third.y()  # benefit 20.4, 17.0, 13.9
    line = benefit_line(priorities)
    assert {quadrant(p, line) for p in ranked} == {"Do first"}
    assert widget.line == pytest.approx(line)
    # Those that must prepare the ground are listed, not plotted.
    waiting = [p for p in priorities if not p.ranked]
    for priority in waiting:
        assert widget.point_position(priority.id) is None
    assert part(window).matrix_panel.prepare.ids() == [p.id for p in waiting]
    texts = [
        part(window).matrix_panel.prepare.item(row).text()
        for row in range(part(window).matrix_panel.prepare.count())
    ]
    assert texts[0] == "Plain-English invitation letter\nneeds senior management interest (low)"


def test_a_rescored_candidate_moves(window) -> None:
    widget = matrix(window)
    trusted = next(
        o
        for o in window.workspace.document.project.opportunities
        if o.title == "Reminder by a trusted contact"
    )
    before = widget.point_position(trusted.id)
    window.workspace.document.push(EditOpportunityCommand(trusted.id, effort=0))
    after = widget.point_position(trusted.id)
    # Effort 0: feasibility 3.67 (was 2.93), benefit the same.
    priority = next(
        p for p in prioritise(window.workspace.document.project.opportunities) if p.id == trusted.id
    )
    assert priority.feasibility > FEASIBILITY_LINE
    assert after.x() > before.x() and after.y() == pytest.approx(before.y())
    expected = expected_centre(widget, priority.feasibility, priority.benefit)
    assert after.x() == pytest.approx(expected.x(), abs=0.01)


def test_clicking_a_point_selects_the_opportunity_in_the_dock(window, qtbot) -> None:
    widget = matrix(window)
    panel = part(window).panel
    ranked = [p for p in panel.priorities if p.ranked]
    target = ranked[2]
    qtbot.mouseClick(widget, LEFT, pos=widget.point_position(target.id).toPoint())
    assert panel.selected_ids() == [target.id]
    assert widget.selected == {target.id}
    # And the other way: selecting a row highlights its point.
    table = panel.table
    centre = table.visualRect(table.model().index(0, COLUMN["title"])).center()
    qtbot.mouseClick(table.viewport(), LEFT, pos=centre)
    assert widget.selected == {ranked[0].id}
    # A click on empty ground selects nothing new.
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().bottomRight() - widget.rect().topLeft() / 2)
    assert panel.selected_ids() == [ranked[0].id]


def test_arrow_keys_go_through_the_ranks_and_enter_edits(window, answers, qtbot) -> None:
    widget = matrix(window)
    panel = part(window).panel
    ranked = [p.id for p in panel.priorities if p.ranked]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert panel.selected_ids() == [ranked[0]]
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    assert panel.selected_ids() == [ranked[1]]
    qtbot.keyClick(widget, Qt.Key.Key_Left)
    assert panel.selected_ids() == [ranked[0]]
    seen: list[str] = []

    def respond(dialog: OpportunityDialog) -> None:
        seen.append(dialog.opportunity_id)
        dialog.reject()

    answers.expect(OpportunityDialog, respond)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert seen == [ranked[0]]


def test_double_clicking_a_point_edits_it(window, answers, qtbot) -> None:
    widget = matrix(window)
    ranked = [p for p in part(window).panel.priorities if p.ranked]
    seen: list[str] = []

    def respond(dialog: OpportunityDialog) -> None:
        seen.append(dialog.title.text())
        dialog.reject()

    answers.expect(OpportunityDialog, respond)
    qtbot.mouseDClick(widget, LEFT, pos=widget.point_position(ranked[1].id).toPoint())
    assert seen == [ranked[1].title]


def test_an_empty_matrix_says_what_places_a_candidate(qtbot) -> None:
    widget = PriorityMatrix()
    qtbot.addWidget(widget)
    widget.resize(480, 320)
    widget.show_priorities([])
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.points == [] and widget.benefit_top > 0
    assert widget.grab().width() == 480  # paints without a candidate
    assert widget.accessibleDescription() == "No ranked opportunities."


def test_labels_keep_clear_of_the_points(window) -> None:
    widget = matrix(window)
    widget.point_position("")  # placed
    for point in widget.points:
        for other in widget.points:
            centre = other.centre
            assert not point.label.contains(centre), (point.text, other.priority.title)
