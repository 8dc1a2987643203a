"""leaving care: the local offer and checklist answers, Staying Close and help requests with replies, trusted
adults, arrangements and check-ins

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=32)


SUPPORT_STATUS = ("sent", "working_on_it", "done")


def upgrade():
    op.create_table(
        "local_offer_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column(
            "category",
            _enum("offer_category", "money", "home", "health", "education_work", "everyday_life", "rights_help"),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("what_you_get", sa.Text(), nullable=False),
        sa.Column("how_to_get_it", sa.Text(), nullable=False),
        sa.Column("who_for", sa.String(length=300), nullable=True),
        sa.Column("from_age", sa.Integer(), nullable=True),
        sa.Column("until_age", sa.Integer(), nullable=True),
        sa.Column("care_leavers_only", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Uuid(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_local_offer_items_council_id_councils")),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_local_offer_items_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_offer_items")),
    )
    op.create_index(
        "ix_local_offer_items_council_withdrawn", "local_offer_items", ["council_id", "withdrawn_at"], unique=False
    )

    op.create_table(
        "local_offer_answers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("answer", _enum("checklist_answer", "got_it", "not_yet", "need_help"), nullable=False),
        sa.Column("item_version", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["local_offer_items.id"], name=op.f("fk_local_offer_answers_item_id_local_offer_items")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_people.id"],
            name=op.f("fk_local_offer_answers_young_person_id_young_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_offer_answers")),
        sa.UniqueConstraint("young_person_id", "item_id", name="uq_local_offer_answers_young_person_item"),
    )
    op.create_index(
        "ix_local_offer_answers_item_answer", "local_offer_answers", ["item_id", "answer"], unique=False
    )

    op.create_table(
        "support_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("council_id", sa.Uuid(), nullable=False),
        sa.Column("kind", _enum("support_kind", "staying_close", "offer_help"), nullable=False),
        sa.Column("area_home", sa.Boolean(), nullable=False),
        sa.Column("area_money", sa.Boolean(), nullable=False),
        sa.Column("area_health", sa.Boolean(), nullable=False),
        sa.Column("area_education_work", sa.Boolean(), nullable=False),
        sa.Column("area_someone_to_talk_to", sa.Boolean(), nullable=False),
        sa.Column("area_old_home_people", sa.Boolean(), nullable=False),
        sa.Column("offer_item_id", sa.Uuid(), nullable=True),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column(
            "contact", _enum("support_contact", "in_orbit", "phone_call", "text_message", "meet"), nullable=False
        ),
        sa.Column("contact_note", sa.String(length=200), nullable=True),
        sa.Column("sent_to_id", sa.Uuid(), nullable=True),
        sa.Column("submission_key", sa.Uuid(), nullable=True),
        sa.Column("status", _enum("support_status", *SUPPORT_STATUS), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_support_requests_council_id_councils")),
        sa.ForeignKeyConstraint(
            ["offer_item_id"],
            ["local_offer_items.id"],
            name=op.f("fk_support_requests_offer_item_id_local_offer_items"),
        ),
        sa.ForeignKeyConstraint(["sent_to_id"], ["users.id"], name=op.f("fk_support_requests_sent_to_id_users")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_support_requests_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_requests")),
        sa.UniqueConstraint("young_person_id", "submission_key", name="uq_support_requests_submission"),
    )
    op.create_index("ix_support_requests_status_due", "support_requests", ["status", "due_at"], unique=False)
    op.create_index(
        "ix_support_requests_team_queue",
        "support_requests",
        ["council_id", "sent_to_id", "status", "due_at"],
        unique=False,
    )
    op.create_index(
        "ix_support_requests_young_person_created",
        "support_requests",
        ["young_person_id", "created_at"],
        unique=False,
    )

    op.create_table(
        "support_replies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("status", _enum("support_reply_status", *SUPPORT_STATUS), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_support_replies_author_id_users")),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_requests.id"],
            name=op.f("fk_support_replies_request_id_support_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_replies")),
    )
    op.create_index(
        "ix_support_replies_request_created", "support_replies", ["request_id", "created_at"], unique=False
    )

    op.create_table(
        "trusted_adults",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", _enum("trusted_adult_status", "waiting", "arranged", "not_possible"), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status_by_id", sa.Uuid(), nullable=True),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people_who_matter.id"],
            name=op.f("fk_trusted_adults_person_id_people_who_matter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["status_by_id"], ["users.id"], name=op.f("fk_trusted_adults_status_by_id_users")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_trusted_adults_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_adults")),
    )
    op.create_index(
        "ix_trusted_adults_young_person_ended", "trusted_adults", ["young_person_id", "ended_at"], unique=False
    )

    op.create_table(
        "staying_close_arrangements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("key_contact", sa.String(length=120), nullable=False),
        sa.Column(
            "home",
            _enum(
                "arrangement_home",
                "own_home",
                "shared_home",
                "supported_lodgings",
                "supported_accommodation",
                "near_old_home",
                "former_carers",
                "with_family",
                "student",
                "other",
            ),
            nullable=False,
        ),
        sa.Column("support", sa.Text(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_staying_close_arrangements_updated_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_people.id"],
            name=op.f("fk_staying_close_arrangements_young_person_id_young_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staying_close_arrangements")),
        sa.UniqueConstraint("young_person_id", name=op.f("uq_staying_close_arrangements_young_person_id")),
    )

    op.create_table(
        "staying_close_check_ins",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("feeling", _enum("check_in_feeling", "good", "ok", "not_good"), nullable=False),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["young_person_id"],
            ["young_people.id"],
            name=op.f("fk_staying_close_check_ins_young_person_id_young_people"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staying_close_check_ins")),
    )
    op.create_index(
        "ix_staying_close_check_ins_young_person_created",
        "staying_close_check_ins",
        ["young_person_id", "created_at"],
        unique=False,
    )


def downgrade():
    op.drop_table("staying_close_check_ins")
    op.drop_table("staying_close_arrangements")
    op.drop_table("trusted_adults")
    op.drop_table("support_replies")
    op.drop_table("support_requests")
    op.drop_table("local_offer_answers")
    op.drop_table("local_offer_items")
