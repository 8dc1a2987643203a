"""council data from the SSDA903 return: the council's DfE number, the council's child ID, UASC, periods of care,
imports and their previews, and how the young person took part in each review

Revision ID: 0012_ssda903
Revises: 0011_complaints
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_ssda903"
down_revision = "0011_complaints"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.add_column(sa.Column("la_code", sa.String(length=3), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_councils_la_code"), ["la_code"])
    with op.batch_alter_table("young_people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("council_child_id", sa.String(length=10), nullable=True))
        batch_op.add_column(
            sa.Column("unaccompanied_asylum_seeking", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("uasc_ceased_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("language", sa.String(length=12), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_young_people_council_child_id"), ["council_child_id"])
    with op.batch_alter_table("young_people", schema=None) as batch_op:
        batch_op.alter_column("unaccompanied_asylum_seeking", server_default=None)
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("participation", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.alter_column("imported", server_default=None)
    op.create_table(
        "care_episodes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("reason_new", sa.String(length=1), nullable=False),
        sa.Column("legal_status", sa.String(length=2), nullable=False),
        sa.Column("need", sa.String(length=2), nullable=False),
        sa.Column("place", sa.String(length=2), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("reason_ended", sa.String(length=3), nullable=True),
        sa.Column("fired", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_care_episodes_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_episodes")),
        sa.UniqueConstraint("young_person_id", "started_on", name="uq_care_episodes_start"),
    )
    op.create_table(
        "data_imports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column("imported_by_id", sa.Uuid(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_data_imports_council_id_councils")),
        sa.ForeignKeyConstraint(["imported_by_id"], ["users.id"], name=op.f("fk_data_imports_imported_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_imports")),
    )
    with op.batch_alter_table("data_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_imports_council_id"), ["council_id"], unique=False)
    op.create_table(
        "pending_imports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_pending_imports_council_id_councils")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_pending_imports_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_imports")),
    )
    with op.batch_alter_table("pending_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_imports_council_id"), ["council_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pending_imports_expires_at"), ["expires_at"], unique=False)


def downgrade():
    op.drop_table("pending_imports")
    op.drop_table("data_imports")
    op.drop_table("care_episodes")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("imported")
        batch_op.drop_column("participation")
    with op.batch_alter_table("young_people", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_young_people_council_child_id"), type_="unique")
        batch_op.drop_column("language")
        batch_op.drop_column("uasc_ceased_on")
        batch_op.drop_column("unaccompanied_asylum_seeking")
        batch_op.drop_column("council_child_id")
    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_councils_la_code"), type_="unique")
        batch_op.drop_column("la_code")
