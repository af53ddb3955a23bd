"""A short summary of one blueprint: its stages with their steps, and its lanes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.kinds import BlueprintKind
from app.model.structure import Blueprint
from app.ui.queries import BlueprintOutline

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BlueprintSummary(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintSummary")

        self.placeholder = _plain_label("")
        self.placeholder.setObjectName("summaryPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

        self.title = _plain_label("")
        self.title.setObjectName("summaryTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.kind = _plain_label("")
        self.kind.setObjectName("summaryKind")
        self.description = _plain_label("")
        self.description.setObjectName("summaryDescription")

        self.stages = _tree("stageTree", ["Stages and steps"])
        self.lanes = _tree("laneTree", ["Lanes, top to bottom", "Cards"])
        self.lanes.setRootIsDecorated(False)
        self.lanes.headerItem().setTextAlignment(1, RIGHT)
        lane_header = self.lanes.header()
        lane_header.setStretchLastSection(False)
        lane_header.setMinimumSectionSize(56)
        lane_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lane_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        lists = QHBoxLayout()
        lists.addWidget(self.stages, 1)
        lists.addWidget(self.lanes, 1)

        details = QWidget()
        layout = QVBoxLayout(details)
        layout.setContentsMargins(6, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.kind)
        layout.addWidget(self.description)
        layout.addSpacing(6)
        layout.addLayout(lists, 1)

        self.addWidget(self.placeholder)
        self.addWidget(details)
        self.show_nothing("Select a blueprint to see its stages, steps and lanes.")

    def show_nothing(self, message: str) -> None:
        self.placeholder.setText(message)
        self.setCurrentWidget(self.placeholder)

    def show_blueprint(self, blueprint: Blueprint, outline: BlueprintOutline) -> None:
        self.title.setText(blueprint.name)
        self.kind.setText(_kind_line(blueprint))
        self.description.setText(blueprint.description)
        self.description.setVisible(bool(blueprint.description))
        self._show_stages(outline)
        self._show_lanes(outline)
        self.setCurrentIndex(1)

    def _show_stages(self, outline: BlueprintOutline) -> None:
        self.stages.clear()
        groups = [*outline.stages, *([outline.loose_steps] if outline.loose_steps else [])]
        for stage in groups:
            item = QTreeWidgetItem([f"{stage.title}  ({_count(stage.step_count, 'step')})"])
            item.addChildren([QTreeWidgetItem([title]) for title in stage.steps])
            if len(stage.steps) < stage.step_count:
                more = stage.step_count - len(stage.steps)
                item.addChild(QTreeWidgetItem([f"… and {_count(more, 'more step')}"]))
            self.stages.addTopLevelItem(item)
        if outline.more_stages:
            more = _count(outline.more_stages, "more stage")
            self.stages.addTopLevelItem(QTreeWidgetItem([f"… and {more}"]))
        if not groups:
            self.stages.addTopLevelItem(QTreeWidgetItem(["No stages or steps yet"]))
        self.stages.expandAll()

    def _show_lanes(self, outline: BlueprintOutline) -> None:
        self.lanes.clear()
        for lane in outline.lanes:
            title = lane.title
            if title.casefold() != lane.kind.casefold():
                title = f"{title}  ({lane.kind} lane)"
            item = QTreeWidgetItem([title, f"{lane.cards:,}"])
            item.setTextAlignment(1, RIGHT)
            self.lanes.addTopLevelItem(item)
        if not outline.lanes:
            self.lanes.addTopLevelItem(QTreeWidgetItem(["No lanes yet"]))


def _kind_line(blueprint: Blueprint) -> str:
    if blueprint.kind is BlueprintKind.TO_BE:
        origin = blueprint.derived_from
        return f"To-be blueprint, from “{origin.name}”" if origin else "To-be blueprint"
    return "As-is blueprint"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _tree(name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setHeaderLabels(headers)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
    return tree
