"""Legal holds: the council admin stops deletion for one young person, with a reason, until they lift it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AuditAction, LegalHold, User, YoungPerson
from app.roles import Role
from app.services import audit
from app.services._common import checked_words, young_persons_rows
from app.services.admin import young_person_for_admin
from app.services.errors import NotFound, Refused

REASON_MAX = 500


@dataclass(frozen=True)
class HoldPage:
    young_person: YoungPerson
    current: LegalHold | None
    past: list[LegalHold]


def _require_council_admin(actor: User) -> None:
    if actor.role is not Role.council_admin:
        raise NotFound


def _holds(young_person_id: uuid.UUID) -> list[LegalHold]:
    return young_persons_rows(LegalHold, young_person_id, LegalHold.set_by, LegalHold.created_at.desc(), LegalHold.id)


def _current_hold(young_person_id: uuid.UUID) -> LegalHold | None:
    """The hold not yet lifted, locked: setting and lifting one at once from two tabs leaves one answer."""
    return db.session.scalar(
        select(LegalHold)
        .where(LegalHold.young_person_id == young_person_id, LegalHold.lifted_at.is_(None))
        .with_for_update()
    )


def hold_page(actor: User, young_person_id: uuid.UUID) -> HoldPage:
    _require_council_admin(actor)
    young_person = young_person_for_admin(actor, young_person_id)
    holds = _holds(young_person.id)
    current = next((hold for hold in holds if hold.lifted_at is None), None)
    audit.record_young_person(AuditAction.legal_holds_viewed, actor, young_person.id, "legal_hold")
    return HoldPage(young_person, current, [hold for hold in holds if hold is not current])


def set_hold(actor: User, young_person_id: uuid.UUID, reason: str) -> LegalHold:
    """Keep everything of this young person's until the hold is lifted. A hold without a reason is refused."""
    _require_council_admin(actor)
    young_person = young_person_for_admin(actor, young_person_id)
    reason = checked_words(
        reason.strip(), "reason", most=REASON_MAX, too_long="reason_too_long", missing="reason_missing"
    )
    existing = _current_hold(young_person.id)
    if existing is not None:
        raise Refused("already_held")
    hold = LegalHold(young_person_id=young_person.id, reason=reason, set_by_id=actor.id, created_at=clock.now())
    db.session.add(hold)
    db.session.flush()
    audit.record_about(AuditAction.legal_hold_set, actor, "legal_hold", hold)
    return hold


def lift_hold(actor: User, young_person_id: uuid.UUID) -> LegalHold:
    _require_council_admin(actor)
    young_person = young_person_for_admin(actor, young_person_id)
    hold = _current_hold(young_person.id)
    if hold is None:
        raise NotFound
    hold.lifted_at = clock.now()
    hold.lifted_by_id = actor.id
    audit.record_about(AuditAction.legal_hold_lifted, actor, "legal_hold", hold)
    return hold
