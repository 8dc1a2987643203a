"""A young person's advocacy pages: the offer, asking for an advocate, where it is up to, and messages.

Routes join the young_person blueprint.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.access import young_people_only
from app.forms.advocacy import REASON_LABELS, TOPIC_LABELS, WAY_LABELS, AskForm, MessageForm
from app.forms.auth import ConfirmForm
from app.services import advocacy
from app.services.errors import NotFound, Refused
from app.views.shared.form_values import details, submission_key
from app.views.shared.messages import REFUSAL_MESSAGES, send_valid_form, show_refusal
from app.views.shared.pages import form_route, known_notice, or_404, see_other
from app.views.young_person.blueprint import bp

DONE = ("declined", "sent", "message", "changed", "stopped")
WORDS = {"reasons": REASON_LABELS, "topics": TOPIC_LABELS, "ways": WAY_LABELS}


def _fresh_key(form: Any) -> None:
    if not form.submission_key.data:
        form.submission_key.data = str(uuid.uuid4())


def _overview(problem: str | None = None, status: int = 200) -> tuple[str, int]:
    mine = or_404(advocacy.my_advocacy, current_user)
    return (
        render_template(
            "young_person/advocacy.html",
            mine=mine,
            words=WORDS,
            done=known_notice(DONE),
            problem=problem,
            answer_form=ConfirmForm(),
        ),
        status,
    )


@bp.get("/advocate")
@young_people_only
def advocacy_home() -> tuple[str, int]:
    return _overview()


@bp.post("/advocate/offers/<uuid:offer_id>")
@young_people_only
def answer_offer(offer_id: uuid.UUID) -> Response | tuple[str, int]:
    """ "Yes please" and "No thanks": one tap each, no questions."""
    try:
        made = advocacy.answer_offer(current_user, offer_id, request.form.get("answer", ""))
    except NotFound:
        abort(404)
    except Refused as refused:
        return _overview(problem=str(REFUSAL_MESSAGES.get(refused.code, refused.code)), status=409)
    if made is None:
        return see_other("young_person.advocacy_home", done="declined")
    return see_other("young_person.advocacy_request", advocacy_request_id=made.id, done="sent")


def _details(form: AskForm) -> advocacy.RequestDetails:
    return details(form, advocacy.RequestDetails)


@form_route(bp, "/advocate/ask", young_people_only)
def ask_for_advocate() -> str | Response:
    form = AskForm()
    if form.validate_on_submit():
        try:
            made = advocacy.ask_for_advocate(current_user, _details(form), submission_key(form.submission_key.data))
        except NotFound:
            abort(404)
        except Refused as refused:
            if refused.code == "request_already_open":
                mine = advocacy.my_advocacy(current_user)
                if mine.open_request is not None:
                    return see_other("young_person.advocacy_request", advocacy_request_id=mine.open_request.id)
            show_refusal(form, refused)
        else:
            return see_other("young_person.advocacy_request", advocacy_request_id=made.id, done="sent")
    elif request.method == "GET":
        form.ways.data = ["in_orbit"]
        form.urgent.data = "no"
        form.who.data = "someone_else" if request.args.get("who") == "someone_else" else "mine"
    _fresh_key(form)
    asking = or_404(advocacy.asking_for, current_user)
    if asking.advocate is not None:
        _name_the_choice(form, asking)
    return render_template(
        "young_person/advocacy_ask.html",
        form=form,
        service_name=asking.service_name,
        advocate=asking.advocate,
        page=None,
    )


def _name_the_choice(form: AskForm, asking: advocacy.AskingFor) -> None:
    """ "Who would you like to talk to?" with their advocate's first name and their service's name."""
    name = asking.advocate.first_name if asking.advocate else ""
    form.who.choices = [
        ("mine", _("%(name)s, your advocate", name=name)),
        ("someone_else", _("Someone else at %(service)s", service=asking.service_name or "")),
    ]
    form.who.description = _("If you choose someone else, %(name)s is not told and cannot see it.", name=name)


def _request_page(advocacy_request_id: uuid.UUID, form: MessageForm) -> str:
    page = or_404(advocacy.my_request, current_user, advocacy_request_id)
    _fresh_key(form)
    return render_template(
        "young_person/advocacy_request.html", page=page, form=form, words=WORDS, done=known_notice(DONE)
    )


@bp.get("/advocate/requests/<uuid:advocacy_request_id>")
@young_people_only
def advocacy_request(advocacy_request_id: uuid.UUID) -> str:
    return _request_page(advocacy_request_id, MessageForm(formdata=None))


@form_route(bp, "/advocate/requests/<uuid:advocacy_request_id>/message", young_people_only, methods=["POST"])
def advocacy_message(advocacy_request_id: uuid.UUID) -> str | Response:
    form = MessageForm()
    sent = send_valid_form(
        form,
        lambda: advocacy.send_young_person_message(
            current_user, advocacy_request_id, form.body.data or "", submission_key(form.submission_key.data)
        ),
        lambda _done: see_other(
            "young_person.advocacy_request", advocacy_request_id=advocacy_request_id, done="message", _anchor="messages"
        ),
    )
    if sent is not None:
        return sent
    return _request_page(advocacy_request_id, form)


@form_route(bp, "/advocate/requests/<uuid:advocacy_request_id>/change", young_people_only)
def change_advocacy_request(advocacy_request_id: uuid.UUID) -> str | Response:
    form = AskForm()
    sent = send_valid_form(
        form,
        lambda: advocacy.change_request(current_user, advocacy_request_id, _details(form)),
        lambda _done: see_other(
            "young_person.advocacy_request", advocacy_request_id=advocacy_request_id, done="changed"
        ),
    )
    if sent is not None:
        return sent
    try:
        found = advocacy.request_for_change(current_user, advocacy_request_id)
        service_name = advocacy.service_name_for(current_user)
    except NotFound:
        abort(404)
    except Refused:
        return see_other("young_person.advocacy_request", advocacy_request_id=advocacy_request_id)
    if request.method == "GET":
        form.topic.data = found.topic.value if found.topic else None
        form.wants.data = found.wants or ""
        form.ways.data = sorted(way.value for way in found.ways)
        form.phone.data = found.phone or ""
        form.good_times.data = found.good_times or ""
        form.urgent.data = "yes" if found.urgent else "no"
    _fresh_key(form)
    return render_template("young_person/advocacy_ask.html", form=form, service_name=service_name, page=found)


@bp.route("/advocate/requests/<uuid:advocacy_request_id>/stop", methods=["GET", "POST"])
@young_people_only
def stop_advocacy_request(advocacy_request_id: uuid.UUID) -> str | Response:
    """ "I don't need an advocate now": asked once, no reasons needed."""
    form = ConfirmForm()
    if request.method == "POST":
        or_404(advocacy.withdraw, current_user, advocacy_request_id)
        return see_other("young_person.advocacy_home", done="stopped")
    page = or_404(advocacy.my_request, current_user, advocacy_request_id)
    if not page.request.is_open:
        return see_other("young_person.advocacy_request", advocacy_request_id=advocacy_request_id)
    return render_template("young_person/advocacy_stop.html", page=page, form=form)
