"""'Who can see my things', the staff log, a copy of my information and asking to correct it.

Routes join the young_person blueprint.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user
from markupsafe import Markup, escape

from app.access import young_people_only
from app.forms.safety import InformationRequestForm
from app.services import information_requests, my_information, retention
from app.services.errors import Refused
from app.views.shared.messages import show_refusal
from app.views.shared.pages import form_route, see_other
from app.views.young_person.blueprint import bp


@bp.get("/my-things")
@young_people_only
def my_things() -> str:
    return render_template(
        "young_person/my_things.html", info=my_information.who_can_see(current_user), keep=retention.schedule()
    )


def _copy_labels() -> dict[str, str]:
    """Headings for the readable copy, in the reader's language (the JSON keeps its stable English keys)."""
    return {
        "you": _("You"),
        "workers": _("Your workers"),
        "people_who_matter": _("People who matter"),
        "requests_to_find_someone": _("Asking to find someone again"),
        "safety_alerts": _('"I don\'t feel safe" messages'),
        "requests_to_correct_or_delete": _("Asking to correct or delete something"),
        "who_looked": _("Who has looked"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "date_of_birth": _("Date of birth"),
        "home": pgettext("where someone lives", "Home"),
        "home_since": _("Living there since"),
        "username": _("Username"),
        "language": _("Language"),
        "joined_orbit": _("Joined Orbit"),
        "messages_by": _("Messages from Orbit"),
        "messages_to": _("Sent to"),
        "quiet_hours": _("Quiet hours"),
        "job": _("Job"),
        "name": _("Name"),
        "who_they_are": _("Who they are to you"),
        "circle": _("Circle"),
        "what_you_want": _("What you want"),
        "keep_in_touch_by": _("Keeping in touch by"),
        "can_you_trust_them": _("Can you trust them?"),
        "do_they_help_when_things_are_hard": _("Do they help when things are hard?"),
        "will_you_still_know_them_when_grown_up": _("Will you still know them when you're grown up?"),
        "shared_with": _("Shared with"),
        "ended": _("Ended"),
        "why_it_ended": _("Why it ended"),
        "history": _("What changed"),
        "when": _("When"),
        "change": _("Change"),
        "to": _("To"),
        "note": _("Note"),
        "person": _("Person"),
        "what_you_remembered": _("What you remembered"),
        "status": _("Where it is up to"),
        "reply": _("Reply"),
        "sent": _("Sent"),
        "you_said": _("You said"),
        "your_words": _("Your words"),
        "seen_by_duty_team": _("Seen by the duty team"),
        "asked_to": _("You asked to"),
        "due": _("Answer due"),
        "who": _("Who"),
        "role": _("Job"),
        "did": _("What they did"),
        "local_offer_answers": _("Your answers to the local offer list"),
        "item": _("What"),
        "requests_for_support": _("Asking for support"),
        "asked_for": _("You asked for"),
        "how_to_get_in_touch": _("How to get in touch"),
        "contact_note": _("About getting in touch"),
        "sent_to_leaving_care_team": _("Sent to the leaving care team"),
        "trusted_adults": _("Someone you trust for Staying Close"),
        "chosen": _("Chosen"),
        "arranged": _("Arranged"),
        "staying_close_support": _("Your Staying Close support"),
        "key_contact": _("Your key contact"),
        "where_you_live": _("Where you live"),
        "what_support": _("What support"),
        "looked_at_again": _("Looked at again on"),
        "how_things_are": _("How things are going"),
        "family_time": _("Family time"),
        "with": _("With"),
        "how_often": _("How often"),
        "how": _("How"),
        "where": _("Where"),
        "someone_else_there": _("Who else is there"),
        "who_arranges_it": _("Who sorts it out"),
        "next_time": _("Next time"),
        "plan_looked_at_again": _("When the plan will be looked at again"),
        "why_you_do_not_live_together": _("Why you don't live together"),
        "version": _("Version"),
        "changed": _("Changed"),
        "what_you_said": _("What you said"),
        "said": _("You said"),
        "date": _("Date"),
        "sent_to_your_review": _("Sent to your review"),
        "shared_with_your_advocate": _("Shared with your advocate"),
        "replies": _("Replies"),
    }


NOTHING = "\u2013"  # an en dash, for a value that is empty


def _copy_html(value: Any, labels: dict[str, str], parts: list[str]) -> None:
    """One value of the copy as HTML, nested as deep as it goes: a summary list for a record, a numbered list for a
    list, the value itself otherwise. Made here rather than by a template macro calling itself, which cost a
    macro call for every value (hundreds for someone with a lot in Orbit)."""
    if isinstance(value, Mapping):
        parts.append('<dl class="govuk-summary-list govuk-!-margin-bottom-4">\n')
        for key, inner in value.items():
            label = labels.get(key, key.replace("_", " "))
            parts.append(
                f'  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{escape(label)}</dt>'
                '<dd class="govuk-summary-list__value">'
            )
            _copy_html(inner, labels, parts)
            parts.append("</dd></div>\n")
        parts.append("</dl>")
    elif isinstance(value, str) or not _iterable(value):
        parts.append(NOTHING if value is None else str(escape(value)))
    elif value:
        parts.append('<ol class="govuk-list govuk-list--number">')
        for inner in value:
            parts.append("<li>")
            _copy_html(inner, labels, parts)
            parts.append("</li>")
        parts.append("</ol>")
    else:
        parts.append(NOTHING)


def _iterable(value: Any) -> bool:
    try:
        iter(value)
    except TypeError:
        return False
    return True


def copy_html(value: Any, labels: dict[str, str]) -> Markup:
    parts: list[str] = []
    _copy_html(value, labels, parts)
    return Markup("".join(parts))  # noqa: S704 - every value and label is escaped above


@bp.get("/my-things/copy")
@young_people_only
def copy_page() -> str:
    labels = _copy_labels()
    copy = my_information.copy_of_my_information(current_user)
    shown = [(section, value) for section, value in copy.items() if section != "made_at"]
    sections = [(labels.get(section, section), copy_html(value, labels)) for section, value in shown]
    return render_template("young_person/my_copy.html", copy=copy, sections=sections)


@bp.get("/my-things/copy.json")
@young_people_only
def copy_json() -> Response:
    body = json.dumps(my_information.copy_of_my_information(current_user), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="my-orbit-information.json"'},
    )


@form_route(bp, "/my-things/ask", young_people_only)
def ask_to_correct() -> str | Response:
    form = InformationRequestForm()
    if form.validate_on_submit():
        try:
            asked = information_requests.ask_to_correct(current_user, form.kind.data or "", form.words.data or "")
        except Refused as refused:
            show_refusal(form, refused)
        else:
            # A request to delete things on a legal hold is still sent; the page says why it cannot happen yet.
            held = asked.kind == "delete" and retention.on_hold(asked.young_person_id)
            return see_other("young_person.my_things", asked="held" if held else 1, _anchor="requests")
    return render_template("young_person/ask_to_correct.html", form=form)
