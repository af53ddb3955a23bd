"""The main window: one project, its blueprints, the canvas of the selected one, and an
outline and overview of it in docks.

It builds the parts (actions, menus, message bar, blueprint list, canvas workspace,
summary, empty state) from their own modules and wires them to FileCommands, which does
the file work, and to the Workspace, which does the editing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.editing.commands.base import EditCommand
from app.model.changes import ChangeSet
from app.model.errors import StagecraftError
from app.model.project_file import EXTENSION, ProjectFile
from app.ui import clipboard
from app.ui.actions import RecentFilesMenu, build_actions, build_menus
from app.ui.analysis import install_analysis
from app.ui.blueprint_editor import BlueprintEditor
from app.ui.blueprint_menu import BlueprintMenuHandler, build_blueprint_actions
from app.ui.blueprint_summary import BlueprintSummary
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.error import ErrorDialog
from app.ui.dialogs.shortcuts import ShortcutsDialog, window_actions
from app.ui.edit_actions import add_edit_menus, build_edit_actions
from app.ui.empty_state import EmptyState
from app.ui.export_commands import ExportCommands
from app.ui.file_chooser import FileChooser
from app.ui.file_commands import FileCommands
from app.ui.find_bar import FindBar
from app.ui.grid_menus import ask_text
from app.ui.import_commands import install as install_import
from app.ui.merge_commands import install as install_merge
from app.ui.message_bar import MessageBar
from app.ui.method import install_method
from app.ui.project_panel import ProjectPanel
from app.ui.properties import PropertiesPanel
from app.ui.queries import blueprint_counts, blueprint_outline
from app.ui.settings import Settings
from app.ui.table import BlueprintTable
from app.ui.workspace import Workspace

log = logging.getLogger(__name__)

APP_NAME = "Stagecraft"
DEFAULT_SIZE = (1400, 900)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, chooser: FileChooser | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        # The right-hand docks (properties, comments, overview) keep the full height; the
        # lists docked at the bottom (table, pain points, opportunities) stop beside them.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.settings = settings
        self.files = FileCommands(self, settings, chooser or FileChooser(self))

        self.menu_actions = build_actions(self)
        self.recent_menu = RecentFilesMenu(settings.recent_files, self)
        build_menus(self.menuBar(), self.menu_actions, self.recent_menu)
        self.edit_actions = build_edit_actions(self)
        help_menu = self.menuBar().findChild(QMenu, "helpMenu")
        add_edit_menus(self.menuBar(), self.edit_actions, help_menu.menuAction())
        self.blueprint_actions = build_blueprint_actions(
            self, self.menuBar(), help_menu.menuAction()
        )
        self.shortcuts_action = help_menu.addAction("&Keyboard Shortcuts")
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
        )
        self.workspace = Workspace(self)
        self.setAcceptDrops(True)

        self.message_bar = MessageBar()
        self.project_panel = ProjectPanel()
        self.blueprint_list = self.project_panel.blueprint_list
        self.summary = BlueprintSummary()
        self.empty_state = EmptyState()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("projectSplitter")
        self.splitter.addWidget(self.project_panel)
        self.find_bar = FindBar()
        canvas_column = QWidget()
        canvas_box = QVBoxLayout(canvas_column)
        canvas_box.setContentsMargins(0, 0, 0, 0)
        canvas_box.setSpacing(0)
        canvas_box.addWidget(self.workspace.stack, 1)
        canvas_box.addWidget(self.find_bar)
        self.splitter.addWidget(canvas_column)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1100])
        self.outline_dock = self._dock("outlineDock", "Outline", self.summary)
        self.overview_dock = self._dock("overviewDock", "Overview", self.workspace.overview_host)
        self.overview_dock.toggleViewAction().setObjectName("toggleOverviewDockAction")
        self.outline_dock.toggleViewAction().setObjectName("showOutlineAction")
        self.outline_dock.toggleViewAction().setText("O&utline")
        view_menu = self.menuBar().findChild(QMenu, "viewMenu")
        view_menu.addAction(self.outline_dock.toggleViewAction())
        self.outline_dock.hide()
        self.properties = PropertiesPanel()
        self.properties_dock = self._dock("propertiesDock", "Properties", self.properties)
        self.properties_dock.toggleViewAction().setObjectName("showPropertiesAction")
        self.table = BlueprintTable()
        self.table_dock = self._dock("tableDock", "Table", self.table)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.table_dock)
        self.table_dock.toggleViewAction().setObjectName("showTableAction")
        self.table_dock.hide()
        view_menu.addAction(self.properties_dock.toggleViewAction())
        view_menu.addAction(self.table_dock.toggleViewAction())
        self.splitDockWidget(self.properties_dock, self.overview_dock, Qt.Orientation.Vertical)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_state)
        self.pages.addWidget(self.splitter)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.path_label = QLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setContentsMargins(6, 2, 6, 2)
        self.statusBar().addWidget(self.path_label, 1)

        self._wire()
        install_method(self)
        install_analysis(self)
        install_import(self)
        install_merge(self)
        self._size_docks()
        self._place()
        self.show_project()

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def dock_beside_properties(
        self, name: str, title: str, widget: QWidget, action_name: str, text: str
    ) -> QDockWidget:
        """A dock made a tab beside the properties (lists that want the right-hand
        column's full height), hidden until asked for; its toggle action (View menu)
        named ``action_name`` with the menu text ``text``."""
        dock = self._dock(name, title, widget)
        self.tabifyDockWidget(self.properties_dock, dock)
        self.properties_dock.raise_()
        dock.hide()
        toggle = dock.toggleViewAction()
        toggle.setObjectName(action_name)
        toggle.setText(text)
        return dock

    def _size_docks(self) -> None:
        """The right-hand column wide enough for the properties' fields, most of its
        height theirs (the overview's map is a wide strip); after every part has placed
        its docks."""
        self.resizeDocks([self.properties_dock], [300], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.properties_dock, self.overview_dock], [620, 240], Qt.Orientation.Vertical
        )

    def _place(self) -> None:
        """Where the user left it, or a comfortable size in the middle of the screen."""
        if self.restoreGeometry(self.settings.window_geometry()):
            return
        available = self.screen().availableGeometry()
        width = min(DEFAULT_SIZE[0], int(available.width() * 0.95))
        height = min(DEFAULT_SIZE[1], int(available.height() * 0.95))
        self.resize(width, height)
        self.move(
            available.x() + (available.width() - width) // 2,
            available.y() + (available.height() - height) // 2,
        )

    def _wire(self) -> None:
        files, actions = self.files, self.menu_actions
        # Typing in the properties panel is committed before the file is written.
        actions.save.triggered.connect(self.properties.commit_pending)
        actions.save_as.triggered.connect(self.properties.commit_pending)
        actions.new.triggered.connect(files.new_project)
        actions.open.triggered.connect(files.open_project)
        actions.save.triggered.connect(files.save)
        actions.save_as.triggered.connect(lambda: files.save_as())
        actions.close.triggered.connect(files.close_project)
        actions.quit.triggered.connect(self.close)
        actions.about.triggered.connect(lambda: AboutDialog(self).ask())
        self.exports = ExportCommands(
            self, lambda: self.workspace.document, self.blueprint_list.selected_id
        )
        actions.export.triggered.connect(self.properties.commit_pending)
        actions.export.triggered.connect(self.exports.export)
        actions.print.triggered.connect(lambda: self.exports.print_blueprint())
        self.exports.started.connect(self.statusBar().showMessage)
        self.exports.exported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.recent_menu.open_requested.connect(files.open_path)
        self.recent_menu.clear_requested.connect(self._clear_recent)

        files.project_replaced.connect(self.show_project)
        files.saved.connect(self._show_saved)
        files.notice.connect(self.message_bar.add_notice)
        files.recent_changed.connect(self._show_recent)

        self.blueprint_list.blueprint_selected.connect(self._show_blueprint)
        files.saved.connect(self._mark_saved)
        self._wire_editing()
        self.empty_state.new_requested.connect(files.new_project)
        self.empty_state.open_requested.connect(files.open_project)
        self.empty_state.sample_requested.connect(files.open_sample)
        self.empty_state.recent_requested.connect(files.open_path)

    def _wire_editing(self) -> None:
        workspace, edit = self.workspace, self.edit_actions
        workspace.changed.connect(self._edited)
        workspace.modified_changed.connect(lambda _modified: self.show_state())
        workspace.failed.connect(lambda message: ErrorDialog(self, message).ask())
        workspace.stack_changed.connect(self._follow_stack)
        edit.undo.triggered.connect(lambda: self._document_call("undo"))
        edit.redo.triggered.connect(lambda: self._document_call("redo"))
        edit.delete.triggered.connect(self._delete_selection)
        edit.select_all.triggered.connect(self._select_all)
        for action, do in (
            (edit.cut, clipboard.cut),
            (edit.copy, clipboard.copy),
            (edit.paste, clipboard.paste),
            (edit.duplicate, clipboard.duplicate),
        ):
            action.triggered.connect(lambda _checked=False, do=do: self._editor_call(do))
        edit.find.triggered.connect(self.find_bar.open)
        edit.find_next.triggered.connect(self.find_bar.find_next)
        edit.find_previous.triggered.connect(self.find_bar.find_previous)
        self.workspace.stack.currentChanged.connect(self._current_editor_changed)
        self.workspace.editor_made.connect(
            lambda editor: editor.view.selection_changed.connect(self._show_properties)
        )
        self.table.cards_selected.connect(self._show_properties)
        edit.edit_text.triggered.connect(self._edit_text)
        for action, method in (
            (edit.zoom_in, "zoom_in"),
            (edit.zoom_out, "zoom_out"),
            (edit.zoom_fit, "zoom_to_fit"),
            (edit.zoom_actual, "zoom_to_actual"),
        ):
            action.triggered.connect(lambda _checked=False, m=method: self._view_call(m))
        edit.show_overview.toggled.connect(self.overview_dock.setVisible)
        handler = BlueprintMenuHandler(
            lambda: self.workspace.document,
            self.blueprint_list.selected_id,
            self._push,
            ask_text(self),
            self.blueprint_list.select,
        )
        self.blueprint_menu = handler
        blueprint = self.blueprint_actions
        for action, method in (
            (blueprint.new, handler.new),
            (blueprint.duplicate_to_be, handler.duplicate_to_be),
            (blueprint.rename, handler.rename),
            (blueprint.delete, handler.delete),
            (blueprint.add_lane, handler.add_lane),
            (blueprint.add_step, handler.add_step),
        ):
            action.triggered.connect(method)
        self.shortcuts_action.triggered.connect(
            lambda: ShortcutsDialog(self, window_actions(self)).exec()
        )
        self.overview_dock.visibilityChanged.connect(edit.show_overview.setChecked)
        self._follow_stack()

    def _follow_stack(self) -> None:
        document = self.workspace.document
        if document is not None:
            stack = document.undo_stack
            for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.indexChanged):
                signal.connect(self._show_undo_state)
        self._show_undo_state()

    def _show_undo_state(self) -> None:
        """Read the stack of the document shown now (a stack being deleted may still
        signal while the next project opens)."""
        document = self.workspace.document
        self.edit_actions.follow(document.undo_stack if document is not None else None)

    def _push(self, command: EditCommand) -> bool:
        document = self.workspace.document
        if document is None:
            return False
        try:
            document.push(command)
        except StagecraftError as error:
            ErrorDialog(self, str(error)).ask()
            return False
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_projects(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_projects(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files.open_path(paths[0])

    def _document_call(self, method: str) -> None:
        if self.workspace.document is not None:
            getattr(self.workspace.document, method)()

    def _view_call(self, method: str) -> None:
        editor = self.workspace.current
        if editor is not None:
            getattr(editor.view, method)()

    def _current_editor_changed(self, _index: int) -> None:
        editor = self.workspace.current
        self.find_bar.set_editor(editor)
        self._show_properties(editor.view.selected_card_ids() if editor is not None else [])

    def _show_properties(self, card_ids: list[str]) -> None:
        self.properties.show_cards(self.workspace.document, card_ids)

    def _editor_call(self, do: Callable[[BlueprintEditor], object]) -> None:
        editor = self.workspace.current
        if editor is not None:
            do(editor)

    def _delete_selection(self) -> None:
        editor = self.workspace.current
        if editor is not None:
            editor.delete_cards(editor.view.selected_card_ids())

    def _select_all(self) -> None:
        editor = self.workspace.current
        if editor is not None:
            scene = editor.view.blueprint_scene
            scene.select_cards(list(scene.cards))

    def _edit_text(self) -> None:
        editor = self.workspace.current
        if editor is not None and editor.view.selected_card_ids():
            editor.view.edit_card(editor.view.selected_card_ids()[0])

    def _edited(self, changes: ChangeSet) -> None:
        self._show_blueprints()
        self.show_state()

    def _mark_saved(self) -> None:
        if self.workspace.document is not None:
            self.workspace.document.saved()
        self.show_state()

    # -- what is shown --------------------------------------------------------------------

    @property
    def project_file(self) -> ProjectFile | None:
        return self.files.project_file

    def show_project(self) -> None:
        """Show the project FileCommands holds now (or the empty state)."""
        project_file = self.project_file
        if project_file is None:
            self.message_bar.clear()
            self._show_recent()
            self.pages.setCurrentWidget(self.empty_state)
        else:
            self.message_bar.show_notices(_notices(project_file))
            self.pages.setCurrentWidget(self.splitter)
        self.properties.clear()
        self.table.set_blueprint(None, None)
        self.workspace.set_project(project_file)
        if project_file is not None:
            self._show_blueprints()
        self.show_state()

    def project_edited(self) -> None:
        """The open project changed (the editing layer calls this after each change)."""
        self._show_blueprints()
        self.show_state()

    def show_state(self) -> None:
        """Title, modified mark, path and which actions apply."""
        project_file = self.project_file
        has_project = project_file is not None
        actions = self.menu_actions
        for action in (actions.save, actions.save_as, actions.export, actions.print, actions.close):
            action.setEnabled(has_project)
        if project_file is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            self.path_label.setText("")
            return
        read_only = " (read-only)" if project_file.read_only else ""
        self.setWindowTitle(f"{project_file.display_name}{read_only}[*] — {APP_NAME}")
        document = self.workspace.document
        self.setWindowModified(project_file.modified or bool(document and document.modified))
        path = project_file.path
        self.path_label.setText(str(path) if path else "Not saved yet: Save asks for a file name")

    def _show_saved(self) -> None:
        # Saving settles what the notices were about (older format, a copy, recovered
        # work), unless the project is still read-only (a file from a newer Stagecraft).
        project_file = self.project_file
        if project_file is not None:
            self.message_bar.show_notices(_notices(project_file) if project_file.read_only else [])
        self.show_state()

    def _show_blueprints(self) -> None:
        project_file = self.project_file
        if project_file is None:
            return
        try:
            project = project_file.project
            self.project_panel.show_project(project, blueprint_counts(project_file.session))
        except Exception as error:
            self._cannot_show(project_file, error)
            return
        if not project.blueprints:
            self.summary.show_nothing("This project has no blueprints yet.")

    def _show_blueprint(self, blueprint_id: str) -> None:
        project_file = self.project_file
        if project_file is None or not blueprint_id:
            self.summary.show_nothing("Select a blueprint to see its stages, steps and lanes.")
            self.workspace.show_blueprint(None)
            return
        try:
            blueprint = next(b for b in project_file.project.blueprints if b.id == blueprint_id)
            outline = blueprint_outline(project_file.session, blueprint_id)
        except Exception as error:
            self._cannot_show(project_file, error)
            return
        self.summary.show_blueprint(blueprint, outline)
        self.workspace.show_blueprint(blueprint_id)
        self.table.set_blueprint(self.workspace.document, blueprint_id)

    def _cannot_show(self, project_file: ProjectFile, error: Exception) -> None:
        """A file that opened but holds rows the editor cannot read (changed by another
        program): say so in the message bar; the file is not touched."""
        log.warning("cannot show part of %s", project_file.display_name, exc_info=error)
        self.summary.show_nothing("This part of the project cannot be shown.")
        self.message_bar.add_notice(
            f"Part of {project_file.display_name} cannot be shown ({error}); the file may "
            "have been changed by another program. It was not changed here"
        )

    def _show_recent(self) -> None:
        self.recent_menu.refresh()
        self.empty_state.show_recent(self.settings.recent_files())

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self._show_recent()

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.properties.commit_pending()
        if not self.files.may_discard():
            event.ignore()
            return
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.sync()
        self.files.release()
        event.accept()


def _dropped_projects(data: QMimeData) -> list[Path]:
    return [
        Path(url.toLocalFile())
        for url in data.urls()
        if url.isLocalFile() and url.toLocalFile().endswith(EXTENSION)
    ]


def _notices(project_file: ProjectFile) -> list[str]:
    notices = list(project_file.notices)
    if project_file.read_only and not any("read-only" in notice for notice in notices):
        notices.append(
            f"{project_file.display_name} is open read-only; Save As keeps a copy you can edit"
        )
    return notices
