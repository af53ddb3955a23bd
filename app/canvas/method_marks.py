"""The method drawn on a blueprint's canvas: pain-point badges (always), and the overlays
switched from View → Overlays: pain-point heat, evidence gaps, key moments and wait points.

The scene holds one MethodMarks. It draws the overlay's marks (OverlayMarks of app/layout/
overlay_index.py: badges by card and step, summed severity by step and cell, gaps, key
moments, waiting), and after an edit the window tells it which of them changed, so it
touches only those items: a card moved within its step renumbers a few badges, not every
one. The scene tells it after every layout change, so it follows moved cards and lanes
without the marks being made again. Badges and wait highlights are children of their cards
(method_badges.py); steps, stages and the corner draw their own marks (method_headers.py);
heat, gaps and key-moment columns are one item under the cards (method_columns.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF
from shiboken6 import isValid

from app.canvas.lod import FAR
from app.canvas.method_badges import (
    BADGE_FONT_SIZE,
    NO_MARK,
    BadgeItem,
    BadgeTips,
    WaitHighlightItem,
    mark_tooltip,
)
from app.canvas.method_columns import ColumnMarks, MethodColumnsItem
from app.canvas.method_headers import BELOW, StepBadge, StepMarks, stage_key
from app.canvas.text import READABLE_PIXELS
from app.canvas.tooltips import plain_tip
from app.layout.geometry import Rect
from app.layout.overlay import GAP_LABELS, OverlayData, WaitTotal, badge_slot, marks_of
from app.layout.overlay_index import BadgeMark, OverlayChange, OverlayMarks

if TYPE_CHECKING:
    from app.canvas.scene import BlueprintScene
    from app.layout.engine import LayoutChange


@dataclass(frozen=True)
class MethodOptions:
    """Which overlays are on. Badges are always drawn; resolved ones only with
    ``resolved``."""

    heat: bool = False
    gaps: bool = False
    moments: bool = True
    waits: bool = False
    resolved: bool = True


GAP_TIPS = {
    "No evidence": "No evidence: no pain point is recorded on this step or its cards yet",
    "Assumptions only": (
        "Assumptions only: every pain point here is assumed; research is still owed"
    ),
}
EPSILON = 1e-6
BADGE_REACH = 10.0  # how far a card's badges reach beyond its top-left corner


class MethodMarks:
    """Keeps the method's items in step with the overlay's marks and the layout."""

    def __init__(self, scene: BlueprintScene) -> None:
        self.scene = scene
        self.options = MethodOptions()
        self.source: OverlayMarks | None = None  # what is drawn
        self.step_marks: dict[str, StepMarks] = {}
        self.stage_waits: dict[tuple[str | None, float], WaitTotal] = {}
        self.journey_wait = WaitTotal()
        self.badges: dict[str, BadgeItem] = {}  # by pain point id
        self._badge_card: dict[str, str] = {}  # pain point id -> the card it is on
        self.waits: dict[str, WaitHighlightItem] = {}  # by card id
        self._card_badges: dict[str, list[str]] = {}  # card id -> its badges, in slot order
        self._columns: MethodColumnsItem | None = None
        self._column_marks = ColumnMarks()
        self._data: OverlayData | None = None
        self._make_data: Callable[[], OverlayData] | None = None
        self._tips = BadgeTips(scene)
        scene.installEventFilter(self._tips)

    @property
    def data(self) -> OverlayData | None:
        """The overlay's full data (numbered entries, badges, shades, ...), made when asked
        for: drawing needs only the marks."""
        if self._data is None and self._make_data is not None:
            self._data = self._make_data()
        return self._data

    # -- what the window tells it ---------------------------------------------------------

    def set_options(self, options: MethodOptions) -> None:
        if options == self.options:
            return
        old, self.options = self.options, options
        if self.source is None:
            return
        if old.resolved != options.resolved:
            self._show_badges()
        if old.waits != options.waits:
            self._show_waits()
        self._refresh_headers()
        self._show_columns()

    def show(self, data: OverlayData) -> None:
        """Draw ``data``, built from the model for the whole blueprint."""
        self.update(marks_of(data), OverlayChange(full=True), lambda: data)

    def update(
        self,
        marks: OverlayMarks,
        change: OverlayChange,
        data: Callable[[], OverlayData] | None = None,
    ) -> None:
        """Draw ``marks`` where ``change`` says they changed (all of them when they are
        new); ``data`` makes the overlay's full data when it is asked for."""
        full = change.full or marks is not self.source
        self.source = marks
        self._data, self._make_data = None, data
        if full:
            self._show_all()
            return
        for card_id in change.cards:
            self._show_card(card_id)
        if change.renumbered is not None:
            self._redraw_renumbered(*change.renumbered)
        if self.options.waits:
            for card_id in change.waits:
                self._show_wait(card_id)
        changed = [step_id for step_id in change.steps if self._refresh_step(step_id)]
        if changed:
            self._repaint_steps(changed)
        if change.step_waits:
            for index in self._stages_of(change.step_waits):
                self._refresh_stage(index)
            self._refresh_journey()
        options = self.options
        shown = {
            part
            for part, on in (
                ("step_heat", options.heat),
                ("cells", options.heat),
                ("gaps", options.gaps),
                ("moments", options.moments),
            )
            if on
        }
        self._show_columns(self._column_marks.update(change, marks, self.scene.geometry, shown))

    def follow(self, change: LayoutChange | None) -> None:
        """The layout changed (``None``: all of it): move what is placed by the geometry.
        Badges and highlights ride on their cards; a card made again gets them back."""
        if self.source is None:
            return
        if change is None:
            self._show_all()
            return
        for card_id in change.removed_cards:
            for pain_id in self._card_badges.pop(card_id, ()):
                self.badges.pop(pain_id, None)
                self._badge_card.pop(pain_id, None)
            self.waits.pop(card_id, None)
        cards, badged = self.scene.cards, self.source.card_badges
        minutes = self.source.wait_minutes
        for card_id in change.cards:
            if card_id in self._card_badges or card_id in badged:
                self._show_card(card_id)  # on the card's item, which may be new
            item = self.waits.get(card_id)
            if item is not None and isValid(item) and card_id in cards:
                rect = cards[card_id].relative.rect
                item.set_wait((rect.w, rect.h), minutes.get(card_id))
            elif card_id in minutes and self.options.waits:
                self._attach_wait(card_id)
        if change.lanes_moved and self._columns is not None and isValid(self._columns):
            # The cells' shading is drawn through their lanes: nothing to make again. No
            # repaint asked for here: what moved is drawn again anyway (lane_shift.py).
            self._columns.set_bounds(self.scene.geometry)

    def forget(self) -> None:
        """The scene removed every item (BlueprintScene.clear): start again empty."""
        self.badges.clear()
        self._badge_card.clear()
        self.waits.clear()
        self._card_badges.clear()
        self._columns = None
        self._column_marks.clear()
        self.source = None
        self._data = self._make_data = None
        self.step_marks.clear()
        self.stage_waits.clear()
        self.journey_wait = WaitTotal()

    def _show_all(self) -> None:
        self._show_badges()
        self._show_waits()
        self._column_marks.clear()
        self._refresh_headers()
        self._show_columns()

    # -- badges on cards ----------------------------------------------------------------------

    def _show_badges(self) -> None:
        wanted = self.source.card_badges if self.source is not None else {}
        for card_id in [c for c in self._card_badges if c not in wanted]:
            self._show_card(card_id)
        for card_id in wanted:
            self._show_card(card_id)
        kept = {pain_id for ids in self._card_badges.values() for pain_id in ids}
        for pain_id in [p for p in self.badges if p not in kept]:
            self._drop_badge(pain_id)

    def _mark_of(self, pain_id: str) -> BadgeMark:
        """What a badge shows now (its item asks when it is drawn)."""
        card_id, source = self._badge_card.get(pain_id), self.source
        if card_id is not None and source is not None:
            for mark in source.card_badges.get(card_id, ()):
                if mark.pain.id == pain_id:
                    return mark
        return NO_MARK

    def _show_card(self, card_id: str) -> None:
        """Give a card its badges as the marks have them now, in their slots."""
        marks = self.source.card_badges.get(card_id, ()) if self.source is not None else ()
        if not self.options.resolved:
            marks = tuple(mark for mark in marks if mark.number)
        ids = [mark.pain.id for mark in marks]
        for pain_id in self._card_badges.get(card_id, ()):
            if pain_id not in ids:
                self._drop_badge(pain_id)
        badges = self.badges
        for pain_id in ids:
            self._badge_card[pain_id] = card_id
            item = badges.get(pain_id)
            if item is None or not isValid(item):
                item = badges[pain_id] = BadgeItem(pain_id, self._mark_of)
            item.update()  # a new number, colour or text
        if ids:
            self._card_badges[card_id] = ids
            self._attach_badges(card_id)
        else:
            self._card_badges.pop(card_id, None)

    def _redraw_renumbered(self, first: int, last: int) -> None:
        """Draw again the badges of cards in steps ``first`` to ``last`` (by index) that are
        in a view where their numbers can be read; the others show their new numbers when
        they come into view."""
        scene, source = self.scene, self.source
        if source is None:
            return
        steps, lefts = scene.geometry.steps, scene.step_lefts
        for view in scene.views():
            scale = view.viewportTransform().m11()
            if scale < FAR or BADGE_FONT_SIZE * scale < READABLE_PIXELS or not view.isVisible():
                continue
            area = view.mapToScene(view.viewport().rect()).boundingRect()
            start = max(first, bisect_right(lefts, area.left() - BADGE_REACH) - 1, 0)
            end = min(last + 1, bisect_right(lefts, area.right() + BADGE_REACH))
            for step in steps[start:end]:
                for card_id in source.step_cards.get(step.id, ()):
                    for pain_id in self._card_badges.get(card_id, ()):
                        item = self.badges.get(pain_id)
                        if item is not None and isValid(item):
                            item.update()

    def _drop_badge(self, pain_id: str) -> None:
        self._badge_card.pop(pain_id, None)
        item = self.badges.pop(pain_id, None)
        if item is not None and isValid(item) and item.scene() is self.scene:
            self.scene.removeItem(item)

    def _attach_badges(self, card_id: str) -> None:
        """Put the card's badges on it (again), in their slots along its top edge."""
        card = self.scene.cards.get(card_id)
        if card is None:
            return
        rect = card.relative.rect
        box = Rect(0.0, 0.0, rect.w, rect.h)
        for index, pain_id in enumerate(self._card_badges.get(card_id, ())):
            item = self.badges.get(pain_id)
            if item is None or not isValid(item):  # gone with a card item made again
                item = self.badges[pain_id] = BadgeItem(pain_id, self._mark_of)
            if item.parentItem() is not card:
                item.setParentItem(card)
            x, y = badge_slot(box, index, on_step=False)
            if item.pos().x() != x or item.pos().y() != y:
                item.setPos(x, y)

    # -- wait points ----------------------------------------------------------------------------

    def _show_waits(self) -> None:
        minutes = self.source.wait_minutes if self.source is not None else {}
        keep = set(minutes) if self.options.waits else set()
        for card_id in set(self.waits) - keep:
            self._show_wait(card_id)
        for card_id in keep:
            self._attach_wait(card_id)

    def _show_wait(self, card_id: str) -> None:
        minutes = self.source.wait_minutes if self.source is not None else {}
        if self.options.waits and card_id in minutes:
            self._attach_wait(card_id)
            return
        item = self.waits.pop(card_id, None)
        if item is not None and isValid(item) and item.scene() is self.scene:
            self.scene.removeItem(item)

    def _attach_wait(self, card_id: str) -> None:
        card = self.scene.cards.get(card_id)
        if card is None or self.source is None:
            return
        item = self.waits.get(card_id)
        if item is None or not isValid(item):
            item = self.waits[card_id] = WaitHighlightItem(card_id)
        if item.parentItem() is not card:
            item.setParentItem(card)
        rect = card.relative.rect
        item.set_wait((rect.w, rect.h), self.source.wait_minutes.get(card_id))

    # -- headers ----------------------------------------------------------------------------------

    def _marks_of(self, step_id: str) -> StepMarks | None:
        """What one step header shows, None for nothing."""
        source = self.source
        if source is None:
            return None
        badges = source.step_badges.get(step_id, ())
        if not self.options.resolved:
            badges = tuple(mark for mark in badges if not mark.resolved)
        total = source.step_totals.get(step_id, 0)
        gap = source.gaps.get(step_id)
        moment = source.moments.get(step_id)
        if not (badges or total or gap or moment):
            return None
        return StepMarks(
            tuple(
                StepBadge(index, mark.number, mark.pain.severity, mark.resolved)
                for index, mark in enumerate(badges)
            ),
            total,
            GAP_LABELS[gap] if gap else "",
            moment is not None,
            moment is not None and moment.sweet_spot,
        )

    def _refresh_headers(self) -> None:
        """Every step header, stage header and the corner (after the marks or the options
        changed as a whole)."""
        source = self.source
        steps = set(self.step_marks)
        if source is not None:
            steps |= (
                source.step_badges.keys()
                | source.step_totals.keys()
                | source.gaps.keys()
                | source.moments.keys()
            )
        for step_id in steps:
            self._refresh_step(step_id)
        self._refresh_stages()
        self._refresh_journey(repaint=False)
        for view in self.scene.views():
            view.viewport().update()  # the frozen header rows draw these marks too

    def _refresh_step(self, step_id: str) -> bool:
        """Bring one step header's marks and tooltip up to date; whether its marks
        changed (it is to be drawn again)."""
        old, marks = self.step_marks.get(step_id), self._marks_of(step_id)
        if marks is None:
            self.step_marks.pop(step_id, None)
        else:
            self.step_marks[step_id] = marks
        item = self.scene.steps.get(step_id)
        if item is None:
            return False
        tooltip = plain_tip(self._step_tooltip(step_id))
        if tooltip != item.toolTip():
            item.setToolTip(tooltip)
        return old != marks

    def _repaint_steps(self, step_ids: list[str]) -> None:
        """Draw these step headers again, on the map and in the frozen header rows: one
        strip from the first to the last (only its part in view is drawn)."""
        geometry = self.scene.geometry
        steps = [step for step_id in step_ids if (step := geometry.step(step_id)) is not None]
        if not steps:
            return
        left = min(step.header.x for step in steps)
        right = max(step.header.right for step in steps)
        header = steps[0].header
        strip = QRectF(left, header.y, right - left, header.h)
        self.scene.update(strip.adjusted(-1.0, -1.0, 1.0, BELOW + 1.0))
        self._repaint_panes(left, right)

    def _step_tooltip(self, step_id: str) -> str:
        marks, source, options = self.step_marks.get(step_id), self.source, self.options
        if marks is None or source is None:
            return ""
        lines: list[str] = []
        if options.moments and marks.moment:
            moment = source.moments[step_id]
            scores = (
                f"user {moment.importance_to_user}/5, provider {moment.importance_to_provider}/5"
            )
            if marks.sweet_spot:
                lines.append(f"Key moment, sweet spot ({scores}): optimise first")
            else:
                lines.append(f"Key moment ({scores})")
        if options.heat and marks.total:
            lines.append(f"Summed severity of its pain points: {marks.total}")
        if options.gaps and marks.gap:
            lines.append(GAP_TIPS.get(marks.gap, marks.gap))
        own = source.step_badges.get(step_id, ())
        lines.extend(
            mark_tooltip(mark).replace("\n", " · ")
            for mark in own
            if options.resolved or not mark.resolved
        )
        return "\n".join(lines)

    def _repaint_panes(self, x0: float, x1: float) -> None:
        """Draw the frozen header rows again over the map's columns from x0 to x1."""
        for view in self.scene.views():
            pane_layout = getattr(view, "pane_layout", None)
            layout = pane_layout() if pane_layout is not None else None
            if layout is not None and (layout.covers_rows or layout.covers_column):
                view.viewport().update(layout.header_columns(x0, x1).toAlignedRect())

    # -- waiting per stage and for the journey ------------------------------------------

    def _stage_total(self, index: int) -> WaitTotal:
        """The waiting of one stage of the header row (a run of steps without a stage
        counts as one)."""
        geometry, source = self.scene.geometry, self.source
        stage = geometry.stages[index].rect
        lefts = self.scene.step_lefts
        total = WaitTotal()
        if source is None:
            return total
        waits = source.step_waits
        first = bisect_left(lefts, stage.x - EPSILON)
        for step in geometry.steps[first : bisect_left(lefts, stage.right - EPSILON)]:
            found = waits.get(step.id)
            if found is not None:
                total = total + found
        return total

    def _stages_of(self, step_ids: Iterable[str]) -> set[int]:
        geometry, lefts = self.scene.geometry, self.scene.stage_lefts
        found: set[int] = set()
        for step_id in step_ids:
            step = geometry.step(step_id)
            if step is not None and lefts:
                found.add(max(0, bisect_right(lefts, step.x + EPSILON) - 1))
        return found

    def _refresh_stages(self) -> None:
        self.stage_waits.clear()
        for index in range(len(self.scene.stage_items)):
            self._refresh_stage(index, repaint=False)

    def _refresh_stage(self, index: int, repaint: bool = True) -> None:
        scene = self.scene
        if not 0 <= index < min(len(scene.geometry.stages), len(scene.stage_items)):
            return
        stage = scene.geometry.stages[index]
        key, total = stage_key(stage), self._stage_total(index)
        old = self.stage_waits.get(key)
        if total.count:
            self.stage_waits[key] = total
        else:
            self.stage_waits.pop(key, None)
        item = scene.stage_items[index]
        tooltip = plain_tip(total.summary) if self.options.waits and total.count else ""
        if tooltip != item.toolTip():
            item.setToolTip(tooltip)
        if repaint and old != self.stage_waits.get(key):
            item.update()
            self._repaint_panes(stage.rect.x, stage.rect.right)

    def _refresh_journey(self, repaint: bool = True) -> None:
        old = self.journey_wait
        self.journey_wait = self.source.journey_wait if self.source is not None else WaitTotal()
        corner = self.scene.corner
        if corner is None:
            return
        wait = self.journey_wait
        tooltip = plain_tip(wait.summary) if self.options.waits and wait.count else ""
        if tooltip != corner.toolTip():
            corner.setToolTip(tooltip)
        if repaint and old != wait:
            corner.update()
            for view in self.scene.views():
                pane_layout = getattr(view, "pane_layout", None)
                layout = pane_layout() if pane_layout is not None else None
                if layout is not None:
                    view.viewport().update(layout.corner.toAlignedRect())

    # -- heat, gaps and key-moment columns ----------------------------------------------

    def marks(self, part: str) -> Any:
        """The rectangles of one kind of mark under the cards (method_columns.ColumnMarks),
        made when first drawn, then kept up to date."""
        if self.source is None:
            return None
        return self._column_marks.get(part, self.source, self.scene.geometry)

    def _show_columns(self, areas: list[QRectF] | None = None) -> None:
        """Show the columns' item while an overlay it draws has something to show; draw
        ``areas`` again (None: all of it)."""
        options, source = self.options, self.source
        wanted = source is not None and (
            (options.heat and bool(source.step_totals or source.cell_totals))
            or (options.gaps and bool(source.gaps))
            or (options.moments and bool(source.moments))
        )
        item = self._columns
        if item is not None and not isValid(item):
            item = self._columns = None
        if not wanted:
            if item is not None:
                item.setVisible(False)
            return
        if item is None:
            item = self._columns = MethodColumnsItem(self)
            self.scene.addItem(item)
        item.set_bounds(self.scene.geometry)
        if not item.isVisible():
            item.setVisible(True)
        elif areas is None:
            item.update()
        else:
            for area in areas:
                item.update(area)
