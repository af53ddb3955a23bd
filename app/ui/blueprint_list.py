"""The project's blueprints, one row each: name, kind and how big it is."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.canvas.tooltips import plain_tip
from app.model.structure import Blueprint
from app.ui.queries import BlueprintCounts

COLUMNS = ("Blueprint", "Kind", "Stages", "Steps", "Lanes", "Cards")
ID_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BlueprintList(QTreeWidget):
    """Emits ``blueprint_selected`` with the chosen blueprint's id (or "" for none)."""

    blueprint_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintList")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHeaderLabels(list(COLUMNS))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(56)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(2, len(COLUMNS)):
            self.headerItem().setTextAlignment(column, RIGHT)
        self.currentItemChanged.connect(self._on_current_changed)

    def show_blueprints(
        self, blueprints: list[Blueprint], counts: dict[str, BlueprintCounts]
    ) -> None:
        selected = self.selected_id()
        self.blockSignals(True)
        self.clear()
        for blueprint in blueprints:
            size = counts.get(blueprint.id, BlueprintCounts())
            item = QTreeWidgetItem(
                [
                    blueprint.name,
                    blueprint.kind.value,
                    *(f"{n:,}" for n in (size.stages, size.steps, size.lanes, size.cards)),
                ]
            )
            item.setData(0, ID_ROLE, blueprint.id)
            item.setToolTip(0, plain_tip(blueprint.name))
            for column in range(2, len(COLUMNS)):
                item.setTextAlignment(column, RIGHT)
            self.addTopLevelItem(item)
        self.blockSignals(False)
        self.select(selected or (blueprints[0].id if blueprints else ""))

    def select(self, blueprint_id: str) -> None:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item.data(0, ID_ROLE) == blueprint_id:
                self.setCurrentItem(item)
                return
        self.setCurrentItem(None)
        self.blueprint_selected.emit("")

    def selected_id(self) -> str:
        item = self.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else ""

    def rows(self) -> list[list[str]]:
        """What the list shows, row by row (for tests and accessibility checks)."""
        return [
            [self.topLevelItem(row).text(column) for column in range(len(COLUMNS))]
            for row in range(self.topLevelItemCount())
        ]

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self.blueprint_selected.emit(str(current.data(0, ID_ROLE)) if current else "")
