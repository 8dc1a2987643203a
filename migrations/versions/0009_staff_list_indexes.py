"""indexes found by bench/: a worker's allocations answer from the index alone (the staff list's caseload counts,
every "my young people" list), and a practitioner's open leaving care requests are found from their young people,
not from every open request in the country

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_allocations_staff_current", table_name="allocations")
    op.create_index(
        "ix_allocations_staff_current",
        "allocations",
        ["staff_id", "ended_on", "started_on", "kind", "young_person_id"],
        unique=False,
    )
    op.create_index(
        "ix_support_requests_young_person_status", "support_requests", ["young_person_id", "status"], unique=False
    )


def downgrade():
    op.drop_index("ix_support_requests_young_person_status", table_name="support_requests")
    op.drop_index("ix_allocations_staff_current", table_name="allocations")
    op.create_index("ix_allocations_staff_current", "allocations", ["staff_id", "ended_on"], unique=False)
