"""The caseload list and young person page every staff audience shares, each under its own blueprint."""

from __future__ import annotations

import uuid

from flask import abort, render_template, request
from flask_login import current_user

from app.forms.staff import HOME_KIND_LABELS, SearchForm
from app.roles import Role
from app.services import people, safety, young_people
from app.services.errors import NotFound
from app.views import circles
from app.views.people_words import WORDS

# Where each role's "People who matter" page for a young person is; roles not listed have none.
PEOPLE_ENDPOINTS = {
    Role.practitioner: "practitioner.people_page",
    Role.reviewing_officer: "reviewing_officer.people_page",
    Role.advocate: "advocate.people_page",
}


def render_caseload(template: str, **context: object) -> str:
    form = SearchForm(request.args)
    page = request.args.get("page", "1")
    caseload = young_people.caseload(current_user, page=int(page) if page.isdigit() else 1, search=form.q.data or "")
    return render_template(template, caseload=caseload, search_form=form, home_kinds=HOME_KIND_LABELS, **context)


def render_young_person(young_person_id: uuid.UUID, **context: object) -> str:
    try:
        view = young_people.view_for_staff(current_user, young_person_id)
    except NotFound:
        abort(404)
    return render_template(
        "components/staff_young_person.html",
        view=view,
        home_kinds=HOME_KIND_LABELS,
        people_endpoint=PEOPLE_ENDPOINTS.get(current_user.role),
        alerts=safety.alerts_for_worker(current_user, young_person_id),
        **context,
    )


def render_people(young_person_id: uuid.UUID, young_person_endpoint: str) -> str:
    """The people a young person shared with the viewer's role, as the same circles picture and list."""
    try:
        shared = people.shared_people_for_staff(current_user, young_person_id)
    except NotFound:
        abort(404)
    return render_template(
        "components/staff_people.html",
        shared=shared,
        picture=circles.layout(shared.current),
        words=WORDS,
        young_person_endpoint=young_person_endpoint,
    )
