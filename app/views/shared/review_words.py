"""Words for reviews, shared by the young person's pages, the staff pages and the PDF review pack."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.forms.reviews import ATTENDANCE_LABELS

# Each step's code (the service's) and the words in its address.
STEP_SLUGS = {
    "going_well": "going-well",
    "hard": "hard",
    "people": "people",
    "family_time": "family-time",
    "change": "change",
    "taking_part": "taking-part",
}

STEP_TITLES = {
    "going_well": _l("What's going well"),
    "hard": _l("What's hard or worrying"),
    "people": _l("People who matter"),
    "family_time": _l("Family time"),
    "change": _l("What I want to change"),
    "taking_part": _l("How I want to take part"),
}

# The same points, as staff read them in the review pack and on the answers page.
POINT_TITLES_STAFF = {
    "going_well": _l("What's going well"),
    "hard": _l("What's hard or worrying"),
    "people": _l("People who matter"),
    "family_time": _l("Family time"),
    "change": _l("What they want to change"),
    "taking_part": _l("How they want to take part"),
    "note": _l("A note for the review"),
    "general": _l("Anything else decided"),
}

POINT_TITLES_YOUNG_PERSON = {
    **STEP_TITLES,
    "note": _l("Your note"),
    "general": _l("Anything else we decided"),
}

ATTENDANCE_STAFF = {
    "go": _l("Wants to go to the review"),
    "chair": _l("Wants to chair the review, or part of it"),
    "views_only": _l("Does not want to go: sends their views only"),
    "not_sure": _l("Not sure yet whether to go"),
}


def step_title(step: str) -> str:
    return str(STEP_TITLES[step])


def attendance_text(views: Any, *, for_staff: bool = False) -> list[str]:
    """How the young person wants to take part, one line each, in their words or in staff words."""
    lines: list[str] = []
    if views is None:
        return lines
    if views.attendance:
        labels = ATTENDANCE_STAFF if for_staff else ATTENDANCE_LABELS
        lines.append(str(labels[str(views.attendance)]))
    if views.with_advocate:
        lines.append(_("Wants their advocate there") if for_staff else _("I want my advocate to be there"))
    if views.talk_before:
        lines.append(
            _("Wants to talk to you before the review")
            if for_staff
            else _("I want to talk to the person who runs my review before it")
        )
    return lines


def point_title(point: str, *, for_staff: bool = False) -> str:
    return str((POINT_TITLES_STAFF if for_staff else POINT_TITLES_YOUNG_PERSON)[point])


def said_text(item: Any, views: Any, shared: list[Any], *, for_staff: bool = False) -> list[str]:
    """What the young person said for one point, as lines of text (never HTML)."""
    point = str(item.point)
    if point == "note":
        return [item.note.words]
    if point == "general":
        return []
    if point == "people":
        lines = []
        if shared:
            names = ", ".join(person.name for person in shared)
            lines.append(_("Shared with the review: %(names)s", names=names) if for_staff else names)
        if views.people_words:
            lines.append(views.people_words)
        return lines
    if point == "taking_part":
        return attendance_text(views, for_staff=for_staff)
    return [getattr(views, point) or ""]


def family_time_words() -> Any:
    """The family time feature's words (app.views.shared.family_time_words), or None while that feature is not there."""
    if importlib.util.find_spec("app.views.shared.family_time_words") is None:
        return None
    return importlib.import_module("app.views.shared.family_time_words").WORDS


WORDS = {
    "step_slugs": STEP_SLUGS,
    "step_title": step_title,
    "point_title": point_title,
    "said_text": said_text,
    "attendance_text": attendance_text,
}
