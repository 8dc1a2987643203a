"""being heard, all the way: complaints and their stages, "please look again" requests, immigration or asylum
status changes, advocacy moments that fire once, and the council's complaints manager

Revision ID: 0011_complaints
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_complaints"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "advocacy_moments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "joined",
                "home_changed",
                "review_coming",
                "family_time_changed",
                "worker_asked",
                "complaint_made",
                "review_disagreed",
                "immigration_changed",
                "turned_16",
                "turning_18_soon",
                name="advocacy_moment_reason",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_advocacy_moments_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advocacy_moments")),
        sa.UniqueConstraint("young_person_id", "reason", "key", name="uq_advocacy_moments_once"),
    )
    op.create_table(
        "immigration_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "event",
            sa.Enum(
                "claim_made",
                "decision",
                "appeal",
                "turned_18_undecided",
                name="immigration_event",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_immigration_changes_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_immigration_changes_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_immigration_changes")),
    )
    with op.batch_alter_table("immigration_changes", schema=None) as batch_op:
        batch_op.create_index("ix_immigration_changes_young_person", ["young_person_id", "happened_on"], unique=False)

    op.create_table(
        "complaints",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column("advocacy_service_id", sa.Uuid(), nullable=True),
        sa.Column(
            "topic",
            sa.Enum(
                "my_home",
                "family_time",
                "my_review",
                "my_worker",
                "leaving_care",
                "immigration",
                "advocacy_service",
                "something_else",
                name="complaint_topic",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("wants", sa.Text(), nullable=True),
        sa.Column("wants_advocate", sa.Boolean(), nullable=False),
        sa.Column("share_with_advocate", sa.Boolean(), nullable=False),
        sa.Column("tell_social_worker", sa.Boolean(), nullable=False),
        sa.Column("review_response_id", sa.Uuid(), nullable=True),
        sa.Column("submission_key", sa.Uuid(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("waiting", "answered", "closed", name="complaint_status", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["advocacy_service_id"],
            ["advocacy_services.id"],
            name=op.f("fk_complaints_advocacy_service_id_advocacy_services"),
        ),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_complaints_council_id_councils")),
        sa.ForeignKeyConstraint(
            ["review_response_id"],
            ["review_responses.id"],
            name=op.f("fk_complaints_review_response_id_review_responses"),
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_complaints_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("young_person_id", "submission_key", name="uq_complaints_submission"),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_council_status", ["council_id", "status"], unique=False)
        batch_op.create_index("ix_complaints_service_status", ["advocacy_service_id", "status"], unique=False)
        batch_op.create_index("ix_complaints_young_person_created", ["young_person_id", "created_at"], unique=False)

    op.create_table(
        "look_again_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Uuid(), nullable=True),
        sa.Column("overdue_flagged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_look_again_requests_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"], ["review_responses.id"], name=op.f("fk_look_again_requests_response_id_review_responses")
        ),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_look_again_requests_review_id_reviews")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_look_again_requests_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_look_again_requests")),
        sa.UniqueConstraint("response_id", name="uq_look_again_requests_response"),
    )
    with op.batch_alter_table("look_again_requests", schema=None) as batch_op:
        batch_op.create_index("ix_look_again_requests_due", ["answered_at", "due_at"], unique=False)
        batch_op.create_index("ix_look_again_requests_young_person", ["young_person_id", "created_at"], unique=False)

    op.create_table(
        "complaint_stages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Uuid(), nullable=True),
        sa.Column("next_stage_by", sa.DateTime(timezone=True), nullable=True),
        sa.Column("overdue_flagged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_complaint_stages_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_stages_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_stages")),
        sa.UniqueConstraint("complaint_id", "stage", name="uq_complaint_stages_stage"),
    )
    with op.batch_alter_table("complaint_stages", schema=None) as batch_op:
        batch_op.create_index("ix_complaint_stages_due", ["answered_at", "due_at"], unique=False)

    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.add_column(sa.Column("complaints_manager_email", sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.drop_column("complaints_manager_email")

    with op.batch_alter_table("complaint_stages", schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_stages_due")

    op.drop_table("complaint_stages")
    with op.batch_alter_table("look_again_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_look_again_requests_young_person")
        batch_op.drop_index("ix_look_again_requests_due")

    op.drop_table("look_again_requests")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_young_person_created")
        batch_op.drop_index("ix_complaints_service_status")
        batch_op.drop_index("ix_complaints_council_status")

    op.drop_table("complaints")
    with op.batch_alter_table("immigration_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_immigration_changes_young_person")

    op.drop_table("immigration_changes")
    op.drop_table("advocacy_moments")
