"""Council admins and advocacy managers: staff accounts."""

from __future__ import annotations

import uuid

from flask import Response, abort, render_template, request, url_for
from flask_login import current_user

from app.access import roles_actor_may_invite, roles_allowed
from app.forms.auth import ConfirmForm
from app.forms.staff import ROLE_LABELS, InviteStaffForm
from app.roles import Role
from app.services import admin
from app.services.errors import Refused
from app.views.admin.blueprint import MANAGERS, bp
from app.views.shared.messages import show_refusal
from app.views.shared.pages import form_route, or_404, see_other


@bp.get("/")
@roles_allowed(MANAGERS)
def home() -> str:
    overview = admin.staff_overview(current_user)
    return render_template(
        "admin/home.html",
        overview=overview,
        role_labels={role: str(label) for role, label in ROLE_LABELS.items()},  # translated once, not per row
        invited=request.args.get("invited"),
    )


@form_route(bp, "/staff/invite", roles_allowed(MANAGERS))
def invite() -> str | Response:
    form = InviteStaffForm()
    allowed = sorted(roles_actor_may_invite(current_user))
    form.role.choices = [(role.value, ROLE_LABELS[role]) for role in allowed]
    if form.validate_on_submit():
        try:
            admin.invite_staff(
                current_user,
                role=Role(form.role.data),
                first_name=form.first_name.data or "",
                last_name=form.last_name.data or "",
                email=form.email.data or "",
                join_url_for=lambda token: url_for("auth.staff_join", token=token, _external=True),
            )
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return see_other("admin.home", invited=form.email.data)
    return render_template("admin/invite.html", form=form)


@bp.post("/staff/<uuid:user_id>/disable")
@roles_allowed(MANAGERS)
def disable(user_id: uuid.UUID) -> Response:
    return _set_disabled(user_id, disabled=True)


@bp.post("/staff/<uuid:user_id>/enable")
@roles_allowed(MANAGERS)
def enable(user_id: uuid.UUID) -> Response:
    return _set_disabled(user_id, disabled=False)


def _set_disabled(user_id: uuid.UUID, *, disabled: bool) -> Response:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    or_404(admin.set_disabled, current_user, user_id, disabled=disabled)
    return see_other("admin.home")
