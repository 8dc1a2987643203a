"""Words for leaving care, shared by the young person's pages and the staff pages."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask_babel import gettext as _

from app.forms.leaving_care import (
    ANSWER_LABELS,
    AREA_LABELS,
    CATEGORY_LABELS,
    CATEGORY_STAFF_LABELS,
    CONTACT_LABELS,
    FEELING_LABELS,
    HOME_LABELS,
    REPLY_STATUS_LABELS,
    STATUS_LABELS,
    TRUSTED_ADULT_STATUS_LABELS,
)

AREA_ORDER = tuple(AREA_LABELS)


def age_limit(item: Any) -> str:
    """An item's ages in plain words: "From age 18 until you turn 25"; empty when it has none."""
    if item.from_age is not None and item.until_age is not None:
        return _("From age %(from_age)s until you turn %(until_age)s", from_age=item.from_age, until_age=item.until_age)
    if item.from_age is not None:
        return _("From age %(from_age)s", from_age=item.from_age)
    if item.until_age is not None:
        return _("Until you turn %(until_age)s", until_age=item.until_age)
    return ""


def age_limit_staff(item: Any) -> str:
    if item.from_age is not None and item.until_age is not None:
        return _("%(from_age)s to %(until_age)s", from_age=item.from_age, until_age=item.until_age - 1)
    if item.from_age is not None:
        return _("%(from_age)s and over", from_age=item.from_age)
    if item.until_age is not None:
        return _("Under %(until_age)s", until_age=item.until_age)
    return _("Any age")


def areas_text(request: Any) -> str:
    """The areas of a Staying Close request, in order: "A home, or moving on; Money"."""
    chosen = {str(area) for area in request.areas}
    return "; ".join(str(AREA_LABELS[code]) for code in AREA_ORDER if code in chosen)


def request_title(request: Any) -> str:
    """What a request is about, in one line, for the young person and for staff."""
    if str(request.kind) == "offer_help":
        title = request.offer_item.title if request.offer_item else ""
        return _("Help with: %(item)s", item=title)
    return _("Staying Close: %(areas)s", areas=areas_text(request))


WORDS = SimpleNamespace(
    category=CATEGORY_LABELS,
    category_staff=CATEGORY_STAFF_LABELS,
    answer=ANSWER_LABELS,
    answers=tuple(ANSWER_LABELS),
    area=AREA_LABELS,
    contact=CONTACT_LABELS,
    status=STATUS_LABELS,
    reply_status=REPLY_STATUS_LABELS,
    trusted_status=TRUSTED_ADULT_STATUS_LABELS,
    home=HOME_LABELS,
    feeling=FEELING_LABELS,
    age_limit=age_limit,
    age_limit_staff=age_limit_staff,
    areas_text=areas_text,
    request_title=request_title,
)
