"""Writing an import plan: names made unique, actors and systems matched or added,
unknown connector ends reported, and a plan that breaks a limit writing nothing."""

from __future__ import annotations

import pytest

from app.importers.build import build_plan
from app.importers.plan import (
    BlueprintPlan,
    CardPlan,
    ConnectorPlan,
    ImportFailed,
    ImportPlan,
    LanePlan,
    PainPlan,
    StepPlan,
    lane_kind_for,
)
from app.model.dump import dump
from app.model.kinds import ActorKind, LaneKind
from app.model.ops_catalogue import add_actor, add_system
from app.model.project_file import ProjectFile


@pytest.fixture
def project_file():
    project_file = ProjectFile.new("target")
    yield project_file
    project_file.close()


def _plan(name: str = "As-is service", **changes) -> ImportPlan:
    blueprint = BlueprintPlan(
        name,
        lanes=[LanePlan("Customer actions", LaneKind.CUSTOMER_ACTIONS), LanePlan("Backstage")],
        steps=[StepPlan("Call", "Booking"), StepPlan("Wait", "Booking"), StepPlan("Visit")],
        cards=[
            CardPlan(0, 0, "Phones", key="a", actor="Patient", pain_points=(PainPlan("Hold", 4),)),
            CardPlan(1, 0, "Books", key="b", actor="receptionist", systems=("gp system",)),
            CardPlan(0, 2, "Arrives", key="c", actor="Carer", channel="in person"),
        ],
        connectors=[ConnectorPlan("a", "b"), ConnectorPlan("b", "zz"), ConnectorPlan("c", "c")],
    )
    for key, value in changes.items():
        setattr(blueprint, key, value)
    return ImportPlan("test.csv", [blueprint], ["1 thing left out"])


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Customer", LaneKind.CUSTOMER_ACTIONS),
        ("customer  actions", LaneKind.CUSTOMER_ACTIONS),
        ("Front-stage", LaneKind.FRONTSTAGE),
        ("BACKSTAGE:", LaneKind.BACKSTAGE),
        ("Support", LaneKind.SUPPORT_PROCESSES),
        ("Support processes", LaneKind.SUPPORT_PROCESSES),
        ("Systems", LaneKind.SYSTEMS),
        ("Physical evidence", LaneKind.PHYSICAL_EVIDENCE),
        ("Line of visibility", LaneKind.CUSTOM),
    ],
)
def test_lane_kinds_from_titles(title: str, kind: LaneKind) -> None:
    assert lane_kind_for(title) == kind


def test_a_plan_is_written_with_its_grid_and_catalogue(project_file: ProjectFile) -> None:
    project = project_file.project
    add_actor(project, "Receptionist", ActorKind.STAFF_ROLE)
    system = add_system(project, "GP System")
    result = build_plan(project, _plan())
    project_file.commit()
    made = project.blueprints[-1]
    assert made.name == "As-is service (2)"  # the template's blueprint has the name
    assert [lane.title for lane in made.lanes] == ["Customer actions", "Backstage"]
    assert [(s.title, s.stage.title if s.stage else "") for s in made.steps] == [
        ("Call", "Booking"),
        ("Wait", "Booking"),
        ("Visit", ""),
    ]
    books = made.lanes[1].cards[0]
    assert books.actor.name == "Receptionist" and books.systems == [system]
    actors = {a.name: a.kind for a in project.actors}
    assert actors == {
        "Receptionist": ActorKind.STAFF_ROLE,
        "Patient": ActorKind.SERVICE_USER,  # in the customer actions lane
        "Carer": ActorKind.SERVICE_USER,
    }
    (phones,) = [card for card in made.lanes[0].cards if card.text == "Phones"]
    assert [p.severity for p in phones.pain_points] == [4]
    assert [(c.source.text, c.target.text) for c in made.connectors] == [("Phones", "Books")]
    assert (result.cards, result.connectors, result.stages, result.actors, result.systems) == (
        3,
        1,
        1,
        2,
        0,
    )
    assert result.skipped[0] == "1 thing left out"
    assert "1 connector to a card that is not in the import ('zz')" in result.skipped[1]
    assert "from a card to itself" in result.skipped[2]
    assert result.summary().startswith("Imported 1 blueprint: 2 lanes, 3 steps, 1 stage, 3 cards")


def test_names_stay_unique_within_one_import(project_file: ProjectFile) -> None:
    plan = _plan("Journey")
    plan.blueprints.append(_plan("journey").blueprints[0])
    build_plan(project_file.project, plan)
    assert [b.name for b in project_file.project.blueprints][-2:] == ["Journey", "journey (2)"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cards": [CardPlan(5, 0, "x")]}, r"its lane \(5\) is not one of the blueprint's"),
        ({"steps": [StepPlan("")]}, "a step's title is empty"),
        ({"lanes": [LanePlan("x" * 201)]}, "longer than 200 characters"),
        (
            {"cards": [CardPlan(0, 0, "x", pain_points=(PainPlan("p", 9),))]},
            "severity must be from 1 to 5",
        ),
        ({"cards": [CardPlan(0, 0, "x", duration_minutes=-1)]}, "duration must be"),
        ({"name": " "}, "a blueprint's name is empty"),
    ],
)
def test_a_broken_plan_writes_nothing(
    project_file: ProjectFile, changes: dict, message: str
) -> None:
    plan = _plan()
    plan.blueprints.insert(0, _plan("Fine first").blueprints[0])
    for key, value in changes.items():
        setattr(plan.blueprints[1], key, value)
    before = dump(project_file.session)
    with pytest.raises(ImportFailed, match=message):
        build_plan(project_file.project, plan)
    assert dump(project_file.session) == before


def test_an_empty_plan_says_there_is_nothing(project_file: ProjectFile) -> None:
    with pytest.raises(ImportFailed, match="nothing to import"):
        build_plan(project_file.project, ImportPlan("empty.csv"))
