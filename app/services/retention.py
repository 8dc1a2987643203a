"""How long Orbit keeps each kind of record, and deleting on time.

The schedule is `[tool.orbit.retention]` in pyproject.toml (checked when the app starts); docs/dpia.md gives the
reason for each number. `flask tick` calls `run()`: each step deletes at most a batch of rows, skips rows another
machine has locked (PostgreSQL), and reports counts only, never what was deleted. A young person on a legal hold
keeps everything until the hold is lifted.

Every table is named in TABLES with the schedule line that covers it (or why none does), and
tests/unit/test_data_inventory.py fails on a table or column that is not accounted for there and in docs/dpia.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, Table, and_, delete, func, insert, or_, select, update

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyMessage,
    AdvocacyOffer,
    AdvocacyRequest,
    AuditEvent,
    AuditRetentionPass,
    Complaint,
    FamilyTimeEntry,
    InformationRequest,
    Invite,
    LegalHold,
    LoginThrottle,
    LookAgainRequest,
    OfferStatus,
    OutboxMessage,
    PendingImport,
    ReconnectRequest,
    ReviewNote,
    ReviewViews,
    SafetyAlert,
    SupportRequest,
    User,
    UserSession,
    YoungPerson,
)
from app.models.leaving_care import CheckIn
from app.roles import YOUNG_PEOPLE

BATCH = 500

# Which line of the schedule covers each table. "with the young person" means the rows go when the young person's
# account goes (young_person_after_25_days); "reference" tables hold no one's personal data.
TABLES: dict[str, str] = {
    "user_sessions": "ended_sessions_days",
    "login_throttles": "login_throttles_days",
    "invites": "expired_invites_days",
    "review_views": "unsent_drafts_days, sent_messages_and_views_days",
    "review_views_people": "unsent_drafts_days, sent_messages_and_views_days",
    "advocacy_messages": "sent_messages_and_views_days",
    "review_notes": "sent_messages_and_views_days",
    "family_time_entries": "sent_messages_and_views_days",
    "family_time_replies": "sent_messages_and_views_days",
    "staying_close_check_ins": "sent_messages_and_views_days",
    "support_requests": "sent_messages_and_views_days",
    "support_replies": "sent_messages_and_views_days",
    "reconnect_requests": "sent_messages_and_views_days",
    "information_requests": "sent_messages_and_views_days",
    "advocacy_requests": "sent_messages_and_views_days",
    "advocacy_offers": "sent_messages_and_views_days",
    "advocacy_offer_reasons": "sent_messages_and_views_days",
    "safety_alerts": "safety_alerts_days",
    "outbox_messages": "outbox_days",
    "message_choices": "young_person_after_25_days",
    "audit_events": "audit_events_days",
    "users": "staff_who_left_days, young_person_after_25_days",
    "young_people": "young_person_after_25_days",
    "allocations": "young_person_after_25_days",
    "people_who_matter": "young_person_after_25_days",
    "person_changes": "young_person_after_25_days",
    "family_time_plans": "young_person_after_25_days",
    "family_time_plan_versions": "young_person_after_25_days",
    "reviews": "young_person_after_25_days",
    "review_responses": "young_person_after_25_days",
    "local_offer_answers": "young_person_after_25_days",
    "trusted_adults": "young_person_after_25_days",
    "staying_close_arrangements": "young_person_after_25_days",
    "legal_holds": "young_person_after_25_days",
    "care_episodes": "young_person_after_25_days",  # the council's periods of care (SSDA903 import)
    # Parsed rows of uploaded files waiting for the admin's confirm: deleted when applied or cancelled, or an hour
    # after the preview by `flask tick` (app.services.council_data.purge_expired, PENDING_MINUTES).
    "pending_imports": "pending_imports_days",
    "data_imports": "reference",  # when a council's files were imported, by whom, and counts: no child's data
    "audit_retention_passes": "reference",
    "complaints": "complaints_days",
    "complaint_stages": "complaints_days",
    "look_again_requests": "sent_messages_and_views_days",  # from when the reviewing officer answered
    "immigration_changes": "young_person_after_25_days",  # the practitioner's record of status changes
    "advocacy_moments": "young_person_after_25_days",  # that a once-only moment fired, so it never fires twice
    "councils": "reference",
    "advocacy_services": "reference",
    "local_offer_items": "reference",
}


def schedule() -> dict[str, int]:
    return current_app.config["ORBIT_RETENTION"]


def _cutoff(key: str) -> datetime:
    return clock.now() - timedelta(days=schedule()[key])


def _held_young_people():
    return select(LegalHold.young_person_id).where(LegalHold.lifted_at.is_(None))


def _not_held(column: ColumnElement) -> ColumnElement[bool]:
    return or_(column.is_(None), column.not_in(_held_young_people()))


# Deleting rows and everything that hangs off them -----------------------------------------------------------


def _children(table: Table) -> Iterable[tuple[Table, ColumnElement]]:
    """Every (table, column) whose foreign key points at `table`'s id."""
    for other in db.metadata.sorted_tables:
        for key in other.foreign_keys:
            if key.column.table is table:
                yield other, key.parent


