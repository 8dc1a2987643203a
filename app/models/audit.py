"""The append-only audit log: who did what to whose things, when. Never free text or secrets."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import utcnow, uuid_pk
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
    information_request_overdue = "information_request_overdue"
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
    reconnect_overdue = "reconnect_overdue"
    reconnect_queue_viewed = "reconnect_queue_viewed"
    reconnect_replied = "reconnect_replied"
    advocacy_offer_made = "advocacy_offer_made"
    advocacy_offer_declined = "advocacy_offer_declined"
    advocacy_offer_accepted = "advocacy_offer_accepted"
    advocacy_offer_passed = "advocacy_offer_passed"
    advocacy_requested = "advocacy_requested"
    advocacy_request_changed = "advocacy_request_changed"
    advocacy_request_opened = "advocacy_request_opened"
    advocacy_request_viewed = "advocacy_request_viewed"
    advocacy_queue_viewed = "advocacy_queue_viewed"
    advocacy_young_people_viewed = "advocacy_young_people_viewed"
    advocacy_acknowledged = "advocacy_acknowledged"
    advocacy_allocated = "advocacy_allocated"
    advocacy_message_sent = "advocacy_message_sent"
    advocacy_attendance_set = "advocacy_attendance_set"
    advocacy_closed = "advocacy_closed"
    advocacy_withdrawn = "advocacy_withdrawn"
    advocacy_overdue = "advocacy_overdue"
    advocacy_figures_viewed = "advocacy_figures_viewed"
    home_changed = "home_changed"
    # reviews
    review_scheduled = "review_scheduled"
    review_moved = "review_moved"
    reviews_viewed = "reviews_viewed"
    review_views_sent = "review_views_sent"
    review_note_sent = "review_note_sent"
    review_pack_viewed = "review_pack_viewed"
    review_pack_downloaded = "review_pack_downloaded"
    review_decisions_viewed = "review_decisions_viewed"
    review_decisions_saved = "review_decisions_saved"
    review_decisions_sent = "review_decisions_sent"
    review_reaction_sent = "review_reaction_sent"
    review_advocacy_offered = "review_advocacy_offered"
    # family time
    family_time_plan_added = "family_time_plan_added"
    family_time_plan_changed = "family_time_plan_changed"  # what the advocacy feature can offer on
    family_time_date_changed = "family_time_date_changed"  # only the next date moved: routine, no offer
    family_time_viewed = "family_time_viewed"
    family_time_feeling_sent = "family_time_feeling_sent"
    family_time_missed_reported = "family_time_missed_reported"
    family_time_change_asked = "family_time_change_asked"
    family_time_replied = "family_time_replied"
    family_time_overdue = "family_time_overdue"
    family_time_queue_viewed = "family_time_queue_viewed"
    # leaving care
    local_offer_item_added = "local_offer_item_added"
    local_offer_item_changed = "local_offer_item_changed"
    local_offer_item_withdrawn = "local_offer_item_withdrawn"
    local_offer_item_restored = "local_offer_item_restored"
    local_offer_counts_viewed = "local_offer_counts_viewed"
    local_offer_answered = "local_offer_answered"
    support_requested = "support_requested"
    support_request_viewed = "support_request_viewed"
    support_queue_viewed = "support_queue_viewed"
    support_replied = "support_replied"
    support_overdue = "support_overdue"
    trusted_adult_chosen = "trusted_adult_chosen"
    trusted_adult_ended = "trusted_adult_ended"
    trusted_adult_status_set = "trusted_adult_status_set"
    leaving_care_viewed = "leaving_care_viewed"
    arrangement_saved = "arrangement_saved"
    check_in_sent = "check_in_sent"
    legal_hold_set = "legal_hold_set"
    legal_hold_lifted = "legal_hold_lifted"
    legal_holds_viewed = "legal_holds_viewed"
    retention_deleted = "retention_deleted"
    # being heard: complaints, "please look again", immigration or asylum status
    complaint_made = "complaint_made"
    complaint_opened = "complaint_opened"  # the young person's own look
    complaint_viewed = "complaint_viewed"  # a member of staff's look
    complaint_queue_viewed = "complaint_queue_viewed"
    complaint_answered = "complaint_answered"
    complaint_extended = "complaint_extended"
    complaint_next_stage_asked = "complaint_next_stage_asked"
    complaint_closed = "complaint_closed"
    complaint_overdue = "complaint_overdue"
    complaint_figures_viewed = "complaint_figures_viewed"
    look_again_asked = "look_again_asked"
    look_again_viewed = "look_again_viewed"
    look_again_answered = "look_again_answered"
    look_again_overdue = "look_again_overdue"
    immigration_recorded = "immigration_recorded"
    immigration_viewed = "immigration_viewed"
    council_settings_changed = "council_settings_changed"
    # council data (SSDA903)
    council_data_previewed = "council_data_previewed"
    council_data_imported = "council_data_imported"
    council_data_cancelled = "council_data_cancelled"
    council_reviews_exported = "council_reviews_exported"
    council_code_set = "council_code_set"
    review_participation_set = "review_participation_set"


class AuditOutcome(enum.StrEnum):
    success = "success"
    failure = "failure"
    denied = "denied"


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject_at", "subject_young_person_id", "at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor_role: Mapped[Role | None] = mapped_column(Enum(Role, name="audit_role", native_enum=False, length=32))
    action: Mapped[AuditAction] = mapped_column(Enum(AuditAction, name="audit_action", native_enum=False, length=40))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[uuid.UUID | None]
    subject_young_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("young_people.id"))
    request_id: Mapped[str | None] = mapped_column(String(36))
    outcome: Mapped[AuditOutcome] = mapped_column(
        Enum(AuditOutcome, name="audit_outcome", native_enum=False, length=12)
    )


class AuditIsAppendOnly(RuntimeError):
    pass


class AuditRetentionPass(db.Model):
    """A row here, inside the retention sweep's own transaction, is the only thing that lets the database delete
    audit events (its triggers refuse every other delete and every update). No other transaction sees the row."""

    __tablename__ = "audit_retention_passes"

    id: Mapped[int] = mapped_column(primary_key=True)


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_changes(*_args: object) -> None:
    raise AuditIsAppendOnly("audit events are never changed or removed")
