"""Where the user placed the nodes of a service ecosystem map.

The map itself is derived from the blueprints each time it is drawn
(app.analysis.ecosystem); only the positions the user chose by dragging are kept. Each
arrangement is its own: the whole project's map (``blueprint_id`` None) and each
blueprint's map keep theirs, so tidying one picture never disturbs another.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base


class EcosystemPosition(Base):
    """One node placed by hand: its stable key ("system:<uuid>", "channel:phone" …) and
    its centre on the map, in points."""

    __tablename__ = "ecosystem_position"
    __table_args__ = (Index("ix_ecosystem_position_map", "project_id", "blueprint_id"),)

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    # The blueprint whose map this is; None: the map of the whole project.
    blueprint_id: Mapped[str | None] = mapped_column(ForeignKey("blueprint.id", ondelete="CASCADE"))
    node_key: Mapped[str] = mapped_column(Text)
    x: Mapped[float]
    y: Mapped[float]
