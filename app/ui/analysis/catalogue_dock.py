"""The Systems Catalogue dock's widget: each system with its owner and how many cards use it,
the data items it holds under it, and data held by another system too said in words
("also held in: …"). It shows rows and says what the user asked for; the part that
installs it (catalogue.py) turns the requests into commands."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.canvas.tooltips import plain_tip
from app.ui.analysis.catalogue_model import SystemRow, counted_cards
from app.ui.own_keys import claims_key
from app.ui.properties.fields import muted

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "system" or "data item"
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2  # the second line under a name, never edited
NOTE_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3
DUPLICATED = QColor("#8a4b00")  # dark amber: the words say it too
OWN_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter)
EMPTY = "No systems yet. Add the systems staff use (Insert, or the + button)."
NAME = 0


class TwoLineDelegate(QStyledItemDelegate):
    """Draws a row's name with its note on a second, smaller line (a system's owner and
    cards, where a data item is also held); editing (F2) changes only the name, on the
    first line."""

    def _lines(self, option: QStyleOptionViewItem) -> tuple[int, int]:
        first = option.fontMetrics.lineSpacing()
        return first, QFontMetrics(self._small(option.font)).lineSpacing()

    @staticmethod
    def _small(font: QFont) -> QFont:
        small = QFont(font)
        small.setBold(False)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        return small

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        note = index.data(NOTE_ROLE)
        if not note:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        box = box.adjusted(3, 2, -3, -2)
        first, second = self._lines(opt)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        highlighted = opt.palette.color(group, QPalette.ColorRole.HighlightedText)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(highlighted if selected else opt.palette.color(QPalette.ColorRole.Text))
        if not selected and index.data(Qt.ItemDataRole.ForegroundRole) is not None:
            painter.setPen(index.data(Qt.ItemDataRole.ForegroundRole).color())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        elided = opt.fontMetrics.elidedText(name, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(QRect(box.x(), box.y(), box.width(), first), align, elided)
        small = self._small(opt.font)
        painter.setFont(small)
        colour = index.data(NOTE_COLOUR_ROLE)
        muted_colour = opt.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(highlighted if selected else QColor(colour) if colour else muted_colour)
        text = QFontMetrics(small).elidedText(note, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(QRect(box.x(), box.y() + first, box.width(), second), align, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(NOTE_ROLE):
            first, second = self._lines(option)
            size.setHeight(max(size.height(), first + second + 6))
        return size

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        super().updateEditorGeometry(editor, option, index)
        if index.data(NOTE_ROLE):
            rect = editor.geometry()
            rect.setHeight(option.fontMetrics.lineSpacing() + 6)
            editor.setGeometry(rect)


class CatalogueTree(QTreeWidget):
    """The systems and their data items; keeps Insert, Delete, F2 and Enter while focused."""

    insert_pressed = Signal()
    delete_pressed = Signal()
    enter_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if claims_key(event, (*OWN_KEYS, Qt.Key.Key_Insert)):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key == Qt.Key.Key_Insert:
            self.insert_pressed.emit()
        elif key == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
        else:
            super().keyPressEvent(event)  # F2 edits the name (EditKeyPressed)


class CataloguePanel(QWidget):
    """Lists the catalogue; ``actions``: Add, Edit, Delete, Show Cards Using It (the
    buttons under the list and its context menu)."""

    renamed = Signal(str, str, str)  # "system" or "data item", its id, the new name
    current_changed = Signal()

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cataloguePanel")
        self.setAccessibleName("Systems catalogue")
        self.rows: list[SystemRow] = []
        self._filling = False
        self.editable = True

        self.tree = CatalogueTree()
        self.tree.setObjectName("catalogueTree")
        self.tree.setAccessibleName("Systems and the data they hold")
        self.tree.setAccessibleDescription(
            "Insert adds a system, Enter edits it, F2 renames, Delete deletes"
        )
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(TwoLineDelegate(self.tree))
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in actions:
            self.tree.addAction(action)

        self.empty = QLabel(EMPTY)
        self.empty.setObjectName("catalogueEmpty")
        self.empty.setAccessibleName("The catalogue is empty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        muted(self.empty)
        self.details = QLabel()
        self.details.setObjectName("catalogueDetails")
        self.details.setAccessibleName("About the system")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setObjectName("catalogueSummary")
        self.summary.setAccessibleName("Catalogue summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(f"{action.objectName()}Button")
            button.setAccessibleName(action.toolTip().split(" (")[0])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.summary)
        column.addWidget(self.tree, 1)
        column.addWidget(self.empty)
        column.addWidget(self.details)
        column.addLayout(buttons)

        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_items: self._current_changed())

    # -- showing -------------------------------------------------------------------------------

    def show_rows(self, rows: list[SystemRow]) -> None:
        """List ``rows``, keeping the current system or data item and which systems are
        expanded (a new system starts expanded)."""
        current = self.current_ids()
        collapsed = {
            item.data(0, ID_ROLE) for item in self._system_items() if not item.isExpanded()
        }
        self.rows = rows
        self._filling = True
        try:
            self.tree.clear()
            for row in rows:
                self.tree.addTopLevelItem(self._system_item(row))
            for item in self._system_items():
                item.setExpanded(item.data(0, ID_ROLE) not in collapsed)
        finally:
            self._filling = False
        self.empty.setVisible(not rows)
        duplicated = {
            item.name.casefold() for row in rows for item in row.data_items if item.also_in
        }
        summary = "1 system." if len(rows) == 1 else f"{len(rows)} systems."
        if duplicated:
            kinds = (
                "1 kind of data is"
                if len(duplicated) == 1
                else (f"{len(duplicated)} kinds of data are")
            )
            summary += f" {kinds} held in more than one system (⚠ below)."
        self.summary.setText(summary if rows else "")
        self.summary.setVisible(bool(rows))
        if current:
            self.select(current[-1]) or self.select(current[0])
        self._current_changed()

    def _system_item(self, row: SystemRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem([row.name])
        item.setData(0, ID_ROLE, row.id)
        item.setData(0, KIND_ROLE, "system")
        owner = f"Owner: {row.owner}" if row.owner else "No owner recorded"
        used = f"used by {counted_cards(row.cards)}"
        item.setData(0, NOTE_ROLE, f"{owner} · {used}")
        item.setFlags(item.flags() | self._edit_flag())
        bold = QFont(item.font(0))
        bold.setBold(True)
        item.setFont(0, bold)
        held = ", ".join(data.name for data in row.data_items) or "no data recorded"
        spoken = f"System {row.name}, {owner.lower()}, {used}, holds {held}"
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
        tip = [row.name, owner, used.capitalize()]
        if row.description:
            tip.append(row.description)
        item.setToolTip(0, plain_tip("\n".join(tip)))
        for data in row.data_items:
            child = QTreeWidgetItem([data.name])
            child.setData(0, ID_ROLE, data.id)
            child.setData(0, KIND_ROLE, "data item")
            child.setFlags(child.flags() | self._edit_flag())
            spoken = f"data item {data.name}"
            if data.also_in:
                child.setData(0, NOTE_ROLE, f"⚠ {data.note[0].upper()}{data.note[1:]}")
                child.setData(0, NOTE_COLOUR_ROLE, DUPLICATED)
                child.setForeground(0, QBrush(DUPLICATED))
                child.setToolTip(
                    0,
                    plain_tip(
                        f"{data.name}: the same data is {data.note}. Held twice, it can drift."
                    ),
                )
                spoken += f", duplicated, {data.note}"
            child.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
            item.addChild(child)
        return item

    def _edit_flag(self) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEditable if self.editable else Qt.ItemFlag.NoItemFlags

    def _system_items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _current_changed(self) -> None:
        row = self.current_system()
        if row is None:
            self.details.setText("")
            self.details.setVisible(False)
        else:
            parts = [f"{row.name}: owned by {row.owner or 'no owner recorded'}"]
            parts[0] += f", used by {counted_cards(row.cards)}."
            if row.description:
                parts.append(row.description)
            if row.duplicated:
                parts.append(
                    f"{row.duplicated} of its {len(row.data_items)} data items "
                    "are held by another system too."
                    if row.duplicated > 1
                    else "1 of its data items is held by another system too."
                )
            self.details.setText("\n".join(parts))
            self.details.setVisible(True)
        self.current_changed.emit()

    # -- what is current -------------------------------------------------------------------------

    def current_kind(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KIND_ROLE) if item is not None else None

    def current_ids(self) -> list[str]:
        """The current system's id, and the current data item's after it when one is."""
        item = self.tree.currentItem()
        if item is None:
            return []
        if item.parent() is None:
            return [item.data(0, ID_ROLE)]
        return [item.parent().data(0, ID_ROLE), item.data(0, ID_ROLE)]

    def current_system(self) -> SystemRow | None:
        ids = self.current_ids()
        return next((row for row in self.rows if ids and row.id == ids[0]), None)

    def select(self, item_id: str) -> bool:
        """Make the system or data item ``item_id`` current; False when it is not listed."""
        for system in self._system_items():
            for item in [system, *(system.child(i) for i in range(system.childCount()))]:
                if item.data(0, ID_ROLE) == item_id:
                    self.tree.setCurrentItem(item)
                    self.tree.scrollToItem(item)
                    return True
        return False

    def rename_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and self.editable:
            self.tree.editItem(item, NAME)

    # -- editing ---------------------------------------------------------------------------------

    def set_editable(self, editable: bool) -> None:
        if editable != self.editable:
            self.editable = editable
            self.show_rows(self.rows)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != NAME:
            return
        name = " ".join(item.text(NAME).split())
        item_id, kind = item.data(0, ID_ROLE), item.data(0, KIND_ROLE)
        old = self._name_of(kind, item_id)
        if not name or name == old:
            self._filling = True
            item.setText(NAME, old)  # an empty name is not taken: the old one stays
            self._filling = False
            return
        # After the editor has closed: the rename refreshes the tree, item and all.
        QTimer.singleShot(0, lambda: self.renamed.emit(kind, item_id, name))

    def _name_of(self, kind: str, item_id: str) -> str:
        for row in self.rows:
            if kind == "system" and row.id == item_id:
                return row.name
            for data in row.data_items if kind == "data item" else ():
                if data.id == item_id:
                    return data.name
        return ""
