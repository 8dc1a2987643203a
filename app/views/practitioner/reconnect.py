"""Social workers and personal advisers: requests from young people to find someone again."""

from __future__ import annotations

import uuid

from flask import Response, render_template, request
from flask_login import current_user

from app.access import roles_allowed
from app.forms.people import ReconnectReplyForm
from app.roles import Role
from app.services import people
from app.views.practitioner.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, or_404, page_number, see_other
from app.views.shared.people_words import WORDS


@bp.get("/reconnect")
@roles_allowed(Role.practitioner)
def reconnect_queue() -> str:
    return render_template(
        "practitioner/reconnect_queue.html",
        queue=people.reconnect_queue(current_user, page_number()),
        words=WORDS,
        replied=request.args.get("replied") == "1",
    )


@form_route(bp, "/reconnect/<uuid:request_id>", roles_allowed(Role.practitioner))
def reconnect(request_id: uuid.UUID) -> str | Response:
    form = ReconnectReplyForm()
    sent = send_valid_form(
        form,
        lambda: people.reply_to_reconnect(current_user, request_id, form.outcome.data or "", form.reply.data or ""),
        lambda _done: see_other("practitioner.reconnect_queue", replied="1"),
    )
    if sent is not None:
        return sent
    found = or_404(people.reconnect_for_staff, current_user, request_id)
    return render_template("practitioner/reconnect.html", form=form, found=found, words=WORDS)
