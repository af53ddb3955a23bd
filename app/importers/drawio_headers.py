"""Headers drawn above the lanes (before them, for lanes side by side) name the steps and
stages: a labelled shape over one step's cards titles that step; one spanning the cards of
several steps names them as a stage. Headers that fit no step stay in the skipped list."""

from __future__ import annotations

from dataclasses import dataclass

from app.importers.drawio_cells import Cell
from app.importers.limits import TITLE
from app.importers.plan import BlueprintPlan


@dataclass
class Span:
    """Where one step's cards lie along the lanes."""

    low: float
    high: float

    @property
    def centre(self) -> float:
        return (self.low + self.high) / 2

    def take(self, low: float, high: float) -> None:
        self.low, self.high = min(self.low, low), max(self.high, high)


def headers_before(shapes: list[Cell], lanes: list[Cell], rows: bool) -> list[Cell]:
    """The labelled shapes whose centre lies before the lanes begin (above them for
    lanes that are bands, left of them for lanes side by side)."""
    start = min(lane.top if rows else lane.left for lane in lanes)
    return [
        shape
        for shape in shapes
        if shape.text and (shape.centre_y if rows else shape.centre_x) < start
    ]


def name_steps(plan: BlueprintPlan, spans: list[Span], headers: list[Cell], rows: bool) -> set[str]:
    """Title the plan's steps and group them into stages from ``headers``; return the ids
    of the headers used. The widest headers go first, so a stage's header never titles a
    step."""
    used: set[str] = set()
    titled: set[int] = set()

    def extent(cell: Cell) -> tuple[float, float]:
        return (cell.left, cell.left + cell.width) if rows else (cell.top, cell.top + cell.height)

    for header in sorted(headers, key=lambda cell: extent(cell)[0] - extent(cell)[1]):
        low, high = extent(header)
        covered = [number for number, span in enumerate(spans) if low <= span.centre <= high]
        text = header.text[:TITLE].strip()
        if not text:
            continue
        if len(covered) >= 2:
            if any(plan.steps[number].stage for number in covered):
                continue
            for number in covered:
                plan.steps[number].stage = text
            used.add(header.id)
            continue
        if not covered:
            middle = (low + high) / 2
            covered = [n for n, span in enumerate(spans) if span.low <= middle <= span.high]
        if len(covered) == 1 and covered[0] not in titled:
            plan.steps[covered[0]].title = text
            titled.add(covered[0])
            used.add(header.id)
    return used
