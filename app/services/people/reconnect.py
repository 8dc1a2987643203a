"""Reconnect requests: a young person asks their worker to help them get back in touch, and the worker replies."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    can_answer_reconnect,
    reconnect_scope,
)
from app.extensions import db
from app.models import (
    OPEN_RECONNECT,
    AuditAction,
    PersonWhoMatters,
    ReconnectRequest,
    ReconnectStatus,
    User,
    Wish,
    YoungPerson,
)
from app.models.people import REMEMBERED_MAX, REPLY_MAX
from app.roles import Role
from app.services import audit, work_queue
from app.services._common import base_url, typed_text
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address, tell_young_person
from app.services.people.circles import _own_person, _practitioners, allocations_with_staff
from app.services.people.records import next_update_or_close, practitioner_finder, replied_request_item, reply_status
from app.services.people.rules import RECONNECT_FIRST_REPLY_WORKING_DAYS, RECONNECT_NEXT_UPDATE_WORKING_DAYS


def may_ask_to_reconnect(person: PersonWhoMatters, open_request: ReconnectRequest | None) -> bool:
    return person.ended_at is None and person.wish is Wish.lost_touch and open_request is None


def ask_to_reconnect(user: User, person_id: uuid.UUID, remembered: str) -> ReconnectRequest:
    """ "I've lost touch and want to find them again" becomes a request to the young person's worker."""
    person = _own_person(user, person_id, for_update=True)
    open_request = db.session.scalar(
        select(ReconnectRequest).where(
            ReconnectRequest.person_id == person.id, ReconnectRequest.status.in_(OPEN_RECONNECT)
        )
    )
    if open_request is not None:
        raise Refused("reconnect_already_asked")
    if person.ended_at is not None or person.wish is not Wish.lost_touch:
        raise Refused("reconnect_not_lost_touch")
    memory = typed_text(remembered, "remembered", most=REMEMBERED_MAX, too_long="remembered_too_long")
    now = clock.now()
    request = ReconnectRequest(
        young_person_id=person.young_person_id,
        person_id=person.id,
        remembered=memory or None,
        status=ReconnectStatus.sent,
        created_at=now,
        due_at=work_queue.due_after(now, working_days=RECONNECT_FIRST_REPLY_WORKING_DAYS),
    )
    db.session.add(request)
    db.session.flush()
    audit.record_about(AuditAction.reconnect_requested, user, "reconnect_request", request)
    link = base_url()
    for worker in _practitioners(allocations_with_staff(person.young_person_id), clock.today()):
        if worker.email and worker.is_active:
            # Staff messages carry a link, never the young person's words or names.
            queue_to_address(
                worker.email,
                "A request to find someone in Orbit",
                "A young person you work with has asked for help to find someone who matters to them. "
                f"Please reply within {RECONNECT_FIRST_REPLY_WORKING_DAYS} working days: "
                f"{link}/practitioner/reconnect",
                worker,
            )
    return request


# A reply within 5 working days, then an update every 20 while it is worked on (the clock starts again with each
# "still working on it"). Worked by the young person's social worker or personal adviser, who are told once a
# clock when it runs out.
RECONNECT = work_queue.declare(
    replied_request_item(
        model=ReconnectRequest,
        open_statuses=OPEN_RECONNECT,
        overdue_action=AuditAction.reconnect_overdue,
        workers=lambda allocations: _practitioners(allocations, clock.today()),
        subject="Orbit: a request to find someone is waiting for a reply",
        body="A young person you work with asked for help to find someone who matters to them, and the reply is "
        "now overdue. Please reply: {base_url}/practitioner/reconnect",
    )
)


def _open_for(user: User) -> Select:
    """The open requests a practitioner answers: their young people's."""
    if user.role is not Role.practitioner:
        raise NotFound
    return (
        select(ReconnectRequest, YoungPerson, PersonWhoMatters.relationship_kind)
        .join(YoungPerson, YoungPerson.id == ReconnectRequest.young_person_id)
        .join(PersonWhoMatters, PersonWhoMatters.id == ReconnectRequest.person_id)
        .where(reconnect_scope(user, clock.today()), RECONNECT.is_open())
    )


def reconnect_waiting(user: User) -> work_queue.Tally:
    """The requests to find someone that wait for the practitioner's reply, to count."""
    return work_queue.Tally(RECONNECT, _open_for(user))


def reconnect_queue(user: User, page: int = 1) -> work_queue.Page:
    """Open requests from the practitioner's young people, the one due first at the top, a page at a time: rows
    with row.request, row.young_person, row.relationship_kind and the reply clock, row.reply."""
    found = work_queue.page_of(
        RECONNECT,
        _open_for(user),
        page,
        options=(joinedload(YoungPerson.user).load_only(User.locale),),
        names=("request", "young_person", "relationship_kind"),
    )
    # The list shows names and who they want to find (not what they wrote), so one event records the look.
    audit.record(AuditAction.reconnect_queue_viewed, actor=user, object_type="reconnect_queue")
    return found


_reconnect_for_practitioner = practitioner_finder(
    ReconnectRequest,
    lambda user, request, allocations, today: can_answer_reconnect(user, request.young_person, allocations, today),
    joinedload(ReconnectRequest.person),
)


def reconnect_for_staff(user: User, request_id: uuid.UUID) -> ReconnectRequest:
    """A practitioner opens one request (what the young person remembers). Every look is audited."""
    request, _allocations = _reconnect_for_practitioner(user, request_id)
    audit.record_about(AuditAction.reconnect_viewed, user, "reconnect_request", request)
    return request


def reply_to_reconnect(user: User, request_id: uuid.UUID, outcome: str, reply: str) -> ReconnectRequest:
    """Reply in words the young person reads: still working on it, done, or not possible (and why)."""
    request, _allocations = _reconnect_for_practitioner(user, request_id, for_update=True)
    status = reply_status(
        request,
        ReconnectStatus,
        outcome,
        closed="reconnect_closed",
        missing="reconnect_outcome_missing",
        field="outcome",
    )
    missing = "reconnect_not_possible_reason" if status is ReconnectStatus.not_possible else "reply_missing"
    words = typed_text(reply, "reply", most=REPLY_MAX, too_long="reply_too_long", missing=missing)
    now = clock.now()
    request.status = status
    request.reply = words
    request.replied_at = now
    request.replied_by_id = user.id
    tell_young_person(request.young_person)
    next_update_or_close(RECONNECT, request, status is ReconnectStatus.seen, RECONNECT_NEXT_UPDATE_WORKING_DAYS, now)
    audit.record_about(AuditAction.reconnect_replied, user, "reconnect_request", request)
    return request
