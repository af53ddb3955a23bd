"""Read-only queries behind the window's panels: how big each blueprint is, and the outline
of one. Counted and limited in SQL, not by loading every row: a scaled-up project holds
hundreds of thousands of cards and tens of thousands of steps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.structure import Card, Lane, Stage, Step

# An outline is a summary: past these it says how many more there are.
MAX_STAGES_SHOWN = 200
MAX_STEPS_SHOWN = 300


@dataclass(frozen=True)
class BlueprintCounts:
    stages: int = 0
    steps: int = 0
    lanes: int = 0
    cards: int = 0


@dataclass(frozen=True)
class StageOutline:
    title: str
    step_count: int
    steps: list[str]  # the titles shown, at most step_count of them


@dataclass(frozen=True)
class LaneOutline:
    title: str
    kind: str
    cards: int


@dataclass(frozen=True)
class BlueprintOutline:
    stages: list[StageOutline] = field(default_factory=list)
    more_stages: int = 0
    loose_steps: StageOutline | None = None  # steps in no stage
    lanes: list[LaneOutline] = field(default_factory=list)


def blueprint_counts(session: Session) -> dict[str, BlueprintCounts]:
    """Counts for every blueprint of the project, keyed by blueprint id."""

    def per_blueprint(column) -> dict[str, int]:
        return dict(session.execute(select(column, func.count()).group_by(column)).all())

    stages = per_blueprint(Stage.blueprint_id)
    steps = per_blueprint(Step.blueprint_id)
    lanes = per_blueprint(Lane.blueprint_id)
    cards = dict(
        session.execute(
            select(Lane.blueprint_id, func.count(Card.id))
            .join(Card, Card.lane_id == Lane.id)
            .group_by(Lane.blueprint_id)
        ).all()
    )
    return {
        blueprint_id: BlueprintCounts(
            stages=stages.get(blueprint_id, 0),
            steps=steps.get(blueprint_id, 0),
            lanes=lanes.get(blueprint_id, 0),
            cards=cards.get(blueprint_id, 0),
        )
        for blueprint_id in set(stages) | set(steps) | set(lanes) | set(cards)
    }


def blueprint_outline(session: Session, blueprint_id: str) -> BlueprintOutline:
    """The stages of one blueprint with their first steps, and its lanes with card counts."""
    in_blueprint = Step.blueprint_id == blueprint_id
    stage_rows = session.execute(
        select(Stage.id, Stage.title)
        .where(Stage.blueprint_id == blueprint_id)
        .order_by(Stage.position)
        .limit(MAX_STAGES_SHOWN)
    ).all()
    total_stages = session.scalar(
        select(func.count()).select_from(Stage).where(Stage.blueprint_id == blueprint_id)
    )
    step_counts = dict(
        session.execute(
            select(Step.stage_id, func.count()).where(in_blueprint).group_by(Step.stage_id)
        ).all()
    )
    titles: dict[str | None, list[str]] = defaultdict(list)
    for stage_id, title in session.execute(
        select(Step.stage_id, Step.title)
        .where(in_blueprint)
        .order_by(Step.position)
        .limit(MAX_STEPS_SHOWN)
    ):
        titles[stage_id].append(title)

    stages = [
        StageOutline(title, step_counts.get(stage_id, 0), titles.get(stage_id, []))
        for stage_id, title in stage_rows
    ]
    loose = None
    if step_counts.get(None):
        loose = StageOutline("Steps in no stage", step_counts[None], titles.get(None, []))

    cards = dict(
        session.execute(
            select(Card.lane_id, func.count())
            .join(Lane, Card.lane_id == Lane.id)
            .where(Lane.blueprint_id == blueprint_id)
            .group_by(Card.lane_id)
        ).all()
    )
    lanes = [
        LaneOutline(title, kind.value, cards.get(lane_id, 0))
        for lane_id, title, kind in session.execute(
            select(Lane.id, Lane.title, Lane.kind)
            .where(Lane.blueprint_id == blueprint_id)
            .order_by(Lane.position)
        )
    ]
    return BlueprintOutline(stages, total_stages - len(stages), loose, lanes)
