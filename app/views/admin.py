"""Council admins and advocacy managers: staff accounts and allocations."""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import roles_actor_may_invite, roles_allowed
from app.forms.auth import ConfirmForm
from app.forms.safety import AnswerInformationRequestForm
from app.forms.staff import ROLE_LABELS, AllocateForm, InviteStaffForm, LegalHoldForm
from app.roles import Role
from app.services import admin, legal_holds, my_information, people, retention
from app.services.errors import NotFound, Refused
from app.views.messages import show_refusal
from app.views.staff_pages import render_caseload
from app.web import csrf_in_form

bp = Blueprint("admin", __name__, url_prefix="/admin")
MANAGERS = (Role.council_admin, Role.advocacy_manager)


def _allocation_label(kind: str) -> str:
    return {
        "social_worker": _("Social worker"),
        "personal_adviser": _("Personal adviser"),
        "reviewing_officer": _("Reviewing officer"),
        "advocate": _("Advocate"),
    }[kind]


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


@bp.route("/staff/invite", methods=["GET", "POST"])
@roles_allowed(MANAGERS)
@csrf_in_form
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
            return redirect(url_for("admin.home", invited=form.email.data), code=303)
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
    try:
        admin.set_disabled(current_user, user_id, disabled=disabled)
    except NotFound:
        abort(404)
    return redirect(url_for("admin.home"), code=303)


@bp.get("/young-people")
@roles_allowed(MANAGERS)
def young_people() -> str:
    return render_caseload("admin/young_people.html")


@bp.route("/young-people/<uuid:young_person_id>/allocations", methods=["GET", "POST"])
@roles_allowed(MANAGERS)
@csrf_in_form
def allocations(young_person_id: uuid.UUID) -> str | Response:
    form = AllocateForm()
    if request.method == "POST":
        page = _allocation_page(young_person_id)
        slot = next((s for s in page.slots if s.kind.value == form.kind.data), None)
        if slot is None:
            abort(400)
        form.staff.choices = [("", _("No one"))] + [(str(u.id), u.full_name) for u in slot.choices]
        if form.validate_on_submit():
            try:
                admin.allocate(
                    current_user,
                    young_person_id,
                    slot.kind,
                    uuid.UUID(form.staff.data) if form.staff.data else None,
                )
            except Refused as refused:
                show_refusal(form, refused)
            else:
                return redirect(
                    url_for("admin.allocations", young_person_id=young_person_id, saved=slot.kind.value),
                    code=303,
                )
    page = _allocation_page(young_person_id)
    return render_template(
        "admin/allocations.html",
        page=page,
        form=form,
        allocation_label=_allocation_label,
        saved=request.args.get("saved"),
    )


def _allocation_page(young_person_id: uuid.UUID) -> admin.AllocationPage:
    try:
        return admin.allocation_page(current_user, young_person_id)
    except NotFound:
        abort(404)


@bp.get("/people-who-matter")
@roles_allowed(Role.council_admin)
def people_count() -> str:
    try:
        count = people.council_people_count(current_user)
    except NotFound:
        abort(404)
    return render_template("admin/people_count.html", count=count, minimum=people.MIN_GROUP_SIZE)


@bp.get("/information-requests")
@roles_allowed(Role.council_admin)
def information_requests() -> str:
    return render_template("admin/information_requests.html", requests=my_information.requests_for_admin(current_user))


@bp.route("/information-requests/<uuid:information_request_id>", methods=["GET", "POST"])
@roles_allowed(Role.council_admin)
@csrf_in_form
def information_request(information_request_id: uuid.UUID) -> str | Response:
    form = AnswerInformationRequestForm()
    if form.validate_on_submit():
        try:
            my_information.answer_request(
                current_user, information_request_id, form.outcome.data or "", form.reply.data or ""
            )
        except NotFound:
            abort(404)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return redirect(url_for("admin.information_requests"), code=303)
    try:
        found = my_information.request_for_admin(current_user, information_request_id)
    except NotFound:
        abort(404)
    return render_template(
        "admin/information_request.html", found=found, form=form, on_hold=retention.on_hold(found.young_person_id)
    )


@bp.route("/young-people/<uuid:young_person_id>/legal-hold", methods=["GET", "POST"])
@roles_allowed(Role.council_admin)
@csrf_in_form
def legal_hold(young_person_id: uuid.UUID) -> str | Response:
    """Set a legal hold (with its reason) or see the ones before; lifting is its own button below."""
    form = LegalHoldForm()
    if form.validate_on_submit():
        try:
            legal_holds.set_hold(current_user, young_person_id, form.reason.data or "")
        except NotFound:
            abort(404)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return redirect(url_for("admin.legal_hold", young_person_id=young_person_id, saved="set"), code=303)
    try:
        page = legal_holds.hold_page(current_user, young_person_id)
    except NotFound:
        abort(404)
    return render_template(
        "admin/legal_hold.html", page=page, form=form, lift_form=ConfirmForm(), saved=request.args.get("saved")
    )


@bp.post("/young-people/<uuid:young_person_id>/legal-hold/lift")
@roles_allowed(Role.council_admin)
@csrf_in_form
def lift_legal_hold(young_person_id: uuid.UUID) -> Response:
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        legal_holds.lift_hold(current_user, young_person_id)
    except NotFound:
        abort(404)
    return redirect(url_for("admin.legal_hold", young_person_id=young_person_id, saved="lifted"), code=303)
