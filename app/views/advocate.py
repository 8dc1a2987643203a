"""Advocates and advocacy managers: the young people their service works with."""

from __future__ import annotations

import uuid

from flask import Blueprint

from app.access import roles_allowed
from app.roles import ADVOCACY, Role
from app.views.staff_pages import render_caseload, render_people, render_young_person

bp = Blueprint("advocate", __name__, url_prefix="/advocate")


@bp.get("/")
@roles_allowed(ADVOCACY)
def home() -> str:
    return render_caseload("advocate/home.html")


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(ADVOCACY)
def young_person(young_person_id: uuid.UUID) -> str:
    return render_young_person(young_person_id)


@bp.get("/young-people/<uuid:young_person_id>/people")
@roles_allowed(Role.advocate)
def people_page(young_person_id: uuid.UUID) -> str:
    return render_people(young_person_id, "advocate.young_person")
