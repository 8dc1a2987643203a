"""Advocacy, opt-out: offers made by themselves, requests any time, messages, and the advocacy service's queue.

Offers. `offer_advocacy(young_person, reason)` is the one hook every feature calls at a moment that matters:
- joining Orbit (auth.redeem_young_person_invite), a new home (young_people.change_home) and a practitioner's
  own offer (offer_by_practitioner) call it today;
- the review feature must call `offer_advocacy(young_person, OfferReason.review_coming)` the configured number of
  working days before each review (`advocacy_review_offer_working_days` in [tool.orbit], read with
  `review_offer_working_days()`), from `flask tick`;
- the family time feature must call `offer_advocacy(young_person, OfferReason.family_time_changed)` whenever a
  plan changes.
A young person has at most one open offer: a later moment adds its reason to the open one. An offer is not made
while a request is open (an advocate is already on it) or when the council names no advocacy service. When the
offer's window passes without "no thanks", `flask tick` (run_due) turns it into contact work in the service's
queue: that is the opt-out.

Requests carry two clocks, acknowledge (1 working day) and allocate an advocate (2 working days), both 4 hours
when urgent; England's bank holidays are respected. Overdue items stand out in the queue and `flask tick` tells
the service's managers once per clock.

Independence: council staff only ever get `summary_for_staff` (an advocate is involved, they will attend the
review). Advocates see requests from young people of councils their service works for now (app.access). Every
look by an advocate or manager is audited. Nothing here commits: the request does, once.
"""

from __future__ import annotations

import statistics
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import and_, case, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, load_only

from app import clock
from app.access import (
    advocacy_request_scope,
    advocacy_summary_visible,
    can_message_on_advocacy_request,
    can_offer_advocacy,
    can_reassign_advocacy,
    can_see_advocacy_figures,
    can_see_advocacy_request,
    current_allocation_clause,
    young_person_scope,
)
from app.extensions import db
from app.models import (
    AdvocacyMessage,
    AdvocacyOffer,
    AdvocacyOfferReason,
    AdvocacyRequest,
    Allocation,
    AllocationKind,
    AuditAction,
    AuditEvent,
    ContactWay,
    Council,
    OfferReason,
    OfferStatus,
    RequestOrigin,
    RequestStatus,
    RequestTopic,
    User,
    YoungPerson,
)
from app.models.advocacy import GOOD_TIMES_MAX, MESSAGE_MAX, OUTCOME_MAX, PHONE_MAX, WANTS_MAX
from app.roles import ADVOCACY, YOUNG_PEOPLE, Role
from app.services import audit
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address, queue_to_young_person
from app.services.ownership import own_young_person
from app.services.people import clean_line, clean_text

QUEUE_PAGE = 25  # rows per page of the advocate's queue: what fits a phone's screen or two
MY_REQUESTS_SHOWN = 10
RECENTLY_CLOSED_DAYS = 30
FIGURE_PERIODS = (3, 6, 12)
PHONE_CHARACTERS = frozenset("0123456789+() -")

# What a request made from an offer is about, when the offer's reason says.
TOPIC_FOR_REASON = {
    OfferReason.home_changed: RequestTopic.moving_home,
    OfferReason.review_coming: RequestTopic.my_review,
    OfferReason.family_time_changed: RequestTopic.family_time,
}


# The rules, from [tool.orbit] -------------------------------------------------------------------------


def _rules() -> dict:
    return current_app.config["ORBIT_RULES"]


def review_offer_working_days() -> int:
    """How many working days before a review the review feature calls offer_advocacy."""
    return int(_rules()["advocacy_review_offer_working_days"])


def due_times(
    start: datetime,
    urgent: bool,
    *,
    acknowledge_days: int = 1,
    allocate_days: int = 2,
    urgent_hours: int = 4,
) -> tuple[datetime, datetime]:
    """(acknowledge by, allocate an advocate by) for work that starts at `start`.

    Working days skip weekends and England's bank holidays and keep the London clock time (a request on Friday
    at 16:00 is acknowledged by Monday 16:00). Urgent work runs on clock hours, weekends included: a child who
    says it is urgent does not wait for Monday."""
    if urgent:
        due = start + timedelta(hours=urgent_hours)
        return due, due
    return clock.add_working_days(start, acknowledge_days), clock.add_working_days(start, allocate_days)


def _due_times(start: datetime, urgent: bool) -> tuple[datetime, datetime]:
    rules = _rules()
    return due_times(
        start,
        urgent,
        acknowledge_days=int(rules["advocacy_acknowledge_working_days"]),
        allocate_days=int(rules["advocacy_allocate_working_days"]),
        urgent_hours=int(rules["advocacy_urgent_hours"]),
    )


def offer_due(start: datetime) -> datetime:
    """When an offer made at `start` becomes contact work unless the young person says "no thanks"."""
    return clock.add_working_days(start, int(_rules()["advocacy_offer_working_days"]))


@dataclass(frozen=True)
class ClockState:
    """One of a request's two clocks: when it is due, when it was done, and what that means now."""

    due_at: datetime
    done_at: datetime | None
    state: str  # "done", "late" (done after it was due), "overdue", "running", "stopped" (closed first)

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"


