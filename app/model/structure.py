"""The blueprint grid: project, blueprints, stages, steps, lanes, cards and connectors."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base, enum_column
from app.model.kinds import BlueprintKind, ConnectorKind, LaneKind

if TYPE_CHECKING:
    from app.model.catalogue import Actor, System
    from app.model.method import Emotion, KeyMoment, Opportunity, PainPoint


class Project(Base):
    __tablename__ = "project"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    saved_with: Mapped[str] = mapped_column(String(40), default="")

    blueprints: Mapped[list[Blueprint]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Blueprint.position"
    )
    systems: Mapped[list[System]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="System.name"
    )
    actors: Mapped[list[Actor]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Actor.name"
    )
    opportunities: Mapped[list[Opportunity]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Opportunity.title"
    )


class Blueprint(Base):
    __tablename__ = "blueprint"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[BlueprintKind] = mapped_column(enum_column(BlueprintKind))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    # The as-is blueprint a to-be was duplicated from.
    derived_from_id: Mapped[str | None] = mapped_column(
        ForeignKey("blueprint.id", ondelete="SET NULL")
    )

    project: Mapped[Project] = relationship(back_populates="blueprints")
    derived_from: Mapped[Blueprint | None] = relationship(remote_side="Blueprint.id")
    # passive_deletes: what a deleted blueprint, step, lane or card holds goes by the
    # database's ON DELETE CASCADE, not loaded and deleted row by row (delete_by_cascade).
    stages: Mapped[list[Stage]] = relationship(
        back_populates="blueprint",
        cascade="all, delete-orphan",
        order_by="Stage.position",
        passive_deletes=True,
    )
    steps: Mapped[list[Step]] = relationship(
        back_populates="blueprint",
        cascade="all, delete-orphan",
        order_by="Step.position",
        passive_deletes=True,
    )
    lanes: Mapped[list[Lane]] = relationship(
        back_populates="blueprint",
        cascade="all, delete-orphan",
        order_by="Lane.position",
        passive_deletes=True,
    )
    connectors: Mapped[list[Connector]] = relationship(
        back_populates="blueprint", cascade="all, delete-orphan", passive_deletes=True
    )


class Stage(Base):
    __tablename__ = "stage"

    blueprint_id: Mapped[str] = mapped_column(ForeignKey("blueprint.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    derived_from: Mapped[str | None] = mapped_column(String(36))

    blueprint: Mapped[Blueprint] = relationship(back_populates="stages")
    steps: Mapped[list[Step]] = relationship(back_populates="stage", order_by="Step.position")


class Step(Base):
    __tablename__ = "step"

    blueprint_id: Mapped[str] = mapped_column(ForeignKey("blueprint.id", ondelete="CASCADE"))
    stage_id: Mapped[str | None] = mapped_column(ForeignKey("stage.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    derived_from: Mapped[str | None] = mapped_column(String(36))

    blueprint: Mapped[Blueprint] = relationship(back_populates="steps")
    stage: Mapped[Stage | None] = relationship(back_populates="steps")
    cards: Mapped[list[Card]] = relationship(
        back_populates="step", cascade="all, delete-orphan", passive_deletes=True
    )
    # Not delete-orphan: a pain point moves between a card and a step (attach_pain_point).
    pain_points: Mapped[list[PainPoint]] = relationship(
        back_populates="step", cascade="all", passive_deletes=True
    )
    emotion: Mapped[Emotion | None] = relationship(
        back_populates="step", cascade="all, delete-orphan", passive_deletes=True
    )
    key_moment: Mapped[KeyMoment | None] = relationship(
        back_populates="step", cascade="all, delete-orphan", passive_deletes=True
    )


class Lane(Base):
    __tablename__ = "lane"

    blueprint_id: Mapped[str] = mapped_column(ForeignKey("blueprint.id", ondelete="CASCADE"))
    kind: Mapped[LaneKind] = mapped_column(enum_column(LaneKind))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    # Least height in scene units; the layout grows a lane to fit its cards.
    height: Mapped[float | None]
    derived_from: Mapped[str | None] = mapped_column(String(36))

    blueprint: Mapped[Blueprint] = relationship(back_populates="lanes")
    cards: Mapped[list[Card]] = relationship(
        back_populates="lane", cascade="all, delete-orphan", passive_deletes=True
    )


class Card(Base):
    __tablename__ = "card"
    __table_args__ = (
        CheckConstraint("duration_minutes IS NULL OR duration_minutes >= 0", name="duration"),
        Index("ix_card_cell", "lane_id", "step_id", "position"),
        Index("ix_card_step", "step_id"),
    )

    lane_id: Mapped[str] = mapped_column(ForeignKey("lane.id", ondelete="CASCADE"))
    step_id: Mapped[str] = mapped_column(ForeignKey("step.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    # Plain text everywhere: never rendered as markup.
    text: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int | None]
    fail_point: Mapped[bool] = mapped_column(default=False)
    wait_point: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    # To-be lineage: the UUID of the as-is card this one was copied from. Not a
    # foreign key, so the lineage survives the as-is card being deleted.
    derived_from: Mapped[str | None] = mapped_column(String(36))

    lane: Mapped[Lane] = relationship(back_populates="cards")
    step: Mapped[Step] = relationship(back_populates="cards")
    actor: Mapped[Actor | None] = relationship()
    systems: Mapped[list[System]] = relationship(
        secondary="card_system",
        back_populates="cards",
        order_by="System.name",
        passive_deletes=True,
    )
    pain_points: Mapped[list[PainPoint]] = relationship(
        back_populates="card", cascade="all", passive_deletes=True
    )
    outgoing: Mapped[list[Connector]] = relationship(
        back_populates="source",
        foreign_keys="Connector.source_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    incoming: Mapped[list[Connector]] = relationship(
        back_populates="target",
        foreign_keys="Connector.target_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Connector(Base):
    __tablename__ = "connector"
    __table_args__ = (CheckConstraint("source_id <> target_id", name="not_self"),)

    blueprint_id: Mapped[str] = mapped_column(ForeignKey("blueprint.id", ondelete="CASCADE"))
    source_id: Mapped[str] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ConnectorKind] = mapped_column(enum_column(ConnectorKind))
    label: Mapped[str] = mapped_column(String(200), default="")
    derived_from: Mapped[str | None] = mapped_column(String(36))

    blueprint: Mapped[Blueprint] = relationship(back_populates="connectors")
    source: Mapped[Card] = relationship(back_populates="outgoing", foreign_keys=[source_id])
    target: Mapped[Card] = relationship(back_populates="incoming", foreign_keys=[target_id])
