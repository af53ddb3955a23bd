"""A commented step's mark is drawn by its header, so it stays in view on the frozen header
row while the map is scrolled down under it, and is drawn once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.frozen_panes import FrozenPanes
from app.canvas.header_items import COMMENT_INSET
from app.canvas.marks import COMMENT, CommentMarkItem
from app.canvas.scene import BlueprintScene
from app.canvas.view import BlueprintView

NOTE = "1 comment by Jo\n“Does the letter say where to park?”"


def is_teal(colour: QColor) -> bool:
    return all(
        abs(a - b) < 30 for a, b in zip(colour.getRgb()[:3], COMMENT.getRgb()[:3], strict=True)
    )


def teal_in(image: QImage, box: QRect) -> int:
    box = box.intersected(image.rect())
    return sum(
        is_teal(QColor(image.pixel(x, y)))
        for x in range(box.left(), box.right() + 1)
        for y in range(box.top(), box.bottom() + 1)
    )


def around(x: float, y: float, reach: int = 7) -> QRect:
    return QRect(round(x) - reach, round(y) - reach, 2 * reach + 1, 2 * reach + 1)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How often the frozen header rows were drawn."""
    seen: list[str] = []
    original = FrozenPanes._paint_header_rows

    def spy(self, painter, layout) -> None:
        seen.append("header rows")
        original(self, painter, layout)

    monkeypatch.setattr(FrozenPanes, "_paint_header_rows", spy)
    return seen


def test_the_frozen_header_row_shows_a_step_s_comment_mark(
    qtbot, view: BlueprintView, scene: BlueprintScene, drawn: list[str]
) -> None:
    view.resize(900, 420)
    QTest.qWait(20)
    bar = view.verticalScrollBar()
    bar.setValue(bar.minimum() + 200)  # the map's own header rows are above the view
    QTest.qWait(50)
    panes = view.pane_layout()
    step = scene.geometry.steps[1]
    assert view.mapFromScene(QPointF(0, step.header.bottom)).y() < 0
    sp = panes.pane_scale
    x = step.header.right * panes.scale + panes.dx - COMMENT_INSET * sp
    y = panes.top + panes.stage_height + COMMENT_INSET * sp
    assert panes.header_rows.contains(QPointF(x, y))
    assert teal_in(view.viewport().grab().toImage(), around(x, y)) == 0

    drawn.clear()
    scene.set_commented({}, {step.id: NOTE})
    QApplication.processEvents()
    assert drawn, "the frozen header rows were not drawn again"
    assert teal_in(view.viewport().grab().toImage(), around(x, y)) > 20

    drawn.clear()
    scene.set_commented({}, {})
    QApplication.processEvents()
    assert drawn
    assert teal_in(view.viewport().grab().toImage(), around(x, y)) == 0


def test_the_map_s_own_header_draws_the_mark_once(
    qtbot, view: BlueprintView, scene: BlueprintScene
) -> None:
    step = scene.geometry.steps[1]
    scene.set_commented({}, {step.id: NOTE})
    header = step.header
    x, y = header.right - COMMENT_INSET, header.y + COMMENT_INSET
    at = view.mapFromScene(QPointF(x, y))
    assert teal_in(view.viewport().grab().toImage(), around(at.x(), at.y())) > 20
    # The tooltip spot over it draws nothing of its own; a click goes to the header.
    (spot,) = [item for item in scene.items() if isinstance(item, CommentMarkItem)]
    assert spot.toolTip() == NOTE
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.translate(20 - x, 20 - y)
    spot.paint(painter, None)
    painter.end()
    assert teal_in(image, image.rect()) == 0
    assert view._thing_at(at) == ("step", step.id)


def test_paint_header_draws_the_mark_at_the_right_of_a_narrowed_header(
    scene: BlueprintScene,
) -> None:
    step = scene.geometry.steps[1]
    header = scene.steps[step.id]
    rect = QRectF(header.rect())

    def painted(width: float | None) -> QImage:
        image = QImage(
            round(rect.width()) + 20, round(rect.height()) + 20, QImage.Format.Format_RGB32
        )
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.translate(10 - rect.x(), 10 - rect.y())
        header.paint_header(painter, 1.0, width)
        painter.end()
        return image

    def mark_at(image: QImage, right: float) -> int:
        return teal_in(image, around(10 + right - COMMENT_INSET, 10 + COMMENT_INSET))

    assert mark_at(painted(None), rect.width()) == 0
    scene.set_commented({}, {step.id: NOTE})
    assert mark_at(painted(None), rect.width()) > 20
    # Drawn narrower (the frozen row, zoomed out): at the right of what is drawn.
    narrow = rect.width() / 2
    image = painted(narrow)
    assert mark_at(image, narrow) > 20
    assert mark_at(image, rect.width()) == 0
    # Too narrow for it: none.
    assert teal_in(painted(2 * COMMENT_INSET - 1), QRect(0, 0, 60, 40)) == 0
