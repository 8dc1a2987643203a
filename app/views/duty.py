"""The duty team: find any young person in their council quickly."""

from __future__ import annotations

import uuid

from flask import Blueprint

from app.access import roles_allowed
from app.roles import Role
from app.views.staff_pages import render_caseload, render_young_person

bp = Blueprint("duty", __name__, url_prefix="/duty")


@bp.get("/")
@roles_allowed(Role.duty)
def home() -> str:
    return render_caseload("duty/home.html")


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(Role.duty)
def young_person(young_person_id: uuid.UUID) -> str:
    return render_young_person(young_person_id)
