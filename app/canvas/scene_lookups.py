"""What is where on a blueprint's scene: the cell and the card under a point, the cards of
a cell and where a dropped card goes in its stack, the title column and header rows. Read
from the layout's geometry and the scene's own indexes (lane tops, step lefts, cells)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from PySide6.QtCore import QPointF, Qt

from app.canvas.card_item import CardItem
from app.layout.geometry import BlueprintGeometry, Rect

Cell = tuple[str, str]


class SceneLookups:
    """Mixed into BlueprintScene, which keeps ``geometry``, ``columns``, ``step_lefts``,
    ``_lane_tops`` and ``_cells`` up to date."""

    geometry: BlueprintGeometry
    columns: list[float]
    step_lefts: list[float]
    _lane_tops: list[float]
    _cells: dict[Cell, list[str]]

    @property
    def title_width(self) -> float:
        lanes = self.geometry.lanes
        return lanes[0].title_rect.w if lanes else (self.columns[0] if self.columns else 0.0)

    def header_rows(self) -> tuple[Rect, Rect]:
        """The stage row and the step row of the title column's corner."""
        steps = self.geometry.steps
        width = self.title_width
        if steps:
            header = steps[0].header
            return Rect(0.0, 0.0, width, header.y), Rect(0.0, header.y, width, header.h)
        return Rect(0.0, 0.0, width, 0.0), Rect(0.0, 0.0, width, 0.0)

    def card_at(self, point: QPointF) -> CardItem | None:
        for item in self.items(point, Qt.ItemSelectionMode.IntersectsItemShape):
            if isinstance(item, CardItem):
                return item
        return None

    def cell_at(self, point: QPointF) -> Cell | None:
        """The (lane id, step id) of the cell under ``point``, or None outside the grid."""
        geometry = self.geometry
        lane_index = bisect_right(self._lane_tops, point.y()) - 1
        step_index = bisect_right(self.step_lefts, point.x()) - 1
        if lane_index < 0 or step_index < 0:
            return None
        lane, step = geometry.lanes[lane_index], geometry.steps[step_index]
        if point.y() > lane.rect.bottom or point.x() > step.column.right:
            return None
        return (lane.id, step.id)

    def cards_in_cell(self, lane_id: str, step_id: str) -> list[str]:
        """The ids of the cell's cards, top to bottom."""
        return list(self._cells.get((lane_id, step_id), []))

    def drop_index(self, lane_id: str, step_id: str, y: float, leaving: Iterable[str] = ()) -> int:
        """Where a card dropped at height ``y`` goes in the cell's stack, counting without
        the cards ``leaving`` (those being moved)."""
        leaving = set(leaving)
        index = 0
        for card_id in self._cells.get((lane_id, step_id), []):
            if card_id in leaving:
                continue
            rect = self.geometry.cards[card_id].rect
            if rect.y + rect.h / 2 < y:
                index += 1
        return index

    def cell_rect(self, lane_id: str, step_id: str) -> Rect | None:
        return self.geometry.cells.get((lane_id, step_id))
