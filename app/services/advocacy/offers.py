"""Advocacy offers: made by any feature at a moment that matters, shown to the young person, answered or let pass."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    can_offer_advocacy,
)
from app.extensions import db
from app.models import (
    AdvocacyOffer,
    AdvocacyOfferReason,
    AdvocacyRequest,
    Allocation,
    AuditAction,
    AuditEvent,
    Council,
    OfferReason,
    OfferStatus,
    RequestOrigin,
    RequestStatus,
    User,
    YoungPerson,
)
from app.roles import YOUNG_PEOPLE, Role
from app.services import audit
from app.services._common import add_once, one_by_id
from app.services.advocacy._core import (
    _WITH_SERVICE,
    _audit,
    _Clean,
    _new_request,
    _open_offer,
    _open_request,
    _set_offer_status,
    advocate_for_request,
    advocate_now,
)
from app.services.advocacy.rules import MY_REQUESTS_SHOWN, RECENTLY_CLOSED_DAYS, _topic_for, offer_due
from app.services.errors import NotFound, Refused
from app.services.ownership import own_young_person


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
        new_offer = AdvocacyOffer(
            young_person_id=young_person.id,
            advocacy_service_id=council.advocacy_service_id,
            status=OfferStatus.open,
            created_at=now,
            due_at=offer_due(now),
        )
        # Another moment made the offer at the same time: this reason is added to that one.
        offer, _ = add_once(new_offer, lambda: _open_offer(young_person.id))
    if reason not in {r.reason for r in offer.reasons}:
        offer.reasons.append(
            AdvocacyOfferReason(reason=reason, at=now, made_by_id=made_by.id if made_by is not None else None)
        )
        audit.record_about(AuditAction.advocacy_offer_made, made_by, "advocacy_offer", offer)
    db.session.flush()
    return offer


def _young_person_for_practitioner(user: User, young_person_id: uuid.UUID) -> YoungPerson:
    if user.role is not Role.practitioner:
        raise NotFound
    young_person = one_by_id(YoungPerson, young_person_id, joinedload(YoungPerson.council))
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


class _ShowsOffer:
    """An open offer is asked about; a declined one is shown as "no thanks". When the young person already has an
    advocate, the open offer says that it is their advocate, by first name, who will get in touch."""

    offer: AdvocacyOffer | None
    offer_advocate: User | None

    @property
    def open_offer(self) -> AdvocacyOffer | None:
        return self.offer if self.offer is not None and self.offer.status is OfferStatus.open else None

    @property
    def declined_offer(self) -> AdvocacyOffer | None:
        return self.offer if self.offer is not None and self.offer.status is OfferStatus.declined else None


@dataclass(frozen=True)
class AdvocacyPanel(_ShowsOffer):
    """What the young person's home shows: an open offer (or that they said no thanks), their request, news."""

    offer: AdvocacyOffer | None
    request: AdvocacyRequest | None
    has_news: bool
    offer_advocate: User | None = None
    request_advocate: User | None = None  # who will get in touch while the service finds an advocate


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


def _advocate_for(offer: AdvocacyOffer | None, known: Mapping[uuid.UUID, User | None] | None = None) -> User | None:
    """Who will get in touch about an open offer: the young person's advocate now at the offer's service, or None
    (the service finds one). `known`: advocates already asked for, by service, so not asked for again. Most young
    people have no open offer: then nothing is asked."""
    if offer is None or offer.status is not OfferStatus.open:
        return None
    if known is not None and offer.advocacy_service_id in known:
        return known[offer.advocacy_service_id]
    return advocate_now(offer.young_person_id, offer.advocacy_service_id)


def home_panel(user: User) -> AdvocacyPanel:
    """Two queries: the latest open or declined offer, and the open (or lately closed) request with its news; a
    third, who will get in touch, only while an offer is open or a request the service has seen waits."""
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
    return AdvocacyPanel(
        offer=offer,
        request=request,
        has_news=request is not None and _is_news(request, last_opened),
        offer_advocate=_advocate_for(offer),
        request_advocate=advocate_for_request(request),
    )


@dataclass(frozen=True)
class MyRequestRow:
    request: AdvocacyRequest
    has_news: bool


@dataclass(frozen=True)
class MyAdvocacy(_ShowsOffer):
    young_person: YoungPerson
    service_name: str | None
    offer: AdvocacyOffer | None
    requests: list[MyRequestRow]
    offer_advocate: User | None = None
    # Their advocate now at their council's service ("Who's who" names them), whether or not an offer is open.
    advocate: User | None = None
    request_advocate: User | None = None  # who will get in touch about the open request (advocate_for_request)

    @property
    def open_request(self) -> AdvocacyRequest | None:
        return next((row.request for row in self.requests if row.request.is_open), None)


def my_advocacy(user: User) -> MyAdvocacy:
    """The young person's advocacy page: their service, their advocate now (asked for here, never on the home page),
    the latest open or declined offer, and their requests. The advocate is asked for once, whether or not an offer is
    open, and is the one the offer names when the offer is their council's service's."""
    young_person = own_young_person(user, _WITH_SERVICE)
    service = young_person.council.advocacy_service
    advocate = advocate_now(young_person.id, service.id) if service else None
    known = {service.id: advocate} if service else None
    offer = _latest_offer(YoungPerson.id == young_person.id)
    rows = db.session.execute(
        select(AdvocacyRequest, _last_opened())
        .options(joinedload(AdvocacyRequest.advocate))
        .where(AdvocacyRequest.young_person_id == young_person.id)
        .order_by(AdvocacyRequest.status == RequestStatus.closed, AdvocacyRequest.created_at.desc())
        .limit(MY_REQUESTS_SHOWN)
    ).all()
    return MyAdvocacy(
        young_person=young_person,
        service_name=service.name if service else None,
        offer=offer,
        requests=[MyRequestRow(request, _is_news(request, opened)) for request, opened in rows],
        offer_advocate=_advocate_for(offer, known),
        advocate=advocate,
        request_advocate=advocate_for_request(next((r for r, _opened in rows if r.is_open), None), known),
    )


@dataclass(frozen=True)
class AskingFor:
    """Where a new request goes: their council's service (None: not named in Orbit yet), and their advocate there now,
    who hears of it too."""

    service_name: str | None
    advocate: User | None


def asking_for(user: User) -> AskingFor:
    young_person = own_young_person(user, _WITH_SERVICE)
    service = young_person.council.advocacy_service
    if service is None:
        return AskingFor(None, None)
    return AskingFor(service.name, advocate_now(young_person.id, service.id))


def service_name_for(user: User) -> str | None:
    young_person = own_young_person(user, _WITH_SERVICE)
    service = young_person.council.advocacy_service
    return service.name if service else None


def _own_offer(young_person: YoungPerson, offer_id: uuid.UUID) -> AdvocacyOffer:
    offer = db.session.get(AdvocacyOffer, offer_id)
    if offer is None or offer.young_person_id != young_person.id:
        raise NotFound
    return offer


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
    audit.record_about(AuditAction.advocacy_offer_accepted, user, "advocacy_offer", offer)
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
    audit.record_about(AuditAction.advocacy_offer_declined, user, "advocacy_offer", offer)
