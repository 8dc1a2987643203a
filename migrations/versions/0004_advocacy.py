"""advocacy, opt-out: offers and their reasons, requests with two clocks, and messages

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "advocacy_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column("advocacy_service_id", sa.Uuid(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum(
                "asked", "offer_accepted", "offer_passed", name="advocacy_request_origin", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "topic",
            sa.Enum(
                "moving_home",
                "family_time",
                "my_review",
                "unhappy",
                "immigration",
                "leaving_care",
                "something_else",
                name="advocacy_topic",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("wants", sa.Text(), nullable=True),
        sa.Column("contact_in_orbit", sa.Boolean(), nullable=False),
        sa.Column("contact_phone_call", sa.Boolean(), nullable=False),
        sa.Column("contact_text", sa.Boolean(), nullable=False),
        sa.Column("contact_in_person", sa.Boolean(), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("good_times", sa.String(length=200), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "sent", "seen", "allocated", "closed", name="advocacy_request_status", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("submission_key", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledge_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("allocate_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_id", sa.Uuid(), nullable=True),
        sa.Column("allocated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("advocate_id", sa.Uuid(), nullable=True),
        sa.Column("acknowledge_overdue_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("allocate_overdue_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("will_attend_review", sa.Boolean(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Uuid(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("young_person_news_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"], ["users.id"], name=op.f("fk_advocacy_requests_acknowledged_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["advocacy_service_id"],
            ["advocacy_services.id"],
            name=op.f("fk_advocacy_requests_advocacy_service_id_advocacy_services"),
        ),
        sa.ForeignKeyConstraint(["advocate_id"], ["users.id"], name=op.f("fk_advocacy_requests_advocate_id_users")),
        sa.ForeignKeyConstraint(["closed_by_id"], ["users.id"], name=op.f("fk_advocacy_requests_closed_by_id_users")),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_advocacy_requests_council_id_councils")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_advocacy_requests_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advocacy_requests")),
        sa.UniqueConstraint("young_person_id", "submission_key", name="uq_advocacy_requests_submission"),
    )
    with op.batch_alter_table("advocacy_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_advocacy_requests_acknowledge_due", ["acknowledged_at", "acknowledge_due_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_advocacy_requests_advocate_id"), ["advocate_id"], unique=False)
        batch_op.create_index("ix_advocacy_requests_allocate_due", ["allocated_at", "allocate_due_at"], unique=False)
        batch_op.create_index(
            "ix_advocacy_requests_service_created", ["advocacy_service_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_advocacy_requests_service_status", ["advocacy_service_id", "status"], unique=False)
        batch_op.create_index(
            "ix_advocacy_requests_young_person_created", ["young_person_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "uq_advocacy_requests_one_open",
            ["young_person_id"],
            unique=True,
            sqlite_where=sa.text("status != 'closed'"),
            postgresql_where=sa.text("status != 'closed'"),
        )

    op.create_table(
        "advocacy_messages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("from_young_person", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("submission_key", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_advocacy_messages_author_id_users")),
        sa.ForeignKeyConstraint(
            ["request_id"], ["advocacy_requests.id"], name=op.f("fk_advocacy_messages_request_id_advocacy_requests")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advocacy_messages")),
        sa.UniqueConstraint("request_id", "submission_key", name="uq_advocacy_messages_submission"),
    )
    with op.batch_alter_table("advocacy_messages", schema=None) as batch_op:
        batch_op.create_index("ix_advocacy_messages_request_created", ["request_id", "created_at"], unique=False)

    op.create_table(
        "advocacy_offers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("advocacy_service_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open", "declined", "accepted", "passed", name="advocacy_offer_status", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["advocacy_service_id"],
            ["advocacy_services.id"],
            name=op.f("fk_advocacy_offers_advocacy_service_id_advocacy_services"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["advocacy_requests.id"], name=op.f("fk_advocacy_offers_request_id_advocacy_requests")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_advocacy_offers_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advocacy_offers")),
    )
    with op.batch_alter_table("advocacy_offers", schema=None) as batch_op:
        batch_op.create_index("ix_advocacy_offers_service_created", ["advocacy_service_id", "created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_advocacy_offers_request_id"), ["request_id"], unique=False)
        batch_op.create_index("ix_advocacy_offers_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index(
            "ix_advocacy_offers_young_person_created", ["young_person_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "uq_advocacy_offers_one_open",
            ["young_person_id"],
            unique=True,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        )

    op.create_table(
        "advocacy_offer_reasons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("offer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "joined",
                "home_changed",
                "review_coming",
                "family_time_changed",
                "worker_asked",
                name="advocacy_offer_reason",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["made_by_id"], ["users.id"], name=op.f("fk_advocacy_offer_reasons_made_by_id_users")),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["advocacy_offers.id"],
            name=op.f("fk_advocacy_offer_reasons_offer_id_advocacy_offers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advocacy_offer_reasons")),
        sa.UniqueConstraint("offer_id", "reason", name="uq_advocacy_offer_reasons_offer_reason"),
    )


def downgrade():
    op.drop_table("advocacy_offer_reasons")
    op.drop_table("advocacy_offers")
    op.drop_table("advocacy_messages")
    op.drop_table("advocacy_requests")
