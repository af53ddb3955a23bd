"""Format 1: the first project-file schema.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comment",
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("item_kind", sa.String(length=40), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment")),
    )
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comment_item_id"), ["item_id"], unique=False)

    op.create_table(
        "project",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("saved_with", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    op.create_table(
        "actor",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "service user",
                "staff role",
                "partner",
                name="actorkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_actor_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
    )
    op.create_table(
        "blueprint",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("as-is", "to-be", name="blueprintkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("derived_from_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["derived_from_id"],
            ["blueprint.id"],
            name=op.f("fk_blueprint_derived_from_id_blueprint"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_blueprint_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blueprint")),
    )
    op.create_table(
        "opportunity",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("management_interest", sa.Integer(), nullable=True),
        sa.Column("operational_capacity", sa.Integer(), nullable=True),
        sa.Column("capability", sa.Integer(), nullable=True),
        sa.Column("impact", sa.Integer(), nullable=True),
        sa.Column("effort", sa.Integer(), nullable=True),
        sa.Column("people_affected", sa.Integer(), nullable=True),
        sa.Column("underserved_group", sa.String(length=200), nullable=False),
        sa.Column("quick_win", sa.Boolean(), nullable=False),
        sa.Column("exemplar", sa.Boolean(), nullable=False),
        sa.Column(
            "scale",
            sa.Enum(
                "individual",
                "organisational",
                "society-wide",
                name="scale",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "idea",
                "shortlisted",
                "planned",
                "in progress",
                "done",
                "parked",
                name="opportunitystatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.CheckConstraint(
            "capability IS NULL OR capability BETWEEN 0 AND 5",
            name=op.f("ck_opportunity_capability"),
        ),
        sa.CheckConstraint(
            "effort IS NULL OR effort BETWEEN 0 AND 5", name=op.f("ck_opportunity_effort")
        ),
        sa.CheckConstraint(
            "impact IS NULL OR impact BETWEEN 0 AND 5", name=op.f("ck_opportunity_impact")
        ),
        sa.CheckConstraint(
            "management_interest IS NULL OR management_interest BETWEEN 0 AND 5",
            name=op.f("ck_opportunity_management_interest"),
        ),
        sa.CheckConstraint(
            "operational_capacity IS NULL OR operational_capacity BETWEEN 0 AND 5",
            name=op.f("ck_opportunity_operational_capacity"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_opportunity_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity")),
    )
    op.create_table(
        "system",
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_system_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_system")),
    )
    op.create_table(
        "data_item",
        sa.Column("system_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["system_id"],
            ["system.id"],
            name=op.f("fk_data_item_system_id_system"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_item")),
    )
    op.create_table(
        "lane",
        sa.Column("blueprint_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "physical evidence",
                "customer actions",
                "frontstage",
                "backstage",
                "support processes",
                "systems",
                "custom",
                name="lanekind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("height", sa.Double(), nullable=True),
        sa.Column("derived_from", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"],
            ["blueprint.id"],
            name=op.f("fk_lane_blueprint_id_blueprint"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lane")),
    )
    op.create_table(
        "stage",
        sa.Column("blueprint_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("derived_from", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"],
            ["blueprint.id"],
            name=op.f("fk_stage_blueprint_id_blueprint"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage")),
    )
    op.create_table(
        "step",
        sa.Column("blueprint_id", sa.String(length=36), nullable=False),
        sa.Column("stage_id", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("derived_from", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"],
            ["blueprint.id"],
            name=op.f("fk_step_blueprint_id_blueprint"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["stage.id"], name=op.f("fk_step_stage_id_stage"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step")),
    )
    op.create_table(
        "card",
        sa.Column("lane_id", sa.String(length=36), nullable=False),
        sa.Column("step_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("channel", sa.String(length=200), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("fail_point", sa.Boolean(), nullable=False),
        sa.Column("wait_point", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("derived_from", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes >= 0", name=op.f("ck_card_duration")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_card_actor_id_actor"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["lane_id"], ["lane.id"], name=op.f("fk_card_lane_id_lane"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["step.id"], name=op.f("fk_card_step_id_step"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card")),
    )
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index("ix_card_cell", ["lane_id", "step_id", "position"], unique=False)
        batch_op.create_index("ix_card_step", ["step_id"], unique=False)

    op.create_table(
        "emotion",
        sa.Column("step_id", sa.String(length=36), nullable=False),
        sa.Column("service_user", sa.Integer(), nullable=True),
        sa.Column("staff", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.CheckConstraint(
            "service_user IS NULL OR service_user BETWEEN -2 AND 2", name=op.f("ck_emotion_user")
        ),
        sa.CheckConstraint(
            "staff IS NULL OR staff BETWEEN -2 AND 2", name=op.f("ck_emotion_staff")
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["step.id"], name=op.f("fk_emotion_step_id_step"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emotion")),
        sa.UniqueConstraint("step_id", name=op.f("uq_emotion_step_id")),
    )
    op.create_table(
        "key_moment",
        sa.Column("step_id", sa.String(length=36), nullable=False),
        sa.Column("importance_to_user", sa.Integer(), nullable=False),
        sa.Column("importance_to_provider", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.CheckConstraint(
            "importance_to_provider BETWEEN 0 AND 5", name=op.f("ck_key_moment_provider")
        ),
        sa.CheckConstraint("importance_to_user BETWEEN 0 AND 5", name=op.f("ck_key_moment_user")),
        sa.ForeignKeyConstraint(
            ["step_id"], ["step.id"], name=op.f("fk_key_moment_step_id_step"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_moment")),
        sa.UniqueConstraint("step_id", name=op.f("uq_key_moment_step_id")),
    )
    op.create_table(
        "card_system",
        sa.Column("card_id", sa.String(length=36), nullable=False),
        sa.Column("system_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"], ["card.id"], name=op.f("fk_card_system_card_id_card"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["system_id"],
            ["system.id"],
            name=op.f("fk_card_system_system_id_system"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("card_id", "system_id", name=op.f("pk_card_system")),
    )
    op.create_table(
        "connector",
        sa.Column("blueprint_id", sa.String(length=36), nullable=False),
        sa.Column("source_id", sa.String(length=36), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("flow", "hand-off", "data", name="connectorkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("derived_from", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.CheckConstraint("source_id <> target_id", name=op.f("ck_connector_not_self")),
        sa.ForeignKeyConstraint(
            ["blueprint_id"],
            ["blueprint.id"],
            name=op.f("fk_connector_blueprint_id_blueprint"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["card.id"], name=op.f("fk_connector_source_id_card"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["card.id"], name=op.f("fk_connector_target_id_card"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connector")),
    )
    with op.batch_alter_table("connector", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_connector_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_connector_target_id"), ["target_id"], unique=False)

    op.create_table(
        "pain_point",
        sa.Column("card_id", sa.String(length=36), nullable=True),
        sa.Column("step_id", sa.String(length=36), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column(
            "perspective",
            sa.Enum(
                "service user", "staff", "partner", name="perspective", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "evidence",
            sa.Enum(
                "interview",
                "workshop",
                "observation",
                "data",
                "assumption",
                name="evidencesource",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("people_affected", sa.Integer(), nullable=True),
        sa.Column("underserved_group", sa.String(length=200), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("derived_from", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.CheckConstraint(
            "(card_id IS NULL) <> (step_id IS NULL)", name=op.f("ck_pain_point_on_card_or_step")
        ),
        sa.CheckConstraint(
            "people_affected IS NULL OR people_affected >= 0", name=op.f("ck_pain_point_people")
        ),
        sa.CheckConstraint("severity BETWEEN 1 AND 5", name=op.f("ck_pain_point_severity")),
        sa.ForeignKeyConstraint(
            ["card_id"], ["card.id"], name=op.f("fk_pain_point_card_id_card"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["step.id"], name=op.f("fk_pain_point_step_id_step"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pain_point")),
    )
    with op.batch_alter_table("pain_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pain_point_card_id"), ["card_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pain_point_step_id"), ["step_id"], unique=False)

    op.create_table(
        "opportunity_pain_point",
        sa.Column("opportunity_id", sa.String(length=36), nullable=False),
        sa.Column("pain_point_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_pain_point_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pain_point_id"],
            ["pain_point.id"],
            name=op.f("fk_opportunity_pain_point_pain_point_id_pain_point"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "opportunity_id", "pain_point_id", name=op.f("pk_opportunity_pain_point")
        ),
    )
    op.execute("PRAGMA user_version = 1")


def downgrade() -> None:
    op.drop_table("opportunity_pain_point")
    with op.batch_alter_table("pain_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pain_point_step_id"))
        batch_op.drop_index(batch_op.f("ix_pain_point_card_id"))

    op.drop_table("pain_point")
    with op.batch_alter_table("connector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connector_target_id"))
        batch_op.drop_index(batch_op.f("ix_connector_source_id"))

    op.drop_table("connector")
    op.drop_table("card_system")
    op.drop_table("key_moment")
    op.drop_table("emotion")
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index("ix_card_step")
        batch_op.drop_index("ix_card_cell")

    op.drop_table("card")
    op.drop_table("step")
    op.drop_table("stage")
    op.drop_table("lane")
    op.drop_table("data_item")
    op.drop_table("system")
    op.drop_table("opportunity")
    op.drop_table("blueprint")
    op.drop_table("actor")
    op.drop_table("project")
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_item_id"))

    op.drop_table("comment")
