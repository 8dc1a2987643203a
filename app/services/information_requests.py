"""Asking to correct or delete something Orbit holds: the young person asks, the council's administrators answer
within one calendar month, through the one work queue (told once when it is overdue)."""

from __future__ import annotations

import calendar
import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.extensions import db
from app.models import (
    AuditAction,
    InformationRequest,
    InformationRequestKind,
    InformationRequestStatus,
    User,
    YoungPerson,
)
from app.roles import Role
from app.services import audit, work_queue
from app.services._common import checked_words, choice, one_by_id
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_young_person
from app.services.ownership import own_young_person

WORDS_MAX = 2000


def one_calendar_month_after(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ask_to_correct(user: User, kind: str, words: str) -> InformationRequest:
    young_person = own_young_person(user)
    chosen = choice(InformationRequestKind, kind, "information_kind_unknown", "kind")
    words = checked_words(
        words.strip(), "words", most=WORDS_MAX, too_long="words_too_long", missing="information_words_missing"
    )
    request = InformationRequest(
        young_person_id=young_person.id,
        council_id=young_person.council_id,
        kind=chosen,
        words=words,
        status=InformationRequestStatus.sent,
        created_at=clock.now(),
        due_on=one_calendar_month_after(clock.today()),
    )
    db.session.add(request)
    db.session.flush()
    audit.record_about(AuditAction.information_request_made, user, "information_request", request)
    return request


def _require_admin(user: User) -> uuid.UUID:
    if user.role is not Role.council_admin or user.council_id is None:
        raise NotFound
    return user.council_id


def _admins(council_id: uuid.UUID) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(
                User.council_id == council_id, User.role == Role.council_admin, User.disabled_at.is_(None)
            )
        )
    )


# Answered within one calendar month (a day, not a time); worked by the council's administrators, who are told
# once when it is overdue, one message a council.
INFORMATION_REQUESTS = work_queue.declare(
    work_queue.Clock("answer", InformationRequest.due_on, InformationRequest.answered_at, by_day=True),
    is_open=lambda: InformationRequest.status == InformationRequestStatus.sent,
    overdue_action=AuditAction.information_request_overdue,
    told=work_queue.Told(
        group=lambda request: request.council_id,
        people=_admins,
        subject="Orbit: a request to correct or delete information is overdue",
        body="A young person asked for something Orbit holds about them to be corrected or deleted, and the "
        "answer is now past its one-month date. Sign in to answer it: {base_url}/admin/information-requests",
    ),
)


def requests_for_admin(user: User, page: int = 1) -> work_queue.Page:
    """The council's requests, waiting ones due first at the top, answered ones after; a page at a time: rows with
    row.request and its clock, row.answer."""
    council_id = _require_admin(user)
    return work_queue.page_of(
        INFORMATION_REQUESTS,
        select(InformationRequest).where(InformationRequest.council_id == council_id),
        page,
        options=(joinedload(InformationRequest.young_person),),
        names=("request",),
    )


def request_for_admin(user: User, request_id: uuid.UUID) -> InformationRequest:
    council_id = _require_admin(user)
    request = one_by_id(InformationRequest, request_id, joinedload(InformationRequest.young_person))
    if request.council_id != council_id:
        raise NotFound
    audit.record_about(AuditAction.information_request_viewed, user, "information_request", request)
    return request


def answer_request(user: User, request_id: uuid.UUID, outcome: str, reply: str) -> InformationRequest:
    council_id = _require_admin(user)
    request = db.session.scalar(select(InformationRequest).where(InformationRequest.id == request_id).with_for_update())
    if request is None or request.council_id != council_id:
        raise NotFound
    if request.status is not InformationRequestStatus.sent:
        raise Refused("already_answered", "reply")
    if outcome not in (InformationRequestStatus.done.value, InformationRequestStatus.refused.value):
        raise Refused("outcome_unknown", "outcome")
    reply = checked_words(reply.strip(), "reply", most=WORDS_MAX, too_long="words_too_long", missing="reply_missing")
    request.status = InformationRequestStatus(outcome)
    request.reply = reply
    request.answered_at = clock.now()
    request.answered_by_id = user.id
    young_user = db.session.scalar(
        select(User).join(YoungPerson, YoungPerson.user_id == User.id).where(YoungPerson.id == request.young_person_id)
    )
    if young_user is not None:
        queue_to_young_person(young_user)
    audit.record_about(AuditAction.information_request_answered, user, "information_request", request)
    return request
