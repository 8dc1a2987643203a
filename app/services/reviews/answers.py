""" "You said / we did / because": what the young person sees after a review, and their agree or disagree."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    shared_with_clause,
)
from app.extensions import db
from app.models import (
    AuditAction,
    OfferReason,
    PersonWhoMatters,
    Point,
    Reaction,
    Review,
    ReviewNote,
    ReviewResponse,
    ReviewViews,
    User,
    YoungPerson,
)
from app.roles import Role
from app.services import audit, moments
from app.services._common import choice, one_by_id
from app.services.errors import NotFound
from app.services.notifications import queue_to_address
from app.services.ownership import own_young_person
from app.services.people import allocations_with_staff
from app.services.reviews._core import _current_officer
from app.services.reviews.rules import _words


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
class ReviewPoints:
    """One review point by point: what the young person said (their sent views and the people they shared), each
    point with the officer's response, and what their council calls the officer."""

    young_person: YoungPerson
    review: Review
    views: ReviewViews | None
    shared: list[PersonWhoMatters]
    items: list[PointItem]
    officer_title: str


@dataclass
class ReviewAnswers(ReviewPoints):
    """ "You said / we did / because" for one review, as the young person reads it."""

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
    review = one_by_id(Review, review_id, joinedload(Review.chair))
    if review.young_person_id != young_person.id:
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
    chosen = choice(Reaction, reaction, "reaction_unknown", "reaction")
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
        # A moment that brings an advocate, once per decision they disagree with (app.services.moments).
        moments.fire(young_person, OfferReason.review_disagreed, f"response-{response.id.hex}")
        officer = _current_officer(allocations_with_staff(young_person.id), clock.today())
        if officer is not None and officer.email and officer.is_active:
            queue_to_address(
                officer.email,
                "Orbit: a young person does not agree with a decision",
                "A young person whose reviews you chair has said they do not agree with something decided at "
                "their review. Sign in to Orbit to read it.",
                officer,
            )
    return response
