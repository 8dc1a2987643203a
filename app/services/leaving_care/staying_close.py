"""Staying Close as the young person sees it: the arrangement, a trusted adult and check-ins."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import (
    AuditAction,
    CheckIn,
    CheckInFeeling,
    PersonWhoMatters,
    StayingCloseArrangement,
    SupportRequest,
    TrustedAdult,
    TrustedAdultStatus,
    User,
)
from app.models.leaving_care import (
    CHECK_IN_WORDS_MAX,
)
from app.services import audit
from app.services._common import choice, typed_text
from app.services.errors import Refused
from app.services.leaving_care._core import Me, _arrangement, _check_ins, _current_trusted_adult, _me, _requests_of
from app.services.leaving_care.rules import NOT_A_TRUSTED_ADULT, StayingCloseFit
from app.services.ownership import own_young_person


@dataclass(frozen=True)
class StayingClosePage:
    me: Me
    requests: list[SupportRequest]
    trusted_adult: TrustedAdult | None
    arrangement: StayingCloseArrangement | None
    check_ins: list[CheckIn]

    @property
    def fit(self) -> StayingCloseFit:
        return self.me.staying_close


def staying_close_page(user: User) -> StayingClosePage:
    me, _allocations = _me(user)
    young_person_id = me.young_person.id
    return StayingClosePage(
        me=me,
        requests=_requests_of(young_person_id),
        trusted_adult=_current_trusted_adult(young_person_id),
        arrangement=_arrangement(young_person_id),
        check_ins=_check_ins(young_person_id, limit=3),
    )


@dataclass(frozen=True)
class TrustedAdultChoice:
    me: Me
    current: TrustedAdult | None
    people: list[PersonWhoMatters]


def _candidates(young_person_id: uuid.UUID) -> list[PersonWhoMatters]:
    people = db.session.scalars(
        select(PersonWhoMatters).where(
            PersonWhoMatters.young_person_id == young_person_id,
            PersonWhoMatters.ended_at.is_(None),
            PersonWhoMatters.relationship_kind.not_in(NOT_A_TRUSTED_ADULT),
        )
    )
    return sorted(people, key=lambda p: (p.name.casefold(), p.id))


def trusted_adult_choice(user: User) -> TrustedAdultChoice:
    me, _allocations = _me(user)
    return TrustedAdultChoice(me, _current_trusted_adult(me.young_person.id), _candidates(me.young_person.id))


def choose_trusted_adult(user: User, person_code: str) -> TrustedAdult | None:
    """Choose someone from their people who matter ("" or "none" for no one). The last choice is ended, not lost."""
    young_person = own_young_person(user)
    current = _current_trusted_adult(young_person.id)
    if not person_code:
        raise Refused("trusted_adult_missing", "person")
    if person_code == "none":
        if current is not None:
            current.ended_at = clock.now()
            audit.record_about(AuditAction.trusted_adult_ended, user, "trusted_adult", current)
        return None
    try:
        person_id = uuid.UUID(person_code)
    except ValueError as error:
        raise Refused("trusted_adult_missing", "person") from error
    person = db.session.get(PersonWhoMatters, person_id)
    if (
        person is None
        or person.young_person_id != young_person.id
        or person.ended_at is not None
        or person.relationship_kind in NOT_A_TRUSTED_ADULT
    ):
        raise Refused("trusted_adult_missing", "person")
    if current is not None and current.person_id == person.id:
        return current
    now = clock.now()
    if current is not None:
        current.ended_at = now
    chosen = TrustedAdult(
        young_person_id=young_person.id, person_id=person.id, chosen_at=now, status=TrustedAdultStatus.waiting
    )
    db.session.add(chosen)
    db.session.flush()
    audit.record_about(AuditAction.trusted_adult_chosen, user, "trusted_adult", chosen)
    return chosen


def check_in(user: User, feeling: str, words: str) -> CheckIn:
    """ "How are things?" — good, OK or not good, with optional words. Their personal adviser sees it."""
    young_person = own_young_person(user)
    chosen = choice(CheckInFeeling, feeling, "check_in_feeling_missing", "feeling")
    text = typed_text(words, "words", most=CHECK_IN_WORDS_MAX, too_long="check_in_words_too_long")
    entry = CheckIn(young_person_id=young_person.id, feeling=chosen, words=text or None, created_at=clock.now())
    db.session.add(entry)
    db.session.flush()
    audit.record_about(AuditAction.check_in_sent, user, "check_in", entry)
    return entry


def my_check_ins(user: User) -> tuple[Me, list[CheckIn]]:
    me, _allocations = _me(user)
    return me, _check_ins(me.young_person.id)
