"""indexes found by bench/: an admin's pending staff invites without reading every invite

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_invites_council_kind", "invites", ["council_id", "kind"], unique=False)
    op.create_index("ix_invites_service_kind", "invites", ["advocacy_service_id", "kind"], unique=False)


def downgrade():
    op.drop_index("ix_invites_service_kind", table_name="invites")
    op.drop_index("ix_invites_council_kind", table_name="invites")
