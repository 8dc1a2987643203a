"""Advocates: their young people, with what each shared with their advocate."""

from __future__ import annotations

import uuid

from flask_login import current_user

from app.access import roles_allowed
from app.roles import ADVOCACY, Role
from app.services import advocacy
from app.views.advocate.blueprint import bp
from app.views.shared.pages import or_404
from app.views.shared.staff_pages import (
    add_people_and_family_time,
    render_caseload,
    render_family_time,
    render_young_person,
)


@bp.get("/young-people")
@roles_allowed(ADVOCACY)
def young_people() -> str:
    or_404(advocacy.record_young_people_viewed, current_user)
    return render_caseload("advocate/young_people.html")


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(ADVOCACY)
def young_person(young_person_id: uuid.UUID) -> str:
    return render_young_person(young_person_id)


# Only what the young person shared with "my advocate" about the people who matter and family time.
add_people_and_family_time(bp, roles_allowed(Role.advocate), render_family_time)
