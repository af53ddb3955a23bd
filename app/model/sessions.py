"""Sessions on a project file, and the bookkeeping every flush does (comments follow their item)."""

from sqlalchemy import delete, event
from sqlalchemy.orm import Session, object_session

from app.model.catalogue import Comment
from app.model.errors import ModelError


class ProjectSession(Session):
    """A session on one project file."""


def session_of(obj: object) -> Session:
    session = object_session(obj)
    if session is None:
        raise ModelError("that item is not part of an open project")
    return session


@event.listens_for(ProjectSession, "after_flush")
def _drop_comments_of_deleted_items(session: Session, _context: object) -> None:
    gone = [obj.id for obj in session.deleted if not isinstance(obj, Comment)]
    if gone:
        session.execute(delete(Comment).where(Comment.item_id.in_(gone)))
