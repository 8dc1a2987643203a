"""Family time for a review: plans, feelings sent to the review, and sessions missed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, or_, select

from app import clock
from app.access import (
    family_time_entry_clause,
    family_time_sibling_name,
)
from app.extensions import db
from app.models import (
    EntryKind,
    FamilyTimeEntry,
    FamilyTimePlan,
    User,
    YoungPerson,
)
from app.roles import Role
from app.services.errors import NotFound
from app.services.family_time._core import _audit_view, _plans_of, _staff_young_person


@dataclass(frozen=True)
class ReviewPlan:
    plan: FamilyTimePlan
    name: str
    changed_since: bool  # the plan changed after `since`


@dataclass(frozen=True)
class FamilyTimeForReview:
    """What goes to a young person's review about family time: every plan, the feelings the young person chose to
    send to their review, and every "didn't happen" or "cut short", newest first, since `since` if given."""

    young_person: YoungPerson
    since: date | None
    plans: list[ReviewPlan] = field(default_factory=list)
    feelings: list[FamilyTimeEntry] = field(default_factory=list)
    missed: list[FamilyTimeEntry] = field(default_factory=list)

    def name_for(self, plan_id: uuid.UUID) -> str:
        return next((p.name for p in self.plans if p.plan.id == plan_id), "")


def family_time_for_review(user: User, young_person_id: uuid.UUID, since: date | None = None) -> FamilyTimeForReview:
    """For the review pack and the reviewing officer's page. The young person's reviewing officer or practitioner,
    allocated now, may call it; anyone else gets NotFound. Feelings count from when they were said; missed
    sessions from their date or when they were told, whichever is later. Audited as a look at family time."""
    if user.role not in (Role.reviewing_officer, Role.practitioner):
        raise NotFound
    young_person, allocations = _staff_young_person(user, young_person_id)
    today = clock.today()
    plans = _plans_of(young_person.id)
    query = select(FamilyTimeEntry).where(
        FamilyTimeEntry.young_person_id == young_person.id,
        family_time_entry_clause(Role.reviewing_officer),
    )
    if since is not None:
        start = clock.start_of_day(since)
        query = query.where(
            or_(
                FamilyTimeEntry.created_at >= start,
                and_(FamilyTimeEntry.on_date.is_not(None), FamilyTimeEntry.on_date >= since),
            )
        )
    entries = list(db.session.scalars(query.order_by(FamilyTimeEntry.created_at.desc(), FamilyTimeEntry.id)))
    _audit_view(user, young_person.id, "young_person", young_person.id)
    start = clock.start_of_day(since) if since is not None else None
    return FamilyTimeForReview(
        young_person=young_person,
        since=since,
        plans=[
            ReviewPlan(
                plan,
                family_time_sibling_name(user, plan, young_person, allocations, today),
                start is not None and plan.version > 1 and plan.updated_at >= start,
            )
            for plan in plans
        ],
        feelings=[e for e in entries if e.kind is EntryKind.feeling],
        missed=sorted(
            (e for e in entries if e.is_missed), key=lambda e: (e.on_date or date.min, e.created_at), reverse=True
        ),
    )
