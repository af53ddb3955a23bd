"""The bundled sample: as rich as DOMAIN.md's worked example, a to-be with lineage, and a
scaled version for big maps. Every check reads a committed database in a fresh session."""

import json
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine

from app.model.errors import ModelError
from app.model.kinds import (
    ActorKind,
    BlueprintKind,
    ConnectorKind,
    EvidenceSource,
    LaneKind,
    OpportunityStatus,
    Perspective,
)
from app.model.method import SCORE_FIELDS
from app.model.sample import SAMPLE_NAME, SAMPLE_PATH, SampleError, build_sample
from app.model.schema import (
    Base,
    Blueprint,
    Card,
    Comment,
    DataItem,
    KeyMoment,
    PainPoint,
    Project,
    Stage,
    Step,
    System,
)
from app.model.sessions import ProjectSession

STANDARD_LANES = [
    LaneKind.PHYSICAL_EVIDENCE,
    LaneKind.CUSTOMER_ACTIONS,
    LaneKind.FRONTSTAGE,
    LaneKind.BACKSTAGE,
    LaneKind.SUPPORT_PROCESSES,
    LaneKind.SYSTEMS,
]


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _foreign_keys(connection, _record) -> None:
        connection.execute("PRAGMA foreign_keys = ON")

    Base.metadata.create_all(engine)
    return engine


def _built(path: Path, scale: int | None = None) -> tuple[Engine, float]:
    engine = _engine(path)
    started = time.perf_counter()
    with ProjectSession(bind=engine) as session:
        build_sample(session, scale)
        session.commit()
    return engine, time.perf_counter() - started


@pytest.fixture(scope="module")
def sample_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine, _ = _built(tmp_path_factory.mktemp("sample") / "sample.db")
    yield engine
    engine.dispose()


@pytest.fixture
def session(sample_engine: Engine) -> Iterator[ProjectSession]:
    with ProjectSession(bind=sample_engine) as session:
        yield session


@pytest.fixture
def project(session: ProjectSession) -> Project:
    return session.scalars(select(Project)).one()


@pytest.fixture
def as_is(project: Project) -> Blueprint:
    return project.blueprints[0]


@pytest.fixture
def to_be(project: Project) -> Blueprint:
    return project.blueprints[1]


def cards_of(blueprint: Blueprint) -> list[Card]:
    return [card for lane in blueprint.lanes for card in lane.cards]


def pain_points_of(blueprint: Blueprint) -> list[PainPoint]:
    on_steps = [pain for step in blueprint.steps for pain in step.pain_points]
    return on_steps + [pain for card in cards_of(blueprint) for pain in card.pain_points]


def assert_positions_dense(session: ProjectSession) -> None:
    def dense(groups: dict) -> None:
        for key, positions in groups.items():
            assert sorted(positions) == list(range(len(positions))), key

    for model, parent in (
        (Blueprint, "project_id"),
        (Stage, "blueprint_id"),
        (Step, "blueprint_id"),
        (DataItem, "system_id"),
    ):
        groups = defaultdict(list)
        for owner, position in session.execute(select(getattr(model, parent), model.position)):
            groups[owner].append(position)
        dense(groups)
    cells = defaultdict(list)
    for lane_id, step_id, position in session.execute(
        select(Card.lane_id, Card.step_id, Card.position)
    ):
        cells[lane_id, step_id].append(position)
    dense(cells)


# -- the project and the as-is -----------------------------------------------------------------


def test_sample_is_one_as_is_and_its_to_be(project: Project, as_is, to_be) -> None:
    assert project.name == SAMPLE_NAME
    assert [bp.kind for bp in project.blueprints] == [BlueprintKind.AS_IS, BlueprintKind.TO_BE]
    assert to_be.derived_from is as_is


