"""The pain-point overlay of one blueprint as plain data, kept up to date edit by edit.

Following an edit by reading the whole blueprint again would walk every step, card and
pain point. The index keeps, without any ORM object, what the overlay is made of: each
card's and step's pain points, where the cards with pain points or a wait point are (lane,
step and place in the cell, as the layout's shape has them), each step's key moment and
emotions; and what follows from them: the pain points numbered in reading order, each
step's and cell's summed severity, the evidence gaps and the waiting per step.

``update`` takes the cards and the owners of pain points an edit names; renumbering is
then an integer pass over the owners in reading order, from the first one the edit
touched, stopping where the numbers are as they were: each owner keeps its first number,
and its badges are made from it when asked for. ``marks`` is what the canvas draws, by
card, step and cell; ``take_change`` says which of those an update changed (and from which
step to which the numbers shifted). The full OverlayData (for print, and to check
against) is made from the index by overlay.py.

Reading order: step by step; within a step the step's own pain points first, then its cards
lane by lane, each cell top to bottom; one owner's pain points by severity (highest
first), then description, then id.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.layout.overlay_records import (
    BadgeMark,
    Cell,
    Key,
    Moment,
    OverlayChange,
    OverlayMarks,
    PainRecord,
    _reading,
)
from app.layout.overlay_values import (
    ASSUMPTIONS_ONLY,
    NO_EVIDENCE,
    SWEET_SPOT_AT,
    WaitTotal,
)
from app.layout.shape import CardShape
from app.model.kinds import EvidenceSource, Perspective


@dataclass(frozen=True, slots=True)
class _Share:
    """What one owner adds to its step's and cell's sums."""

    step_id: str
    lane_id: str | None  # None for a step's own pain points (no cell)
    total: int  # summed severity of its numbered pain points
    every: int  # all its pain points, of any perspective, resolved or not
    assumed: int  # those of them whose evidence is an assumption


class OverlayIndex:
    """One blueprint's overlay as plain data, for one perspective (None: all)."""

    def __init__(
        self,
        lanes: Sequence[tuple[str, str]],
        steps: Sequence[tuple[str, str, str | None]],
        stages: Mapping[str, str],
        *,
        perspective: Perspective | None = None,
        include_resolved: bool = False,
        sweet_spot_at: int = SWEET_SPOT_AT,
    ) -> None:
        """``lanes``: (id, title) top to bottom; ``steps``: (id, title, stage id) left to
        right; ``stages``: titles by id."""
        self.perspective = perspective
        self.include_resolved = include_resolved
        self.sweet_spot_at = sweet_spot_at
        self.lane_titles = {lane_id: title for lane_id, title in lanes}
        self.lane_index = {lane_id: i for i, (lane_id, _title) in enumerate(lanes)}
        self.steps = [step_id for step_id, _title, _stage in steps]
        self.step_index = {step_id: i for i, step_id in enumerate(self.steps)}
        self.step_titles = {step_id: title for step_id, title, _stage in steps}
        self.stage_titles = {
            step_id: stages.get(stage_id, "") if stage_id else "" for step_id, _t, stage_id in steps
        }
        # What the overlay is made of.
        self.pains: dict[str, list[PainRecord]] = {}  # by owner: card or step id
        self.cards: dict[str, CardShape] = {}  # cards with pain points or a wait point
        self.emotions: dict[str, tuple[int | None, int | None]] = {}  # user, staff
        self._members: dict[Cell, set[str]] = {}  # the cards above, by cell
        # What follows from it.
        self._card_table = _BadgeTable(self, on_steps=False)
        self._step_table = _BadgeTable(self, on_steps=True)
        self.marks = OverlayMarks(card_badges=self._card_table, step_badges=self._step_table)
        self._kept: dict[str, tuple[PainRecord, ...]] = {}  # of the perspective, in order
        self._count: dict[str, int] = {}  # how many of them are numbered
        self._key: dict[str, Key] = {}  # owners with kept pain points
        self._order: list[Key] = []  # their keys, sorted: reading order
        self._first: dict[str, int] = {}  # each one's first number
        self._share: dict[str, _Share] = {}
        self._evidence: dict[str, list[int]] = {}  # step id -> [every, assumed]
        # An update's bookkeeping.
        self._change = OverlayChange(full=True)
        self._span: tuple[Key, Key] | None = None  # the keys whose numbers may have moved
        self._totals_before: dict[str, int] = {}
        self._cells_before: dict[Cell, int] = {}
        self._gaps_to_check: set[str] = set(self.steps)

    # -- filling and following ----------------------------------------------------------

    def load(
        self,
        cards: Mapping[str, CardShape],
        pains: Mapping[str, Sequence[PainRecord]],
        minutes: Mapping[str, int | None],
        emotions: Mapping[str, tuple[int | None, int | None]],
        key_moments: Mapping[str, tuple[int, int, str]],
    ) -> None:
        """Fill an empty index: the cards with pain points or a wait point, the pain points
        by owner, the wait points' minutes, and each step's emotions and key moment."""
        self.update(cards, cards, pains=pains, minutes=minutes)
        self.set_moments(emotions, key_moments)
        self._change.full = True

    def update(
        self,
        shapes: Mapping[str, CardShape],
        cards: Iterable[str] = (),
        removed: Iterable[str] = (),
        *,
        pains: Mapping[str, Sequence[PainRecord]] | None = None,
        minutes: Mapping[str, int | None] | None = None,
    ) -> None:
        """Follow an edit. ``shapes``: every card of the blueprint as laid out now (the
        layout's shape); ``cards``: cards added or changed (moved, re-flagged, re-timed);
        ``removed``: cards gone; ``pains``: the pain points now of some owners (cards or
        steps), all of them, none for an owner that has none left; ``minutes``: the waiting
        of wait points among ``cards``."""
        minutes = minutes or {}
        touched: set[str] = set()
        if pains is not None:
            for owner, records in pains.items():
                records = list(records)
                if records == self.pains.get(owner, []):
                    continue
                if records:
                    self.pains[owner] = records
                else:
                    self.pains.pop(owner, None)
                touched.add(owner)
        for card_id in removed:
            self.pains.pop(card_id, None)
            self._place(card_id, None, None)
            touched.add(card_id)
        placed = set(cards) | {owner for owner in touched if owner not in self.step_index}
        placed -= set(removed)
        cells: set[Cell] = set()
        for card_id in placed:
            shape = shapes.get(card_id)
            if card_id in minutes:
                waiting = minutes[card_id]
            else:
                waiting = self.marks.wait_minutes.get(card_id)
            self._place(card_id, shape, waiting)
            touched.add(card_id)
            if shape is not None:
                cells.add((shape.lane_id, shape.step_id))
        # The cards beside them in their cells may have been given new positions.
        for cell in cells:
            for card_id in list(self._members.get(cell, ())):
                shape, old = shapes.get(card_id), self.cards[card_id]
                if shape is not None and shape != old and card_id not in placed:
                    self._place(card_id, shape, self.marks.wait_minutes.get(card_id))
                    touched.add(card_id)
        for owner in touched:
            self._derive(owner)
        self._settle()

    def set_moments(
        self,
        emotions: Mapping[str, tuple[int | None, int | None]],
        key_moments: Mapping[str, tuple[int, int, str]],
    ) -> None:
        """Every step's emotions (service user, staff) and key moment (importance to the
        user and to the provider, note), read again after an edit of them."""
        steps = self.step_index
        self.emotions = {step_id: value for step_id, value in emotions.items() if step_id in steps}
        at = self.sweet_spot_at
        moments = {
            step_id: Moment(user, provider, note, user >= at and provider >= at)
            for step_id, (user, provider, note) in key_moments.items()
            if step_id in steps
        }
        old = self.marks.moments
        for step_id in old.keys() | moments.keys():
            if old.get(step_id) != moments.get(step_id):
                self._change.moments.add(step_id)
                self._change.steps.add(step_id)
        self.marks.moments = moments

    def set_perspective(self, perspective: Perspective | None) -> None:
        """Number, shade and list only this perspective's pain points (None: all)."""
        if perspective == self.perspective:
            return
        self.perspective = perspective
        self._card_table.forget()
        self._step_table.forget()
        self.marks.step_cards.clear()
        self.marks.step_totals.clear()
        self.marks.cell_totals.clear()
        for table in (self._kept, self._count, self._key, self._first, self._share):
            table.clear()
        self._order.clear()
        self._evidence.clear()
        self._gaps_to_check = set(self.steps)
        for owner in list(self.pains):
            self._derive(owner)
        self._settle()
        self._change.full = True

    def take_change(self) -> OverlayChange:
        """What changed since the last call (the first one: everything)."""
        change, self._change = self._change, OverlayChange()
        return change

    # -- reading it -------------------------------------------------------------------------

    def reading(self) -> Iterator[tuple[str, CardShape | None, tuple[PainRecord, ...], int]]:
        """Each owner with pain points of the perspective, in reading order: its step, its
        card (None for the step's own), its pain points in order, and its first number
        (of its numbered ones: the unresolved, or all with ``include_resolved``)."""
        for key in self._order:
            owner = key[3]
            card = self.cards.get(owner)
            step_id = owner if card is None else card.step_id
            yield step_id, card, self._kept[owner], self._first[owner]

    def evidence(self, step_id: str) -> tuple[int, int]:
        """How many pain points a step and its cards have (of any perspective, resolved or
        not), and how many of them are assumptions."""
        every, assumed = self._evidence.get(step_id, (0, 0))
        return every, assumed

    def wait_cards(self) -> list[tuple[str, str, int | None]]:
        """The wait points in reading order: (card id, step id, minutes)."""
        cards, steps, lanes = self.cards, self.step_index, self.lane_index
        ordered = sorted(
            self.marks.wait_minutes,
            key=lambda card_id: (
                steps[cards[card_id].step_id],
                lanes[cards[card_id].lane_id],
                cards[card_id].position,
            ),
        )
        return [(c, cards[c].step_id, self.marks.wait_minutes[c]) for c in ordered]

    # -- inside -----------------------------------------------------------------------------

    def _place(self, card_id: str, shape: CardShape | None, minutes: int | None) -> None:
        """Keep a card (where it is now) while it has pain points or a wait point."""
        if shape is not None and (
            shape.step_id not in self.step_index or shape.lane_id not in self.lane_index
        ):
            shape = None
        keep = shape is not None and (card_id in self.pains or shape.wait_point)
        old = self.cards.pop(card_id, None)
        if old is not None:
            members = self._members.get((old.lane_id, old.step_id))
            if members is not None:
                members.discard(card_id)
                if not members:
                    del self._members[(old.lane_id, old.step_id)]
        if keep:
            self.cards[card_id] = shape
            self._members.setdefault((shape.lane_id, shape.step_id), set()).add(card_id)
        marks = self.marks
        before = (
            (old.step_id, marks.wait_minutes[card_id]) if card_id in marks.wait_minutes else None
        )
        after = (shape.step_id, minutes) if keep and shape.wait_point else None
        if before == after:
            return
        if before is not None:
            self._add_wait(before[0], -1, WaitTotal.of(before[1]))
            del marks.wait_minutes[card_id]
        if after is not None:
            self._add_wait(after[0], 1, WaitTotal.of(after[1]))
            marks.wait_minutes[card_id] = after[1]
        self._change.waits.add(card_id)

    def _add_wait(self, step_id: str, sign: int, one: WaitTotal) -> None:
        marks = self.marks
        total = marks.step_waits.get(step_id, WaitTotal())
        total = total + one if sign > 0 else total - one
        if total.count:
            marks.step_waits[step_id] = total
        else:
            marks.step_waits.pop(step_id, None)
        marks.journey_wait = marks.journey_wait + one if sign > 0 else marks.journey_wait - one
        self._change.step_waits.add(step_id)

    def _where(self, owner: str) -> tuple[str, str | None, Key] | None:
        """An owner's step, lane (None for a step) and key; None for a card not kept."""
        index = self.step_index.get(owner)
        if index is not None:
            return owner, None, (index, -1, -1, owner)
        card = self.cards.get(owner)
        if card is None:
            return None
        key = (self.step_index[card.step_id], self.lane_index[card.lane_id], card.position, owner)
        return card.step_id, card.lane_id, key

    def _derive(self, owner: str) -> None:
        """Bring one owner's pain points, place and sums up to date."""
        where = self._where(owner)
        pains = self.pains.get(owner, []) if where is not None else []
        wanted, every_one = self.perspective, self.include_resolved
        kept = tuple(
            sorted((p for p in pains if wanted is None or p.perspective == wanted), key=_reading)
        )
        count = total = 0
        for pain in kept:
            if every_one or not pain.resolved:
                count += 1
                total += pain.severity
        share = None
        if where is not None and pains:
            assumed = sum(1 for p in pains if p.evidence == EvidenceSource.ASSUMPTION)
            share = _Share(where[0], where[1], total, len(pains), assumed)
        old_share = self._share.get(owner)
        if share != old_share:
            if old_share is not None:
                self._add_share(old_share, -1)
                del self._share[owner]
            if share is not None:
                self._add_share(share, 1)
                self._share[owner] = share
        key = where[2] if where is not None and kept else None
        old_key = self._key.get(owner)
        on_step = owner in self.step_index
        if key != old_key:
            if old_key is not None:
                del self._order[bisect_left(self._order, old_key)]
                del self._key[owner]
                self._stretch(old_key)
                if not on_step:
                    self._file_card(owner, old_key, -1)
            if key is not None:
                insort(self._order, key)
                self._key[owner] = key
                self._stretch(key)
                if not on_step:
                    self._file_card(owner, key, 1)
        if kept != self._kept.get(owner, ()) or count != self._count.get(owner, 0):
            if key is not None:
                self._stretch(key)
            (self._step_table if on_step else self._card_table).forget(owner)
            (self._change.steps if on_step else self._change.cards).add(owner)
        if kept:
            self._kept[owner], self._count[owner] = kept, count
        else:
            self._kept.pop(owner, None)
            self._count.pop(owner, None)
            self._first.pop(owner, None)

    def _file_card(self, card_id: str, key: Key, sign: int) -> None:
        step_id = self.steps[key[0]]
        cards = self.marks.step_cards
        if sign > 0:
            cards.setdefault(step_id, set()).add(card_id)
            return
        found = cards.get(step_id)
        if found is not None:
            found.discard(card_id)
            if not found:
                del cards[step_id]

    def _stretch(self, key: Key) -> None:
        if self._span is None:
            self._span = (key, key)
        else:
            low, high = self._span
            self._span = (min(low, key), max(high, key))

    def _add_share(self, share: _Share, sign: int) -> None:
        step_id, lane_id = share.step_id, share.lane_id
        marks = self.marks
        if share.total:
            totals = marks.step_totals
            self._totals_before.setdefault(step_id, totals.get(step_id, 0))
            totals[step_id] = totals.get(step_id, 0) + sign * share.total
            if lane_id is not None:
                cell = (lane_id, step_id)
                cells = marks.cell_totals
                self._cells_before.setdefault(cell, cells.get(cell, 0))
                cells[cell] = cells.get(cell, 0) + sign * share.total
        counts = self._evidence.setdefault(step_id, [0, 0])
        counts[0] += sign * share.every
        counts[1] += sign * share.assumed
        self._gaps_to_check.add(step_id)

    def _settle(self) -> None:
        """After an update: number again where needed, make the changed owners' badges,
        and note which sums and gaps changed."""
        change, marks = self._change, self.marks
        self._renumber()
        for step_id, before in self._totals_before.items():
            now = marks.step_totals.get(step_id, 0)
            if not now:
                marks.step_totals.pop(step_id, None)
            if now != before:
                change.heat.add(step_id)
                change.steps.add(step_id)
        self._totals_before.clear()
        for cell, before in self._cells_before.items():
            now = marks.cell_totals.get(cell, 0)
            if not now:
                marks.cell_totals.pop(cell, None)
            if now != before:
                change.cells.add(cell)
        self._cells_before.clear()
        for step_id in self._gaps_to_check:
            every, assumed = self._evidence.get(step_id, (0, 0))
            if not every and step_id in self._evidence:
                del self._evidence[step_id]
            kind = NO_EVIDENCE if every == 0 else ASSUMPTIONS_ONLY if assumed == every else None
            if marks.gaps.get(step_id) != kind:
                if kind is None:
                    del marks.gaps[step_id]
                else:
                    marks.gaps[step_id] = kind
                change.gaps.add(step_id)
                change.steps.add(step_id)
        self._gaps_to_check.clear()

    def _renumber(self) -> None:
        """Give each owner from the first touched one on its first number again, until the
        numbers are as they were past the last touched one."""
        if self._span is None:
            return
        low, high = self._span
        self._span = None
        order, first, count = self._order, self._first, self._count
        steps = self.step_index
        start = bisect_left(order, low)
        end = bisect_right(order, high)
        if start == 0:
            number = 1
        else:
            before = order[start - 1][3]
            number = first[before] + count[before]
        shifted: list[int] = []  # the steps of the first and last card renumbered
        for i in range(start, len(order)):
            key = order[i]
            owner = key[3]
            old = first.get(owner)
            if old != number:
                first[owner] = number
                if owner in steps:
                    self._change.steps.add(owner)  # its header shows the new numbers
                elif not shifted:
                    shifted = [key[0], key[0]]
                else:
                    shifted[1] = key[0]
            elif i >= end:
                break
            number += count[owner]
        if shifted:
            span = self._change.renumbered
            if span is not None:
                shifted = [min(span[0], shifted[0]), max(span[1], shifted[1])]
            self._change.renumbered = (shifted[0], shifted[1])

    def _badges_of(self, owner: str) -> tuple[BadgeMark, ...]:
        """An owner's badges: numbered from its first number, then the resolved ones."""
        kept = self._kept[owner]
        first = self._first[owner]
        if self._count[owner] == len(kept):  # none left out of the numbering
            return tuple(BadgeMark(first + i, pain) for i, pain in enumerate(kept))
        numbered: list[BadgeMark] = []
        resolved: list[BadgeMark] = []
        number = first
        for pain in kept:
            if self.include_resolved or not pain.resolved:
                numbered.append(BadgeMark(number, pain))
                number += 1
            else:
                resolved.append(BadgeMark(0, pain))
        return (*numbered, *resolved)


