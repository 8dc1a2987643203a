"""Review dates, kept by the young person's social worker or personal adviser: schedule, move, renumber."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app import clock
from app.access import (
    can_schedule_review,
)
from app.extensions import db
from app.models import (
    AuditAction,
    Review,
    ReviewNote,
    ReviewStatus,
    User,
    YoungPerson,
)
from app.models.reviews import PLACE_MAX
from app.roles import Role
from app.services import audit
from app.services._common import one_by_id, typed_line
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address
from app.services.people import young_person_for_staff
from app.services.reviews._core import _current_officer, _reviews_of, next_review
from app.services.reviews.rules import FURTHEST_AHEAD_DAYS, Proposal, advocacy_offer_due, propose_next, renumber


@dataclass(frozen=True)
class PractitionerReviews:
    young_person: YoungPerson
    reviews: list[Review]
    proposal: Proposal
    officer: User | None
    officer_title: str


def reviews_for_practitioner(user: User, young_person_id: uuid.UUID) -> PractitionerReviews:
    young_person, allocations = young_person_for_staff(user, young_person_id, can_schedule_review)
    reviews = _reviews_of(young_person.id)
    today = clock.today()
    audit.record_young_person(AuditAction.reviews_viewed, user, young_person.id, "young_person")
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
    where = typed_line(place, "place", most=PLACE_MAX, too_long="review_place_too_long")
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
    young_person, allocations = young_person_for_staff(user, young_person_id, can_schedule_review)
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
    audit.record_about(AuditAction.review_scheduled, user, "review", review)
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
    review = one_by_id(Review, review_id, for_update=for_update)
    young_person_for_staff(user, review.young_person_id, can_schedule_review)
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
    audit.record_about(AuditAction.review_moved, user, "review", review)
    return review
