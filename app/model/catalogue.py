"""Project-wide catalogues: systems with the data they hold, actors, and comments on any item."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base, enum_column
from app.model.kinds import ActorKind

if TYPE_CHECKING:
    from app.model.structure import Card, Project

card_system = Table(
    "card_system",
    Base.metadata,
    Column("card_id", ForeignKey("card.id", ondelete="CASCADE"), primary_key=True),
    Column("system_id", ForeignKey("system.id", ondelete="CASCADE"), primary_key=True),
)


class System(Base):
    __tablename__ = "system"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship(back_populates="systems")
    data_items: Mapped[list[DataItem]] = relationship(
        back_populates="system", cascade="all, delete-orphan", order_by="DataItem.position"
    )
    cards: Mapped[list[Card]] = relationship(secondary=card_system, back_populates="systems")


class DataItem(Base):
    """One kind of data a system holds ("contact details"); the same name in two systems is
    duplicated data."""

    __tablename__ = "data_item"

    system_id: Mapped[str] = mapped_column(ForeignKey("system.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    system: Mapped[System] = relationship(back_populates="data_items")


class Actor(Base):
    __tablename__ = "actor"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ActorKind] = mapped_column(enum_column(ActorKind))
    description: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship(back_populates="actors")


class Comment(Base):
    """A contribution on any item, found by the item's UUID (every row has one)."""

    __tablename__ = "comment"

    item_id: Mapped[str] = mapped_column(String(36), index=True)
    item_kind: Mapped[str] = mapped_column(String(40))
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(default=False)
