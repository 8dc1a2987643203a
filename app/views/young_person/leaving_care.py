"""Leaving care for young people: the local offer as a checklist, Staying Close, asking for support, a trusted
adult, requests and replies, and "how are things?". Routes join the young_person blueprint."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, abort, render_template, request
from flask_login import current_user

from app.access import young_people_only
from app.forms.leaving_care import CheckInForm, OfferAnswerForm, SupportRequestForm, TrustedAdultForm, person_choices
from app.services import leaving_care
from app.services.errors import NotFound, Refused
from app.views.shared.form_values import details, submission_key, uuid_or_none, version_of
from app.views.shared.leaving_care_words import WORDS
from app.views.shared.messages import REFUSAL_MESSAGES, send_valid_form, show_refusal
from app.views.shared.pages import form_route, known_notice, or_404, see_other
from app.views.shared.people_words import relationship_text
from app.views.young_person.blueprint import bp

SAVED_NOTICES = ("got_it", "not_yet", "need_help", "asked")
PROBLEM_NOTICES = (
    "checklist_answer_unknown",
    "local_offer_item_gone",
    "local_offer_not_for_you",
    "local_offer_item_changed",
)


@bp.app_template_global()
def leaving_care_shown(young_person: Any) -> bool:
    """Whether the home page links to leaving care: from 16, and for every care leaver whatever their age."""
    return leaving_care.shows_leaving_care(young_person)


@bp.get("/leaving-care")
@young_people_only
def leaving_care_home() -> str:
    home = or_404(leaving_care.leaving_care_home, current_user)
    return render_template("young_person/leaving_care.html", home=home, me=home.me, words=WORDS)


# The local offer as a checklist --------------------------------------------------------------------------------


def _notice() -> dict[str, Any] | None:
    """What happened to one item on the last press: saved, or why not. Only known codes are shown."""
    item = uuid_or_none(request.args.get("item"))
    if item is None:
        return None
    saved, problem = request.args.get("saved"), request.args.get("problem")
    if saved in SAVED_NOTICES:
        return {"item": item, "saved": saved}
    if problem in PROBLEM_NOTICES:
        return {"item": item, "problem": str(REFUSAL_MESSAGES[problem]), "code": problem}
    return None


@bp.get("/leaving-care/offer")
@young_people_only
def local_offer() -> str:
    checklist = or_404(leaving_care.my_checklist, current_user)
    return render_template(
        "young_person/local_offer.html",
        checklist=checklist,
        me=checklist.me,
        form=OfferAnswerForm(),
        notice=_notice(),
        words=WORDS,
    )


@bp.post("/leaving-care/offer/<uuid:offer_item_id>")
@young_people_only
def answer_local_offer(offer_item_id: uuid.UUID) -> Response:
    form = OfferAnswerForm()
    anchor = f"item-{offer_item_id}"
    # The request cycle has checked the CSRF token already; the service checks the item first (someone else's
    # is "not found", whatever was sent), then the answer.
    try:
        answered = leaving_care.answer_item(current_user, offer_item_id, form.answer.data or "", version_of(form))
    except NotFound:
        abort(404)
    except Refused as refused:
        code = refused.code if refused.code in PROBLEM_NOTICES else "checklist_answer_unknown"
        return see_other("young_person.local_offer", item=offer_item_id, problem=code, _anchor=anchor)
    saved = "asked" if answered.asked_now else str(answered.answer.answer)
    return see_other("young_person.local_offer", item=offer_item_id, saved=saved, _anchor=anchor)


# Staying Close -------------------------------------------------------------------------------------------------


@bp.get("/leaving-care/staying-close")
@young_people_only
def staying_close() -> str:
    page = or_404(leaving_care.staying_close_page, current_user)
    return render_template(
        "young_person/staying_close.html",
        page=page,
        me=page.me,
        words=WORDS,
        relationship_text=relationship_text,
        done=known_notice(("trusted_adult", "no_one", "check_in")),
    )


def _back_to_staying_close(done: str, part: str) -> Response:
    """The Staying Close page saying what was just `done`, at the `part` it was done in."""
    return see_other("young_person.staying_close", done=done, _anchor=part)


@form_route(bp, "/leaving-care/staying-close/ask", young_people_only)
def ask_support() -> str | Response:
    form = SupportRequestForm()
    if form.validate_on_submit():
        asked = details(form, leaving_care.SupportDetails)
        try:
            sent = leaving_care.ask_for_support(current_user, asked, submission_key(form.submission_key.data))
        except NotFound:
            abort(404)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return see_other("young_person.support_request", support_request_id=sent.id, done="sent")
    elif request.method == "POST" and not form.areas.data and not form.errors.get("areas"):
        # Nothing chosen: say so next to the question, together with any other problem.
        show_refusal(form, Refused("support_area_missing", "areas"))
    if not form.submission_key.data:
        form.submission_key.data = str(uuid.uuid4())
    me = or_404(leaving_care.where_requests_go, current_user)
    return render_template("young_person/support_ask.html", form=form, me=me, words=WORDS)


@bp.get("/leaving-care/requests/<uuid:support_request_id>")
@young_people_only
def support_request(support_request_id: uuid.UUID) -> str:
    page = or_404(leaving_care.my_request, current_user, support_request_id)
    return render_template(
        "young_person/support_request.html",
        page=page,
        words=WORDS,
        sent=request.args.get("done") == "sent",
    )


# A trusted adult ----------------------------------------------------------------------------------------------


@form_route(bp, "/leaving-care/trusted-adult", young_people_only)
def trusted_adult() -> str | Response:
    choice = or_404(leaving_care.trusted_adult_choice, current_user)
    form = TrustedAdultForm()
    form.person.choices = person_choices([(str(person.id), person.name) for person in choice.people])
    if form.validate_on_submit():
        try:
            chosen = leaving_care.choose_trusted_adult(current_user, form.person.data or "")
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return _back_to_staying_close("trusted_adult" if chosen else "no_one", "trusted-adult")
    elif request.method == "GET" and choice.current is not None:
        form.person.data = str(choice.current.person_id)
    items = [{"hint": {"text": relationship_text(person)}} for person in choice.people]
    return render_template(
        "young_person/trusted_adult.html",
        form=form,
        choice=choice,
        me=choice.me,
        person_params={"items": [*items, {}]},
    )


# How are things? -----------------------------------------------------------------------------------------------


@form_route(bp, "/leaving-care/how-are-things", young_people_only)
def how_are_things() -> str | Response:
    form = CheckInForm()
    sent = send_valid_form(
        form,
        lambda: leaving_care.check_in(current_user, form.feeling.data or "", form.words.data or ""),
        lambda _done: _back_to_staying_close("check_in", "how-are-things"),
    )
    if sent is not None:
        return sent
    me, check_ins = or_404(leaving_care.my_check_ins, current_user)
    return render_template("young_person/how_are_things.html", form=form, me=me, check_ins=check_ins, words=WORDS)
