"""Leaving care for the young person's workers: what they see, trusted adults and the Staying Close arrangement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app import clock
from app.access import (
    can_support,
    has_personal_adviser,
)
from app.extensions import db
from app.models import (
    Allocation,
    ArrangementHome,
    AuditAction,
    CheckIn,
    StayingCloseArrangement,
    SupportRequest,
    TrustedAdult,
    TrustedAdultStatus,
    User,
    YoungPerson,
)
from app.models.leaving_care import (
    ARRANGEMENT_SUPPORT_MAX,
    KEY_CONTACT_MAX,
    TRUSTED_ADULT_NOTE_MAX,
)
from app.services import audit
from app.services._common import choice, typed_line, typed_text
from app.services.errors import Refused
from app.services.leaving_care._core import (
    _arrangement,
    _check_ins,
    _current_trusted_adult,
    _requests_of,
    _require_practitioner,
)
from app.services.leaving_care.rules import ARRANGEMENT_REVIEW_MAX_DAYS, QUEUE_PAGE_SIZE, is_care_leaver
from app.services.people import young_person_for_staff


@dataclass(frozen=True)
class StaffLeavingCare:
    young_person: YoungPerson
    age: int
    care_leaver: bool
    requests: list[SupportRequest]
    trusted_adult: TrustedAdult | None
    arrangement: StayingCloseArrangement | None
    check_ins: list[CheckIn]
    has_adviser: bool


def _young_person_for_support(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, list[Allocation]]:
    _require_practitioner(user)
    return young_person_for_staff(user, young_person_id, can_support)


def leaving_care_for_staff(user: User, young_person_id: uuid.UUID) -> StaffLeavingCare:
    """A young person's requests, trusted adult, arrangement and check-ins, for their social worker or personal
    adviser. Never their checklist answers: those are theirs alone. The look is audited."""
    young_person, allocations = _young_person_for_support(user, young_person_id)
    today = clock.today()
    audit.record_young_person(AuditAction.leaving_care_viewed, user, young_person.id, "young_person")
    return StaffLeavingCare(
        young_person=young_person,
        age=clock.age_on(young_person.date_of_birth, today),
        care_leaver=is_care_leaver(young_person, today),
        requests=_requests_of(young_person.id, limit=QUEUE_PAGE_SIZE),
        trusted_adult=_current_trusted_adult(young_person.id),
        arrangement=_arrangement(young_person.id),
        check_ins=_check_ins(young_person.id),
        has_adviser=has_personal_adviser(allocations, today),
    )


def set_trusted_adult_status(
    user: User, young_person_id: uuid.UUID, trusted_adult_id: uuid.UUID | None, status: str, note: str
) -> TrustedAdult:
    """Record whether the trusted adult has been arranged, with words the young person reads."""
    young_person, _allocations = _young_person_for_support(user, young_person_id)
    current = _current_trusted_adult(young_person.id)
    if current is None or (trusted_adult_id is not None and current.id != trusted_adult_id):
        raise Refused("trusted_adult_changed")
    chosen = choice(TrustedAdultStatus, status, "trusted_adult_status_missing", "status")
    text = typed_text(note, "note", most=TRUSTED_ADULT_NOTE_MAX, too_long="trusted_adult_note_too_long")
    current.status = chosen
    current.note = text or None
    current.status_by_id = user.id
    current.status_at = clock.now()
    audit.record_about(AuditAction.trusted_adult_status_set, user, "trusted_adult", current)
    return current


@dataclass(frozen=True)
class ArrangementDetails:
    key_contact: str
    home: str
    support: str
    review_on: date | None


def arrangement_for_staff(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, StayingCloseArrangement | None]:
    young_person, _allocations = _young_person_for_support(user, young_person_id)
    return young_person, _arrangement(young_person.id)


def save_arrangement(
    user: User, young_person_id: uuid.UUID, version: int | None, details: ArrangementDetails
) -> StayingCloseArrangement:
    """Record or change the Staying Close arrangement: key contact, kind of place (never an address), what support,
    and when it is looked at again. A form opened before someone else's change is refused ("stale")."""
    young_person, _allocations = _young_person_for_support(user, young_person_id)
    arrangement = db.session.scalar(
        select(StayingCloseArrangement)
        .where(StayingCloseArrangement.young_person_id == young_person.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if arrangement is not None and version != arrangement.version:
        raise Refused("stale", "version")
    key_contact = typed_line(
        details.key_contact,
        "key_contact",
        most=KEY_CONTACT_MAX,
        too_long="key_contact_too_long",
        missing="key_contact_missing",
    )
    home = choice(ArrangementHome, details.home, "arrangement_home_missing", "home")
    support = typed_text(
        details.support,
        "support",
        most=ARRANGEMENT_SUPPORT_MAX,
        too_long="words_too_long",
        missing="arrangement_support_missing",
    )
    today = clock.today()
    if details.review_on is None:
        raise Refused("review_on_missing", "review_on")
    if details.review_on < today or (details.review_on - today).days > ARRANGEMENT_REVIEW_MAX_DAYS:
        raise Refused("review_on_range", "review_on")
    now = clock.now()
    if arrangement is None:
        arrangement = StayingCloseArrangement(young_person_id=young_person.id, version=1, created_at=now)
        db.session.add(arrangement)
    else:
        arrangement.version += 1
    arrangement.key_contact = key_contact
    arrangement.home = home
    arrangement.support = support
    arrangement.review_on = details.review_on
    arrangement.updated_at = now
    arrangement.updated_by_id = user.id
    db.session.flush()
    audit.record_about(AuditAction.arrangement_saved, user, "staying_close_arrangement", arrangement)
    return arrangement
