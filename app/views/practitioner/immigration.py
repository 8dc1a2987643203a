"""A practitioner records a change in a young person's immigration or asylum case (a claim, a decision, an appeal,
18 with a claim undecided): only what kind and when, never details. Each change brings an advocacy offer once.
Routes join the practitioner blueprint."""

from __future__ import annotations

import uuid
from typing import Any

from flask import render_template
from flask_login import current_user

from app.access import roles_allowed
from app.forms.complaints import IMMIGRATION_LABELS, ImmigrationForm
from app.roles import Role
from app.services import moments
from app.views.practitioner.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, or_404, see_other


@form_route(bp, "/young-people/<uuid:young_person_id>/immigration", roles_allowed(Role.practitioner))
def immigration(young_person_id: uuid.UUID) -> Any:
    form = ImmigrationForm()
    sent = send_valid_form(
        form,
        lambda: moments.record_immigration_change(
            current_user, young_person_id, form.event.data or "", form.happened_on.data
        ),
        lambda _done: see_other("practitioner.immigration", young_person_id=young_person_id, done=1),
    )
    if sent is not None:
        return sent
    young_person, changes = or_404(moments.immigration_history, current_user, young_person_id)
    return render_template(
        "practitioner/immigration.html",
        form=form,
        young_person=young_person,
        changes=changes,
        labels=IMMIGRATION_LABELS,
    ), 400 if form.errors else 200