def test_as_is_has_the_standard_lanes_and_stages(as_is) -> None:
    assert [lane.kind for lane in as_is.lanes] == STANDARD_LANES
    stages = ["Invitation", "Booking", "Attending", "Check", "Follow-up"]
    assert [stage.title for stage in as_is.stages] == stages
    assert all(stage.steps for stage in as_is.stages)
    assert [step.stage.title for step in as_is.steps] == [
        stage.title for stage in as_is.stages for _ in stage.steps
    ]


def test_as_is_cards_are_many_and_carry_their_details(as_is) -> None:
    cards = cards_of(as_is)
    assert len(cards) >= 25
    texts = {card.text for card in cards}
    for text in (
        "Receives letter",
        "Phones surgery",
        "Waits on hold",
        "Travels to surgery",
        "Sits in waiting room",
        "Has bloods taken",
        "Is told results later (or not)",
        "Receptionist books slot",
        "GP reviews",
        "Admin pulls list of eligible patients from register",
        "Nurse chases missed appointments",
        "Results filed",
    ):
        assert text in texts
    assert any(card.actor is not None for card in cards)
    assert any(card.channel for card in cards)
    assert any(card.duration_minutes for card in cards)
    assert any(card.fail_point for card in cards)
    assert any(card.wait_point for card in cards)
    assert any(card.notes for card in cards)
    lanes_used = {card.lane.kind for card in cards}
    assert lanes_used == set(STANDARD_LANES)


def test_as_is_connectors_are_of_every_kind_and_some_labelled(as_is) -> None:
    assert {connector.kind for connector in as_is.connectors} == set(ConnectorKind)
    assert any(connector.label for connector in as_is.connectors)
    for connector in as_is.connectors:
        assert connector.source.lane.blueprint is as_is
        assert connector.target.lane.blueprint is as_is


def test_pain_points_cover_every_perspective_and_evidence_source(as_is) -> None:
    pains = pain_points_of(as_is)
    assert len(pains) >= 6
    assert {pain.perspective for pain in pains} == set(Perspective)
    assert {pain.evidence for pain in pains} == set(EvidenceSource)
    assert any(pain.people_affected for pain in pains)
    assert any(pain.underserved_group for pain in pains)
    assert not any(pain.resolved for pain in pains)
    assert any(pain.step is not None for pain in pains)

    def one(words: str) -> PainPoint:
        (pain,) = [p for p in pains if words in p.description]
        return pain

    examples = (
        ("Letter is hard to understand", Perspective.SERVICE_USER, 3, None),
        ("waiting room and meeting someone known", Perspective.SERVICE_USER, 5, "interview"),
        ("No reminder for people without mobiles", Perspective.SERVICE_USER, 4, None),
        ("Nurse cannot see mental-health record", Perspective.STAFF, 4, None),
        ("DNA (did not attend) not followed up", Perspective.STAFF, 4, "data"),
    )
    for words, perspective, severity, evidence in examples:
        pain = one(words)
        assert (pain.perspective, pain.severity) == (perspective, severity)
        if evidence:
            assert pain.evidence == evidence


def test_every_as_is_step_has_user_and_staff_emotions(as_is) -> None:
    for step in as_is.steps:
        assert step.emotion is not None, step.title
        assert step.emotion.service_user is not None and step.emotion.staff is not None
    assert len({step.emotion.service_user for step in as_is.steps}) >= 3


def test_the_appointment_is_the_sweet_spot(as_is) -> None:
    (step,) = [step for step in as_is.steps if step.key_moment is not None]
    assert step.stage.title == "Check" and "appointment" in step.title.lower()
    moment = step.key_moment
    assert (moment.importance_to_user, moment.importance_to_provider) == (5, 5)
    assert moment.is_sweet_spot


def test_actors_are_personas_staff_roles_and_partners(project) -> None:
    assert {actor.kind for actor in project.actors} == set(ActorKind)
    assert len(project.actors) >= 5


