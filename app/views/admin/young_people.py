"""Council admins: young people's allocations, and how many people who matter the council holds."""

from __future__ import annotations

import uuid

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.access import roles_allowed
from app.forms.staff import AllocateForm
from app.roles import Role
from app.services import admin, people
from app.services.errors import Refused
from app.views.admin.blueprint import MANAGERS, bp
from app.views.shared.messages import show_refusal
from app.views.shared.pages import form_route, or_404, see_other
from app.views.shared.staff_pages import render_caseload


def _allocation_label(kind: str) -> str:
    return {
        "social_worker": _("Social worker"),
        "personal_adviser": _("Personal adviser"),
        "reviewing_officer": _("Reviewing officer"),
        "advocate": _("Advocate"),
    }[kind]


@bp.get("/young-people")
@roles_allowed(MANAGERS)
def young_people() -> str:
    return render_caseload("admin/young_people.html")


@form_route(bp, "/young-people/<uuid:young_person_id>/allocations", roles_allowed(MANAGERS))
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
                return see_other("admin.allocations", young_person_id=young_person_id, saved=slot.kind.value)
    page = _allocation_page(young_person_id)
    return render_template(
        "admin/allocations.html",
        page=page,
        form=form,
        allocation_label=_allocation_label,
        saved=request.args.get("saved"),
    )


def _allocation_page(young_person_id: uuid.UUID) -> admin.AllocationPage:
    return or_404(admin.allocation_page, current_user, young_person_id)


@bp.get("/people-who-matter")
@roles_allowed(Role.council_admin)
def people_count() -> str:
    count = or_404(people.council_people_count, current_user)
    return render_template("admin/people_count.html", count=count, minimum=people.MIN_GROUP_SIZE)