def clock_state(due_at: datetime, done_at: datetime | None, closed_at: datetime | None, now: datetime) -> ClockState:
    if done_at is not None:
        return ClockState(due_at, done_at, "late" if done_at > due_at else "done")
    if closed_at is not None:
        return ClockState(due_at, None, "stopped")
    return ClockState(due_at, None, "overdue" if due_at <= now else "running")


def acknowledge_clock(request: AdvocacyRequest, now: datetime) -> ClockState:
    return clock_state(request.acknowledge_due_at, request.acknowledged_at, request.closed_at, now)


def allocate_clock(request: AdvocacyRequest, now: datetime) -> ClockState:
    return clock_state(request.allocate_due_at, request.allocated_at, request.closed_at, now)


def _topic_for(reasons: Iterable[OfferReason]) -> RequestTopic | None:
    for reason in reasons:
        if reason in TOPIC_FOR_REASON:
            return TOPIC_FOR_REASON[reason]
    return None


# Offers -----------------------------------------------------------------------------------------------


def _open_offer(young_person_id: uuid.UUID) -> AdvocacyOffer | None:
    return db.session.scalar(
        select(AdvocacyOffer).where(
            AdvocacyOffer.young_person_id == young_person_id, AdvocacyOffer.status == OfferStatus.open
        )
    )


def _open_request(young_person_id: uuid.UUID) -> AdvocacyRequest | None:
    return db.session.scalar(
        select(AdvocacyRequest).where(
            AdvocacyRequest.young_person_id == young_person_id, AdvocacyRequest.status != RequestStatus.closed
        )
    )


def offer_advocacy(
    young_person: YoungPerson, reason: OfferReason, *, made_by: User | None = None
) -> AdvocacyOffer | None:
    """Offer an advocate at a moment that matters. Returns the open offer (with this reason added), or None when
    no offer is needed: the council names no advocacy service, or a request is already open."""
    council = young_person.council or db.session.get(Council, young_person.council_id)
    if council is None or council.advocacy_service_id is None:
        return None
    if _open_request(young_person.id) is not None:
        return None
    now = clock.now()
    offer = _open_offer(young_person.id)
    if offer is None:
        offer = AdvocacyOffer(
            young_person_id=young_person.id,
            advocacy_service_id=council.advocacy_service_id,
            status=OfferStatus.open,
            created_at=now,
            due_at=offer_due(now),
        )
        try:
            with db.session.begin_nested():
                db.session.add(offer)
        except IntegrityError:
            # Another moment made the offer at the same time: add this reason to that one.
            offer = _open_offer(young_person.id)
            if offer is None:
                raise
    if reason not in {r.reason for r in offer.reasons}:
        offer.reasons.append(
            AdvocacyOfferReason(reason=reason, at=now, made_by_id=made_by.id if made_by is not None else None)
        )
        audit.record(
            AuditAction.advocacy_offer_made,
            actor=made_by,
            object_type="advocacy_offer",
            object_id=offer.id,
            young_person_id=young_person.id,
        )
    db.session.flush()
    return offer


def _young_person_for_practitioner(user: User, young_person_id: uuid.UUID) -> YoungPerson:
    if user.role is not Role.practitioner:
        raise NotFound
    young_person = db.session.scalar(
        select(YoungPerson).options(joinedload(YoungPerson.council)).where(YoungPerson.id == young_person_id)
    )
    if young_person is None:
        raise NotFound
    allocations = db.session.scalars(select(Allocation).where(Allocation.young_person_id == young_person.id))
    if not can_offer_advocacy(user, young_person, list(allocations), clock.today()):
        raise NotFound
    return young_person


def offer_by_practitioner(user: User, young_person_id: uuid.UUID) -> None:
    """A social worker or personal adviser asks the advocacy service to offer an advocate. They are not told
    whether an offer was already open or a request is under way: that belongs to the young person."""
    young_person = _young_person_for_practitioner(user, young_person_id)
    if young_person.council.advocacy_service_id is None:
        raise Refused("no_advocacy_service")
    offer_advocacy(young_person, OfferReason.worker_asked, made_by=user)


# The young person's side ------------------------------------------------------------------------------


# A young person's own pages name their council's advocacy service.
_WITH_SERVICE = joinedload(YoungPerson.council).joinedload(Council.advocacy_service)


def _last_opened():
    """When the young person last opened this request's page (their own look, in the audit log)."""
    return (
        select(func.max(AuditEvent.at))
        .where(
            AuditEvent.subject_young_person_id == AdvocacyRequest.young_person_id,
            AuditEvent.action == AuditAction.advocacy_request_opened,
            AuditEvent.object_id == AdvocacyRequest.id,
        )
        .correlate(AdvocacyRequest)
        .scalar_subquery()
    )


def _is_news(request: AdvocacyRequest, last_opened: datetime | None) -> bool:
    return request.young_person_news_at is not None and (
        last_opened is None or request.young_person_news_at > last_opened
    )


@dataclass(frozen=True)
class AdvocacyPanel:
    """What the young person's home shows: an open offer (or that they said no thanks), their request, news."""

    offer: AdvocacyOffer | None
    request: AdvocacyRequest | None
    has_news: bool

    @property
    def open_offer(self) -> AdvocacyOffer | None:
        return self.offer if self.offer is not None and self.offer.status is OfferStatus.open else None

    @property
    def declined_offer(self) -> AdvocacyOffer | None:
        return self.offer if self.offer is not None and self.offer.status is OfferStatus.declined else None


