"""Council admins: legal holds, which stop Orbit deleting anything of one young person's until lifted."""

from __future__ import annotations

import uuid

from flask import Response, abort, render_template, request
from flask_login import current_user

from app.access import roles_allowed
from app.forms.auth import ConfirmForm
from app.forms.staff import LegalHoldForm
from app.roles import Role
from app.services import legal_holds
from app.views.admin.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, or_404, see_other


@form_route(bp, "/young-people/<uuid:young_person_id>/legal-hold", roles_allowed(Role.council_admin))
def legal_hold(young_person_id: uuid.UUID) -> str | Response:
    """Set a legal hold (with its reason) or see the ones before; lifting is its own button."""
    form = LegalHoldForm()
    sent = send_valid_form(
        form,
        lambda: legal_holds.set_hold(current_user, young_person_id, form.reason.data or ""),
        lambda _done: see_other("admin.legal_hold", young_person_id=young_person_id, saved="set"),
    )
    if sent is not None:
        return sent
    page = or_404(legal_holds.hold_page, current_user, young_person_id)
    return render_template(
        "admin/legal_hold.html", page=page, form=form, lift_form=ConfirmForm(), saved=request.args.get("saved")
    )


@form_route(
    bp, "/young-people/<uuid:young_person_id>/legal-hold/lift", roles_allowed(Role.council_admin), methods=["POST"]
)
def lift_legal_hold(young_person_id: uuid.UUID) -> Response:
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    or_404(legal_holds.lift_hold, current_user, young_person_id)
    return see_other("admin.legal_hold", young_person_id=young_person_id, saved="lifted")
