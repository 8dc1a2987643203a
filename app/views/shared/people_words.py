"""Words for people who matter, shared by the young person's pages and the staff pages."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

from app.forms.people import (
    ANSWER_LABELS,
    CIRCLE_HINTS,
    CIRCLE_LABELS,
    COLOUR_LABELS,
    COLOURS,
    EMOJI,
    EMOJI_LABELS,
    QUESTION_LABELS,
    QUESTION_SHORT,
    RECONNECT_OUTCOME_LABELS,
    RELATIONSHIP_LABELS,
    WAY_LABELS,
    WISH_LABELS,
)
from app.views.shared.circles import initials
from app.views.shared.messages import officer_title


def relationship_text(person: Any) -> str:
    """Who they are to the young person: their own words when they gave some, with the kind when it adds to it."""
    kind = str(person.relationship_kind)
    label = str(RELATIONSHIP_LABELS.get(kind, kind))
    if person.relationship_words:
        return person.relationship_words if kind == "someone_else" else f"{label} · {person.relationship_words}"
    return label


WORDS = SimpleNamespace(
    relationship=RELATIONSHIP_LABELS,
    relationship_text=relationship_text,
    circle=CIRCLE_LABELS,
    circle_hint=CIRCLE_HINTS,
    wish=WISH_LABELS,
    way=WAY_LABELS,
    question=QUESTION_LABELS,
    question_short=QUESTION_SHORT,
    answer=ANSWER_LABELS,
    emoji=EMOJI,
    emoji_label=EMOJI_LABELS,
    colour=COLOURS,
    colour_label=COLOUR_LABELS,
    outcome=RECONNECT_OUTCOME_LABELS,
    circles=tuple(CIRCLE_LABELS),
    questions=tuple(QUESTION_LABELS),
    ways=tuple(WAY_LABELS),
    initials=initials,
)


def audience_title(choice: Any) -> str:
    """The sharing choice in the young person's words: "My social worker"."""
    audience = str(choice.audience)
    if audience == "advocate":
        return _("My advocate")
    if audience == "review":
        return _("My review")
    kind = str(choice.kind) if choice.kind else ""
    if kind == "personal_adviser":
        return _("My personal adviser")
    if kind == "social_worker":
        return _("My social worker")
    return _("My social worker or personal adviser")


def audience_line(choice: Any) -> str:
    """Who that choice is, by name, in one short line: "Priya, your social worker"."""
    audience = str(choice.audience)
    name = choice.staff.first_name if choice.staff else None
    if audience == "advocate":
        if name:
            return _("%(name)s, your advocate", name=name)
        return _("You do not have an advocate right now. If you get one, they will see this.")
    if audience == "review":
        if name:
            return _(
                "%(name)s, who runs your reviews (their job is called: %(title)s)",
                name=name,
                title=officer_title(choice.reviewing_officer_title),
            )
        return _("The person who runs your reviews. No one has this job for you right now.")
    if name and str(choice.kind) == "personal_adviser":
        return _("%(name)s, your personal adviser", name=name)
    if name:
        return _("%(name)s, your social worker", name=name)
    return _("No one has this job for you right now. Whoever gets it will see this.")


def sharing_boxes(choices: Iterable[Any]) -> dict[str, Any]:
    """Tick boxes for who may see something, each naming who that is: "My review" / "Sam, who runs your reviews"."""
    return {"items": [{"text": audience_title(choice), "hint": {"text": audience_line(choice)}} for choice in choices]}


def _label(labels: dict[str, Any], code: str | None) -> str:
    return str(labels.get(code, code)) if code else ""


def change_text(change: Any) -> str:
    """One line of a person's history in plain words, from its codes: "Moved to the closest circle"."""
    kind, value = str(change.kind), change.value
    if kind == "added":
        return {
            "closest": _("Added to the closest circle"),
            "close": _("Added to the close circle"),
            "further": _("Added to the outside circle"),
        }.get(value or "", _("Added"))
    if kind == "circle_changed":
        return {
            "closest": _("Moved to the closest circle"),
            "close": _("Moved to the close circle"),
            "further": _("Moved to the outside circle"),
        }.get(value or "", _("Moved to another circle"))
    if kind == "name_changed":
        return _("Name changed")
    if kind == "relationship_changed":
        return _("Who they are changed to: %(kind)s", kind=_label(RELATIONSHIP_LABELS, value))
    if kind == "look_changed":
        return _("Picture or colour changed")
    if kind == "wish_changed":
        if not value:
            return _("What you would like: taken off")
        return _("What you would like: %(wish)s", wish=_label(WISH_LABELS, value))
    if kind == "ways_changed":
        if not value:
            return _("Ways of keeping in touch: taken off")
        ways = ", ".join(_label(WAY_LABELS, code) for code in value.split(","))
        return _("Ways of keeping in touch: %(ways)s", ways=ways)
    if kind in ("trust_changed", "help_changed", "lasting_changed"):
        question = _label(QUESTION_LABELS, kind.removesuffix("_changed"))
        answer = _label(ANSWER_LABELS, value) if value else _("no answer")
        return _("%(question)s %(answer)s", question=question, answer=answer)
    if kind == "sharing_changed":
        if not value or value == "only_me":
            return _("Who can see: only you")
        names = {"advocate": _("your advocate"), "practitioner": _("your worker"), "review": _("your review")}
        return _("Who can see: you and %(who)s", who=", ".join(names.get(code, code) for code in value.split(",")))
    if kind == "ended":
        if change.note:
            return _("Ended: %(reason)s", reason=change.note)
        return _("Ended")
    if kind == "restarted":
        return _("Brought back into your circles")
    return kind


def emoji_items() -> list[dict[str, Any]]:
    """Radio items for the picture choice: the emoji is hidden from screen readers, which read the word."""
    items: list[dict[str, Any]] = [{}]
    for code, char in EMOJI.items():
        items.append(
            {
                "html": Markup('<span class="orbit-emoji" aria-hidden="true">%s</span> %s')
                % (
                    char,
                    EMOJI_LABELS[code],
                )
            }
        )
    return items


def colour_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [{}]
    for code in COLOURS:
        items.append(
            {
                "html": Markup('<span class="orbit-swatch orbit-dot--%s" aria-hidden="true"></span> %s')
                % (
                    code,
                    COLOUR_LABELS[code],
                )
            }
        )
    return items


WORDS.change_text = change_text
WORDS.emoji_items = emoji_items
WORDS.colour_items = colour_items
