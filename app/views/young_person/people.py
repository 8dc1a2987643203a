"""Young people's pages: the people who matter to them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, abort, render_template, request
from flask_login import current_user

from app.access import young_people_only
from app.forms.people import (
    DeleteForm,
    EndForm,
    PersonForm,
    ReconnectForm,
    SharingForm,
    VersionForm,
)
from app.services import people
from app.services.errors import NotFound, Refused
from app.views.shared import circles
from app.views.shared.form_values import details, version_of
from app.views.shared.messages import send_valid_change, send_valid_form, show_refusal, show_refusal_unless_stale
from app.views.shared.pages import form_route, known_notice, or_404, see_other
from app.views.shared.people_words import WORDS, audience_line, audience_title, sharing_boxes
from app.views.young_person.blueprint import bp

FormT = TypeVar("FormT", PersonForm, SharingForm)
V = TypeVar("V")

DONE_MESSAGES = ("added", "changed", "sharing", "ended", "restarted", "deleted", "asked", "unchanged")


# People who matter -------------------------------------------------------------------------------------


def _person_page(person_id: uuid.UUID) -> people.PersonPage:
    return or_404(people.person_page, current_user, person_id)


def _details(form: PersonForm) -> people.PersonDetails:
    return details(form, people.PersonDetails)


def _form_data(person: Any) -> dict[str, Any]:
    def code(value: Any) -> str:
        return str(value) if value is not None else ""

    return {
        "name": person.name,
        "relationship_kind": code(person.relationship_kind),
        "relationship_words": person.relationship_words or "",
        "circle": code(person.circle),
        "emoji": code(person.emoji),
        "colour": code(person.colour),
        "wish": code(person.wish) or None,
        "ways": sorted(str(way) for way in person.ways),
        "trust": code(person.trust) or None,
        "help": code(person.help) or None,
        "lasting": code(person.lasting) or None,
        "version": str(person.version),
    }


@bp.get("/people")
@young_people_only
def people_list() -> str:
    mine = or_404(people.my_people, current_user)
    return render_template(
        "young_person/people.html",
        mine=mine,
        picture=circles.layout(mine.current),
        words=WORDS,
        done=known_notice(DONE_MESSAGES),
    )


@form_route(bp, "/people/add", young_people_only)
def add_person() -> str | Response:
    form = PersonForm()
    sent = send_valid_form(
        form,
        lambda: people.add_person(current_user, _details(form)),
        lambda person: see_other("young_person.person", person_id=person.id, done="added"),
    )
    if sent is not None:
        return sent
    return render_template("young_person/person_form.html", form=form, page=None, stale=False, words=WORDS)


@bp.get("/people/<uuid:person_id>")
@young_people_only
def person(person_id: uuid.UUID) -> str:
    page = _person_page(person_id)
    return render_template(
        "young_person/person.html",
        page=page,
        words=WORDS,
        done=known_notice(DONE_MESSAGES),
        may_ask=people.may_ask_to_reconnect(page.person, page.open_request),
        version_form=VersionForm(data={"version": str(page.person.version)}),
        audience_line=audience_line,
        audience_title=audience_title,
    )


def _send_change(
    form: FormT,
    person_id: uuid.UUID,
    change: Callable[[Any, uuid.UUID, int | None, V], bool],
    value: Callable[[FormT], V],
    done: str,
) -> tuple[Response | None, bool]:
    """Send `change(me, person, the version the form was opened at, value(form))`: back to the person's page saying
    `done` (or "unchanged" when nothing changed), or no way back and whether it was refused as stale."""
    return send_valid_change(
        form,
        lambda: change(current_user, person_id, version_of(form), value(form)),
        lambda changed: see_other("young_person.person", person_id=person_id, done=done if changed else "unchanged"),
    )


@form_route(bp, "/people/<uuid:person_id>/change", young_people_only)
def change_person(person_id: uuid.UUID) -> str | Response:
    stale = False
    if request.method == "POST":
        form = PersonForm()
        sent, stale = _send_change(form, person_id, people.change_person, _details, "changed")
        if sent is not None:
            return sent
        page = _person_page(person_id)
        if stale:
            # Keep what they typed; the next save is made against what is saved now.
            form.version.data = str(page.person.version)
    else:
        page = _person_page(person_id)
        form = PersonForm(data=_form_data(page.person))
    return render_template("young_person/person_form.html", form=form, page=page, stale=stale, words=WORDS)


def _sharing_boxes(page: people.PersonPage) -> dict[str, Any]:
    choices = {choice.audience.value: choice for choice in page.audiences}
    return sharing_boxes(choices[code] for code in ("advocate", "practitioner", "review"))


def _chosen_audiences(form: SharingForm) -> list[str]:
    return [] if form.only_me.data else list(form.audiences.data or [])


@form_route(bp, "/people/<uuid:person_id>/sharing", young_people_only)
def person_sharing(person_id: uuid.UUID) -> str | Response:
    form = SharingForm()
    sent, stale = _send_change(form, person_id, people.set_sharing, _chosen_audiences, "sharing")
    if sent is not None:
        return sent
    page = _person_page(person_id)
    if request.method == "GET":
        form.audiences.data = sorted(a.value for a in page.person.audiences)
    if request.method == "GET" or stale:
        form.version.data = str(page.person.version)
    return render_template(
        "young_person/person_sharing.html",
        form=form,
        page=page,
        stale=stale,
        words=WORDS,
        sharing_params=_sharing_boxes(page),
        audience_line=audience_line,
        audience_title=audience_title,
    )


@form_route(bp, "/people/<uuid:person_id>/end", young_people_only)
def end_person(person_id: uuid.UUID) -> str | Response:
    form = EndForm()
    stale = False
    if form.validate_on_submit():
        try:
            people.end_person(current_user, person_id, version_of(form), form.reason.data or "")
        except NotFound:
            abort(404)
        except Refused as refused:
            if refused.code == "person_already_ended":
                return see_other("young_person.person", person_id=person_id)
            stale = show_refusal_unless_stale(form, refused)
        else:
            return see_other("young_person.person", person_id=person_id, done="ended")
    page = _person_page(person_id)
    if request.method == "GET" or stale:
        form.version.data = str(page.person.version)
    return render_template("young_person/person_end.html", form=form, page=page, stale=stale, words=WORDS)


@bp.post("/people/<uuid:person_id>/restart")
@young_people_only
def restart_person(person_id: uuid.UUID) -> Response:
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        people.restart_person(current_user, person_id, version_of(form))
    except NotFound:
        abort(404)
    except Refused:
        # Stale, or already back: the person's page shows how things are now.
        return see_other("young_person.person", person_id=person_id)
    return see_other("young_person.person", person_id=person_id, done="restarted")


@form_route(bp, "/people/<uuid:person_id>/delete", young_people_only)
def delete_person(person_id: uuid.UUID) -> str | Response:
    form = DeleteForm()
    if form.validate_on_submit():
        or_404(people.delete_person, current_user, person_id)
        return see_other("young_person.people_list", done="deleted")
    person = or_404(people.person_for_delete, current_user, person_id)
    expired = request.method == "POST"
    return render_template("young_person/person_delete.html", form=form, person=person, expired=expired)


@form_route(bp, "/people/<uuid:person_id>/find", young_people_only)
def find_person(person_id: uuid.UUID) -> str | Response:
    form = ReconnectForm()
    if form.validate_on_submit():
        try:
            people.ask_to_reconnect(current_user, person_id, form.remembered.data or "")
        except NotFound:
            abort(404)
        except Refused as refused:
            if refused.field is None:
                return see_other("young_person.person", person_id=person_id)
            show_refusal(form, refused)
        else:
            return see_other("young_person.person", person_id=person_id, done="asked")
    page = _person_page(person_id)
    practitioner = next(choice for choice in page.audiences if choice.audience.value == "practitioner")
    return render_template(
        "young_person/person_find.html",
        form=form,
        page=page,
        words=WORDS,
        may_ask=people.may_ask_to_reconnect(page.person, page.open_request),
        practitioner=practitioner,
        audience_line=audience_line,
    )
