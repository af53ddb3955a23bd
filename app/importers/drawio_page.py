"""One draw.io page as a blueprint: swimlanes become lanes, shapes in them cards placed in
steps by their position along the lanes, lines between cards connectors.

Lanes are the innermost swimlanes: a pool that holds lanes is only their container. Lanes
drawn as horizontal bands are read top to bottom, with steps left to right; lanes drawn as
columns side by side (a "vertical pool") are read left to right, with steps top to bottom,
so the blueprint is the diagram turned a quarter. Cards whose centres along the lanes lie
within about one card's length of each other share a step. Whatever has no place in a
blueprint (shapes outside every lane, pictures, lines that do not join two cards) is
listed in the plan's skipped list with a count and a few names, never dropped unseen.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable

from app.importers.drawio_cells import Cell
from app.importers.drawio_headers import Span, headers_before, name_steps
from app.importers.limits import TITLE, cut
from app.importers.plan import (
    BlueprintPlan,
    CardPlan,
    ConnectorPlan,
    LanePlan,
    StepPlan,
    lane_kind_for,
)

Tick = Callable[[], None]
_NAMES_SHOWN = 3
# Why something was left out, as (one, several), for the skipped list.
OUTSIDE = ("shape outside every lane", "shapes outside every lane")
PICTURE = ("picture", "pictures")
GROUP = (
    "group title (the shapes in the group were brought in)",
    "group titles (the shapes in the groups were brought in)",
)
LOOSE_LINE = ("line that does not join two cards", "lines that do not join two cards")
LOOP = ("line from a card back to itself", "lines from a card back to itself")


class PageReader:
    """Reads one page's cells into a BlueprintPlan; ``skipped`` collects what it left out."""

    def __init__(self, cells: dict[str, Cell], name: str, skipped: list[str], tick: Tick) -> None:
        self.cells = cells
        self.name = name
        self.skipped = skipped
        self.tick = tick
        self.children: dict[str, list[Cell]] = defaultdict(list)
        for cell in cells.values():
            if cell.parent is not None:
                self.children[cell.parent].append(cell)
        self.left_out: dict[tuple[str, str], list[Cell]] = defaultdict(list)

    # -- the page ------------------------------------------------------------------------

    def read(self) -> BlueprintPlan | None:
        """The page's blueprint, or None when it has no lanes (said in ``skipped``)."""
        lanes = self._lanes()
        if not lanes:
            shapes = [c for c in self.cells.values() if c.vertex or c.edge]
            if shapes:
                what = _count(shapes, "shape or line", "shapes and lines")
                self.skipped.append(f"{self.name}: no swimlanes; {what} not brought in")
            return None
        rows = self._rows(lanes)
        lanes.sort(key=(lambda c: (c.top, c.left)) if rows else (lambda c: (c.left, c.top)))
        plan = BlueprintPlan(name=cut(self.name, TITLE, f"page {self.name[:40]!r}", self.skipped))
        for number, lane in enumerate(lanes, start=1):
            title = cut(lane.text, TITLE, f"{self.name}: a lane's title", self.skipped)
            title = title or f"Lane {number}"
            plan.lanes.append(LanePlan(title, lane_kind_for(title)))
        placed = self._place_cards(lanes)
        spans = self._steps_and_cards(plan, placed, rows)
        self._name_steps(plan, spans, lanes, rows)
        plan.connectors = self._connectors({cell.id for cell, _lane in placed})
        self._report()
        return plan

    def _lanes(self) -> list[Cell]:
        """The innermost swimlanes; a swimlane holding another is a pool (a container)."""
        swimlanes = [cell for cell in self.cells.values() if cell.swimlane]
        pools: set[str] = set()
        for lane in swimlanes:
            for ancestor in self._ancestors(lane):
                if ancestor.swimlane:
                    pools.add(ancestor.id)
        return [lane for lane in swimlanes if lane.id not in pools]

    def _ancestors(self, cell: Cell) -> list[Cell]:
        found = []
        parent = self.cells.get(cell.parent) if cell.parent is not None else None
        while parent is not None:  # read_cells refused loops
            found.append(parent)
            parent = self.cells.get(parent.parent) if parent.parent is not None else None
        return found

    @staticmethod
    def _rows(lanes: list[Cell]) -> bool:
        """True when the lanes are horizontal bands (the usual blueprint), False when they
        are columns side by side. draw.io writes ``horizontal=0`` on a band's title (it is
        turned on its side); otherwise the lane's shape decides."""
        votes = 0
        for lane in lanes:
            if lane.style.get("horizontal") == "0":
                votes += 1
            elif lane.style.get("horizontal") == "1" and lane.height > lane.width:
                votes -= 1
            else:
                votes += 1 if lane.width >= lane.height else -1
        return votes >= 0

    # -- cards ---------------------------------------------------------------------------

    def _place_cards(self, lanes: list[Cell]) -> list[tuple[Cell, int]]:
        """Each shape that becomes a card, with its lane's index. A shape belongs to the
        lane it is drawn in (its parent chain); one drawn in a pool or on the page over a
        lane belongs to the lane under its centre."""
        index = {lane.id: number for number, lane in enumerate(lanes)}
        swimlanes = {cell.id for cell in self.cells.values() if cell.swimlane}
        placed: list[tuple[Cell, int]] = []
        for cell in self.cells.values():
            self.tick()
            if not cell.vertex or cell.swimlane or self._on_line(cell):
                continue
            if self._is_group(cell):
                if cell.text:
                    self.left_out[GROUP].append(cell)
                continue
            if cell.shape == "image" or "image" in cell.style:
                self.left_out[PICTURE].append(cell)
                continue
            lane = next((a.id for a in self._ancestors(cell) if a.id in swimlanes), None)
            if lane not in index:
                lane = next((c.id for c in lanes if c.contains(cell.centre_x, cell.centre_y)), None)
            if lane is None:
                self.left_out[OUTSIDE].append(cell)
                continue
            placed.append((cell, index[lane]))
        return placed

    def _on_line(self, cell: Cell) -> bool:
        parent = self.cells.get(cell.parent) if cell.parent is not None else None
        return parent is not None and parent.edge

    def _is_group(self, cell: Cell) -> bool:
        """A group or container: it only holds other shapes, which are read themselves."""
        if cell.shape == "group" or cell.style.get("container") == "1":
            return True
        return any(child.vertex for child in self.children.get(cell.id, ()))

    def _steps_and_cards(
        self, plan: BlueprintPlan, placed: list[tuple[Cell, int]], rows: bool
    ) -> list[Span]:
        """Steps are clusters of card centres along the lanes: a card whose centre is
        within one typical card length of the first card of a step joins that step.
        Returns where each step's cards lie along the lanes."""
        if not placed:
            return []

        def along(cell: Cell) -> float:
            return cell.centre_x if rows else cell.centre_y

        def across(cell: Cell) -> float:
            return cell.centre_y if rows else cell.centre_x

        lengths = [cell.width if rows else cell.height for cell, _lane in placed]
        reach = max(1.0, statistics.median(lengths))
        step_of: dict[str, int] = {}
        spans: list[Span] = []
        anchor: float | None = None
        for cell, _lane in sorted(placed, key=lambda pair: along(pair[0])):
            low, high = (
                (cell.left, cell.left + cell.width) if rows else (cell.top, cell.top + cell.height)
            )
            if anchor is None or along(cell) - anchor >= reach:
                anchor = along(cell)
                plan.steps.append(StepPlan(f"Step {len(plan.steps) + 1}"))
                spans.append(Span(low, high))
            spans[-1].take(low, high)
            step_of[cell.id] = len(plan.steps) - 1
        ordered = sorted(placed, key=lambda pair: (pair[1], step_of[pair[0].id], across(pair[0])))
        for cell, lane in ordered:
            plan.cards.append(
                CardPlan(lane=lane, step=step_of[cell.id], text=cell.text, key=cell.id)
            )
        return spans

    def _name_steps(
        self, plan: BlueprintPlan, spans: list[Span], lanes: list[Cell], rows: bool
    ) -> None:
        """Labelled shapes above the lanes title the steps below them or name stages."""
        outside = self.left_out.get(OUTSIDE, [])
        used = name_steps(plan, spans, headers_before(outside, lanes, rows), rows)
        if used:
            outside[:] = [cell for cell in outside if cell.id not in used]
            if not outside:
                del self.left_out[OUTSIDE]

    # -- connectors ----------------------------------------------------------------------

    def _connectors(self, cards: set[str]) -> list[ConnectorPlan]:
        connectors: list[ConnectorPlan] = []
        for cell in self.cells.values():
            self.tick()
            if not cell.edge:
                continue
            if cell.source not in cards or cell.target not in cards:
                self.left_out[LOOSE_LINE].append(cell)
                continue
            if cell.source == cell.target:
                self.left_out[LOOP].append(cell)
                continue
            words = [cell.text] + [
                child.text for child in self.children.get(cell.id, ()) if child.vertex
            ]
            label = " ".join(word for word in words if word)
            label = cut(label, TITLE, f"{self.name}: a line's label", self.skipped)
            connectors.append(ConnectorPlan(cell.source, cell.target, label=label))
        return connectors

    def _report(self) -> None:
        for (one, several), cells in self.left_out.items():
            names = [_name(cell) for cell in cells[:_NAMES_SHOWN]]
            more = ", …" if len(cells) > _NAMES_SHOWN else ""
            reason = one if len(cells) == 1 else several
            self.skipped.append(f"{self.name}: {len(cells):,} {reason} ({', '.join(names)}{more})")


def _name(cell: Cell) -> str:
    if cell.text:
        text = cell.text if len(cell.text) <= 40 else cell.text[:39] + "…"
        return f"“{text}”"
    if cell.edge:
        return "an unlabelled line"
    return f"an unlabelled {cell.shape or 'shape'}"


def _count(cells: list[Cell], one: str, many: str) -> str:
    return f"1 {one}" if len(cells) == 1 else f"{len(cells):,} {many}"
