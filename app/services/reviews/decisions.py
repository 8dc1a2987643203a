"""What the review decided, written by the reviewing officer and sent to the young person."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app import clock
from app.access import (
    can_chair_review,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    Attendance,
    AuditAction,
    Point,
    Review,
    ReviewResponse,
    ReviewStatus,
    ReviewViews,
    User,
    YoungPerson,
)
from app.models.reviews import DECISION_MAX
from app.roles import Role
from app.services import audit
from app.services._common import one_by_id
from app.services.council_data import codes
from app.services.errors import NotFound, Refused
from app.services.notifications import tell_young_person
from app.services.people import young_person_for_staff
from app.services.reviews.answers import (
    ReviewPoints,
    _notes_of,
    _point_items,
    _responses_of,
    _sent_views,
    _shared_with_review,
)
from app.services.reviews.rules import _words


@dataclass
class DecisionsPage(ReviewPoints):
    """The officer's page for writing decisions: the review point by point, and how the young person took part."""

    # How the young person took part (an SSDA903 PN code): what was recorded, or what Orbit knows suggests.
    participation: str | None = None
    under_four: bool = False

    @property
    def may_write(self) -> bool:
        return not self.review.decisions_sent and self.review.held_on <= clock.today()


def _review_for_officer(user: User, review_id: uuid.UUID, *, for_update: bool = False) -> tuple[YoungPerson, Review]:
    young_person, review, _allocations = _review_and_allocations(user, review_id, for_update=for_update)
    return young_person, review


def _review_and_allocations(
    user: User, review_id: uuid.UUID, *, for_update: bool = False
) -> tuple[YoungPerson, Review, list[Allocation]]:
    if user.role is not Role.reviewing_officer:
        raise NotFound
    review = one_by_id(Review, review_id, for_update=for_update)
    young_person, allocations = young_person_for_staff(user, review.young_person_id, can_chair_review)
    return young_person, review, allocations


def decisions_page(user: User, review_id: uuid.UUID) -> DecisionsPage:
    young_person, review, allocations = _review_and_allocations(user, review_id)
    views = _sent_views(review.id)
    shared = _shared_with_review(young_person.id)
    audit.record_about(AuditAction.review_decisions_viewed, user, "review", review)
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
        participation=review.participation or suggest_participation(young_person, review, views, allocations),
        under_four=_under_four(young_person, review),
    )


def _under_four(young_person: YoungPerson, review: Review) -> bool:
    return review.held_on < clock.birthday_in_year(young_person.date_of_birth, 4)


def suggest_participation(
    young_person: YoungPerson, review: Review, views: ReviewViews | None, allocations: list[Allocation]
) -> str | None:
    """What Orbit knows of how they took part, from what the page has already read: under 4 (PN0); views sent
    through Orbit and how they said they would take part; an advocate allocated to them, there unless their views
    said otherwise. None when Orbit does not know: the officer chooses."""
    if _under_four(young_person, review):
        return codes.PN_UNDER_FOUR
    today = clock.today()
    has_advocate = any(
        a.kind is AllocationKind.advocate and a.started_on <= today and (a.ended_on is None or a.ended_on > today)
        for a in allocations
    )
    advocate = has_advocate and (views is None or views.with_advocate)
    attending = views is not None and views.attendance in (Attendance.go, Attendance.chair)
    if attending:
        return codes.PN_ATTENDS_ADVOCATE if advocate else codes.PN_ATTENDS_SPEAKS
    if advocate:
        return codes.PN_ADVOCATE_ONLY
    if views is not None:
        return codes.PN_VIEWS_SENT
    return None


def _check_participation(
    young_person: YoungPerson, review: Review, participation: str | None, *, send: bool
) -> str | None:
    """A PN code that passes the DfE's rules 440 and 441 (PN0 exactly when they were under 4); needed to send."""
    if not participation:
        if send:
            raise Refused("participation_missing", "participation")
        return None
    if participation not in codes.PARTICIPATION_CODES:
        raise Refused("participation_missing", "participation")
    if (participation == codes.PN_UNDER_FOUR) != _under_four(young_person, review):
        raise Refused("participation_age", "participation")
    return participation


@dataclass(frozen=True)
class Decision:
    key: str
    decided: str = ""
    why: str = ""


def save_decisions(
    user: User, review_id: uuid.UUID, decisions: list[Decision], *, send: bool, participation: str | None = None
) -> Review:
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
    taking_part = _check_participation(young_person, review, participation, send=send)
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
    if taking_part is not None and taking_part != review.participation:
        review.participation = taking_part
        audit.record_about(AuditAction.review_participation_set, user, "review", review)
    if send:
        review.decisions_sent_at = now
        review.status = ReviewStatus.held
        review.chair_id = user.id
        tell_young_person(young_person)
    review.updated_at = now
    action = AuditAction.review_decisions_sent if send else AuditAction.review_decisions_saved
    audit.record_about(action, user, "review", review)
    return review
