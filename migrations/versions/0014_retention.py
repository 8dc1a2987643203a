"""retention: legal holds, and when an account last signed in and was anonymised

Revision ID: 0014_retention
Revises: 0013_notify
"""

import sqlalchemy as sa
from alembic import op


revision = "0014_retention"
down_revision = "0013_notify"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "legal_holds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("set_by_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lifted_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["young_person_id"], ["young_people.id"], name="fk_legal_holds_young_person_id_young_people"),
        sa.ForeignKeyConstraint(["set_by_id"], ["users.id"], name="fk_legal_holds_set_by_id_users"),
        sa.ForeignKeyConstraint(["lifted_by_id"], ["users.id"], name="fk_legal_holds_lifted_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_legal_holds"),
    )
    op.create_index("ix_legal_holds_young_person_lifted", "legal_holds", ["young_person_id", "lifted_at"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("last_signed_in_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "audit_retention_passes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_retention_passes"),
    )
    # Audit events stay append-only, except for the retention sweep, which marks its own transaction.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_retention_passes) THEN RETURN OLD; END IF;
              RAISE EXCEPTION 'audit events are append-only';
            END $$;
            """
        )
    else:
        op.execute("DROP TRIGGER audit_events_no_delete")
        op.execute(
            "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
            "WHEN NOT EXISTS (SELECT 1 FROM audit_retention_passes) "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;"
        )
    else:
        op.execute("DROP TRIGGER audit_events_no_delete")
        op.execute(
            "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
        )
    op.drop_table("audit_retention_passes")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("anonymised_at")
        batch.drop_column("last_signed_in_at")
    op.drop_index("ix_legal_holds_young_person_lifted", table_name="legal_holds")
    op.drop_table("legal_holds")
