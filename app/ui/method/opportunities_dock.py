"""The Opportunities dock: every change candidate of the project in the order of the
priority rule, sortable by any column and filtered by status, with buttons for the
Method menu's opportunity actions; other parts of the window add entries to its context
menu through ``menu_providers``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.analysis.priority import Priority
from app.model.kinds import OpportunityStatus
from app.model.structure import Project
from app.ui.method.opportunities_model import (
    ALL_STATUSES,
    COLUMN,
    ID_ROLE,
    OPEN_STATUSES,
    OpportunitiesModel,
    OpportunityFilter,
    opportunity_rows,
)
from app.ui.own_keys import claims_key

WIDTHS = {
    "rank": 175,
    "title": 220,
    "need": 52,
    "feasibility": 74,
    "impact": 54,
    "effort": 50,
    "quick_win": 66,
    "exemplar": 68,
    "scale": 100,
    "status": 84,
    "owner": 130,
    "target_date": 86,
    "pain_points": 74,
}


# Called with the context menu being built and the selected opportunities' ids.
MenuProvider = Callable[[QMenu, list[str]], None]

OWN_KEYS = (
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_F2,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
)


class OpportunitiesTable(QTableView):
    """The list itself: Enter edits the current opportunity, Delete deletes the selected."""

    edit_requested = Signal(str)
    delete_requested = Signal()

    def event(self, event: QEvent) -> bool:
        # The window's Delete and F2 (for cards) must not take these keys from the list.
        return claims_key(event, OWN_KEYS) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            index = self.currentIndex()
            if index.isValid():
                self.edit_requested.emit(index.data(ID_ROLE))
                return
        deleting = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if deleting and self.selectionModel().selectedRows():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class OpportunitiesPanel(QWidget):
    """The dock's widget. ``show_project`` fills it; the selection is kept by id."""

    selection_changed = Signal(list)  # ids of the selected opportunities, in the list's order
    edit_requested = Signal(str)
    delete_requested = Signal()
    priorities_changed = Signal(list)  # [Priority], in the rule's order, after each refresh

    def __init__(self, actions: Sequence[QAction] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opportunitiesPanel")
        self.setAccessibleName("Opportunities")
        self.model = OpportunitiesModel(self)
        self.proxy = OpportunityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = OpportunitiesTable()
        self.table.setObjectName("opportunitiesTable")
        self.table.setAccessibleName("Opportunities in priority order")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN["rank"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # "Prepare the ground first: needs …" over lines
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for key, width in WIDTHS.items():
            self.table.setColumnWidth(COLUMN[key], width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.edit_requested.connect(self.edit_requested)
        self.table.delete_requested.connect(self.delete_requested)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("opportunityStatusFilter")
        self.status_filter.setAccessibleName("Show opportunities of status")
        self.status_filter.addItem("All statuses", ALL_STATUSES)
        self.status_filter.addItem("Open (not done or parked)", OPEN_STATUSES)
        for status in OpportunityStatus:
            self.status_filter.addItem(status.value.capitalize(), status.value)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        show = QLabel("&Show:")
        show.setBuddy(self.status_filter)
        self.summary = QLabel()
        self.summary.setObjectName("opportunitiesSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.actions_for_menu = list(actions)
        self.menu_providers: list[MenuProvider] = []
        self.menu: QMenu | None = None  # the context menu shown last

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(f"{action.objectName()}Button")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(show)
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(4)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        column.addWidget(self.summary)
        self.priorities: list[Priority] = []
        self._showing = False

    # -- what it shows ---------------------------------------------------------------------

    def show_project(self, project: Project | None) -> None:
        """Read the opportunities again (after an edit, undo or redo), keeping the selection
        and the current row."""
        keep = self.selected_ids()
        current = self.table.currentIndex().data(ID_ROLE)
        rows = opportunity_rows(project) if project is not None else []
        self._showing = True
        try:
            self.model.show(rows)
            self.table.resizeRowsToContents()
            self._select(keep, current)
        finally:
            self._showing = False
        self.priorities = [row.priority for row in rows]
        self._show_summary()
        self.priorities_changed.emit(self.priorities)
        if keep != self.selected_ids():
            self.selection_changed.emit(self.selected_ids())

    def _show_summary(self) -> None:
        ranked = sum(p.ranked for p in self.priorities)
        waiting = len(self.priorities) - ranked
        quick = sum(p.quick_win for p in self.priorities)
        if not self.priorities:
            text = "No opportunities yet: add one, or make one from selected pain points."
        else:
            text = f"{ranked} ranked · {waiting} to prepare the ground first · {quick} quick wins"
        shown = self.proxy.rowCount()
        if self.priorities and shown < len(self.priorities):
            text += f" · {shown} shown"
        self.summary.setText(text)

    # -- selection -------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [index.data(ID_ROLE) for index in rows]

    def select_ids(self, ids: Sequence[str]) -> None:
        """Select these opportunities and scroll the first into view; when the status
        filter hides one of them, every status is shown first."""
        hidden = [i for i in ids if self._proxy_index(i) is None]
        if self.proxy.status and any(self.model.row_of(i) is not None for i in hidden):
            self.status_filter.setCurrentIndex(0)
        self._select(list(ids), ids[0] if ids else None)
        first = self._proxy_index(ids[0]) if ids else None
        if first is not None:
            self.table.scrollTo(first)

    def _select(self, ids: list[str], current: str | None) -> None:
        selection = QItemSelection()
        for opportunity_id in ids:
            index = self._proxy_index(opportunity_id)
            if index is not None:
                selection.select(index, index.siblingAtColumn(self.proxy.columnCount() - 1))
        model = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        current_index = self._proxy_index(current) if current else None
        if current_index is not None:
            model.setCurrentIndex(current_index, flags.NoUpdate)
        model.select(selection, flags.ClearAndSelect)

    def _proxy_index(self, opportunity_id: str) -> QModelIndex | None:
        row = self.model.row_of(opportunity_id)
        if row is None:
            return None
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        return index if index.isValid() else None

    def _selection_changed(self) -> None:
        if not self._showing:
            self.selection_changed.emit(self.selected_ids())

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_requested.emit(index.data(ID_ROLE))

    def _filter_changed(self) -> None:
        self.proxy.set_status(self.status_filter.currentData())
        self._show_summary()
        self.selection_changed.emit(self.selected_ids())

    def build_menu(self) -> QMenu:
        """The context menu for the selected opportunities: the dock's actions, then the
        entries other parts provide."""
        menu = QMenu(self)
        menu.setObjectName("opportunitiesContextMenu")
        for action in self.actions_for_menu:
            menu.addAction(action)
        if self.menu_providers:
            if self.actions_for_menu:
                menu.addSeparator()
            ids = self.selected_ids()
            for provide in self.menu_providers:
                provide(menu, list(ids))
        return menu

    def _context_menu(self, position: QPoint) -> None:
        if not (self.actions_for_menu or self.menu_providers):
            return
        if self.menu is not None and isValid(self.menu):
            with suppress(RuntimeError):
                self.menu.deleteLater()
        self.menu = self.build_menu()
        self.menu.popup(self.table.viewport().mapToGlobal(position))
