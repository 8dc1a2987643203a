"""Family time with brothers and sisters: plans, their versions, and what the young person says about them.

A practitioner (the young person's social worker or personal adviser, allocated now) writes and changes plans.
Every save keeps a version; when a plan changes the young person is told something is new (never what) and the
change is a moment an advocate is offered (app.services.advocacy.offer_advocacy), with a
`family_time_plan_changed` audit event. Moving only the next date is routine: the young person is told, no offer.

The young person reads every plan in plain words and says how they feel, that a date didn't happen or was cut
short, or what they want changed. Their practitioner sees all of it and replies; the person who runs their reviews
sees "didn't happen", "cut short" and feelings sent to the review; their advocate sees only what was shared with
"my advocate" (app.access: family_time_entry_visible). A plan names the other child only by first name.

Every function takes the acting user. Staff looks are audited. Nothing here commits: the request does, once.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from types import SimpleNamespace
from typing import Any

from flask import current_app
from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from app import clock
from app.access import (
    can_see_family_time,
    can_see_person,
    can_write_family_time,
    family_time_entry_clause,
    family_time_entry_visible,
    family_time_plan_clause,
    family_time_sibling_name,
    is_current,
    owns_young_person,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    Arranger,
    AuditAction,
    EntryKind,
    FamilyTimeEntry,
    FamilyTimePlan,
    FamilyTimePlanVersion,
    FamilyTimeReply,
    Feeling,
    HowOften,
    OfferReason,
    PersonWhoMatters,
    Place,
    RelationshipKind,
    User,
    Way,
    WhoElse,
    YoungPerson,
)
from app.models.family_time import (
    ENTRY_WORDS_MAX,
    MISSED_KINDS,
    OTHER_WORDS_MAX,
    PLAN_FIELDS,
    REPLY_MAX,
    SIBLING_NAME_MAX,
    WHY_APART_MAX,
)
from app.roles import YOUNG_PEOPLE, Role
from app.services import audit
from app.services.advocacy import offer_advocacy
from app.services.errors import NotFound, Refused
from app.services.notifications import YOUNG_PERSON_BODY, YOUNG_PERSON_SUBJECT, queue_to_address
from app.services.ownership import own_young_person
from app.services.people import AudienceChoice, _audience_choices, allocations_with_staff, clean_line, clean_text

# Brothers and sisters of every kind a young person can say. "Someone else" is there because siblings are whoever
# the young person says they are, in their own words.
SIBLING_KINDS = frozenset(
    {
        RelationshipKind.brother,
        RelationshipKind.sister,
        RelationshipKind.half_brother,
        RelationshipKind.half_sister,
        RelationshipKind.step_brother,
        RelationshipKind.step_sister,
        RelationshipKind.foster_brother,
        RelationshipKind.foster_sister,
        RelationshipKind.adopted_brother,
        RelationshipKind.adopted_sister,
        RelationshipKind.someone_else,
    }
)
OTHER_SIBLING = "other"  # the sibling choice that means "not in their people who matter: write a first name"
FURTHEST_AHEAD = timedelta(days=3 * 366)  # a date further out than this is a typing mistake
MISSED_FURTHEST_BACK = timedelta(days=366)
RECENT_CHANGE = timedelta(days=60)  # the young person's list shows "what changed" this long after a change
STAFF_SUBJECT = "Orbit: a young person has said something about family time"

# "What changed" compares versions in these groups, in this order (the words go together on the page).
CHANGE_GROUPS: dict[str, tuple[str, ...]] = {
    "who": ("sibling_name",),
    "next_on": ("next_on",),
    "how_often": ("how_often", "how_often_words"),
    "ways": ("way_in_person", "way_video", "way_phone", "way_letters"),
    "place": ("place",),
    "who_else": ("who_else", "who_else_words"),
    "arranged_by": ("arranged_by", "arranged_by_words"),
    "review_on": ("review_on",),
    "apart": ("live_apart", "why_apart"),
}
# Only the next date moving is routine (it moves after every visit): the young person is told, but it is not a
# change to the plan that calls for an advocacy offer.
ROUTINE_GROUPS = frozenset({"next_on"})


# Addresses and phone numbers never go in a plan -------------------------------------------------------------

_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|gardens|grove|terrace|"
    "square|row|walk|mews|rise|parade|boulevard|hill|estate"
)
_HOUSE = re.compile(
    r"\b(\d{1,4}[a-z]?),?\s+((?:[^\W\d_][\w'\u2019.-]*\s+){1,3})(" + _STREET_WORDS + r")\b", re.IGNORECASE
)
_FLAT = re.compile(r"\b(flat|apartment|apt|unit|house)\s+(no\.?\s*)?\d+", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,10}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Words that come between a number and "park" or "way" in ordinary sentences ("2 hours in the park").
_NOT_A_STREET = frozenset(
    {"a", "an", "the", "at", "in", "on", "to", "for", "of", "and", "or", "by", "near", "with"}
    | {"hour", "hours", "minutes", "mins", "times", "weeks", "days", "months", "years"}
)


def looks_like_contact_details(text: str) -> bool:
    """Does this look like an address, a postcode, a phone number or an email address? A plan never holds any
    of them: it says what kind of place family time is in, never where anyone lives or how to reach them."""
    if not text:
        return False
    if _POSTCODE.search(text) or _FLAT.search(text) or _PHONE.search(text) or _EMAIL.search(text):
        return True
    for match in _HOUSE.finditer(text):
        words = {word.casefold() for word in match.group(2).split()}
        if not words & _NOT_A_STREET:
            return True
    return False


# Checking a plan --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDetails:
    """What a practitioner chose or typed for a plan, as codes. The service checks every part."""

    sibling: str  # a person id from the young person's people who matter, or OTHER_SIBLING
    sibling_name: str = ""
    how_often: str = ""
    how_often_words: str = ""
    ways: frozenset[str] = frozenset()
    place: str = ""
    who_else: str = ""
    who_else_words: str = ""
    arranged_by: str = ""
    arranged_by_words: str = ""
    next_on: date | None = None
    review_on: date | None = None
    live_apart: str = ""  # "yes" or "no"
    why_apart: str = ""


@dataclass(frozen=True)
class _CleanPlan:
    person: PersonWhoMatters | None
    sibling_name: str
    how_often: HowOften
    how_often_words: str | None
    ways: frozenset[Way]
    place: Place
    who_else: WhoElse
    who_else_words: str | None
    arranged_by: Arranger
    arranged_by_words: str | None
    next_on: date | None
    review_on: date
    live_apart: bool
    why_apart: str | None


def _choice(kind: type, value: str | None, code: str, field_name: str) -> Any:
    try:
        return kind(value)
    except ValueError as error:
        raise Refused(code, field_name) from error


def _no_contact_details(text: str | None, field_name: str) -> None:
    if text and looks_like_contact_details(text):
        raise Refused("contact_details_in_plan", field_name)


def _other_words(chosen: Any, typed: str, field_name: str) -> str | None:
    """The words for an "other" choice: needed then, ignored otherwise."""
    if str(chosen) != "other":
        return None
    words = clean_line(typed)
    if not words:
        raise Refused(f"{field_name}_missing", field_name)
    if len(words) > OTHER_WORDS_MAX:
        raise Refused("plan_words_too_long", field_name)
    _no_contact_details(words, field_name)
    return words


def _sibling(details: PlanDetails, people: dict[str, PersonWhoMatters]) -> tuple[PersonWhoMatters | None, str]:
    if details.sibling and details.sibling != OTHER_SIBLING:
        person = people.get(details.sibling)
        if person is None:
            raise Refused("sibling_unknown", "sibling")
        return person, person.name
    if details.sibling != OTHER_SIBLING:
        raise Refused("sibling_missing", "sibling")
    name = clean_line(details.sibling_name)
    if not name:
        raise Refused("sibling_name_missing", "sibling_name")
    if len(name) > SIBLING_NAME_MAX:
        raise Refused("sibling_name_too_long", "sibling_name")
    if any(ch.isdigit() for ch in name) or looks_like_contact_details(name):
        raise Refused("sibling_first_name_only", "sibling_name")
    return None, name


def check_plan(details: PlanDetails, people: dict[str, PersonWhoMatters], today: date) -> _CleanPlan:
    """Check a plan as sent. `people` are the brothers and sisters the practitioner may link it to, by id."""
    person, name = _sibling(details, people)
    if not details.how_often:
        raise Refused("how_often_missing", "how_often")
    how_often = _choice(HowOften, details.how_often, "how_often_missing", "how_often")
    try:
        ways = frozenset(Way(way) for way in details.ways)
    except ValueError as error:
        raise Refused("plan_ways_unknown", "ways") from error
    if not ways:
        raise Refused("plan_ways_missing", "ways")
    place = _choice(Place, details.place, "place_missing", "place")
    who_else = _choice(WhoElse, details.who_else, "who_else_missing", "who_else")
    arranged_by = _choice(Arranger, details.arranged_by, "arranged_by_missing", "arranged_by")
    if details.next_on is not None:
        if details.next_on < today:
            raise Refused("plan_next_date_past", "next_on")
        if details.next_on > today + FURTHEST_AHEAD:
            raise Refused("plan_date_too_far", "next_on")
    if details.review_on is None:
        raise Refused("plan_review_date_missing", "review_on")
    if details.review_on < today:
        raise Refused("plan_review_date_past", "review_on")
    if details.review_on > today + FURTHEST_AHEAD:
        raise Refused("plan_date_too_far", "review_on")
    if details.live_apart not in ("yes", "no"):
        raise Refused("live_apart_missing", "live_apart")
    live_apart = details.live_apart == "yes"
    why = clean_text(details.why_apart) if live_apart else ""
    if live_apart and not why:
        raise Refused("why_apart_missing", "why_apart")
    if len(why) > WHY_APART_MAX:
        raise Refused("why_apart_too_long", "why_apart")
    _no_contact_details(why, "why_apart")
    return _CleanPlan(
        person=person,
        sibling_name=name,
        how_often=how_often,
        how_often_words=_other_words(how_often, details.how_often_words, "how_often_words"),
        ways=ways,
        place=place,
        who_else=who_else,
        who_else_words=_other_words(who_else, details.who_else_words, "who_else_words"),
        arranged_by=arranged_by,
        arranged_by_words=_other_words(arranged_by, details.arranged_by_words, "arranged_by_words"),
        next_on=details.next_on,
        review_on=details.review_on,
        live_apart=live_apart,
        why_apart=why or None,
    )


def _apply(plan: FamilyTimePlan, clean: _CleanPlan) -> None:
    relinked = plan.person_id != (clean.person.id if clean.person else None)
    plan.person_id = clean.person.id if clean.person else None
    # A linked brother or sister keeps the name the plan was written with until the link changes: the young
    # person renaming their own entry is not a change to the plan.
    if relinked or clean.person is None or not plan.sibling_name:
        plan.sibling_name = clean.sibling_name
    plan.how_often = clean.how_often
    plan.how_often_words = clean.how_often_words
    plan.set_ways(clean.ways)
    plan.place = clean.place
    plan.who_else = clean.who_else
    plan.who_else_words = clean.who_else_words
    plan.arranged_by = clean.arranged_by
    plan.arranged_by_words = clean.arranged_by_words
    plan.next_on = clean.next_on
    plan.review_on = clean.review_on
    plan.live_apart = clean.live_apart
    plan.why_apart = clean.why_apart


# Versions and what changed ------------------------------------------------------------------------------------


def changed_groups(before: Any, after: Any) -> list[str]:
    """Which groups of a plan differ between two versions (or a version and the plan), in page order."""
    return [
        group
        for group, fields in CHANGE_GROUPS.items()
        if any(getattr(before, name) != getattr(after, name) for name in fields)
    ]


def is_routine(groups: Iterable[str]) -> bool:
    """A change that only moves the next date: the young person is told, but no advocacy offer follows."""
    return set(groups) <= ROUTINE_GROUPS


def _snapshot(plan: FamilyTimePlan, user: User, changed: list[str]) -> FamilyTimePlanVersion:
    version = FamilyTimePlanVersion(
        plan_id=plan.id,
        version=plan.version,
        changed=",".join(changed) or None,
        saved_at=plan.updated_at,
        saved_by_id=user.id,
    )
    for name in PLAN_FIELDS:
        setattr(version, name, getattr(plan, name))
    db.session.add(version)
    return version


@dataclass(frozen=True)
class Change:
    """One save of a plan after the first: when, which groups, and the versions before and after."""

    at: datetime
    groups: tuple[str, ...]
    before: FamilyTimePlanVersion
    after: FamilyTimePlanVersion
    by: User | None = None


def changes_between(versions: list[FamilyTimePlanVersion], *, with_who: bool = False) -> list[Change]:
    """Every change of a plan, newest first, from its versions (any order). `with_who` adds who saved each one
    (load FamilyTimePlanVersion.saved_by with the versions first)."""
    ordered = sorted(versions, key=lambda v: v.version)
    found = []
    for before, after in pairwise(ordered):
        groups = after.changed_fields or tuple(changed_groups(before, after))
        if groups:
            found.append(Change(after.saved_at, groups, before, after, after.saved_by if with_who else None))
    return list(reversed(found))


# Loading ------------------------------------------------------------------------------------------------------


def _own_plan(user: User, plan_id: uuid.UUID, *, for_update: bool = False) -> FamilyTimePlan:
    """One of the acting young person's own plans, or NotFound (whether it is someone else's or not there)."""
    if user.role not in YOUNG_PEOPLE:
        raise NotFound
    query = (
        select(FamilyTimePlan)
        .join(YoungPerson, YoungPerson.id == FamilyTimePlan.young_person_id)
        .options(
            contains_eager(FamilyTimePlan.young_person).joinedload(YoungPerson.council),
            joinedload(FamilyTimePlan.person),
        )
        .where(FamilyTimePlan.id == plan_id, YoungPerson.user_id == user.id)
    )
    if for_update:
        query = query.with_for_update(of=FamilyTimePlan).execution_options(populate_existing=True)
    plan = db.session.scalar(query)
    if plan is None or not owns_young_person(user, plan.young_person):
        raise NotFound
    return plan


def _staff_young_person(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, list[Allocation]]:
    if user.role in YOUNG_PEOPLE:
        raise NotFound
    young_person = db.session.scalar(
        select(YoungPerson)
        .options(joinedload(YoungPerson.council), joinedload(YoungPerson.user))
        .where(YoungPerson.id == young_person_id)
    )
    if young_person is None:
        raise NotFound
    allocations = allocations_with_staff(young_person.id)
    if not can_see_family_time(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person, allocations


def _plan_for_practitioner(
    user: User, plan_id: uuid.UUID, *, for_update: bool = False
) -> tuple[FamilyTimePlan, list[Allocation]]:
    if user.role is not Role.practitioner:
        raise NotFound
    query = (
        select(FamilyTimePlan)
        .options(
            joinedload(FamilyTimePlan.young_person).joinedload(YoungPerson.council),
            joinedload(FamilyTimePlan.young_person).joinedload(YoungPerson.user),
            joinedload(FamilyTimePlan.person),
        )
        .where(FamilyTimePlan.id == plan_id)
    )
    if for_update:
        query = query.with_for_update(of=FamilyTimePlan).execution_options(populate_existing=True)
    plan = db.session.scalar(query)
    if plan is None:
        raise NotFound
    allocations = allocations_with_staff(plan.young_person_id)
    if not can_write_family_time(user, plan.young_person, allocations, clock.today()):
        raise NotFound
    return plan, allocations


def _sort_plans(plans: Iterable[FamilyTimePlan]) -> list[FamilyTimePlan]:
    """The next date first; plans without one after, newest first."""
    return sorted(
        plans,
        key=lambda p: (p.next_on is None, p.next_on or date.max, -p.created_at.timestamp(), str(p.id)),
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


def _base_url() -> str:
    return str(current_app.config["ORBIT_SETTINGS"].base_url).rstrip("/")


def _tell_young_person(young_person: YoungPerson) -> None:
    """Content-free: "You have something new in Orbit", only if they gave an address to be told at."""
    user = young_person.user
    if user is not None and user.email and user.is_active:
        queue_to_address(user.email, YOUNG_PERSON_SUBJECT, YOUNG_PERSON_BODY, user)


def _current_staff(allocations: Iterable[Allocation], kinds: Iterable[AllocationKind]) -> list[User]:
    wanted = set(kinds)
    today = clock.today()
    return [a.staff for a in allocations if a.kind in wanted and is_current(a, today) and a.staff.is_active]


def _tell_staff(young_person: YoungPerson, allocations: list[Allocation], plan: FamilyTimePlan, missed: bool) -> None:
    """Staff messages carry a link, never the young person's words or names. "Didn't happen" and "cut short"
    reach the reviewing officer too, at once."""
    base = _base_url()
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
    audit.record(
        AuditAction.family_time_plan_changed,
        actor=user,
        object_type="family_time_plan",
        object_id=plan.id,
        young_person_id=plan.young_person_id,
    )
    offer_advocacy(plan.young_person, OfferReason.family_time_changed, made_by=user)


# The young person's own pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanCard:
    """One plan as the young person reads it: the name they use, what changed lately, how they last felt."""

    plan: FamilyTimePlan
    name: str
    last_change: Change | None
    last_feeling: FamilyTimeEntry | None

    @property
    def date_has_gone(self) -> bool:
        return self.plan.next_on is not None and self.plan.next_on < clock.today()


@dataclass(frozen=True)
class MyFamilyTime:
    young_person: YoungPerson
    cards: list[PlanCard]


def _name_for_owner(plan: FamilyTimePlan) -> str:
    return plan.person.name if plan.person is not None else plan.sibling_name


def my_family_time(user: User) -> MyFamilyTime:
    """Every plan for the young person, the next date first, each with what changed lately and their last
    feeling about it."""
    young_person = own_young_person(user)
    plans = _sort_plans(
        db.session.scalars(
            select(FamilyTimePlan)
            .options(joinedload(FamilyTimePlan.person))
            .where(FamilyTimePlan.young_person_id == young_person.id)
        )
    )
    versions: dict[uuid.UUID, list[FamilyTimePlanVersion]] = defaultdict(list)
    for version in db.session.scalars(
        select(FamilyTimePlanVersion)
        .join(FamilyTimePlan, FamilyTimePlan.id == FamilyTimePlanVersion.plan_id)
        .where(
            FamilyTimePlan.young_person_id == young_person.id,
            FamilyTimePlan.version > 1,
            FamilyTimePlan.updated_at >= clock.now() - RECENT_CHANGE,
            FamilyTimePlanVersion.version >= FamilyTimePlan.version - 1,
        )
    ):
        versions[version.plan_id].append(version)
    feelings: dict[uuid.UUID, FamilyTimeEntry] = {}
    for entry in db.session.scalars(
        select(FamilyTimeEntry)
        .where(FamilyTimeEntry.young_person_id == young_person.id, FamilyTimeEntry.kind == EntryKind.feeling)
        .order_by(FamilyTimeEntry.created_at.desc(), FamilyTimeEntry.id)
    ):
        feelings.setdefault(entry.plan_id, entry)
    cards = []
    for plan in plans:
        changes = changes_between(versions.get(plan.id, []))
        cards.append(PlanCard(plan, _name_for_owner(plan), changes[0] if changes else None, feelings.get(plan.id)))
    return MyFamilyTime(young_person=young_person, cards=cards)


@dataclass(frozen=True)
class SaidItem:
    entry: FamilyTimeEntry
    replies: list[FamilyTimeReply]


@dataclass(frozen=True)
class MyPlan:
    plan: FamilyTimePlan
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
    versions = list(db.session.scalars(select(FamilyTimePlanVersion).where(FamilyTimePlanVersion.plan_id == plan.id)))
    entries = list(
        db.session.scalars(
            select(FamilyTimeEntry)
            .where(FamilyTimeEntry.plan_id == plan.id, FamilyTimeEntry.young_person_id == plan.young_person_id)
            .order_by(FamilyTimeEntry.created_at.desc(), FamilyTimeEntry.id)
        )
    )
    replies = _replies_to(FamilyTimeEntry.plan_id == plan.id, FamilyTimeEntry.young_person_id == plan.young_person_id)
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

    plan: FamilyTimePlan
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
            select(FamilyTimePlanVersion).where(
                FamilyTimePlanVersion.plan_id == plan.id, FamilyTimePlanVersion.version >= plan.version - 1
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


def _entry_by_key(young_person_id: uuid.UUID, key: uuid.UUID) -> FamilyTimeEntry | None:
    return db.session.scalar(
        select(FamilyTimeEntry).where(
            FamilyTimeEntry.young_person_id == young_person_id, FamilyTimeEntry.submission_key == key
        )
    )


def _words(typed: str | None, *, required: str | None = None) -> str | None:
    words = clean_text(typed)
    if required and not words:
        raise Refused(required, "words")
    if len(words) > ENTRY_WORDS_MAX:
        raise Refused("family_time_words_too_long", "words")
    return words or None


def _add_entry(user: User, plan: FamilyTimePlan, entry: FamilyTimeEntry, action: AuditAction) -> FamilyTimeEntry:
    """Save what the young person said, once per form (the same form sent twice gives back the first)."""
    existing = _entry_by_key(plan.young_person_id, entry.submission_key)
    if existing is not None:
        return existing
    try:
        with db.session.begin_nested():
            db.session.add(entry)
    except IntegrityError:
        existing = _entry_by_key(plan.young_person_id, entry.submission_key)
        if existing is None:
            raise
        return existing
    allocations = allocations_with_staff(plan.young_person_id)
    _tell_staff(plan.young_person, allocations, plan, missed=entry.is_missed)
    audit.record(
        action,
        actor=user,
        object_type="family_time_entry",
        object_id=entry.id,
        young_person_id=plan.young_person_id,
    )
    return entry


def _check_plan_version(plan: FamilyTimePlan, version: int | None) -> None:
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
) -> FamilyTimeEntry:
    """How the young person feels about a plan. Their worker sees it; their review only if they send it there;
    their advocate only if they share it with them."""
    plan = _own_plan(user, plan_id, for_update=True)
    chosen = _choice(Feeling, feeling, "family_time_feeling_missing", "feeling") if feeling else None
    if chosen is None:
        raise Refused("family_time_feeling_missing", "feeling")
    clean = _words(words)
    _check_plan_version(plan, plan_version)
    entry = FamilyTimeEntry(
        plan_id=plan.id,
        young_person_id=plan.young_person_id,
        kind=EntryKind.feeling,
        feeling=chosen,
        words=clean,
        shared_with_review=to_review,
        shared_with_advocate=to_advocate,
        plan_version=plan.version,
        submission_key=submission_key,
        created_at=clock.now(),
    )
    return _add_entry(user, plan, entry, AuditAction.family_time_feeling_sent)


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
) -> FamilyTimeEntry:
    """ "This didn't happen" or "it was cut short", for a date. It reaches their worker and the person who runs
    their reviews at once, whatever changed in the plan meanwhile (a missed visit is never held back)."""
    plan = _own_plan(user, plan_id, for_update=True)
    chosen = _choice(EntryKind, kind, "missed_kind_missing", "kind") if kind else None
    if chosen not in MISSED_KINDS:
        raise Refused("missed_kind_missing", "kind")
    today = clock.today()
    if on_date is None:
        raise Refused("missed_date_missing", "on_date")
    if on_date > today:
        raise Refused("missed_date_future", "on_date")
    if on_date < today - MISSED_FURTHEST_BACK:
        raise Refused("missed_date_too_old", "on_date")
    entry = FamilyTimeEntry(
        plan_id=plan.id,
        young_person_id=plan.young_person_id,
        kind=chosen,
        on_date=on_date,
        words=_words(words),
        shared_with_review=True,
        shared_with_advocate=to_advocate,
        plan_version=plan_version if plan_version is not None else plan.version,
        submission_key=submission_key,
        created_at=clock.now(),
    )
    return _add_entry(user, plan, entry, AuditAction.family_time_missed_reported)


def ask_for_change(
    user: User,
    plan_id: uuid.UUID,
    plan_version: int | None,
    words: str,
    *,
    to_advocate: bool,
    submission_key: uuid.UUID,
) -> FamilyTimeEntry:
    """A change the young person wants, in their own words, to their worker (and advocate if they choose)."""
    plan = _own_plan(user, plan_id, for_update=True)
    clean = _words(words, required="change_words_missing")
    _check_plan_version(plan, plan_version)
    entry = FamilyTimeEntry(
        plan_id=plan.id,
        young_person_id=plan.young_person_id,
        kind=EntryKind.change_request,
        words=clean,
        shared_with_review=False,
        shared_with_advocate=to_advocate,
        plan_version=plan.version,
        submission_key=submission_key,
        created_at=clock.now(),
    )
    return _add_entry(user, plan, entry, AuditAction.family_time_change_asked)


# What staff see ----------------------------------------------------------------------------------------------


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
    plans = _sort_plans(
        db.session.scalars(
            select(FamilyTimePlan)
            .options(joinedload(FamilyTimePlan.person))
            .where(FamilyTimePlan.young_person_id == young_person.id, family_time_plan_clause(user.role))
        )
    )
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


def _plan_by_key(young_person_id: uuid.UUID, key: uuid.UUID) -> FamilyTimePlan | None:
    return db.session.scalar(
        select(FamilyTimePlan).where(
            FamilyTimePlan.young_person_id == young_person_id, FamilyTimePlan.submission_key == key
        )
    )


def add_plan(user: User, young_person_id: uuid.UUID, details: PlanDetails, submission_key: uuid.UUID) -> FamilyTimePlan:
    """A practitioner writes a plan for one of their young people. The young person is told something is new."""
    young_person, allocations = _staff_young_person(user, young_person_id)
    today = clock.today()
    if not can_write_family_time(user, young_person, allocations, today):
        raise NotFound
    existing = _plan_by_key(young_person.id, submission_key)
    if existing is not None:
        return existing
    clean = check_plan(details, _linkable(user, young_person, allocations), today)
    now = clock.now()
    plan = FamilyTimePlan(
        young_person_id=young_person.id,
        version=1,
        submission_key=submission_key,
        created_at=now,
        created_by_id=user.id,
        updated_at=now,
        updated_by_id=user.id,
        sibling_name="",
    )
    _apply(plan, clean)
    try:
        with db.session.begin_nested():
            db.session.add(plan)
    except IntegrityError:
        existing = _plan_by_key(young_person.id, submission_key)
        if existing is None:
            raise
        return existing
    _snapshot(plan, user, [])
    audit.record(
        AuditAction.family_time_plan_added,
        actor=user,
        object_type="family_time_plan",
        object_id=plan.id,
        young_person_id=young_person.id,
    )
    _tell_young_person(young_person)
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
        audit.record(
            AuditAction.family_time_date_changed,
            actor=user,
            object_type="family_time_plan",
            object_id=plan.id,
            young_person_id=plan.young_person_id,
        )
    else:
        _plan_changed_for_advocacy(user, plan)
    _tell_young_person(plan.young_person)
    return PlanSaved(plan, tuple(groups))


# Replies --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryForReply:
    entry: FamilyTimeEntry
    plan: FamilyTimePlan
    name: str
    replies: list[FamilyTimeReply]


def _entry_for_practitioner(user: User, entry_id: uuid.UUID) -> tuple[FamilyTimeEntry, list[Allocation]]:
    if user.role is not Role.practitioner:
        raise NotFound
    entry = db.session.scalar(
        select(FamilyTimeEntry)
        .options(
            joinedload(FamilyTimeEntry.plan).joinedload(FamilyTimePlan.young_person).joinedload(YoungPerson.user),
            joinedload(FamilyTimeEntry.plan).joinedload(FamilyTimePlan.person),
        )
        .where(FamilyTimeEntry.id == entry_id)
    )
    if entry is None:
        raise NotFound
    allocations = allocations_with_staff(entry.young_person_id)
    young_person = entry.plan.young_person
    if entry.plan.young_person_id != entry.young_person_id or not can_write_family_time(
        user, young_person, allocations, clock.today()
    ):
        raise NotFound
    return entry, allocations


def entry_for_reply(user: User, entry_id: uuid.UUID) -> EntryForReply:
    """One thing the young person said, with the replies so far, for their practitioner to answer. Audited."""
    entry, allocations = _entry_for_practitioner(user, entry_id)
    replies = _replies_to(FamilyTimeEntry.id == entry.id)
    _audit_view(user, entry.young_person_id, "family_time_entry", entry.id)
    name = family_time_sibling_name(user, entry.plan, entry.plan.young_person, allocations, clock.today())
    return EntryForReply(entry, entry.plan, name, replies.get(entry.id, []))


def reply(user: User, entry_id: uuid.UUID, words: str) -> FamilyTimeEntry:
    """A reply in words the young person reads; returns what it answers. They are told something is new (never
    what)."""
    entry, _allocations = _entry_for_practitioner(user, entry_id)
    clean = clean_text(words)
    if not clean:
        raise Refused("reply_missing", "words")
    if len(clean) > REPLY_MAX:
        raise Refused("reply_too_long", "words")
    answer = FamilyTimeReply(entry_id=entry.id, words=clean, by_id=user.id, created_at=clock.now())
    db.session.add(answer)
    db.session.flush()
    audit.record(
        AuditAction.family_time_replied,
        actor=user,
        object_type="family_time_entry",
        object_id=entry.id,
        young_person_id=entry.young_person_id,
    )
    _tell_young_person(entry.plan.young_person)
    return entry


# For the review pack ---------------------------------------------------------------------------------------------


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
    plans = _sort_plans(
        db.session.scalars(
            select(FamilyTimePlan)
            .options(joinedload(FamilyTimePlan.person))
            .where(FamilyTimePlan.young_person_id == young_person.id)
        )
    )
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
