"""The small dialog a block of spreadsheet cells asks on Paste: are its rows lanes or
steps, may it add lanes and steps, with a line saying what the paste will make. The
choices are remembered for the next paste."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.paste_block import Grid, Placement, place
from app.ui.settings import Setting, Settings

ROWS_AS = Setting("paste/block_rows_as", str, "lanes", "a pasted block's rows: lanes or steps")
ADD_AS_NEEDED = Setting(
    "paste/block_add_as_needed", str, "no", "whether a pasted block may add lanes and steps"
)


class PasteBlockDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        grid: Grid,
        anchor: tuple[int, int],
        size: tuple[int, int],
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pasteBlockDialog")
        self.setWindowTitle("Paste cells")
        self.setAccessibleName("Paste cells from a spreadsheet")
        self.grid, self.anchor, self.size = grid, anchor, size
        self.settings = settings or Settings.in_data_folder()
        rows, columns = len(grid), len(grid[0]) if grid else 0
        intro = QLabel(
            f"The clipboard holds a block of cells from a spreadsheet: "
            f"{_count(rows, 'row')} and {_count(columns, 'column')}. Each cell that is not "
            "empty becomes a card, from the chosen cell on."
        )
        intro.setObjectName("pasteBlockIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.as_lanes = QRadioButton("Rows are &lanes (columns are steps)")
        self.as_lanes.setObjectName("pasteRowsAsLanes")
        self.as_steps = QRadioButton("Rows are &steps (columns are lanes)")
        self.as_steps.setObjectName("pasteRowsAsSteps")
        group = QButtonGroup(self)
        for button in (self.as_lanes, self.as_steps):
            group.addButton(button)
        rows_as = self.settings.value(ROWS_AS)
        (self.as_steps if rows_as == "steps" else self.as_lanes).setChecked(True)
        self.add_as_needed = QCheckBox("&Add lanes and steps as needed")
        self.add_as_needed.setObjectName("pasteAddAsNeeded")
        self.add_as_needed.setChecked(self.settings.value(ADD_AS_NEEDED) == "yes")
        self.preview = QLabel()
        self.preview.setObjectName("pasteBlockPreview")
        self.preview.setAccessibleName("What the paste will make")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setMinimumWidth(380)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.paste_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.paste_button.setText("&Paste")
        self.paste_button.setObjectName("pasteButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.as_lanes)
        box.addWidget(self.as_steps)
        box.addWidget(self.add_as_needed)
        box.addSpacing(6)
        box.addWidget(self.preview)
        box.addWidget(buttons)
        for button in (self.as_lanes, self.as_steps, self.add_as_needed):
            button.toggled.connect(self._update)
        self._update()

    def placement(self) -> Placement:
        return place(
            self.grid,
            self.as_lanes.isChecked(),
            self.anchor,
            self.size,
            self.add_as_needed.isChecked(),
        )

    def _update(self) -> None:
        placement = self.placement()
        self.preview.setText(placement.describe())
        self.paste_button.setEnabled(bool(placement.cells))

    def ask(self) -> Placement | None:
        """Show the dialog; the placement chosen (remembered for next time), or None."""
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.set_value(ROWS_AS, "lanes" if self.as_lanes.isChecked() else "steps")
        self.settings.set_value(ADD_AS_NEEDED, "yes" if self.add_as_needed.isChecked() else "no")
        self.settings.sync()
        return self.placement()


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"
