"""The advocacy service's queue and the work on one request: acknowledge, allocate, message, attend, close."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import aliased, joinedload

from app import clock
from app.access import (
    advocacy_request_scope,
    can_message_on_advocacy_request,
    can_reassign_advocacy,
    can_see_advocacy_request,
    may_know_advocate_now,
)
from app.extensions import db
from app.models import (
    AdvocacyMessage,
    AdvocacyRequest,
    Allocation,
    AllocationKind,
    AuditAction,
    Council,
    OfferReason,
    RequestStatus,
    User,
    YoungPerson,
)
from app.models.advocacy import OUTCOME_MAX
from app.roles import ADVOCACY, Role
from app.services import audit, work_queue
from app.services._common import base_url, typed_text
from app.services.advocacy._core import (
    _add_message,
    _audit,
    _check_message,
    _current_advocate_allocations,
    _messages,
    _reasons,
    _tell_young_person,
    advocate_now,
    advocates_now,
)
from app.services.advocacy.work import REQUESTS
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address
from app.services.work_queue import ClockState


def _require_advocacy(user: User) -> uuid.UUID:
    if user.role not in ADVOCACY or user.advocacy_service_id is None:
        raise NotFound
    return user.advocacy_service_id


@dataclass(frozen=True)
class AdvocateQueue:
    rows: list[work_queue.Row]  # row.request (the columns of _QUEUE_ROW), row.acknowledge, row.allocate, row.overdue
    total: int
    overdue: int
    waiting: int  # no advocate yet
    manager: bool
    now: datetime
    page: int = 1
    pages: int = 1
    # By request, on rows with no advocate yet: the young person's advocate now, for those who may know it
    # (app.access.may_know_advocate_now): a manager sees every one, an advocate only where it is them.
    advocate_now: dict[uuid.UUID, Row[Any]] = field(default_factory=dict)  # .id, .first_name, .last_name


# Only what a queue row shows, as plain columns: reading 25 whole requests with their young people, accounts,
# councils and advocates as records cost three times as much as these columns (1.5 ms against 0.5 ms).
_ADVOCATE = aliased(User)
_QUEUE_ROW = (
    select(
        AdvocacyRequest.id,
        AdvocacyRequest.origin,
        AdvocacyRequest.topic,
        AdvocacyRequest.urgent,
        AdvocacyRequest.status,
        AdvocacyRequest.withdrawn,
        AdvocacyRequest.created_at,
        AdvocacyRequest.acknowledge_due_at,
        AdvocacyRequest.allocate_due_at,
        AdvocacyRequest.acknowledged_at,
        AdvocacyRequest.allocated_at,
        AdvocacyRequest.closed_at,
        AdvocacyRequest.young_person_id,
        AdvocacyRequest.instead_of_advocate_id,
        YoungPerson.first_name,
        YoungPerson.last_name,
        User.locale,  # their language, for staff arranging an interpreter
        Council.name.label("council_name"),
        _ADVOCATE.full_name.label("advocate_name"),
    )
    .join(YoungPerson, YoungPerson.id == AdvocacyRequest.young_person_id)
    .outerjoin(User, User.id == YoungPerson.user_id)
    .join(Council, Council.id == AdvocacyRequest.council_id)
    .outerjoin(_ADVOCATE, _ADVOCATE.id == AdvocacyRequest.advocate_id)
)


def queue(user: User, page: int = 1) -> AdvocateQueue:
    """Open work, what is due first at the top: requests and passed offers not acknowledged, then not allocated,
    then those with an advocate, a page at a time. An advocate sees work without an advocate and their own;
    managers see it all."""
    service_id = _require_advocacy(user)
    found = work_queue.page_of(
        REQUESTS,
        select(AdvocacyRequest).where(advocacy_request_scope(user), REQUESTS.is_open()),
        page,
        columns=_QUEUE_ROW,
        counts={"waiting": AdvocacyRequest.advocate_id.is_(None)},
        names=("request",),
    )
    audit.record(AuditAction.advocacy_queue_viewed, actor=user, object_type="advocacy_queue")
    return AdvocateQueue(
        rows=found.rows,
        total=found.total,
        overdue=found.overdue,
        waiting=found.counts["waiting"],
        manager=user.role is Role.advocacy_manager,
        now=found.now,
        page=found.page,
        pages=found.pages,
        advocate_now=_advocates_already(user, found.rows, service_id),
    )


def _advocates_already(user: User, rows: list[work_queue.Row], service_id: uuid.UUID) -> dict[uuid.UUID, Row[Any]]:
    """One query, and only when the page has work with no advocate: who is already that young person's advocate."""
    waiting = {
        row.request.young_person_id: row.request.id
        for row in rows
        if row.request.advocate_name is None and row.request.instead_of_advocate_id is None
    }
    known = advocates_now(waiting, service_id)
    return {
        waiting[young_person_id]: advocate
        for young_person_id, advocate in known.items()
        if may_know_advocate_now(user, advocate)
    }


