"""Commands of the method: each round-trips exactly through undo and redo and says what it
changed, so badges, overlays and docks can follow."""

from editing_helpers import blueprint_of, busy_card, round_trip

from app.editing.commands.cards import DeleteCardsCommand
from app.editing.commands.method import (
    AddCommentCommand,
    AddOpportunityCommand,
    AddPainPointCommand,
    DeleteCommentsCommand,
    DeleteOpportunitiesCommand,
    DeletePainPointsCommand,
    EditCommentCommand,
    EditOpportunityCommand,
    EditPainPointCommand,
    LinkPainPointsCommand,
    SetEmotionCommand,
    SetKeyMomentCommand,
)
from app.editing.document import EditingDocument
from app.model.catalogue import Comment
from app.model.changes import ChangeSet
from app.model.method import Opportunity, PainPoint
from app.model.structure import Card


def announced(document: EditingDocument) -> list[ChangeSet]:
    seen: list[ChangeSet] = []
    document.changed.connect(seen.append)
    return seen


def test_pain_point_commands_round_trip(document: EditingDocument) -> None:
    card = busy_card(document)
    step = blueprint_of(document).steps[2]
    seen = announced(document)
    add = AddPainPointCommand("card", card.id, description="No reminder", severity=4)
    round_trip(document, add)
    # The card it is on is named, so the canvas reads again that card's pain points only.
    named = ChangeSet(
        blueprint_of(document).id, cards_changed=frozenset({card.id}), pain_points_changed=True
    )
    assert seen[0] == named and all(changes == named for changes in seen)
    pain = document.session.get(PainPoint, add.pain_point_id)
    assert (pain.card, pain.severity, pain.evidence.value) == (card, 4, "assumption")
    on_step = AddPainPointCommand("step", step.id, perspective="staff", evidence="data")
    round_trip(document, on_step)
    assert document.session.get(PainPoint, on_step.pain_point_id).step == step
    assert seen[-1] == ChangeSet(blueprint_of(document).id, pain_points_changed=True)
    del seen[:]
    round_trip(document, EditPainPointCommand(add.pain_point_id, severity=5, resolved=True))
    assert pain.severity == 5 and pain.resolved
    assert seen and all(changes == named for changes in seen)
    del seen[:]
    round_trip(document, DeletePainPointsCommand([add.pain_point_id, on_step.pain_point_id]))
    assert document.session.get(PainPoint, add.pain_point_id) is None
    assert seen and all(changes == named for changes in seen)


def test_deleting_a_linked_pain_point_restores_its_link_and_comment(
    document: EditingDocument,
) -> None:
    card = busy_card(document)
    pain = card.pain_points[0]
    round_trip(document, DeletePainPointsCommand([pain.id]))
    document.undo()
    restored = document.session.get(PainPoint, pain.id)
    assert [o.title for o in restored.opportunities] == ["Call back"]


def test_deleting_a_card_says_its_pain_points_went(document: EditingDocument) -> None:
    card = busy_card(document)
    seen = announced(document)
    document.push(DeleteCardsCommand([card.id]))
    assert seen[-1].pain_points_changed and seen[-1].comments_changed


def test_emotion_drags_merge_into_one_step(document: EditingDocument) -> None:
    step = blueprint_of(document).steps[1]
    seen = announced(document)
    round_trip(document, SetEmotionCommand(step.id, -1, None))
    document.undo_stack.clear()  # the next set would merge with this one
    round_trip(document, SetEmotionCommand(step.id, None, None))
    document.undo_stack.clear()
    for value in (-1, -2, 1):
        document.push(SetEmotionCommand(step.id, value, 0))
    assert document.undo_stack.count() == 1
    assert (step.emotion.service_user, step.emotion.staff) == (1, 0)
    assert seen[-1].moments_changed
    document.undo()
    assert step.emotion is None
    document.redo()
    assert step.emotion.service_user == 1


def test_key_moment_commands(document: EditingDocument) -> None:
    step = blueprint_of(document).steps[3]
    round_trip(document, SetKeyMomentCommand(step.id, 5, 5, "the appointment"))
    assert step.key_moment.is_sweet_spot and step.key_moment.note == "the appointment"
    round_trip(document, SetKeyMomentCommand(step.id, 2, 5))
    assert step.key_moment.note == "the appointment"  # None keeps the note
    round_trip(document, SetKeyMomentCommand(step.id, None, None))
    assert step.key_moment is None


def test_opportunity_commands(document: EditingDocument) -> None:
    card = busy_card(document)
    pains = [card.pain_points[0].id]
    seen = announced(document)
    add = AddOpportunityCommand("Text reminders", pains, impact=4, quick_win=True)
    round_trip(document, add)
    assert seen[0] == ChangeSet(opportunities_changed=True, pain_points_changed=True)
    opportunity = document.session.get(Opportunity, add.opportunity_id)
    assert [p.id for p in opportunity.pain_points] == pains and opportunity.quick_win
    round_trip(document, EditOpportunityCommand(opportunity.id, effort=2, owner="Practice"))
    other = AddPainPointCommand("card", card.id, description="Hold music")
    document.push(other)
    round_trip(document, LinkPainPointsCommand(opportunity.id, [other.pain_point_id], True))
    assert len(opportunity.pain_points) == 2
    round_trip(document, LinkPainPointsCommand(opportunity.id, pains, False))
    assert [p.id for p in opportunity.pain_points] == [other.pain_point_id]
    round_trip(document, DeleteOpportunitiesCommand([opportunity.id]))
    assert document.session.get(Opportunity, opportunity.id) is None
    assert DeleteOpportunitiesCommand(["a", "b"]).text() == "Delete 2 opportunities"


def test_comment_commands(document: EditingDocument) -> None:
    card = busy_card(document)
    seen = announced(document)
    add = AddCommentCommand(Card, card.id, "Dee", "Ask the nurse")
    round_trip(document, add)
    assert seen[0] == ChangeSet(blueprint_of(document).id, comments_changed=True)
    comment = document.session.get(Comment, add.made[0][1])
    assert (comment.item_id, comment.author, comment.item_kind) == (card.id, "Dee", "Card")
    round_trip(document, EditCommentCommand(comment.id, resolved=True))
    round_trip(document, DeleteCommentsCommand([comment.id]))
    opportunity = document.project.opportunities[0]
    on_project_item = AddCommentCommand(Opportunity, opportunity.id, "Dee", "Who owns it?")
    document.push(on_project_item)
    assert seen[-1] == ChangeSet(comments_changed=True)
