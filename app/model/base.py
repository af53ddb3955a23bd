"""The declarative base, identity constants and column helpers shared by every table."""

import uuid
from enum import StrEnum

from sqlalchemy import Enum, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# "STGC": marks an SQLite file as a Stagecraft project (PRAGMA application_id).
APPLICATION_ID = 0x53544743

# PRAGMA user_version; each value names one Alembic revision (SCHEMA_REVISIONS).
SCHEMA_VERSION = 3
SCHEMA_REVISIONS: dict[int, str] = {
    1: "0001_initial",
    2: "0002_blueprint_position",
    3: "0003_ecosystem_position",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def enum_column(kind: type[StrEnum]) -> Enum:
    """Store an enum by its value ("as-is", "customer actions"), checked on write."""
    return Enum(
        kind,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every row carries a stable UUID, so copies of a project can be compared and merged."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
