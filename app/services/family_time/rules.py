"""Family time's rules: a plan's details checked, and no addresses or phone numbers in what is written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.models import (
    Arranger,
    FamilyTimePlan,
    HowOften,
    PersonWhoMatters,
    Place,
    RelationshipKind,
    Way,
    WhoElse,
)
from app.models.family_time import (
    OTHER_WORDS_MAX,
    SIBLING_NAME_MAX,
    WHY_APART_MAX,
)
from app.services._common import choice, choices, set_checked, typed_line, typed_text
from app.services.errors import Refused

# Brothers and sisters of every kind a young person can say. "Someone else" is there because siblings are whoever
# the young person says they are, in their own words.
SIBLING_KINDS = frozenset(
    {
        RelationshipKind.brother,
        RelationshipKind.sister,
        RelationshipKind.half_brother,
        RelationshipKind.half_sister,
        RelationshipKind.step_brother,
        RelationshipKind.step_sister,
        RelationshipKind.foster_brother,
        RelationshipKind.foster_sister,
        RelationshipKind.adopted_brother,
        RelationshipKind.adopted_sister,
        RelationshipKind.someone_else,
    }
)
OTHER_SIBLING = "other"  # the sibling choice that means "not in their people who matter: write a first name"
FURTHEST_AHEAD = timedelta(days=3 * 366)  # a date further out than this is a typing mistake
MISSED_FURTHEST_BACK = timedelta(days=366)
RECENT_CHANGE = timedelta(days=60)  # the young person's list shows "what changed" this long after a change
STAFF_SUBJECT = "Orbit: a young person has said something about family time"

# "What changed" compares versions in these groups, in this order (the words go together on the page).
CHANGE_GROUPS: dict[str, tuple[str, ...]] = {
    "who": ("sibling_name",),
    "next_on": ("next_on",),
    "how_often": ("how_often", "how_often_words"),
    "ways": ("way_in_person", "way_video", "way_phone", "way_letters"),
    "place": ("place",),
    "who_else": ("who_else", "who_else_words"),
    "arranged_by": ("arranged_by", "arranged_by_words"),
    "review_on": ("review_on",),
    "apart": ("live_apart", "why_apart"),
}
# Only the next date moving is routine (it moves after every visit): the young person is told, but it is not a
# change to the plan that calls for an advocacy offer.
ROUTINE_GROUPS = frozenset({"next_on"})


# Addresses and phone numbers never go in a plan -------------------------------------------------------------

_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|gardens|grove|terrace|"
    "square|row|walk|mews|rise|parade|boulevard|hill|estate"
)
_HOUSE = re.compile(
    r"\b(\d{1,4}[a-z]?),?\s+((?:[^\W\d_][\w'\u2019.-]*\s+){1,3})(" + _STREET_WORDS + r")\b", re.IGNORECASE
)
_FLAT = re.compile(r"\b(flat|apartment|apt|unit|house)\s+(no\.?\s*)?\d+", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,10}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Words that come between a number and "park" or "way" in ordinary sentences ("2 hours in the park").
_NOT_A_STREET = frozenset(
    {"a", "an", "the", "at", "in", "on", "to", "for", "of", "and", "or", "by", "near", "with"}
    | {"hour", "hours", "minutes", "mins", "times", "weeks", "days", "months", "years"}
)


def looks_like_contact_details(text: str) -> bool:
    """Does this look like an address, a postcode, a phone number or an email address? A plan never holds any
    of them: it says what kind of place family time is in, never where anyone lives or how to reach them."""
    if not text:
        return False
    if _POSTCODE.search(text) or _FLAT.search(text) or _PHONE.search(text) or _EMAIL.search(text):
        return True
    for match in _HOUSE.finditer(text):
        words = {word.casefold() for word in match.group(2).split()}
        if not words & _NOT_A_STREET:
            return True
    return False


# Checking a plan --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDetails:
    """What a practitioner chose or typed for a plan, as codes. The service checks every part."""

    sibling: str  # a person id from the young person's people who matter, or OTHER_SIBLING
    sibling_name: str = ""
    how_often: str = ""
    how_often_words: str = ""
    ways: frozenset[str] = frozenset()
    place: str = ""
    who_else: str = ""
    who_else_words: str = ""
    arranged_by: str = ""
    arranged_by_words: str = ""
    next_on: date | None = None
    review_on: date | None = None
    live_apart: str = ""  # "yes" or "no"
    why_apart: str = ""


@dataclass(frozen=True)
class _CleanPlan:
    person: PersonWhoMatters | None
    sibling_name: str
    how_often: HowOften
    how_often_words: str | None
    ways: frozenset[Way]
    place: Place
    who_else: WhoElse
    who_else_words: str | None
    arranged_by: Arranger
    arranged_by_words: str | None
    next_on: date | None
    review_on: date
    live_apart: bool
    why_apart: str | None


def _no_contact_details(text: str | None, field_name: str) -> None:
    if text and looks_like_contact_details(text):
        raise Refused("contact_details_in_plan", field_name)


def _other_words(chosen: Any, typed: str, field_name: str) -> str | None:
    """The words for an "other" choice: needed then, ignored otherwise."""
    if str(chosen) != "other":
        return None
    words = typed_line(
        typed, field_name, most=OTHER_WORDS_MAX, too_long="plan_words_too_long", missing=f"{field_name}_missing"
    )
    _no_contact_details(words, field_name)
    return words


def _sibling(details: PlanDetails, people: dict[str, PersonWhoMatters]) -> tuple[PersonWhoMatters | None, str]:
    if details.sibling and details.sibling != OTHER_SIBLING:
        person = people.get(details.sibling)
        if person is None:
            raise Refused("sibling_unknown", "sibling")
        return person, person.name
    if details.sibling != OTHER_SIBLING:
        raise Refused("sibling_missing", "sibling")
    name = typed_line(
        details.sibling_name,
        "sibling_name",
        most=SIBLING_NAME_MAX,
        too_long="sibling_name_too_long",
        missing="sibling_name_missing",
    )
    if any(ch.isdigit() for ch in name) or looks_like_contact_details(name):
        raise Refused("sibling_first_name_only", "sibling_name")
    return None, name


def check_plan(details: PlanDetails, people: dict[str, PersonWhoMatters], today: date) -> _CleanPlan:
    """Check a plan as sent. `people` are the brothers and sisters the practitioner may link it to, by id."""
    person, name = _sibling(details, people)
    if not details.how_often:
        raise Refused("how_often_missing", "how_often")
    how_often = choice(HowOften, details.how_often, "how_often_missing", "how_often")
    ways = choices(Way, details.ways, "plan_ways_unknown", "ways", missing="plan_ways_missing")
    place = choice(Place, details.place, "place_missing", "place")
    who_else = choice(WhoElse, details.who_else, "who_else_missing", "who_else")
    arranged_by = choice(Arranger, details.arranged_by, "arranged_by_missing", "arranged_by")
    if details.next_on is not None:
        if details.next_on < today:
            raise Refused("plan_next_date_past", "next_on")
        if details.next_on > today + FURTHEST_AHEAD:
            raise Refused("plan_date_too_far", "next_on")
    if details.review_on is None:
        raise Refused("plan_review_date_missing", "review_on")
    if details.review_on < today:
        raise Refused("plan_review_date_past", "review_on")
    if details.review_on > today + FURTHEST_AHEAD:
        raise Refused("plan_date_too_far", "review_on")
    if details.live_apart not in ("yes", "no"):
        raise Refused("live_apart_missing", "live_apart")
    live_apart = details.live_apart == "yes"
    why = ""
    if live_apart:
        why = typed_text(
            details.why_apart,
            "why_apart",
            most=WHY_APART_MAX,
            too_long="why_apart_too_long",
            missing="why_apart_missing",
        )
        _no_contact_details(why, "why_apart")
    return _CleanPlan(
        person=person,
        sibling_name=name,
        how_often=how_often,
        how_often_words=_other_words(how_often, details.how_often_words, "how_often_words"),
        ways=ways,
        place=place,
        who_else=who_else,
        who_else_words=_other_words(who_else, details.who_else_words, "who_else_words"),
        arranged_by=arranged_by,
        arranged_by_words=_other_words(arranged_by, details.arranged_by_words, "arranged_by_words"),
        next_on=details.next_on,
        review_on=details.review_on,
        live_apart=live_apart,
        why_apart=why or None,
    )


def _apply(plan: FamilyTimePlan, clean: _CleanPlan) -> None:
    relinked = plan.person_id != (clean.person.id if clean.person else None)
    plan.person_id = clean.person.id if clean.person else None
    # A linked brother or sister keeps the name the plan was written with until the link changes: the young
    # person renaming their own entry is not a change to the plan.
    if relinked or clean.person is None or not plan.sibling_name:
        plan.sibling_name = clean.sibling_name
    set_checked(plan, clean, except_for={"person", "sibling_name", "ways"})
    plan.set_ways(clean.ways)
