"""The merge dialog: what a colleague's copy brings in (additions, changes, deletions) and
each conflict with "Keep mine" or "Take theirs", before anything is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.canvas.tooltips import plain_tip
from app.importers.merge import MINE, THEIRS, Conflict, MergePlan


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _label(text: str, name: str = "", *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names typed by people: never markup
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class ConflictRow(QFrame):
    """One conflict: what it is, both values, and the two choices (arrow keys switch)."""

    def __init__(self, index: int, conflict: Conflict, plan: MergePlan) -> None:
        super().__init__()
        self.conflict = conflict
        self.setObjectName(f"conflict{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.addWidget(_label(conflict.summary, f"conflictSummary{index}", bold=True))
        if conflict.fields:
            grid = QGridLayout()
            grid.setHorizontalSpacing(12)
            grid.addWidget(_label("", ""), 0, 0)
            grid.addWidget(_label(plan.mine_name, bold=True), 0, 1)
            grid.addWidget(_label(plan.theirs_name, bold=True), 0, 2)
            for row, difference in enumerate(conflict.fields, start=1):
                grid.addWidget(_label(difference.field), row, 0)
                grid.addWidget(_label(difference.mine), row, 1)
                grid.addWidget(_label(difference.theirs), row, 2)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(2, 1)
            box.addLayout(grid)
        for line in conflict.details[:6]:
            box.addWidget(_label(f"• {line}"))
        if len(conflict.details) > 6:
            box.addWidget(_label(f"• and {len(conflict.details) - 6} more"))
        choices = QHBoxLayout()
        # A deletion's choices need their words; a field's are plain from the table above.
        mine_text = f"Keep mine: {conflict.keep_mine}" if conflict.deletion else "Keep mine"
        theirs_text = f"Take theirs: {conflict.take_theirs}" if conflict.deletion else "Take theirs"
        self.mine = QRadioButton(mine_text)
        self.mine.setToolTip(plain_tip(conflict.keep_mine))
        self.mine.setObjectName(f"keepMine{index}")
        self.mine.setAccessibleName(f"Keep mine for {conflict.summary}")
        self.theirs = QRadioButton(theirs_text)
        self.theirs.setToolTip(plain_tip(conflict.take_theirs))
        self.theirs.setObjectName(f"takeTheirs{index}")
        self.theirs.setAccessibleName(f"Take theirs for {conflict.summary}")
        self.group = QButtonGroup(self)
        self.group.addButton(self.mine)
        self.group.addButton(self.theirs)
        self.mine.setChecked(True)
        choices.addWidget(self.mine)
        choices.addWidget(self.theirs)
        choices.addStretch(1)
        box.addLayout(choices)

    @property
    def choice(self) -> str:
        return THEIRS if self.theirs.isChecked() else MINE

    def choose(self, side: str) -> None:
        (self.theirs if side == THEIRS else self.mine).setChecked(True)


class MergeDialog(QDialog):
    """Accepted: ``choices()`` says the side chosen for each conflict."""

    def __init__(self, parent: QWidget | None, plan: MergePlan) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("mergeDialog")
        self.setWindowTitle(f"Merge {plan.theirs_name}")
        self.setAccessibleName("Merge a copy")
        self.resize(860, 640)
        column = QVBoxLayout(self)
        column.addWidget(
            _label(f"Merge {plan.theirs_name} into {plan.mine_name}", "mergeHeading", bold=True)
        )
        counts = ", ".join(
            _count(len(entries), noun)
            for entries, noun in (
                (plan.additions, "addition"),
                (plan.changes, "change"),
                (plan.deletions, "deletion"),
                (plan.conflicts, "conflict"),
            )
        )
        column.addWidget(_label(counts, "mergeCounts"))
        for note in plan.notes:
            column.addWidget(_label(note, "mergeNote"))

        incoming = QGroupBox("What comes in")
        incoming.setObjectName("mergeIncoming")
        inside = QVBoxLayout(incoming)
        self.tree = QTreeWidget()
        self.tree.setObjectName("mergeIncomingList")
        self.tree.setAccessibleName("What comes in")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        for title, entries in (
            ("Added", plan.additions),
            ("Changed", plan.changes),
            ("Deleted", plan.deletions),
        ):
            if entries:
                top = QTreeWidgetItem([f"{title} ({len(entries):,})"])
                children = [QTreeWidgetItem([entry.words]) for entry in entries]
                for child, entry in zip(children, entries, strict=True):
                    child.setToolTip(0, plain_tip(entry.words))  # the whole line, where cut
                top.addChildren(children)
                self.tree.addTopLevelItem(top)
                top.setExpanded(True)
        if not (plan.additions or plan.changes or plan.deletions):
            self.tree.addTopLevelItem(QTreeWidgetItem(["Nothing comes in besides the conflicts"]))
        inside.addWidget(self.tree)
        column.addWidget(incoming, 1)

        self.rows: list[ConflictRow] = []
        if plan.conflicts:
            conflicts = QGroupBox(
                f"Changed in both copies: choose what to keep ({len(plan.conflicts)})"
            )
            conflicts.setObjectName("mergeConflicts")
            inside = QVBoxLayout(conflicts)
            inside.addWidget(
                _label(
                    "The side you do not keep is written down as a comment on the item "
                    "(by “Stagecraft merge”), so nothing is lost."
                )
            )
            scroll = QScrollArea()
            scroll.setObjectName("mergeConflictList")
            scroll.setWidgetResizable(True)
            holder = QWidget()
            rows = QVBoxLayout(holder)
            for index, conflict in enumerate(plan.conflicts):
                row = ConflictRow(index, conflict, plan)
                self.rows.append(row)
                rows.addWidget(row)
            rows.addStretch(1)
            scroll.setWidget(holder)
            inside.addWidget(scroll, 1)
            shortcuts = QHBoxLayout()
            self.all_mine = QPushButton("&Keep all mine")
            self.all_mine.setObjectName("keepAllMineButton")
            self.all_mine.clicked.connect(lambda: self.choose_all(MINE))
            self.all_theirs = QPushButton("Take all &theirs")
            self.all_theirs.setObjectName("takeAllTheirsButton")
            self.all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
            for button in (self.all_mine, self.all_theirs):
                button.setAutoDefault(False)
                shortcuts.addWidget(button)
            shortcuts.addStretch(1)
            inside.addLayout(shortcuts)
            column.addWidget(conflicts, 2)

        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        if self.rows:
            self.rows[0].mine.setFocus()

    def choose_all(self, side: str) -> None:
        for row in self.rows:
            row.choose(side)

    def choices(self) -> dict[str, str]:
        return {row.conflict.id: row.choice for row in self.rows}
