"""Words for family time, shared by the young person's pages and the staff pages."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _

from app.forms.family_time import (
    ARRANGER_LABELS,
    ARRANGER_STAFF_LABELS,
    FEELING_LABELS,
    HOW_OFTEN_LABELS,
    MISSED_LABELS,
    PLACE_LABELS,
    WAY_LABELS,
    WHO_ELSE_LABELS,
)
from app.web.templates import format_day

WAYS = tuple(WAY_LABELS)


def day_text(value: date | None, *, long: bool = False) -> str:
    """A date as people say it; `long` adds the day of the week ("Saturday 14 March 2026")."""
    if value is None:
        return ""
    return format_date(value, format="EEEE d MMMM y") if long else format_day(value)


def example_day(value: date) -> str:
    """A date as it is typed in the three boxes: "14 3 2027"."""
    return f"{value.day} {value.month} {value.year}"


def _label(labels: dict[str, Any], code: Any) -> str:
    return str(labels.get(str(code), code)) if code is not None else ""


def ways_text(plan: Any) -> str:
    return ", ".join(_label(WAY_LABELS, way) for way in WAYS if getattr(plan, f"way_{way}"))


def how_often_text(plan: Any) -> str:
    if str(plan.how_often) == "other" and plan.how_often_words:
        return str(plan.how_often_words)
    return _label(HOW_OFTEN_LABELS, plan.how_often)


def who_else_text(plan: Any, *, for_staff: bool = False) -> str:
    code = str(plan.who_else)
    if code == "other" and plan.who_else_words:
        return str(plan.who_else_words)
    if code == "nobody" and not for_staff:
        return _("No one else")
    return _label(WHO_ELSE_LABELS, code)


def arranged_by_text(plan: Any, *, for_staff: bool = False) -> str:
    code = str(plan.arranged_by)
    if code == "other" and plan.arranged_by_words:
        return str(plan.arranged_by_words)
    if not for_staff:
        return _label(ARRANGER_LABELS, code)
    if code == "worker":
        return _("Their social worker or personal adviser")
    if code == "young_person":
        return _("The young person themselves")
    return _label(ARRANGER_STAFF_LABELS, code)


def next_text(plan: Any, *, long: bool = False) -> str:
    return day_text(plan.next_on, long=long) if plan.next_on else _("Not fixed yet")


def apart_text(plan: Any, *, for_staff: bool = False) -> str:
    if not plan.live_apart:
        return _("They live together") if for_staff else _("You live together")
    return str(plan.why_apart or "")


def value_text(group: str, plan: Any, *, for_staff: bool = False) -> str:
    """One part of a plan (or of one of its versions) in words, by the group names of "what changed"."""
    if group == "who":
        return str(plan.sibling_name)
    if group == "next_on":
        return next_text(plan)
    if group == "how_often":
        return how_often_text(plan)
    if group == "ways":
        return ways_text(plan)
    if group == "place":
        return _label(PLACE_LABELS, plan.place)
    if group == "who_else":
        return who_else_text(plan, for_staff=for_staff)
    if group == "arranged_by":
        return arranged_by_text(plan, for_staff=for_staff)
    if group == "review_on":
        return day_text(plan.review_on)
    if group == "apart":
        return apart_text(plan, for_staff=for_staff)
    return group


def N_(message: str) -> str:
    """Marks words for the catalogue (pybabel looks for `N_`) without translating them here."""
    return message


# The names of the parts of a plan, as row headings and in "what changed". The template translates the one it
# shows: a plan card shows eight, and the template's lookup in the request's catalogue is the quick one.
PART_NAMES = {
    "who": N_("Who with"),
    "next_on": N_("Next time"),
    "how_often": N_("How often"),
    "ways": N_("How"),
    "place": N_("Where"),
    "who_else": N_("Who else is there"),
    "arranged_by": N_("Who sorts it out"),
    "review_on": N_("When the plan will be looked at again"),
    "apart": N_("Why you don't live together"),
}
STAFF_PART_NAMES = {
    "who": N_("With"),
    "next_on": N_("Next date"),
    "how_often": N_("How often"),
    "ways": N_("How"),
    "place": N_("Kind of place"),
    "who_else": N_("Someone else there"),
    "arranged_by": N_("Who arranges it"),
    "review_on": N_("Plan looked at again by"),
    "apart": N_("Why they do not live together"),
}


def entry_title(entry: Any, *, for_staff: bool = False) -> str:
    """What one thing the young person said was, in a line: "You said: I'd like more"."""
    kind = str(entry.kind)
    if kind == "feeling":
        feeling = _label(FEELING_LABELS, entry.feeling)
        return _("Said: %(feeling)s", feeling=feeling) if for_staff else _("You said: %(feeling)s", feeling=feeling)
    if kind in MISSED_LABELS:
        when = day_text(entry.on_date)
        if kind == "didnt_happen":
            return _("Did not happen: %(date)s", date=when)
        return _("Cut short: %(date)s", date=when)
    return _("Asked for a change")


def entry_reaches(entry: Any) -> str:
    """Who can see one thing the young person said, in their words (their worker always can)."""
    if entry.reaches_review and entry.shared_with_advocate:
        return _("Who can see it: you, your worker, your review and your advocate.")
    if entry.reaches_review:
        return _("Who can see it: you, your worker and your review.")
    if entry.shared_with_advocate:
        return _("Who can see it: you, your worker and your advocate.")
    return _("Who can see it: you and your worker.")


PLAN_GROUPS = ("next_on", "how_often", "ways", "place", "who_else", "arranged_by", "review_on", "apart")

WORDS = SimpleNamespace(
    how_often=HOW_OFTEN_LABELS,
    way=WAY_LABELS,
    place=PLACE_LABELS,
    who_else=WHO_ELSE_LABELS,
    arranger=ARRANGER_LABELS,
    feeling=FEELING_LABELS,
    missed=MISSED_LABELS,
    plan_groups=PLAN_GROUPS,
    day=day_text,
    example_day=example_day,
    next_text=next_text,
    ways_text=ways_text,
    how_often_text=how_often_text,
    who_else_text=who_else_text,
    arranged_by_text=arranged_by_text,
    apart_text=apart_text,
    value=value_text,
    part_names=PART_NAMES,
    staff_part_names=STAFF_PART_NAMES,
    entry_title=entry_title,
    entry_reaches=entry_reaches,
)
