"""The Findings dock's panel: what to analyse (the blueprint shown, or all), the findings
grouped by family, each a title over its sentence with the items it names below it, and
the numbers they rest on. It shows an analysis and says what the user asks for; the
window part (findings.py) runs the analysis and acts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.analysis.findings import FAMILIES, Analysis, Finding, ItemRef
from app.analysis.findings_text import summary_line
from app.canvas.tooltips import plain_tip
from app.ui.analysis.findings_delegate import SENTENCE_ROLE, FindingDelegate
from app.ui.analysis.findings_jump import KIND_WORDS

FINDING_ROLE = Qt.ItemDataRole.UserRole + 11  # the finding's index in the analysis
ITEM_ROLE = Qt.ItemDataRole.UserRole + 12  # on item rows: the item's index in its finding
SHOWN, ALL = "shown", "all"
SCOPES = ((SHOWN, "Blueprint shown"), (ALL, "All blueprints"))
NOTHING = "Nothing to report: no duplicated data, loops, gaps or other findings."
NO_PROJECT = "Open a project to see what the analysis finds."
NO_BLUEPRINT = "Show a blueprint to see what the analysis finds in it."


class FindingsTree(QTreeWidget):
    """Keeps Enter and Copy (Ctrl+C) while focused: the window's actions with those keys
    act on the canvas's cards."""

    enter_pressed = Signal()
    copy_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if event.matches(QKeySequence.StandardKey.Copy) or (
                plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            ):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_pressed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
        else:
            super().keyPressEvent(event)


