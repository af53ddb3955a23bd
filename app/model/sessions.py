"""Sessions on a project file, and the bookkeeping every flush does (comments follow their item)."""

from sqlalchemy import Connection, delete, event
from sqlalchemy.orm import Mapper, Session, object_session

from app.model.base import Base
from app.model.cascade import ROW_ID, comments_going
from app.model.catalogue import Comment
from app.model.errors import ModelError, ReadOnlyError


class ProjectSession(Session):
    """A session on one project file; ``info["read_only"]`` refuses every change."""


@event.listens_for(ProjectSession, "before_flush")
def _refuse_changes_when_read_only(session: Session, _context: object, _instances: object) -> None:
    if session.info.get("read_only") and (session.new or session.dirty or session.deleted):
        raise ReadOnlyError(
            f"{session.info.get('name', 'this project')} is open read-only; "
            "use Save As to keep a copy you can edit"
        )


def session_of(obj: object) -> Session:
    session = object_session(obj)
    if session is None:
        raise ModelError("that item is not part of an open project")
    return session


@event.listens_for(Base, "before_delete", propagate=True)
def _drop_comments_of_deleted_item(_mapper: Mapper, connection: Connection, item: Base) -> None:
    """Comments follow their item, however it is deleted: the comments on the item and on
    every row the database's ON DELETE CASCADE takes with it (a blueprint's cards, their
    connectors …) go in one statement. Before the DELETE: afterwards those rows, and so
    which comments were theirs, are gone."""
    if not isinstance(item, Comment):
        going = comments_going(type(item).__table__.name)
        connection.execute(delete(Comment).where(going), {ROW_ID: item.id})
