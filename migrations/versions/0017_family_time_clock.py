"""family time replies get the work queue's reply clock: when the worker's reply is due, when they first replied,
and when `flask tick` told them it was overdue; entries already sent get theirs from when they were sent

Revision ID: 0017_family_time_clock
Revises: 0010_work_queue
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_family_time_clock"
down_revision = "0010_work_queue"
branch_labels = None
depends_on = None


def _reply_working_days() -> int:
    try:
        from flask import current_app

        return int(current_app.config["ORBIT_RULES"].get("family_time_reply_working_days", 5))
    except (RuntimeError, KeyError):
        return 5


def upgrade():
    with op.batch_alter_table("family_time_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("overdue_told_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_family_time_entries_young_person_reply_due", ["young_person_id", "reply_due_at"], unique=False
        )

    from app.clock import add_working_days

    entries = sa.table(
        "family_time_entries",
        sa.column("id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("reply_due_at", sa.DateTime(timezone=True)),
        sa.column("replied_at", sa.DateTime(timezone=True)),
    )
    replies = sa.table(
        "family_time_replies",
        sa.column("entry_id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    bind = op.get_bind()
    # Entries already answered: the clock stopped at the first reply.
    first_reply = (
        sa.select(sa.func.min(replies.c.created_at)).where(replies.c.entry_id == entries.c.id).scalar_subquery()
    )
    bind.execute(entries.update().values(replied_at=first_reply))
    # Every entry reaches the young person's worker, so each has a reply clock from when it was sent.
    days = _reply_working_days()
    rows = bind.execute(sa.select(entries.c.id, entries.c.created_at)).all()
    for entry_id, sent_at in rows:
        bind.execute(
            entries.update()
            .where(entries.c.id == entry_id)
            .values(reply_due_at=add_working_days(sent_at, days))
        )


def downgrade():
    with op.batch_alter_table("family_time_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_family_time_entries_young_person_reply_due")
        batch_op.drop_column("overdue_told_at")
        batch_op.drop_column("replied_at")
        batch_op.drop_column("reply_due_at")
