"""Applying a preview: all of it or nothing (the caller commits once, or rolls back). Nothing is applied while
the preview has any error. What fires is what the same event typed in Orbit fires: a recent home change calls
`advocacy.offer_advocacy(young_person, OfferReason.home_changed)`, as the practitioner's "Change their home" does;
care ending at 18 or over turns the account into a care leaver's, as `flask tick` does on the 18th birthday."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select, update

from app import clock
from app.extensions import db
from app.models import (
    Allocation,
    AuditAction,
    CareEpisode,
    DataImport,
    OfferReason,
    Review,
    ReviewStatus,
    User,
    YoungPerson,
)
from app.models.complaints import ImmigrationChange, ImmigrationEvent
from app.roles import Role
from app.services import advocacy, audit
from app.services.council_data.preview import Preview
from app.services.errors import Refused
from app.services.reviews.rules import renumber, statutory_due


def apply(preview: Preview, actor: User | None) -> DataImport:
    if preview.errors:
        raise Refused("import_has_errors")
    today = clock.today()
    now = clock.now()
    council = preview.council
    episode_rows: list[dict] = []
    review_rows: list[dict] = []
    allocation_rows: list[dict] = []
    new_people: list[dict] = []
    touched_reviews: set[uuid.UUID] = set()
    offers: list[YoungPerson] = []
    for plan in preview.plans:
        if plan.young_person is None:
            young_person_id = plan.new_fields["id"]
            new_people.append({**plan.new_fields, "council_id": council.id, "created_at": now})
        else:
            young_person = plan.young_person
            young_person_id = young_person.id
            for name, value in plan.updates.items():
                setattr(young_person, name, value)
            if "home_kind" in plan.updates:
                audit.record_young_person(AuditAction.home_changed, actor, young_person.id, "young_person")
            if plan.offer_home_changed:
                offers.append(young_person)
            if plan.becomes_care_leaver and young_person.user_id is not None:
                user = db.session.get(User, young_person.user_id)
                if user is not None and user.role is Role.young_person:
                    user.role = Role.care_leaver
                    audit.record(
                        AuditAction.role_changed, object_type="user", object_id=user.id, young_person_id=young_person.id
                    )
            for episode_id, row in plan.episodes_changed:
                db.session.execute(
                    update(CareEpisode)
                    .where(CareEpisode.id == episode_id)
                    .values(
                        reason_new=row.reason_new,
                        legal_status=row.legal_status,
                        need=row.need,
                        place=row.place,
                        ended_on=row.ended_on,
                        reason_ended=row.reason_ended,
                    )
                )
            for review_id, code in plan.reviews_changed:
                db.session.execute(update(Review).where(Review.id == review_id).values(participation=code))
            if plan.workers:
                db.session.execute(
                    update(Allocation)
                    .where(
                        Allocation.young_person_id == young_person.id,
                        Allocation.kind.in_(list(plan.workers)),
                        Allocation.ended_on.is_(None) | (Allocation.ended_on > today),
                    )
                    .values(ended_on=today)
                )
        fired = plan.young_person is not None
        episode_rows.extend(
            {
                "id": uuid.uuid4(),
                "young_person_id": young_person_id,
                "started_on": row.started_on,
                "reason_new": row.reason_new,
                "legal_status": row.legal_status,
                "need": row.need,
                "place": row.place,
                "ended_on": row.ended_on,
                "reason_ended": row.reason_ended,
                "fired": fired and plan.offer_home_changed,
                "created_at": now,
            }
            for row in plan.episodes_new
        )
        # A new young person's reviews are numbered here, on the statutory pattern from when care started;
        # a known young person's are numbered again with the reviews Orbit already has (_renumber).
        entered = plan.new_fields.get("entered_care_on") if plan.young_person is None else None
        previous = None
        for number, (held_on, code) in enumerate(sorted(plan.reviews_new), start=1):
            review_rows.append(
                {
                    "id": uuid.uuid4(),
                    "young_person_id": young_person_id,
                    "number": number,
                    "due_on": statutory_due(number, entered, previous) if plan.young_person is None else None,
                    "held_on": held_on,
                    "status": ReviewStatus.held,
                    "participation": code,
                    "imported": True,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            previous = held_on
            if plan.young_person is not None:
                touched_reviews.add(young_person_id)
        if plan.reviews_changed or "entered_care_on" in plan.updates:
            touched_reviews.add(young_person_id)
        allocation_rows.extend(
            {
                "id": uuid.uuid4(),
                "young_person_id": young_person_id,
                "staff_id": staff_id,
                "kind": kind,
                "started_on": today,
                "created_at": now,
            }
            for kind, staff_id in plan.workers.items()
        )
    if new_people:
        db.session.execute(YoungPerson.__table__.insert(), new_people)
    if episode_rows:
        db.session.execute(CareEpisode.__table__.insert(), episode_rows)
    if review_rows:
        db.session.execute(Review.__table__.insert(), review_rows)
    if allocation_rows:
        db.session.execute(Allocation.__table__.insert(), allocation_rows)
    _record_asylum_claims(preview, today, now)
    audit.record_many(
        AuditAction.young_person_added,
        actor=actor,
        object_type="young_person",
        young_person_ids=[person["id"] for person in new_people],
    )
    db.session.flush()
    _renumber(touched_reviews)
    for young_person in offers:
        advocacy.offer_advocacy(young_person, OfferReason.home_changed, made_by=actor)
    record = DataImport(
        council_id=council.id,
        imported_by_id=actor.id if actor else None,
        imported_at=now,
        added=len(preview.added),
        changed=preview.changed,
        unchanged=preview.unchanged,
    )
    db.session.add(record)
    db.session.flush()
    audit.record(AuditAction.council_data_imported, actor=actor, object_type="data_import", object_id=record.id)
    return record


def _record_asylum_claims(preview: Preview, today: date, now: datetime) -> None:
    """A UASC row means the child came unaccompanied and claimed asylum. Where Orbit has no immigration history
    for them yet, the claim is recorded (as the practitioner's "claim made" would be, but without firing: the 903
    gives no date for it), so that `flask tick` offers an advocate when they turn 18 with the claim undecided."""
    marked: dict[uuid.UUID, date] = {}
    for plan in preview.plans:
        fields = plan.new_fields if plan.young_person is None else plan.updates
        if not fields.get("unaccompanied_asylum_seeking"):
            continue
        young_person_id = plan.new_fields["id"] if plan.young_person is None else plan.young_person.id
        started = fields.get("entered_care_on") or (plan.young_person.entered_care_on if plan.young_person else None)
        marked[young_person_id] = started or today
    if not marked:
        return
    ids = list(marked)
    known: set[uuid.UUID] = set()
    for start in range(0, len(ids), 500):
        known.update(
            db.session.scalars(
                select(ImmigrationChange.young_person_id).where(
                    ImmigrationChange.young_person_id.in_(ids[start : start + 500])
                )
            )
        )
    rows = [
        {
            "id": uuid.uuid4(),
            "young_person_id": young_person_id,
            "event": ImmigrationEvent.claim_made,
            "happened_on": happened_on,
            "recorded_by_id": None,
            "created_at": now,
        }
        for young_person_id, happened_on in marked.items()
        if young_person_id not in known
    ]
    if rows:
        db.session.execute(ImmigrationChange.__table__.insert(), rows)


def _renumber(young_person_ids: set[uuid.UUID]) -> None:
    """Imported reviews take their place in the young person's statutory pattern (numbers and due dates)."""
    if not young_person_ids:
        return
    ids = list(young_person_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        entered = {
            row.id: row.entered_care_on
            for row in db.session.execute(
                select(YoungPerson.id, YoungPerson.entered_care_on).where(YoungPerson.id.in_(chunk))
            )
        }
        mine: dict[uuid.UUID, list[Review]] = {}
        for review in db.session.scalars(select(Review).where(Review.young_person_id.in_(chunk))):
            mine.setdefault(review.young_person_id, []).append(review)
        for young_person_id, reviews in mine.items():
            renumber(entered.get(young_person_id), reviews)
