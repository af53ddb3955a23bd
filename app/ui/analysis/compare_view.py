"""The compare view: two blueprints picked (the as-is and the to-be), the headline of what
the to-be changes, and its lists in tabs (cards, pain points, systems, hand-offs and
contact points). An item that stands for a card or a pain point asks to be shown on the
map when it is double-clicked or Enter is pressed on it. All text is plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.analysis.compare_model import Comparison
from app.analysis.compare_text import cards_line, headline
from app.ui.analysis.compare_items import TABS, fill_tree

TARGET = Qt.ItemDataRole.UserRole  # (kind, id) of what an item shows on the map


class CompareTree(QTreeWidget):
    """One tab's list: groups with their items; Enter shows the current item on the map."""

    activated_item = Signal(object)  # the item's (kind, id)

    def __init__(self, name: str, title: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.setHeaderLabels(["Item", "Where", "What"])
        self.setColumnCount(3)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setColumnWidth(0, 420)
        self.setColumnWidth(1, 230)
        self.itemDoubleClicked.connect(lambda item, _column: self._activate(item))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.currentItem() and self._activate(self.currentItem()):
            return
        super().keyPressEvent(event)

    def _activate(self, item: QTreeWidgetItem) -> bool:
        target = item.data(0, TARGET)
        if target:
            self.activated_item.emit(tuple(target))
            return True
        return False


class CompareView(QWidget):
    """The pickers, the headline and the tabbed lists."""

    picked = Signal()  # the user chose another as-is or to-be
    jump_requested = Signal(object)  # (kind, id): "card" or "pain point", a UUID

    def __init__(self, export: QPushButton | None = None) -> None:
        super().__init__()
        self.setObjectName("compareView")
        self.before = self._combo("compareFromCombo", "As-is blueprint")
        self.after = self._combo("compareToCombo", "To-be blueprint")
        self.swap = QPushButton("S&wap")
        self.swap.setObjectName("compareSwapButton")
        self.swap.setAccessibleName("Swap the as-is and the to-be")
        self.swap.setToolTip("Swap the as-is and the to-be")
        self.swap.clicked.connect(self._swap)
        form = QFormLayout()
        form.addRow("&As-is:", self.before)
        form.addRow("&To-be:", self.after)
        pickers = QHBoxLayout()
        pickers.addLayout(form, 1)
        pickers.addWidget(self.swap, 0, Qt.AlignmentFlag.AlignBottom)

        self.headline = self._label("compareHeadline", "What the to-be changes")
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.counts = self._label("compareCounts", "Cards added, removed, changed and moved")
        self.note = self._label("compareNote", "About this comparison")
        self.note.setStyleSheet(
            "QLabel { background: #fdf1dc; border: 1px solid #c08a00; padding: 6px; }"
        )
        self.note.hide()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("compareTabs")
        self.tabs.setAccessibleName("What changed")
        self.trees: dict[str, CompareTree] = {}
        for key, title in TABS:
            tree = CompareTree(f"compare{key.title().replace(' ', '')}Tree", title)
            tree.activated_item.connect(self.jump_requested)
            self.trees[key] = tree
            self.tabs.addTab(tree, title)

        self.buttons = QDialogButtonBox()
        self.export = export or QPushButton("&Export Report…")
        self.export.setObjectName("compareExportButton")
        self.export.setAccessibleName("Export the comparison as a PDF report")
        self.buttons.addButton(self.export, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("compareCloseButton")

        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.headline)
        layout.addWidget(self.counts)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setMinimumContentsLength(28)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.activated.connect(lambda _index: self.picked.emit())
        return combo

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- the blueprints to pick from -----------------------------------------------------------

    def set_blueprints(self, choices: list[tuple[str, str]], before: str, after: str) -> None:
        """Offer ``choices`` ((id, name) pairs) in both pickers, ``before``/``after`` chosen."""
        for combo, chosen in ((self.before, before), (self.after, after)):
            combo.blockSignals(True)
            combo.clear()
            for blueprint_id, name in choices:
                combo.addItem(name, blueprint_id)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0) if choices else -1)
            combo.blockSignals(False)

    def chosen(self) -> tuple[str | None, str | None]:
        return self.before.currentData(), self.after.currentData()

    def _swap(self) -> None:
        before, after = self.before.currentIndex(), self.after.currentIndex()
        self.before.setCurrentIndex(after)
        self.after.setCurrentIndex(before)
        self.picked.emit()

    # -- what is shown -------------------------------------------------------------------------

    def show_comparison(self, comparison: Comparison) -> None:
        line = headline(comparison)
        self.headline.setText(line[:1].upper() + line[1:])
        self.counts.setText(cards_line(comparison))
        self.note.setText(comparison.note)
        self.note.setVisible(bool(comparison.note))
        for key, title in TABS:
            tree = self.trees[key]
            expanded = _expanded(tree)
            fill_tree(tree, key, comparison, TARGET, expanded)
            self.tabs.setTabText(self.tabs.indexOf(tree), title)
        self.export.setEnabled(True)

    def show_message(self, text: str) -> None:
        """Nothing to compare: say why, and empty the lists."""
        self.headline.setText(text)
        self.counts.setText("")
        self.note.hide()
        for tree in self.trees.values():
            tree.clear()
        self.export.setEnabled(False)


def _expanded(tree: QTreeWidget) -> set[str] | None:
    """The groups open now (by their key), None the first time (then all open)."""
    if tree.topLevelItemCount() == 0:
        return None
    return {
        tree.topLevelItem(n).data(1, TARGET)
        for n in range(tree.topLevelItemCount())
        if tree.topLevelItem(n).isExpanded()
    }
