"""Advocacy's scheduled work, run by `flask tick`: offers that pass become contact work (its clocks: work.py)."""

from __future__ import annotations

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyOffer,
    AuditAction,
    OfferStatus,
    RequestOrigin,
    YoungPerson,
)
from app.services import audit
from app.services.advocacy._core import _Clean, _new_request, _open_request
from app.services.advocacy.rules import _topic_for


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
        audit.record_about(AuditAction.advocacy_offer_passed, None, "advocacy_offer", offer)
    return len(due)
