"""Hooks into features built alongside reviews: advocacy offers and attendance, family time in the pack."""

from __future__ import annotations

import importlib
import importlib.util
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from app import clock
from app.extensions import db
from app.models import (
    AuditAction,
    Council,
    Review,
    ReviewStatus,
    User,
    YoungPerson,
)
from app.services import audit


def _hook(module: str, name: str) -> Any:
    """Something another feature provides, or None while that feature is not there."""
    if importlib.util.find_spec(module) is None:
        return None
    return getattr(importlib.import_module(module), name, None)


def _offer_advocacy(young_person: YoungPerson) -> bool:
    """app.services.advocacy.offer_advocacy(young_person, OfferReason.review_coming)."""
    offer = _hook("app.services.advocacy", "offer_advocacy")
    if offer is None:
        return False
    reasons = _hook("app.models", "OfferReason")
    offer(young_person, reasons.review_coming if reasons is not None else "review_coming")
    return True


def _advocates_attending(young_person_ids: list[uuid.UUID]) -> dict[uuid.UUID, bool]:
    """Whether an advocate will attend each young person's review, for a whole list in one query: the same rule
    as app.services.advocacy.summary_for_staff (an open request whose advocate said "I will attend the review").
    Empty (shown as "not known yet") while the advocacy feature is not there."""
    request = _hook("app.models", "AdvocacyRequest")
    status = _hook("app.models", "RequestStatus")
    if request is None or status is None:
        return {}
    attending = set(
        db.session.scalars(
            select(request.young_person_id).where(
                request.young_person_id.in_(young_person_ids),
                request.status != status.closed,
                request.will_attend_review.is_(True),
            )
        )
    )
    return {young_person_id: young_person_id in attending for young_person_id in young_person_ids}


@dataclass(frozen=True)
class FamilyTimePlanLine:
    plan: Any
    name: str
    changed_since: bool = False
    last_feeling: Any = None


@dataclass
class FamilyTimeSection:
    """Family time for a review, in the shape of app.services.family_time.FamilyTimeForReview: every plan, the
    feelings sent to the review, and sessions that did not happen or were cut short."""

    plans: list[FamilyTimePlanLine]
    feelings: list[Any]
    missed: list[Any]

    @property
    def cards(self) -> list[FamilyTimePlanLine]:
        return self.plans

    def name_for(self, plan_id: uuid.UUID) -> str:
        return next((line.name for line in self.plans if line.plan.id == plan_id), "")


def _family_time_models() -> tuple[Any, Any] | None:
    plan = _hook("app.models.family_time", "FamilyTimePlan")
    entry = _hook("app.models.family_time", "FamilyTimeEntry")
    return (plan, entry) if plan is not None and entry is not None else None


def _plans_of(plan: Any, young_person_id: uuid.UUID, *clauses: Any) -> list[Any]:
    return list(
        db.session.scalars(
            select(plan)
            .options(joinedload(plan.person))
            .where(plan.young_person_id == young_person_id, *clauses)
            .order_by(plan.next_on.is_(None), plan.next_on, plan.created_at)
        )
    )


def _family_time(user: User, young_person_id: uuid.UUID, since: date | None) -> FamilyTimeSection | None:
    """The family time feature's plans and what the young person said, for the review pack, read with that
    feature's own rules (app.access.family_time_plan_clause and family_time_entry_clause: an officer sees every
    plan, the feelings the young person sent to their review, and every missed session) in two queries, so the
    pack stays within its query budget (`app.services.family_time.family_time_for_review` gives the same, but
    with its own loading and audit it takes the pack past 10 queries). None while there is no family time."""
    models = _family_time_models()
    plan_clause = _hook("app.access", "family_time_plan_clause")
    entry_clause = _hook("app.access", "family_time_entry_clause")
    if models is None or plan_clause is None or entry_clause is None:
        return None
    plan, entry = models
    plans = _plans_of(plan, young_person_id, plan_clause(user.role))
    query = select(entry).where(entry.young_person_id == young_person_id, entry_clause(user.role))
    start = clock.start_of_day(since) if since is not None else None
    if since is not None:
        query = query.where(or_(entry.created_at >= start, and_(entry.on_date.is_not(None), entry.on_date >= since)))
    entries = list(db.session.scalars(query.order_by(entry.created_at.desc(), entry.id)))
    lines = []
    for found in plans:
        person = found.person
        # The name in the young person's people who matter only if they shared that person with their review.
        name = person.name if person is not None and person.shared_with_review else found.sibling_name
        changed = start is not None and found.version > 1 and found.updated_at >= start
        lines.append(FamilyTimePlanLine(found, name, changed))
    return FamilyTimeSection(
        plans=lines,
        feelings=[e for e in entries if str(e.kind) == "feeling"],
        missed=[e for e in entries if e.is_missed],
    )


def _my_family_time(young_person_id: uuid.UUID) -> FamilyTimeSection | None:
    """The young person's own plans, each with how they last said they felt: offered back on the family time step
    (tell it once). None while there is no family time."""
    models = _family_time_models()
    if models is None:
        return None
    plan, entry = models
    plans = _plans_of(plan, young_person_id)
    feelings = list(
        db.session.scalars(
            select(entry)
            .where(entry.young_person_id == young_person_id, entry.kind == "feeling")
            .order_by(entry.created_at.desc(), entry.id)
        )
    )
    lines = [
        FamilyTimePlanLine(
            found,
            found.person.name if found.person is not None else found.sibling_name,
            last_feeling=next((e for e in feelings if e.plan_id == found.id), None),
        )
        for found in plans
    ]
    return FamilyTimeSection(plans=lines, feelings=feelings, missed=[])


def _missed_family_time(since: dict[uuid.UUID, date | None]) -> dict[uuid.UUID, int]:
    """How many family time sessions did not happen or were cut short since each young person's last review, for
    a whole list in one query (missed sessions always reach the review). Empty while there is no family time."""
    entry = _hook("app.models.family_time", "FamilyTimeEntry")
    kinds = _hook("app.models.family_time", "MISSED_KINDS")
    if entry is None or kinds is None:
        return {}
    counts = dict.fromkeys(since, 0)
    rows = db.session.execute(
        select(entry.young_person_id, entry.on_date, entry.created_at).where(
            entry.young_person_id.in_(list(since)), entry.kind.in_(kinds)
        )
    )
    for young_person_id, on_date, created_at in rows:
        start = since.get(young_person_id)
        day = max(on_date or date.min, created_at.astimezone(clock.LONDON).date())
        if start is None or day >= start:
            counts[young_person_id] += 1
    return counts


def offer_advocacy_due(limit: int = 200) -> int:
    """Make the advocacy offer for reviews coming soon. Each review's offer is made once; while the advocacy
    feature is not there, nothing is marked, so the offers are made once it is."""
    if _hook("app.services.advocacy", "offer_advocacy") is None:
        return 0
    now = clock.now()
    due = list(
        db.session.scalars(
            select(Review)
            .options(
                joinedload(Review.young_person).joinedload(YoungPerson.council).joinedload(Council.advocacy_service)
            )
            .where(
                Review.advocacy_offered_at.is_(None),
                Review.advocacy_offer_due_at <= now,
                Review.status == ReviewStatus.scheduled,
                Review.held_on >= clock.today(),
            )
            .order_by(Review.advocacy_offer_due_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=Review)
        ).unique()
    )
    for review in due:
        _offer_advocacy(review.young_person)
        review.advocacy_offered_at = now
        audit.record_about(AuditAction.review_advocacy_offered, None, "review", review)
    return len(due)
