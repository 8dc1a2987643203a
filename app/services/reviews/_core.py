"""What the review pages share: the young person as each role may see them, their reviews, their officer."""

from __future__ import annotations

import uuid
from datetime import date

from app.access import (
    is_current,
)
from app.models import (
    Allocation,
    AllocationKind,
    Review,
    ReviewStatus,
    User,
)
from app.services._common import young_persons_rows


def _reviews_of(young_person_id: uuid.UUID) -> list[Review]:
    return young_persons_rows(Review, young_person_id, Review.chair, Review.held_on, Review.created_at)


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
