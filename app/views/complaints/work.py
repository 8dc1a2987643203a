"""The complaints team: the queue with the statutory clocks (due first), a complaint's page, answering it to the
young person in plain words, more time for a stage with a reason they read, and the council's figures.

Complaints officers work the council's complaints; advocacy managers work complaints about their own service
(never the council's); a young person's advocate reads a complaint only when the young person chose to share it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from flask import render_template
from flask_login import current_user

from app.access import roles_allowed
from app.forms.complaints import TOPIC_STAFF_LABELS, AnswerForm, ExtendForm
from app.roles import Role
from app.services import complaints
from app.views.complaints.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import known_notice, or_404, page_number, see_other
from app.web.routing import csrf_in_form

DONE = ("answered", "extended")
# The page each kind of worker opens a complaint at (the parameter name says whose complaints they are).
ENDPOINT_FOR_ROLE = {
    Role.complaints_officer: "complaints.complaint",
    Role.advocacy_manager: "complaints.service_complaint",
}


@bp.get("/")
@roles_allowed(Role.complaints_officer, Role.advocacy_manager)
def home() -> str:
    return render_template(
        "complaints/home.html",
        queue=complaints.queue(current_user, page_number()),
        topics=TOPIC_STAFF_LABELS,
        endpoint=ENDPOINT_FOR_ROLE[current_user.role],
    )


@bp.get("/figures")
@roles_allowed(Role.complaints_officer, Role.advocacy_manager)
def figures() -> str:
    return render_template(
        "complaints/figures.html", figures=complaints.figures(current_user), topics=TOPIC_STAFF_LABELS
    )


def _page(
    complaint_id: uuid.UUID, answer_form: AnswerForm, extend_form: ExtendForm, base: str, status: int = 200
) -> Any:
    found = or_404(complaints.complaint_for_staff, current_user, complaint_id)
    stage = str(found.complaint.stage)
    answer_form.stage.data = answer_form.stage.data or stage
    extend_form.stage.data = extend_form.stage.data or stage
    return (
        render_template(
            "complaints/complaint.html",
            found=found,
            topics=TOPIC_STAFF_LABELS,
            answer_form=answer_form,
            extend_form=extend_form,
            done=known_notice(DONE),
            base=base,
            param=_param(base),
        ),
        status,
    )


def _stage(form: Any) -> int:
    try:
        return int(form.stage.data or 0)
    except ValueError:
        return 0


# What each of a stage's two forms does: its form, the field with the words, the service call and the `done` note.
STAGE_ACTIONS: dict[str, tuple[type[AnswerForm] | type[ExtendForm], str, Callable[..., Any], str]] = {
    "answer": (AnswerForm, "answer", complaints.answer, "answered"),
    "extend": (ExtendForm, "reason", complaints.extend, "extended"),
}


def _stage_action(complaint_id: uuid.UUID, endpoint: str, action: str) -> Any:
    """Validate one of the page's two forms and do what it asks; back to the page with `done`, or the page again
    with that form's errors and the other form empty."""
    form_class, field, act, done = STAGE_ACTIONS[action]
    form = form_class()
    sent = send_valid_form(
        form,
        lambda: act(current_user, complaint_id, form[field].data or "", _stage(form)),
        lambda _done: see_other(endpoint, **{_param(endpoint): complaint_id, "done": done}),
    )
    if sent is not None:
        return sent
    answer_form = form if isinstance(form, AnswerForm) else AnswerForm(formdata=None)
    extend_form = form if isinstance(form, ExtendForm) else ExtendForm(formdata=None)
    return _page(complaint_id, answer_form, extend_form, endpoint, status=400)


def _param(endpoint: str) -> str:
    return "service_complaint_id" if endpoint == "complaints.service_complaint" else "complaint_id"


def _complaint_pages(base: str, path: str, param: str, allowed: Callable[[Any], Any]) -> None:
    """A complaint's page at `path`/<`param`> (endpoint `base`) with its answer and more-time forms (`base`_answer,
    `base`_extend), each open to whoever `allowed` lets in. The two kinds of complaint worker get the same pages,
    each at their own address under their own access rule."""
    endpoint = f"{bp.name}.{base}"

    def page(**ids: uuid.UUID) -> Any:
        return _page(ids[param], AnswerForm(formdata=None), ExtendForm(formdata=None), endpoint)

    def answer(**ids: uuid.UUID) -> Any:
        return _stage_action(ids[param], endpoint, "answer")

    def extend(**ids: uuid.UUID) -> Any:
        return _stage_action(ids[param], endpoint, "extend")

    rule = f"{path}/<uuid:{param}>"
    bp.add_url_rule(rule, base, allowed(page), methods=["GET"])
    bp.add_url_rule(f"{rule}/answer", f"{base}_answer", allowed(csrf_in_form(answer)), methods=["POST"])
    bp.add_url_rule(f"{rule}/extend", f"{base}_extend", allowed(csrf_in_form(extend)), methods=["POST"])


# The council's complaints: complaints officers.
_complaint_pages("complaint", "/complaints", "complaint_id", roles_allowed(Role.complaints_officer))
# Complaints about an advocacy service: its managers, never the council.
_complaint_pages("service_complaint", "/service", "service_complaint_id", roles_allowed(Role.advocacy_manager))


# A complaint the young person shared with their advocate (read only) ----------------------------------------


@bp.get("/shared/<uuid:complaint_id>")
@roles_allowed(Role.advocate)
def shared_complaint(complaint_id: uuid.UUID) -> Any:
    return _page(complaint_id, AnswerForm(formdata=None), ExtendForm(formdata=None), "complaints.shared_complaint")
