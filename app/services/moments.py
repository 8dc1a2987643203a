"""The moments of "Being heard" that bring an advocate, each through `advocacy.offer_advocacy(young_person,
OfferReason.<reason>)`, each switched on or off in [tool.orbit] (`advocacy_moments`), each firing once and only
once: the moment is written down (young person, reason, key) under a unique constraint before the offer is made,
so a double submit, a retried request or two `flask tick`s on two machines make one offer.

- complaint_made: a young person makes a complaint (the council's duty to help, Children Act 1989 s26A);
- review_disagreed: "I don't agree" with something decided at their review (once per decision);
- immigration_changed: their practitioner records a claim, a decision, an appeal, or that they turned 18 with a
  claim undecided (once per recorded change; `flask tick` also notices 18 with a claim or appeal undecided);
- turned_16: their 16th birthday, when pathway planning starts (`flask tick`);
- turning_18_soon: `advocacy_months_before_18` months before the 18th birthday (`flask tick`).
Nothing here commits: the request (or tick) does, once.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, exists, select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.access import can_offer_advocacy
from app.extensions import db
from app.models import Allocation, AuditAction, OfferReason, User, YoungPerson
from app.models.complaints import AdvocacyMoment, ImmigrationChange, ImmigrationEvent
from app.roles import Role
from app.services import advocacy, audit
from app.services._common import choice
from app.services.errors import NotFound, Refused

MOMENT_REASONS = frozenset(
    {
        OfferReason.complaint_made,
        OfferReason.review_disagreed,
        OfferReason.immigration_changed,
        OfferReason.turned_16,
        OfferReason.turning_18_soon,
    }
)
# How far back `flask tick` looks for a birthday it has not yet acted on (a machine that was off for a while).
CATCH_UP_DAYS = 14
UNDECIDED = (ImmigrationEvent.claim_made, ImmigrationEvent.appeal)


def _rules() -> dict:
    return current_app.config["ORBIT_RULES"]


def enabled(reason: OfferReason) -> bool:
    return reason.value in set(_rules().get("advocacy_moments", ()))


def fire(young_person: YoungPerson, reason: OfferReason, key: str, *, made_by: User | None = None) -> bool:
    """The moment happened. True when this is the first time (and an offer was asked for), False when it fired
    before or is switched off. The offer itself may still be None (no advocacy service, or a request already
    open): the moment is then spent, as the young person already has, or cannot have, an advocate."""
    if reason not in MOMENT_REASONS or not enabled(reason):
        return False
    try:
        with db.session.begin_nested():
            db.session.add(AdvocacyMoment(young_person_id=young_person.id, reason=reason, key=key[:60]))
    except IntegrityError:
        return False
    advocacy.offer_advocacy(young_person, reason, made_by=made_by)
    return True


# Immigration or asylum status, recorded by the practitioner -------------------------------------------------


def _young_person_for_practitioner(user: User, young_person_id: uuid.UUID) -> YoungPerson:
    if user.role is not Role.practitioner:
        raise NotFound
    young_person = db.session.get(YoungPerson, young_person_id)
    if young_person is None:
        raise NotFound
    allocations = list(db.session.scalars(select(Allocation).where(Allocation.young_person_id == young_person.id)))
    if not can_offer_advocacy(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person


def immigration_history(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, list[ImmigrationChange]]:
    young_person = _young_person_for_practitioner(user, young_person_id)
    changes = list(
        db.session.scalars(
            select(ImmigrationChange)
            .where(ImmigrationChange.young_person_id == young_person.id)
            .order_by(ImmigrationChange.happened_on.desc(), ImmigrationChange.created_at.desc())
        )
    )
    audit.record_young_person(AuditAction.immigration_viewed, user, young_person.id, "young_person")
    return young_person, changes


def record_immigration_change(
    user: User, young_person_id: uuid.UUID, event: str, happened_on: date | None
) -> ImmigrationChange:
    """A claim, a decision, an appeal, or 18 with a claim undecided: written down (what kind and when, never any
    detail of the case) and the advocacy moment fired once for this change. The council import records the same
    through `record_immigration_event`."""
    young_person = _young_person_for_practitioner(user, young_person_id)
    kind = choice(ImmigrationEvent, event, "immigration_event_missing", "event")
    if happened_on is None:
        raise Refused("immigration_date_missing", "happened_on")
    if happened_on > clock.today():
        raise Refused("immigration_date_future", "happened_on")
    return record_immigration_event(young_person, kind, happened_on, recorded_by=user)


def record_immigration_event(
    young_person: YoungPerson, event: ImmigrationEvent, happened_on: date, *, recorded_by: User | None = None
) -> ImmigrationChange:
    change = ImmigrationChange(
        young_person_id=young_person.id,
        event=event,
        happened_on=happened_on,
        recorded_by_id=recorded_by.id if recorded_by else None,
    )
    db.session.add(change)
    db.session.flush()
    audit.record_about(AuditAction.immigration_recorded, recorded_by, "immigration_change", change)
    fire(young_person, OfferReason.immigration_changed, f"change-{change.id.hex}", made_by=recorded_by)
    return change


# Scheduled moments (flask tick) ------------------------------------------------------------------------------


def _not_fired(reason: OfferReason, key: str):
    return ~exists().where(
        AdvocacyMoment.young_person_id == YoungPerson.id, AdvocacyMoment.reason == reason, AdvocacyMoment.key == key
    )


def _birthday_moment(reason: OfferReason, key: str, due_on, limit: int) -> int:
    """Young people whose moment falls due today or in the last CATCH_UP_DAYS days (in care or left care), once."""
    if not enabled(reason):
        return 0
    today = clock.today()
    candidates = db.session.scalars(
        select(YoungPerson)
        .where(due_on(today - timedelta(days=CATCH_UP_DAYS), today), _not_fired(reason, key))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    fired = 0
    for young_person in candidates:
        fired += fire(young_person, reason, key)
    return fired


def _dob_between(age_years: int, months_before: int = 0):
    """A predicate: the young person reaches `age_years` (less `months_before` months) between two dates. Written
    on date_of_birth and adult_on so it uses their indexes."""

    def clause(start: date, end: date):
        if age_years == 18:
            return and_(
                YoungPerson.adult_on > clock.add_months(start, months_before),
                YoungPerson.adult_on <= clock.add_months(end, months_before),
            )
        # Born between (start - age) and (end - age): 16 years before each day.
        return and_(
            YoungPerson.date_of_birth > clock.birthday_in_year(start, -age_years),
            YoungPerson.date_of_birth <= clock.birthday_in_year(end, -age_years),
        )

    return clause


def run_due(limit: int = 500) -> int:
    """16th birthdays, six months before the 18th, and 18 with a claim undecided. Idempotent."""
    fired = _birthday_moment(
        OfferReason.turned_16, "16", _dob_between(int(_rules().get("advocacy_offer_age", 16))), limit
    )
    fired += _birthday_moment(
        OfferReason.turning_18_soon,
        "18-soon",
        _dob_between(18, int(_rules().get("advocacy_months_before_18", 6))),
        limit,
    )
    fired += _turned_18_undecided(limit)
    return fired


def _turned_18_undecided(limit: int) -> int:
    """Turned 18 in the last CATCH_UP_DAYS days and the latest change recorded is a claim or an appeal."""
    if not enabled(OfferReason.immigration_changed):
        return 0
    today = clock.today()
    young_people = db.session.scalars(
        select(YoungPerson)
        .where(
            YoungPerson.adult_on > today - timedelta(days=CATCH_UP_DAYS),
            YoungPerson.adult_on <= today,
            exists().where(ImmigrationChange.young_person_id == YoungPerson.id),
            _not_fired(OfferReason.immigration_changed, "18-undecided"),
        )
        .limit(limit)
    ).all()
    fired = 0
    for young_person in young_people:
        latest = db.session.scalar(
            select(ImmigrationChange.event)
            .where(ImmigrationChange.young_person_id == young_person.id)
            .order_by(ImmigrationChange.happened_on.desc(), ImmigrationChange.created_at.desc())
            .limit(1)
        )
        if latest in UNDECIDED:
            fired += fire(young_person, OfferReason.immigration_changed, "18-undecided")
    return fired
