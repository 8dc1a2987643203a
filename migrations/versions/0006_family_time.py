"""family time with brothers and sisters: plans, their versions, what the young person said, and replies

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def _plan_fields():
    """The columns a plan and each of its versions share."""
    return [
        sa.Column("sibling_name", sa.String(length=80), nullable=False),
        sa.Column(
            "how_often",
            _enum(
                "family_time_how_often", "weekly", "every_two_weeks", "monthly", "few_times_a_year", "other"
            ),
            nullable=False,
        ),
        sa.Column("how_often_words", sa.String(length=100), nullable=True),
        sa.Column("way_in_person", sa.Boolean(), nullable=False),
        sa.Column("way_video", sa.Boolean(), nullable=False),
        sa.Column("way_phone", sa.Boolean(), nullable=False),
        sa.Column("way_letters", sa.Boolean(), nullable=False),
        sa.Column(
            "place",
            _enum("family_time_place", "at_home", "family_centre", "out_somewhere", "online"),
            nullable=False,
        ),
        sa.Column(
            "who_else",
            _enum("family_time_who_else", "nobody", "family_time_worker", "social_worker", "carer", "other"),
            nullable=False,
        ),
        sa.Column("who_else_words", sa.String(length=100), nullable=True),
        sa.Column(
            "arranged_by",
            _enum("family_time_arranger", "worker", "carers", "family_time_team", "young_person", "other"),
            nullable=False,
        ),
        sa.Column("arranged_by_words", sa.String(length=100), nullable=True),
        sa.Column("next_on", sa.Date(), nullable=True),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("live_apart", sa.Boolean(), nullable=False),
        sa.Column("why_apart", sa.Text(), nullable=True),
    ]


def upgrade():
    op.create_table(
        "family_time_plans",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("submission_key", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Uuid(), nullable=False),
        *_plan_fields(),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_family_time_plans_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people_who_matter.id"],
            name=op.f("fk_family_time_plans_person_id_people_who_matter"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_family_time_plans_updated_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_people.id"],
            name=op.f("fk_family_time_plans_young_person_id_young_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_time_plans")),
        sa.UniqueConstraint("young_person_id", "submission_key", name="uq_family_time_plans_submission"),
    )
    with op.batch_alter_table("family_time_plans", schema=None) as batch_op:
        batch_op.create_index(
            "ix_family_time_plans_young_person_next", ["young_person_id", "next_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_family_time_plans_person_id"), ["person_id"], unique=False)

    op.create_table(
        "family_time_plan_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed", sa.String(length=400), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by_id", sa.Uuid(), nullable=False),
        *_plan_fields(),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["family_time_plans.id"],
            name=op.f("fk_family_time_plan_versions_plan_id_family_time_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["saved_by_id"], ["users.id"], name=op.f("fk_family_time_plan_versions_saved_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_time_plan_versions")),
        sa.UniqueConstraint("plan_id", "version", name="uq_family_time_plan_versions_plan_version"),
    )

    op.create_table(
        "family_time_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            _enum("family_time_entry_kind", "feeling", "didnt_happen", "cut_short", "change_request"),
            nullable=False,
        ),
        sa.Column("feeling", _enum("family_time_feeling", "good", "more", "different", "not_sure"), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("shared_with_review", sa.Boolean(), nullable=False),
        sa.Column("shared_with_advocate", sa.Boolean(), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("submission_key", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["family_time_plans.id"], name=op.f("fk_family_time_entries_plan_id_family_time_plans")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_people.id"],
            name=op.f("fk_family_time_entries_young_person_id_young_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_time_entries")),
        sa.UniqueConstraint("young_person_id", "submission_key", name="uq_family_time_entries_submission"),
    )
    with op.batch_alter_table("family_time_entries", schema=None) as batch_op:
        batch_op.create_index("ix_family_time_entries_plan_created", ["plan_id", "created_at"], unique=False)
        batch_op.create_index(
            "ix_family_time_entries_young_person_created", ["young_person_id", "created_at"], unique=False
        )

    op.create_table(
        "family_time_replies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"], name=op.f("fk_family_time_replies_by_id_users")),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["family_time_entries.id"],
            name=op.f("fk_family_time_replies_entry_id_family_time_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_time_replies")),
    )
    with op.batch_alter_table("family_time_replies", schema=None) as batch_op:
        batch_op.create_index("ix_family_time_replies_entry_created", ["entry_id", "created_at"], unique=False)


def downgrade():
    op.drop_table("family_time_replies")
    op.drop_table("family_time_entries")
    op.drop_table("family_time_plan_versions")
    op.drop_table("family_time_plans")
