"""Social workers and personal advisers: their young people, invite codes, advocacy offers and moves."""

from __future__ import annotations

import uuid

from flask import Response, abort, render_template, request, session
from flask_login import current_user

from app.access import roles_allowed
from app.forms.advocacy import ChangeHomeForm
from app.forms.auth import ConfirmForm
from app.forms.staff import AddYoungPersonForm
from app.roles import Role
from app.services import advocacy, auth, family_time, leaving_care, people, work_queue, young_people
from app.services.errors import NotFound, Refused
from app.views.practitioner.blueprint import bp
from app.views.shared.messages import send_valid_form, show_refusal
from app.views.shared.pages import form_route, or_404, see_other
from app.views.shared.staff_pages import add_people_and_family_time, render_caseload, render_young_person

NEW_CODE_KEY = "new_invite_code"


@bp.get("/")
@roles_allowed(Role.practitioner)
def home() -> str:
    """Their young people, and beside each queue of replies they owe how much waits and how much is overdue."""
    waiting = work_queue.counted(
        {
            "practitioner.reconnect_queue": people.reconnect_waiting(current_user),
            "practitioner.leaving_care_queue": leaving_care.support_waiting(current_user),
            "practitioner.family_time_waiting": family_time.family_time_replies_waiting(current_user),
        }
    )
    return render_caseload("practitioner/home.html", waiting=waiting)


@form_route(bp, "/young-people/new", roles_allowed(Role.practitioner))
def add_young_person() -> str | Response:
    form = AddYoungPersonForm()
    if form.validate_on_submit():
        try:
            young_person = young_people.add_young_person(
                current_user,
                first_name=form.first_name.data or "",
                last_name=form.last_name.data or "",
                date_of_birth=form.date_of_birth.data,
                home_kind=form.home_kind.data or "",
                home_since=form.home_since.data,
                entered_care_on=form.entered_care_on.data,
            )
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return see_other("practitioner.young_person", young_person_id=young_person.id)
    return render_template("practitioner/add_young_person.html", form=form)


@bp.get("/young-people/<uuid:young_person_id>")
@roles_allowed(Role.practitioner)
def young_person(young_person_id: uuid.UUID) -> str:
    new_code = session.pop(NEW_CODE_KEY, None)
    return render_young_person(young_person_id, invite_form=ConfirmForm(), new_code=new_code)


@bp.post("/young-people/<uuid:young_person_id>/invite")
@roles_allowed(Role.practitioner)
def create_invite(young_person_id: uuid.UUID) -> Response:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        young_person = young_people.young_person_for_invite(current_user, young_person_id)
        code, _invite = auth.create_young_person_invite(current_user, young_person)
    except NotFound:
        abort(404)
    except Refused:
        return see_other("practitioner.young_person", young_person_id=young_person_id)
    # Shown once on the next page, then gone: only its hash is stored.
    session[NEW_CODE_KEY] = code
    return see_other("practitioner.young_person", young_person_id=young_person_id)


# The family time page is the worker's own, in family_time.py, with the plans they write.
add_people_and_family_time(bp, roles_allowed(Role.practitioner))


# Advocacy offers and moving home --------------------------------------------------------------------------


@bp.post("/young-people/<uuid:young_person_id>/offer-advocacy")
@roles_allowed(Role.practitioner)
def offer_advocacy(young_person_id: uuid.UUID) -> Response:
    try:
        advocacy.offer_by_practitioner(current_user, young_person_id)
    except NotFound:
        abort(404)
    except Refused:
        return see_other("practitioner.young_person", young_person_id=young_person_id, done="no_service")
    return see_other("practitioner.young_person", young_person_id=young_person_id, done="offered")


@form_route(bp, "/young-people/<uuid:young_person_id>/home", roles_allowed(Role.practitioner))
def change_home(young_person_id: uuid.UUID) -> str | Response:
    form = ChangeHomeForm()
    sent = send_valid_form(
        form,
        lambda: young_people.change_home(
            current_user, young_person_id, home_kind=form.home_kind.data or "", home_since=form.home_since.data
        ),
        lambda _done: see_other("practitioner.young_person", young_person_id=young_person_id, done="home"),
    )
    if sent is not None:
        return sent
    found = or_404(young_people.young_person_for_home_change, current_user, young_person_id)
    if request.method == "GET":
        form.home_kind.data = found.home_kind.value
    return render_template("practitioner/change_home.html", form=form, found=found)
