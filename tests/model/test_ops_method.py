"""Pain points, emotions, key moments and opportunities."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.model import ops_grid as grid
from app.model import ops_method as ops
from app.model.errors import ModelError
from app.model.kinds import EvidenceSource, OpportunityStatus, Perspective, Scale
from app.model.schema import Emotion, KeyMoment, PainPoint


def test_pain_points_on_cards_and_steps(session, blueprint) -> None:
    card = grid.add_card(blueprint.lanes[0], blueprint.steps[0], "Receives letter")
    on_card = ops.add_pain_point(
        card,
        "Letter is hard to understand",
        3,
        "service user",
        "interview",
        people_affected=120,
        underserved_group="people with low literacy",
    )
    on_step = ops.add_pain_point(blueprint.steps[1], "No reminder", 4, "staff", "data")
    assert on_card.card is card and on_card.step is None
    assert on_step.step is blueprint.steps[1] and on_step.card is None
    assert on_card.perspective is Perspective.SERVICE_USER
    assert on_step.evidence is EvidenceSource.DATA
    ops.attach_pain_point(on_step, card)
    assert on_step.card is card and on_step.step is None
    assert {p.description for p in card.pain_points} == {
        "Letter is hard to understand",
        "No reminder",
    }
    ops.delete_pain_point(on_card)
    assert session.scalar(select(func.count()).select_from(PainPoint)) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("severity", 0, "severity must be from 1 to 5"),
        ("severity", 6, "severity must be from 1 to 5"),
        ("perspective", "manager", "perspective must be one of: service user, staff, partner"),
        ("evidence", "rumour", "evidence must be one of: interview"),
    ],
)
def test_pain_point_values_are_checked(blueprint, field, value, message) -> None:
    values = {"severity": 3, "perspective": "staff", "evidence": "workshop"}
    values[field] = value
    with pytest.raises(ModelError, match=message):
        ops.add_pain_point(blueprint.steps[0], "x", **values)


def test_emotions_set_change_and_clear(session, blueprint) -> None:
    step = blueprint.steps[0]
    ops.set_emotion(step, -2, 1)
    assert (step.emotion.service_user, step.emotion.staff) == (-2, 1)
    ops.set_emotion(step, 1)
    assert (step.emotion.service_user, step.emotion.staff) == (1, None)
    with pytest.raises(ModelError, match="from -2 to \\+2"):
        ops.set_emotion(step, 3)
    ops.set_emotion(step, None, None)
    assert step.emotion is None
    assert session.scalar(select(func.count()).select_from(Emotion)) == 0


def test_key_moments_and_the_sweet_spot(session, blueprint) -> None:
    appointment = ops.set_key_moment(blueprint.steps[2], 5, 5, "the appointment itself")
    letter = ops.set_key_moment(blueprint.steps[0], 4, 2)
    assert appointment.is_sweet_spot and not letter.is_sweet_spot
    ops.set_key_moment(blueprint.steps[0], 4, 4)
    assert letter.is_sweet_spot
    with pytest.raises(ModelError, match="importance to the provider must be from 0 to 5"):
        ops.set_key_moment(blueprint.steps[0], 1, 9)
    ops.clear_key_moment(blueprint.steps[0])
    assert session.scalar(select(func.count()).select_from(KeyMoment)) == 1


def test_opportunities_are_scored_and_linked(session, project, blueprint) -> None:
    pain = ops.add_pain_point(blueprint.steps[0], "No reminder", 4, "service user", "data")
    other = ops.add_pain_point(blueprint.steps[1], "Anxious", 5, "service user", "interview")
    opportunity = ops.add_opportunity(
        project,
        "Reminder by a trusted contact",
        [pain],
        management_interest=4,
        operational_capacity=3,
        capability=4,
        impact=4,
        effort=2,
        quick_win=True,
        scale="individual",
        status="shortlisted",
        owner="Practice manager",
        measure="DNA rate",
        target_date="2027-03-31",
        people_affected=300,
        underserved_group="people without mobiles",
    )
    assert opportunity.scale is Scale.INDIVIDUAL
    assert opportunity.status is OpportunityStatus.SHORTLISTED
    assert opportunity.target_date == date(2027, 3, 31)
    ops.link_pain_point(opportunity, other)
    ops.link_pain_point(opportunity, other)
    assert opportunity.pain_points == [pain, other]
    assert pain.opportunities == [opportunity]
    ops.unlink_pain_point(opportunity, pain)
    assert opportunity.pain_points == [other]
    with pytest.raises(ModelError, match="impact must be from 0 to 5"):
        grid.edit(opportunity, impact=7)
    with pytest.raises(ModelError, match="target date must be a date"):
        grid.edit(opportunity, target_date="next spring")
    ops.delete_opportunity(opportunity)
    assert project.opportunities == []
    assert session.get(PainPoint, other.id) is not None


def test_deleting_a_pain_point_unlinks_it_from_opportunities(session, project, blueprint) -> None:
    pain = ops.add_pain_point(blueprint.steps[0], "No reminder", 4, "staff", "data")
    opportunity = ops.add_opportunity(project, "Follow-up call", [pain])
    ops.delete_pain_point(pain)
    session.expire(opportunity)
    assert opportunity.pain_points == []
