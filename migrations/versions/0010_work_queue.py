"""the work queue's "overdue, told once" for the queues that lacked it: reconnect requests, leaving care support
requests and information requests each get the column `flask tick` sets when their reply clock runs out

Revision ID: 0010_work_queue
Revises: 0014_retention
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_work_queue"
down_revision = "0014_retention"
branch_labels = None
depends_on = None

TABLES = ("reconnect_requests", "support_requests", "information_requests")


def upgrade():
    for table in TABLES:
        op.add_column(table, sa.Column("overdue_told_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    for table in TABLES:
        op.drop_column(table, "overdue_told_at")
