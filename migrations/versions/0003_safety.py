"""safety alerts, requests to correct or delete information, and the duty manager's address

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duty_manager_email", sa.String(length=254), nullable=True))

    op.create_table(
        "safety_alerts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column(
            "feeling",
            sa.Enum("unsafe", "scared", "unhappy_home", name="alert_feeling", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("submission_key", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("escalate_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_id", sa.Uuid(), nullable=True),
        sa.Column("action_taken", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"], ["users.id"], name=op.f("fk_safety_alerts_acknowledged_by_id_users")
        ),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_safety_alerts_council_id_councils")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_safety_alerts_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_alerts")),
        sa.UniqueConstraint("young_person_id", "submission_key", name="uq_safety_alerts_submission"),
    )
    with op.batch_alter_table("safety_alerts", schema=None) as batch_op:
        batch_op.create_index("ix_safety_alerts_escalation", ["acknowledged_at", "escalate_at"], unique=False)
        batch_op.create_index("ix_safety_alerts_queue", ["council_id", "acknowledged_at", "created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_safety_alerts_young_person_id"), ["young_person_id"], unique=False)

    op.create_table(
        "information_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("correct", "delete", name="information_kind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("sent", "done", "refused", name="information_status", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_information_requests_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"], ["councils.id"], name=op.f("fk_information_requests_council_id_councils")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_people.id"],
            name=op.f("fk_information_requests_young_person_id_young_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_requests")),
    )
    with op.batch_alter_table("information_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_information_requests_queue", ["council_id", "status", "due_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_information_requests_young_person_id"), ["young_person_id"], unique=False
        )


def downgrade():
    op.drop_table("information_requests")
    op.drop_table("safety_alerts")
    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.drop_column("duty_manager_email")
