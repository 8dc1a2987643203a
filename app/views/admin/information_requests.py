"""Council admins: young people's requests for the information held about them."""

from __future__ import annotations

import uuid

from flask import Response, render_template
from flask_login import current_user

from app.access import roles_allowed
from app.forms.safety import AnswerInformationRequestForm
from app.roles import Role
from app.services import information_requests as info_requests
from app.services import retention
from app.views.admin.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, or_404, page_number, see_other


@bp.get("/information-requests")
@roles_allowed(Role.council_admin)
def information_requests() -> str:
    queue = info_requests.requests_for_admin(current_user, page_number())
    return render_template("admin/information_requests.html", queue=queue)


@form_route(bp, "/information-requests/<uuid:information_request_id>", roles_allowed(Role.council_admin))
def information_request(information_request_id: uuid.UUID) -> str | Response:
    form = AnswerInformationRequestForm()
    sent = send_valid_form(
        form,
        lambda: info_requests.answer_request(
            current_user, information_request_id, form.outcome.data or "", form.reply.data or ""
        ),
        lambda _done: see_other("admin.information_requests"),
    )
    if sent is not None:
        return sent
    found = or_404(info_requests.request_for_admin, current_user, information_request_id)
    return render_template(
        "admin/information_request.html", found=found, form=form, on_hold=retention.on_hold(found.young_person_id)
    )
