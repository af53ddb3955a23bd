"""Alembic environment: migrations always run on a connection the project file hands in."""

from alembic import context

from app.model.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Stagecraft migrations run only on a working copy's connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
