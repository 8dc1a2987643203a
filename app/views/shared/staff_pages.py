"""The caseload list and young person page every staff audience shares, each under its own blueprint."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from flask import Blueprint, render_template, request
from flask_login import current_user

from app.forms.staff import HOME_KIND_LABELS, SearchForm
from app.roles import Role
from app.services import advocacy, complaints, family_time, people, safety, young_people
from app.views.shared import circles
from app.views.shared.family_time_words import WORDS as FAMILY_TIME_WORDS
from app.views.shared.pages import or_404, page_number
from app.views.shared.people_words import WORDS

# Where each role's "People who matter" page for a young person is; roles not listed have none.
PEOPLE_ENDPOINTS = {
    Role.practitioner: "practitioner.people_page",
    Role.reviewing_officer: "reviewing_officer.people_page",
    Role.advocate: "advocate.people_page",
}
# Where each role's "Family time" page for a young person is; roles not listed have none.
FAMILY_TIME_ENDPOINTS = {
    Role.practitioner: "practitioner.family_time_page",
    Role.reviewing_officer: "reviewing_officer.family_time_page",
    Role.advocate: "advocate.family_time_page",
}


def render_caseload(template: str, **context: object) -> str:
    form = SearchForm(request.args)
    caseload = young_people.caseload(current_user, page=page_number(), search=form.q.data or "")
    return render_template(template, caseload=caseload, search_form=form, home_kinds=HOME_KIND_LABELS, **context)


def render_young_person(young_person_id: uuid.UUID, **context: object) -> str:
    view = or_404(young_people.view_for_staff, current_user, young_person_id)
    return render_template(
        "components/staff_young_person.html",
        view=view,
        home_kinds=HOME_KIND_LABELS,
        people_endpoint=PEOPLE_ENDPOINTS.get(current_user.role),
        family_time_endpoint=FAMILY_TIME_ENDPOINTS.get(current_user.role),
        alerts=safety.alerts_for_worker(current_user, young_person_id),
        advocacy=advocacy.summary_for_staff(current_user, young_person_id),
        complaints=complaints.for_young_person_page(current_user, young_person_id),
        **context,
    )


def add_people_and_family_time(
    bp: Blueprint,
    access: Callable[[Callable[..., Any]], Callable[..., Any]],
    family_time: Callable[[uuid.UUID, str], str] | None = None,
) -> None:
    """A young person's "People who matter" page (`people_page`) and, with `family_time` to draw it, their "Family
    time" page (`family_time_page`) under a staff audience's blueprint, open to whoever `access` lets in, each
    linking back to that audience's page about the young person."""
    young_person_endpoint = f"{bp.name}.young_person"

    def people_page(young_person_id: uuid.UUID) -> str:
        return render_people(young_person_id, young_person_endpoint)

    bp.add_url_rule("/young-people/<uuid:young_person_id>/people", view_func=access(people_page), methods=["GET"])
    if family_time is None:
        return

    def family_time_page(young_person_id: uuid.UUID) -> str:
        return family_time(young_person_id, young_person_endpoint)

    bp.add_url_rule(
        "/young-people/<uuid:young_person_id>/family-time", view_func=access(family_time_page), methods=["GET"]
    )


def render_people(young_person_id: uuid.UUID, young_person_endpoint: str) -> str:
    """The people a young person shared with the viewer's role, as the same circles picture and list."""
    shared = or_404(people.shared_people_for_staff, current_user, young_person_id)
    return render_template(
        "components/staff_people.html",
        shared=shared,
        picture=circles.layout(shared.current),
        words=WORDS,
        young_person_endpoint=young_person_endpoint,
    )


def render_family_time(young_person_id: uuid.UUID, young_person_endpoint: str, **context: object) -> str:
    """A young person's family time plans and what they said, as the viewer's role may see them: everything for
    their worker, only what was shared with "my advocate" for their advocate."""
    view = or_404(family_time.family_time_for_staff, current_user, young_person_id)
    return _family_time_page("components/staff_family_time.html", view, young_person_endpoint, **context)


def render_review_family_time(young_person_id: uuid.UUID, young_person_endpoint: str) -> str:
    """What the person who runs a young person's reviews sees of family time: every plan, the feelings sent to
    the review, and every session that did not happen or was cut short."""
    view = or_404(family_time.family_time_for_review, current_user, young_person_id)
    return _family_time_page("reviewing_officer/family_time.html", view, young_person_endpoint)


def _family_time_page(template: str, view: object, young_person_endpoint: str, **context: object) -> str:
    return render_template(
        template, view=view, words=FAMILY_TIME_WORDS, young_person_endpoint=young_person_endpoint, **context
    )
