"""Reviews' rules: the statutory pattern of dates, the settings read, and checked words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from flask import current_app

from app import clock
from app.models import (
    Review,
)
from app.models.reviews import WORDS_MAX
from app.services._common import typed_text

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
    return typed_text(typed, field_name, most=maximum, too_long="review_words_too_long") or None