def test_systems_catalogue_holds_contact_details_twice(project, as_is) -> None:
    names = {system.name for system in project.systems}
    assert {
        "GP clinical system",
        "SMS reminder service",
        "Pathology lab system",
        "Mental health trust records",
    } <= names
    holders = defaultdict(set)
    for system in project.systems:
        assert system.data_items and system.owner
        for item in system.data_items:
            holders[item.name].add(system.name)
    assert holders["patient contact details"] == {
        "GP clinical system",
        "Mental health trust records",
    }
    systems_lane = next(lane for lane in as_is.lanes if lane.kind is LaneKind.SYSTEMS)
    assert systems_lane.cards and all(card.systems for card in systems_lane.cards)
    named = {system.name for card in systems_lane.cards for system in card.systems}
    assert named == names


def test_opportunities_are_scored_and_linked_to_pain_points(project, as_is) -> None:
    opportunities = project.opportunities
    assert len(opportunities) >= 4
    as_is_pains = {pain.id for pain in pain_points_of(as_is)}
    for opportunity in opportunities:
        for field in SCORE_FIELDS:
            assert getattr(opportunity, field) in range(6), (opportunity.title, field)
        assert opportunity.pain_points
        assert {pain.id for pain in opportunity.pain_points} <= as_is_pains
        assert opportunity.scale is not None and opportunity.owner and opportunity.measure
    assert any(o.quick_win for o in opportunities) and any(o.exemplar for o in opportunities)
    assert len({o.scale for o in opportunities}) == 3
    assert len({o.status for o in opportunities}) >= 3
    assert OpportunityStatus.IDEA in {o.status for o in opportunities}
    assert any(o.target_date for o in opportunities)
    assert any(o.people_affected for o in opportunities)
    assert any(o.underserved_group for o in opportunities)
    titles = {o.title for o in opportunities}
    assert {"Reminder by a trusted contact", "Quieter appointment times"} <= titles


def test_comments_name_their_author_time_and_item(session) -> None:
    comments = list(session.scalars(select(Comment)))
    assert len(comments) >= 2
    for comment in comments:
        assert comment.author and comment.text and comment.created_at
        model = {m.class_.__name__: m.class_ for m in Base.registry.mappers}[comment.item_kind]
        assert session.get(model, comment.item_id) is not None
    assert len({comment.item_kind for comment in comments}) >= 3


# -- the to-be -----------------------------------------------------------------------------------


def test_to_be_cards_keep_their_lineage(as_is, to_be) -> None:
    originals = {card.id: card for card in cards_of(as_is)}
    copies = cards_of(to_be)
    derived = [card for card in copies if card.derived_from is not None]
    assert {card.derived_from for card in derived} <= set(originals)
    assert len(derived) == len(originals) - 2  # two cards removed
    assert len(copies) > len(derived)  # and new ones added
    kept = {originals[card.derived_from].text for card in derived}
    assert "Waits on hold" not in kept and "Receives letter" in kept
    edited = [card for card in derived if card.text != originals[card.derived_from].text]
    assert len(edited) >= 5
    for card in derived:
        assert card.step.derived_from == originals[card.derived_from].step_id
    assert all(step.derived_from is None for step in to_be.steps if step.title == "Follow-up call")
    assert "Follow-up call" in [step.title for step in to_be.steps]


def test_to_be_resolves_pain_points_it_addresses(as_is, to_be) -> None:
    originals = {pain.id: pain for pain in pain_points_of(as_is)}
    copies = pain_points_of(to_be)
    assert all(pain.derived_from in originals for pain in copies)
    resolved = [pain for pain in copies if pain.resolved]
    assert len(resolved) >= 4
    assert any(pain.description == "No reminder for people without mobiles." for pain in resolved)
    assert any(not pain.resolved for pain in copies)


def test_to_be_changes_connectors_and_emotions(as_is, to_be) -> None:
    labels = {connector.label for connector in to_be.connectors}
    assert "medication, care plan" in labels
    assert all(c.source.lane.blueprint is to_be for c in to_be.connectors)
    before = {step.id: step.emotion.service_user for step in as_is.steps}
    after = [step for step in to_be.steps if step.derived_from in before]
    assert any(step.emotion.service_user > before[step.derived_from] for step in after)
    assert to_be.steps[[s.title for s in to_be.steps].index("Checks in and waits")].emotion


