"""Advocacy's rules: the settings it reads, the two clocks of every request and passed offer, and topics."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask import current_app

from app.models import (
    OfferReason,
    RequestTopic,
)
from app.services.work_queue import due_after

MY_REQUESTS_SHOWN = 10
RECENTLY_CLOSED_DAYS = 30
FIGURE_PERIODS = (3, 6, 12)
PHONE_CHARACTERS = frozenset("0123456789+() -")

# What a request made from an offer is about, when the offer's reason says.
TOPIC_FOR_REASON = {
    OfferReason.home_changed: RequestTopic.moving_home,
    OfferReason.review_coming: RequestTopic.my_review,
    OfferReason.family_time_changed: RequestTopic.family_time,
    OfferReason.complaint_made: RequestTopic.unhappy,
    OfferReason.review_disagreed: RequestTopic.my_review,
    OfferReason.immigration_changed: RequestTopic.immigration,
    OfferReason.turned_16: RequestTopic.leaving_care,
    OfferReason.turning_18_soon: RequestTopic.leaving_care,
}


# The rules, from [tool.orbit] -------------------------------------------------------------------------


def _rules() -> dict:
    return current_app.config["ORBIT_RULES"]


def review_offer_working_days() -> int:
    """How many working days before a review the review feature calls offer_advocacy."""
    return int(_rules()["advocacy_review_offer_working_days"])


def due_times(
    start: datetime,
    urgent: bool,
    *,
    acknowledge_days: int = 1,
    allocate_days: int = 2,
    urgent_hours: int = 4,
) -> tuple[datetime, datetime]:
    """(acknowledge by, allocate an advocate by) for work that starts at `start`.

    Working days skip weekends and England's bank holidays and keep the London clock time (a request on Friday
    at 16:00 is acknowledged by Monday 16:00). Urgent work runs on clock hours, weekends included: a child who
    says it is urgent does not wait for Monday."""
    if urgent:
        due = due_after(start, hours=urgent_hours)
        return due, due
    return due_after(start, working_days=acknowledge_days), due_after(start, working_days=allocate_days)


def _due_times(start: datetime, urgent: bool) -> tuple[datetime, datetime]:
    rules = _rules()
    return due_times(
        start,
        urgent,
        acknowledge_days=int(rules["advocacy_acknowledge_working_days"]),
        allocate_days=int(rules["advocacy_allocate_working_days"]),
        urgent_hours=int(rules["advocacy_urgent_hours"]),
    )


def offer_due(start: datetime) -> datetime:
    """When an offer made at `start` becomes contact work unless the young person says "no thanks"."""
    return due_after(start, working_days=int(_rules()["advocacy_offer_working_days"]))


def _topic_for(reasons: Iterable[OfferReason]) -> RequestTopic | None:
    for reason in reasons:
        if reason in TOPIC_FOR_REASON:
            return TOPIC_FOR_REASON[reason]
    return None