def _latest_offer(young_person_clause) -> AdvocacyOffer | None:
    """The latest offer that is open or was declined, with its reasons, in one query."""
    latest = (
        select(AdvocacyOffer.id)
        .join(YoungPerson, YoungPerson.id == AdvocacyOffer.young_person_id)
        .where(young_person_clause, AdvocacyOffer.status.in_([OfferStatus.open, OfferStatus.declined]))
        .order_by(AdvocacyOffer.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        db.session.scalars(
            select(AdvocacyOffer).options(joinedload(AdvocacyOffer.reasons)).where(AdvocacyOffer.id == latest)
        )
        .unique()
        .first()
    )


def home_panel(user: User) -> AdvocacyPanel:
    """Two queries: the latest open or declined offer, and the open (or lately closed) request with its news."""
    if user.role not in YOUNG_PEOPLE:
        raise NotFound
    mine = YoungPerson.user_id == user.id
    offer = _latest_offer(mine)
    recent = clock.now() - timedelta(days=RECENTLY_CLOSED_DAYS)
    row = db.session.execute(
        select(AdvocacyRequest, _last_opened())
        .join(YoungPerson, YoungPerson.id == AdvocacyRequest.young_person_id)
        .options(joinedload(AdvocacyRequest.advocate))
        .where(mine, or_(AdvocacyRequest.status != RequestStatus.closed, AdvocacyRequest.closed_at > recent))
        .order_by(AdvocacyRequest.status == RequestStatus.closed, AdvocacyRequest.created_at.desc())
        .limit(1)
    ).first()
    request, last_opened = (row[0], row[1]) if row else (None, None)
    if offer is not None and request is not None and request.is_open and offer.status is OfferStatus.declined:
        offer = None  # they changed their mind and asked: the request is what matters now
    return AdvocacyPanel(offer=offer, request=request, has_news=request is not None and _is_news(request, last_opened))


@dataclass(frozen=True)
class MyRequestRow:
    request: AdvocacyRequest
    has_news: bool


@dataclass(frozen=True)
class MyAdvocacy:
    young_person: YoungPerson
    service_name: str | None
    offer: AdvocacyOffer | None
    requests: list[MyRequestRow]

    @property
    def open_request(self) -> AdvocacyRequest | None:
        return next((row.request for row in self.requests if row.request.is_open), None)

    @property
    def open_offer(self) -> AdvocacyOffer | None:
        return self.offer if self.offer is not None and self.offer.status is OfferStatus.open else None

    @property
    def declined_offer(self) -> AdvocacyOffer | None:
        return self.offer if self.offer is not None and self.offer.status is OfferStatus.declined else None


def my_advocacy(user: User) -> MyAdvocacy:
    young_person = own_young_person(user, _WITH_SERVICE)
    offer = _latest_offer(YoungPerson.id == young_person.id)
    rows = db.session.execute(
        select(AdvocacyRequest, _last_opened())
        .options(joinedload(AdvocacyRequest.advocate))
        .where(AdvocacyRequest.young_person_id == young_person.id)
        .order_by(AdvocacyRequest.status == RequestStatus.closed, AdvocacyRequest.created_at.desc())
        .limit(MY_REQUESTS_SHOWN)
    ).all()
    service = young_person.council.advocacy_service
    return MyAdvocacy(
        young_person=young_person,
        service_name=service.name if service else None,
        offer=offer,
        requests=[MyRequestRow(request, _is_news(request, opened)) for request, opened in rows],
    )


def service_name_for(user: User) -> str | None:
    young_person = own_young_person(user, _WITH_SERVICE)
    service = young_person.council.advocacy_service
    return service.name if service else None


def _own_offer(young_person: YoungPerson, offer_id: uuid.UUID) -> AdvocacyOffer:
    offer = db.session.get(AdvocacyOffer, offer_id)
    if offer is None or offer.young_person_id != young_person.id:
        raise NotFound
    return offer


def _set_offer_status(offer_id: uuid.UUID, frm: Iterable[OfferStatus], to: OfferStatus, now: datetime) -> bool:
    """Change an offer's status only if it is still in one of `frm`: whichever answer arrives first wins, and a
    decline racing an accept leaves exactly one state."""
    result = db.session.execute(
        update(AdvocacyOffer)
        .where(AdvocacyOffer.id == offer_id, AdvocacyOffer.status.in_(list(frm)))
        .values(status=to, answered_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def answer_offer(user: User, offer_id: uuid.UUID, answer: str) -> AdvocacyRequest | None:
    """ "no" records no thanks, with no questions. "yes" (also after a no thanks: a change of mind) sends a request
    to the advocacy service now and returns it. Pressing either twice gives the same outcome as once."""
    young_person = own_young_person(user, _WITH_SERVICE)
    offer = _own_offer(young_person, offer_id)
    if answer not in ("yes", "no"):
        raise Refused("offer_answer_unknown", "answer")
    now = clock.now()
    if answer == "no":
        _decline(user, young_person, offer, now)
        return None
    existing = _open_request(young_person.id)
    if existing is not None:
        _set_offer_status(offer.id, [OfferStatus.open, OfferStatus.declined], OfferStatus.accepted, now)
        return existing
    if not _set_offer_status(offer.id, [OfferStatus.open, OfferStatus.declined], OfferStatus.accepted, now):
        raise Refused("offer_closed", "answer")
    db.session.refresh(offer)
    request = _new_request(
        young_person,
        origin=RequestOrigin.offer_accepted,
        service_id=offer.advocacy_service_id,
        start=now,
        clean=_Clean(topic=_topic_for(r.reason for r in offer.reasons)),
    )
    offer.request_id = request.id
    audit.record(
        AuditAction.advocacy_offer_accepted,
        actor=user,
        object_type="advocacy_offer",
        object_id=offer.id,
        young_person_id=young_person.id,
    )
    return request


def _decline(user: User, young_person: YoungPerson, offer: AdvocacyOffer, now: datetime) -> None:
    """The latest answer wins. An open offer is simply declined. If a "yes please" (or the window passing) got
    there first and no advocate has been found yet, the request it made is withdrawn: a young person who says
    "no thanks" is not contacted. Once an advocate is working with them, they say so on the request page."""
    if not _set_offer_status(offer.id, [OfferStatus.open], OfferStatus.declined, now):
        db.session.refresh(offer)
        if offer.status is OfferStatus.declined:
            return
        request = (
            db.session.scalar(select(AdvocacyRequest).where(AdvocacyRequest.id == offer.request_id).with_for_update())
            if offer.request_id
            else None
        )
        if request is not None and request.is_open and request.advocate_id is not None:
            raise Refused("offer_already_accepted", "answer")
        if request is not None and request.is_open:
            request.status = RequestStatus.closed
            request.closed_at = now
            request.closed_by_id = user.id
            request.withdrawn = True
            _audit(AuditAction.advocacy_withdrawn, user, request)
        if not _set_offer_status(offer.id, [OfferStatus.accepted, OfferStatus.passed], OfferStatus.declined, now):
            return
    audit.record(
        AuditAction.advocacy_offer_declined,
        actor=user,
        object_type="advocacy_offer",
        object_id=offer.id,
        young_person_id=young_person.id,
    )


@dataclass(frozen=True)
class RequestDetails:
    """What a young person chose or typed when asking for an advocate, as codes. The service checks every part."""

    topic: str
    wants: str = ""
    ways: frozenset[str] = frozenset()
    phone: str = ""
    good_times: str = ""
    urgent: str = ""


@dataclass(frozen=True)
class _Clean:
    topic: RequestTopic | None = None
    wants: str | None = None
    ways: frozenset[ContactWay] = frozenset({ContactWay.in_orbit})
    phone: str | None = None
    good_times: str | None = None
    urgent: bool = False


def check_details(details: RequestDetails) -> _Clean:
    try:
        topic = RequestTopic(details.topic)
    except ValueError as error:
        raise Refused("advocacy_topic_missing", "topic") from error
    wants = clean_text(details.wants)
    if len(wants) > WANTS_MAX:
        raise Refused("advocacy_wants_too_long", "wants")
    try:
        ways = frozenset(ContactWay(way) for way in details.ways)
    except ValueError as error:
        raise Refused("advocacy_ways_unknown", "ways") from error
    if not ways:
        raise Refused("advocacy_ways_missing", "ways")
    phone = clean_line(details.phone)
    if phone and (len(phone) > PHONE_MAX or not set(phone) <= PHONE_CHARACTERS or sum(c.isdigit() for c in phone) < 6):
        raise Refused("advocacy_phone_invalid", "phone")
    if not phone and ways & {ContactWay.phone_call, ContactWay.text}:
        raise Refused("advocacy_phone_missing", "phone")
    good_times = clean_line(details.good_times)
    if len(good_times) > GOOD_TIMES_MAX:
        raise Refused("advocacy_good_times_too_long", "good_times")
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


def _new_request(
    young_person: YoungPerson,
    *,
    origin: RequestOrigin,
    service_id: uuid.UUID,
    start: datetime,
    clean: _Clean,
    submission_key: uuid.UUID | None = None,
) -> AdvocacyRequest:
    acknowledge_by, allocate_by = _due_times(start, clean.urgent)
    request = AdvocacyRequest(
        young_person_id=young_person.id,
        council_id=young_person.council_id,
        advocacy_service_id=service_id,
        origin=origin,
        topic=clean.topic,
        wants=clean.wants,
        phone=clean.phone,
        good_times=clean.good_times,
        urgent=clean.urgent,
        status=RequestStatus.sent,
        submission_key=submission_key,
        created_at=start,
        acknowledge_due_at=acknowledge_by,
        allocate_due_at=allocate_by,
    )
    request.set_ways(clean.ways)
    try:
        with db.session.begin_nested():
            db.session.add(request)
    except IntegrityError:
        # Two tabs (or a double tap) raced to open a request: there is exactly one, and this is it.
        existing = _open_request(young_person.id)
        if existing is None:
            raise
        return existing
    audit.record(
        AuditAction.advocacy_requested,
        object_type="advocacy_request",
        object_id=request.id,
        young_person_id=young_person.id,
        actor=young_person.user if origin is not RequestOrigin.offer_passed else None,
    )
    _tell_service(service_id, urgent=request.urgent)
    return request


def ask_for_advocate(user: User, details: RequestDetails, submission_key: uuid.UUID) -> AdvocacyRequest:
    """Ask for an advocate any time. Sending the same form twice returns the first request."""
    young_person = own_young_person(user, _WITH_SERVICE)
    service_id = young_person.council.advocacy_service_id
    if service_id is None:
        raise Refused("no_advocacy_service")
    clean = check_details(details)
    same = db.session.scalar(
        select(AdvocacyRequest).where(
            AdvocacyRequest.young_person_id == young_person.id, AdvocacyRequest.submission_key == submission_key
        )
    )
    if same is not None:
        return same
    if _open_request(young_person.id) is not None:
        raise Refused("request_already_open")
    now = clock.now()
    request = _new_request(
        young_person,
        origin=RequestOrigin.asked,
        service_id=service_id,
        start=now,
        clean=clean,
        submission_key=submission_key,
    )
    offer = _open_offer(young_person.id)
    if offer is not None and _set_offer_status(offer.id, [OfferStatus.open], OfferStatus.accepted, now):
        offer.request_id = request.id
    return request


def _own_request(user: User, request_id: uuid.UUID, *, for_update: bool = False) -> AdvocacyRequest:
    if user.role not in YOUNG_PEOPLE:
        raise NotFound
    query = (
        select(AdvocacyRequest)
        .join(YoungPerson, YoungPerson.id == AdvocacyRequest.young_person_id)
        .options(
            joinedload(AdvocacyRequest.advocate),
            joinedload(AdvocacyRequest.young_person),
            joinedload(AdvocacyRequest.council).joinedload(Council.advocacy_service),
        )
        .where(AdvocacyRequest.id == request_id, YoungPerson.user_id == user.id)
    )
    if for_update:
        query = query.with_for_update(of=AdvocacyRequest)
    request = db.session.scalar(query)
    if request is None:
        raise NotFound
    return request


@dataclass(frozen=True)
class RequestPage:
    request: AdvocacyRequest
    messages: list[AdvocacyMessage]
    reasons: list[OfferReason]
    service_name: str | None
    may_message: bool


def _messages(request_id: uuid.UUID) -> list[AdvocacyMessage]:
    return list(
        db.session.scalars(
            select(AdvocacyMessage)
            .options(joinedload(AdvocacyMessage.author))
            .where(AdvocacyMessage.request_id == request_id)
            .order_by(AdvocacyMessage.created_at, AdvocacyMessage.id)
        )
    )


def _reasons(request_id: uuid.UUID) -> list[OfferReason]:
    return list(
        db.session.scalars(
            select(AdvocacyOfferReason.reason)
            .join(AdvocacyOffer, AdvocacyOffer.id == AdvocacyOfferReason.offer_id)
            .where(AdvocacyOffer.request_id == request_id)
            .order_by(AdvocacyOfferReason.at)
        )
    )


def my_request(user: User, request_id: uuid.UUID) -> RequestPage:
    """The young person's own request: where it is up to, their advocate's first name, messages, the outcome.
    Opening it is written down so the "something new" note goes away (the only write)."""
    request = _own_request(user, request_id)
    service = request.council.advocacy_service
    audit.record(
        AuditAction.advocacy_request_opened,
        actor=user,
        object_type="advocacy_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    return RequestPage(
        request=request,
        messages=_messages(request.id),
        reasons=_reasons(request.id),
        service_name=service.name if service else None,
        may_message=can_message_on_advocacy_request(user, request),
    )


def request_for_change(user: User, request_id: uuid.UUID) -> AdvocacyRequest:
    request = _own_request(user, request_id)
    if not request.is_open:
        raise Refused("advocacy_request_closed")
    return request


def change_request(user: User, request_id: uuid.UUID, details: RequestDetails) -> AdvocacyRequest:
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
    request.topic = clean.topic
    request.wants = clean.wants
    request.set_ways(clean.ways)
    request.phone = clean.phone
    request.good_times = clean.good_times
    audit.record(
        AuditAction.advocacy_request_changed,
        actor=user,
        object_type="advocacy_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    _tell_advocate_or_service(request, "A young person has changed their request for an advocate in Orbit.")
    return request


def withdraw(user: User, request_id: uuid.UUID) -> AdvocacyRequest:
    """ "I don't need an advocate now": a change of mind, recorded with no questions. Asking again stays open."""
    request = _own_request(user, request_id, for_update=True)
    if not request.is_open:
        return request
    now = clock.now()
    request.status = RequestStatus.closed
    request.closed_at = now
    request.closed_by_id = user.id
    request.withdrawn = True
    audit.record(
        AuditAction.advocacy_withdrawn,
        actor=user,
        object_type="advocacy_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    # They said they do not need an advocate: the advocate no longer sees their page or what they shared.
    today = clock.today()
    for allocation in _current_advocate_allocations(request.young_person_id, today):
        allocation.ended_on = today
    _tell_advocate_or_service(request, "A young person has said they do not need an advocate now.")
    return request


def _check_message(body: str) -> str:
    words = clean_text(body)
    if not words:
        raise Refused("message_missing", "body")
    if len(words) > MESSAGE_MAX:
        raise Refused("message_too_long", "body")
    return words


def _add_message(
    request: AdvocacyRequest, author: User, body: str, submission_key: uuid.UUID
) -> tuple[AdvocacyMessage, bool]:
    """(the message, whether it is new). The same form sent twice makes one message."""
    same = db.session.scalar(
        select(AdvocacyMessage).where(
            AdvocacyMessage.request_id == request.id, AdvocacyMessage.submission_key == submission_key
        )
    )
    if same is not None:
        return same, False
    message = AdvocacyMessage(
        request_id=request.id,
        author_id=author.id,
        from_young_person=author.role in YOUNG_PEOPLE,
        body=body,
        submission_key=submission_key,
        created_at=clock.now(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(message)
    except IntegrityError:
        same = db.session.scalar(
            select(AdvocacyMessage).where(
                AdvocacyMessage.request_id == request.id, AdvocacyMessage.submission_key == submission_key
            )
        )
        if same is None:
            raise
        return same, False
    audit.record(
        AuditAction.advocacy_message_sent,
        actor=author,
        object_type="advocacy_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    return message, True


def send_young_person_message(
    user: User, request_id: uuid.UUID, body: str, submission_key: uuid.UUID
) -> AdvocacyMessage:
    request = _own_request(user, request_id)
    if not can_message_on_advocacy_request(user, request):
        raise Refused("advocacy_request_closed", "body")
    message, new = _add_message(request, user, _check_message(body), submission_key)
    if new:
        _tell_advocate_or_service(request, "A young person has sent a message in Orbit.")
    return message


# Telling people (never names or content) ----------------------------------------------------------------


def _base_url() -> str:
    return current_app.config["ORBIT_SETTINGS"].base_url.rstrip("/")


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


def _tell_service(service_id: uuid.UUID, *, urgent: bool) -> None:
    """Managers hear of every new piece of work; every advocate hears of urgent ones."""
    roles = ADVOCACY if urgent else {Role.advocacy_manager}
    subject = "Orbit: urgent advocacy request" if urgent else "Orbit: new advocacy work"
    body = (
        "A young person needs an advocate within 4 hours. Sign in to the queue now: "
        if urgent
        else "There is new work in your advocacy queue in Orbit. Sign in to see it: "
    )
    for member in _service_staff(service_id, roles):
        queue_to_address(member.email or "", subject, body + f"{_base_url()}/advocate/", member)


def _tell_advocate_or_service(request: AdvocacyRequest, line: str) -> None:
    link = f"{_base_url()}/advocate/requests/{request.id}"
    if request.advocate is not None and request.advocate.email and request.advocate.is_active:
        queue_to_address(request.advocate.email, "Orbit: something new", f"{line} Sign in to see it: {link}")
        return
    for manager in _service_staff(request.advocacy_service_id, {Role.advocacy_manager}):
        queue_to_address(manager.email or "", "Orbit: something new", f"{line} Sign in to see it: {link}", manager)


def _tell_young_person(request: AdvocacyRequest) -> None:
    request.young_person_news_at = clock.now()
    young_person = request.young_person
    if young_person.user_id is not None:
        user = db.session.get(User, young_person.user_id)
        if user is not None:
            queue_to_young_person(user)


# The advocacy service ---------------------------------------------------------------------------------


def _require_advocacy(user: User) -> uuid.UUID:
    if user.role not in ADVOCACY or user.advocacy_service_id is None:
        raise NotFound
    return user.advocacy_service_id


def _next_due():
    return case(
        (AdvocacyRequest.acknowledged_at.is_(None), AdvocacyRequest.acknowledge_due_at),
        (AdvocacyRequest.allocated_at.is_(None), AdvocacyRequest.allocate_due_at),
        else_=None,
    )


@dataclass(frozen=True)
class QueueRow:
    request: AdvocacyRequest
    acknowledge: ClockState
    allocate: ClockState

    @property
    def overdue(self) -> bool:
        return self.acknowledge.overdue or self.allocate.overdue


@dataclass(frozen=True)
class AdvocateQueue:
    rows: list[QueueRow]
    total: int
    overdue: int
    waiting: int  # no advocate yet
    manager: bool
    now: datetime
    page: int = 1
    pages: int = 1


# Only what a queue row shows: 50 rows of whole requests, young people and advocates were most of the page's time.
# Anything else a row touched would raise rather than quietly cost a query per row.
_QUEUE_COLUMNS = (
    load_only(
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
        AdvocacyRequest.advocate_id,
        raiseload=True,
    ),
    joinedload(AdvocacyRequest.young_person).load_only(YoungPerson.first_name, YoungPerson.last_name, raiseload=True),
    joinedload(AdvocacyRequest.council).load_only(Council.name, raiseload=True),
    joinedload(AdvocacyRequest.advocate).load_only(User.first_name, User.last_name, raiseload=True),
)


def queue(user: User, page: int = 1) -> AdvocateQueue:
    """Open work, what is due first at the top: requests and passed offers not acknowledged, then not allocated,
    then those with an advocate, a page at a time. An advocate sees work without an advocate and their own;
    managers see it all."""
    _require_advocacy(user)
    now = clock.now()
    open_work = and_(advocacy_request_scope(user), AdvocacyRequest.status != RequestStatus.closed)
    overdue = or_(
        and_(AdvocacyRequest.acknowledged_at.is_(None), AdvocacyRequest.acknowledge_due_at <= now),
        and_(AdvocacyRequest.allocated_at.is_(None), AdvocacyRequest.allocate_due_at <= now),
    )
    total, overdue_count, waiting = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((overdue, 1), else_=0)), 0),
            func.coalesce(func.sum(case((AdvocacyRequest.advocate_id.is_(None), 1), else_=0)), 0),
        ).where(open_work)
    ).one()
    pages = max(1, -(-(total or 0) // QUEUE_PAGE))
    page = min(max(page, 1), pages)
    next_due = _next_due()
    requests = db.session.scalars(
        select(AdvocacyRequest)
        .options(*_QUEUE_COLUMNS)
        .where(open_work)
        .order_by(next_due.is_(None), next_due, AdvocacyRequest.created_at, AdvocacyRequest.id)
        .limit(QUEUE_PAGE)
        .offset((page - 1) * QUEUE_PAGE)
    )
    rows = [QueueRow(r, acknowledge_clock(r, now), allocate_clock(r, now)) for r in requests]
    audit.record(AuditAction.advocacy_queue_viewed, actor=user, object_type="advocacy_queue")
    return AdvocateQueue(
        rows=rows,
        total=total or 0,
        overdue=int(overdue_count or 0),
        waiting=int(waiting or 0),
        manager=user.role is Role.advocacy_manager,
        now=now,
        page=page,
        pages=pages,
    )


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


def _audit(action: AuditAction, user: User, request: AdvocacyRequest) -> None:
    audit.record(
        action,
        actor=user,
        object_type="advocacy_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )


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
                )
                .order_by(User.first_name, User.last_name)
            )
        )
        if is_manager
        else []
    )
    _audit(AuditAction.advocacy_request_viewed, user, request)
    return StaffRequestPage(
        request=request,
        age=clock.age_on(request.young_person.date_of_birth, clock.today()),
        acknowledge=acknowledge_clock(request, now),
        allocate=allocate_clock(request, now),
        messages=_messages(request.id),
        reasons=_reasons(request.id),
        advocates=advocates,
        may_message=can_message_on_advocacy_request(user, request),
        is_manager=is_manager,
    )


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


def _current_advocate_allocations(young_person_id: uuid.UUID, today: date) -> list[Allocation]:
    return list(
        db.session.scalars(
            select(Allocation)
            .where(
                Allocation.young_person_id == young_person_id,
                Allocation.kind == AllocationKind.advocate,
                current_allocation_clause(today),
            )
            .with_for_update()
        )
    )


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
    audit.record(
        AuditAction.allocation_changed,
        actor=actor,
        object_type="young_person",
        object_id=request.young_person_id,
        young_person_id=request.young_person_id,
    )


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
            f"{_base_url()}/advocate/requests/{request.id}",
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
    words = clean_text(outcome)
    if not words:
        raise Refused("advocacy_outcome_missing", "outcome")
    if len(words) > OUTCOME_MAX:
        raise Refused("advocacy_outcome_too_long", "outcome")
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


# Figures for the service's reports ----------------------------------------------------------------------


@dataclass(frozen=True)
class Durations:
    count: int
    median: timedelta | None
    slowest: timedelta | None

    @classmethod
    def of(cls, values: list[timedelta]) -> Durations:
        if not values:
            return cls(0, None, None)
        seconds = [v.total_seconds() for v in values]
        return cls(len(values), timedelta(seconds=statistics.median(seconds)), max(values))


@dataclass(frozen=True)
class Figures:
    months: int
    since: datetime
    requests: int
    by_topic: list[tuple[RequestTopic | None, int]]
    by_origin: dict[RequestOrigin, int]
    urgent: int
    acknowledge: Durations
    allocate: Durations
    offers: dict[OfferStatus, int] = field(default_factory=dict)

    @property
    def offers_made(self) -> int:
        return sum(self.offers.values())


def figures(user: User, months: int = 12) -> Figures:
    """The service's figures over the last `months` months, for the reports the Children's Commissioner asks
    for: requests by topic, time to acknowledge and to allocate (median and slowest), and offers declined."""
    if not can_see_advocacy_figures(user):
        raise NotFound
    if months not in FIGURE_PERIODS:
        months = 12
    service_id = user.advocacy_service_id
    since = clock.start_of_day(clock.today() - timedelta(days=round(months * 30.44)))
    in_period = and_(AdvocacyRequest.advocacy_service_id == service_id, AdvocacyRequest.created_at >= since)
    counts = db.session.execute(
        select(AdvocacyRequest.topic, AdvocacyRequest.origin, AdvocacyRequest.urgent, func.count())
        .where(in_period)
        .group_by(AdvocacyRequest.topic, AdvocacyRequest.origin, AdvocacyRequest.urgent)
    ).all()
    by_topic: Counter[RequestTopic | None] = Counter()
    by_origin: Counter[RequestOrigin] = Counter()
    urgent = 0
    for topic, origin, is_urgent, n in counts:
        by_topic[topic] += n
        by_origin[origin] += n
        urgent += n if is_urgent else 0
    clocks = db.session.execute(
        select(AdvocacyRequest.created_at, AdvocacyRequest.acknowledged_at, AdvocacyRequest.allocated_at).where(
            in_period, or_(AdvocacyRequest.acknowledged_at.is_not(None), AdvocacyRequest.allocated_at.is_not(None))
        )
    ).all()
    offers = db.session.execute(
        select(AdvocacyOffer.status, func.count())
        .where(AdvocacyOffer.advocacy_service_id == service_id, AdvocacyOffer.created_at >= since)
        .group_by(AdvocacyOffer.status)
    ).all()
    audit.record(AuditAction.advocacy_figures_viewed, actor=user, object_type="advocacy_service", object_id=service_id)
    order = {topic: index for index, topic in enumerate(RequestTopic)}
    return Figures(
        months=months,
        since=since,
        requests=sum(by_topic.values()),
        by_topic=sorted(by_topic.items(), key=lambda item: (item[0] is None, order.get(item[0], 0))),
        by_origin=dict(by_origin),
        urgent=urgent,
        acknowledge=Durations.of([ack - made for made, ack, _ in clocks if ack is not None]),
        allocate=Durations.of([alloc - made for made, _, alloc in clocks if alloc is not None]),
        offers={status: int(n) for status, n in offers},
    )


# What council staff may know ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdvocacySummary:
    involved: bool
    will_attend_review: bool


def summary_for_staff(user: User, young_person_id: uuid.UUID) -> AdvocacySummary | None:
    """Whether an advocate is involved and whether they will attend the review: nothing else, ever (no topic,
    no messages, no offers or "no thanks"). One query, which also checks the viewer may see this young person."""
    if user.role in YOUNG_PEOPLE or not advocacy_summary_visible(user):
        return None
    today = clock.today()
    visible = exists().where(YoungPerson.id == young_person_id, young_person_scope(user, today))
    open_request = and_(
        AdvocacyRequest.young_person_id == young_person_id, AdvocacyRequest.status != RequestStatus.closed
    )
    allocated = exists().where(open_request, AdvocacyRequest.advocate_id.is_not(None))
    current_advocate = exists().where(
        Allocation.young_person_id == young_person_id,
        Allocation.kind == AllocationKind.advocate,
        current_allocation_clause(today),
    )
    attending = exists().where(open_request, AdvocacyRequest.will_attend_review.is_(True))
    may_see, involved_request, involved_allocation, will_attend = db.session.execute(
        select(visible, allocated, current_advocate, attending)
    ).one()
    if not may_see:
        raise NotFound
    return AdvocacySummary(involved=bool(involved_request or involved_allocation), will_attend_review=bool(will_attend))


# Scheduled work, run by flask tick -------------------------------------------------------------------------


def pass_due_offers(limit: int = 200) -> int:
    """Offers whose window passed without "no thanks" become contact work in the service's queue. Idempotent:
    an offer is passed once; locked rows are skipped by other machines."""
    now = clock.now()
    due = list(
        db.session.scalars(
            select(AdvocacyOffer)
            .where(AdvocacyOffer.status == OfferStatus.open, AdvocacyOffer.due_at <= now)
            .order_by(AdvocacyOffer.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for offer in due:
        young_person = db.session.get(YoungPerson, offer.young_person_id)
        assert young_person is not None
        request = _open_request(young_person.id) or _new_request(
            young_person,
            origin=RequestOrigin.offer_passed,
            service_id=offer.advocacy_service_id,
            start=offer.due_at,
            clean=_Clean(topic=_topic_for(r.reason for r in offer.reasons)),
        )
        offer.status = OfferStatus.passed
        offer.request_id = request.id
        audit.record(
            AuditAction.advocacy_offer_passed,
            object_type="advocacy_offer",
            object_id=offer.id,
            young_person_id=offer.young_person_id,
        )
    return len(due)


def flag_overdue(limit: int = 500) -> int:
    """Mark each clock that ran out, once, and tell the service's managers (one message per service)."""
    now = clock.now()
    flagged = 0
    services: set[uuid.UUID] = set()
    for due_column, done_column, flag_column in (
        ("acknowledge_due_at", "acknowledged_at", "acknowledge_overdue_at"),
        ("allocate_due_at", "allocated_at", "allocate_overdue_at"),
    ):
        late = list(
            db.session.scalars(
                select(AdvocacyRequest)
                .where(
                    getattr(AdvocacyRequest, done_column).is_(None),
                    getattr(AdvocacyRequest, flag_column).is_(None),
                    getattr(AdvocacyRequest, due_column) <= now,
                    AdvocacyRequest.status != RequestStatus.closed,
                )
                .order_by(getattr(AdvocacyRequest, due_column))
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        for request in late:
            setattr(request, flag_column, now)
            services.add(request.advocacy_service_id)
            audit.record(
                AuditAction.advocacy_overdue,
                object_type="advocacy_request",
                object_id=request.id,
                young_person_id=request.young_person_id,
            )
        flagged += len(late)
    for service_id in services:
        for manager in _service_staff(service_id, {Role.advocacy_manager}):
            queue_to_address(
                manager.email or "",
                "Orbit: advocacy work is overdue",
                f"Some advocacy work in Orbit is past its time to acknowledge or allocate. Sign in to see it: "
                f"{_base_url()}/advocate/",
                manager,
            )
    return flagged


def run_due() -> tuple[int, int]:
    """(offers that became contact work, clocks newly overdue)."""
    return pass_due_offers(), flag_overdue()