def _purge(table: Table, ids: list[uuid.UUID]) -> int:
    """Delete rows by id, after everything that refers to them. Ids are read first at every level, so a
    subquery never looks at rows that are already gone."""
    if not ids:
        return 0
    for child, column in _children(table):
        if child is table:
            continue
        child_ids = list(db.session.scalars(select(child.c.id).where(column.in_(ids))))
        _purge(child, child_ids)
    # Core statements: audit events refuse ORM deletes, and nothing here needs the ORM's bookkeeping.
    if table is AuditEvent.__table__:
        return _delete_audit_events(ids)
    return db.session.execute(delete(table).where(table.c.id.in_(ids))).rowcount or 0


def _delete_audit_events(ids: list[uuid.UUID]) -> int:
    """The database refuses to delete audit events unless this transaction holds a retention pass."""
    db.session.execute(insert(AuditRetentionPass).values(id=1))
    deleted = db.session.execute(delete(AuditEvent).where(AuditEvent.id.in_(ids))).rowcount or 0
    db.session.execute(delete(AuditRetentionPass))
    return deleted


def _due_ids(model: type, where: ColumnElement[bool], limit: int) -> list[uuid.UUID]:
    query = select(model.id).where(where).limit(limit).with_for_update(skip_locked=True)
    return list(db.session.scalars(query))


def _sweep(model: type, where: ColumnElement[bool], limit: int = BATCH) -> int:
    return _purge(model.__table__, _due_ids(model, where, limit))


# The schedule, line by line ---------------------------------------------------------------------------------


def ended_sessions(limit: int = BATCH) -> int:
    cutoff = _cutoff("ended_sessions_days")
    ended = or_(
        UserSession.revoked_at < cutoff, UserSession.idle_expires_at < cutoff, UserSession.absolute_expires_at < cutoff
    )
    return _sweep(UserSession, ended, limit)


def login_throttles(limit: int = BATCH) -> int:
    cutoff = _cutoff("login_throttles_days")
    keys = list(
        db.session.scalars(
            select(LoginThrottle.key_hash)
            .where(
                LoginThrottle.window_started_at < cutoff,
                or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < cutoff),
            )
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not keys:
        return 0
    return db.session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash.in_(keys))).rowcount or 0


def expired_invites(limit: int = BATCH) -> int:
    cutoff = _cutoff("expired_invites_days")
    finished = or_(Invite.used_at < cutoff, Invite.revoked_at < cutoff, Invite.expires_at < cutoff)
    return _sweep(Invite, and_(finished, _not_held(Invite.young_person_id)), limit)


def unsent_drafts(limit: int = BATCH) -> int:
    cutoff = _cutoff("unsent_drafts_days")
    stale = and_(ReviewViews.sent_at.is_(None), ReviewViews.updated_at < cutoff)
    return _sweep(ReviewViews, and_(stale, _not_held(ReviewViews.young_person_id)), limit)


def _sent_things(cutoff: datetime) -> list[tuple[type, ColumnElement[bool]]]:
    """What a young person sent or was sent, each with when its clock starts: when it was sent, or when the
    conversation it belongs to was closed (a reply is kept as long as the question it answers)."""
    request_of_message = select(AdvocacyRequest.young_person_id).where(AdvocacyRequest.id == AdvocacyMessage.request_id)
    return [
        (AdvocacyMessage, and_(AdvocacyMessage.created_at < cutoff, _not_held(request_of_message.scalar_subquery()))),
        (AdvocacyRequest, and_(AdvocacyRequest.closed_at < cutoff, _not_held(AdvocacyRequest.young_person_id))),
        # An offer that became a request goes with that request; one answered "no thanks" goes on its own clock.
        (
            AdvocacyOffer,
            and_(
                AdvocacyOffer.request_id.is_(None),
                AdvocacyOffer.status != OfferStatus.open,
                func.coalesce(AdvocacyOffer.answered_at, AdvocacyOffer.due_at) < cutoff,
                _not_held(AdvocacyOffer.young_person_id),
            ),
        ),
        (ReviewViews, and_(ReviewViews.sent_at < cutoff, _not_held(ReviewViews.young_person_id))),
        (ReviewNote, and_(ReviewNote.created_at < cutoff, _not_held(ReviewNote.young_person_id))),
        (FamilyTimeEntry, and_(FamilyTimeEntry.created_at < cutoff, _not_held(FamilyTimeEntry.young_person_id))),
        (CheckIn, and_(CheckIn.created_at < cutoff, _not_held(CheckIn.young_person_id))),
        (SupportRequest, and_(SupportRequest.closed_at < cutoff, _not_held(SupportRequest.young_person_id))),
        (ReconnectRequest, and_(ReconnectRequest.closed_at < cutoff, _not_held(ReconnectRequest.young_person_id))),
        (
            InformationRequest,
            and_(InformationRequest.answered_at < cutoff, _not_held(InformationRequest.young_person_id)),
        ),
        # Asking to look again counts from when it was answered.
        (LookAgainRequest, and_(LookAgainRequest.answered_at < cutoff, _not_held(LookAgainRequest.young_person_id))),
    ]


