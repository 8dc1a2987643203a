"""The reviewing officer's "please look again" requests: a list due first with its clock, and a reply the young
person reads on their page. Routes join the reviewing_officer blueprint."""

from __future__ import annotations

import uuid
from typing import Any

from flask import render_template
from flask_login import current_user

from app.access import roles_allowed
from app.forms.complaints import LookAgainAnswerForm
from app.roles import Role
from app.services import complaints
from app.views.reviewing_officer.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, or_404, page_number, see_other


@bp.get("/look-again")
@roles_allowed(Role.reviewing_officer)
def look_again_list() -> str:
    return render_template(
        "reviewing_officer/look_again_list.html", queue=complaints.waiting_for_officer(current_user, page_number())
    )


@form_route(bp, "/look-again/<uuid:look_again_id>", roles_allowed(Role.reviewing_officer))
def look_again(look_again_id: uuid.UUID) -> Any:
    form = LookAgainAnswerForm()
    sent = send_valid_form(
        form,
        lambda: complaints.answer_look_again(current_user, look_again_id, form.answer.data or ""),
        lambda _done: see_other("reviewing_officer.look_again_list"),
    )
    if sent is not None:
        return sent
    page = or_404(complaints.look_again_for_officer, current_user, look_again_id)
    return render_template("reviewing_officer/look_again.html", page=page, form=form), 400 if form.errors else 200
