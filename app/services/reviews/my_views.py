""" "My views" and notes: the young person's draft, step by step, sent to the review."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, or_, select

from app import clock
from app.access import (
    is_current,
)
from app.extensions import db
from app.models import (
    AllocationKind,
    Attendance,
    Audience,
    AuditAction,
    Circle,
    PersonWhoMatters,
    Review,
    ReviewNote,
    ReviewStatus,
    ReviewViews,
    ReviewViewsPerson,
    User,
    YoungPerson,
)
from app.services import audit, people
from app.services._common import add_once, optional_choice
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address
from app.services.ownership import own_young_person
from app.services.people import allocations_with_staff
from app.services.reviews._core import _current_officer, _reviews_of, next_review
from app.services.reviews.hooks import _my_family_time
from app.services.reviews.rules import NOTES_SHOWN, STEPS, TEXT_STEPS, _words


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
    allocations = allocations_with_staff(young_person.id)
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
    # The same draft may be started at the same moment on another phone or tab: then use that one.
    views, _ = add_once(views, lambda: db.session.scalar(select(ReviewViews).where(ReviewViews.review_id == review.id)))
    if views.is_sent:
        raise Refused("views_already_sent")
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
        attendance = optional_choice(Attendance, answers.attendance, "attendance_unknown", "attendance")
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
    audit.record_about(AuditAction.review_views_sent, user, "review", review)
    officer = _current_officer(allocations_with_staff(young_person.id), today)
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
    audit.record_about(AuditAction.review_note_sent, user, "review_note", note)
    return note
