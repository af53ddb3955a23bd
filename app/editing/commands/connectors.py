"""Commands on connectors: add one between two cards, edit its kind or label, delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.editing.commands.base import counted, fetch
from app.editing.commands.patterns import CreateCommand, DeleteCommand, EditFieldsCommand
from app.model.base import Base
from app.model.kinds import ConnectorKind
from app.model.ops_grid import add_connector
from app.model.structure import Card, Connector


class AddConnectorCommand(CreateCommand):
    """An arrow from one card to another of the same blueprint."""

    def __init__(
        self,
        source_id: str,
        target_id: str,
        kind: ConnectorKind | str = ConnectorKind.FLOW,
        label: str = "",
    ) -> None:
        super().__init__("Add connector")
        self.source_id, self.target_id, self.kind, self.label = source_id, target_id, kind, label

    def create(self, session: Session) -> list[Base]:
        source = fetch(session, Card, self.source_id)
        target = fetch(session, Card, self.target_id)
        return [add_connector(source, target, self.kind, self.label)]


class EditConnectorCommand(EditFieldsCommand):
    """Change a connector's kind (flow, hand-off, data) or label."""

    kind = Connector

    def __init__(self, connector_id: str, **changes: Any) -> None:
        super().__init__("Edit connector", connector_id, changes)


class DeleteConnectorsCommand(DeleteCommand):
    kind = Connector

    def __init__(self, connector_ids: Sequence[str]) -> None:
        count = len(set(connector_ids))
        super().__init__(f"Delete {counted(count, 'connector')}", connector_ids)
