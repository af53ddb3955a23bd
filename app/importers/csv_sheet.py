"""One blueprint's rows of a spreadsheet gathered into a blueprint plan: lanes and steps
as the rows name them, put in the order the rows imply (a card row of lane A before one of
lane B in the same step puts A above B), stages from the steps' Stage cells."""

from __future__ import annotations

from itertools import pairwise

from app.importers import csv_columns as cells
from app.importers.limits import TEXT, TITLE, cut
from app.importers.plan import (
    BlueprintPlan,
    CardPlan,
    ImportFailed,
    LanePlan,
    StepPlan,
    lane_kind_for,
)
from app.model.kinds import BlueprintKind


class SheetBlueprint:
    def __init__(self, name: str, skipped: list[str]) -> None:
        self.skipped = skipped
        self.name = cut(name, TITLE, f"blueprint {name[:40]!r}: its name", skipped)
        self.kind: BlueprintKind | None = None
        self.lanes: dict[str, LanePlan] = {}
        self.lane_index: dict[str, int] = {}
        self.steps: dict[tuple[str, str], StepPlan] = {}
        self.step_index: dict[tuple[str, str], int] = {}
        self.cards: list[CardPlan] = []
        self.unread_pains = 0

    def add(self, values: dict[str, str], line: int) -> None:
        lane_title = values["lane"].strip()
        step_title = values["step"].strip()
        if not lane_title:
            raise ImportFailed(f"line {line}: the Lane column is empty; give each card a lane")
        if not step_title:
            raise ImportFailed(f"line {line}: the Step column is empty; give each card a step")
        if "kind" in values and self.kind is None:
            self.kind = cells.blueprint_kind(values["kind"], line)
        lane = self._lane(lane_title, line)
        step = self._step(values, step_title, line)
        pains, unread = cells.pain_points(values.get("pain_details", ""))
        self.unread_pains += unread
        where = f"line {line}"
        systems = tuple(
            cut(name.strip(), TITLE, f"{where}: a system's name", self.skipped)
            for name in values.get("systems", "").split(",")
            if name.strip()
        )
        self.cards.append(
            CardPlan(
                lane=lane,
                step=step,
                text=cut(values["card"], TEXT, f"{where}: the card's text", self.skipped),
                key=values.get("key", "").strip()[:TITLE],
                actor=cut(values.get("actor", "").strip(), TITLE, f"{where}: actor", self.skipped),
                channel=cut(
                    values.get("channel", "").strip(), TITLE, f"{where}: channel", self.skipped
                ),
                systems=systems,
                duration_minutes=cells.minutes(values.get("duration", ""), line),
                fail_point=cells.flag(values.get("fail_point", ""), "Fail point", line),
                wait_point=cells.flag(values.get("wait_point", ""), "Wait point", line),
                notes=cut(values.get("notes", ""), TEXT, f"{where}: notes", self.skipped),
                pain_points=pains,
            )
        )

    def _lane(self, title: str, line: int) -> int:
        key = title.casefold()
        if key not in self.lane_index:
            title = cut(title, TITLE, f"line {line}: a lane's title", self.skipped)
            self.lane_index[key] = len(self.lanes)
            self.lanes[key] = LanePlan(title, lane_kind_for(title))
        return self.lane_index[key]

    def _step(self, values: dict[str, str], title: str, line: int) -> int:
        stage = values.get("stage", "").strip()
        key = (stage.casefold(), title.casefold())
        if key not in self.step_index:
            self.step_index[key] = len(self.steps)
            self.steps[key] = StepPlan(
                title=cut(title, TITLE, f"line {line}: a step's title", self.skipped),
                stage=cut(stage, TITLE, f"line {line}: a stage's title", self.skipped),
                emotion_user=cells.emotion(values.get("emotion_user", "")),
                emotion_staff=cells.emotion(values.get("emotion_staff", "")),
                key_moment=cells.key_moment(values.get("key_moment", "")),
            )
        return self.step_index[key]

    def plan(self) -> BlueprintPlan:
        """The blueprint, its lanes and steps in the order the rows imply."""
        lane_order = _stable_order(
            len(self.lanes), _runs(self.cards, by=lambda c: c.step, of=lambda c: c.lane)
        )
        step_order = _stable_order(
            len(self.steps), _runs(self.cards, by=lambda c: c.lane, of=lambda c: c.step)
        )
        lane_at = {old: new for new, old in enumerate(lane_order)}
        step_at = {old: new for new, old in enumerate(step_order)}
        lanes = list(self.lanes.values())
        steps = list(self.steps.values())
        for card in self.cards:
            card.lane, card.step = lane_at[card.lane], step_at[card.step]
        if self.unread_pains:
            self.skipped.append(
                f"{self.name}: {self.unread_pains:,} pain point details that are not written "
                'as "4 (staff, data): description"'
            )
        return BlueprintPlan(
            name=self.name,
            kind=self.kind or BlueprintKind.AS_IS,
            lanes=[lanes[old] for old in lane_order],
            steps=[steps[old] for old in step_order],
            cards=self.cards,
        )


def _runs(cards: list[CardPlan], by, of) -> dict[int, list[int]]:
    """For each group (a step, or a lane), the distinct members in the order rows give."""
    groups: dict[int, dict[int, None]] = {}
    for card in cards:
        groups.setdefault(by(card), {})[of(card)] = None
    return {group: list(members) for group, members in groups.items()}


def _stable_order(count: int, runs: dict[int, list[int]]) -> list[int]:
    """0..count-1 ordered so that each run's order is kept where the runs agree, and
    otherwise as first seen (the numbers are in first-seen order)."""
    after: dict[int, set[int]] = {item: set() for item in range(count)}
    for members in runs.values():
        for before, item in pairwise(members):
            after[item].add(before)
    placed: list[int] = []
    done: set[int] = set()
    waiting = list(range(count))
    while waiting:
        ready = next((item for item in waiting if after[item] <= done), waiting[0])
        waiting.remove(ready)
        placed.append(ready)
        done.add(ready)
    return placed
