"""Advocates and advocacy managers: the queue of requests, and working one request."""

from __future__ import annotations

import uuid

from flask import Response, abort, render_template, request
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.access import roles_allowed
from app.extensions import htmx
from app.forms.advocacy import (
    ORIGIN_STAFF_LABELS,
    REASON_STAFF_LABELS,
    TOPIC_STAFF_LABELS,
    WAY_STAFF_LABELS,
    CloseForm,
    ReassignForm,
    StaffMessageForm,
)
from app.forms.auth import ConfirmForm
from app.roles import ADVOCACY, Role
from app.services import advocacy
from app.services.errors import NotFound, Refused
from app.views.advocate.blueprint import bp
from app.views.shared.form_values import submission_key
from app.views.shared.messages import REFUSAL_MESSAGES, send_valid_form
from app.views.shared.pages import form_route, known_notice, or_404, page_number, see_other
from app.web.templates import render_block

WORDS = {
    "topics": TOPIC_STAFF_LABELS,
    "origins": ORIGIN_STAFF_LABELS,
    "reasons": REASON_STAFF_LABELS,
    "ways": WAY_STAFF_LABELS,
}
DONE = ("acknowledged", "accepted", "reassigned", "message", "attend", "closed")


@bp.get("/")
@roles_allowed(ADVOCACY)
def home() -> str:
    """The queue: what needs doing next, due first."""
    return render_template("advocate/home.html", **_queue_context())


@bp.get("/queue")
@roles_allowed(ADVOCACY)
def queue() -> str:
    """The queue on its own: what htmx swaps in every 30 seconds (the plain page is the same as home)."""
    if htmx:
        return render_block("advocate/home.html", "queue", **_queue_context())
    return render_template("advocate/home.html", **_queue_context())


def _queue_context() -> dict[str, object]:
    # A queue row names its topic and origin: each label is translated once here, not once a row.
    words = {kind: {code: str(label) for code, label in WORDS[kind].items()} for kind in ("topics", "origins")}
    return {"queue": advocacy.queue(current_user, page=page_number()), "words": words, "uses_htmx": True}


# One request ------------------------------------------------------------------------------------------------


def _reassign_form(page: advocacy.StaffRequestPage, form: ReassignForm | None = None) -> ReassignForm:
    form = form or ReassignForm(formdata=None)
    form.advocate.choices = [SelectChoice("", "—")] + [SelectChoice(str(u.id), u.full_name) for u in page.advocates]
    if form.advocate.data is None and page.request.advocate_id:
        form.advocate.data = str(page.request.advocate_id)
    elif form.advocate.data is None and page.advocate_now is not None:
        form.advocate.data = str(page.advocate_now.id)  # their advocate now: giving it back to them is one press
    return form


def _request_page(
    advocacy_request_id: uuid.UUID,
    *,
    message_form: StaffMessageForm | None = None,
    reassign_form: ReassignForm | None = None,
    problem: str | None = None,
) -> str:
    page = or_404(advocacy.request_for_staff, current_user, advocacy_request_id)
    message_form = message_form or StaffMessageForm(formdata=None)
    if not message_form.submission_key.data:
        message_form.submission_key.data = str(uuid.uuid4())
    return render_template(
        "advocate/request.html",
        page=page,
        words=WORDS,
        message_form=message_form,
        reassign_form=_reassign_form(page, reassign_form),
        action_form=ConfirmForm(),
        done=known_notice(DONE),
        problem=problem,
    )


def _after(advocacy_request_id: uuid.UUID, done: str) -> Response:
    return see_other("advocate.request_page", advocacy_request_id=advocacy_request_id, done=done)


@bp.get("/requests/<uuid:advocacy_request_id>")
@roles_allowed(ADVOCACY)
def request_page(advocacy_request_id: uuid.UUID) -> str:
    return _request_page(advocacy_request_id)


def _act(advocacy_request_id: uuid.UUID, action, done: str) -> str | Response:
    try:
        action()
    except NotFound:
        abort(404)
    except Refused as refused:
        return _request_page(advocacy_request_id, problem=str(REFUSAL_MESSAGES.get(refused.code, refused.code)))
    return _after(advocacy_request_id, done)


@bp.post("/requests/<uuid:advocacy_request_id>/acknowledge")
@roles_allowed(ADVOCACY)
def acknowledge(advocacy_request_id: uuid.UUID) -> str | Response:
    return _act(advocacy_request_id, lambda: advocacy.acknowledge(current_user, advocacy_request_id), "acknowledged")


@bp.post("/requests/<uuid:advocacy_request_id>/accept")
@roles_allowed(ADVOCACY)
def accept(advocacy_request_id: uuid.UUID) -> str | Response:
    return _act(advocacy_request_id, lambda: advocacy.accept(current_user, advocacy_request_id), "accepted")


@bp.post("/requests/<uuid:advocacy_request_id>/attend")
@roles_allowed(ADVOCACY)
def attend(advocacy_request_id: uuid.UUID) -> str | Response:
    will_attend = request.form.get("will_attend") == "yes"
    return _act(
        advocacy_request_id,
        lambda: advocacy.set_attendance(current_user, advocacy_request_id, will_attend),
        "attend",
    )


@form_route(bp, "/requests/<uuid:advocacy_request_id>/message", roles_allowed(ADVOCACY), methods=["POST"])
def message(advocacy_request_id: uuid.UUID) -> str | Response:
    form = StaffMessageForm()
    sent = send_valid_form(
        form,
        lambda: advocacy.send_advocate_message(
            current_user, advocacy_request_id, form.body.data or "", submission_key(form.submission_key.data)
        ),
        lambda _done: _after(advocacy_request_id, "message"),
    )
    if sent is not None:
        return sent
    return _request_page(advocacy_request_id, message_form=form)


@form_route(bp, "/requests/<uuid:advocacy_request_id>/reassign", roles_allowed(Role.advocacy_manager), methods=["POST"])
def reassign(advocacy_request_id: uuid.UUID) -> str | Response:
    form = ReassignForm()
    form.advocate.validate_choice = False  # the service decides who may be chosen
    sent = send_valid_form(
        form,
        lambda: advocacy.reassign(current_user, advocacy_request_id, _advocate_id(form.advocate.data)),
        lambda _done: _after(advocacy_request_id, "reassigned"),
    )
    if sent is not None:
        return sent
    return _request_page(advocacy_request_id, reassign_form=form)


def _advocate_id(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


@form_route(bp, "/requests/<uuid:advocacy_request_id>/close", roles_allowed(ADVOCACY))
def close(advocacy_request_id: uuid.UUID) -> str | Response:
    form = CloseForm()
    sent = send_valid_form(
        form,
        lambda: advocacy.close(current_user, advocacy_request_id, form.outcome.data or ""),
        lambda _done: _after(advocacy_request_id, "closed"),
    )
    if sent is not None:
        return sent
    found = or_404(advocacy.request_for_close, current_user, advocacy_request_id)
    if not found.is_open:
        return _after(advocacy_request_id, "closed")
    return render_template("advocate/close.html", form=form, found=found, words=WORDS)
