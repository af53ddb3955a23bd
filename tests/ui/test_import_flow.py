"""File → Import… in the window: the file dialog, the confirmation of what comes in and
what cannot, one undo step, the imported blueprint on the canvas; a broken file says so
and changes nothing; a read-only project cannot import; a 100,000-row CSV keeps the
window alive and can be cancelled."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QProgressDialog, QPushButton

from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint
from app.ui.dialogs.error import ErrorDialog
from app.ui.import_dialog import ImportDialog
from app.ui.main_window import MainWindow

DRAWIO = Path(__file__).parent.parent / "data" / "drawio"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_ALT = CTRL | Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def project_file() -> ProjectFile:
    return ProjectFile.new("Clinic")


@pytest.fixture
def window(make_window, project_file: ProjectFile) -> MainWindow:
    return make_window(project_file)


def blueprint_named(window: MainWindow, name: str) -> Blueprint | None:
    return next((b for b in window.project_file.project.blueprints if b.name == name), None)


def test_import_is_in_the_file_menu_before_export(window: MainWindow) -> None:
    file_menu = window.menuBar().findChild(QMenu, "fileMenu")
    names = [action.objectName() for action in file_menu.actions()]
    assert names.index("importAction") == names.index("exportAction") - 1
    action = window.findChild(QAction, "importAction")
    assert action.text() == "&Import…" and action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Alt+I"


def test_a_drawio_diagram_comes_in_as_one_undo_step(
    qtbot, window: MainWindow, answers, press, tmp_path: Path
) -> None:
    session = window.project_file.session
    before = dump(session)
    seen: list[list[str]] = []

    def confirm(dialog: ImportDialog) -> None:
        seen.append([dialog.blueprints.item(i).text() for i in range(dialog.blueprints.count())])
        assert dialog.skipped.isHidden()
        qtbot.mouseClick(dialog.findChild(QPushButton, "importButton"), Qt.MouseButton.LeftButton)

    answers.choose_file(DRAWIO / "business-swimlane.drawio")
    answers.expect(ImportDialog, confirm)
    press(window, Qt.Key.Key_I, CTRL_ALT)
    qtbot.waitUntil(lambda: blueprint_named(window, "business-swimlane") is not None)
    assert seen == [["business-swimlane (as-is): 7 lanes, 6 steps, 19 cards, 22 connectors"]]
    blueprint = blueprint_named(window, "business-swimlane")
    blueprint_id = blueprint.id
    assert [lane.title for lane in blueprint.lanes][:2] == ["Inside Sales Rep", "Sales Admin"]
    assert sum(len(lane.cards) for lane in blueprint.lanes) == 19
    assert len(blueprint.connectors) == 22
    # The canvas shows it, every card drawn.
    qtbot.waitUntil(lambda: window.workspace.current is not None)
    editor = window.workspace.current
    assert editor.blueprint_id == blueprint_id
    assert len(editor.view.blueprint_scene.cards) == 19
    assert "Imported 1 blueprint" in window.statusBar().currentMessage()
    after = dump(session)
    window.grab().save(str(tmp_path / "imported.png"))

    press(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: blueprint_named(window, "business-swimlane") is None)
    assert dump(session) == before

    press(window, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: blueprint_named(window, "business-swimlane") is not None)
    assert blueprint_named(window, "business-swimlane").id == blueprint_id
    assert dump(session) == after


def test_what_cannot_come_in_is_listed_before_anything_is_written(
    qtbot, window: MainWindow, answers, tmp_path: Path
) -> None:
    path = tmp_path / "notes.xml"
    path.write_text(
        '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="l" value="Customer" style="swimlane;horizontal=0;" parent="1" vertex="1">'
        '<mxGeometry width="400" height="100" as="geometry"/></mxCell>'
        '<mxCell id="a" value="Calls" parent="l" vertex="1">'
        '<mxGeometry x="40" y="30" width="80" height="40" as="geometry"/></mxCell>'
        '<mxCell id="n" value="&lt;b&gt;Idea&lt;/b&gt;" style="html=1;" parent="1" vertex="1">'
        '<mxGeometry x="600" y="30" width="80" height="40" as="geometry"/></mxCell>'
        "</root></mxGraphModel>"
    )
    before = dump(window.project_file.session)
    skipped: list[str] = []

    def cancel(dialog: ImportDialog) -> None:
        skipped.extend(dialog.skipped.item(i).text() for i in range(dialog.skipped.count()))
        assert dialog.skipped.isVisibleTo(dialog)
        dialog.grab().save(str(tmp_path / "confirm.png"))
        qtbot.mouseClick(dialog.findChild(QPushButton, "cancelButton"), Qt.MouseButton.LeftButton)

    answers.choose_file(path)
    answers.expect(ImportDialog, cancel)
    window.findChild(QAction, "importAction").trigger()
    assert skipped == ["notes: 1 shape outside every lane (“Idea”)"]
    assert dump(window.project_file.session) == before
    assert window.workspace.document.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("broken.drawio", b"<mxfile><diagram>%%%not base64", "broken.drawio is not a readable"),
        ("bomb.drawio", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><mxfile/>', "contains XML entities"),
        ("empty.csv", b"", "empty.csv"),
    ],
)
def test_a_broken_file_says_why_and_changes_nothing(
    qtbot, window: MainWindow, answers, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = dump(window.project_file.session)
    said: list[str] = []

    def read(dialog: ErrorDialog) -> None:
        said.append(dialog.text())
        qtbot.mouseClick(dialog.findChild(QPushButton, "okButton"), Qt.MouseButton.LeftButton)

    answers.choose_file(path)
    answers.expect(ErrorDialog, read)
    window.findChild(QAction, "importAction").trigger()
    assert len(said) == 1 and words in said[0]
    assert dump(window.project_file.session) == before
    assert window.workspace.document.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_a_read_only_project_cannot_import(
    make_window, saved_file: Path, project_file: ProjectFile
) -> None:
    project_file.close()
    window = make_window(ProjectFile.open(saved_file, read_only=True))
    assert not window.findChild(QAction, "importAction").isEnabled()


def test_no_project_no_import(make_window, project_file: ProjectFile) -> None:
    project_file.close()
    window = make_window()
    assert not window.findChild(QAction, "importAction").isEnabled()


def big_csv(tmp_path: Path, rows: int = 100_000) -> Path:
    path = tmp_path / "big.csv"
    lanes = ("Customer actions", "Frontstage", "Backstage", "Systems")
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Stage;Step;Lane;Card\n")
        for row in range(rows):
            out.write(f"Stage {row // 5000};Step {row // 500};{lanes[row % 4]};Card {row}\n")
    return path


def test_a_hundred_thousand_row_csv_keeps_the_window_alive_and_can_be_cancelled(
    qtbot, window: MainWindow, answers, tmp_path: Path
) -> None:
    path = big_csv(tmp_path)
    before = dump(window.project_file.session)
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(50)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    seen_progress: list[int] = []

    def cancel_when_shown() -> None:
        dialog = window.findChild(QProgressDialog, "importProgress")
        # Cancelled once the window has kept its heartbeat for a while during the read.
        alive = len(ticks) >= 3
        if dialog is not None and dialog.isVisible() and dialog.value() > 0 and alive:
            seen_progress.append(dialog.value())
            button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, cancel_when_shown)

    answers.choose_file(path)
    heartbeat.start()
    QTimer.singleShot(0, cancel_when_shown)
    window.findChild(QAction, "importAction").trigger()
    heartbeat.stop()
    assert seen_progress, "the progress dialog showed how far the reading had got"
    assert len(ticks) >= 3, "the window kept handling events while the file was read"
    assert dump(window.project_file.session) == before
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_hundred_thousand_row_csv_imports(
    qtbot, window: MainWindow, answers, tmp_path: Path
) -> None:
    path = big_csv(tmp_path)
    answers.choose_file(path)
    answers.click(ImportDialog, "importButton")
    window.findChild(QAction, "importAction").trigger()
    blueprint = blueprint_named(window, "big")
    assert blueprint is not None, [b.name for b in window.project_file.project.blueprints]
    assert sum(len(lane.cards) for lane in blueprint.lanes) == 100_000
    assert QApplication.overrideCursor() is None


def test_a_json_export_comes_in_with_its_blueprints_and_catalogue(
    qtbot, window: MainWindow, answers, sample_file: ProjectFile, tmp_path: Path
) -> None:
    from app.export.json_export import export_json

    path = tmp_path / "sample.json"
    export_json(sample_file.session, path)
    names = [b.name for b in sample_file.project.blueprints]
    systems = len(sample_file.project.systems)
    session = window.project_file.session
    before = dump(session)
    answers.choose_file(path)
    answers.click(ImportDialog, "importButton")
    window.findChild(QAction, "importAction").trigger()
    project = window.project_file.project
    assert [b.name for b in project.blueprints][-len(names) :] == names
    assert len(project.systems) >= systems
    assert window.workspace.current.blueprint_id == project.blueprints[-len(names)].id
    # One undo takes it all out again, catalogue entries included.
    window.workspace.document.undo()
    assert dump(session) == before


def _page(name: str, card: str) -> str:
    return (
        f'<diagram name="{name}"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="l" value="Customer" style="swimlane;horizontal=0;" parent="1" vertex="1">'
        '<mxGeometry width="400" height="100" as="geometry"/></mxCell>'
        f'<mxCell id="a" value="{card}" parent="l" vertex="1">'
        '<mxGeometry x="40" y="30" width="80" height="40" as="geometry"/></mxCell>'
        "</root></mxGraphModel></diagram>"
    )


def test_undoing_a_two_page_import_closes_both_canvases(
    qtbot, window: MainWindow, answers, press, tmp_path: Path
) -> None:
    path = tmp_path / "two pages.drawio"
    path.write_text(f"<mxfile>{_page('Phone', 'Calls')}{_page('Online', 'Books')}</mxfile>")
    answers.choose_file(path)
    answers.expect(
        ImportDialog,
        lambda dialog: qtbot.mouseClick(
            dialog.findChild(QPushButton, "importButton"), Qt.MouseButton.LeftButton
        ),
    )
    press(window, Qt.Key.Key_I, CTRL_ALT)
    qtbot.waitUntil(lambda: blueprint_named(window, "Online") is not None)
    ids = [blueprint_named(window, name).id for name in ("Phone", "Online")]
    for blueprint_id in ids:  # a canvas open on each page
        window.blueprint_list.select(blueprint_id)
        qtbot.waitUntil(lambda i=blueprint_id: window.workspace.current.blueprint_id == i)
    assert set(ids) <= set(window.workspace.editors)

    press(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: blueprint_named(window, "Phone") is None)
    assert not set(ids) & set(window.workspace.editors)
    assert not set(ids) & set(window.workspace.overviews)
    assert window.workspace.current is None or window.workspace.current.blueprint is not None

    press(window, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: blueprint_named(window, "Online") is not None)
    window.blueprint_list.select(ids[1])
    qtbot.waitUntil(lambda: window.workspace.current.blueprint_id == ids[1])
    assert len(window.workspace.current.view.blueprint_scene.cards) == 1
