"""Reviewing officers: their young people, and what they shared for their review."""

from __future__ import annotations

import uuid

from flask_login import current_user

from app.access import roles_allowed
from app.roles import Role
from app.services import complaints, work_queue
from app.views.reviewing_officer.blueprint import bp
from app.views.shared.staff_pages import (
    add_people_and_family_time,
    render_caseload,
    render_review_family_time,
    render_young_person,
)


@bp.get("/")
@roles_allowed(Role.reviewing_officer)
def home() -> str:
    """Their young people, and how many requests to look again wait for an answer (and how many are overdue)."""
    waiting = work_queue.counted({"look_again": complaints.look_again_waiting(current_user)})
    return render_caseload("reviewing_officer/home.html", look_again=waiting["look_again"])


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(Role.reviewing_officer)
def young_person(young_person_id: uuid.UUID) -> str:
    return render_young_person(young_person_id)


add_people_and_family_time(bp, roles_allowed(Role.reviewing_officer), render_review_family_time)
