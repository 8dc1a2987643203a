"""Family time as the young person sees it: their plans, how they felt, a missed session, asking for a change."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AuditAction, User, YoungPerson
from app.models import family_time as model
from app.services import audit
from app.services._common import add_first_time, by_submission_key, choice, optional_choice, typed_text
from app.services.errors import Refused
from app.services.family_time._core import _own_plan, _plans_of, _replies_to, _tell_staff
from app.services.family_time.changes import Change, changes_between
from app.services.family_time.rules import MISSED_FURTHEST_BACK, RECENT_CHANGE
from app.services.family_time.work import reply_due
from app.services.ownership import own_young_person
from app.services.people import AudienceChoice, _audience_choices, allocations_with_staff


@dataclass(frozen=True)
class PlanCard:
    """One plan as the young person reads it: the name they use, what changed lately, how they last felt."""

    plan: model.FamilyTimePlan
    name: str
    last_change: Change | None
    last_feeling: model.FamilyTimeEntry | None

    @property
    def date_has_gone(self) -> bool:
        return self.plan.next_on is not None and self.plan.next_on < clock.today()


@dataclass(frozen=True)
class MyFamilyTime:
    young_person: YoungPerson
    cards: list[PlanCard]


def _name_for_owner(plan: model.FamilyTimePlan) -> str:
    return plan.person.name if plan.person is not None else plan.sibling_name


def my_family_time(user: User) -> MyFamilyTime:
    """Every plan for the young person, the next date first, each with what changed lately and their last
    feeling about it."""
    young_person = own_young_person(user)
    plans = _plans_of(young_person.id)
    versions: dict[uuid.UUID, list[model.FamilyTimePlanVersion]] = defaultdict(list)
    for version in db.session.scalars(
        select(model.FamilyTimePlanVersion)
        .join(model.FamilyTimePlan, model.FamilyTimePlan.id == model.FamilyTimePlanVersion.plan_id)
        .where(
            model.FamilyTimePlan.young_person_id == young_person.id,
            model.FamilyTimePlan.version > 1,
            model.FamilyTimePlan.updated_at >= clock.now() - RECENT_CHANGE,
            model.FamilyTimePlanVersion.version >= model.FamilyTimePlan.version - 1,
        )
    ):
        versions[version.plan_id].append(version)
    feelings: dict[uuid.UUID, model.FamilyTimeEntry] = {}
    for entry in db.session.scalars(
        select(model.FamilyTimeEntry)
        .where(
            model.FamilyTimeEntry.young_person_id == young_person.id,
            model.FamilyTimeEntry.kind == model.EntryKind.feeling,
        )
        .order_by(model.FamilyTimeEntry.created_at.desc(), model.FamilyTimeEntry.id)
    ):
        feelings.setdefault(entry.plan_id, entry)
    cards = []
    for plan in plans:
        changes = changes_between(versions.get(plan.id, []))
        cards.append(PlanCard(plan, _name_for_owner(plan), changes[0] if changes else None, feelings.get(plan.id)))
    return MyFamilyTime(young_person=young_person, cards=cards)


@dataclass(frozen=True)
class SaidItem:
    entry: model.FamilyTimeEntry
    replies: list[model.FamilyTimeReply]


@dataclass(frozen=True)
class MyPlan:
    plan: model.FamilyTimePlan
    name: str
    changes: list[Change]
    said: list[SaidItem]
    audiences: list[AudienceChoice]

    @property
    def last_change(self) -> Change | None:
        return self.changes[0] if self.changes else None

    @property
    def date_has_gone(self) -> bool:
        return self.plan.next_on is not None and self.plan.next_on < clock.today()

    def audience(self, code: str) -> AudienceChoice:
        return next(choice for choice in self.audiences if choice.audience.value == code)


def my_plan(user: User, plan_id: uuid.UUID) -> MyPlan:
    """One plan in full: every change, everything the young person said about it and every reply."""
    plan = _own_plan(user, plan_id)
    versions = list(
        db.session.scalars(select(model.FamilyTimePlanVersion).where(model.FamilyTimePlanVersion.plan_id == plan.id))
    )
    entries = list(
        db.session.scalars(
            select(model.FamilyTimeEntry)
            .where(
                model.FamilyTimeEntry.plan_id == plan.id, model.FamilyTimeEntry.young_person_id == plan.young_person_id
            )
            .order_by(model.FamilyTimeEntry.created_at.desc(), model.FamilyTimeEntry.id)
        )
    )
    replies = _replies_to(
        model.FamilyTimeEntry.plan_id == plan.id, model.FamilyTimeEntry.young_person_id == plan.young_person_id
    )
    allocations = allocations_with_staff(plan.young_person_id)
    return MyPlan(
        plan=plan,
        name=_name_for_owner(plan),
        changes=changes_between(versions),
        said=[SaidItem(entry, replies.get(entry.id, [])) for entry in entries],
        audiences=_audience_choices(plan.young_person, allocations, clock.today()),
    )


@dataclass(frozen=True)
class PlanForForm:
    """What a young person's form about one plan shows: the plan, the name, and who will see what they send."""

    plan: model.FamilyTimePlan
    name: str
    audiences: list[AudienceChoice]
    last_change: Change | None

    def audience(self, code: str) -> AudienceChoice:
        return next(choice for choice in self.audiences if choice.audience.value == code)


