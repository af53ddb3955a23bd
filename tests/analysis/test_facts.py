"""The plain-data read of a project: every fact the analysis needs, in reading order, with
column queries only (no ORM objects loaded), and one blueprint's share when asked."""

from findings_builder import Map, actor, project_file, system
from sqlalchemy.orm import Session

from app.analysis.facts import read_facts


def build(opened) -> tuple[Map, Map]:
    project = opened.project
    gp = system(project, "GP system", "Contact details", "Results", owner="Practice")
    nurse = actor(project, "Nurse")
    first = Map(project, "As is")
    phones = first.card("customer", "Book", "Phones", stage="Booking", channel="phone")
    books = first.card("front", "Book", "Books slot", actor=nurse, duration_minutes=5)
    logged = first.card("systems", "Book", "Logged", systems=(gp,))
    first.card("customer", "Attend", "Waits", stage="Visit", wait_point=True, fail_point=True)
    first.connect(phones, books, kind="hand-off")
    first.pain(books, "Slow", evidence="assumption", severity=4)
    first.pain(first.steps["Attend"], "Crowded", perspective="staff")
    first.moment("Attend", 4, 3)
    second = Map(project, "To be", "to-be")
    second.card("customer", "Only", "Alone")
    del logged
    return first, second


def test_read_facts_gives_every_fact_in_reading_order() -> None:
    with project_file() as opened:
        first, second = build(opened)
        facts = read_facts(opened.session)
        bid = first.blueprint.id
        assert facts.project_name == "Test"
        assert [b.name for b in facts.blueprints.values()] == ["As is", "To be"]
        assert [c.text for c in facts.cards_of(bid)] == ["Phones", "Books slot", "Logged", "Waits"]
        assert [c.text for c in facts.cards.values()][-1] == "Alone"
        phones, books, logged, waits = facts.cards_of(bid)
        assert (phones.lane_kind, phones.channel, phones.stage_id) == (
            "customer actions",
            "phone",
            first.stages["Booking"].id,
        )
        assert facts.actor_name(books.actor_id) == "Nurse"
        assert books.duration_minutes == 5
        assert (waits.wait_point, waits.fail_point) == (True, True)
        assert facts.system_names(logged.id) == ["GP system"]
        gp = next(iter(facts.systems.values()))
        assert (gp.owner, [i.name for i in gp.data_items]) == (
            "Practice",
            ["Contact details", "Results"],
        )
        [connector] = facts.connectors_of(bid)
        assert (connector.source_id, connector.target_id, connector.kind) == (
            phones.id,
            books.id,
            "hand-off",
        )
        assert [s.title for s in facts.stages_of(bid)] == ["Booking", "Visit"]
        assert [s.title for s in facts.steps_of(bid)] == ["Book", "Attend"]
        pains = sorted(facts.pain_points.values(), key=lambda p: p.description)
        assert [(p.description, p.evidence, p.perspective, p.severity) for p in pains] == [
            ("Crowded", "interview", "staff", 3),
            ("Slow", "assumption", "service user", 4),
        ]
        moment = facts.key_moments[first.steps["Attend"].id]
        assert (moment.importance_to_user, moment.importance_to_provider) == (4, 3)
        assert facts.cards_of(second.blueprint.id)[0].text == "Alone"


def test_read_facts_of_one_blueprint_keeps_the_catalogues_whole() -> None:
    with project_file() as opened:
        first, second = build(opened)
        facts = read_facts(opened.session, [second.blueprint.id])
        assert list(facts.blueprints) == [second.blueprint.id]
        assert [c.text for c in facts.cards.values()] == ["Alone"]
        assert facts.connectors == {} and facts.pain_points == {} and facts.key_moments == {}
        assert [s.name for s in facts.systems.values()] == ["GP system"]
        assert [a.name for a in facts.actors.values()] == ["Nurse"]
        assert facts.cards_of(first.blueprint.id) == []


def test_read_facts_loads_no_model_objects() -> None:
    with project_file() as opened:
        build(opened)
        opened.session.commit()
        with Session(bind=opened.engine) as fresh:
            facts = read_facts(fresh)
            assert len(facts.cards) == 5
            assert len(fresh.identity_map) == 0
