"""Commands that link a card to the project's catalogues: its actor and the systems it uses."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.editing.commands.base import EditCommand, fetch
from app.editing.commands.patterns import change_of
from app.model.catalogue import Actor, System
from app.model.changes import ChangeSet
from app.model.errors import ModelError
from app.model.ops_catalogue import set_card_actor, set_card_systems
from app.model.structure import Card


class SetCardActorCommand(EditCommand):
    """Name the actor (persona, staff role or partner) of a card; None clears it."""

    def __init__(self, card_id: str, actor_id: str | None) -> None:
        super().__init__("Set actor" if actor_id else "Clear actor")
        self.card_id, self.actor_id = card_id, actor_id
        self.old_actor_id: str | None = None

    def apply(self, session: Session) -> ChangeSet:
        card = fetch(session, Card, self.card_id)
        actor = fetch(session, Actor, self.actor_id) if self.actor_id else None
        if actor is not None and actor.project_id != card.lane.blueprint.project_id:
            raise ModelError(f"actor {actor.name!r} belongs to another project")
        self.old_actor_id = card.actor_id
        set_card_actor(card, actor)
        return change_of([card], "changed")

    def revert(self, session: Session) -> None:
        card = fetch(session, Card, self.card_id)
        old = fetch(session, Actor, self.old_actor_id) if self.old_actor_id else None
        set_card_actor(card, old)


class SetCardSystemsCommand(EditCommand):
    """Name the catalogue systems a card uses (all of them: an empty list clears them)."""

    def __init__(self, card_id: str, system_ids: Sequence[str]) -> None:
        super().__init__("Set systems" if system_ids else "Clear systems")
        self.card_id = card_id
        self.system_ids = list(dict.fromkeys(system_ids))
        self.old_system_ids: list[str] = []

    def apply(self, session: Session) -> ChangeSet:
        card = fetch(session, Card, self.card_id)
        systems = [fetch(session, System, system_id) for system_id in self.system_ids]
        self.old_system_ids = [system.id for system in card.systems]
        set_card_systems(card, systems)
        return change_of([card], "changed")

    def revert(self, session: Session) -> None:
        card = fetch(session, Card, self.card_id)
        set_card_systems(card, [fetch(session, System, i) for i in self.old_system_ids])
