"""The Pain Points dock: every pain point of the blueprint on the canvas, numbered as the
map's badges are, sortable by any column and filtered by perspective, severity, stage,
evidence and whether it is resolved. Enter or a double-click asks to show one on the map,
F2 to edit it, Delete to delete the selected ones; other parts of the window add entries
to its context menu through ``menu_providers``."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.editing.document import EditingDocument
from app.model.changes import ChangeSet
from app.model.structure import Blueprint
from app.ui.method.pain_points_model import (
    CARD,
    COLUMNS,
    DESCRIPTION,
    EVIDENCE_WORDS,
    ID_ROLE,
    NUMBER,
    PEOPLE,
    PERSPECTIVE_WORDS,
    RESOLVED,
    RESOLVED_HIDDEN,
    RESOLVED_ONLY,
    RESOLVED_SHOWN,
    STEP,
    UNDERSERVED,
    PainPointFilter,
    PainPointsModel,
    PainPointsProxy,
    pain_point_rows,
)
from app.ui.own_keys import claims_key

MenuProvider = Callable[[QMenu, list[str]], None]
OWN_KEYS = (
    Qt.Key.Key_F2,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
)
COLUMN_WIDTHS = {
    NUMBER: 48,
    DESCRIPTION: 280,
    STEP: 140,
    CARD: 180,
    PEOPLE: 70,
    UNDERSERVED: 170,
    RESOLVED: 70,
}
DEFAULT_WIDTH = 100
SEVERITY_CHOICES = (
    (1, "Any"),
    (2, "2 moderate or worse"),
    (3, "3 serious or worse"),
    (4, "4 severe or worse"),
    (5, "5 critical"),
)
RESOLVED_CHOICES = ((RESOLVED_SHOWN, "Shown"), (RESOLVED_HIDDEN, "Hidden"), (RESOLVED_ONLY, "Only"))
NO_BLUEPRINT = "Select a blueprint to list its pain points."
NO_PAIN_POINTS = "No pain points on this blueprint yet: select a card and press P to add one."


class PainPointsTable(QTableView):
    """The table keeps F2, Delete and Enter for itself while it has focus (the window
    gives them to the canvas)."""

    jump_pressed = Signal()
    edit_pressed = Signal()
    delete_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        return claims_key(event, OWN_KEYS) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        signal = {
            Qt.Key.Key_Return: self.jump_pressed,
            Qt.Key.Key_Enter: self.jump_pressed,
            Qt.Key.Key_F2: self.edit_pressed,
            Qt.Key.Key_Delete: self.delete_pressed,
            Qt.Key.Key_Backspace: self.delete_pressed,
        }.get(key)
        if signal is not None:
            signal.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _filter_box(name: str, accessible: str, choices: list[tuple[object, str]]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    # Narrow enough for a dock beside the canvas; the open list shows the whole choices.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(9)
    for value, text in choices:
        box.addItem(text, value)
    return box


class PainPointsPanel(QWidget):
    """Lists the pain points of one blueprint (``show_blueprint``); follows the document's
    changes through ``follow``. It asks for jumps, edits and deletions by signals."""

    selection_changed = Signal(list)  # the selected pain points' ids
    jump_requested = Signal(str)  # a pain point's id: show its card or step on the map
    edit_requested = Signal(str)  # a pain point's id: open it in the dialog
    delete_requested = Signal(list)  # pain point ids: delete them, as one undo step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("painPointsPanel")
        self.setAccessibleName("Pain points")
        self.document: EditingDocument | None = None
        self.blueprint_id: str | None = None
        self.menu_providers: list[MenuProvider] = []
        self.menu: QMenu | None = None  # the context menu shown last
        self._dirty = False
        self._cards: set[str] = set()  # the cards that have listed pain points

        self.model = PainPointsModel(self)
        self.proxy = PainPointsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = PainPointsTable()
        self.table.setObjectName("painPointsTable")
        self.table.setAccessibleName("Pain points")
        self.table.setAccessibleDescription(
            "Enter shows the pain point on the map, F2 edits it, Delete deletes the selected"
        )
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        for column in range(len(COLUMNS)):
            self.table.setColumnWidth(column, COLUMN_WIDTHS.get(column, DEFAULT_WIDTH))

        self.perspective = _filter_box(
            "painPointsPerspectiveFilter",
            "Perspective filter",
            [(None, "All"), *((p.value, w) for p, w in PERSPECTIVE_WORDS.items())],
        )
        self.severity = _filter_box(
            "painPointsSeverityFilter", "Least severity", list(SEVERITY_CHOICES)
        )
        self.stage = _filter_box("painPointsStageFilter", "Stage filter", [(None, "All")])
        self.evidence = _filter_box(
            "painPointsEvidenceFilter",
            "Evidence filter",
            [(None, "All"), *((e.value, w) for e, w in EVIDENCE_WORDS.items())],
        )
        self.resolved = _filter_box(
            "painPointsResolvedFilter", "Resolved pain points", list(RESOLVED_CHOICES)
        )
        self.count = QLabel(NO_BLUEPRINT)
        self.count.setObjectName("painPointsCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setWordWrap(True)

        # Two rows of filters, so the dock fits beside the other docks in a normal window.
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setHorizontalSpacing(6)
        for index, (label, box) in enumerate(
            (
                ("&Perspective:", self.perspective),
                ("Severit&y:", self.severity),
                ("S&tage:", self.stage),
                ("Evi&dence:", self.evidence),
                ("&Resolved:", self.resolved),
            )
        ):
            caption = QLabel(label)
            caption.setBuddy(box)
            row, pair = divmod(index, 3)
            filters.addWidget(caption, row, 2 * pair)
            filters.addWidget(box, row, 2 * pair + 1)
        filters.addWidget(self.count, 1, 4, 1, 2)
        for pair in range(3):
            filters.setColumnStretch(2 * pair + 1, 1)

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 6)
        column.addLayout(filters)
        column.addWidget(self.table, 1)

        for box in (self.perspective, self.severity, self.stage, self.evidence, self.resolved):
            box.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.jump())
        self.table.jump_pressed.connect(self.jump)
        self.table.edit_pressed.connect(self.edit)
        self.table.delete_pressed.connect(self.delete)
        self.table.customContextMenuRequested.connect(self._context_menu)

    # -- what it lists ------------------------------------------------------------------------

    def show_blueprint(self, document: EditingDocument | None, blueprint_id: str | None) -> None:
        if (document, blueprint_id) == (self.document, self.blueprint_id):
            return
        self.document = document
        self.blueprint_id = blueprint_id if document is not None else None
        self.refresh()

    def follow(self, changes: ChangeSet) -> None:
        """Refresh after an edit that touches what is listed."""
        if self.blueprint_id is None or changes.blueprint_id not in (None, self.blueprint_id):
            return
        touched = changes.cards_changed | changes.cards_removed
        if (
            changes.pain_points_changed
            or changes.structure_changed
            or changes.blueprints_changed
            or touched & self._cards
        ):
            self.refresh()

    def _blueprint(self) -> Blueprint | None:
        document = self.document
        if document is None or not isValid(document) or self.blueprint_id is None:
            return None
        return document.session.get(Blueprint, self.blueprint_id)

    def refresh(self) -> None:
        """List the blueprint's pain points again, keeping the selection (only while the
        dock shows: a hidden dock catches up when it is shown)."""
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        blueprint = self._blueprint()
        rows = pain_point_rows(blueprint) if blueprint is not None else []
        selected = self.selected_pain_point_ids()
        current = self.table.currentIndex().data(ID_ROLE)
        self._cards = {row.entry.card_id for row in rows if row.entry.card_id is not None}
        self._fill_stages(blueprint)
        self.model.set_rows(rows)
        self.select_pain_points(selected, current=current, quiet=True)
        self._show_count()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _fill_stages(self, blueprint: Blueprint | None) -> None:
        choices: list[tuple[object, str]] = [(None, "All")]
        if blueprint is not None:
            titles = list(dict.fromkeys(stage.title for stage in blueprint.stages))
            choices += [(title, title) for title in titles]
            if any(step.stage_id is None for step in blueprint.steps):
                choices.append(("", "(no stage)"))
        box = self.stage
        if [(box.itemData(i), box.itemText(i)) for i in range(box.count())] == choices:
            return
        chosen = box.currentData()
        box.blockSignals(True)
        try:
            box.clear()
            for value, text in choices:
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
        finally:
            box.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        self.proxy.set_filter(
            PainPointFilter(
                perspective=self.perspective.currentData(),
                min_severity=int(self.severity.currentData() or 1),
                stage=self.stage.currentData(),
                evidence=self.evidence.currentData(),
                resolved=self.resolved.currentData() or RESOLVED_SHOWN,
            )
        )
        self._show_count()

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self._blueprint() is None:
            text = NO_BLUEPRINT
        elif total == 0:
            text = NO_PAIN_POINTS
        elif shown == total:
            text = "1 pain point" if total == 1 else f"{total} pain points"
        else:
            text = f"{shown} of {total} pain points"
        self.count.setText(text)

    # -- the selection ------------------------------------------------------------------------

    def selected_pain_point_ids(self) -> list[str]:
        """The selected pain points, in the order the table shows them."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(ID_ROLE) for row in rows]

    def select_pain_points(
        self, pain_point_ids: list[str], *, current: str | None = None, quiet: bool = False
    ) -> None:
        """Select these pain points (those shown); ``current`` (or the first) gets the
        focus rectangle."""
        selection = QItemSelection()
        first = None
        for pain_id in pain_point_ids:
            row = self.model.row_of(pain_id)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            first = first or index
            if pain_id == current:
                first = index
            selection.select(index, index.siblingAtColumn(len(COLUMNS) - 1))
        model = self.table.selectionModel()
        model.blockSignals(quiet)
        try:
            flags = QItemSelectionModel.SelectionFlag
            model.select(selection, flags.ClearAndSelect | flags.Rows)
            if first is not None:
                model.setCurrentIndex(first, flags.NoUpdate)
                self.table.scrollTo(first)
        finally:
            model.blockSignals(False)

    def _selection_changed(self) -> None:
        self.selection_changed.emit(self.selected_pain_point_ids())

    def _current_id(self) -> str | None:
        ids = self.selected_pain_point_ids()
        current = self.table.currentIndex().data(ID_ROLE)
        if current in ids:
            return current
        return ids[0] if ids else None

    # -- what it asks for ------------------------------------------------------------------------

    @property
    def _writable(self) -> bool:
        document = self.document
        return document is not None and isValid(document) and not document.read_only

    def jump(self) -> None:
        pain_id = self._current_id()
        if pain_id is not None:
            self.jump_requested.emit(pain_id)

    def edit(self) -> None:
        pain_id = self._current_id()
        if pain_id is not None and self._writable:
            self.edit_requested.emit(pain_id)

    def delete(self) -> None:
        ids = self.selected_pain_point_ids()
        if ids and self._writable:
            self.delete_requested.emit(ids)

    def build_menu(self) -> QMenu:
        """The context menu for the selected pain points, with the entries other parts
        provide after the dock's own."""
        ids = self.selected_pain_point_ids()
        menu = QMenu(self)
        menu.setObjectName("painPointsMenu")
        on_card = False
        if ids:
            row = self.model.row_of(self._current_id() or ids[0])
            on_card = row >= 0 and self.model.rows[row].entry.card_id is not None
        for name, text, enabled, do in (
            (
                "painPointJumpAction",
                f"Show {'Card' if on_card else 'Step'} on the Map\tEnter",
                bool(ids),
                self.jump,
            ),
            ("painPointEditAction", "Edit…\tF2", len(ids) == 1 and self._writable, self.edit),
            (
                "painPointDeleteAction",
                "Delete\tDel" if len(ids) <= 1 else f"Delete {len(ids)} Pain Points\tDel",
                bool(ids) and self._writable,
                self.delete,
            ),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.setEnabled(enabled)
            action.triggered.connect(do)
        if self.menu_providers:
            menu.addSeparator()
            for provide in self.menu_providers:
                provide(menu, list(ids))
        return menu

    def _context_menu(self, position: QPoint) -> None:
        if self.menu is not None and isValid(self.menu):
            with suppress(RuntimeError):
                self.menu.deleteLater()
        self.menu = self.build_menu()
        self.menu.popup(self.table.viewport().mapToGlobal(position))


class PainPointsDock(QDockWidget):
    """The dock around the list; it offers the list's selection and context-menu hook too,
    so other parts can reach them from the dock (``painPointsDock``) or its widget."""

    selection_changed = Signal(list)  # the selected pain points' ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Pain Points", parent)
        self.setObjectName("painPointsDock")
        self.setAccessibleName("Pain Points")
        self.panel = PainPointsPanel()
        self.setWidget(self.panel)
        self.panel.selection_changed.connect(self.selection_changed)

    @property
    def menu_providers(self) -> list[MenuProvider]:
        return self.panel.menu_providers

    @property
    def table(self) -> PainPointsTable:
        return self.panel.table

    def selected_pain_point_ids(self) -> list[str]:
        return self.panel.selected_pain_point_ids()

    def select_pain_points(self, pain_point_ids: list[str]) -> None:
        self.panel.select_pain_points(pain_point_ids)
