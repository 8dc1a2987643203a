"""The reviewing officer's upcoming list and review pack."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, exists, func, null, or_, select, type_coerce
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    chaired_young_people,
    current_allocation_clause,
    young_person_scope,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    AuditAction,
    PersonWhoMatters,
    Review,
    ReviewNote,
    ReviewResponse,
    ReviewStatus,
    ReviewViews,
    User,
    YoungPerson,
)
from app.roles import Role
from app.services import audit
from app.services.errors import NotFound
from app.services.reviews._core import current_review
from app.services.reviews.answers import PointItem, _point_items, _responses_of, _shared_with_review
from app.services.reviews.hooks import _advocates_attending, _family_time, _hook, _missed_family_time
from app.services.reviews.rules import LIST_LIMIT, upcoming_days


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
        .options(joinedload(YoungPerson.user).load_only(User.locale))
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
