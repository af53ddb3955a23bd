"""A system of the catalogue in a dialog: its name, owner and description, and the data it
holds as a list one can add to, rename (F2 or double-click), remove from and reorder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.properties.fields import PlainTextField, muted

ID_ROLE = Qt.ItemDataRole.UserRole
NEW_ITEM = "new data item"


@dataclass(frozen=True)
class SystemValues:
    """What the dialog was left with: the fields, and the data items as ``(id, name)`` in
    order (id None for a new one)."""

    name: str
    owner: str
    description: str
    data_items: tuple[tuple[str | None, str], ...]

    @property
    def fields(self) -> dict[str, str]:
        return {"name": self.name, "owner": self.owner, "description": self.description}

    @property
    def names(self) -> list[str]:
        return [name for _id, name in self.data_items]


class SystemDialog(QDialog):
    """Add a system (``values`` None) or edit one. ``taken``: the names of the other
    systems, which this one may not take."""

    def __init__(
        self,
        parent: QWidget | None,
        values: SystemValues | None = None,
        taken: Sequence[str] = (),
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("systemDialog")
        self.setWindowTitle("Add system" if values is None else "Edit system")
        self.setMinimumWidth(440)
        self._taken = {" ".join(name.split()).casefold() for name in taken}

        self.name = QLineEdit()
        self.name.setPlaceholderText("GP clinical system, SMS reminder service…")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who runs it: a practice, a trust, a supplier…")
        self.description = PlainTextField(3)
        self.description.setPlaceholderText("What it is for")
        self.data_items = QListWidget()
        self.data_items.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.data_items.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.data_items.installEventFilter(self)
        self.add_item = QPushButton("&Add")
        self.remove_item = QPushButton("&Remove")
        self.move_up = QPushButton("Move U&p")
        self.move_down = QPushButton("Move Do&wn")
        for widget, name, accessible in (
            (self.name, "systemNameEdit", "System name"),
            (self.owner, "systemOwnerEdit", "Owner"),
            (self.description, "systemDescriptionEdit", "Description"),
            (self.data_items, "systemDataItemsList", "Data it holds"),
            (self.add_item, "addDataItemButton", "Add a data item"),
            (self.remove_item, "removeDataItemButton", "Remove the data item"),
            (self.move_up, "moveDataItemUpButton", "Move the data item up"),
            (self.move_down, "moveDataItemDownButton", "Move the data item down"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
        self.data_items.setAccessibleDescription(
            "One kind of data per line; Insert adds one, F2 renames, Delete removes"
        )

        buttons = QVBoxLayout()
        for button in (self.add_item, self.remove_item, self.move_up, self.move_down):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        items = QHBoxLayout()
        items.setContentsMargins(0, 0, 0, 0)
        items.addWidget(self.data_items, 1)
        items.addLayout(buttons)
        hint = QLabel(
            "Name the same data the same way in every system (say “patient contact "
            "details”), so that data held twice shows."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        muted(hint)
        data_column = QVBoxLayout()
        data_column.setContentsMargins(0, 0, 0, 0)
        data_column.addLayout(items)
        data_column.addWidget(hint)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for text, field in (
            ("&Name", self.name),
            ("&Owner", self.owner),
            ("D&escription", self.description),
            ("&Data it holds", data_column),
        ):
            caption = QLabel(text)
            caption.setBuddy(field if isinstance(field, QWidget) else self.data_items)
            form.addRow(caption, field)

        self.problem = QLabel()
        self.problem.setObjectName("systemProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("#systemProblem { color: #9a1b1b; }")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add system" if values is None else "Save")
        self.ok.setObjectName("okButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)

        if values is not None:
            self.name.setText(values.name)
            self.owner.setText(values.owner)
            self.description.setPlainText(values.description)
            for item_id, name in values.data_items:
                self._append(item_id, name)
        self.add_item.clicked.connect(self.add_data_item)
        self.remove_item.clicked.connect(self.remove_data_item)
        self.move_up.clicked.connect(lambda: self.move_data_item(-1))
        self.move_down.clicked.connect(lambda: self.move_data_item(1))
        self.name.textChanged.connect(lambda _text: self._check())
        self.data_items.currentRowChanged.connect(lambda _row: self._update_buttons())
        self._read_only = read_only
        if read_only:
            self.setWindowTitle("System (read-only project)")
            for field in (self.name, self.owner, self.description):
                field.setReadOnly(True)
            self.data_items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._check()
        self._update_buttons()
        self.name.setFocus()
        self.name.selectAll()

    # -- the data items ----------------------------------------------------------------------

    def _append(self, item_id: str | None, name: str, row: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(ID_ROLE, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.data_items.insertItem(self.data_items.count() if row is None else row, item)
        return item

    def add_data_item(self) -> None:
        """A new data item after the current one, its name ready to type over."""
        if self._read_only:
            return
        row = self.data_items.currentRow() + 1 if self.data_items.currentRow() >= 0 else None
        item = self._append(None, NEW_ITEM, row)
        self.data_items.setCurrentItem(item)
        self.data_items.setFocus()
        self.data_items.editItem(item)

    def remove_data_item(self) -> None:
        row = self.data_items.currentRow()
        if row >= 0 and not self._read_only:
            self.data_items.takeItem(row)
            self._update_buttons()

    def move_data_item(self, by: int) -> None:
        row = self.data_items.currentRow()
        target = row + by
        if self._read_only or row < 0 or not 0 <= target < self.data_items.count():
            return
        item = self.data_items.takeItem(row)
        self.data_items.insertItem(target, item)
        self.data_items.setCurrentRow(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Insert and Delete in the list add and remove data items, as in the dock."""
        if (
            watched is self.data_items
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self.data_items.state() != QAbstractItemView.State.EditingState
        ):
            if event.key() == Qt.Key.Key_Insert:
                self.add_data_item()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_data_item()
                return True
        return super().eventFilter(watched, event)

    def _update_buttons(self) -> None:
        row, count = self.data_items.currentRow(), self.data_items.count()
        editable = not self._read_only
        self.add_item.setEnabled(editable)
        self.remove_item.setEnabled(editable and row >= 0)
        self.move_up.setEnabled(editable and row > 0)
        self.move_down.setEnabled(editable and 0 <= row < count - 1)

    # -- the answer --------------------------------------------------------------------------

    def _check(self) -> None:
        name = " ".join(self.name.text().split())
        problem = ""
        if not name:
            problem = "A system needs a name."
        elif name.casefold() in self._taken:
            problem = "Another system of the catalogue already has this name."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok.setEnabled(not problem and not self._read_only)

    def values(self) -> SystemValues:
        items: list[tuple[str | None, str]] = []
        for row in range(self.data_items.count()):
            item = self.data_items.item(row)
            name = " ".join(item.text().split())
            if name:
                items.append((item.data(ID_ROLE), name))
        return SystemValues(
            " ".join(self.name.text().split()),
            self.owner.text().strip(),
            self.description.toPlainText().strip(),
            tuple(items),
        )

    def ask(self) -> SystemValues | None:
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None
