"""What a key moment depends on upstream, and its single points of failure: a system or
role whose loss leaves no path from the journey's starting cards into the moment."""

from findings_builder import Map, actor, project_file, system

from app.analysis.findings import FindingKind, analyse
from app.model.kinds import ActorKind


def of(analysis, kind):
    return [f for f in analysis.findings if f.kind == kind]


def chain(opened, *, second_path: bool) -> Map:
    project = opened.project
    diary, gp = system(project, "Diary"), system(project, "GP system")
    admin, reception = actor(project, "Admin"), actor(project, "Receptionist")
    sam = actor(project, "Sam", ActorKind.SERVICE_USER)
    journey = Map(project)
    books = journey.card("customer", "Book", "Books", actor=sam)
    held = journey.card("systems", "Book", "Slot held", systems=(diary,))
    reminds = journey.card("back", "Remind", "Reminder posted", actor=admin)
    arrives = journey.card("customer", "Arrive", "Arrives", actor=sam)
    sees = journey.card("front", "Appointment", "Nurse sees patient")
    journey.card("systems", "Appointment", "Review template", systems=(gp,))
    journey.card("front", "Later", "Results given")  # downstream: not a dependency
    journey.connect(books, held, reminds, arrives, sees)
    if second_path:
        calls = journey.card("front", "Book", "Receptionist calls", actor=reception)
        journey.connect(books, calls, arrives)
    journey.moment("Appointment")
    return journey


def test_a_key_moment_depends_on_the_cards_and_systems_upstream_of_it() -> None:
    with project_file() as opened:
        journey = chain(opened, second_path=True)
        analysis = analyse(opened.session)
        [depends] = of(analysis, FindingKind.MOMENT_DEPENDENCIES)
        assert depends.title == "What “Appointment” depends on"
        assert depends.sentence == (
            "The key moment “Appointment” depends on 2 cards behind the line of visibility "
            "upstream (“Slot held” and “Reminder posted”) and on 2 systems: Diary and GP "
            "system. No single system or role cuts every path into it."
        )
        assert [(i.kind, i.name) for i in depends.items] == [
            ("step", "Appointment"),
            ("card", "Slot held"),
            ("card", "Reminder posted"),
            ("system", "Diary"),
            ("system", "GP system"),
        ]
        assert depends.items[0].id == journey.steps["Appointment"].id
        assert of(analysis, FindingKind.SINGLE_POINT_OF_FAILURE) == []


def test_a_system_or_role_on_every_path_into_the_moment_is_a_single_point_of_failure() -> None:
    with project_file() as opened:
        chain(opened, second_path=False)
        analysis = analyse(opened.session)
        [depends] = of(analysis, FindingKind.MOMENT_DEPENDENCIES)
        assert depends.sentence.endswith(
            "Losing Diary or Admin alone would cut every path into it."
        )
        diary, admin = of(analysis, FindingKind.SINGLE_POINT_OF_FAILURE)  # service user: never
        assert diary.title == "Diary: single point of failure for “Appointment”"
        assert diary.sentence == (
            "If the system Diary were unavailable, nothing would lead into the key moment "
            "“Appointment”: every path into it passes through “Slot held”. Plan how the "
            "moment happens without it."
        )
        assert [(i.kind, i.name) for i in diary.items] == [
            ("system", "Diary"),
            ("step", "Appointment"),
            ("card", "Slot held"),
        ]
        assert admin.sentence.startswith("If the role Admin were unavailable")
        assert admin.items[0].kind == "actor"


def test_a_moment_with_nothing_connected_says_so() -> None:
    with project_file() as opened:
        journey = Map(opened.project)
        journey.card("front", "Check", "Nurse checks")
        journey.moment("Check")
        [depends] = of(analyse(opened.session), FindingKind.MOMENT_DEPENDENCIES)
        assert depends.sentence.startswith("Nothing is connected upstream of the key moment")
