"""What advocacy's offers, requests and queue share: finding open work, a new request, messages, who is told."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, select, update
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    current_allocation_clause,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    AuditAction,
    Council,
    User,
    YoungPerson,
)
from app.models import advocacy as model
from app.roles import ADVOCACY, YOUNG_PEOPLE, Role
from app.services import audit
from app.services._common import add_first_time, add_once, base_url, conversation, typed_text
from app.services.advocacy.rules import _due_times
from app.services.notifications import queue_to_address, tell_young_person


def _open_offer(young_person_id: uuid.UUID) -> model.AdvocacyOffer | None:
    return db.session.scalar(
        select(model.AdvocacyOffer).where(
            model.AdvocacyOffer.young_person_id == young_person_id, model.AdvocacyOffer.status == model.OfferStatus.open
        )
    )


def _open_request(young_person_id: uuid.UUID) -> model.AdvocacyRequest | None:
    return db.session.scalar(
        select(model.AdvocacyRequest).where(
            model.AdvocacyRequest.young_person_id == young_person_id,
            model.AdvocacyRequest.status != model.RequestStatus.closed,
        )
    )


# A young person's own pages name their council's advocacy service.
_WITH_SERVICE = joinedload(YoungPerson.council).joinedload(Council.advocacy_service)


def _set_offer_status(
    offer_id: uuid.UUID, frm: Iterable[model.OfferStatus], to: model.OfferStatus, now: datetime
) -> bool:
    """Change an offer's status only if it is still in one of `frm`: whichever answer arrives first wins, and a
    decline racing an accept leaves exactly one state."""
    result = db.session.execute(
        update(model.AdvocacyOffer)
        .where(model.AdvocacyOffer.id == offer_id, model.AdvocacyOffer.status.in_(list(frm)))
        .values(status=to, answered_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


@dataclass(frozen=True)
class _Clean:
    topic: model.RequestTopic | None = None
    wants: str | None = None
    ways: frozenset[model.ContactWay] = frozenset({model.ContactWay.in_orbit})
    phone: str | None = None
    good_times: str | None = None
    urgent: bool = False

    def write_to(self, request: model.AdvocacyRequest) -> None:
        """What the young person said, on their request (all but urgent: its clocks only ever come forward)."""
        request.topic = self.topic
        request.wants = self.wants
        request.set_ways(self.ways)
        request.phone = self.phone
        request.good_times = self.good_times


def _new_request(
    young_person: YoungPerson,
    *,
    origin: model.RequestOrigin,
    service_id: uuid.UUID,
    start: datetime,
    clean: _Clean,
    submission_key: uuid.UUID | None = None,
    instead_of: User | None = None,
) -> model.AdvocacyRequest:
    acknowledge_by, allocate_by = _due_times(start, clean.urgent)
    request = model.AdvocacyRequest(
        young_person_id=young_person.id,
        council_id=young_person.council_id,
        advocacy_service_id=service_id,
        origin=origin,
        urgent=clean.urgent,
        status=model.RequestStatus.sent,
        submission_key=submission_key,
        created_at=start,
        acknowledge_due_at=acknowledge_by,
        allocate_due_at=allocate_by,
        instead_of_advocate_id=instead_of.id if instead_of else None,
    )
    clean.write_to(request)
    # Two tabs (or a double tap) raced to open a request: there is exactly one, and the first is it.
    request, new = add_once(request, lambda: _open_request(young_person.id))
    if not new:
        return request
    actor = young_person.user if origin is not model.RequestOrigin.offer_passed else None
    audit.record_about(AuditAction.advocacy_requested, actor, "advocacy_request", request)
    _tell_service(request)
    return request


def _messages(request_id: uuid.UUID) -> list[model.AdvocacyMessage]:
    return conversation(model.AdvocacyMessage, request_id)


def _reasons(request_id: uuid.UUID) -> list[model.OfferReason]:
    return list(
        db.session.scalars(
            select(model.AdvocacyOfferReason.reason)
            .join(model.AdvocacyOffer, model.AdvocacyOffer.id == model.AdvocacyOfferReason.offer_id)
            .where(model.AdvocacyOffer.request_id == request_id)
            .order_by(model.AdvocacyOfferReason.at)
        )
    )


def _check_message(body: str) -> str:
    return typed_text(body, "body", most=model.MESSAGE_MAX, too_long="message_too_long", missing="message_missing")


def _add_message(
    request: model.AdvocacyRequest, author: User, body: str, submission_key: uuid.UUID
) -> tuple[model.AdvocacyMessage, bool]:
    """(the message, whether it is new). The same form sent twice makes one message."""
    message, new = add_first_time(
        lambda: _message_by_key(request.id, submission_key),
        lambda: model.AdvocacyMessage(
            request_id=request.id,
            author_id=author.id,
            from_young_person=author.role in YOUNG_PEOPLE,
            body=body,
            submission_key=submission_key,
            created_at=clock.now(),
        ),
    )
    if new:
        _audit(AuditAction.advocacy_message_sent, author, request)
    return message, new


def _message_by_key(request_id: uuid.UUID, submission_key: uuid.UUID) -> model.AdvocacyMessage | None:
    return db.session.scalar(
        select(model.AdvocacyMessage).where(
            model.AdvocacyMessage.request_id == request_id, model.AdvocacyMessage.submission_key == submission_key
        )
    )


def _service_staff(service_id: uuid.UUID, roles: Iterable[Role]) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(
                User.advocacy_service_id == service_id,
                User.role.in_(list(roles)),
                User.disabled_at.is_(None),
                User.email.is_not(None),
            )
        )
    )


_FOR_THEIR_ADVOCATE = {
    model.RequestOrigin.asked: "One of the young people you are the advocate for has asked for help.",
    model.RequestOrigin.offer_accepted: "One of the young people you are the advocate for said yes to an advocate.",
    model.RequestOrigin.offer_passed: (
        "An offer of an advocate to one of the young people you are the advocate for has passed to your queue."
    ),
}


def _tell_service(request: model.AdvocacyRequest) -> None:
    """Managers hear of every new piece of work; every advocate hears of urgent ones; and the young person's advocate
    now hears of their new request, with a link (the email names nobody). When the young person asked for someone
    else instead, that advocate hears nothing."""
    urgent = request.urgent
    roles = ADVOCACY if urgent else {Role.advocacy_manager}
    subject = "Orbit: urgent advocacy request" if urgent else "Orbit: new advocacy work"
    body = (
        "A young person needs an advocate within 4 hours. Sign in to the queue now: "
        if urgent
        else "There is new work in your advocacy queue in Orbit. Sign in to see it: "
    )
    theirs = advocate_now(request.young_person_id, request.advocacy_service_id)
    not_them = request.instead_of_advocate_id  # they asked for someone else: that advocate is told nothing
    for member in _service_staff(request.advocacy_service_id, roles):
        if member != theirs and member.id != not_them:
            queue_to_address(member.email or "", subject, body + f"{base_url()}/advocate/", member, urgent=urgent)
    if theirs is not None and theirs.email and theirs.id != not_them:
        queue_to_address(
            theirs.email,
            subject,
            _FOR_THEIR_ADVOCATE[request.origin] + f" Sign in to see it: {base_url()}/advocate/requests/{request.id}",
            theirs,
            urgent=urgent,
        )


def _tell_advocate_or_service(request: model.AdvocacyRequest, line: str) -> None:
    link = f"{base_url()}/advocate/requests/{request.id}"
    if request.advocate is not None and request.advocate.email and request.advocate.is_active:
        queue_to_address(request.advocate.email, "Orbit: something new", f"{line} Sign in to see it: {link}")
        return
    for manager in _service_staff(request.advocacy_service_id, {Role.advocacy_manager}):
        if manager.id != request.instead_of_advocate_id:
            queue_to_address(manager.email or "", "Orbit: something new", f"{line} Sign in to see it: {link}", manager)


def _tell_young_person(request: model.AdvocacyRequest) -> None:
    request.young_person_news_at = clock.now()
    tell_young_person(request.young_person)


def _audit(action: AuditAction, user: User, request: model.AdvocacyRequest) -> None:
    audit.record_about(action, user, "advocacy_request", request)


# "Latest" as "Who's who" means it (young_people._latest_first): started last, then made last, then by id.
_LATEST_FIRST = (Allocation.started_on.desc(), Allocation.created_at.desc(), Allocation.id.desc())


def _current_advocate_of(young_person_ids: Iterable[uuid.UUID], today: date) -> ColumnElement[bool]:
    """The young people's current advocate allocations (any service)."""
    return and_(
        Allocation.young_person_id.in_(list(young_person_ids)),
        Allocation.kind == AllocationKind.advocate,
        current_allocation_clause(today),
    )


