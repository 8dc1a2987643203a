"""The append-only audit log: who did what to whose things, when. Never free text or secrets."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Uuid, event
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow, uuid_pk
from app.roles import Role


class AuditAction(enum.StrEnum):
    sign_in = "sign_in"
    sign_in_failed = "sign_in_failed"
    sign_in_locked = "sign_in_locked"
    second_factor_failed = "second_factor_failed"
    second_factor_enrolled = "second_factor_enrolled"
    sign_out = "sign_out"
    session_expired = "session_expired"
    exit_page = "exit_page"
    password_changed = "password_changed"  # noqa: S105 - an event name
    invite_created = "invite_created"
    invite_redeemed = "invite_redeemed"
    invite_refused = "invite_refused"
    account_created = "account_created"
    account_disabled = "account_disabled"
    account_enabled = "account_enabled"
    role_changed = "role_changed"
    allocation_changed = "allocation_changed"
    young_person_added = "young_person_added"
    young_person_viewed = "young_person_viewed"
    locale_changed = "locale_changed"
    alert_raised = "alert_raised"
    alert_viewed = "alert_viewed"
    alert_acknowledged = "alert_acknowledged"
    alert_escalated = "alert_escalated"
    information_copied = "information_copied"
    information_request_made = "information_request_made"
    information_request_viewed = "information_request_viewed"
    information_request_answered = "information_request_answered"
    person_added = "person_added"
    person_changed = "person_changed"
    person_sharing_changed = "person_sharing_changed"
    person_ended = "person_ended"
    person_restarted = "person_restarted"
    person_deleted = "person_deleted"
    people_viewed = "people_viewed"
    people_count_viewed = "people_count_viewed"
    reconnect_requested = "reconnect_requested"
    reconnect_viewed = "reconnect_viewed"
    reconnect_replied = "reconnect_replied"


class AuditOutcome(enum.StrEnum):
    success = "success"
    failure = "failure"
    denied = "denied"


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject_at", "subject_young_person_id", "at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor_role: Mapped[Role | None] = mapped_column(Enum(Role, name="audit_role", native_enum=False, length=32))
    action: Mapped[AuditAction] = mapped_column(
        Enum(AuditAction, name="audit_action", native_enum=False, length=40), nullable=False
    )
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    subject_young_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("young_people.id"))
    request_id: Mapped[str | None] = mapped_column(String(36))
    outcome: Mapped[AuditOutcome] = mapped_column(
        Enum(AuditOutcome, name="audit_outcome", native_enum=False, length=12), nullable=False
    )


class AuditIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_changes(*_args: object) -> None:
    raise AuditIsAppendOnly("audit events are never changed or removed")
