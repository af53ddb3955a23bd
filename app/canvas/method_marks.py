"""The method drawn on a blueprint's canvas: pain-point badges (always), and the overlays
switched from View → Overlays: pain-point heat, evidence gaps, key moments and wait points.

The scene holds one MethodMarks. The window gives it the overlay's data (app/layout/
overlay.py, built from the model) after an edit that changes what it shows, and the scene
tells it after every layout change, so it can follow moved cards and lanes without the
data being built again. Badges and wait highlights are children of their cards (method_
badges.py); steps, stages and the corner draw their own marks (method_headers.py); heat,
gaps and key-moment columns are one item under the cards (method_columns.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from app.canvas.method_badges import BadgeItem, WaitHighlightItem, badge_tooltip
from app.canvas.method_columns import MARKS, MethodColumnsItem
from app.canvas.method_headers import BELOW, StepBadge, StepMarks, stage_key
from app.layout.geometry import Rect, StageGeometry
from app.layout.overlay import MomentMark, NumberedPainPoint, OverlayData, WaitTotal, badge_slot

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


class MethodMarks:
    """Keeps the method's items in step with the overlay's data and the layout."""

    def __init__(self, scene: BlueprintScene) -> None:
        self.scene = scene
        self.options = MethodOptions()
        self.data: OverlayData | None = None
        self.step_marks: dict[str, StepMarks] = {}
        self.stage_waits: dict[tuple[str | None, float], WaitTotal] = {}
        self.journey_wait = WaitTotal()
        self.badges: dict[str, BadgeItem] = {}  # by pain point id
        self.waits: dict[str, WaitHighlightItem] = {}  # by card id
        self._card_badges: dict[str, list[str]] = {}  # card id -> its pain points, in slot order
        self._wait_minutes: dict[str, int | None] = {}
        self._columns: MethodColumnsItem | None = None
        self._marks: dict[str, object] = {}  # made from the data when first drawn
        self._moments: dict[str, MomentMark] = {}

    # -- what the window tells it ---------------------------------------------------------

    def set_options(self, options: MethodOptions) -> None:
        if options == self.options:
            return
        old, self.options = self.options, options
        if old.resolved != options.resolved:
            self._show_badges()
        if old.waits != options.waits:
            self._show_waits()
        self._refresh_headers(force=True)
        self._show_columns()

    def show(self, data: OverlayData) -> None:
        """Draw ``data`` (built from the model after an edit, or on opening). Parts it
        shares with the data shown before (OverlayData made with ``replace``) are left as
        they are."""
        old, self.data = self.data, data
        if old is None or (old.entries, old.resolved_entries) != (
            data.entries,
            data.resolved_entries,
        ):
            self._show_badges()
        if old is None or old.wait_cards is not data.wait_cards:
            self._show_waits()
        self._refresh_headers()
        for part, (_make, source) in MARKS.items():
            if old is None or getattr(old, source) is not getattr(data, source):
                self._marks.pop(part, None)
        self._show_columns()

    def follow(self, change: LayoutChange | None) -> None:
        """The layout changed (``None``: all of it): move what is placed by the geometry.
        Badges and highlights ride on their cards; a card made again gets them back."""
        if self.data is None:
            return
        if change is None:
            self._show_badges()
            self._show_waits()
            self._marks.clear()
            self._refresh_headers(force=True)
            self._show_columns()
            return
        for card_id in change.removed_cards:
            for pain_id in self._card_badges.get(card_id, ()):
                self.badges.pop(pain_id, None)
            self.waits.pop(card_id, None)
        cards = self.scene.cards
        for card_id in change.cards:
            if card_id in self._card_badges:
                self._attach_badges(card_id)
            item = self.waits.get(card_id)
            if item is not None and isValid(item) and card_id in cards:
                rect = cards[card_id].relative.rect
                item.set_wait((rect.w, rect.h), self._wait_minutes.get(card_id))
            elif card_id in self._wait_minutes and self.options.waits:
                self._attach_wait(card_id)
        if change.lanes_moved:
            # Made again when next drawn; no repaint asked for here: what moved is drawn
            # again anyway (or its pixels moved along, lane_shift.py).
            self._marks.pop("cells", None)
            if self._columns is not None and isValid(self._columns):
                self._columns.set_bounds(self.scene.geometry)

    def forget(self) -> None:
        """The scene removed every item (BlueprintScene.clear): start again empty."""
        self.badges.clear()
        self.waits.clear()
        self._columns = None
        self._marks.clear()
        self.data = None
        self.step_marks.clear()
        self.stage_waits.clear()
        self.journey_wait = WaitTotal()

    # -- badges on cards ----------------------------------------------------------------------

    def _entries(self) -> list[tuple[NumberedPainPoint, bool]]:
        data = self.data
        if data is None:
            return []
        shown = [(entry, False) for entry in data.entries]
        if self.options.resolved:
            shown += [(entry, True) for entry in data.resolved_entries]
        return shown

    def _show_badges(self) -> None:
        wanted: dict[str, list[str]] = {}
        entries: dict[str, NumberedPainPoint] = {}
        for entry, _resolved in self._entries():
            if entry.card_id is not None:
                wanted.setdefault(entry.card_id, []).append(entry.id)
                entries[entry.id] = entry
        for pain_id in set(self.badges) - set(entries):
            item = self.badges.pop(pain_id)
            if isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        for pain_id, entry in entries.items():
            item = self.badges.get(pain_id)
            if item is None or not isValid(item):
                item = self.badges[pain_id] = BadgeItem(pain_id)
            item.set_badge(entry.number, entry.severity, entry.number == 0, badge_tooltip(entry))
        self._card_badges = wanted
        for card_id in wanted:
            self._attach_badges(card_id)

    def _attach_badges(self, card_id: str) -> None:
        """Put the card's badges on it (again), in their slots along its top edge."""
        card = self.scene.cards.get(card_id)
        if card is None:
            return
        rect = card.relative.rect
        box = Rect(0.0, 0.0, rect.w, rect.h)
        for index, pain_id in enumerate(self._card_badges.get(card_id, ())):
            item = self.badges.get(pain_id)
            if item is None or not isValid(item):
                continue
            if item.parentItem() is not card:
                item.setParentItem(card)
            x, y = badge_slot(box, index, on_step=False)
            if item.pos().x() != x or item.pos().y() != y:
                item.setPos(x, y)

    # -- wait points ----------------------------------------------------------------------------

    def _show_waits(self) -> None:
        data = self.data
        minutes = {wait.card_id: wait.minutes for wait in data.wait_cards} if data else {}
        self._wait_minutes = minutes
        keep = set(minutes) if self.options.waits else set()
        for card_id in set(self.waits) - keep:
            item = self.waits.pop(card_id)
            if isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        for card_id in keep:
            self._attach_wait(card_id)

    def _attach_wait(self, card_id: str) -> None:
        card = self.scene.cards.get(card_id)
        if card is None:
            return
        item = self.waits.get(card_id)
        if item is None or not isValid(item):
            item = self.waits[card_id] = WaitHighlightItem(card_id)
        if item.parentItem() is not card:
            item.setParentItem(card)
        rect = card.relative.rect
        item.set_wait((rect.w, rect.h), self._wait_minutes.get(card_id))

    # -- headers ----------------------------------------------------------------------------------

    def _step_marks(self) -> dict[str, StepMarks]:
        data = self.data
        if data is None:
            return {}
        badges: dict[str, list[StepBadge]] = {}
        for entry, resolved in self._entries():
            if entry.card_id is None:
                slots = badges.setdefault(entry.step_id, [])
                slots.append(StepBadge(len(slots), entry.number, entry.severity, resolved))
        totals = data.step_totals
        gaps = {gap.step_id: gap.label for gap in data.gaps}
        self._moments = {moment.step_id: moment for moment in data.moments}
        moments = {moment.step_id: moment.sweet_spot for moment in data.moments}
        marks: dict[str, StepMarks] = {}
        for step_id in badges.keys() | totals.keys() | gaps.keys() | moments.keys():
            marks[step_id] = StepMarks(
                tuple(badges.get(step_id, ())),
                totals.get(step_id, 0),
                gaps.get(step_id, ""),
                step_id in moments,
                moments.get(step_id, False),
            )
        return marks

    def _refresh_headers(self, force: bool = False) -> None:
        old, self.step_marks = self.step_marks, self._step_marks()
        scene = self.scene
        own: dict[str, list[NumberedPainPoint]] = {}
        for entry, _resolved in self._entries():
            if entry.card_id is None:
                own.setdefault(entry.step_id, []).append(entry)
        for step_id in old.keys() | self.step_marks.keys():
            if not force and old.get(step_id) == self.step_marks.get(step_id):
                continue
            item = scene.steps.get(step_id)
            if item is not None:
                item.setToolTip(self._step_tooltip(step_id, own.get(step_id, [])))
                scene.update(item.rect().adjusted(-1.0, -1.0, 1.0, BELOW + 1.0))
        self._refresh_waits()
        for view in scene.views():
            view.viewport().update()  # the frozen header rows draw these marks too

    def _step_tooltip(self, step_id: str, own: list[NumberedPainPoint]) -> str:
        marks, data, options = self.step_marks.get(step_id), self.data, self.options
        if marks is None or data is None:
            return ""
        lines: list[str] = []
        if options.moments and marks.moment:
            moment = self._moments[step_id]
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
        lines.extend(badge_tooltip(entry).replace("\n", " · ") for entry in own)
        return "\n".join(lines)

    def _refresh_waits(self) -> None:
        data, scene = self.data, self.scene
        stages = data.stage_waits if data is not None else []
        self.stage_waits = {
            stage_key(stage): wait.total
            for wait in stages
            if (stage := _stage_at(scene, wait.index)) is not None
        }
        self.journey_wait = data.journey_wait if data is not None else WaitTotal()
        show = self.options.waits
        for item in scene.stage_items:
            total = self.stage_waits.get(stage_key(item.geometry)) if show else None
            item.setToolTip("" if total is None else total.summary)
            item.update()
        if scene.corner is not None:
            wait = self.journey_wait
            scene.corner.setToolTip(wait.summary if show and wait.count else "")
            scene.corner.update()

    # -- heat, gaps and key-moment columns ----------------------------------------------

    def marks(self, part: str) -> Any:
        """The rectangles of one kind of mark under the cards (method_columns.MARKS),
        made when first drawn after what they come from changed (or lanes moved)."""
        found = self._marks.get(part)
        if found is None and self.data is not None:
            make, _source = MARKS[part]
            found = self._marks[part] = make(self.data, self.scene.geometry)
        return found

    def _show_columns(self) -> None:
        options, data = self.options, self.data
        wanted = data is not None and (
            (options.heat and (data.shades or data.cells))
            or (options.gaps and data.gaps)
            or (options.moments and data.moments)
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
        item.setVisible(True)
        item.update()


def _stage_at(scene: BlueprintScene, index: int) -> StageGeometry | None:
    geometry = scene.geometry
    return geometry.stages[index] if 0 <= index < len(geometry.stages) else None
