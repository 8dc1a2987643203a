"""Reviewing officers: the young people whose reviews they chair."""

from __future__ import annotations

import uuid

from flask import Blueprint

from app.access import roles_allowed
from app.roles import Role
from app.views.staff_pages import render_caseload, render_people, render_review_family_time, render_young_person

bp = Blueprint("reviewing_officer", __name__, url_prefix="/reviewing-officer")


@bp.get("/")
@roles_allowed(Role.reviewing_officer)
def home() -> str:
    return render_caseload("reviewing_officer/home.html")


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(Role.reviewing_officer)
def young_person(young_person_id: uuid.UUID) -> str:
    return render_young_person(young_person_id)


@bp.get("/young-people/<uuid:young_person_id>/people")
@roles_allowed(Role.reviewing_officer)
def people_page(young_person_id: uuid.UUID) -> str:
    return render_people(young_person_id, "reviewing_officer.young_person")


@bp.get("/young-people/<uuid:young_person_id>/family-time")
@roles_allowed(Role.reviewing_officer)
def family_time_page(young_person_id: uuid.UUID) -> str:
    return render_review_family_time(young_person_id, "reviewing_officer.young_person")
