"""Merging two copies of one project (app.importers.merge): hand-built copies where the
right answer is known. A base project is saved; MINE and THEIRS are copies of it edited
with the model's operations; the merge is written into MINE."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.importers.merge import AUTHOR, MergeRefused, apply_merge, plan_merge
from app.model import ops_catalogue as catalogue
from app.model import ops_grid as ops
from app.model import ops_method as method
from app.model.dump import dump
from app.model.ops_ecosystem import saved_positions, set_positions
from app.model.project_file import ProjectFile
from app.model.schema import (
    Actor,
    Blueprint,
    Card,
    Comment,
    Connector,
    DataItem,
    KeyMoment,
    Lane,
    Opportunity,
    PainPoint,
    Stage,
    Step,
    System,
)

NAMES = ("mine.blueprint", "theirs.blueprint", "base.blueprint")


def build_base(project: ProjectFile) -> None:
    """The standard template with a few cards, a connector, a pain point, a system with
    data and a card using it, an opportunity linked to the pain point, a comment."""
    session = project.session
    blueprint = project.project.blueprints[0]
    customer, frontstage = blueprint.lanes[1], blueprint.lanes[2]
    first, second = blueprint.steps[0], blueprint.steps[1]
    letter = ops.add_card(customer, first, "Receives letter")
    phones = ops.add_card(customer, second, "Phones surgery")
    books = ops.add_card(frontstage, second, "Receptionist books slot")
    ops.add_connector(letter, phones, "flow")
    pain = method.add_pain_point(
        letter, "Letter is hard to understand", 3, "service user", "interview"
    )
    system = catalogue.add_system(project.project, "GP clinical system", ["contact details"])
    catalogue.set_card_systems(books, [system])
    method.add_opportunity(project.project, "Plain-language letter", [pain])
    catalogue.add_comment(letter, "Ann", "Check the wording with patients")
    session.flush()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    project = ProjectFile.new("Clinic")
    build_base(project)
    project.commit()
    target = tmp_path / "base.blueprint"
    project.save_as(target)
    project.close()
    return target


class Copies:
    """MINE and THEIRS open as copies of the base; the base open read-only."""

    def __init__(self, base: Path) -> None:
        self.mine = ProjectFile.open(base, as_copy=True)
        self.theirs = ProjectFile.open(base, as_copy=True)
        self.base = ProjectFile.open(base, read_only=True)

    def plan(self, three_way: bool = True):
        base = self.base.session if three_way else None
        names = NAMES if three_way else (*NAMES[:2], None)
        return plan_merge(self.mine.session, self.theirs.session, base, names=names)

    def merge(self, three_way: bool = True, choices: dict | None = None):
        plan = self.plan(three_way)
        summary = apply_merge(self.mine.session, plan, choices or {})
        self.mine.commit()
        return plan, summary

    def close(self) -> None:
        for project in (self.mine, self.theirs, self.base):
            project.close()


@pytest.fixture
def copies(base: Path) -> Iterator[Copies]:
    made = Copies(base)
    yield made
    made.close()


def card(project: ProjectFile, text: str) -> Card:
    return project.session.scalars(select(Card).where(Card.text == text)).one()


def texts(project: ProjectFile) -> set[str]:
    return set(project.session.scalars(select(Card.text)))


def comments(project: ProjectFile) -> list[Comment]:
    query = select(Comment).where(Comment.author == AUTHOR)
    return list(project.session.scalars(query))


def dense(project: ProjectFile) -> None:
    """Every ordered list is numbered 0, 1, 2 … after the merge."""
    session = project.session
    groups: dict[tuple, list[int]] = {}
    for kind, by in (
        (Lane, ("blueprint_id",)),
        (Step, ("blueprint_id",)),
        (Stage, ("blueprint_id",)),
        (Blueprint, ("project_id",)),
        (Card, ("lane_id", "step_id")),
        (DataItem, ("system_id",)),
    ):
        for row in session.scalars(select(kind)):
            groups.setdefault((kind, *(getattr(row, c) for c in by)), []).append(row.position)
    for group, positions in groups.items():
        assert sorted(positions) == list(range(len(positions))), group


Edit = Callable[[ProjectFile], None]


def test_additions_on_each_side_merge(copies: Copies) -> None:
    blueprint = copies.mine.project.blueprints[0]
    ops.add_card(blueprint.lanes[3], blueprint.steps[0], "Admin pulls list")
    theirs = copies.theirs.project.blueprints[0]
    ops.add_card(theirs.lanes[1], theirs.steps[2], "Travels to surgery")
    ops.add_step(theirs, "Follow-up call")
    copies.theirs.commit()

    plan, summary = copies.merge(three_way=False)

    assert not plan.conflicts
    assert {e.words for e in plan.additions} == {
        "step “Follow-up call” (As-is service)",
        "card “Travels to surgery” (Step 3, Customer actions)",
    }
    assert {"Admin pulls list", "Travels to surgery", "Receives letter"} <= texts(copies.mine)
    assert summary.added == {"card": 1, "step": 1}
    assert plan.notes and "nothing is deleted" in plan.notes[0]
    dense(copies.mine)


def test_an_edit_on_one_side_comes_in(copies: Copies) -> None:
    ops.edit(card(copies.theirs, "Phones surgery"), text="Phones surgery at 8am", wait_point=True)
    plan, _summary = copies.merge()
    assert not plan.conflicts
    (change,) = plan.changes
    assert change.words.startswith("card “Phones surgery” (Step 2, Customer actions): text")
    merged = card(copies.mine, "Phones surgery at 8am")
    assert merged.wait_point


def test_the_same_field_edited_on_both_sides_is_a_conflict_kept_mine(copies: Copies) -> None:
    ops.edit(card(copies.mine, "Receives letter"), text="Receives invitation letter")
    ops.edit(card(copies.theirs, "Receives letter"), text="Gets a letter in the post")
    plan = copies.plan()
    (conflict,) = plan.conflicts
    assert conflict.summary == (
        "card “Receives invitation letter” (Step 1, Customer actions): text changed on both sides"
    )
    assert conflict.fields[0].mine == "“Receives invitation letter”"
    assert conflict.fields[0].theirs == "“Gets a letter in the post”"

    apply_merge(copies.mine.session, plan, {conflict.id: "mine"})
    merged = card(copies.mine, "Receives invitation letter")
    (note,) = comments(copies.mine)
    assert note.item_id == merged.id and note.item_kind == "Card"
    assert note.text == "Merge: in theirs.blueprint this card had text “Gets a letter in the post”"


def test_the_same_field_edited_on_both_sides_resolved_theirs_keeps_mine_as_a_comment(
    copies: Copies,
) -> None:
    ops.edit(card(copies.mine, "Receives letter"), text="Receives invitation letter")
    ops.edit(card(copies.theirs, "Receives letter"), text="Gets a letter in the post", notes="x")
    plan = copies.plan()
    (conflict,) = plan.conflicts
    apply_merge(copies.mine.session, plan, {conflict.id: "theirs"})
    merged = card(copies.mine, "Gets a letter in the post")
    assert merged.notes == "x"  # changed on their side only: comes in either way
    (note,) = comments(copies.mine)
    assert note.text == "Merge: in mine.blueprint this card had text “Receives invitation letter”"


def test_without_a_base_any_difference_is_a_conflict(copies: Copies) -> None:
    ops.edit(card(copies.theirs, "Phones surgery"), channel="phone")
    plan = copies.plan(three_way=False)
    (conflict,) = plan.conflicts
    assert conflict.reason == "channel different in each copy"


def test_deletion_against_an_edit_is_a_conflict(copies: Copies) -> None:
    ops.delete_card(card(copies.theirs, "Receives letter"))
    ops.edit(card(copies.mine, "Receives letter"), notes="Patients say it is confusing")
    plan = copies.plan()
    (conflict,) = plan.conflicts
    assert conflict.deletion
    assert conflict.reason == "deleted in theirs.blueprint, but changed in mine.blueprint"
    apply_merge(copies.mine.session, plan, {conflict.id: "theirs"})
    assert "Receives letter" not in texts(copies.mine)
    (note,) = comments(copies.mine)
    # Written on what held the card (its lane), with what mine had changed.
    assert note.item_kind == "Lane"
    assert "Patients say it is confusing" in note.text


def test_deletion_against_an_edit_kept_mine_keeps_the_card_and_says_so(copies: Copies) -> None:
    ops.delete_card(card(copies.theirs, "Receives letter"))
    ops.edit(card(copies.mine, "Receives letter"), notes="Patients say it is confusing")
    copies.merge()
    kept = card(copies.mine, "Receives letter")
    assert kept.pain_points and kept.outgoing
    (note,) = comments(copies.mine)
    assert note.item_id == kept.id
    assert note.text == (
        "Merge: theirs.blueprint deleted this card; it was kept because mine.blueprint had "
        "changed it"
    )


def test_edit_against_a_deletion_in_mine_can_bring_it_back(copies: Copies) -> None:
    ops.delete_card(card(copies.mine, "Phones surgery"))
    ops.edit(card(copies.theirs, "Phones surgery"), text="Phones the surgery")
    plan = copies.plan()
    (conflict,) = plan.conflicts
    assert conflict.reason == "deleted in mine.blueprint, but changed in theirs.blueprint"
    apply_merge(copies.mine.session, plan, {conflict.id: "theirs"})
    assert "Phones the surgery" in texts(copies.mine)


def test_deleting_a_lane_with_a_changed_card_is_a_conflict_on_the_lane(copies: Copies) -> None:
    frontstage = copies.theirs.project.blueprints[0].lanes[2]
    ops.delete_lane(frontstage)
    ops.edit(card(copies.mine, "Receptionist books slot"), text="Receptionist books a quiet slot")
    plan = copies.plan()
    (conflict,) = plan.conflicts
    assert conflict.table == "lane" and conflict.deletion
    assert any("Receptionist books a quiet slot" in line for line in conflict.details)
    apply_merge(copies.mine.session, plan, {})
    assert "Receptionist books a quiet slot" in texts(copies.mine)


def test_deletion_against_unchanged_is_deleted_three_way_and_kept_two_way(base: Path) -> None:
    for three_way, expected in ((True, False), (False, True)):
        copies = Copies(base)
        try:
            ops.delete_card(card(copies.theirs, "Phones surgery"))
            plan, summary = copies.merge(three_way=three_way)
            assert not plan.conflicts
            assert ("Phones surgery" in texts(copies.mine)) is expected
            if three_way:
                (deletion,) = plan.deletions
                assert deletion.words.startswith("card “Phones surgery” (Step 2, Customer actions)")
                # Its connector and its comments go with it.
                assert summary.deleted["card"] == 1 and summary.deleted["connector"] == 1
                assert not copies.mine.session.scalars(select(Connector)).all()
        finally:
            copies.close()


def test_method_catalogue_and_map_items_are_carried(copies: Copies) -> None:
    theirs = copies.theirs.project
    blueprint = theirs.blueprints[0]
    phones = card(copies.theirs, "Phones surgery")
    books = card(copies.theirs, "Receptionist books slot")
    ops.add_connector(phones, books, "hand-off", "books")
    pain = method.add_pain_point(blueprint.steps[1], "Waits on hold", 4, "service user", "data")
    system = catalogue.add_system(theirs, "SMS reminder service", ["mobile number"])
    gp = copies.theirs.session.scalars(select(System)).first()
    catalogue.add_data_item(gp, "blood results")
    catalogue.set_card_systems(phones, [system])
    opportunity = method.add_opportunity(theirs, "Call-back instead of hold", [pain])
    catalogue.add_comment(opportunity, "Sam", "Ask the practice manager")
    method.set_emotion(blueprint.steps[1], -2, -1)
    method.set_key_moment(blueprint.steps[2], 5, 5, "The appointment")
    actor = catalogue.add_actor(theirs, "Receptionist", "staff role")
    catalogue.set_card_actor(books, actor)
    set_positions(copies.theirs.session, None, {f"system:{system.id}": (120.0, 40.0)})
    copies.theirs.commit()

    plan, summary = copies.merge()
    assert not plan.conflicts
    session = copies.mine.session
    assert (
        session.get(Connector, next(iter(phones.outgoing)).id) is not None
        or len(session.scalars(select(Connector)).all()) == 2
    )
    assert len(session.scalars(select(Connector)).all()) == 2
    assert session.get(PainPoint, pain.id).step_id == blueprint.steps[1].id
    assert [i.name for i in session.get(System, gp.id).data_items] == [
        "contact details",
        "blood results",
    ]
    assert {s.name for s in card(copies.mine, "Phones surgery").systems} == {"SMS reminder service"}
    merged_opportunity = session.get(Opportunity, opportunity.id)
    assert [p.description for p in merged_opportunity.pain_points] == ["Waits on hold"]
    assert session.scalars(select(Comment).where(Comment.text == "Ask the practice manager")).one()
    step = session.get(Step, blueprint.steps[1].id)
    assert (step.emotion.service_user, step.emotion.staff) == (-2, -1)
    assert session.scalars(select(KeyMoment)).one().note == "The appointment"
    assert card(copies.mine, "Receptionist books slot").actor.name == "Receptionist"
    assert session.scalars(select(Actor)).one().name == "Receptionist"
    assert saved_positions(session) == {f"system:{system.id}": (120.0, 40.0)}
    assert summary.added["pain_point"] == 1 and summary.added["opportunity_pain_point"] == 1
    dense(copies.mine)


def test_an_emotion_set_on_both_sides_is_one_emotion(copies: Copies) -> None:
    step_id = copies.mine.project.blueprints[0].steps[0].id
    method.set_emotion(copies.mine.session.get(Step, step_id), -1)
    method.set_emotion(copies.theirs.session.get(Step, step_id), -2)
    plan = copies.plan()
    (conflict,) = plan.conflicts
    assert conflict.table == "emotion"
    apply_merge(copies.mine.session, plan, {conflict.id: "theirs"})
    assert copies.mine.session.get(Step, step_id).emotion.service_user == -2


def test_new_steps_keep_their_place_and_positions_stay_dense(copies: Copies) -> None:
    mine = copies.mine.project.blueprints[0]
    theirs = copies.theirs.project.blueprints[0]
    ops.add_step(mine, "Mine at the end")
    ops.add_step(theirs, "Theirs after step 1", index=1)
    ops.add_card(mine.lanes[1], mine.steps[1], "Mine second in cell")
    ops.add_card(theirs.lanes[1], theirs.steps[2], "Theirs second in cell")
    copies.mine.commit()
    copies.theirs.commit()
    copies.merge(three_way=False)
    blueprint = copies.mine.session.get(Blueprint, mine.id)
    titles = [s.title for s in sorted(blueprint.steps, key=lambda s: s.position)]
    assert titles.index("Theirs after step 1") == titles.index(titles[0]) + 1
    assert titles[-1] == "Mine at the end"
    dense(copies.mine)


def test_theirs_reorder_comes_in_when_mine_kept_the_order(copies: Copies) -> None:
    theirs = copies.theirs.project.blueprints[0]
    last = theirs.lanes[-1]
    ops.move_lane(last, 0)
    copies.theirs.commit()
    copies.merge()
    blueprint = copies.mine.project.blueprints[0]
    lanes = sorted(copies.mine.session.get(Blueprint, blueprint.id).lanes, key=lambda x: x.position)
    assert lanes[0].id == last.id
    dense(copies.mine)


def test_projects_not_related_are_refused(copies: Copies) -> None:
    other = ProjectFile.new("Other")
    try:
        with pytest.raises(MergeRefused, match="was not copied from the same project"):
            plan_merge(copies.mine.session, other.session, names=("mine.blueprint", "other", None))
    finally:
        other.close()


def test_merging_a_copy_with_itself_has_nothing_to_do(copies: Copies) -> None:
    before = dump(copies.mine.session)
    for three_way in (True, False):
        plan = plan_merge(
            copies.mine.session, copies.theirs.session, copies.base.session if three_way else None
        )
        assert plan.nothing_to_do
    summary = apply_merge(copies.mine.session, plan)
    assert summary.empty
    assert dump(copies.mine.session) == before


def test_a_changed_project_is_not_merged_with_an_old_plan(copies: Copies) -> None:
    ops.add_step(copies.theirs.project.blueprints[0], "New")
    plan = copies.plan()
    ops.add_step(copies.mine.project.blueprints[0], "Meanwhile")
    with pytest.raises(MergeRefused, match="changed since the merge was prepared"):
        apply_merge(copies.mine.session, plan)


def test_merging_the_sample_with_a_copy_that_grew(tmp_path: Path, sample_file) -> None:
    path = tmp_path / "sample.blueprint"
    sample_file.save_as(path)
    theirs_path = tmp_path / "theirs.blueprint"
    shutil.copy(path, theirs_path)
    theirs = ProjectFile.open(theirs_path)
    blueprint = theirs.project.blueprints[0]
    ops.add_card(blueprint.lanes[0], blueprint.steps[0], "Leaflet in the waiting room")
    theirs.commit()
    before = dump(sample_file.session)
    plan = plan_merge(sample_file.session, theirs.session)
    assert [e.words.split(" (")[0] for e in plan.additions] == [
        "card “Leaflet in the waiting room”"
    ]
    apply_merge(sample_file.session, plan)
    after = dump(sample_file.session)
    assert len(after["card"]) == len(before["card"]) + 1
    theirs.close()
