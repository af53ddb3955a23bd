"""Conflicts of a merge: what each choice writes, that the side not chosen is kept as a
comment (nothing lost when every conflict keeps mine), deletions of items holding changed
items, and writing the merged rows back and forth exactly (what undo relies on)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from test_merge import Copies, build_base, card, comments, dense, texts

from app.importers.merge import AUTHOR, MergeRefused, apply_merge, read_rows
from app.importers.merge_result import resolve
from app.importers.merge_write import write_rows
from app.model import ops_grid as ops
from app.model.dump import dump
from app.model.project_file import ProjectFile
from app.model.schema import Card, Comment, Lane, PainPoint


@pytest.fixture
def base(tmp_path: Path) -> Path:
    project = ProjectFile.new("Clinic")
    build_base(project)
    project.commit()
    target = tmp_path / "base.blueprint"
    project.save_as(target)
    project.close()
    return target


@pytest.fixture
def copies(base: Path) -> Iterator[Copies]:
    made = Copies(base)
    yield made
    made.close()


def both_edit(copies: Copies) -> None:
    """Three conflicts: a card's text, a pain point's severity, and a deletion vs an edit."""
    ops.edit(card(copies.mine, "Receives letter"), text="Receives invitation letter")
    ops.edit(card(copies.theirs, "Receives letter"), text="Gets a letter")
    mine_pain = copies.mine.session.scalars(select(PainPoint)).one()
    theirs_pain = copies.theirs.session.scalars(select(PainPoint)).one()
    ops.edit(mine_pain, severity=4)
    ops.edit(theirs_pain, severity=5, evidence="observation")
    ops.delete_card(card(copies.mine, "Receptionist books slot"))
    ops.edit(card(copies.theirs, "Receptionist books slot"), notes="Only mornings")


def test_every_conflict_is_named_in_words(copies: Copies) -> None:
    both_edit(copies)
    plan = copies.plan()
    assert sorted(c.summary for c in plan.conflicts) == [
        "card “Receives invitation letter” (Step 1, Customer actions): text changed on both sides",
        "card “Receptionist books slot” (Step 2, Frontstage): deleted in mine.blueprint, but "
        "changed in theirs.blueprint",
        "pain point “Letter is hard to understand” on card “Receives invitation letter” "
        "(Step 1, Customer actions): severity changed on both sides",
    ]
    pain = next(c for c in plan.conflicts if c.table == "pain_point")
    assert (pain.fields[0].mine, pain.fields[0].theirs) == ("4", "5")
    # Changed on their side only: comes in whatever is chosen, and is listed.
    assert any("evidence interview → observation" in e.words for e in plan.changes)


def test_keeping_mine_everywhere_loses_nothing(copies: Copies) -> None:
    both_edit(copies)
    _plan, summary = copies.merge()
    assert len(summary.kept) == 3 and summary.comments == 3
    notes = " | ".join(c.text for c in comments(copies.mine))
    assert "“Gets a letter”" in notes
    assert "severity 5" in notes
    assert "Only mornings" in notes
    assert "Receptionist books slot" not in texts(copies.mine)
    pain = copies.mine.session.scalars(select(PainPoint)).one()
    assert (pain.severity, pain.evidence.value) == (4, "observation")


def test_taking_theirs_everywhere_keeps_mine_as_comments(copies: Copies) -> None:
    both_edit(copies)
    plan = copies.plan()
    apply_merge(copies.mine.session, plan, {c.id: "theirs" for c in plan.conflicts})
    assert {"Gets a letter", "Receptionist books slot"} <= texts(copies.mine)
    assert card(copies.mine, "Receptionist books slot").notes == "Only mornings"
    notes = [c.text for c in comments(copies.mine)]
    assert "Merge: in mine.blueprint this card had text “Receives invitation letter”" in notes
    assert "Merge: in mine.blueprint this pain point had severity 4" in notes
    assert any("brought back from theirs.blueprint" in note for note in notes)
    assert {c.author for c in comments(copies.mine)} == {AUTHOR}
    dense(copies.mine)


def test_a_lane_deleted_in_mine_with_a_card_added_in_theirs(copies: Copies) -> None:
    frontstage_id = copies.mine.project.blueprints[0].lanes[2].id
    ops.delete_lane(copies.mine.session.get(Lane, frontstage_id))
    theirs_lane = copies.theirs.session.get(Lane, frontstage_id)
    ops.add_card(theirs_lane, copies.theirs.project.blueprints[0].steps[3], "Nurse calls back")
    plan = copies.plan()
    (conflict,) = plan.conflicts
    assert conflict.table == "lane"
    assert conflict.details == ("card “Nurse calls back” (Step 4, Frontstage) added",)
    assert not plan.additions  # the card waits for the choice on its lane

    apply_merge(copies.mine.session, plan, {conflict.id: "theirs"})
    lane = copies.mine.session.get(Lane, frontstage_id)
    assert {c.text for c in lane.cards} == {"Receptionist books slot", "Nurse calls back"}
    # The card's system came back with it.
    assert [s.name for s in card(copies.mine, "Receptionist books slot").systems] == [
        "GP clinical system"
    ]
    dense(copies.mine)


def test_a_lane_deleted_in_mine_stays_deleted_with_theirs_written_down(copies: Copies) -> None:
    frontstage_id = copies.mine.project.blueprints[0].lanes[2].id
    ops.delete_lane(copies.mine.session.get(Lane, frontstage_id))
    theirs_lane = copies.theirs.session.get(Lane, frontstage_id)
    ops.add_card(theirs_lane, copies.theirs.project.blueprints[0].steps[3], "Nurse calls back")
    copies.merge()
    assert copies.mine.session.get(Lane, frontstage_id) is None
    (note,) = comments(copies.mine)
    assert note.item_kind == "Blueprint"
    assert "“Nurse calls back”" in note.text and "was deleted in mine.blueprint" in note.text


def test_an_unknown_choice_is_refused(copies: Copies) -> None:
    both_edit(copies)
    plan = copies.plan()
    with pytest.raises(MergeRefused, match="mine or theirs"):
        resolve(plan, {plan.conflicts[0].id: "both"})
    with pytest.raises(MergeRefused, match="no conflict"):
        resolve(plan, {"card:nope": "mine"})


def test_a_merge_the_database_refuses_writes_nothing(copies: Copies) -> None:
    ops.add_card(
        copies.theirs.project.blueprints[0].lanes[0],
        copies.theirs.project.blueprints[0].steps[0],
        "Leaflet",
    )
    plan = copies.plan()
    new_id = next(e.key for e in plan.additions)
    plan.settled["card"][new_id]["duration_minutes"] = -5  # breaks a check of the schema
    before = dump(copies.mine.session)
    with pytest.raises(MergeRefused, match="would not be valid"):
        apply_merge(copies.mine.session, plan)
    assert dump(copies.mine.session) == before


def test_merged_rows_written_back_and_forth_exactly(copies: Copies) -> None:
    both_edit(copies)
    ops.add_step(copies.theirs.project.blueprints[0], "Follow-up", index=0)
    copies.mine.commit()
    before_dump = dump(copies.mine.session)
    before = read_rows(copies.mine.session)
    plan = copies.plan()
    apply_merge(copies.mine.session, plan, {c.id: "theirs" for c in plan.conflicts})
    after_dump = dump(copies.mine.session)
    after = read_rows(copies.mine.session)
    assert after_dump != before_dump
    write_rows(copies.mine.session, after, before)
    assert dump(copies.mine.session) == before_dump
    write_rows(copies.mine.session, before, after)
    assert dump(copies.mine.session) == after_dump
    # Loaded objects follow: the card is found again with its merged text.
    assert copies.mine.session.scalars(select(Card).where(Card.text == "Gets a letter")).one()
    assert copies.mine.session.scalars(select(Comment)).all()


# -- random edits on both copies -----------------------------------------------------------

EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 30)),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("add"), st.integers(0, 5), st.integers(0, 3)),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 5), st.integers(0, 3)),
        st.tuples(st.just("delete lane"), st.integers(0, 5)),
        st.tuples(st.just("delete step"), st.integers(0, 3)),
        st.tuples(st.just("add step"), st.integers(0, 4)),
    ),
    max_size=6,
)


def _edit(project: ProjectFile, edits: list[tuple], side: str) -> None:
    blueprint = project.project.blueprints[0]
    for number, (kind, *at) in enumerate(edits):
        cards = sorted(project.session.scalars(select(Card)).all(), key=lambda c: c.id)
        lanes, steps = blueprint.lanes, blueprint.steps
        if kind == "edit" and cards:
            ops.edit(cards[at[0] % len(cards)], text=f"{side} {number}")
        elif kind == "delete" and cards:
            ops.delete_card(cards[at[0] % len(cards)])
        elif kind == "add" and lanes and steps:
            ops.add_card(lanes[at[0] % len(lanes)], steps[at[1] % len(steps)], f"{side} {number}")
        elif kind == "move" and cards and lanes and steps:
            card_ = cards[at[0] % len(cards)]
            ops.move_card(card_, lanes[at[1] % len(lanes)], steps[at[2] % len(steps)])
        elif kind == "delete lane" and len(lanes) > 1:
            ops.delete_lane(lanes[at[0] % len(lanes)])
        elif kind == "delete step" and len(steps) > 1:
            ops.delete_step(steps[at[0] % len(steps)])
        elif kind == "add step":
            ops.add_step(blueprint, f"{side} step {number}", index=at[0])
    project.commit()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mine=EDITS, theirs=EDITS, side=st.sampled_from(["mine", "theirs"]))
def test_random_edits_merge_into_a_valid_project_and_lose_nothing(
    base: Path, mine: list, theirs: list, side: str
) -> None:
    copies = Copies(base)
    try:
        _edit(copies.mine, mine, "mine")
        _edit(copies.theirs, theirs, "theirs")
        base_texts = set(copies.base.session.scalars(select(Card.text)))
        theirs_texts = set(copies.theirs.session.scalars(select(Card.text))) - base_texts
        mine_texts = set(copies.mine.session.scalars(select(Card.text))) - base_texts
        plan = copies.plan()
        apply_merge(copies.mine.session, plan, {c.id: side for c in plan.conflicts})
        copies.mine.commit()
        dense(copies.mine)
        merged = set(copies.mine.session.scalars(select(Card.text)))
        notes = " ".join(c.text for c in comments(copies.mine))
        # Every card text either copy wrote is in the merge, or written down in a comment.
        for text in theirs_texts | mine_texts:
            assert text in merged or f"“{text}”" in notes, (text, notes)
    finally:
        copies.close()
