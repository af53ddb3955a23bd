"""Qt enum values looked up once: reaching them through PySide6's enum classes costs
microseconds a time, which adds up over thousands of items built and painted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

ANTIALIASING = QPainter.RenderHint.Antialiasing
NO_PEN = Qt.PenStyle.NoPen
NO_BRUSH = Qt.BrushStyle.NoBrush
SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
EXTENDED_STYLE_OPTION = QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption
NO_BUTTON = Qt.MouseButton.NoButton
TRANSPARENT = Qt.GlobalColor.transparent
INVISIBLE_PEN = QPen(TRANSPARENT, 1.0)  # widens bounds by half a unit, never drawn
NO_CACHE = QGraphicsItem.CacheMode.NoCache
DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
