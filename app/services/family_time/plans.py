"""Family time plans for the young person's workers: seeing, adding and changing them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    can_see_person,
    can_write_family_time,
    family_time_entry_clause,
    family_time_entry_visible,
    family_time_plan_clause,
    family_time_sibling_name,
)
from app.extensions import db
from app.models import (
    Allocation,
    AuditAction,
    FamilyTimeEntry,
    FamilyTimePlan,
    FamilyTimePlanVersion,
    PersonWhoMatters,
    RelationshipKind,
    User,
    YoungPerson,
)
from app.models.family_time import (
    PLAN_FIELDS,
)
from app.roles import Role
from app.services import audit
from app.services._common import add_first_time, by_submission_key
from app.services.errors import NotFound, Refused
from app.services.family_time._core import (
    _audit_view,
    _plan_changed_for_advocacy,
    _plan_for_practitioner,
    _plans_of,
    _replies_to,
    _staff_young_person,
)
from app.services.family_time.changes import Change, _snapshot, changed_groups, changes_between, is_routine
from app.services.family_time.rules import SIBLING_KINDS, PlanDetails, _apply, _CleanPlan, check_plan
from app.services.family_time.young_person import SaidItem
from app.services.notifications import tell_young_person


@dataclass(frozen=True)
class StaffPlan:
    plan: FamilyTimePlan
    name: str
    said: list[SaidItem]

    @property
    def waiting(self) -> int:
        """Things the young person said that nobody has replied to yet."""
        return sum(1 for item in self.said if not item.replies)


@dataclass(frozen=True)
class StaffFamilyTime:
    young_person: YoungPerson
    role: Role
    plans: list[StaffPlan]
    may_write: bool


def family_time_for_staff(user: User, young_person_id: uuid.UUID) -> StaffFamilyTime:
    """A young person's plans and what they said, as the viewer's role may see them: their worker all of it, the
    person who runs their reviews the plans, feelings sent to the review and missed sessions, their advocate only
    what was shared with them. Every look is audited."""
    young_person, allocations = _staff_young_person(user, young_person_id)
    today = clock.today()
    plans = _plans_of(young_person.id, family_time_plan_clause(user.role))
    entries = list(
        db.session.scalars(
            select(FamilyTimeEntry)
            .where(FamilyTimeEntry.young_person_id == young_person.id, family_time_entry_clause(user.role))
            .order_by(FamilyTimeEntry.created_at.desc(), FamilyTimeEntry.id)
        )
    )
    # Replies are between the young person and their worker.
    replies = _replies_to(FamilyTimeEntry.young_person_id == young_person.id) if user.role is Role.practitioner else {}
    by_plan: dict[uuid.UUID, list[SaidItem]] = defaultdict(list)
    for entry in entries:
        if family_time_entry_visible(user.role, entry):
            by_plan[entry.plan_id].append(SaidItem(entry, replies.get(entry.id, [])))
    _audit_view(user, young_person.id, "young_person", young_person.id)
    return StaffFamilyTime(
        young_person=young_person,
        role=user.role,
        plans=[
            StaffPlan(plan, family_time_sibling_name(user, plan, young_person, allocations, today), by_plan[plan.id])
            for plan in plans
        ],
        may_write=can_write_family_time(user, young_person, allocations, today),
    )


@dataclass(frozen=True)
class StaffPlanPage:
    plan: FamilyTimePlan
    name: str
    changes: list[Change]
    first_saved: FamilyTimePlanVersion | None
    said: list[SaidItem]


def plan_for_staff(user: User, plan_id: uuid.UUID) -> StaffPlanPage:
    """One plan for the young person's practitioner: every version, everything said about it and the replies."""
    plan, allocations = _plan_for_practitioner(user, plan_id)
    versions = list(
        db.session.scalars(
            select(FamilyTimePlanVersion)
            .options(joinedload(FamilyTimePlanVersion.saved_by))
            .where(FamilyTimePlanVersion.plan_id == plan.id)
        )
    )
    entries = list(
        db.session.scalars(
            select(FamilyTimeEntry)
            .where(FamilyTimeEntry.plan_id == plan.id)
            .order_by(FamilyTimeEntry.created_at.desc(), FamilyTimeEntry.id)
        )
    )
    replies = _replies_to(FamilyTimeEntry.plan_id == plan.id)
    _audit_view(user, plan.young_person_id, "family_time_plan", plan.id)
    return StaffPlanPage(
        plan=plan,
        name=family_time_sibling_name(user, plan, plan.young_person, allocations, clock.today()),
        changes=changes_between(versions, with_who=True),
        first_saved=min(versions, key=lambda v: v.version) if versions else None,
        said=[SaidItem(entry, replies.get(entry.id, [])) for entry in entries],
    )


# Writing and changing plans -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiblingChoice:
    id: uuid.UUID
    name: str
    relationship_kind: RelationshipKind
    relationship_words: str | None


@dataclass(frozen=True)
class PlanFormContext:
    young_person: YoungPerson
    siblings: list[SiblingChoice]
    plan: FamilyTimePlan | None = None
    name: str | None = None