def advocate_now(young_person_id: uuid.UUID, service_id: uuid.UUID) -> User | None:
    """The young person's advocate now, as "Who's who" names them (the latest of their current advocate
    allocations), if they still work for `service_id`, whose offers and requests they get in touch about; or None.
    An advocate who left, or works for a service the council no longer uses, is not promised to anyone."""
    latest = (
        select(Allocation.staff_id)
        .where(_current_advocate_of([young_person_id], clock.today()))
        .order_by(*_LATEST_FIRST)
        .limit(1)
        .scalar_subquery()
    )
    return db.session.scalar(
        select(User).where(User.id == latest, User.advocacy_service_id == service_id, User.disabled_at.is_(None))
    )


def advocate_for_request(
    request: model.AdvocacyRequest | None, known: Mapping[uuid.UUID, User | None] | None = None
) -> User | None:
    """Who a young person is told will get in touch about a request the service has seen and not yet given to an
    advocate: their advocate now at the request's service, or None (the service finds one). `known`: advocates
    already asked for, by service. Asked only in that state, so most pages ask nothing."""
    if request is None or request.status is not model.RequestStatus.seen or request.advocate_id is not None:
        return None
    if request.advocacy_service_id != request.council.advocacy_service_id:
        return None  # a service the council no longer uses cannot see it to take it on (advocacy_request_scope)
    if request.instead_of_advocate_id is not None:
        return None  # they asked for someone else
    if known is not None and request.advocacy_service_id in known:
        return known[request.advocacy_service_id]
    return advocate_now(request.young_person_id, request.advocacy_service_id)


def advocates_now(young_person_ids: Iterable[uuid.UUID], service_id: uuid.UUID) -> dict[uuid.UUID, Row[Any]]:
    """`advocate_now`'s rule for many young people in one query: by young person, their advocate now's id, first
    and last name (columns, not records: a queue page asks for 25), with their service."""
    wanted = set(young_person_ids)
    if not wanted:
        return {}
    rows = db.session.execute(
        select(
            Allocation.young_person_id,
            User.id,
            User.first_name,
            User.last_name,
            User.advocacy_service_id,
            User.disabled_at,
        )
        .join(User, User.id == Allocation.staff_id)
        .where(_current_advocate_of(wanted, clock.today()))
        .order_by(*_LATEST_FIRST)
    ).all()
    latest: dict[uuid.UUID, Row[Any]] = {}
    for row in rows:
        latest.setdefault(row.young_person_id, row)
    return {
        young_person_id: row
        for young_person_id, row in latest.items()
        if row.advocacy_service_id == service_id and row.disabled_at is None
    }


def _current_advocate_allocations(young_person_id: uuid.UUID, today: date) -> list[Allocation]:
    return list(
        db.session.scalars(select(Allocation).where(_current_advocate_of([young_person_id], today)).with_for_update())
    )