def plan_for_form(user: User, plan_id: uuid.UUID) -> PlanForForm:
    plan = _own_plan(user, plan_id)
    allocations = allocations_with_staff(plan.young_person_id)
    versions = list(
        db.session.scalars(
            select(model.FamilyTimePlanVersion).where(
                model.FamilyTimePlanVersion.plan_id == plan.id, model.FamilyTimePlanVersion.version >= plan.version - 1
            )
        )
    )
    changes = changes_between(versions)
    return PlanForForm(
        plan=plan,
        name=_name_for_owner(plan),
        audiences=_audience_choices(plan.young_person, allocations, clock.today()),
        last_change=changes[0] if changes else None,
    )


def _new_entry(plan: model.FamilyTimePlan, submission_key: uuid.UUID, said: dict[str, Any]) -> model.FamilyTimeEntry:
    now = clock.now()
    return model.FamilyTimeEntry(
        plan_id=plan.id,
        young_person_id=plan.young_person_id,
        submission_key=submission_key,
        created_at=now,
        # Everything said about a plan reaches the young person's worker: their reply clock starts now.
        reply_due_at=reply_due(now),
        **said,
    )


def _words(typed: str | None, *, required: str | None = None) -> str | None:
    words = typed_text(
        typed, "words", most=model.ENTRY_WORDS_MAX, too_long="family_time_words_too_long", missing=required
    )
    return words or None


def _add_entry(
    user: User, plan: model.FamilyTimePlan, action: AuditAction, *, submission_key: uuid.UUID, **said: Any
) -> model.FamilyTimeEntry:
    """Save what the young person said about a plan (`said`: the entry's kind, words and the rest), once per form
    (the same form sent twice gives back the first)."""
    entry, new = add_first_time(
        lambda: by_submission_key(model.FamilyTimeEntry, plan.young_person_id, submission_key),
        lambda: _new_entry(plan, submission_key, said),
    )
    if not new:
        return entry
    allocations = allocations_with_staff(plan.young_person_id)
    _tell_staff(plan.young_person, allocations, plan, missed=entry.is_missed)
    audit.record_about(action, user, "family_time_entry", entry)
    return entry


def _check_plan_version(plan: model.FamilyTimePlan, version: int | None) -> None:
    """What the young person says is about the plan they read: if it changed since, they see it first."""
    if version != plan.version:
        raise Refused("plan_changed_since", "version")


def say_feeling(
    user: User,
    plan_id: uuid.UUID,
    plan_version: int | None,
    feeling: str,
    words: str,
    *,
    to_review: bool,
    to_advocate: bool,
    submission_key: uuid.UUID,
) -> model.FamilyTimeEntry:
    """How the young person feels about a plan. Their worker sees it; their review only if they send it there;
    their advocate only if they share it with them."""
    plan = _own_plan(user, plan_id, for_update=True)
    chosen = choice(model.Feeling, feeling, "family_time_feeling_missing", "feeling")
    clean = _words(words)
    _check_plan_version(plan, plan_version)
    return _add_entry(
        user,
        plan,
        AuditAction.family_time_feeling_sent,
        submission_key=submission_key,
        kind=model.EntryKind.feeling,
        feeling=chosen,
        words=clean,
        shared_with_review=to_review,
        shared_with_advocate=to_advocate,
        plan_version=plan.version,
    )


def report_missed(
    user: User,
    plan_id: uuid.UUID,
    plan_version: int | None,
    kind: str,
    on_date: date | None,
    words: str,
    *,
    to_advocate: bool,
    submission_key: uuid.UUID,
) -> model.FamilyTimeEntry:
    """ "This didn't happen" or "it was cut short", for a date. It reaches their worker and the person who runs
    their reviews at once, whatever changed in the plan meanwhile (a missed visit is never held back)."""
    plan = _own_plan(user, plan_id, for_update=True)
    chosen = optional_choice(model.EntryKind, kind, "missed_kind_missing", "kind")
    if chosen not in model.MISSED_KINDS:
        raise Refused("missed_kind_missing", "kind")
    today = clock.today()
    if on_date is None:
        raise Refused("missed_date_missing", "on_date")
    if on_date > today:
        raise Refused("missed_date_future", "on_date")
    if on_date < today - MISSED_FURTHEST_BACK:
        raise Refused("missed_date_too_old", "on_date")
    return _add_entry(
        user,
        plan,
        AuditAction.family_time_missed_reported,
        submission_key=submission_key,
        kind=chosen,
        on_date=on_date,
        words=_words(words),
        shared_with_review=True,
        shared_with_advocate=to_advocate,
        plan_version=plan_version if plan_version is not None else plan.version,
    )


def ask_for_change(
    user: User,
    plan_id: uuid.UUID,
    plan_version: int | None,
    words: str,
    *,
    to_advocate: bool,
    submission_key: uuid.UUID,
) -> model.FamilyTimeEntry:
    """A change the young person wants, in their own words, to their worker (and advocate if they choose)."""
    plan = _own_plan(user, plan_id, for_update=True)
    clean = _words(words, required="change_words_missing")
    _check_plan_version(plan, plan_version)
    return _add_entry(
        user,
        plan,
        AuditAction.family_time_change_asked,
        submission_key=submission_key,
        kind=model.EntryKind.change_request,
        words=clean,
        shared_with_review=False,
        shared_with_advocate=to_advocate,
        plan_version=plan.version,
    )
