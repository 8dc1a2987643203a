"""GOV.UK Notify and a young person's own choice of a text or email: the outbox keeps each message's kind,
channel and state (waiting, sent, failed) without showing its content; young people's choices live in a table of
their own that no staff query reads; a council may give a duty manager's mobile for escalated alerts

Revision ID: 0013_notify
Revises: 0012_ssda903
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_notify"
down_revision = "0012_ssda903"
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade():
    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duty_manager_mobile", sa.String(length=20), nullable=True))

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("council_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "kind",
                _enum("outbox_kind", "staff", "urgent", "young_person", "young_person_code"),
                nullable=False,
                server_default="staff",
            )
        )
        batch_op.add_column(
            sa.Column("channel", _enum("outbox_channel", "email", "sms"), nullable=False, server_default="email")
        )
        batch_op.add_column(
            sa.Column(
                "state", _enum("outbox_state", "waiting", "sent", "failed"), nullable=False, server_default="waiting"
            )
        )
        batch_op.add_column(sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("failure", sa.String(length=40), nullable=True))
        batch_op.alter_column("to_address", existing_type=sa.String(length=254), nullable=True)
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_messages_council_id_councils"), "councils", ["council_id"], ["id"]
        )
        batch_op.create_index("ix_outbox_messages_due", ["state", "due_at"], unique=False)
        batch_op.create_index("ix_outbox_messages_council", ["council_id", "created_at"], unique=False)
        batch_op.create_index("ix_outbox_messages_user", ["user_id", "state"], unique=False)
        batch_op.create_index("ix_outbox_messages_address", ["to_address", "state"], unique=False)
    outbox = sa.table(
        "outbox_messages",
        sa.column("state", sa.String),
        sa.column("sent_at", sa.DateTime),
        sa.column("attempts", sa.Integer),
    )
    op.execute(outbox.update().where(outbox.c.sent_at.is_not(None)).values(state="sent"))
    op.execute(outbox.update().where(outbox.c.sent_at.is_(None), outbox.c.attempts >= 5).values(state="failed"))
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.alter_column("kind", server_default=None)
        batch_op.alter_column("channel", server_default=None)
        batch_op.alter_column("state", server_default=None)

    op.create_table(
        "message_choices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("channel", _enum("message_channel", "email", "sms"), nullable=True),
        sa.Column("address", sa.String(length=254), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pending_channel", _enum("message_pending_channel", "email", "sms"), nullable=True),
        sa.Column("pending_address", sa.String(length=254), nullable=True),
        sa.Column("code_hash", sa.String(length=128), nullable=True),
        sa.Column("code_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("code_tries", sa.Integer(), nullable=False),
        sa.Column("code_locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("quiet_from", sa.Integer(), nullable=False),
        sa.Column("quiet_until", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("problem_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_message_choices_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_choices")),
        sa.UniqueConstraint("user_id", name=op.f("uq_message_choices_user_id")),
    )


def downgrade():
    op.drop_table("message_choices")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_address")
        batch_op.drop_index("ix_outbox_messages_user")
        batch_op.drop_index("ix_outbox_messages_council")
        batch_op.drop_index("ix_outbox_messages_due")
        batch_op.drop_constraint(batch_op.f("fk_outbox_messages_council_id_councils"), type_="foreignkey")
        batch_op.alter_column("to_address", existing_type=sa.String(length=254), nullable=False)
        batch_op.drop_column("failure")
        batch_op.drop_column("failed_at")
        batch_op.drop_column("state")
        batch_op.drop_column("channel")
        batch_op.drop_column("kind")
        batch_op.drop_column("council_id")
    with op.batch_alter_table("councils", schema=None) as batch_op:
        batch_op.drop_column("duty_manager_mobile")
