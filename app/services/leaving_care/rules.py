"""Leaving care rules: ages, reply clocks, who an offer item fits, Staying Close and small-number suppression."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask import current_app

from app import clock
from app.models import (
    ChecklistAnswer,
    HomeKind,
    LocalOfferItem,
    RelationshipKind,
    YoungPerson,
)
from app.services._common import MIN_GROUP_SIZE

OFFER_AGE_MIN = 16
OFFER_AGE_MAX = 30
QUEUE_PAGE_SIZE = 50
RECENT_CHECK_INS = 10
ARRANGEMENT_REVIEW_MAX_DAYS = 2 * 366
# Who can be a trusted adult: anyone the young person named, except a pet.
NOT_A_TRUSTED_ADULT = frozenset({RelationshipKind.pet})
SUPPORT_SUBJECT = "A request for support in Orbit"


def support_body(working_days: int, base_url: str) -> str:
    """Staff messages carry a link, never the young person's words or name."""
    return (
        "A young person you work with has asked for support in Orbit (Staying Close, or help with the local "
        f"offer). Please reply within {working_days} working days: {base_url}/practitioner/leaving-care"
    )


# Settings ([tool.orbit] in pyproject.toml) ------------------------------------------------------------------


def _rule(name: str, default: int) -> int:
    return int(current_app.config["ORBIT_RULES"].get(name, default))


def leaving_care_from_age() -> int:
    return _rule("leaving_care_from_age", 16)


def staying_close_max_age() -> int:
    return _rule("staying_close_max_age", 25)


def reply_working_days() -> int:
    return _rule("support_reply_working_days", 5)


def update_working_days() -> int:
    return _rule("support_update_working_days", 20)


# Rules -----------------------------------------------------------------------------------------------------


class OfferFit(enum.StrEnum):
    """Whether an item of the local offer is for this young person now, from what Orbit knows."""

    applies = "applies"
    later = "later"  # too young for it yet
    after_care = "after_care"  # for care leavers only, and they have not left care yet
    ended = "ended"  # it stopped at a birthday they have had


def is_care_leaver(young_person: YoungPerson, today: date) -> bool:
    """Care experienced: 18 or older, or left care before that."""
    left_early = young_person.left_care_on is not None and young_person.left_care_on <= today
    return today >= young_person.adult_on or left_early


def offer_fit(item: LocalOfferItem, age: int, care_leaver: bool) -> OfferFit:
    if item.until_age is not None and age >= item.until_age:
        return OfferFit.ended
    if item.from_age is not None and age < item.from_age:
        return OfferFit.later
    if item.care_leavers_only and not care_leaver:
        return OfferFit.after_care
    return OfferFit.applies


def may_use_checklist(age: int, care_leaver: bool, from_age: int) -> bool:
    """Care leavers at any age, and young people in care from `from_age` (16)."""
    return care_leaver or age >= from_age


def shows_leaving_care(young_person: YoungPerson) -> bool:
    today = clock.today()
    age = clock.age_on(young_person.date_of_birth, today)
    return may_use_checklist(age, is_care_leaver(young_person, today), leaving_care_from_age())


class StayingCloseFit(enum.StrEnum):
    likely = "likely"  # under the age limit, and the home they left (or live in) is a children's home
    maybe = "maybe"  # under the age limit, any other home
    too_young = "too_young"
    past_age = "past_age"


def staying_close_fit(age: int, home_left: HomeKind | None, from_age: int, max_age: int) -> StayingCloseFit:
    """Whether Staying Close may be for someone, from their age and the kind of home they left. Never a "no": every
    answer comes with "ask anyway"."""
    if age >= max_age:
        return StayingCloseFit.past_age
    if age < from_age:
        return StayingCloseFit.too_young
    if home_left is HomeKind.childrens_home:
        return StayingCloseFit.likely
    return StayingCloseFit.maybe


@dataclass(frozen=True)
class OfferCounts:
    """How many young people said each answer for one item. `total` is None under MIN_GROUP_SIZE; a count is None
    when it, or everyone else, is under MIN_GROUP_SIZE, and when it could be worked out from the other numbers."""

    total: int | None
    got_it: int | None
    not_yet: int | None
    need_help: int | None

    @property
    def shown(self) -> bool:
        return self.total is not None


def suppress_counts(counts: Mapping[ChecklistAnswer, int], minimum: int = MIN_GROUP_SIZE) -> OfferCounts:
    values = {answer: int(counts.get(answer, 0)) for answer in ChecklistAnswer}
    total = sum(values.values())
    if total < minimum:
        return OfferCounts(None, None, None, None)
    shown: dict[ChecklistAnswer, int | None] = {
        answer: count if count >= minimum and total - count >= minimum else None for answer, count in values.items()
    }
    hidden = [answer for answer, count in shown.items() if count is None]
    if len(hidden) == 1:
        # One hidden number is the total minus the others: hide the smallest shown one as well.
        smallest = min((a for a, c in shown.items() if c is not None), key=lambda a: values[a])
        shown[smallest] = None
    return OfferCounts(
        total,
        shown[ChecklistAnswer.got_it],
        shown[ChecklistAnswer.not_yet],
        shown[ChecklistAnswer.need_help],
    )