def record_young_people_viewed(user: User) -> None:
    """Every look an advocate takes is in the audit log, the list of their young people too."""
    _require_advocacy(user)
    audit.record(AuditAction.advocacy_young_people_viewed, actor=user, object_type="young_people")


def _request_for_staff(user: User, request_id: uuid.UUID, *, for_update: bool = False) -> AdvocacyRequest:
    _require_advocacy(user)
    query = (
        select(AdvocacyRequest)
        .options(
            joinedload(AdvocacyRequest.young_person),
            joinedload(AdvocacyRequest.council),
            joinedload(AdvocacyRequest.advocate),
        )
        .where(AdvocacyRequest.id == request_id)
    )
    if for_update:
        query = query.with_for_update(of=AdvocacyRequest)
    request = db.session.scalar(query)
    if request is None or not can_see_advocacy_request(user, request, request.council):
        raise NotFound
    return request


@dataclass(frozen=True)
class StaffRequestPage:
    request: AdvocacyRequest
    age: int
    acknowledge: ClockState
    allocate: ClockState
    messages: list[AdvocacyMessage]
    reasons: list[OfferReason]
    advocates: list[User]  # for a manager to reassign to
    may_message: bool
    is_manager: bool
    # While no advocate has it: the young person's advocate now (an offer told the young person that this advocate
    # would get in touch), for the people who may know it (app.access.may_know_advocate_now).
    advocate_now: User | None = None
    # They asked for someone other than their advocate (request.instead_of_advocate_id): that advocate, if this
    # user may know who it is.
    instead_of: User | None = None

    @property
    def may_accept(self) -> bool:
        return self.request.is_open and self.request.advocate_id is None

    @property
    def may_acknowledge(self) -> bool:
        return self.request.is_open and self.request.acknowledged_at is None


def request_for_staff(user: User, request_id: uuid.UUID) -> StaffRequestPage:
    """One request for an advocate or manager: details, clocks, offer reasons, messages. Every look is audited."""
    request = _request_for_staff(user, request_id)
    now = clock.now()
    is_manager = user.role is Role.advocacy_manager
    advocates = (
        list(
            db.session.scalars(
                select(User)
                .where(
                    User.advocacy_service_id == user.advocacy_service_id,
                    User.role.in_(list(ADVOCACY)),
                    User.disabled_at.is_(None),
                    User.id.is_distinct_from(request.instead_of_advocate_id),  # never the one they asked not to have
                )
                .order_by(User.first_name, User.last_name)
            )
        )
        if is_manager
        else []
    )
    # Named only beside work that has no advocate yet, so only then asked for; not when they asked for someone else.
    waiting = request.advocate_id is None and request.instead_of_advocate_id is None
    named = advocate_now(request.young_person_id, request.advocacy_service_id) if waiting else None
    _audit(AuditAction.advocacy_request_viewed, user, request)
    return StaffRequestPage(
        request=request,
        age=clock.age_on(request.young_person.date_of_birth, clock.today()),
        **REQUESTS.states(request, now),
        messages=_messages(request.id),
        reasons=_reasons(request.id),
        advocates=advocates,
        may_message=can_message_on_advocacy_request(user, request),
        is_manager=is_manager,
        advocate_now=named if named is not None and may_know_advocate_now(user, named) else None,
        instead_of=_instead_of(user, request),
    )


def _instead_of(user: User, request: AdvocacyRequest) -> User | None:
    """The advocate the young person asked not to have, named to those who may know who their advocate is."""
    if request.instead_of_advocate_id is None:
        return None
    advocate = request.instead_of_advocate
    return advocate if advocate is not None and may_know_advocate_now(user, advocate) else None


def _acknowledge(request: AdvocacyRequest, user: User, now: datetime) -> None:
    request.acknowledged_at = now
    request.acknowledged_by_id = user.id
    if request.status is RequestStatus.sent:
        request.status = RequestStatus.seen


