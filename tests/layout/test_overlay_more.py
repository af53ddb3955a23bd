"""The overlay's data beyond the numbered badges: each cell's summed severity, the evidence
gaps (no evidence, assumptions only), the waiting time of the wait points per stage and
for the whole journey, and resolved pain points listed apart."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.layout.engine import BlueprintLayout
from app.layout.geometry import BlueprintGeometry
from app.layout.overlay import (
    ASSUMPTIONS_ONLY,
    NO_EVIDENCE,
    WaitTotal,
    build_overlay,
    format_minutes,
)
from app.layout.source import shape_from_blueprint
from app.model.ops_grid import (
    add_blueprint,
    add_card,
    add_lane,
    add_stage,
    add_step,
    create_project,
)
from app.model.ops_method import add_pain_point
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint


@pytest.fixture
def build() -> Iterator[
    Callable[[Callable[[Blueprint], None]], tuple[Blueprint, BlueprintGeometry]]
]:
    """A blueprint of three lanes and two stages (Visit: Arrive, Wait; After: Leave) and a
    step of no stage at the end (Later), filled by the test, with its geometry."""
    made: list[ProjectFile] = []

    def make(fill: Callable[[Blueprint], None]) -> tuple[Blueprint, BlueprintGeometry]:
        def builder(session) -> None:
            project = create_project(session, "Overlay")
            blueprint = add_blueprint(project, "As-is")
            for kind in ("customer actions", "frontstage", "backstage"):
                add_lane(blueprint, kind)
            visit, after = add_stage(blueprint, "Visit"), add_stage(blueprint, "After")
            for title, stage in (("Arrive", visit), ("Wait", visit), ("Leave", after)):
                add_step(blueprint, title, stage=stage)
            add_step(blueprint, "Later")
            fill(blueprint)

        project_file = ProjectFile.build("Overlay", builder)
        made.append(project_file)
        blueprint = project_file.project.blueprints[0]
        layout = BlueprintLayout(shape_from_blueprint(project_file.session, blueprint))
        return blueprint, layout.geometry

    yield make
    for project_file in made:
        project_file.close()


def test_each_cell_sums_the_severities_of_its_cards_pain_points(build) -> None:
    def fill(blueprint: Blueprint) -> None:
        user, front, _back = blueprint.lanes
        arrive, wait = blueprint.steps[:2]
        queue = add_card(user, arrive, "Queues outside")
        add_pain_point(queue, "Cold", 3, "service user", "interview")
        add_pain_point(queue, "No seats", 2, "service user", "observation")
        desk = add_card(user, arrive, "Asks at the desk")
        add_pain_point(desk, "Nobody there", 4, "service user", "workshop")
        add_pain_point(add_card(front, arrive, "Greets"), "Too busy", 5, "staff", "data")
        add_pain_point(arrive, "Signage", 1, "partner", "interview")  # the step's: no cell
        add_pain_point(add_card(front, wait, "Calls"), "Fixed", 5, "staff", "data", resolved=True)

    blueprint, geometry = build(fill)
    user, front, _back = blueprint.lanes
    arrive = blueprint.steps[0]
    data = build_overlay(blueprint, geometry)
    cells = {(c.lane_id, c.step_id): (c.total, c.count) for c in data.cells}
    assert cells == {(user.id, arrive.id): (9, 3), (front.id, arrive.id): (5, 1)}
    assert data.step_totals == {arrive.id: 15}
    for cell in data.cells:
        assert cell.rect == geometry.cells[(cell.lane_id, cell.step_id)]
    staff = build_overlay(blueprint, geometry, perspective="staff")
    assert [(c.lane_id, c.total) for c in staff.cells] == [(front.id, 5)]
    assert staff.step_totals == {arrive.id: 5}
    every = build_overlay(blueprint, geometry, include_resolved=True)
    wait = blueprint.steps[1]
    assert {(c.lane_id, c.step_id): c.total for c in every.cells}[(front.id, wait.id)] == 5


def test_steps_without_evidence_or_with_only_assumptions_are_gaps(build) -> None:
    def fill(blueprint: Blueprint) -> None:
        user, front, _back = blueprint.lanes
        arrive, wait, leave, _later = blueprint.steps
        add_pain_point(add_card(user, arrive, "Queues"), "Cold", 3, "service user", "interview")
        add_pain_point(add_card(user, wait, "Waits"), "Bored?", 2, "service user", "assumption")
        add_pain_point(wait, "Long?", 4, "staff", "assumption")
        add_card(front, leave, "Says goodbye")  # cards alone are no evidence
        add_pain_point(
            add_card(user, leave, "Leaves"), "Lost", 2, "partner", "assumption", resolved=True
        )
        add_pain_point(add_card(front, leave, "Books"), "Slow", 1, "staff", "data", resolved=True)

    blueprint, geometry = build(fill)
    arrive, wait, leave, later = blueprint.steps
    data = build_overlay(blueprint, geometry)
    gaps = {gap.step_id: (gap.kind, gap.label, gap.count) for gap in data.gaps}
    assert gaps == {
        wait.id: (ASSUMPTIONS_ONLY, "Assumptions only", 2),
        later.id: (NO_EVIDENCE, "No evidence", 0),
    }
    # Resolved pain points were researched too: Leave is evidenced (by data).
    assert arrive.id not in gaps and leave.id not in gaps
    for gap in data.gaps:
        step = geometry.step(gap.step_id)
        assert gap.header == step.header
        assert gap.column.x == step.x and gap.column.bottom == geometry.height
    # The perspective filter narrows the badges, not the evidence.
    partner = build_overlay(blueprint, geometry, perspective="partner")
    assert {gap.step_id for gap in partner.gaps} == set(gaps)
    assert partner.entries == []


def test_waiting_is_summed_per_stage_and_for_the_journey(build) -> None:
    def fill(blueprint: Blueprint) -> None:
        user, front, back = blueprint.lanes
        arrive, wait, leave, later = blueprint.steps
        add_card(user, arrive, "Queues", wait_point=True, duration_minutes=20)
        add_card(front, wait, "Phones the lab", wait_point=True, duration_minutes=45)
        add_card(user, wait, "Waits", wait_point=True)  # no time recorded
        add_card(back, wait, "Files", duration_minutes=90)  # not a wait point
        add_card(user, leave, "Waits for results", wait_point=True, duration_minutes=3 * 24 * 60)
        add_card(user, later, "Waits a year", wait_point=True, duration_minutes=60 * 24 * 365)

    blueprint, geometry = build(fill)
    data = build_overlay(blueprint, geometry)
    stages = [(s.stage_id, s.total) for s in data.stage_waits]
    visit, after = blueprint.stages
    assert stages == [
        (visit.id, WaitTotal(65, 3, 1)),
        (after.id, WaitTotal(3 * 24 * 60, 1, 0)),
        (None, WaitTotal(60 * 24 * 365, 1, 0)),
    ]
    for stage in data.stage_waits:
        assert stage.rect == geometry.stages[stage.index].rect
    assert data.journey_wait == WaitTotal(65 + 3 * 24 * 60 + 60 * 24 * 365, 5, 1)
    assert data.journey_wait.summary == (
        "Waiting: 368 days 1 h across 5 wait points (1 without a time)"
    )
    assert data.stage_waits[0].total.time == "1 h 5 min"
    assert {w.card_id: w.minutes for w in data.wait_cards}.get(
        next(c.id for c in blueprint.steps[1].cards if c.text == "Waits")
    ) is None
    assert len(data.wait_cards) == 5
    for wait in data.wait_cards:
        assert wait.rect == geometry.cards[wait.card_id].rect
    assert data.corner is not None and data.corner.w == geometry.steps[0].x


def test_a_map_without_wait_points_waits_for_nothing(build) -> None:
    blueprint, geometry = build(lambda blueprint: None)
    data = build_overlay(blueprint, geometry)
    assert data.stage_waits == [] and data.wait_cards == []
    assert data.journey_wait == WaitTotal() and data.journey_wait.summary == "No wait points"
    assert WaitTotal(0, 2, 2).summary == "Waiting: 2 wait points, no times recorded"
    assert WaitTotal(0, 2, 2).time == "no time"


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "0 min"),
        (45, "45 min"),
        (60, "1 h"),
        (200, "3 h 20 min"),
        (24 * 60, "1 day"),
        (2 * 24 * 60 + 4 * 60 + 59, "2 days 4 h"),
    ],
)
def test_waiting_times_read_in_plain_words(minutes: int, words: str) -> None:
    assert format_minutes(minutes) == words


def test_resolved_pain_points_are_listed_apart_in_the_slots_after_the_numbered(build) -> None:
    def fill(blueprint: Blueprint) -> None:
        card = add_card(blueprint.lanes[0], blueprint.steps[0], "Queues")
        add_pain_point(card, "Fixed", 5, "service user", "data", resolved=True)
        add_pain_point(card, "Open", 2, "service user", "interview")
        add_pain_point(blueprint.steps[1], "Also fixed", 3, "staff", "data", resolved=True)

    blueprint, geometry = build(fill)
    data = build_overlay(blueprint, geometry)
    assert [(e.number, e.text) for e in data.entries] == [(1, "Open")]
    assert [(e.number, e.text) for e in data.resolved_entries] == [
        (0, "Fixed"),
        (0, "Also fixed"),
    ]
    (open_badge,) = data.badges
    fixed, also = data.resolved_badges
    assert fixed.resolved and fixed.number == 0 and not open_badge.resolved
    assert fixed.pain_point_id == data.resolved_entries[0].id
    assert open_badge.pain_point_id == data.entries[0].id
    # Next to the open one on the card, not on top of it.
    assert fixed.y == open_badge.y and fixed.x > open_badge.x + 2 * open_badge.radius
    assert also.card_id is None
    assert data.pain_cards == {blueprint.steps[0].cards[0].id}
