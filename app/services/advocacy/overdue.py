"""Advocacy's scheduled work, run by `flask tick`: offers that pass, clocks that become overdue."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyOffer,
    AdvocacyRequest,
    AuditAction,
    OfferStatus,
    RequestOrigin,
    RequestStatus,
    YoungPerson,
)
from app.roles import Role
from app.services import audit
from app.services.advocacy._core import _base_url, _Clean, _new_request, _open_request, _service_staff
from app.services.advocacy.rules import _topic_for
from app.services.notifications import queue_to_address


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
