"""Format 2: blueprints keep the order the user gives them.

Format 1 listed blueprints by name. Format 2 adds ``blueprint.position`` and keeps the
order format 1 showed, so nothing moves for the user after the upgrade.

Revision ID: 0002_blueprint_position
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_blueprint_position"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("blueprint") as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
    # Number each project's blueprints in the order format 1 showed them (by name).
    op.execute(
        """
        UPDATE blueprint SET position = (
            SELECT COUNT(*) FROM blueprint AS other
            WHERE other.project_id = blueprint.project_id
              AND (other.name < blueprint.name
                   OR (other.name = blueprint.name AND other.id < blueprint.id))
        )
        """
    )
    with op.batch_alter_table("blueprint") as batch_op:
        batch_op.alter_column("position", server_default=None)
    op.execute("PRAGMA user_version = 2")


def downgrade() -> None:
    with op.batch_alter_table("blueprint") as batch_op:
        batch_op.drop_column("position")
    op.execute("PRAGMA user_version = 1")
