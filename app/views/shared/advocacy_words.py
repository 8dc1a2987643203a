"""An advocacy request's status and what it is about, as the advocacy service's pages show them.

In Python rather than template macros: the advocacy queue shows 25 rows, and calling a macro for a cell cost more
than everything else in it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup


def staff_status(request: Any) -> Markup:
    """Where a request is up to, as a coloured tag: New, Seen, Advocate allocated, or closed."""
    if request.status == "sent":
        return _tag("yellow", _("New"))
    if request.status == "seen":
        return _tag("blue", _("Seen"))
    if request.status == "allocated":
        return _tag("green", _("Advocate allocated"))
    if request.withdrawn:
        return _tag("grey", _("Closed: they said not now"))
    return _tag("grey", _("Closed"))


def staff_about(request: Any, words: Mapping[str, Mapping[Any, str]]) -> Markup:
    """What a request is about (its topic), and how it came (unless the young person asked, with a topic)."""
    about = Markup("%s<br>") % (words["topics"][request.topic],) if request.topic else Markup("")
    if request.origin != "asked" or not request.topic:
        about += Markup('<span class="orbit-origin">%s</span>') % (words["origins"][request.origin],)
    return about


def _tag(colour: str, words: str) -> Markup:
    return Markup('<strong class="govuk-tag govuk-tag--%s">%s</strong>') % (colour, words)
