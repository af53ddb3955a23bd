"""As-is to to-be: each kind of difference on a small project built with the model's
operations (duplicate as to-be, then edit), where the right answer is known."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from app.analysis.compare import compare
from app.analysis.compare_model import (
    CARD_CHANGED,
    CARD_REMOVED,
    MARKED_RESOLVED,
    STEP_REMOVED,
    TAKEN_OFF,
)
from app.model import ops_catalogue as cat
from app.model import ops_grid as grid
from app.model import ops_method as method
from app.model.duplicate import duplicate_as_to_be
from app.model.errors import ModelError
from app.model.project_file import ProjectFile
from app.model.structure import Blueprint, Card


@dataclass
class Clinic:
    file: ProjectFile
    as_is: Blueprint
    cards: dict[str, Card]

    @property
    def session(self):
        return self.file.session

    def to_be(self) -> Blueprint:
        return duplicate_as_to_be(self.as_is, "To-be")

    def copy(self, to_be: Blueprint, name: str) -> Card:
        original = self.cards[name].id
        return next(c for lane in to_be.lanes for c in lane.cards if c.derived_from == original)

    def compare(self, to: str = "To-be"):
        return compare(self.session, "As-is", to)


def _build(session) -> None:
    project = grid.create_project(session, "Clinic")
    blueprint = grid.add_blueprint(project, "As-is")
    for kind in ("customer actions", "frontstage", "backstage", "systems"):
        grid.add_lane(blueprint, kind)
    for title in ("Booking", "Attending"):
        grid.add_step(blueprint, title)


@pytest.fixture
def clinic() -> Iterator[Clinic]:
    project_file = ProjectFile.build("Clinic", _build)
    as_is = project_file.project.blueprints[0]
    customer, front, back, systems = as_is.lanes
    booking, attending = as_is.steps
    project = project_file.project
    sam = cat.add_actor(project, "Sam", "service user")
    receptionist = cat.add_actor(project, "Receptionist", "staff role")
    nurse = cat.add_actor(project, "Practice nurse", "staff role")
    gp_system = cat.add_system(project, "GP clinical system")
    sms = cat.add_system(project, "SMS reminder service")
    cards = {
        "phones": grid.add_card(customer, booking, "Phones surgery", channel="phone"),
        "holds": grid.add_card(customer, booking, "Waits on hold", wait_point=True),
        "books": grid.add_card(front, booking, "Receptionist books slot"),
        "reminder": grid.add_card(systems, booking, "Reminder sent"),
        "checks": grid.add_card(front, attending, "Nurse runs checks", channel="in person"),
        "files": grid.add_card(back, attending, "Results filed"),
    }
    cat.set_card_actor(cards["phones"], sam)
    cat.set_card_actor(cards["books"], receptionist)
    cat.set_card_actor(cards["checks"], nurse)
    cat.set_card_systems(cards["books"], [gp_system])
    cat.set_card_systems(cards["reminder"], [sms])
    grid.add_connector(cards["phones"], cards["books"])  # Sam → Receptionist
    grid.add_connector(cards["books"], cards["reminder"], "data")
    project_file.commit()
    yield Clinic(project_file, as_is, cards)
    project_file.close()


def texts(refs) -> list[str]:
    return [ref.text for ref in refs]


def test_a_fresh_duplicate_changes_nothing(clinic: Clinic) -> None:
    clinic.to_be()
    c = clinic.compare()
    assert c.lineage and c.note == ""
    assert c.unchanged
    assert (c.before.cards, c.after.cards) == (6, 6)
    assert c.before.systems == c.after.systems == ("GP clinical system", "SMS reminder service")


def test_added_and_removed_cards(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    grid.add_card(to_be.lanes[0], to_be.steps[0], "Gets a call to book")
    grid.delete_card(clinic.copy(to_be, "holds"))
    c = clinic.compare()
    assert texts(c.added) == ["Gets a call to book"]
    assert (c.added[0].lane, c.added[0].step) == ("Customer actions", "Booking")
    assert c.added[0].blueprint_id == to_be.id
    assert texts(c.removed) == ["Waits on hold"]
    assert c.removed[0].id == clinic.cards["holds"].id
    assert not c.changed and not c.moved


@pytest.mark.parametrize(
    ("field", "change", "before", "after"),
    [
        ("text", {"text": "Books a quiet slot"}, "Receptionist books slot", "Books a quiet slot"),
        ("channel", {"channel": "online"}, "", "online"),
        ("duration", {"duration_minutes": 5}, "", "5 min"),
        ("flags", {"fail_point": True}, "", "fail point"),
        ("notes", {"notes": "Ask about times"}, "", "Ask about times"),
    ],
)
def test_each_field_of_a_changed_card(clinic: Clinic, field, change, before, after) -> None:
    to_be = clinic.to_be()
    grid.edit(clinic.copy(to_be, "books"), **change)
    c = clinic.compare()
    (changed,) = c.changed
    assert changed.field_names == (field,)
    assert (changed.fields[0].before, changed.fields[0].after) == (before, after)
    assert changed.before.id == clinic.cards["books"].id
    assert not c.added and not c.removed and not c.moved


def test_actor_and_systems_changes(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    project = clinic.file.project
    nurse = next(a for a in project.actors if a.name == "Practice nurse")
    shared = cat.add_system(project, "Shared care record")
    books = clinic.copy(to_be, "books")
    cat.set_card_actor(books, nurse)
    cat.set_card_systems(books, [shared, *books.systems])
    (changed,) = clinic.compare().changed
    assert changed.field_names == ("actor", "systems")
    assert changed.fields[0].before == "Receptionist"
    assert changed.fields[0].after == "Practice nurse"
    assert changed.fields[1].after == "GP clinical system, Shared care record"


def test_wait_point_cleared_is_a_change_of_flags(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    grid.edit(clinic.copy(to_be, "holds"), wait_point=False)
    (changed,) = clinic.compare().changed
    assert changed.fields[0].field == "flags"
    assert (changed.fields[0].before, changed.fields[0].after) == ("wait point", "")


def test_moves_name_the_lane_and_step_they_came_from(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    _customer, front, back, _systems = to_be.lanes
    booking, attending = to_be.steps
    grid.move_card(clinic.copy(to_be, "files"), front, attending)  # lane only
    grid.move_card(clinic.copy(to_be, "books"), front, attending)  # step only
    grid.edit(to_be.lanes[1], title="Front desk")  # a renamed lane is the same lane
    c = clinic.compare()
    moves = {m.before.text: m for m in c.moved}
    assert set(moves) == {"Results filed", "Receptionist books slot"}
    files = moves["Results filed"]
    assert files.lane_moved and not files.step_moved
    assert (files.before.lane, files.after.lane) == ("Backstage", "Front desk")
    books = moves["Receptionist books slot"]
    assert books.step_moved and not books.lane_moved
    assert (books.before.step, books.after.step) == ("Booking", "Attending")
    assert not c.changed  # moving is not changing a field
    assert not c.added and not c.removed
    del back, booking


def test_a_card_moved_to_a_new_step_is_moved(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    new_step = grid.add_step(to_be, "Follow-up call")
    grid.move_card(clinic.copy(to_be, "files"), to_be.lanes[2], new_step)
    (move,) = clinic.compare().moved
    assert (move.before.step, move.after.step) == ("Attending", "Follow-up call")


def test_a_reorder_within_the_cell_is_not_a_move(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    holds = clinic.copy(to_be, "holds")
    grid.move_card(holds, holds.lane, holds.step, 0)
    assert clinic.copy(to_be, "holds").position == 0
    assert clinic.compare().unchanged


def test_pain_points_resolved_three_ways_and_remaining(clinic: Clinic) -> None:
    pains = {
        "hold": method.add_pain_point(
            clinic.cards["holds"], "Long hold", 4, "service user", "data"
        ),
        "slot": method.add_pain_point(
            clinic.cards["books"], "No quiet slot", 5, "service user", "interview"
        ),
        "nurse": method.add_pain_point(
            clinic.cards["checks"], "Cannot see record", 4, "staff", "interview"
        ),
        "files": method.add_pain_point(
            clinic.cards["files"], "Results lost", 2, "staff", "observation"
        ),
        "step": method.add_pain_point(
            clinic.as_is.steps[1], "Anxious", 3, "service user", "workshop"
        ),
        "old": method.add_pain_point(clinic.cards["phones"], "Fixed already", 1, "staff", "data"),
        "gone": method.add_pain_point(
            clinic.cards["phones"], "Engaged tone", 2, "service user", "data"
        ),
    }
    grid.edit(pains["old"], resolved=True)  # resolved before the to-be: not counted
    to_be = clinic.to_be()
    grid.delete_card(clinic.copy(to_be, "holds"))  # resolved: its card was removed
    grid.edit(clinic.copy(to_be, "books"), text="Offers a quiet slot")  # its card changed
    checks = clinic.copy(to_be, "checks")
    grid.edit(checks.pain_points[0], resolved=True)  # marked resolved
    phones = clinic.copy(to_be, "phones")
    method.delete_pain_point(next(p for p in phones.pain_points if p.description == "Engaged tone"))
    new = method.add_pain_point(
        clinic.copy(to_be, "reminder"), "Texts only", 3, "service user", "assumption"
    )
    c = clinic.compare()
    how = {r.pain.description: r.how for r in c.resolved}
    assert how == {
        "Long hold": CARD_REMOVED,
        "No quiet slot": CARD_CHANGED,
        "Cannot see record": MARKED_RESOLVED,
        "Engaged tone": TAKEN_OFF,
    }
    assert c.resolved[0].pain.description == "No quiet slot"  # worst first
    assert (
        next(r for r in c.resolved if r.how == MARKED_RESOLVED).to_be.id == checks.pain_points[0].id
    )
    remaining = {r.pain.description: r.new for r in c.remaining}
    assert remaining == {"Results lost": False, "Anxious": False, "Texts only": True}
    assert next(r for r in c.remaining if r.new).pain.id == new.id
    assert pains["step"].id not in {r.pain.id for r in c.remaining}  # the to-be's copy


def test_a_pain_point_on_a_removed_step_is_resolved(clinic: Clinic) -> None:
    method.add_pain_point(clinic.as_is.steps[1], "Anxious", 3, "service user", "workshop")
    to_be = clinic.to_be()
    grid.delete_step(to_be.steps[1])
    c = clinic.compare()
    assert [(r.pain.description, r.how) for r in c.resolved] == [("Anxious", STEP_REMOVED)]
    assert c.resolved[0].pain.where == "Attending"
    assert not c.remaining


def test_systems_retired_and_added(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    shared = cat.add_system(clinic.file.project, "Shared care record")
    cat.set_card_systems(clinic.copy(to_be, "reminder"), [])
    linked = grid.add_card(to_be.lanes[3], to_be.steps[1], "Record linked")
    cat.set_card_systems(linked, [shared])
    c = clinic.compare()
    assert c.systems_retired == ("SMS reminder service",)
    assert c.systems_added == ("Shared care record",)
    assert c.after.systems == ("GP clinical system", "Shared care record")


def test_hand_offs_and_contact_points_before_and_after(clinic: Clinic) -> None:
    to_be = clinic.to_be()
    c = clinic.compare()
    assert [(h.from_role, h.to_role) for h in c.before.hand_offs] == [("Sam", "Receptionist")]
    assert c.before.hand_offs[0].source.text == "Phones surgery"
    assert {(p.kind, p.name) for p in c.before.contact_points} == {
        ("channel", "phone"),
        ("channel", "in person"),
        ("system", "GP clinical system"),
    }
    # The to-be books online with no receptionist and hands the results to the nurse.
    phones, books = clinic.copy(to_be, "phones"), clinic.copy(to_be, "books")
    grid.edit(phones, channel="online")
    cat.set_card_actor(books, phones.actor)
    grid.add_connector(clinic.copy(to_be, "files"), clinic.copy(to_be, "checks"), "hand-off")
    grid.edit(clinic.copy(to_be, "checks"), channel="")
    c = clinic.compare()
    assert len(c.before.hand_offs) == 1 and len(c.after.hand_offs) == 1
    assert c.after.hand_offs[0].target.text == "Nurse runs checks"
    assert {p.name for p in c.after.contact_points} == {"online", "GP clinical system"}


def test_without_lineage_nothing_is_matched_and_the_note_says_so(clinic: Clinic) -> None:
    other = grid.add_blueprint(clinic.file.project, "Redesign", "to-be")
    grid.add_lane(other, "customer actions")
    grid.add_step(other, "Booking")
    grid.add_card(other.lanes[0], other.steps[0], "Phones surgery")
    method.add_pain_point(clinic.cards["holds"], "Long hold", 4, "service user", "data")
    c = clinic.compare("Redesign")
    assert not c.lineage
    assert "was not duplicated from" in c.note and "'Redesign'" in c.note
    assert texts(c.added) == ["Phones surgery"]  # same text, but not matched by guessing
    assert len(c.removed) == 6 and not c.changed and not c.moved
    assert not c.resolved and not c.remaining


def test_the_other_way_round_says_to_swap(clinic: Clinic) -> None:
    clinic.to_be()
    c = compare(clinic.session, "To-be", "As-is")
    assert not c.lineage
    assert "the other way round" in c.note


def test_names_are_matched_ignoring_case_and_unknown_names_are_refused(clinic: Clinic) -> None:
    clinic.to_be()
    assert compare(clinic.session, " as-is ", "TO-BE").after.name == "To-be"
    with pytest.raises(ModelError, match="no blueprint is called 'Later'; the blueprints are"):
        compare(clinic.session, "As-is", "Later")
    with pytest.raises(ModelError, match="cannot be compared with itself"):
        compare(clinic.session, "As-is", "as-is")