def sent_messages_and_views(limit: int = BATCH) -> int:
    cutoff = _cutoff("sent_messages_and_views_days")
    return sum(_sweep(model, where, limit) for model, where in _sent_things(cutoff))


def safety_alerts(limit: int = BATCH) -> int:
    cutoff = _cutoff("safety_alerts_days")
    dealt_with = and_(SafetyAlert.acknowledged_at < cutoff, _not_held(SafetyAlert.young_person_id))
    return _sweep(SafetyAlert, dealt_with, limit)


def outbox(limit: int = BATCH) -> int:
    return _sweep(OutboxMessage, OutboxMessage.created_at < _cutoff("outbox_days"), limit)


def audit_events(limit: int = BATCH) -> int:
    old = and_(AuditEvent.at < _cutoff("audit_events_days"), _not_held(AuditEvent.subject_young_person_id))
    return _sweep(AuditEvent, old, limit)


def staff_who_left(limit: int = BATCH) -> int:
    """A staff account disabled long enough ago keeps its row (their replies and the audit log point at it) but
    loses its name, email and every way to sign in."""
    cutoff = _cutoff("staff_who_left_days")
    ids = _due_ids(
        User,
        and_(User.disabled_at < cutoff, User.anonymised_at.is_(None), User.role.not_in(list(YOUNG_PEOPLE))),
        limit,
    )
    if not ids:
        return 0
    db.session.execute(
        update(User)
        .where(User.id.in_(ids))
        .values(
            first_name="Former",
            last_name="staff member",
            email=None,
            username=None,
            password_hash="!",  # noqa: S106 - matches no password, so the account can never sign in
            totp_secret=None,
            totp_confirmed_at=None,
            locale=None,
            anonymised_at=clock.now(),
        )
    )
    return len(ids)


def _past_25_and_gone_quiet(cutoff: datetime) -> ColumnElement[bool]:
    twenty_fifth_passed = YoungPerson.date_of_birth <= _years_ago(25)
    last_contact = func.coalesce(User.last_signed_in_at, User.created_at, YoungPerson.created_at)
    return and_(twenty_fifth_passed, last_contact < cutoff, _not_held(YoungPerson.id))


def _years_ago(years: int):
    today = clock.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def young_people_after_25(limit: int = 100) -> int:
    """After their 25th birthday and a long time with no sign-in, a young person's account and everything of
    theirs goes. Orbit does not end at 25: anyone still signing in keeps everything."""
    cutoff = _cutoff("young_person_after_25_days")
    rows = db.session.execute(
        select(YoungPerson.id, YoungPerson.user_id)
        .outerjoin(User, User.id == YoungPerson.user_id)
        .where(_past_25_and_gone_quiet(cutoff))
        .limit(limit)
        .with_for_update(skip_locked=True, of=YoungPerson)
    ).all()
    if not rows:
        return 0
    young_person_ids = [row.id for row in rows]
    user_ids = [row.user_id for row in rows if row.user_id is not None]
    _purge(YoungPerson.__table__, young_person_ids)
    _purge(User.__table__, user_ids)
    return len(rows)


@dataclass
class RetentionReport:
    deleted: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.deleted.values())


def complaints(limit: int = BATCH) -> int:
    """A complaint goes with its stages, counted from when it was closed; an open one is never deleted."""
    closed = and_(Complaint.closed_at < _cutoff("complaints_days"), _not_held(Complaint.young_person_id))
    return _sweep(Complaint, closed, limit)


def pending_imports(limit: int = BATCH) -> int:
    """The backstop for council data previews: council_data deletes them when they expire, an hour on."""
    return _sweep(PendingImport, PendingImport.created_at < _cutoff("pending_imports_days"), limit)


STEPS = (
    ("ended_sessions_days", ended_sessions),
    ("login_throttles_days", login_throttles),
    ("expired_invites_days", expired_invites),
    ("unsent_drafts_days", unsent_drafts),
    ("sent_messages_and_views_days", sent_messages_and_views),
    ("safety_alerts_days", safety_alerts),
    ("outbox_days", outbox),
    ("audit_events_days", audit_events),
    ("staff_who_left_days", staff_who_left),
    ("young_person_after_25_days", young_people_after_25),
    ("complaints_days", complaints),
    ("pending_imports_days", pending_imports),
)


def run() -> RetentionReport:
    """One batch of each line of the schedule, each committed on its own so one failing step loses no other."""
    report = RetentionReport()
    for key, step in STEPS:
        report.deleted[key] = step()
        db.session.commit()
    return report


# Legal holds ------------------------------------------------------------------------------------------------


def on_hold(young_person_id: uuid.UUID) -> bool:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(LegalHold)
            .where(LegalHold.young_person_id == young_person_id, LegalHold.lifted_at.is_(None))
        )
        or 0
    ) > 0
