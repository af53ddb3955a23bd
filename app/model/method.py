"""The method on top of the grid: pain points, emotions, key moments, opportunities."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base, enum_column
from app.model.kinds import EvidenceSource, OpportunityStatus, Perspective, Scale

if TYPE_CHECKING:
    from app.model.structure import Card, Project, Step

opportunity_pain_point = Table(
    "opportunity_pain_point",
    Base.metadata,
    Column("opportunity_id", ForeignKey("opportunity.id", ondelete="CASCADE"), primary_key=True),
    Column("pain_point_id", ForeignKey("pain_point.id", ondelete="CASCADE"), primary_key=True),
)


class PainPoint(Base):
    """A problem on a card or on a step, seen from one perspective, with its evidence."""

    __tablename__ = "pain_point"
    __table_args__ = (
        CheckConstraint("severity BETWEEN 1 AND 5", name="severity"),
        CheckConstraint("(card_id IS NULL) <> (step_id IS NULL)", name="on_card_or_step"),
        CheckConstraint("people_affected IS NULL OR people_affected >= 0", name="people"),
    )

    card_id: Mapped[str | None] = mapped_column(
        ForeignKey("card.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[str | None] = mapped_column(
        ForeignKey("step.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[int] = mapped_column(default=3)
    perspective: Mapped[Perspective] = mapped_column(enum_column(Perspective))
    evidence: Mapped[EvidenceSource] = mapped_column(enum_column(EvidenceSource))
    people_affected: Mapped[int | None]
    underserved_group: Mapped[str] = mapped_column(String(200), default="")
    resolved: Mapped[bool] = mapped_column(default=False)
    derived_from: Mapped[str | None] = mapped_column(String(36))

    card: Mapped[Card | None] = relationship(back_populates="pain_points")
    step: Mapped[Step | None] = relationship(back_populates="pain_points")
    opportunities: Mapped[list[Opportunity]] = relationship(
        secondary=opportunity_pain_point, back_populates="pain_points"
    )


class Emotion(Base):
    """How the service user (and optionally staff) feel at one step, -2 .. +2."""

    __tablename__ = "emotion"
    __table_args__ = (
        CheckConstraint("service_user IS NULL OR service_user BETWEEN -2 AND 2", name="user"),
        CheckConstraint("staff IS NULL OR staff BETWEEN -2 AND 2", name="staff"),
    )

    step_id: Mapped[str] = mapped_column(ForeignKey("step.id", ondelete="CASCADE"), unique=True)
    service_user: Mapped[int | None]
    staff: Mapped[int | None]

    step: Mapped[Step] = relationship(back_populates="emotion")


class KeyMoment(Base):
    """A step flagged as a key service moment; both importances high is the sweet spot."""

    __tablename__ = "key_moment"
    __table_args__ = (
        CheckConstraint("importance_to_user BETWEEN 0 AND 5", name="user"),
        CheckConstraint("importance_to_provider BETWEEN 0 AND 5", name="provider"),
    )

    step_id: Mapped[str] = mapped_column(ForeignKey("step.id", ondelete="CASCADE"), unique=True)
    importance_to_user: Mapped[int] = mapped_column(default=0)
    importance_to_provider: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")

    step: Mapped[Step] = relationship(back_populates="key_moment")

    @property
    def is_sweet_spot(self) -> bool:
        return self.importance_to_user >= 4 and self.importance_to_provider >= 4


SCORE_FIELDS = (
    "management_interest",
    "operational_capacity",
    "capability",
    "impact",
    "effort",
)


class Opportunity(Base):
    """A change candidate, scored on the conditions under which change succeeds."""

    __tablename__ = "opportunity"
    __table_args__ = tuple(
        CheckConstraint(f"{name} IS NULL OR {name} BETWEEN 0 AND 5", name=name)
        for name in SCORE_FIELDS
    )

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    management_interest: Mapped[int | None]
    operational_capacity: Mapped[int | None]
    capability: Mapped[int | None]
    impact: Mapped[int | None]
    effort: Mapped[int | None]
    people_affected: Mapped[int | None]
    underserved_group: Mapped[str] = mapped_column(String(200), default="")
    quick_win: Mapped[bool] = mapped_column(default=False)
    exemplar: Mapped[bool] = mapped_column(default=False)
    scale: Mapped[Scale | None] = mapped_column(enum_column(Scale))
    status: Mapped[OpportunityStatus] = mapped_column(
        enum_column(OpportunityStatus), default=OpportunityStatus.IDEA
    )
    owner: Mapped[str] = mapped_column(String(200), default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[date | None]

    project: Mapped[Project] = relationship(back_populates="opportunities")
    pain_points: Mapped[list[PainPoint]] = relationship(
        secondary=opportunity_pain_point, back_populates="opportunities"
    )
