"""Advocacy requests as the young person makes them: asking, changing, withdrawing and messages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    can_message_on_advocacy_request,
)
from app.models import (
    AuditAction,
    Council,
    User,
    YoungPerson,
)
from app.models import advocacy as model
from app.roles import YOUNG_PEOPLE
from app.services import audit
from app.services._common import (
    by_submission_key,
    choice,
    choices,
    clean_line,
    one_or_not_found,
    typed_line,
    typed_text,
)
from app.services.advocacy._core import (
    _WITH_SERVICE,
    _add_message,
    _check_message,
    _Clean,
    _current_advocate_allocations,
    _messages,
    _new_request,
    _open_offer,
    _open_request,
    _reasons,
    _set_offer_status,
    _tell_advocate_or_service,
    advocate_for_request,
    advocate_now,
)
from app.services.advocacy.rules import PHONE_CHARACTERS, _due_times
from app.services.errors import NotFound, Refused
from app.services.ownership import own_young_person


@dataclass(frozen=True)
class RequestDetails:
    """What a young person chose or typed when asking for an advocate, as codes. The service checks every part."""

    topic: str
    wants: str = ""
    ways: frozenset[str] = frozenset()
    phone: str = ""
    good_times: str = ""
    urgent: str = ""
    who: str = ""  # "someone_else": not their advocate now (who is then not told, and cannot see it); else anyone


def check_details(details: RequestDetails) -> _Clean:
    topic = choice(model.RequestTopic, details.topic, "advocacy_topic_missing", "topic")
    wants = typed_text(details.wants, "wants", most=model.WANTS_MAX, too_long="advocacy_wants_too_long")
    ways = choices(model.ContactWay, details.ways, "advocacy_ways_unknown", "ways", missing="advocacy_ways_missing")
    phone = clean_line(details.phone)
    if phone and (
        len(phone) > model.PHONE_MAX or not set(phone) <= PHONE_CHARACTERS or sum(c.isdigit() for c in phone) < 6
    ):
        raise Refused("advocacy_phone_invalid", "phone")
    if not phone and ways & {model.ContactWay.phone_call, model.ContactWay.text}:
        raise Refused("advocacy_phone_missing", "phone")
    good_times = typed_line(
        details.good_times, "good_times", most=model.GOOD_TIMES_MAX, too_long="advocacy_good_times_too_long"
    )
    if details.urgent not in ("yes", "no"):
        raise Refused("advocacy_urgent_missing", "urgent")
    return _Clean(
        topic=topic,
        wants=wants or None,
        ways=ways,
        phone=phone or None,
        good_times=good_times or None,
        urgent=details.urgent == "yes",
    )


def ask_for_advocate(user: User, details: RequestDetails, submission_key: uuid.UUID) -> model.AdvocacyRequest:
    """Ask for an advocate any time. Sending the same form twice returns the first request."""
    young_person = own_young_person(user, _WITH_SERVICE)
    service_id = young_person.council.advocacy_service_id
    if service_id is None:
        raise Refused("no_advocacy_service")
    clean = check_details(details)
    same = by_submission_key(model.AdvocacyRequest, young_person.id, submission_key)
    if same is not None:
        return same
    if _open_request(young_person.id) is not None:
        raise Refused("request_already_open")
    now = clock.now()
    instead_of = advocate_now(young_person.id, service_id) if details.who == "someone_else" else None
    request = _new_request(
        young_person,
        origin=model.RequestOrigin.asked,
        service_id=service_id,
        start=now,
        clean=clean,
        submission_key=submission_key,
        instead_of=instead_of,
    )
    offer = _open_offer(young_person.id)
    if offer is not None and _set_offer_status(offer.id, [model.OfferStatus.open], model.OfferStatus.accepted, now):
        offer.request_id = request.id
    return request


def _own_request(user: User, request_id: uuid.UUID, *, for_update: bool = False) -> model.AdvocacyRequest:
    if user.role not in YOUNG_PEOPLE:
        raise NotFound
    return one_or_not_found(
        select(model.AdvocacyRequest)
        .join(YoungPerson, YoungPerson.id == model.AdvocacyRequest.young_person_id)
        .options(
            joinedload(model.AdvocacyRequest.advocate),
            joinedload(model.AdvocacyRequest.young_person),
            joinedload(model.AdvocacyRequest.council).joinedload(Council.advocacy_service),
        )
        .where(model.AdvocacyRequest.id == request_id, YoungPerson.user_id == user.id),
        for_update=for_update,
        of=model.AdvocacyRequest,
    )


@dataclass(frozen=True)
class RequestPage:
    request: model.AdvocacyRequest
    messages: list[model.AdvocacyMessage]
    reasons: list[model.OfferReason]
    service_name: str | None
    may_message: bool
    request_advocate: User | None = None  # who will get in touch meanwhile (advocate_for_request)


def my_request(user: User, request_id: uuid.UUID) -> RequestPage:
    """The young person's own request: where it is up to, their advocate's first name, messages, the outcome.
    Opening it is written down so the "something new" note goes away (the only write)."""
    request = _own_request(user, request_id)
    service = request.council.advocacy_service
    audit.record_about(AuditAction.advocacy_request_opened, user, "advocacy_request", request)
    return RequestPage(
        request=request,
        messages=_messages(request.id),
        reasons=_reasons(request.id),
        service_name=service.name if service else None,
        may_message=can_message_on_advocacy_request(user, request),
        request_advocate=advocate_for_request(request),
    )


def request_for_change(user: User, request_id: uuid.UUID) -> model.AdvocacyRequest:
    request = _own_request(user, request_id)
    if not request.is_open:
        raise Refused("advocacy_request_closed")
    return request


def change_request(user: User, request_id: uuid.UUID, details: RequestDetails) -> model.AdvocacyRequest:
    """Add to or change what they said. Saying it is urgent now brings the clocks forward; they never go back."""
    request = _own_request(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("advocacy_request_closed")
    clean = check_details(details)
    if clean.urgent and not request.urgent:
        acknowledge_by, allocate_by = _due_times(clock.now(), True)
        request.acknowledge_due_at = min(request.acknowledge_due_at, acknowledge_by)
        request.allocate_due_at = min(request.allocate_due_at, allocate_by)
        request.urgent = True
    clean.write_to(request)
    audit.record_about(AuditAction.advocacy_request_changed, user, "advocacy_request", request)
    _tell_advocate_or_service(request, "A young person has changed their request for an advocate in Orbit.")
    return request


def withdraw(user: User, request_id: uuid.UUID) -> model.AdvocacyRequest:
    """ "I don't need an advocate now": a change of mind, recorded with no questions. Asking again stays open."""
    request = _own_request(user, request_id, for_update=True)
    if not request.is_open:
        return request
    now = clock.now()
    request.status = model.RequestStatus.closed
    request.closed_at = now
    request.closed_by_id = user.id
    request.withdrawn = True
    audit.record_about(AuditAction.advocacy_withdrawn, user, "advocacy_request", request)
    # They said they do not need an advocate: the advocate no longer sees their page or what they shared.
    today = clock.today()
    for allocation in _current_advocate_allocations(request.young_person_id, today):
        allocation.ended_on = today
    _tell_advocate_or_service(request, "A young person has said they do not need an advocate now.")
    return request


def send_young_person_message(
    user: User, request_id: uuid.UUID, body: str, submission_key: uuid.UUID
) -> model.AdvocacyMessage:
    request = _own_request(user, request_id)
    if not can_message_on_advocacy_request(user, request):
        raise Refused("advocacy_request_closed", "body")
    message, new = _add_message(request, user, _check_message(body), submission_key)
    if new:
        _tell_advocate_or_service(request, "A young person has sent a message in Orbit.")
    return message
