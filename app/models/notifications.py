"""The outbox, and a young person's own choice of how to be told.

An outbox row for a young person carries no address: it is looked up from their `MessageChoice` when the row is
sent, so stopping messages stops what is waiting too, and no staff page, export or audit event that reads the
outbox can carry their number or email address. What a young person is sent is content-free, always.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import created_at, str_enum, uuid_pk


class Channel(enum.StrEnum):
    email = "email"
    sms = "sms"


class OutboxState(enum.StrEnum):
    waiting = "waiting"
    sent = "sent"
    failed = "failed"


class OutboxKind(enum.StrEnum):
    # Staff news (queues, overdue clocks): at most one message an hour per address, gathered into one.
    staff = "staff"
    # Sent at once and never gathered: safety alerts and their escalation, invites, urgent advocacy.
    urgent = "urgent"
    # "You have something new in Orbit": at most one an hour per young person, never in their quiet hours.
    young_person = "young_person"
    # The code that confirms a young person's number or address, sent at once to the one being confirmed.
    young_person_code = "young_person_code"


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_pending", "sent_at", "due_at"),
        Index("ix_outbox_messages_due", "state", "due_at"),
        Index("ix_outbox_messages_council", "council_id", "created_at"),
        Index("ix_outbox_messages_user", "user_id", "state"),
        Index("ix_outbox_messages_address", "to_address", "state"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Whose outbox page shows it (None: an advocacy service's own staff, shown to no council).
    council_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("councils.id"))
    kind: Mapped[OutboxKind] = mapped_column(str_enum(OutboxKind, "outbox_kind"), default=OutboxKind.staff)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "outbox_channel"), default=Channel.email)
    # None for young people: their address is read from their own choice when the message is sent.
    to_address: Mapped[str | None] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str]
    created_at: Mapped[datetime] = created_at()
    due_at: Mapped[datetime]
    state: Mapped[OutboxState] = mapped_column(str_enum(OutboxState, "outbox_state"), default=OutboxState.waiting)
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    # A short code for why it failed or was last retried (never the recipient, never Notify's words).
    failure: Mapped[str | None] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(default=0)


class MessageChoice(db.Model):
    """How a young person wants to be told that something is new: nothing (no row, or channel None), a text or an
    email. Only they ever see the address; it is never joined into a staff query or written to the audit log."""

    __tablename__ = "message_choices"

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), unique=True)
    channel: Mapped[Channel | None] = mapped_column(str_enum(Channel, "message_channel"))
    address: Mapped[str | None] = mapped_column(String(254))
    confirmed_at: Mapped[datetime | None]
    # A number or address waiting for its code.
    pending_channel: Mapped[Channel | None] = mapped_column(str_enum(Channel, "message_pending_channel"))
    pending_address: Mapped[str | None] = mapped_column(String(254))
    code_hash: Mapped[str | None] = mapped_column(String(128))
    code_sent_at: Mapped[datetime | None]
    code_tries: Mapped[int] = mapped_column(default=0)
    code_locked_until: Mapped[datetime | None]
    # Quiet hours in London time, whole hours: no messages from `quiet_from` until `quiet_until`.
    quiet_from: Mapped[int] = mapped_column(default=21)
    quiet_until: Mapped[int] = mapped_column(default=8)
    last_sent_at: Mapped[datetime | None]
    # Notify said the number or address cannot be sent to: shown to the young person on their settings page.
    problem_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = created_at()

    @property
    def active(self) -> bool:
        return self.channel is not None and self.address is not None and self.confirmed_at is not None
