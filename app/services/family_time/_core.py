"""What family time's pages share: plans as each role may see them, replies, and who is told."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    can_see_family_time,
    can_write_family_time,
    is_current,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    AuditAction,
    FamilyTimeEntry,
    FamilyTimePlan,
    FamilyTimeReply,
    OfferReason,
    User,
    YoungPerson,
)
from app.services import audit
from app.services._common import base_url
from app.services.advocacy import offer_advocacy
from app.services.family_time.rules import STAFF_SUBJECT
from app.services.notifications import queue_to_address
from app.services.people import own_record, practitioner_finder, young_person_for_staff


def _own_plan(user: User, plan_id: uuid.UUID, *, for_update: bool = False) -> FamilyTimePlan:
    """One of the acting young person's own plans, or NotFound (whether it is someone else's or not there)."""
    return own_record(user, FamilyTimePlan, plan_id, joinedload(FamilyTimePlan.person), for_update=for_update)


def _staff_young_person(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, list[Allocation]]:
    return young_person_for_staff(
        user, young_person_id, can_see_family_time, joinedload(YoungPerson.council), joinedload(YoungPerson.user)
    )


_plan_for_practitioner = practitioner_finder(
    FamilyTimePlan,
    lambda user, plan, allocations, today: can_write_family_time(user, plan.young_person, allocations, today),
    joinedload(FamilyTimePlan.young_person).joinedload(YoungPerson.user),
    joinedload(FamilyTimePlan.person),
)


def _sort_plans(plans: Iterable[FamilyTimePlan]) -> list[FamilyTimePlan]:
    """The next date first; plans without one after, newest first."""
    return sorted(
        plans,
        key=lambda p: (p.next_on is None, p.next_on or date.max, -p.created_at.timestamp(), str(p.id)),
    )


def _plans_of(young_person_id: uuid.UUID, *where: Any) -> list[FamilyTimePlan]:
    """The young person's plans (that the clauses `where` pick), with who each is with, in _sort_plans order."""
    return _sort_plans(
        db.session.scalars(
            select(FamilyTimePlan)
            .options(joinedload(FamilyTimePlan.person))
            .where(FamilyTimePlan.young_person_id == young_person_id, *where)
        )
    )


def _replies_to(*entries_where: Any) -> dict[uuid.UUID, list[FamilyTimeReply]]:
    """The replies to the entries the clauses pick, by entry, oldest first. Asked even when there are no entries,
    so a page sends the same number of queries whatever it shows."""
    replies: dict[uuid.UUID, list[FamilyTimeReply]] = defaultdict(list)
    for reply in db.session.scalars(
        select(FamilyTimeReply)
        .join(FamilyTimeEntry, FamilyTimeEntry.id == FamilyTimeReply.entry_id)
        .options(joinedload(FamilyTimeReply.by))
        .where(*entries_where)
        .order_by(FamilyTimeReply.created_at, FamilyTimeReply.id)
    ):
        replies[reply.entry_id].append(reply)
    return replies


def _audit_view(user: User, young_person_id: uuid.UUID, object_type: str, object_id: uuid.UUID) -> None:
    audit.record(
        AuditAction.family_time_viewed,
        actor=user,
        object_type=object_type,
        object_id=object_id,
        young_person_id=young_person_id,
    )


# Telling people ---------------------------------------------------------------------------------------------


def _current_staff(allocations: Iterable[Allocation], kinds: Iterable[AllocationKind]) -> list[User]:
    wanted = set(kinds)
    today = clock.today()
    return [a.staff for a in allocations if a.kind in wanted and is_current(a, today) and a.staff.is_active]


def _tell_staff(young_person: YoungPerson, allocations: list[Allocation], plan: FamilyTimePlan, missed: bool) -> None:
    """Staff messages carry a link, never the young person's words or names. "Didn't happen" and "cut short"
    reach the reviewing officer too, at once."""
    base = base_url()
    for worker in _current_staff(allocations, (AllocationKind.social_worker, AllocationKind.personal_adviser)):
        if worker.email:
            queue_to_address(
                worker.email,
                STAFF_SUBJECT,
                "A young person you work with has said something about their family time in Orbit. "
                f"Sign in to read it and reply: {base}/practitioner/family-time/{plan.id}",
                worker,
            )
    if not missed:
        return
    for officer in _current_staff(allocations, (AllocationKind.reviewing_officer,)):
        if officer.email:
            queue_to_address(
                officer.email,
                "Orbit: family time did not happen or was cut short",
                "A young person whose reviews you run has said that family time did not happen or was cut short. "
                f"Sign in to see it: {base}/reviewing-officer/young-people/{young_person.id}/family-time",
                officer,
            )


def _plan_changed_for_advocacy(user: User, plan: FamilyTimePlan) -> None:
    """A change to a plan is a moment that matters: an advocate is offered (opt-out; nothing happens if the
    council names no advocacy service or a request is already open). The audit event records the change itself."""
    audit.record_about(AuditAction.family_time_plan_changed, user, "family_time_plan", plan)
    offer_advocacy(plan.young_person, OfferReason.family_time_changed, made_by=user)
