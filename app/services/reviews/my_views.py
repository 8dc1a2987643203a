"""Reviews: dates on the statutory pattern, "my views" as a draft on the server, notes "for my next review",
the reviewing officer's upcoming list and review pack, and "you said / we did / because" with agree or disagree.

Who sees what:
- the young person: all their own reviews, views, notes and answers;
- their social worker or personal adviser: the review dates (they keep them), never the views or notes;
- the reviewing officer allocated now: the views once sent, notes, the people shared with "my review", and writes
  what was decided. Every look is audited. Nobody else sees any of it.

Every function takes the acting user; nothing here commits (the request does, once).

Hooks for features built alongside this one, each looked up when used, so this works (showing "not known yet"
for advocacy, and nothing for family time) while the other feature is missing:
- advocacy: `flask tick` calls `app.services.advocacy.offer_advocacy(young_person, OfferReason.review_coming)` a
  number of working days before each review (`advocacy_review_offer_working_days` in [tool.orbit]); a review is
  marked offered only once that exists. Whether an advocate is involved and will attend the review follows the
  rule of `app.services.advocacy.summary_for_staff` (that yes or no, nothing else), asked in the queries the pack
  and the upcoming list already make, so both keep to their query budget.
- family time: the review pack shows the plans, the feelings sent to the review and the sessions missed since
  the last review, read with the family time feature's own access rules (app.access.family_time_plan_clause and
  family_time_entry_clause) in two queries: `app.services.family_time.family_time_for_review` gives the same,
  but would take the pack past its 10-query budget. The upcoming list counts missed sessions for all its young
  people in one query; the young person's family time step offers back their plans and how they said they felt.
"""

from __future__ import annotations

import importlib
import importlib.util
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import String, and_, case, exists, func, null, or_, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    can_chair_review,
    can_schedule_review,
    chaired_young_people,
    current_allocation_clause,
    is_current,
    shared_with_clause,
    young_person_scope,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    Attendance,
    Audience,
    AuditAction,
    Circle,
    Council,
    PersonWhoMatters,
    Point,
    Reaction,
    Review,
    ReviewNote,
    ReviewResponse,
    ReviewStatus,
    ReviewViews,
    ReviewViewsPerson,
    User,
    YoungPerson,
)
from app.models.reviews import DECISION_MAX, PLACE_MAX, WORDS_MAX
from app.roles import YOUNG_PEOPLE, Role
from app.services import audit, people
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address
from app.services.ownership import own_young_person

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
ADVOCACY_OFFER_HOUR = 9
NOTES_SHOWN = 20
LIST_LIMIT = 200
FURTHEST_AHEAD_DAYS = 2 * 366

# The steps of "my views", in order: (code, the fields each saves).
STEPS: tuple[str, ...] = ("going_well", "hard", "people", "family_time", "change", "taking_part")
TEXT_STEPS = {"going_well": "going_well", "hard": "hard", "family_time": "family_time", "change": "change"}


# The statutory pattern ----------------------------------------------------------------------------------


def statutory_due(number: int, entered_care_on: date | None, previous_held_on: date | None) -> date | None:
    """When review `number` is due: the first within 20 working days of coming into care, the second within 3
    months of the first, every later one within 6 months of the one before. None when that is not known."""
    if number <= 1:
        if entered_care_on is None:
            return None
        return clock.working_days_after(entered_care_on, FIRST_REVIEW_WORKING_DAYS)
    if previous_held_on is None:
        return None
    return clock.add_months(previous_held_on, SECOND_REVIEW_MONTHS if number == 2 else LATER_REVIEW_MONTHS)


@dataclass(frozen=True)
class Proposal:
    """What Orbit proposes for the next review: its number, when it is due, and a date to offer."""

    number: int
    due_on: date | None
    proposed_on: date
    overdue: bool


def propose_next(entered_care_on: date | None, reviews: list[Review], today: date) -> Proposal:
    """The next review after those already set: due by the pattern; offered on its due date, or on the next
    working day when that has already passed."""
    ordered = sorted(reviews, key=lambda r: (r.held_on, r.created_at))
    number = len(ordered) + 1
    previous = ordered[-1].held_on if ordered else None
    due = statutory_due(number, entered_care_on, previous)
    if due is not None and due >= today:
        return Proposal(number, due, due, overdue=False)
    proposed = today if clock.is_working_day(today) else clock.working_days_after(today, 1)
    return Proposal(number, due, proposed, overdue=due is not None)


def renumber(entered_care_on: date | None, reviews: Iterable[Review]) -> None:
    """Put a young person's reviews in date order and set each one's number and statutory due date again."""
    previous: date | None = None
    for number, review in enumerate(sorted(reviews, key=lambda r: (r.held_on, r.created_at)), start=1):
        review.number = number
        review.due_on = statutory_due(number, entered_care_on, previous)
        previous = review.held_on


def _rules() -> dict[str, Any]:
    return current_app.config["ORBIT_RULES"]


