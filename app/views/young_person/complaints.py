"""A young person's side of "when something's not right": the three next steps after "I don't agree", asking the
person who runs their review to look again, making a complaint (from any page, "Something's not right?"),
following it through the council's stages, and asking for the next stage. Routes join the young_person blueprint.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, render_template, request
from flask_login import current_user

from app.access import young_people_only
from app.forms.base import EXPIRED_MESSAGE
from app.forms.complaints import TOPIC_LABELS, ComplaintForm, LookAgainForm, NextStageForm
from app.services import complaints
from app.services.errors import NotFound, Refused
from app.views.shared.form_values import details, submission_key, uuid_or_none
from app.views.shared.messages import REFUSAL_MESSAGES, send_valid_form
from app.views.shared.pages import form_route, known_notice, or_404, see_other
from app.views.young_person.blueprint import bp

DONE = ("sent", "next_stage", "asked")


# After "I don't agree" -------------------------------------------------------------------------------------


def _next_steps_page(response_id: uuid.UUID, form: LookAgainForm, status: int = 200):
    steps = or_404(complaints.next_steps, current_user, response_id)
    return render_template("young_person/next_steps.html", steps=steps, form=form, done=known_notice(DONE)), status


@bp.get("/review/not-agreed/<uuid:response_id>")
@young_people_only
def review_next_steps(response_id: uuid.UUID):
    return _next_steps_page(response_id, LookAgainForm(formdata=None))


@form_route(bp, "/review/not-agreed/<uuid:response_id>/look-again", young_people_only, methods=["POST"])
def review_look_again(response_id: uuid.UUID):
    form = LookAgainForm()
    sent = send_valid_form(
        form,
        lambda: complaints.ask_look_again(current_user, response_id, form.words.data or ""),
        lambda _done: see_other(
            "young_person.review_next_steps", response_id=response_id, done="asked", _anchor="look-again"
        ),
    )
    if sent is not None:
        return sent
    return _next_steps_page(response_id, form, status=200 if not form.errors else 400)


# Making a complaint -----------------------------------------------------------------------------------------


def _details(form: ComplaintForm) -> complaints.ComplaintDetails:
    sharing = set(form.sharing.data or ())
    return details(
        form,
        complaints.ComplaintDetails,
        share_with_advocate="advocate" in sharing,
        tell_social_worker="social_worker" in sharing,
        response_id=uuid_or_none(form.response.data) if form.response.data else None,
    )


@form_route(bp, "/complaints/new", young_people_only)
def complaint_new() -> Any:
    form = ComplaintForm()
    sent = send_valid_form(
        form,
        lambda: complaints.make_complaint(current_user, _details(form), submission_key(form.submission_key.data)),
        lambda made: see_other("young_person.complaint", complaint_id=made.id, done="sent"),
    )
    if sent is not None:
        return sent
    if request.method == "GET":
        response = uuid_or_none(request.args.get("response"))
        if response is not None:
            form.response.data = str(response)
            form.topic.data = "my_review"
    if not form.submission_key.data:
        form.submission_key.data = str(uuid.uuid4())
    readers = or_404(complaints.readers, current_user)
    status = 400 if form.errors else 200
    return render_template("young_person/complaint_new.html", form=form, readers=readers), status


@bp.get("/complaints")
@young_people_only
def complaints_home() -> str:
    mine = or_404(complaints.my_complaints, current_user)
    return render_template("young_person/complaints.html", mine=mine, topics=TOPIC_LABELS)


def _complaint_page(complaint_id: uuid.UUID, problem: str | None = None, status: int = 200):
    page = or_404(complaints.my_complaint, current_user, complaint_id)
    return (
        render_template(
            "young_person/complaint.html",
            page=page,
            topics=TOPIC_LABELS,
            form=NextStageForm(formdata=None),
            done=known_notice(DONE),
            problem=problem,
        ),
        status,
    )


@bp.get("/complaints/<uuid:complaint_id>")
@young_people_only
def complaint(complaint_id: uuid.UUID):
    return _complaint_page(complaint_id)


@form_route(bp, "/complaints/<uuid:complaint_id>/next-stage", young_people_only, methods=["POST"])
def complaint_next_stage(complaint_id: uuid.UUID) -> Any:
    form = NextStageForm()
    if not form.validate_on_submit():
        return _complaint_page(complaint_id, problem=str(EXPIRED_MESSAGE), status=400)
    try:
        stage = int(form.stage.data or 0)
    except ValueError:
        stage = 0
    try:
        complaints.ask_next_stage(current_user, complaint_id, stage)
    except NotFound:
        abort(404)
    except Refused as refused:
        return _complaint_page(complaint_id, problem=str(REFUSAL_MESSAGES.get(refused.code, refused.code)), status=409)
    return see_other("young_person.complaint", complaint_id=complaint_id, done="next_stage")
