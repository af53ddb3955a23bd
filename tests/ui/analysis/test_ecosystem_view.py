"""Analyse → Ecosystem Map in the window: Ctrl+Shift+E opens the map in its own window;
a node dragged with the mouse is saved in the project as one undo step and Ctrl+Z puts it
back; Reset Layout is undoable; a double-click shows the node's first card on the canvas;
the map follows edits; a read-only project's map cannot be rearranged; Export PDF… and
Export PNG… write what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolBar

from app.editing.commands.cards import EditCardCommand
from app.model.ops_ecosystem import saved_positions
from app.model.project_file import ProjectFile
from app.ui.analysis.ecosystem_window import EcosystemWindow
from app.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, make_window, sample_file: ProjectFile) -> MainWindow:
    return make_window(sample_file)


def open_map(qtbot, window: MainWindow, press) -> EcosystemWindow:
    press(window, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    shown = window.findChild(EcosystemWindow, "ecosystemWindow")
    assert shown is not None
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: shown.scene.nodes != {})
    return shown


def node_point(shown: EcosystemWindow, key: str) -> QPoint:
    item = shown.scene.nodes[key]
    shown.view.ensureVisible(item, 40, 40)
    return shown.view.mapFromScene(item.pos())


def drag(qtbot, shown: EcosystemWindow, start: QPoint, end: QPoint) -> None:
    viewport = shown.view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    for i in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * (i / 5))
    qtbot.mouseRelease(viewport, LEFT, pos=end)


def test_ctrl_shift_e_opens_the_whole_projects_map(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    assert shown.isWindow() and shown.isVisible()
    assert shown.windowTitle().startswith("Service ecosystem map: All blueprints")
    labels = {item.node.label for item in shown.scene.nodes.values()}
    assert {"Sam", "Phone", "GP clinical system", "Results filed"} <= labels
    phone = shown.scene.nodes["channel:phone"]
    assert phone.toolTip().startswith("Channel: Phone\n")
    assert not shown.reset_action.isEnabled()  # nothing placed by hand yet


def wheel(shown: EcosystemWindow, pos: QPoint, dy: int, modifiers=CTRL) -> None:
    viewport = shown.view.viewport()
    event = QWheelEvent(
        QPointF(pos),
        QPointF(viewport.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_zoom_around_the_pointer_and_fit(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    view = shown.view
    fitted = view.zoom()
    assert fitted == pytest.approx(min(1.0, view.fit_scale()), rel=0.01)
    point = node_point(shown, "channel:phone")
    under = view.mapToScene(point)
    wheel(shown, point, 120)
    assert view.zoom() == pytest.approx(fitted * 1.25)
    # The node stays under the pointer (across, the map still fits and stays centred).
    assert view.mapToScene(point).y() == pytest.approx(under.y(), abs=2.0)
    wheel(shown, point, 120, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls
    assert view.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.zoom() == pytest.approx(fitted, rel=0.01)


def test_a_dragged_node_is_saved_and_undo_puts_it_back(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    session = window.workspace.document.session
    stack = window.workspace.document.undo_stack
    item = shown.scene.nodes["channel:phone"]
    before = item.centre
    start = node_point(shown, "channel:phone")
    drag(qtbot, shown, start, start + QPoint(90, 60))
    qtbot.waitUntil(lambda: "channel:phone" in saved_positions(session))
    saved = saved_positions(session)["channel:phone"]
    assert saved != before
    assert saved[0] > before[0] and saved[1] > before[1]
    assert stack.count() == 1 and "Move node" in stack.text(0)
    assert shown.reset_action.isEnabled()
    # Drawn again after the change, the node stays where it was dropped.
    qtbot.waitUntil(lambda: shown.scene.nodes["channel:phone"] is not item)
    assert shown.scene.nodes["channel:phone"].centre == saved

    qtbot.keyClick(shown.view, Qt.Key.Key_Z, CTRL)
    assert saved_positions(session) == {}
    qtbot.waitUntil(lambda: shown.scene.nodes["channel:phone"].centre == before)


def test_arrow_keys_nudge_the_selected_node_as_one_step(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    session = window.workspace.document.session
    item = shown.scene.nodes["channel:post"]
    x, y = item.centre
    qtbot.mouseClick(shown.view.viewport(), LEFT, pos=node_point(shown, "channel:post"))
    assert shown.scene.selected_keys() == ["channel:post"]
    for _ in range(3):
        qtbot.keyClick(shown.view, Qt.Key.Key_Right)
    assert saved_positions(session) == {"channel:post": (x + 30.0, y)}
    assert window.workspace.document.undo_stack.count() == 1


def test_a_rubber_band_on_empty_space_selects_nodes(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    sms = node_point(shown, "channel:sms")
    post = node_point(shown, "channel:post")
    start = QPoint(sms.x() - 110, min(sms.y(), post.y()) - 40)  # left of the column
    end = QPoint(sms.x() + 110, max(sms.y(), post.y()) + 40)
    drag(qtbot, shown, start, end)
    assert {"channel:sms", "channel:post"} <= set(shown.scene.selected_keys())
    assert saved_positions(window.workspace.document.session) == {}  # nothing moved


def test_reset_layout_is_undoable(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    session = window.workspace.document.session
    start = node_point(shown, "channel:sms")
    drag(qtbot, shown, start, start + QPoint(0, 120))
    qtbot.waitUntil(lambda: "channel:sms" in saved_positions(session))
    moved = saved_positions(session)
    toolbar = shown.findChild(QToolBar, "ecosystemToolBar")
    qtbot.mouseClick(toolbar.widgetForAction(shown.reset_action), LEFT)
    assert saved_positions(session) == {}
    qtbot.waitUntil(lambda: not shown.reset_action.isEnabled())
    qtbot.keyClick(shown.view, Qt.Key.Key_Z, CTRL)
    assert saved_positions(session) == moved


def test_double_click_shows_the_first_card_on_the_canvas(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    node = shown.graph.node(next(k for k in shown.scene.nodes if k.startswith("system:")))
    qtbot.mouseDClick(shown.view.viewport(), LEFT, pos=node_point(shown, node.key))
    editor = window.workspace.current
    qtbot.waitUntil(lambda: editor is not None and editor.view.selected_card_ids() != [])
    assert window.workspace.current.view.selected_card_ids() == [node.card_ids[0]]


def test_the_keyboard_chooses_a_node_and_shows_its_card(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    shown.view.setFocus()
    qtbot.keyClick(shown.view, Qt.Key.Key_Down)  # nothing selected: the first node
    first = shown.scene.selected_keys()
    assert len(first) == 1 and first[0].startswith("actor:")
    assert window.workspace.document.undo_stack.count() == 0  # chosen, not moved
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(shown.view, Qt.Key.Key_Right, alt)
    qtbot.keyClick(shown.view, Qt.Key.Key_Right, alt)
    (chosen,) = shown.scene.selected_keys()
    assert chosen.startswith("process:")
    qtbot.keyClick(shown.view, Qt.Key.Key_Return)
    node = shown.graph.node(chosen)
    editor = window.workspace.current
    qtbot.waitUntil(lambda: editor is not None and editor.view.selected_card_ids() != [])
    assert window.workspace.current.view.selected_card_ids() == [node.card_ids[0]]


def test_the_map_follows_edits_and_their_undo(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    document = window.workspace.document
    card = document.project.blueprints[0].lanes[1].cards[0]  # a customer action
    document.push(EditCardCommand(card.id, channel="Video call"))
    qtbot.waitUntil(lambda: "channel:video call" in shown.scene.nodes)
    document.undo()
    qtbot.waitUntil(lambda: "channel:video call" not in shown.scene.nodes)


def test_card_text_that_looks_like_markup_shows_as_written(
    qtbot, window: MainWindow, press
) -> None:
    shown = open_map(qtbot, window, press)
    document = window.workspace.document
    backstage = document.project.blueprints[0].lanes[3]
    card = backstage.cards[0]
    document.push(EditCardCommand(card.id, text="<b>Files</b> & results"))
    key = "process:<b>files</b> & results"
    qtbot.waitUntil(lambda: key in shown.scene.nodes)
    item = shown.scene.nodes[key]
    assert item.lines == ("<b>Files</b> & results",)
    assert item.toolTip().startswith("<qt>Process: &lt;b&gt;Files&lt;/b&gt; &amp; results<br>")


def test_one_blueprints_map(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    to_be = window.workspace.document.project.blueprints[1]
    shown.choice.setCurrentIndex(shown.choice.findData(to_be.id))
    assert shown.graph.blueprint_id == to_be.id
    labels = {item.node.label for item in shown.scene.nodes.values()}
    assert "Nurse reads the shared mental-health summary before the check" in labels
    assert "Nurse looks for mental-health medication and care plan" not in labels


def test_a_read_only_projects_map_cannot_be_rearranged(
    qtbot, make_window, sample_file: ProjectFile, tmp_path: Path, press
) -> None:
    target = tmp_path / "sample.blueprint"
    sample_file.save_as(target)
    sample_file.close()
    window = make_window(ProjectFile.open(target, read_only=True))
    shown = open_map(qtbot, window, press)
    item = shown.scene.nodes["channel:phone"]
    before = item.centre
    start = node_point(shown, "channel:phone")
    drag(qtbot, shown, start, start + QPoint(90, 60))
    assert item.centre == before
    assert saved_positions(window.workspace.document.session) == {}
    assert not shown.reset_action.isEnabled()


def test_export_pdf_and_png_from_the_window(
    qtbot, window: MainWindow, press, answers, tmp_path: Path
) -> None:
    shown = open_map(qtbot, window, press)
    pdf, png = tmp_path / "map.pdf", tmp_path / "map.png"
    answers.choose_file(pdf)
    shown.pdf_action.trigger()
    assert pdf.is_file()
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Service ecosystem map: All blueprints" in text and "GP clinical system" in text
    answers.choose_file(png)
    shown.png_action.trigger()
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 1000
    assert shown.statusBar().currentMessage() == "Exported the map to map.png"


def test_the_map_closes_with_its_project_and_its_window(qtbot, window: MainWindow, press) -> None:
    shown = open_map(qtbot, window, press)
    window.hide()
    assert not shown.isVisible()
    window.show()
    shown = open_map(qtbot, window, press)
    window.files.release()
    window.show_project()
    qtbot.waitUntil(lambda: not shown.isVisible())
    assert not window.findChild(QAction, "ecosystemMapAction").isEnabled()
