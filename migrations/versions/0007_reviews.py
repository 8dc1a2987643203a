"""reviews: dates and the statutory pattern, the young person's views and notes, answers and agree/disagree

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade():
    with op.batch_alter_table("young_people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entered_care_on", sa.Date(), nullable=True))

    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=120), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", _enum("review_status", "scheduled", "held"), nullable=False),
        sa.Column("chair_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decisions_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("advocacy_offer_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("advocacy_offered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["chair_id"], ["users.id"], name=op.f("fk_reviews_chair_id_users")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_reviews_created_by_id_users")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_reviews_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index("ix_reviews_young_person_held_on", ["young_person_id", "held_on"], unique=False)
        batch_op.create_index("ix_reviews_status_held_on", ["status", "held_on"], unique=False)
        batch_op.create_index(
            "ix_reviews_advocacy_offer", ["advocacy_offered_at", "advocacy_offer_due_at"], unique=False
        )

    op.create_table(
        "review_views",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("going_well", sa.Text(), nullable=True),
        sa.Column("hard", sa.Text(), nullable=True),
        sa.Column("people_words", sa.Text(), nullable=True),
        sa.Column("family_time", sa.Text(), nullable=True),
        sa.Column("change", sa.Text(), nullable=True),
        sa.Column("attendance", _enum("review_attendance", "go", "chair", "views_only", "not_sure"), nullable=True),
        sa.Column("with_advocate", sa.Boolean(), nullable=False),
        sa.Column("talk_before", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_views_review_id_reviews")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_review_views_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_views")),
        sa.UniqueConstraint("review_id", name="uq_review_views_review"),
    )
    with op.batch_alter_table("review_views", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_views_young_person_id"), ["young_person_id"], unique=False)

    op.create_table(
        "review_views_people",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("views_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people_who_matter.id"],
            name=op.f("fk_review_views_people_person_id_people_who_matter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["views_id"],
            ["review_views.id"],
            name=op.f("fk_review_views_people_views_id_review_views"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_views_people")),
        sa.UniqueConstraint("views_id", "person_id", name="uq_review_views_people_person"),
    )
    with op.batch_alter_table("review_views_people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_views_people_person_id"), ["person_id"], unique=False)

    op.create_table(
        "review_notes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("young_person_id", sa.Uuid(), nullable=False),
        sa.Column("review_id", sa.Uuid(), nullable=True),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_notes_review_id_reviews")),
        sa.ForeignKeyConstraint(
            ["young_person_id"], ["young_people.id"], name=op.f("fk_review_notes_young_person_id_young_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_notes")),
    )
    with op.batch_alter_table("review_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_notes_review_id"), ["review_id"], unique=False)
        batch_op.create_index(
            "ix_review_notes_young_person_created", ["young_person_id", "created_at"], unique=False
        )

    op.create_table(
        "review_responses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column(
            "point",
            _enum(
                "review_point",
                "going_well",
                "hard",
                "people",
                "family_time",
                "change",
                "taking_part",
                "note",
                "general",
            ),
            nullable=False,
        ),
        sa.Column("point_key", sa.String(length=60), nullable=False),
        sa.Column("note_id", sa.Uuid(), nullable=True),
        sa.Column("decided", sa.Text(), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("written_by_id", sa.Uuid(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reaction", _enum("review_reaction", "agree", "disagree"), nullable=True),
        sa.Column("reaction_words", sa.Text(), nullable=True),
        sa.Column("reacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["note_id"], ["review_notes.id"], name=op.f("fk_review_responses_note_id_review_notes")
        ),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], name=op.f("fk_review_responses_review_id_reviews")),
        sa.ForeignKeyConstraint(
            ["written_by_id"], ["users.id"], name=op.f("fk_review_responses_written_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_responses")),
        sa.UniqueConstraint("review_id", "point_key", name="uq_review_responses_point"),
    )


def downgrade():
    op.drop_table("review_responses")
    op.drop_table("review_notes")
    op.drop_table("review_views_people")
    op.drop_table("review_views")
    op.drop_table("reviews")
    with op.batch_alter_table("young_people", schema=None) as batch_op:
        batch_op.drop_column("entered_care_on")
