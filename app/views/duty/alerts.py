"""Duty workers: the queue of safety alerts and the young people they are about."""

from __future__ import annotations

import uuid

from flask import Response, render_template
from flask_login import current_user

from app.access import roles_allowed
from app.extensions import htmx
from app.forms.safety import AcknowledgeAlertForm
from app.roles import Role
from app.services import safety
from app.views.duty.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, or_404, page_number, see_other
from app.views.shared.staff_pages import render_caseload, render_young_person
from app.web.templates import render_block


@bp.get("/")
@roles_allowed(Role.duty)
def home() -> str:
    return render_caseload("duty/home.html", queue=safety.duty_queue(current_user), uses_htmx=True)


@bp.get("/alerts")
@roles_allowed(Role.duty)
def alert_queue() -> str:
    """The queue on its own: what htmx swaps in every 30 seconds, and a plain page without JavaScript."""
    context = {"queue": safety.duty_queue(current_user, page_number()), "uses_htmx": True}
    if htmx:
        return render_block("duty/alerts.html", "queue", **context)
    return render_template("duty/alerts.html", **context)


@form_route(bp, "/alerts/<uuid:alert_id>", roles_allowed(Role.duty))
def alert(alert_id: uuid.UUID) -> str | Response:
    form = AcknowledgeAlertForm()
    sent = send_valid_form(
        form,
        lambda: safety.acknowledge(current_user, alert_id, form.action_taken.data or ""),
        lambda _done: see_other("duty.alert", alert_id=alert_id),
    )
    if sent is not None:
        return sent
    found = or_404(safety.alert_for_duty, current_user, alert_id)
    return render_template("duty/alert.html", alert=found, form=form)


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(Role.duty)
def young_person(young_person_id: uuid.UUID) -> str:
    return render_young_person(young_person_id)