def _shared_siblings(user: User, young_person: YoungPerson, allocations: list[Allocation]) -> list[PersonWhoMatters]:
    """Brothers and sisters in the young person's people who matter that they shared with this practitioner."""
    today = clock.today()
    people = db.session.scalars(
        select(PersonWhoMatters)
        .where(
            PersonWhoMatters.young_person_id == young_person.id,
            PersonWhoMatters.ended_at.is_(None),
            PersonWhoMatters.relationship_kind.in_(SIBLING_KINDS),
            PersonWhoMatters.shared_with_practitioner.is_(True),
        )
        .order_by(PersonWhoMatters.name, PersonWhoMatters.id)
    )
    return [p for p in people if can_see_person(user, p, young_person, allocations, today)]


def _choices(people: Iterable[PersonWhoMatters]) -> list[SiblingChoice]:
    return [SiblingChoice(p.id, p.name, p.relationship_kind, p.relationship_words) for p in people]


def plan_form(user: User, young_person_id: uuid.UUID, *, record_look: bool = True) -> PlanFormContext:
    """What the "new plan" form offers: the brothers and sisters the young person shared with this worker."""
    young_person, allocations = _staff_young_person(user, young_person_id)
    if not can_write_family_time(user, young_person, allocations, clock.today()):
        raise NotFound
    if record_look:
        _audit_view(user, young_person.id, "young_person", young_person.id)
    return PlanFormContext(young_person, _choices(_shared_siblings(user, young_person, allocations)))


def change_form(user: User, plan_id: uuid.UUID, *, record_look: bool = True) -> PlanFormContext:
    """What the "change plan" form offers: as for a new plan, and the brother or sister it is linked to now."""
    plan, allocations = _plan_for_practitioner(user, plan_id)
    siblings = _shared_siblings(user, plan.young_person, allocations)
    choices = _choices(siblings)
    if plan.person is not None and all(p.id != plan.person_id for p in siblings):
        # Linked to someone no longer shared with this worker: keep the link, under the plan's own name.
        choices.insert(0, SiblingChoice(plan.person.id, plan.sibling_name, plan.person.relationship_kind, None))
    if record_look:
        _audit_view(user, plan.young_person_id, "family_time_plan", plan.id)
    name = family_time_sibling_name(user, plan, plan.young_person, allocations, clock.today())
    return PlanFormContext(plan.young_person, choices, plan=plan, name=name)


def _linkable(user: User, young_person: YoungPerson, allocations: list[Allocation]) -> dict[str, PersonWhoMatters]:
    return {str(p.id): p for p in _shared_siblings(user, young_person, allocations)}


def _new_plan(user: User, young_person_id: uuid.UUID, clean: _CleanPlan, submission_key: uuid.UUID) -> FamilyTimePlan:
    now = clock.now()
    plan = FamilyTimePlan(
        young_person_id=young_person_id,
        version=1,
        submission_key=submission_key,
        created_at=now,
        created_by_id=user.id,
        updated_at=now,
        updated_by_id=user.id,
        sibling_name="",
    )
    _apply(plan, clean)
    return plan


def add_plan(user: User, young_person_id: uuid.UUID, details: PlanDetails, submission_key: uuid.UUID) -> FamilyTimePlan:
    """A practitioner writes a plan for one of their young people. The young person is told something is new."""
    young_person, allocations = _staff_young_person(user, young_person_id)
    today = clock.today()
    if not can_write_family_time(user, young_person, allocations, today):
        raise NotFound
    plan, new = add_first_time(
        lambda: by_submission_key(FamilyTimePlan, young_person.id, submission_key),
        # Checked only when new: the same form sent again gives back the first plan, whatever it now says.
        lambda: _new_plan(
            user,
            young_person.id,
            check_plan(details, _linkable(user, young_person, allocations), today),
            submission_key,
        ),
    )
    if not new:
        return plan
    _snapshot(plan, user, [])
    audit.record_about(AuditAction.family_time_plan_added, user, "family_time_plan", plan)
    tell_young_person(young_person)
    return plan


@dataclass(frozen=True)
class PlanSaved:
    plan: FamilyTimePlan
    groups: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.groups)


def change_plan(user: User, plan_id: uuid.UUID, version: int | None, details: PlanDetails) -> PlanSaved:
    """Save a change as a new version. A form opened before someone else's change is refused with "stale" and
    nothing is overwritten. The young person is told something is new; a change to more than the next date is
    recorded for an advocacy offer."""
    plan, allocations = _plan_for_practitioner(user, plan_id, for_update=True)
    if version != plan.version:
        raise Refused("stale", "version")
    linkable = _linkable(user, plan.young_person, allocations)
    if plan.person is not None:
        linkable.setdefault(str(plan.person.id), plan.person)
    clean = check_plan(details, linkable, clock.today())
    before = SimpleNamespace(**{name: getattr(plan, name) for name in PLAN_FIELDS})
    old_person = plan.person_id
    _apply(plan, clean)
    groups = changed_groups(before, plan)
    if old_person != plan.person_id and "who" not in groups:
        groups.insert(0, "who")
    if not groups:
        return PlanSaved(plan, ())
    plan.version += 1
    plan.updated_at = clock.now()
    plan.updated_by_id = user.id
    _snapshot(plan, user, groups)
    if is_routine(groups):
        audit.record_about(AuditAction.family_time_date_changed, user, "family_time_plan", plan)
    else:
        _plan_changed_for_advocacy(user, plan)
    tell_young_person(plan.young_person)
    return PlanSaved(plan, tuple(groups))