class _BadgeTable(Mapping[str, tuple[BadgeMark, ...]]):
    """The badges of an index's cards (or steps), made when asked for and kept while the
    owner's pain points and first number stay as they were."""

    def __init__(self, index: OverlayIndex, *, on_steps: bool) -> None:
        self._index = index
        self._on_steps = on_steps
        self._made: dict[str, tuple[int, tuple[BadgeMark, ...]]] = {}

    def forget(self, owner: str | None = None) -> None:
        if owner is None:
            self._made.clear()
        else:
            self._made.pop(owner, None)

    def _owns(self, owner: object) -> bool:
        index = self._index
        return owner in index._kept and (owner in index.step_index) == self._on_steps

    def __getitem__(self, owner: str) -> tuple[BadgeMark, ...]:
        if not self._owns(owner):
            raise KeyError(owner)
        first = self._index._first[owner]
        made = self._made.get(owner)
        if made is None or made[0] != first:
            made = self._made[owner] = (first, self._index._badges_of(owner))
        return made[1]

    def get(self, owner: str, default: Any = None) -> Any:
        return self[owner] if self._owns(owner) else default

    def __contains__(self, owner: object) -> bool:
        return self._owns(owner)

    def __iter__(self) -> Iterator[str]:
        steps, on_steps = self._index.step_index, self._on_steps
        return (owner for owner in list(self._index._kept) if (owner in steps) == on_steps)

    def __len__(self) -> int:
        return sum(1 for _owner in self)
