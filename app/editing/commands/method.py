"""Commands of the method: pain points, emotions, key moments, opportunities, comments.

A change of pain points names the cards they are on (``cards_changed``), so that what
follows them (the canvas's badges) reads again only those cards' pain points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session, object_session

from app.editing.commands.base import EditCommand, counted, fetch
from app.editing.commands.patterns import (
    CreateCommand,
    DeleteCommand,
    EditFieldsCommand,
    blueprint_id_of,
)
from app.model.base import Base
from app.model.catalogue import Comment
from app.model.changes import ChangeSet
from app.model.errors import ModelError
from app.model.method import Emotion, KeyMoment, Opportunity, PainPoint
from app.model.ops_catalogue import add_comment
from app.model.ops_grid import get_project
from app.model.ops_method import (
    add_opportunity,
    add_pain_point,
    clear_key_moment,
    link_pain_point,
    set_emotion,
    set_key_moment,
    unlink_pain_point,
)
from app.model.structure import Card, Step

# What a pain point or a comment can be on, by the name the commands are given.
OWNER_KINDS: dict[str, type[Base]] = {"card": Card, "step": Step}


def _owner(session: Session, kind: str, item_id: str) -> Card | Step:
    if kind not in OWNER_KINDS:
        raise ModelError(f"a pain point goes on a card or a step, not on a {kind}")
    return fetch(session, OWNER_KINDS[kind], item_id)  # type: ignore[return-value]


def _naming_cards(changes: ChangeSet, session: Session, pain_ids: Iterable[str]) -> ChangeSet:
    """``changes`` with the cards these pain points are on among the changed cards."""
    cards = {
        pain.card_id
        for pain_id in pain_ids
        if (pain := session.get(PainPoint, pain_id)) is not None and pain.card_id is not None
    }
    if not cards:
        return changes
    return replace(changes, cards_changed=changes.cards_changed | cards)


# -- pain points -------------------------------------------------------------------------------


class AddPainPointCommand(CreateCommand):
    """A new pain point on a card (``on="card"``) or a step (``on="step"``)."""

    def __init__(self, on: str, item_id: str, **fields: Any) -> None:
        super().__init__("Add pain point")
        self.on, self.item_id = on, item_id
        self.fields = {
            "description": "",
            "severity": 3,
            "perspective": "service user",
            "evidence": "assumption",
            **fields,
        }

    def create(self, session: Session) -> list[Base]:
        return [add_pain_point(_owner(session, self.on, self.item_id), **self.fields)]

    def apply(self, session: Session) -> ChangeSet:
        changes = super().apply(session)
        if self.on == "card":
            changes = replace(changes, cards_changed=changes.cards_changed | {self.item_id})
        return changes

    @property
    def pain_point_id(self) -> str:
        return self.made[0][1]


class EditPainPointCommand(EditFieldsCommand):
    """Change fields of a pain point (description, severity, perspective, evidence, ...)."""

    kind = PainPoint

    def __init__(self, pain_point_id: str, **changes: Any) -> None:
        super().__init__("Edit pain point", pain_point_id, changes)

    def apply(self, session: Session) -> ChangeSet:
        return _naming_cards(super().apply(session), session, [self.item_id])


class DeletePainPointsCommand(DeleteCommand):
    kind = PainPoint

    def __init__(self, pain_point_ids: Sequence[str]) -> None:
        super().__init__(f"Delete {counted(len(pain_point_ids), 'pain point')}", pain_point_ids)

    def apply(self, session: Session) -> ChangeSet:
        named = _naming_cards(ChangeSet(), session, self.item_ids)  # while they are there
        changes = super().apply(session)
        return replace(changes, cards_changed=changes.cards_changed | named.cards_changed)


# -- emotions and key moments --------------------------------------------------------------


class _StepRowCommand(EditCommand):
    """Sets or clears the one row a step may have (its emotion, its key moment). The row
    made or cleared keeps its UUID through undo and redo."""

    row: type[Emotion] | type[KeyMoment]
    attribute: str

    def __init__(self, text: str, step_id: str) -> None:
        super().__init__(text)
        self.step_id = step_id
        self.ids: dict[bool, str | None] = {True: None, False: None}  # after, before

    def _prepare(self, step: Step, after: bool) -> None:
        """Give the step back the row it had at this point of the history (same UUID)."""
        row_id = self.ids[after]
        if row_id is None:
            return
        row = getattr(step, self.attribute)
        if row is not None and row.id != row_id:
            # Another row stands there (made by a step merged into this one): ours goes back.
            setattr(step, self.attribute, None)
            session = object_session(step)
            assert session is not None
            session.flush()
            row = None
        if row is None:
            setattr(step, self.attribute, self.row(id=row_id))

    def _remember(self, step: Step, after: bool) -> None:
        row = getattr(step, self.attribute)
        self.ids[after] = row.id if row is not None else self.ids[after]


class SetEmotionCommand(_StepRowCommand):
    """How the service user and staff feel at a step (-2 .. +2; None: not recorded).
    Dragging a point of the curve again and again is one undo step."""

    MERGE_ID = 1101
    row, attribute = Emotion, "emotion"

    def __init__(self, step_id: str, service_user: int | None, staff: int | None) -> None:
        super().__init__("Set emotion", step_id)
        self.new = (service_user, staff)
        self.old: tuple[int | None, int | None] = (None, None)

    def apply(self, session: Session) -> ChangeSet:
        step = fetch(session, Step, self.step_id)
        emotion = step.emotion
        self.old = (None, None) if emotion is None else (emotion.service_user, emotion.staff)
        self._remember(step, after=False)
        if self.new != (None, None):
            self._prepare(step, after=True)
        set_emotion(step, *self.new)
        self._remember(step, after=True)
        return ChangeSet(step.blueprint_id, moments_changed=True)

    def revert(self, session: Session) -> None:
        step = fetch(session, Step, self.step_id)
        if self.old != (None, None):
            self._prepare(step, after=False)
        set_emotion(step, *self.old)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: Any) -> bool:
        if not isinstance(other, SetEmotionCommand) or other.step_id != self.step_id:
            return False
        self.new = other.new
        if other.ids[True] is not None:  # the row the merged step left: redo brings it back
            self.ids[True] = other.ids[True]
        self.setObsolete(self.new == self.old)
        return True


class SetKeyMomentCommand(_StepRowCommand):
    """Mark a step as a key moment with its importance to the user and to the provider
    (0-5); ``None`` for both clears the mark. ``note`` None keeps the note it has."""

    row, attribute = KeyMoment, "key_moment"

    def __init__(
        self, step_id: str, to_user: int | None, to_provider: int | None, note: str | None = None
    ) -> None:
        text = "Mark key moment" if to_user is not None else "Clear key moment"
        super().__init__(text, step_id)
        self.new = (to_user, to_provider, note)
        self.old: tuple[int, int, str] | None = None

    def apply(self, session: Session) -> ChangeSet:
        step = fetch(session, Step, self.step_id)
        moment = step.key_moment
        self.old = (
            None
            if moment is None
            else (moment.importance_to_user, moment.importance_to_provider, moment.note)
        )
        self._remember(step, after=False)
        to_user, to_provider, note = self.new
        if to_user is None or to_provider is None:
            clear_key_moment(step)
        else:
            keep = self.old[2] if self.old is not None else ""
            self._prepare(step, after=True)
            set_key_moment(step, to_user, to_provider, keep if note is None else note)
            self._remember(step, after=True)
        return ChangeSet(step.blueprint_id, moments_changed=True)

    def revert(self, session: Session) -> None:
        step = fetch(session, Step, self.step_id)
        if self.old is None:
            clear_key_moment(step)
        else:
            self._prepare(step, after=False)
            set_key_moment(step, *self.old)


# -- opportunities -------------------------------------------------------------------------


class AddOpportunityCommand(CreateCommand):
    """A new opportunity (change candidate), linked to the given pain points."""

    def __init__(self, title: str, pain_point_ids: Sequence[str] = (), **fields: Any) -> None:
        super().__init__("Add opportunity")
        self.title = title
        self.pain_point_ids = list(pain_point_ids)
        self.fields = fields

    def create(self, session: Session) -> list[Base]:
        pains = [fetch(session, PainPoint, pain_id) for pain_id in self.pain_point_ids]
        return [add_opportunity(get_project(session), self.title, pains, **self.fields)]

    def apply(self, session: Session) -> ChangeSet:
        super().apply(session)
        # Its pain points now show that an opportunity addresses them.
        return ChangeSet(opportunities_changed=True, pain_points_changed=bool(self.pain_point_ids))

    @property
    def opportunity_id(self) -> str:
        return self.made[0][1]


class EditOpportunityCommand(EditFieldsCommand):
    """Change fields of an opportunity (title, scores, flags, scale, status, owner, ...)."""

    kind = Opportunity

    def __init__(self, opportunity_id: str, **changes: Any) -> None:
        super().__init__("Edit opportunity", opportunity_id, changes)


class DeleteOpportunitiesCommand(DeleteCommand):
    kind = Opportunity

    def __init__(self, opportunity_ids: Sequence[str]) -> None:
        count = len(opportunity_ids)
        super().__init__(
            "Delete opportunity" if count == 1 else f"Delete {count} opportunities",
            opportunity_ids,
        )


class LinkPainPointsCommand(EditCommand):
    """Link pain points to an opportunity (``link=True``) or unlink them."""

    def __init__(self, opportunity_id: str, pain_point_ids: Sequence[str], link: bool) -> None:
        verb = "Link" if link else "Unlink"
        super().__init__(f"{verb} {counted(len(pain_point_ids), 'pain point')}")
        self.opportunity_id, self.link = opportunity_id, link
        self.pain_point_ids = list(dict.fromkeys(pain_point_ids))
        self.changed: list[str] = []

    def _set(self, session: Session, ids: Sequence[str], link: bool) -> None:
        opportunity = fetch(session, Opportunity, self.opportunity_id)
        for pain_id in ids:
            (link_pain_point if link else unlink_pain_point)(
                opportunity, fetch(session, PainPoint, pain_id)
            )

    def apply(self, session: Session) -> ChangeSet:
        opportunity = fetch(session, Opportunity, self.opportunity_id)
        linked = {pain.id for pain in opportunity.pain_points}
        self.changed = [i for i in self.pain_point_ids if (i in linked) != self.link]
        self._set(session, self.changed, self.link)
        return ChangeSet(opportunities_changed=True, pain_points_changed=True)

    def revert(self, session: Session) -> None:
        self._set(session, self.changed, not self.link)


# -- comments -----------------------------------------------------------------------------


class AddCommentCommand(CreateCommand):
    """A comment by ``author`` on any item (card, step, pain point, opportunity, ...)."""

    def __init__(self, kind: type[Base], item_id: str, author: str, text: str) -> None:
        super().__init__("Add comment")
        self.item_kind, self.item_id = kind, item_id
        # Not ``self.text``: that would hide QUndoCommand.text(), the step's name.
        self.author, self.comment_text = author, text

    def create(self, session: Session) -> list[Base]:
        return [
            add_comment(
                fetch(session, self.item_kind, self.item_id), self.author, self.comment_text
            )
        ]

    def apply(self, session: Session) -> ChangeSet:
        super().apply(session)
        return _comment_change(session, self.item_kind, self.item_id)


class EditCommentCommand(EditFieldsCommand):
    """Change a comment's text, or mark it resolved."""

    kind = Comment

    def __init__(self, comment_id: str, **changes: Any) -> None:
        super().__init__("Edit comment", comment_id, changes)


class DeleteCommentsCommand(DeleteCommand):
    kind = Comment

    def __init__(self, comment_ids: Sequence[str]) -> None:
        super().__init__(f"Delete {counted(len(comment_ids), 'comment')}", comment_ids)


def _comment_change(session: Session, kind: type[Base], item_id: str) -> ChangeSet:
    item = session.get(kind, item_id)
    try:
        blueprint_id = blueprint_id_of(item) if item is not None else None
    except AttributeError:  # an item of the project, not of a blueprint
        blueprint_id = None
    return ChangeSet(blueprint_id, comments_changed=True)