def acknowledge(user: User, request_id: uuid.UUID) -> AdvocacyRequest:
    """ "We have seen it": the young person sees "seen". A second press changes nothing."""
    request = _request_for_staff(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("advocacy_request_closed")
    if request.acknowledged_at is not None:
        return request
    _acknowledge(request, user, clock.now())
    _audit(AuditAction.advocacy_acknowledged, user, request)
    _tell_young_person(request)
    return request


def _allocate(request: AdvocacyRequest, advocate: User, actor: User, now: datetime) -> None:
    """Give the request (and the young person) this advocate: the allocation lets them open the young person's
    page and see what was shared with "my advocate", and shows their first name in "Who's who"."""
    if request.acknowledged_at is None:
        _acknowledge(request, actor, now)
    request.advocate_id = advocate.id
    request.advocate = advocate
    if request.allocated_at is None:
        request.allocated_at = now
    request.status = RequestStatus.allocated
    today = clock.today()
    current = _current_advocate_allocations(request.young_person_id, today)
    if any(a.staff_id == advocate.id for a in current):
        return
    for allocation in current:
        allocation.ended_on = today
    db.session.add(
        Allocation(
            young_person_id=request.young_person_id,
            staff_id=advocate.id,
            kind=AllocationKind.advocate,
            started_on=today,
        )
    )
    audit.record_young_person(AuditAction.allocation_changed, actor, request.young_person_id, "young_person")


def accept(user: User, request_id: uuid.UUID) -> AdvocacyRequest:
    """An advocate (or manager) takes the request on. If someone else took it first, that stands."""
    request = _request_for_staff(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("advocacy_request_closed")
    if request.advocate_id == user.id:
        return request
    if request.advocate_id is not None:
        raise Refused("advocacy_already_allocated")
    taken = db.session.execute(
        update(AdvocacyRequest)
        .where(AdvocacyRequest.id == request.id, AdvocacyRequest.advocate_id.is_(None))
        .values(advocate_id=user.id)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        raise Refused("advocacy_already_allocated")
    _allocate(request, user, user, clock.now())
    _audit(AuditAction.advocacy_allocated, user, request)
    _tell_young_person(request)
    return request


def reassign(user: User, request_id: uuid.UUID, advocate_id: uuid.UUID | None) -> AdvocacyRequest:
    """A manager gives the request to an advocate of their own service (never another service's)."""
    if user.role is not Role.advocacy_manager:
        raise NotFound
    request = _request_for_staff(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("advocacy_request_closed")
    advocate = db.session.get(User, advocate_id) if advocate_id else None
    if advocate is None or not can_reassign_advocacy(user, request, advocate):
        raise Refused("advocacy_advocate_not_allowed", "advocate")
    if request.advocate_id == advocate.id:
        return request
    _allocate(request, advocate, user, clock.now())
    _audit(AuditAction.advocacy_allocated, user, request)
    _tell_young_person(request)
    if advocate.email and advocate.id != user.id:
        queue_to_address(
            advocate.email,
            "Orbit: you have been given advocacy work",
            f"Your manager has given you a request in Orbit. Sign in to see it: "
            f"{base_url()}/advocate/requests/{request.id}",
            advocate,
        )
    return request


def send_advocate_message(user: User, request_id: uuid.UUID, body: str, submission_key: uuid.UUID) -> AdvocacyMessage:
    request = _request_for_staff(user, request_id)
    if not can_message_on_advocacy_request(user, request):
        raise Refused("advocacy_request_closed" if not request.is_open else "advocacy_accept_first", "body")
    message, new = _add_message(request, user, _check_message(body), submission_key)
    if new:
        _tell_young_person(request)
    return message


def set_attendance(user: User, request_id: uuid.UUID, will_attend: bool) -> AdvocacyRequest:
    """ "I will attend the review": the reviewing officer (and other council staff) see only this yes or no."""
    request = _request_for_staff(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("advocacy_request_closed")
    if not can_message_on_advocacy_request(user, request):
        raise Refused("advocacy_accept_first")
    if request.will_attend_review != will_attend:
        request.will_attend_review = will_attend
        _audit(AuditAction.advocacy_attendance_set, user, request)
        _tell_young_person(request)
    return request


def close(user: User, request_id: uuid.UUID, outcome: str) -> AdvocacyRequest:
    """Close with an outcome written for the young person to read."""
    request = _request_for_staff(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("advocacy_request_closed", "outcome")
    if request.advocate_id is not None and not can_message_on_advocacy_request(user, request):
        raise NotFound
    words = typed_text(
        outcome, "outcome", most=OUTCOME_MAX, too_long="advocacy_outcome_too_long", missing="advocacy_outcome_missing"
    )
    now = clock.now()
    request.status = RequestStatus.closed
    request.closed_at = now
    request.closed_by_id = user.id
    request.outcome = words
    _audit(AuditAction.advocacy_closed, user, request)
    _tell_young_person(request)
    return request


def request_for_close(user: User, request_id: uuid.UUID) -> AdvocacyRequest:
    request = _request_for_staff(user, request_id)
    _audit(AuditAction.advocacy_request_viewed, user, request)
    return request
