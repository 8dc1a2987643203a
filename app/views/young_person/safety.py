"""A young person's "I don't feel safe" screen. Routes join the young_person blueprint."""

from __future__ import annotations

import uuid

from flask import Response, render_template
from flask_login import current_user

from app.access import young_people_only
from app.forms.safety import SafetyAlertForm
from app.services import safety
from app.services.errors import Refused
from app.views.shared.form_values import submission_key
from app.views.shared.messages import show_refusal
from app.views.shared.pages import form_route, or_404, see_other
from app.views.young_person.blueprint import bp
from app.web.routing import keeps_session_through_expiry


@form_route(bp, "/safe", young_people_only)
@keeps_session_through_expiry
def not_safe() -> str | Response:
    form = SafetyAlertForm()
    if form.validate_on_submit():
        try:
            alert = safety.raise_alert(
                current_user, form.feeling.data or "", form.words.data or "", submission_key(form.submission_key.data)
            )
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return see_other("young_person.alert_sent", alert_id=alert.id)
    if not form.submission_key.data:
        form.submission_key.data = str(uuid.uuid4())
    return render_template("young_person/not_safe.html", form=form, told=safety.who_is_told(current_user))


@bp.get("/safe/<uuid:alert_id>")
@young_people_only
def alert_sent(alert_id: uuid.UUID) -> str:
    alert = or_404(safety.my_alert, current_user, alert_id)
    return render_template("young_person/alert_sent.html", alert=alert, told=safety.who_is_told(current_user))
