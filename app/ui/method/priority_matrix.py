"""The prioritisation matrix: ranked opportunities as numbered, labelled points with their
benefit (need × impact) up and their feasibility across, in four quadrants; those that
must prepare the ground first are listed beside it, not plotted. A click selects, a
double-click (or Enter) edits."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.analysis.priority import (
    FEASIBILITY_LINE,
    PREPARE,
    QUADRANTS,
    SCORE_TOP,
    Priority,
    benefit_axis,
    benefit_line,
)
from app.canvas.tooltips import plain_tip

RADIUS = 11.0
MARGINS = (50.0, 12.0, 14.0, 54.0)  # left, top, right, bottom, around the plot
LABEL_CHARS = 32
BENEFIT_TITLE = "Benefit: need × impact →"
SHORT_BENEFIT_TITLE = "Benefit →"
UNDER_HEIGHT = 110  # the Prepare the ground first list under a narrow matrix
QUADRANT_FILLS = {
    "Do first": QColor("#e3f1dc"),
    "Plan": QColor("#e3ecf7"),
    "Fit in": QColor("#f7f3e3"),
    "Reconsider": QColor("#f0f0f0"),
}
QUADRANT_TEXT = QColor("#6a6a6a")
GRID = QColor("#cfcfcf")
DIVIDER = QColor("#8c8c8c")
AXIS_TEXT = QColor("#444444")
QUICK_WIN = QColor("#2a6f3f")
OTHER = QColor("#1f5fa8")
EXEMPLAR = QColor("#c08a00")
SELECTED = QColor("#111111")
HALO = QColor(255, 196, 0, 140)
LABEL_BACK = QColor(255, 255, 255, 225)
EMPTY_TEXT = (
    "No ranked opportunities yet. A candidate is placed here once senior management "
    "interest, operational capacity and team capability are each scored 3 or more."
)


@dataclass
class PlacedPoint:
    priority: Priority
    centre: QPointF
    label: QRectF
    text: str


def short_title(title: str, chars: int = LABEL_CHARS) -> str:
    title = " ".join(title.split())
    return title if len(title) <= chars else title[: chars - 1].rstrip() + "…"


class PriorityMatrix(QWidget):
    """The plot. ``show_priorities`` gives it every candidate (the ranked ones are drawn);
    ``set_selected`` highlights; ``clicked``/``activated`` name the opportunity."""

    clicked = Signal(str)  # opportunity id
    activated = Signal(str)  # opportunity id: edit it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priorityMatrix")
        self.setAccessibleName("Prioritisation matrix")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(300, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.priorities: list[Priority] = []
        self.selected: set[str] = set()
        self.points: list[PlacedPoint] = []
        self.step = 1.0
        self.benefit_top = 4.0
        self.line = 0.0
        self._placed_for: QSize | None = None

    def sizeHint(self) -> QSize:
        return QSize(520, 330)

    # -- what it shows ---------------------------------------------------------------------

    def show_priorities(self, priorities: list[Priority]) -> None:
        self.priorities = [p for p in priorities if p.ranked]
        self.line = benefit_line(self.priorities)
        self.benefit_top, self.step = benefit_axis(self.priorities)
        self.setAccessibleDescription(self._description())
        self._placed_for = None
        self.update()

    def set_selected(self, ids: list[str]) -> None:
        if set(ids) != self.selected:
            self.selected = set(ids)
            self.update()

    def plot_rect(self) -> QRectF:
        left, top, right, bottom = MARGINS
        return QRectF(left, top, self.width() - left - right, self.height() - top - bottom)

    def position_of(self, feasibility: float, benefit: float) -> QPointF:
        """Where a candidate of that feasibility (0-5) and benefit goes, in widget pixels."""
        plot = self.plot_rect()
        x = plot.left() + feasibility / SCORE_TOP * plot.width()
        y = plot.bottom() - benefit / self.benefit_top * plot.height()
        return QPointF(x, y)

    def point_position(self, opportunity_id: str) -> QPointF | None:
        """The centre of an opportunity's point as drawn, or None when it is not plotted."""
        self._place()
        return next((p.centre for p in self.points if p.priority.id == opportunity_id), None)

    def point_at(self, position: QPointF) -> str | None:
        """The opportunity whose point (or else label) is at ``position``."""
        self._place()
        near = [
            (math.dist((p.centre.x(), p.centre.y()), (position.x(), position.y())), p)
            for p in self.points
        ]
        near = [(distance, p) for distance, p in near if distance <= RADIUS + 3]
        if near:
            return min(near, key=lambda pair: pair[0])[1].priority.id
        labelled = [p for p in self.points if p.label.contains(position)]
        return labelled[-1].priority.id if labelled else None

    # -- placing ---------------------------------------------------------------------------

    def _place(self) -> None:
        if self._placed_for == self.size():
            return
        self._placed_for = self.size()
        metrics = QFontMetricsF(self._label_font(bold=True))  # the wider, when selected
        seen: dict[tuple[float, float], int] = {}
        circles: list[QRectF] = []
        self.points = []
        for priority in self.priorities:
            centre = self.position_of(priority.feasibility, priority.benefit)
            key = (round(priority.feasibility, 2), round(priority.benefit, 2))
            nudge = seen.get(key, 0)
            seen[key] = nudge + 1
            if nudge:  # the same place as another: a little row beside it
                centre += QPointF((nudge % 3) * 2.2 * RADIUS, -(nudge // 3) * 2.2 * RADIUS)
            circles.append(_square(centre, RADIUS + 2))
            self.points.append(PlacedPoint(priority, centre, QRectF(), ""))
        bounds = QRectF(2, 2, self.width() - 4, self.plot_rect().bottom() - 2)
        labels: list[QRectF] = []
        for point in self.points:
            point.text = short_title(point.priority.title)
            width = metrics.horizontalAdvance(point.text) + 8
            height = metrics.height() + 2
            point.label = _free_spot(point.centre, width, height, circles, labels, bounds)
            labels.append(point.label)

    def _label_font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() - 0.5))
        font.setBold(bold)
        return font

    def _small_font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
        font.setBold(bold)
        return font

    # -- drawing ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        plot = self.plot_rect()
        if plot.width() > 40 and plot.height() > 40:
            self._draw_quadrants(painter, plot)
            self._draw_axes(painter, plot)
            self._place()
            if not self.points:
                painter.setPen(AXIS_TEXT)
                flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
                painter.drawText(plot.adjusted(24, 24, -24, -24), int(flags), EMPTY_TEXT)
            self._draw_labels(painter)
            self._draw_points(painter)
            self._draw_key(painter, plot)
        painter.end()

    def _split(self) -> QPointF:
        """Where the dividing lines cross (half way up when nothing is ranked)."""
        return self.position_of(FEASIBILITY_LINE, self.line or self.benefit_top / 2)

    def _draw_quadrants(self, painter: QPainter, plot: QRectF) -> None:
        split = self._split()
        painter.setFont(self._label_font(bold=True))
        for name, high_benefit, feasible, _meaning in QUADRANTS:
            left = split.x() if feasible else plot.left()
            right = plot.right() if feasible else split.x()
            top = plot.top() if high_benefit else split.y()
            bottom = split.y() if high_benefit else plot.bottom()
            area = QRectF(QPointF(left, top), QPointF(right, bottom))
            painter.fillRect(area, QUADRANT_FILLS[name])
            painter.setPen(QUADRANT_TEXT)
            across = Qt.AlignmentFlag.AlignRight if feasible else Qt.AlignmentFlag.AlignLeft
            up = Qt.AlignmentFlag.AlignTop if high_benefit else Qt.AlignmentFlag.AlignBottom
            painter.drawText(area.adjusted(6, 3, -6, -3), int(across | up), name)
        painter.setPen(QPen(DIVIDER, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(split.x(), plot.top()), QPointF(split.x(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), split.y()), QPointF(plot.right(), split.y()))

    def _draw_axes(self, painter: QPainter, plot: QRectF) -> None:
        small = self._small_font()
        metrics = QFontMetricsF(small)
        painter.setFont(small)
        painter.setPen(QPen(GRID, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(plot)
        for k in range(SCORE_TOP + 1):
            x = plot.left() + k / SCORE_TOP * plot.width()
            painter.setPen(GRID)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            painter.setPen(AXIS_TEXT)
            text = str(k)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x - width / 2, plot.bottom() + 5 + metrics.ascent()), text)
        steps = round(self.benefit_top / self.step)
        for k in range(steps + 1):
            value = self.step * k
            y = plot.bottom() - k / steps * plot.height()
            painter.setPen(GRID)
            painter.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y))
            painter.setPen(AXIS_TEXT)
            text = f"{value:g}"
            width = metrics.horizontalAdvance(text)
            baseline = y + metrics.ascent() / 2 - 1
            painter.drawText(QPointF(plot.left() - 7 - width, baseline), text)
        painter.setFont(self._small_font(bold=True))
        row = QRectF(plot.left(), plot.bottom() + 5 + metrics.height(), plot.width(), 18)
        painter.drawText(row, int(Qt.AlignmentFlag.AlignHCenter), "Feasibility →")
        painter.save()
        painter.translate(12, plot.center().y())
        painter.rotate(-90)
        along = QRectF(-plot.height() / 2, -9, plot.height(), 18)
        painter.drawText(along, int(Qt.AlignmentFlag.AlignCenter), self.benefit_title())
        painter.restore()

    def benefit_title(self) -> str:
        """The vertical axis's title, shortened when the plot is too low for all of it."""
        metrics = QFontMetricsF(self._small_font(bold=True))
        if metrics.horizontalAdvance(BENEFIT_TITLE) <= self.plot_rect().height():
            return BENEFIT_TITLE
        return SHORT_BENEFIT_TITLE

    def _draw_labels(self, painter: QPainter) -> None:
        for point in self.points:
            chosen = point.priority.id in self.selected
            painter.setFont(self._label_font(bold=chosen))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(LABEL_BACK)
            painter.drawRoundedRect(point.label, 3, 3)
            painter.setPen(SELECTED if chosen else AXIS_TEXT)
            painter.drawText(point.label, int(Qt.AlignmentFlag.AlignCenter), point.text)

    def _draw_points(self, painter: QPainter) -> None:
        number_font = self._label_font(bold=True)
        # The selected ones last, so they are on top.
        for point in sorted(self.points, key=lambda p: p.priority.id in self.selected):
            chosen = point.priority.id in self.selected
            centre = point.centre
            if chosen:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(HALO)
                painter.drawEllipse(centre, RADIUS + 7, RADIUS + 7)
            if point.priority.exemplar:
                painter.setPen(QPen(EXEMPLAR, 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, RADIUS + 2.5, RADIUS + 2.5)
            painter.setPen(QPen(SELECTED if chosen else QColor("white"), 2 if chosen else 1.5))
            painter.setBrush(QUICK_WIN if point.priority.quick_win else OTHER)
            painter.drawEllipse(centre, RADIUS, RADIUS)
            painter.setFont(number_font)
            painter.setPen(QColor("white"))
            rank = str(point.priority.rank)
            painter.drawText(_square(centre, RADIUS), int(Qt.AlignmentFlag.AlignCenter), rank)

    def _draw_key(self, painter: QPainter, plot: QRectF) -> None:
        small = self._small_font()
        painter.setFont(small)
        metrics = QFontMetricsF(small)
        y = self.height() - 8
        x = plot.left()
        for text, colour, ring in (
            ("quick win", QUICK_WIN, False),
            ("other", OTHER, False),
            ("exemplar", OTHER, True),
            ("numbers are ranks", None, False),
        ):
            width = (15 if colour else 0) + metrics.horizontalAdvance(text)
            if x + width > self.width() - 4:
                break
            if colour is not None:
                centre = QPointF(x + 5, y - metrics.ascent() / 2 + 1)
                if ring:
                    painter.setPen(QPen(EXEMPLAR, 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawEllipse(centre, 7, 7)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawEllipse(centre, 5, 5)
            painter.setPen(AXIS_TEXT)
            painter.drawText(QPointF(x + width - metrics.horizontalAdvance(text), y), text)
            x += width + 16

    # -- input -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.point_at(event.position())
            if hit is not None:
                self.clicked.emit(hit)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.point_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and hit is not None:
            self.activated.emit(hit)
            return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.point_at(event.position())
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if hit is not None else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrow keys go through the ranks; Enter edits the selected one."""
        key = event.key()
        ranked = [p.id for p in self.priorities]
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Down)
        current = next((n for n, i in enumerate(ranked) if i in self.selected), None)
        if ranked and key in arrows:
            forward = key in (Qt.Key.Key_Right, Qt.Key.Key_Down)
            if current is None:
                target = 0 if forward else len(ranked) - 1
            else:
                target = max(0, min(len(ranked) - 1, current + (1 if forward else -1)))
            self.clicked.emit(ranked[target])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self.activated.emit(ranked[current])
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            hit = self.point_at(QPointF(event.pos()))
            priority = next((p for p in self.priorities if p.id == hit), None)
            if priority is None:
                QToolTip.hideText()
                event.ignore()
                return True
            text = "\n".join([priority.title, *priority.reasons])
            QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def _description(self) -> str:
        if not self.priorities:
            return "No ranked opportunities."
        return "; ".join(
            f"{p.rank}. {p.title}: benefit {p.benefit:.1f}, feasibility {p.feasibility:.1f}"
            for p in self.priorities
        )


def _square(centre: QPointF, half: float) -> QRectF:
    return QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)


def _free_spot(
    centre: QPointF,
    width: float,
    height: float,
    circles: list[QRectF],
    labels: list[QRectF],
    bounds: QRectF,
) -> QRectF:
    """A place for a point's label beside it: right, left, above, below or diagonally,
    whichever covers least of the points (worst), the other labels and the space outside
    ``bounds``; the first such in that order."""
    gap = RADIUS + 4
    x, y = centre.x(), centre.y()
    spots = [
        QRectF(x + gap, y - height / 2, width, height),
        QRectF(x - gap - width, y - height / 2, width, height),
        QRectF(x - width / 2, y - gap - height, width, height),
        QRectF(x - width / 2, y + gap, width, height),
        QRectF(x + gap - 4, y - gap - height + 4, width, height),
        QRectF(x + gap - 4, y + gap - 4, width, height),
        QRectF(x - gap - width + 4, y - gap - height + 4, width, height),
        QRectF(x - gap - width + 4, y + gap - 4, width, height),
    ]

    def area(rect: QRectF) -> float:
        return max(0.0, rect.width()) * max(0.0, rect.height())

    def clash(spot: QRectF) -> float:
        outside = area(spot) - area(spot.intersected(bounds))
        on_points = sum(area(spot.intersected(c)) for c in circles)
        on_labels = sum(area(spot.intersected(other)) for other in labels)
        return 20 * on_points + 4 * outside + on_labels

    return min(spots, key=clash)


class PrepareList(QListWidget):
    """The candidates that must prepare the ground first, each with what it is missing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepareGroundList")
        self.setAccessibleName(PREPARE)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSpacing(2)

    def show_priorities(self, priorities: list[Priority]) -> None:
        self.blockSignals(True)
        self.clear()
        for priority in priorities:
            if priority.ranked:
                continue
            item = QListWidgetItem(f"{priority.title}\nneeds {priority.missing_text}")
            item.setData(Qt.ItemDataRole.UserRole, priority.id)
            item.setToolTip(plain_tip("\n".join(priority.reasons)))
            self.addItem(item)
        self.blockSignals(False)

    def select_ids(self, ids: list[str]) -> None:
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in ids)
        self.blockSignals(False)

    def ids(self) -> list[str]:
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]


class PriorityMatrixPanel(QWidget):
    """The matrix with the "Prepare the ground first" list beside it (under it when the
    panel is narrow)."""

    SIDE_BY_SIDE = 560  # narrower than this, the list goes under the matrix

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priorityMatrixPanel")
        self.matrix = PriorityMatrix()
        self.prepare = PrepareList()
        heading = QLabel(f"{PREPARE}: not ranked until all three conditions are met")
        heading.setObjectName("prepareGroundHeading")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        heading.setBuddy(self.prepare)
        self.side = QWidget()
        self.side.setObjectName("prepareGroundSide")
        column = QVBoxLayout(self.side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading)
        column.addWidget(self.prepare, 1)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.box.addWidget(self.matrix, 1)
        self.box.addWidget(self.side)
        self._arrange(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def _arrange(self, width: int) -> None:
        if width >= self.SIDE_BY_SIDE:
            self.box.setDirection(QBoxLayout.Direction.LeftToRight)
            self.side.setFixedWidth(max(180, min(260, width // 3)))
            self.side.setMinimumHeight(0)
            self.side.setMaximumHeight(16_777_215)
        else:
            self.box.setDirection(QBoxLayout.Direction.TopToBottom)
            self.side.setMinimumWidth(0)
            self.side.setMaximumWidth(16_777_215)
            # Fixed, not only at most: its wrapped heading would otherwise ask the layout
            # for more height than the panel's minimum size says, and cover the matrix's key.
            self.side.setFixedHeight(UNDER_HEIGHT)

    def show_priorities(self, priorities: list[Priority]) -> None:
        self.matrix.show_priorities(priorities)
        self.prepare.show_priorities(priorities)

    def set_selected(self, ids: list[str]) -> None:
        self.matrix.set_selected(ids)
        self.prepare.select_ids(ids)
