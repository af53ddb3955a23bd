"""The sample blueprint rendered to an image: every card's text lies inside its card, and
every card inside its cell, checked against the layout's geometry pixel by pixel; level of
detail leaves text out when it would be too small to read."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from app.canvas import palette
from app.canvas.scene import BlueprintScene
from app.layout.geometry import CardGeometry, Rect
from app.layout.style import DEFAULT_STYLE


def _render(scene: BlueprintScene, scale: float) -> QImage:
    source = scene.sceneRect()
    image = QImage(
        int(source.width() * scale), int(source.height() * scale), QImage.Format.Format_RGB32
    )
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


def _pixels(image: QImage, colour: QColor, tolerance: int = 3) -> list[tuple[int, int]]:
    """Every pixel within ``tolerance`` of ``colour`` per channel. RGB32 pixels are B, G, R,
    0xff in memory and the alpha byte never falls in a colour range, so a match of the
    pattern always starts on a pixel."""

    def span(value: int) -> bytes:
        low, high = max(0, value - tolerance), min(255, value + tolerance)
        return b"[" + re.escape(bytes([low])) + b"-" + re.escape(bytes([high])) + b"]"

    pattern = re.compile(span(colour.blue()) + span(colour.green()) + span(colour.red()) + b"\xff")
    data = bytes(image.constBits())
    stride = image.bytesPerLine()
    found = []
    for match in pattern.finditer(data):
        offset = match.start()
        assert offset % 4 == 0
        found.append(((offset % stride) // 4, offset // stride))
    return found


def _to_scene(scene: BlueprintScene, scale: float, x: int, y: int) -> tuple[float, float]:
    source = scene.sceneRect()
    return (source.x() + (x + 0.5) / scale, source.y() + (y + 0.5) / scale)


def _card_at(scene: BlueprintScene, x: float, y: float) -> CardGeometry | None:
    for card in scene.geometry.cards.values():
        if card.rect.contains_point(x, y):
            return card
    return None


def test_every_cards_text_lies_inside_its_card(scene: BlueprintScene) -> None:
    scale = 2.0
    image = _render(scene, scale)
    text = _pixels(image, palette.CARD_TEXT)
    assert len(text) > 1000
    per_card: dict[str, int] = {}
    pad = DEFAULT_STYLE.card_padding
    for x, y in text:
        sx, sy = _to_scene(scene, scale, x, y)
        card = _card_at(scene, sx, sy)
        assert card is not None, f"card text colour outside every card at scene ({sx}, {sy})"
        # Inside the card's text area: the padding on the right is never written into.
        r = card.rect
        inner = Rect(r.x + pad - 1, r.y + 1, r.w - 2 * pad + 2, r.h - 2)
        assert inner.contains_point(sx, sy), (card.text.lines, sx, sy)
        per_card[card.id] = per_card.get(card.id, 0) + 1
    written = [card.id for card in scene.geometry.cards.values() if any(card.text.lines)]
    assert set(per_card) == set(written)  # and every card's text was drawn


def test_every_card_lies_inside_its_cell(scene: BlueprintScene) -> None:
    geometry = scene.geometry
    for card in geometry.cards.values():
        assert geometry.cells[(card.lane_id, card.step_id)].contains(card.rect)
    scale = 2.0
    image = _render(scene, scale)
    border = _pixels(image, palette.CARD_BORDER, tolerance=0)  # blends never hit it exactly
    assert len(border) > 1000
    for x, y in border:
        sx, sy = _to_scene(scene, scale, x, y)
        cell = scene.cell_at(QPointF(sx, sy))
        assert cell is not None
        card = _card_at(scene, sx, sy)
        assert card is not None and (card.lane_id, card.step_id) == cell


@pytest.mark.parametrize("scale", [0.4, 0.15])
def test_no_text_is_drawn_where_it_would_be_unreadable(scene: BlueprintScene, scale: float) -> None:
    image = _render(scene, scale)
    assert _pixels(image, palette.CARD_TEXT, tolerance=6) == []
    assert _pixels(image, palette.LANE_TITLE_TEXT, tolerance=2) == []


def test_far_out_cards_are_plain_blocks(scene: BlueprintScene) -> None:
    scale = 0.15
    image = _render(scene, scale)
    source = scene.sceneRect()
    for card in scene.geometry.cards.values():
        cx, cy = card.rect.center
        pixel = image.pixelColor(int((cx - source.x()) * scale), int((cy - source.y()) * scale))
        assert pixel.name() in {palette.CARD_FAR.name(), palette.CARD_FAR_FAIL.name()}


def test_connector_labels_keep_off_cards(scene: BlueprintScene) -> None:
    """A label sits where its route runs along or across a lane boundary, which cards keep
    a cell's padding away from; only a route that stays within one lane (two neighbouring
    cells) has nowhere else for it."""
    geometry = scene.geometry
    tops = [lane.rect.y for lane in geometry.lanes]
    labelled = [item for item in scene.connectors.values() if item.label_item is not None]
    assert len(labelled) >= 5
    clear = 0
    for item in labelled:
        route = geometry.connectors[item.connector_id]
        box = item.label_item.sceneBoundingRect()
        lanes = {bisect_right(tops, y - 1e-6) for _x, y in route.points}
        if len(lanes) == 1:
            continue
        over = [
            card.id
            for card in geometry.cards.values()
            if box.intersects(QRectF(card.rect.x, card.rect.y, card.rect.w, card.rect.h))
        ]
        assert over == [], (route.label, over)
        clear += 1
    assert clear >= 5
