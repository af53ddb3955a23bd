"""Format 3: the service ecosystem map keeps the node positions the user chose.

Format 2 had no ecosystem map. Format 3 adds ``ecosystem_position``: one row per node the
user dragged, for the whole project's map or one blueprint's. Older files have none, so
their maps open laid out in layers as before.

Revision ID: 0003_ecosystem_position
Revises: 0002_blueprint_position
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_ecosystem_position"
down_revision = "0002_blueprint_position"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ecosystem_position",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("blueprint_id", sa.String(length=36), nullable=True),
        sa.Column("node_key", sa.Text(), nullable=False),
        sa.Column("x", sa.Double(), nullable=False),
        sa.Column("y", sa.Double(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"],
            ["blueprint.id"],
            name=op.f("fk_ecosystem_position_blueprint_id_blueprint"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_ecosystem_position_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ecosystem_position")),
    )
    with op.batch_alter_table("ecosystem_position") as batch_op:
        batch_op.create_index(
            "ix_ecosystem_position_map", ["project_id", "blueprint_id"], unique=False
        )
    op.execute("PRAGMA user_version = 3")


def downgrade() -> None:
    with op.batch_alter_table("ecosystem_position") as batch_op:
        batch_op.drop_index("ix_ecosystem_position_map")
    op.drop_table("ecosystem_position")
    op.execute("PRAGMA user_version = 2")