def upcoming_days() -> int:
    return int(_rules().get("review_upcoming_days", 30))


def advocacy_offer_due(held_on: date) -> datetime:
    """The moment an advocacy offer is due before a review: N working days before it, at 9 in the morning."""
    days = int(_rules().get("advocacy_review_offer_working_days", 10))
    day = clock.working_days_before(held_on, days)
    return datetime.combine(day, time(ADVOCACY_OFFER_HOUR), clock.LONDON).astimezone(UTC)


# Cleaning words -------------------------------------------------------------------------------------------


def _words(typed: str | None, field_name: str, maximum: int = WORDS_MAX) -> str | None:
    words = people.clean_text(typed)
    if len(words) > maximum:
        raise Refused("review_words_too_long", field_name)
    return words or None


# Hooks for features built alongside this one --------------------------------------------------------------


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


# Loading --------------------------------------------------------------------------------------------------


def _allocations(young_person_id: uuid.UUID) -> list[Allocation]:
    return list(
        db.session.scalars(
            select(Allocation)
            .options(joinedload(Allocation.staff))
            .where(Allocation.young_person_id == young_person_id)
        )
    )


def _young_person_for(
    user: User, young_person_id: uuid.UUID, rule: Callable[..., bool]
) -> tuple[YoungPerson, list[Allocation]]:
    """A young person this member of staff may work with under `rule`, or NotFound (missing or not theirs)."""
    if user.role in YOUNG_PEOPLE:
        raise NotFound
    young_person = db.session.scalar(
        select(YoungPerson).options(joinedload(YoungPerson.council)).where(YoungPerson.id == young_person_id)
    )
    if young_person is None:
        raise NotFound
    allocations = _allocations(young_person.id)
    if not rule(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person, allocations


def _reviews_of(young_person_id: uuid.UUID) -> list[Review]:
    return list(
        db.session.scalars(
            select(Review)
            .options(joinedload(Review.chair))
            .where(Review.young_person_id == young_person_id)
            .order_by(Review.held_on, Review.created_at)
        )
    )


def _current_officer(allocations: list[Allocation], today: date) -> User | None:
    current = [
        a for a in allocations if a.kind is AllocationKind.reviewing_officer and is_current(a, today) and a.staff
    ]
    return max(current, key=lambda a: a.started_on).staff if current else None


def next_review(reviews: list[Review], today: date) -> Review | None:
    """The review a young person is getting ready for: the first one still to come."""
    return next((r for r in reviews if r.status is ReviewStatus.scheduled and r.held_on >= today), None)


def current_review(reviews: list[Review], today: date) -> Review | None:
    """The review a reviewing officer is working on: the first not yet answered (even if its day has passed),
    otherwise the last one held."""
    waiting = next((r for r in reviews if r.status is ReviewStatus.scheduled), None)
    return waiting or (reviews[-1] if reviews else None)


# Practitioners: review dates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PractitionerReviews:
    young_person: YoungPerson
    reviews: list[Review]
    proposal: Proposal
    officer: User | None
    officer_title: str


def reviews_for_practitioner(user: User, young_person_id: uuid.UUID) -> PractitionerReviews:
    young_person, allocations = _young_person_for(user, young_person_id, can_schedule_review)
    reviews = _reviews_of(young_person.id)
    today = clock.today()
    audit.record(
        AuditAction.reviews_viewed,
        actor=user,
        object_type="young_person",
        object_id=young_person.id,
        young_person_id=young_person.id,
    )
    return PractitionerReviews(
        young_person=young_person,
        reviews=reviews,
        proposal=propose_next(young_person.entered_care_on, reviews, today),
        officer=_current_officer(allocations, today),
        officer_title=young_person.council.reviewing_officer_title,
    )


def _check_when(held_on: date | None, place: str | None) -> tuple[date, str | None]:
    today = clock.today()
    if held_on is None:
        raise Refused("review_date_missing", "held_on")
    if held_on < today:
        raise Refused("review_date_past", "held_on")
    if held_on > today + timedelta(days=FURTHEST_AHEAD_DAYS):
        raise Refused("review_date_too_far", "held_on")
    where = people.clean_line(place)
    if len(where) > PLACE_MAX:
        raise Refused("review_place_too_long", "place")
    return held_on, where or None


def _set_entered_care(young_person: YoungPerson, entered_care_on: date | None) -> None:
    if entered_care_on is None:
        return
    if entered_care_on > clock.today() or entered_care_on < young_person.date_of_birth:
        raise Refused("entered_care_range", "entered_care_on")
    young_person.entered_care_on = entered_care_on


def schedule_review(
    user: User,
    young_person_id: uuid.UUID,
    *,
    held_on: date | None,
    starts_at: time | None = None,
    place: str | None = None,
    entered_care_on: date | None = None,
) -> Review:
    """Set the date of the next review. Any notes waiting for a date go with the first review still to come."""
    young_person, allocations = _young_person_for(user, young_person_id, can_schedule_review)
    when, where = _check_when(held_on, place)
    _set_entered_care(young_person, entered_care_on)
    today = clock.today()
    reviews = _reviews_of(young_person.id)
    if any(r.held_on == when for r in reviews):
        raise Refused("review_date_taken", "held_on")
    officer = _current_officer(allocations, today)
    now = clock.now()
    review = Review(
        young_person_id=young_person.id,
        held_on=when,
        starts_at=starts_at,
        place=where,
        status=ReviewStatus.scheduled,
        chair_id=officer.id if officer else None,
        created_by_id=user.id,
        created_at=now,
        updated_at=now,
        advocacy_offer_due_at=advocacy_offer_due(when),
    )
    db.session.add(review)
    renumber(young_person.entered_care_on, [*reviews, review])
    db.session.flush()
    _attach_waiting_notes(young_person.id, next_review(sorted([*reviews, review], key=_order), today))
    audit.record(
        AuditAction.review_scheduled,
        actor=user,
        object_type="review",
        object_id=review.id,
        young_person_id=young_person.id,
    )
    if officer is not None and officer.email and officer.is_active:
        queue_to_address(
            officer.email,
            "Orbit: a review date has been set",
            "A review date has been set for a young person whose reviews you chair. "
            "Sign in to Orbit to see your reviews.",
            officer,
        )
    return review


def _order(review: Review) -> tuple[date, datetime]:
    return review.held_on, review.created_at


def _attach_waiting_notes(young_person_id: uuid.UUID, review: Review | None) -> None:
    if review is None:
        return
    for note in db.session.scalars(
        select(ReviewNote).where(ReviewNote.young_person_id == young_person_id, ReviewNote.review_id.is_(None))
    ):
        note.review_id = review.id


def _review_for_practitioner(user: User, review_id: uuid.UUID, *, for_update: bool = False) -> Review:
    if user.role is not Role.practitioner:
        raise NotFound
    query = select(Review).where(Review.id == review_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    review = db.session.scalar(query)
    if review is None:
        raise NotFound
    _young_person_for(user, review.young_person_id, can_schedule_review)
    return review


def review_for_change(user: User, review_id: uuid.UUID) -> Review:
    return _review_for_practitioner(user, review_id)


def move_review(
    user: User, review_id: uuid.UUID, *, held_on: date | None, starts_at: time | None = None, place: str | None = None
) -> Review:
    """Change a review's date, time or place. Views, notes and answers belong to the review, so they follow it."""
    review = _review_for_practitioner(user, review_id, for_update=True)
    if review.status is not ReviewStatus.scheduled:
        raise Refused("review_already_held", "held_on")
    when, where = _check_when(held_on, place)
    reviews = _reviews_of(review.young_person_id)
    if any(r.held_on == when and r.id != review.id for r in reviews):
        raise Refused("review_date_taken", "held_on")
    moved = review.held_on != when
    review.held_on, review.starts_at, review.place = when, starts_at, where
    review.updated_at = clock.now()
    if moved and review.advocacy_offered_at is None:
        review.advocacy_offer_due_at = advocacy_offer_due(when)
    renumber(review.young_person.entered_care_on, reviews)
    audit.record(
        AuditAction.review_moved,
        actor=user,
        object_type="review",
        object_id=review.id,
        young_person_id=review.young_person_id,
    )
    return review


# The young person: their review and "my views" ------------------------------------------------------------


@dataclass
class MyViews:
    """What the young person sees while getting ready: the review, who chairs it, their draft or sent views."""

    young_person: YoungPerson
    review: Review | None
    officer: User | None
    officer_title: str
    views: ReviewViews | None
    past: list[Review]
    notes: list[ReviewNote] = field(default_factory=list)
    has_advocate: bool = False

    @property
    def sent(self) -> bool:
        return self.views is not None and self.views.is_sent and self.review is not None


def has_anything(views: ReviewViews, chosen: list[PersonWhoMatters]) -> bool:
    return bool(
        views.going_well
        or views.hard
        or views.people_words
        or views.family_time
        or views.change
        or views.attendance
        or views.with_advocate
        or views.talk_before
        or chosen
    )


def _views_for(young_person_id: uuid.UUID, review: Review | None) -> ReviewViews | None:
    """The views for the review to come: sent ones, or the draft (a draft from a review that has passed unsent
    carries on to the next one, so nothing written is lost)."""
    if review is None:
        clause = ReviewViews.sent_at.is_(None)
    else:
        clause = or_(ReviewViews.review_id == review.id, ReviewViews.sent_at.is_(None))
    order = case((ReviewViews.review_id == review.id, 0), else_=1) if review is not None else ReviewViews.created_at
    return db.session.scalar(
        select(ReviewViews)
        .where(ReviewViews.young_person_id == young_person_id, clause)
        .order_by(order, ReviewViews.created_at.desc())
        .limit(1)
    )


def my_review(user: User, *, with_notes: bool = True) -> MyViews:
    """The young person's review page: when, who chairs it, their views, their notes, and past reviews."""
    young_person = own_young_person(user)
    today = clock.today()
    reviews = _reviews_of(young_person.id)
    allocations = _allocations(young_person.id)
    coming = next_review(reviews, today)
    notes = (
        list(
            db.session.scalars(
                select(ReviewNote)
                .where(ReviewNote.young_person_id == young_person.id)
                .order_by(ReviewNote.created_at.desc())
                .limit(NOTES_SHOWN)
            )
        )
        if with_notes
        else []
    )
    return MyViews(
        young_person=young_person,
        review=coming,
        officer=_current_officer(allocations, today),
        officer_title=young_person.council.reviewing_officer_title,
        views=_views_for(young_person.id, coming),
        past=[r for r in reversed(reviews) if r.held_on < today or r.status is ReviewStatus.held],
        notes=notes,
        has_advocate=any(a.kind is AllocationKind.advocate and is_current(a, today) for a in allocations),
    )


@dataclass(frozen=True)
class PersonChoice:
    person: PersonWhoMatters
    included: bool


@dataclass
class StepPage:
    mine: MyViews
    choices: list[PersonChoice]
    family_time: Any = None

    @property
    def chosen(self) -> list[PersonWhoMatters]:
        return [c.person for c in self.choices if c.included]


def _choices(young_person_id: uuid.UUID, views: ReviewViews | None) -> list[PersonChoice]:
    """Everyone current in the young person's circles, ticked as they chose in this draft, or as they already
    share them with "my review" (tell it once)."""
    rows = db.session.execute(
        select(PersonWhoMatters, ReviewViewsPerson.included)
        .outerjoin(
            ReviewViewsPerson,
            and_(
                ReviewViewsPerson.person_id == PersonWhoMatters.id,
                ReviewViewsPerson.views_id == (views.id if views is not None else None),
            ),
        )
        .where(PersonWhoMatters.young_person_id == young_person_id, PersonWhoMatters.ended_at.is_(None))
    ).all()
    choices = [
        PersonChoice(person, person.shared_with_review if included is None else included) for person, included in rows
    ]
    return sorted(choices, key=lambda c: (list(Circle).index(c.person.circle), c.person.name.casefold()))


def views_page(user: User, step: str | None = None) -> StepPage:
    """What a step of "my views" shows (`step`), or the check page (None): the people step and the check page
    offer back the people who matter; the family time step offers back what they said about family time."""
    mine = my_review(user, with_notes=False)
    return StepPage(
        mine=mine,
        choices=_choices(mine.young_person.id, mine.views) if step in (None, "people") else [],
        family_time=_my_family_time(mine.young_person.id) if step == "family_time" else None,
    )


@dataclass(frozen=True)
class StepAnswers:
    """What one step sent: text for the text steps, ticked people and words, or how they want to take part."""

    text: str | None = None
    people: frozenset[str] = frozenset()
    people_words: str | None = None
    attendance: str | None = None
    with_advocate: bool = False
    talk_before: bool = False


def _draft(young_person: YoungPerson, review: Review) -> ReviewViews:
    """The draft for `review`, made on first save; a draft left from a review that passed moves to this one."""
    views = db.session.scalar(
        select(ReviewViews)
        .where(
            ReviewViews.young_person_id == young_person.id,
            or_(ReviewViews.review_id == review.id, ReviewViews.sent_at.is_(None)),
        )
        .order_by(case((ReviewViews.review_id == review.id, 0), else_=1))
        .limit(1)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if views is not None:
        if views.is_sent:
            raise Refused("views_already_sent")
        views.review_id = review.id
        return views
    now = clock.now()
    views = ReviewViews(
        review_id=review.id,
        young_person_id=young_person.id,
        with_advocate=False,
        talk_before=False,
        created_at=now,
        updated_at=now,
    )
    try:
        with db.session.begin_nested():
            db.session.add(views)
    except IntegrityError:
        # The same draft was started at the same moment on another phone or tab: use that one.
        views = db.session.scalar(select(ReviewViews).where(ReviewViews.review_id == review.id))
        if views is None:
            raise
        if views.is_sent:
            raise Refused("views_already_sent") from None
    return views


def save_step(user: User, step: str, answers: StepAnswers) -> ReviewViews:
    """Save one step of the draft. Every step may be left empty. Nothing reaches anyone until it is sent."""
    if step not in STEPS:
        raise NotFound
    young_person = own_young_person(user)
    review = next_review(_reviews_of(young_person.id), clock.today())
    if review is None:
        raise Refused("no_review_yet")
    # Check everything before anything is written.
    if step in TEXT_STEPS:
        text = _words(answers.text, "text")
    elif step == "people":
        words = _words(answers.people_words, "people_words")
        try:
            chosen = {uuid.UUID(code) for code in answers.people}
        except ValueError as error:
            raise Refused("person_unknown", "people") from error
        own = {
            person.id: person
            for person in db.session.scalars(
                select(PersonWhoMatters).where(
                    PersonWhoMatters.young_person_id == young_person.id, PersonWhoMatters.ended_at.is_(None)
                )
            )
        }
        if not chosen <= own.keys():
            raise Refused("person_unknown", "people")
    else:
        try:
            attendance = Attendance(answers.attendance) if answers.attendance else None
        except ValueError as error:
            raise Refused("attendance_unknown", "attendance") from error
    views = _draft(young_person, review)
    if step in TEXT_STEPS:
        setattr(views, TEXT_STEPS[step], text)
    elif step == "people":
        views.people_words = words
        saved = {
            row.person_id: row
            for row in db.session.scalars(select(ReviewViewsPerson).where(ReviewViewsPerson.views_id == views.id))
        }
        for person_id in own:
            row = saved.get(person_id)
            if row is None:
                db.session.add(ReviewViewsPerson(views_id=views.id, person_id=person_id, included=person_id in chosen))
            else:
                row.included = person_id in chosen
    else:
        views.attendance = attendance
        views.with_advocate = answers.with_advocate
        views.talk_before = answers.talk_before
    views.updated_at = clock.now()
    return views


def send_views(user: User) -> ReviewViews:
    """Send the views to the reviewing officer. The people ticked are shared with "my review" (and those left out
    are not). Sending twice is refused with code "views_already_sent": the first sending stands."""
    young_person = own_young_person(user)
    today = clock.today()
    review = next_review(_reviews_of(young_person.id), today)
    if review is None:
        raise Refused("no_review_yet")
    views = _views_for(young_person.id, review)
    if views is not None and views.is_sent:
        raise Refused("views_already_sent")
    choices = _choices(young_person.id, views)
    if views is None or not has_anything(views, [c.person for c in choices if c.included]):
        raise Refused("views_empty")
    views = _draft(young_person, review)
    for choice in choices:
        if choice.person.shared_with_review != choice.included:
            audiences = {a.value for a in choice.person.audiences}
            audiences.symmetric_difference_update({Audience.review.value})
            people.set_sharing(user, choice.person.id, choice.person.version, sorted(audiences))
    views.sent_at = clock.now()
    views.updated_at = views.sent_at
    audit.record(
        AuditAction.review_views_sent,
        actor=user,
        object_type="review",
        object_id=review.id,
        young_person_id=young_person.id,
    )
    officer = _current_officer(_allocations(young_person.id), today)
    if officer is not None and officer.email and officer.is_active:
        queue_to_address(
            officer.email,
            "Orbit: views have arrived for a review",
            "A young person whose reviews you chair has sent their views. Sign in to Orbit to read them.",
            officer,
        )
    return views


def send_note(user: User, words: str) -> ReviewNote:
    """A note "for my next review", sent at once. It goes with the next review, or the next one set."""
    young_person = own_young_person(user)
    text = _words(words, "words")
    if not text:
        raise Refused("note_missing", "words")
    review = next_review(_reviews_of(young_person.id), clock.today())
    note = ReviewNote(
        young_person_id=young_person.id, review_id=review.id if review else None, words=text, created_at=clock.now()
    )
    db.session.add(note)
    db.session.flush()
    audit.record(
        AuditAction.review_note_sent,
        actor=user,
        object_type="review_note",
        object_id=note.id,
        young_person_id=young_person.id,
    )
    return note


# Points: what the young person said, each with its answer -------------------------------------------------


@dataclass(frozen=True)
class PointItem:
    """One thing the young person said, with the reviewing officer's answer if there is one."""

    key: str
    point: Point
    note: ReviewNote | None
    response: ReviewResponse | None


def points_for(views: ReviewViews | None, notes: list[ReviewNote], shared: list[PersonWhoMatters]) -> list[Point]:
    """Which parts of the views have something in them (each gets an answer)."""
    found: list[Point] = []
    if views is None or not views.is_sent:
        return found
    if views.going_well:
        found.append(Point.going_well)
    if views.hard:
        found.append(Point.hard)
    if views.people_words or shared:
        found.append(Point.people)
    if views.family_time:
        found.append(Point.family_time)
    if views.change:
        found.append(Point.change)
    if views.attendance or views.with_advocate or views.talk_before:
        found.append(Point.taking_part)
    return found


def _point_items(
    views: ReviewViews | None,
    notes: list[ReviewNote],
    shared: list[PersonWhoMatters],
    responses: list[ReviewResponse],
) -> list[PointItem]:
    by_key = {r.point_key: r for r in responses}
    items = [PointItem(p.value, p, None, by_key.get(p.value)) for p in points_for(views, notes, shared)]
    for note in sorted(notes, key=lambda n: n.created_at):
        key = f"note-{note.id.hex}"
        items.append(PointItem(key, Point.note, note, by_key.get(key)))
    items.append(PointItem(Point.general.value, Point.general, None, by_key.get(Point.general.value)))
    return items


@dataclass
class ReviewAnswers:
    """ "You said / we did / because" for one review, as the young person reads it."""

    young_person: YoungPerson
    review: Review
    views: ReviewViews | None
    shared: list[PersonWhoMatters]
    items: list[PointItem]
    officer_title: str

    @property
    def answered(self) -> list[PointItem]:
        return [item for item in self.items if item.response is not None and item.response.decided]


def _sent_views(review_id: uuid.UUID) -> ReviewViews | None:
    return db.session.scalar(
        select(ReviewViews).where(ReviewViews.review_id == review_id, ReviewViews.sent_at.is_not(None))
    )


def _notes_of(review_id: uuid.UUID) -> list[ReviewNote]:
    return list(db.session.scalars(select(ReviewNote).where(ReviewNote.review_id == review_id)))


def _responses_of(review_id: uuid.UUID) -> list[ReviewResponse]:
    return list(db.session.scalars(select(ReviewResponse).where(ReviewResponse.review_id == review_id)))


def _shared_with_review(young_person_id: uuid.UUID) -> list[PersonWhoMatters]:
    return list(
        db.session.scalars(
            select(PersonWhoMatters)
            .where(
                PersonWhoMatters.young_person_id == young_person_id,
                PersonWhoMatters.ended_at.is_(None),
                shared_with_clause(Role.reviewing_officer),
            )
            .order_by(PersonWhoMatters.name)
        )
    )


def _own_review(user: User, review_id: uuid.UUID) -> tuple[YoungPerson, Review]:
    young_person = own_young_person(user)
    review = db.session.scalar(select(Review).options(joinedload(Review.chair)).where(Review.id == review_id))
    if review is None or review.young_person_id != young_person.id:
        raise NotFound
    return young_person, review


def my_answers(user: User, review_id: uuid.UUID) -> ReviewAnswers:
    """One of the young person's reviews: what they said and, once sent, what was decided and why."""
    young_person, review = _own_review(user, review_id)
    views = _sent_views(review.id)
    shared = _shared_with_review(young_person.id)
    # Always asked (the same queries whatever is there); shown only once sent.
    responses = [r for r in _responses_of(review.id) if review.decisions_sent]
    return ReviewAnswers(
        young_person=young_person,
        review=review,
        views=views,
        shared=shared,
        items=_point_items(views, _notes_of(review.id), shared, responses),
        officer_title=young_person.council.reviewing_officer_title,
    )


def react(user: User, review_id: uuid.UUID, response_id: uuid.UUID, reaction: str, words: str) -> ReviewResponse:
    """ "I agree" or "I don't agree", with their reason if they want to give one. They can change their mind."""
    young_person, review = _own_review(user, review_id)
    if not review.decisions_sent:
        raise NotFound
    response = db.session.scalar(
        select(ReviewResponse)
        .where(ReviewResponse.id == response_id, ReviewResponse.review_id == review.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if response is None or not response.decided:
        raise NotFound
    try:
        chosen = Reaction(reaction)
    except ValueError as error:
        raise Refused("reaction_unknown", "reaction") from error
    response.reaction = chosen
    response.reaction_words = _words(words, "words")
    response.reacted_at = clock.now()
    audit.record(
        AuditAction.review_reaction_sent,
        actor=user,
        object_type="review_response",
        object_id=response.id,
        young_person_id=young_person.id,
    )
    if chosen is Reaction.disagree:
        officer = _current_officer(_allocations(young_person.id), clock.today())
        if officer is not None and officer.email and officer.is_active:
            queue_to_address(
                officer.email,
                "Orbit: a young person does not agree with a decision",
                "A young person whose reviews you chair has said they do not agree with something decided at "
                "their review. Sign in to Orbit to read it.",
                officer,
            )
    return response


# Reviewing officers -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpcomingRow:
    review: Review
    young_person: YoungPerson
    views_sent: bool
    advocate_attending: bool | None
    missed_family_time: int | None


@dataclass(frozen=True)
class Upcoming:
    rows: list[UpcomingRow]
    waiting: list[UpcomingRow]
    days: int


def upcoming_reviews(user: User) -> Upcoming:
    """The officer's reviews in the next 30 days, and those held but not yet answered, soonest first."""
    if user.role is not Role.reviewing_officer:
        raise NotFound
    today = clock.today()
    days = upcoming_days()
    mine = chaired_young_people(user, today)
    rows = db.session.execute(
        select(Review, YoungPerson, ReviewViews.sent_at)
        .join(YoungPerson, YoungPerson.id == Review.young_person_id)
        .outerjoin(ReviewViews, ReviewViews.review_id == Review.id)
        .where(
            Review.young_person_id.in_(mine),
            # Compared through a concatenation on purpose: otherwise SQLite picks the national (status, held_on)
            # index and walks every scheduled review in the country (220 ms at 100,000 young people) instead of
            # starting from this officer's own young people (2 ms).
            type_coerce(Review.status, String).concat("") == ReviewStatus.scheduled.value,
            Review.held_on <= today + timedelta(days=days),
        )
        .order_by(Review.held_on, YoungPerson.first_name, Review.id)
        .limit(LIST_LIMIT)
    ).all()
    ids = [young_person.id for _review, young_person, _sent in rows]
    attending = _advocates_attending(ids)
    missed = _missed_family_time(_last_reviews(ids, today))
    coming, waiting = [], []
    for review, young_person, sent_at in rows:
        row = UpcomingRow(
            review=review,
            young_person=young_person,
            views_sent=sent_at is not None,
            advocate_attending=attending.get(young_person.id),
            missed_family_time=missed.get(young_person.id),
        )
        (coming if review.held_on >= today else waiting).append(row)
    return Upcoming(rows=coming, waiting=waiting, days=days)


def _last_reviews(young_person_ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, date | None]:
    """Each young person's last review before today (None: no review yet), for "since the last review"."""
    last: dict[uuid.UUID, date | None] = dict.fromkeys(young_person_ids)
    for young_person_id, held_on in db.session.execute(
        select(Review.young_person_id, func.max(Review.held_on))
        .where(Review.young_person_id.in_(young_person_ids), Review.held_on < today)
        .group_by(Review.young_person_id)
    ):
        last[young_person_id] = held_on
    return last


@dataclass
class ReviewPack:
    """Everything shared with a young person's review, in one place for the reviewing officer."""

    young_person: YoungPerson
    review: Review | None
    reviews: list[Review]
    views: ReviewViews | None
    shared: list[PersonWhoMatters]
    notes: list[ReviewNote]
    responses: list[ReviewResponse]
    officer_title: str
    has_advocate: bool
    advocate_attending: bool | None
    family_time: Any = None
    made_at: datetime = field(default_factory=clock.now)

    @property
    def items(self) -> list[PointItem]:
        return _point_items(self.views, self.notes, self.shared, self.responses)

    @property
    def previous(self) -> Review | None:
        if self.review is None:
            return self.reviews[-1] if self.reviews else None
        earlier = [r for r in self.reviews if r.held_on < self.review.held_on]
        return earlier[-1] if earlier else None


def _young_person_for_pack(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, bool, bool | None]:
    """The young person (only if this officer chairs their reviews now), whether an advocate is involved, and
    whether one will attend the review (None: not known), in one query. The advocacy part follows the rule of
    app.services.advocacy.summary_for_staff, and is "not known yet" while the advocacy feature is not there."""
    if user.role is not Role.reviewing_officer:
        raise NotFound
    today = clock.today()
    allocated = exists().where(
        Allocation.young_person_id == YoungPerson.id,
        Allocation.kind == AllocationKind.advocate,
        current_allocation_clause(today),
    )
    request = _hook("app.models", "AdvocacyRequest")
    status = _hook("app.models", "RequestStatus")
    if request is not None and status is not None:
        open_request = and_(request.young_person_id == YoungPerson.id, request.status != status.closed)
        involved: Any = or_(allocated, exists().where(open_request, request.advocate_id.is_not(None)))
        attending: Any = exists().where(open_request, request.will_attend_review.is_(True))
    else:
        involved, attending = allocated, null()
    row = db.session.execute(
        select(YoungPerson, involved, attending)
        .options(joinedload(YoungPerson.council))
        .where(YoungPerson.id == young_person_id, young_person_scope(user, today))
    ).first()
    if row is None:
        raise NotFound
    young_person, has_advocate, will_attend = row
    return young_person, bool(has_advocate), None if will_attend is None else bool(will_attend)


def review_pack(user: User, young_person_id: uuid.UUID, *, downloaded: bool = False) -> ReviewPack:
    """The review pack for the review the officer is working on. Every look (and download) is audited."""
    young_person, has_advocate, attending = _young_person_for_pack(user, young_person_id)
    today = clock.today()
    rows = db.session.execute(
        select(Review, ReviewViews)
        .options(joinedload(Review.chair))
        .outerjoin(ReviewViews, and_(ReviewViews.review_id == Review.id, ReviewViews.sent_at.is_not(None)))
        .where(Review.young_person_id == young_person.id)
        .order_by(Review.held_on, Review.created_at)
    ).all()
    reviews = [review for review, _views in rows]
    review = current_review(reviews, today)
    views = next((v for r, v in rows if review is not None and r.id == review.id), None)
    notes_clause = (
        ReviewNote.review_id == review.id
        if review is not None
        else and_(ReviewNote.young_person_id == young_person.id, ReviewNote.review_id.is_(None))
    )
    notes = list(db.session.scalars(select(ReviewNote).where(notes_clause).order_by(ReviewNote.created_at)))
    responses = _responses_of(review.id) if review is not None else []
    previous = [r for r in reviews if review is not None and r.held_on < review.held_on]
    pack = ReviewPack(
        young_person=young_person,
        review=review,
        reviews=reviews,
        views=views,
        shared=_shared_with_review(young_person.id),
        notes=notes,
        responses=responses,
        officer_title=young_person.council.reviewing_officer_title,
        has_advocate=has_advocate,
        advocate_attending=attending,
        family_time=_family_time(user, young_person.id, previous[-1].held_on if previous else None),
    )
    audit.record(
        AuditAction.review_pack_downloaded if downloaded else AuditAction.review_pack_viewed,
        actor=user,
        object_type="review" if review is not None else "young_person",
        object_id=review.id if review is not None else young_person.id,
        young_person_id=young_person.id,
    )
    return pack


@dataclass
class DecisionsPage:
    young_person: YoungPerson
    review: Review
    views: ReviewViews | None
    shared: list[PersonWhoMatters]
    items: list[PointItem]
    officer_title: str

    @property
    def may_write(self) -> bool:
        return not self.review.decisions_sent and self.review.held_on <= clock.today()


def _review_for_officer(user: User, review_id: uuid.UUID, *, for_update: bool = False) -> tuple[YoungPerson, Review]:
    if user.role is not Role.reviewing_officer:
        raise NotFound
    query = select(Review).where(Review.id == review_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    review = db.session.scalar(query)
    if review is None:
        raise NotFound
    young_person, _allocations = _young_person_for(user, review.young_person_id, can_chair_review)
    return young_person, review


def decisions_page(user: User, review_id: uuid.UUID) -> DecisionsPage:
    young_person, review = _review_for_officer(user, review_id)
    views = _sent_views(review.id)
    shared = _shared_with_review(young_person.id)
    audit.record(
        AuditAction.review_decisions_viewed,
        actor=user,
        object_type="review",
        object_id=review.id,
        young_person_id=young_person.id,
    )
    items = _point_items(views, _notes_of(review.id), shared, _responses_of(review.id))
    if review.decisions_sent:
        # Once sent, the answers stand as they were written (who is shared now may have changed since).
        items = [item for item in items if item.response is not None]
    return DecisionsPage(
        young_person=young_person,
        review=review,
        views=views,
        shared=shared,
        items=items,
        officer_title=young_person.council.reviewing_officer_title,
    )


@dataclass(frozen=True)
class Decision:
    key: str
    decided: str = ""
    why: str = ""


def save_decisions(user: User, review_id: uuid.UUID, decisions: list[Decision], *, send: bool) -> Review:
    """Save what was decided and why for each point; with `send`, every point the young person made needs both,
    and the young person can then read them. Sent answers are not changed afterwards."""
    young_person, review = _review_for_officer(user, review_id, for_update=True)
    if review.decisions_sent:
        raise Refused("decisions_already_sent")
    if review.held_on > clock.today():
        raise Refused("review_not_held_yet")
    views = _sent_views(review.id)
    shared = _shared_with_review(young_person.id)
    items = {item.key: item for item in _point_items(views, _notes_of(review.id), shared, _responses_of(review.id))}
    given = {d.key: d for d in decisions}
    if not given.keys() <= items.keys():
        raise NotFound
    clean: dict[str, tuple[str | None, str | None]] = {}
    for key, item in items.items():
        sent = given.get(key, Decision(key))
        decided = _words(sent.decided, f"decided-{key}", DECISION_MAX)
        why = _words(sent.why, f"why-{key}", DECISION_MAX)
        if send and item.point is not Point.general:
            if not decided:
                raise Refused("decided_missing", f"decided-{key}")
            if not why:
                raise Refused("why_missing", f"why-{key}")
        if send and item.point is Point.general and decided and not why:
            raise Refused("why_missing", f"why-{key}")
        clean[key] = (decided, why)
    now = clock.now()
    for key, (decided, why) in clean.items():
        item = items[key]
        response = item.response
        if response is None:
            if not decided and not why:
                continue
            response = ReviewResponse(
                review_id=review.id,
                point=item.point,
                point_key=key,
                note_id=item.note.id if item.note else None,
            )
            db.session.add(response)
        response.decided, response.why = decided, why
        response.written_by_id = user.id
        response.updated_at = now
    if send:
        review.decisions_sent_at = now
        review.status = ReviewStatus.held
        review.chair_id = user.id
    review.updated_at = now
    audit.record(
        AuditAction.review_decisions_sent if send else AuditAction.review_decisions_saved,
        actor=user,
        object_type="review",
        object_id=review.id,
        young_person_id=young_person.id,
    )
    return review


# Scheduled work (flask tick) -------------------------------------------------------------------------------


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
        audit.record(
            AuditAction.review_advocacy_offered,
            object_type="review",
            object_id=review.id,
            young_person_id=review.young_person_id,
        )
    return len(due)
