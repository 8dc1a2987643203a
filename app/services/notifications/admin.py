"""The council admin's view of the outbox: each message's kind, channel, state and why it failed — never its
words, and never a young person's name, number or address. And the duty manager's contact for escalations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditAction, Channel, Council, OutboxKind, OutboxMessage, OutboxState, User
from app.roles import Role
from app.services import audit
from app.services.errors import NotFound, Refused
from app.services.notifications.choices import email_address, uk_mobile

PAGE_SIZE = 50


@dataclass(frozen=True)
class OutboxRow:
    id: uuid.UUID
    created_at: datetime
    kind: OutboxKind
    channel: Channel
    state: OutboxState
    attempts: int
    due_at: datetime
    sent_at: datetime | None
    failed_at: datetime | None
    failure: str | None
    # A staff member's name; None for a young person (shown as "a young person") or an address without an account.
    staff_name: str | None


@dataclass(frozen=True)
class OutboxPage:
    rows: list[OutboxRow]
    counts: dict[OutboxState, int]
    page: int
    pages: int
    duty_manager_email: str | None
    duty_manager_mobile: str | None


def _require_admin(user: User) -> uuid.UUID:
    if user.role is not Role.council_admin or user.council_id is None:
        raise NotFound
    return user.council_id


def outbox_page(user: User, page: int = 1, state: str | None = None) -> OutboxPage:
    council_id = _require_admin(user)
    chosen = OutboxState(state) if state in {s.value for s in OutboxState} else None
    counts = dict.fromkeys(OutboxState, 0)
    for found, count in db.session.execute(
        select(OutboxMessage.state, func.count())
        .where(OutboxMessage.council_id == council_id)
        .group_by(OutboxMessage.state)
    ):
        counts[OutboxState(found)] = count
    total = counts[chosen] if chosen else sum(counts.values())
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    query = (
        select(
            OutboxMessage.id,
            OutboxMessage.created_at,
            OutboxMessage.kind,
            OutboxMessage.channel,
            OutboxMessage.state,
            OutboxMessage.attempts,
            OutboxMessage.due_at,
            OutboxMessage.sent_at,
            OutboxMessage.failed_at,
            OutboxMessage.failure,
            User.first_name,
            User.last_name,
            User.role,
        )
        .outerjoin(User, User.id == OutboxMessage.user_id)
        .where(OutboxMessage.council_id == council_id)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    if chosen:
        query = query.where(OutboxMessage.state == chosen)
    rows = []
    for found in db.session.execute(query):
        young = found.kind in (OutboxKind.young_person, OutboxKind.young_person_code)
        name = None if young or found.role is None else f"{found.first_name or ''} {found.last_name or ''}".strip()
        rows.append(
            OutboxRow(
                found.id,
                found.created_at,
                OutboxKind(found.kind),
                Channel(found.channel),
                OutboxState(found.state),
                found.attempts,
                found.due_at,
                found.sent_at,
                found.failed_at,
                found.failure,
                name,
            )
        )
    council = db.session.get(Council, council_id)
    return OutboxPage(
        rows,
        counts,
        page,
        pages,
        council.duty_manager_email if council else None,
        council.duty_manager_mobile if council else None,
    )


def set_duty_manager(user: User, email: str, mobile: str) -> Council:
    """Where an escalated safety alert goes: the duty manager's work email and, if given, a text to their mobile.
    Empty email: every duty worker is emailed, as before. Empty mobile: no text."""
    council_id = _require_admin(user)
    council = db.session.get(Council, council_id, with_for_update=True)
    if council is None:
        raise NotFound
    clean_email = email_address(email) if (email or "").strip() else None
    if (email or "").strip() and clean_email is None:
        raise Refused("email_not_valid", "email")
    clean_mobile = uk_mobile(mobile) if (mobile or "").strip() else None
    if (mobile or "").strip() and clean_mobile is None:
        raise Refused("mobile_not_uk", "mobile")
    council.duty_manager_email = clean_email
    council.duty_manager_mobile = clean_mobile
    audit.record(AuditAction.council_settings_changed, actor=user, object_type="council", object_id=council.id)
    return council