class FindingsPanel(QWidget):
    scope_changed = Signal(str)  # SHOWN or ALL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.setAccessibleName("Findings")
        self.analysis: Analysis | None = None

        self.scope = QComboBox()
        self.scope.setObjectName("findingsScopeCombo")
        self.scope.setAccessibleName("Which blueprints to analyse")
        for key, text in SCOPES:
            self.scope.addItem(text, key)
        scope_label = QLabel("&Show:")
        scope_label.setBuddy(self.scope)
        self.count = QLabel()
        self.count.setObjectName("findingsCount")
        self.count.setAccessibleName("How many findings")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(scope_label)
        row.addWidget(self.scope, 1)
        row.addWidget(self.count)

        self.tree = FindingsTree()
        self.tree.setObjectName("findingsTree")
        self.tree.setAccessibleName("Findings by family")
        self.tree.setAccessibleDescription(
            "Enter or a double-click shows the first item on the map; Ctrl+C copies the "
            "sentences; the context menu goes to each item"
        )
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(FindingDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Rows wrap to the column's width: lay them out again when it changes.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(50)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        self.tree.header().sectionResized.connect(lambda *_args: self._relayout.start())

        self.empty = QLabel(NO_PROJECT)
        self.empty.setObjectName("findingsEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)  # muted
        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        self.summary.setAccessibleName("The numbers behind the findings")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(row)
        column.addWidget(self.tree, 1)
        column.addWidget(self.empty)
        column.addWidget(self.summary)
        self.scope.currentIndexChanged.connect(lambda _i: self.scope_changed.emit(self.scope_key()))
        self.show_analysis(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout.start()

    def scope_key(self) -> str:
        return self.scope.currentData() or SHOWN

    # -- showing an analysis -------------------------------------------------------------------

    def show_analysis(self, analysis: Analysis | None, empty: str = NO_PROJECT) -> None:
        """List ``analysis`` (None: nothing to analyse, ``empty`` says why), keeping the
        current finding or item when it is still there and the families the user had
        collapsed."""
        kept = self._current_key()
        collapsed = {
            self.tree.topLevelItem(n).text(0).rsplit(" (", 1)[0]
            for n in range(self.tree.topLevelItemCount())
            if not self.tree.topLevelItem(n).isExpanded()
        }
        self.analysis = analysis
        self.tree.clear()
        findings = analysis.findings if analysis is not None else ()
        everything = analysis is not None and analysis.blueprint_id is None
        restore: QTreeWidgetItem | None = None
        for family in FAMILIES:
            chosen = [f for f in findings if f.family == family]
            if not chosen:
                continue
            top = QTreeWidgetItem([f"{family.value} ({len(chosen)})"])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for finding in chosen:
                number = findings.index(finding)
                row = self._finding_row(finding, number, everything)
                top.addChild(row)
                if kept == _key(finding, None):
                    restore = row
                for at, item in enumerate(finding.items):
                    words = KIND_WORDS.get(item.kind, item.kind)
                    child = QTreeWidgetItem([f"{words}: {item.name}"])
                    child.setData(0, FINDING_ROLE, number)
                    child.setData(0, ITEM_ROLE, at)
                    child.setToolTip(0, "Double-click or press Enter to show it on the map")
                    row.addChild(child)
                    if kept == _key(finding, item):
                        restore = child
            top.setExpanded(family.value not in collapsed)
        if restore is not None:
            parent = restore.parent()
            while parent is not None:
                parent.setExpanded(True)
                parent = parent.parent()
            self.tree.setCurrentItem(restore)
        self._show_numbers(analysis, empty)

    def _finding_row(self, finding: Finding, number: int, everything: bool) -> QTreeWidgetItem:
        title = finding.title
        if everything and finding.blueprint_name:
            title = f"{finding.blueprint_name} · {title}"
        row = QTreeWidgetItem([title])
        row.setData(0, SENTENCE_ROLE, finding.sentence)
        row.setData(0, FINDING_ROLE, number)
        row.setToolTip(0, plain_tip(finding.sentence))
        row.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}. {finding.sentence}")
        return row

    def _show_numbers(self, analysis: Analysis | None, empty: str) -> None:
        if analysis is None:
            self.count.setText("")
            self.empty.setText(empty)
            self.empty.show()
            self.summary.setText("")
            return
        count = len(analysis.findings)
        self.count.setText(f"{count} finding{'' if count == 1 else 's'}")
        self.empty.setText(NOTHING)
        self.empty.setVisible(count == 0)
        self.summary.setText("\n".join(f"{s.name}: {summary_line(s)}." for s in analysis.summaries))

    # -- what is chosen ------------------------------------------------------------------------

    def finding_of(self, row: QTreeWidgetItem | None) -> Finding | None:
        """The finding of a finding's row or of one of its items' rows."""
        number = row.data(0, FINDING_ROLE) if row is not None else None
        if number is None or self.analysis is None:
            return None
        return self.analysis.findings[number]

    def item_of(self, row: QTreeWidgetItem | None) -> ItemRef | None:
        """The item of an item's row."""
        finding = self.finding_of(row)
        at = row.data(0, ITEM_ROLE) if row is not None else None
        return None if finding is None or at is None else finding.items[at]

    def chosen_findings(self) -> list[Finding]:
        """The selected findings (a family: all of its findings; an item: its finding), in
        the order listed; all of them when nothing is selected."""
        rows = self.tree.selectedItems() or [
            self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount())
        ]
        picked: set[int] = set()
        for row in rows:
            if row.data(0, FINDING_ROLE) is None:  # a family: all its findings
                picked.update(row.child(n).data(0, FINDING_ROLE) for n in range(row.childCount()))
            else:
                picked.add(row.data(0, FINDING_ROLE))
        findings = self.analysis.findings if self.analysis is not None else ()
        chosen = [finding for n, finding in enumerate(findings) if n in picked]
        return chosen

    def current_target(self) -> ItemRef | None:
        """What Enter shows: the current item, or the first item of the current finding."""
        row = self.tree.currentItem()
        item = self.item_of(row)
        if item is not None:
            return item
        finding = self.finding_of(row)
        return finding.items[0] if finding is not None and finding.items else None

    def _current_key(self) -> tuple | None:
        row = self.tree.currentItem()
        finding = self.finding_of(row)
        if finding is None:
            return None
        return _key(finding, self.item_of(row))


def _key(finding: Finding, item: ItemRef | None) -> tuple:
    return (finding.kind, finding.blueprint_id, finding.title, item)
