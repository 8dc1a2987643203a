"""Advocates: their young people, with what each shared with their advocate."""

from __future__ import annotations

import uuid

from flask_login import current_user

from app.access import roles_allowed
from app.roles import ADVOCACY, Role
from app.services import advocacy
from app.views.advocate.blueprint import bp
from app.views.shared.pages import or_404
from app.views.shared.staff_pages import render_caseload, render_family_time, render_people, render_young_person


@bp.get("/young-people")
@roles_allowed(ADVOCACY)
def young_people() -> str:
    or_404(advocacy.record_young_people_viewed, current_user)
    return render_caseload("advocate/young_people.html")


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(ADVOCACY)
def young_person(young_person_id: uuid.UUID) -> str:
    return render_young_person(young_person_id)


@bp.get("/young-people/<uuid:young_person_id>/people")
@roles_allowed(Role.advocate)
def people_page(young_person_id: uuid.UUID) -> str:
    return render_people(young_person_id, "advocate.young_person")


@bp.get("/young-people/<uuid:young_person_id>/family-time")
@roles_allowed(Role.advocate)
def family_time_page(young_person_id: uuid.UUID) -> str:
    """Only what the young person shared with "my advocate" about family time."""
    return render_family_time(young_person_id, "advocate.young_person")