def test_positions_are_dense(session) -> None:
    assert_positions_dense(session)


# -- scaled --------------------------------------------------------------------------------------


def test_scale_2000_repeats_the_journey(tmp_path) -> None:
    engine, _ = _built(tmp_path / "scaled.db", 2000)
    with ProjectSession(bind=engine) as session:
        cards = session.scalar(select(func.count(Card.id)))
        assert 1800 <= cards <= 2200
        project = session.scalars(select(Project)).one()
        as_is, to_be = project.blueprints
        assert len(cards_of(to_be)) < 100  # the to-be stays the small one
        titles = [stage.title for stage in as_is.stages]
        assert titles[:5] == ["Invitation", "Booking", "Attending", "Check", "Follow-up"]
        assert "Booking (round 2)" in titles and "Invitation (round 3)" in titles
        rounds = len(as_is.steps) / 11
        assert len(as_is.connectors) > 20 * rounds
        assert len(pain_points_of(as_is)) > 8 * rounds
        assert all(step.emotion is not None for step in as_is.steps)
        assert all(card.derived_from is None for card in cards_of(as_is))
        assert_positions_dense(session)
    engine.dispose()


@pytest.mark.slow
def test_scale_10000_is_quick(tmp_path) -> None:
    engine, seconds = _built(tmp_path / "big.db", 10_000)
    with ProjectSession(bind=engine) as session:
        assert 9000 <= session.scalar(select(func.count(Card.id))) <= 11000
    engine.dispose()
    assert seconds < 20


def test_scale_smaller_than_the_sample_is_refused(tmp_path) -> None:
    session = ProjectSession(bind=_engine(tmp_path / "s.db"))
    with session, pytest.raises(ModelError, match="scale must be at least"):
        build_sample(session, 10)


# -- a damaged source ----------------------------------------------------------------------------


def _source_with(tmp_path: Path, change) -> Path:
    data = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "sample.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _first_card(data: dict) -> dict:
    return data["as_is"]["stages"][0]["steps"][0]["cards"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["as_is"]["pain_points"][0].update(on="no-such-card"), "no-such-card"),
        (lambda d: d["as_is"]["pain_points"][0].update(severity=9), r"pain_points\[0\]: severity"),
        (lambda d: _first_card(d).update(colour="red"), "unknown field.*colour"),
        (lambda d: _first_card(d).pop("lane"), r"cards\[0\] lacks lane"),
        (lambda d: d["as_is"]["connectors"][0].update(kind="zigzag"), "kind must be one of"),
        (lambda d: d["to_be"]["changes"][0].update(remove_cards=["invitation"]), "is a stage"),
        (lambda d: d.update(version=99), "format must be"),
        (lambda d: d["comments"][0].update(at="yesterday"), r"^cannot build.*: comments\[0\]"),
    ],
)
def test_malformed_source_says_where(tmp_path, change, message) -> None:
    source = _source_with(tmp_path, change)
    session = ProjectSession(bind=_engine(tmp_path / "s.db"))
    with session, pytest.raises(SampleError, match=message):
        build_sample(session, source=source)


def test_unreadable_source_is_a_sample_error(tmp_path) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"format": ', encoding="utf-8")
    with ProjectSession(bind=_engine(tmp_path / "s.db")) as session:
        with pytest.raises(SampleError, match="not valid JSON"):
            build_sample(session, source=source)
        with pytest.raises(SampleError, match="cannot read"):
            build_sample(session, source=tmp_path / "missing.json")


def test_key_moments_are_not_repeated_by_scale(tmp_path) -> None:
    engine, _ = _built(tmp_path / "scaled.db", 500)
    with ProjectSession(bind=engine) as session:
        assert session.scalar(select(func.count(KeyMoment.id))) == 2  # as-is and to-be
        assert session.scalar(select(func.count(System.id))) == 4
    engine.dispose()
