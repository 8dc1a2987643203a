"""Personal advisers and social workers: Staying Close and "I need help" requests with their clocks, the council's
leaving care queue, replies, trusted adults and Staying Close arrangements. Routes join the practitioner
blueprint."""

from __future__ import annotations

import uuid

from flask import Response, render_template, request
from flask_login import current_user

from app.access import roles_allowed
from app.forms.leaving_care import ArrangementForm, SupportReplyForm, TrustedAdultStatusForm
from app.roles import Role
from app.services import leaving_care
from app.views.practitioner.blueprint import bp
from app.views.shared.form_values import details, uuid_or_none, version_of
from app.views.shared.leaving_care_words import WORDS
from app.views.shared.messages import send_valid_change, send_valid_form
from app.views.shared.pages import form_route, known_notice, or_404, page_number, see_other
from app.views.shared.people_words import relationship_text

DONE = ("trusted_adult", "arrangement")


@bp.get("/leaving-care")
@roles_allowed(Role.practitioner)
def leaving_care_queue() -> str:
    return render_template(
        "practitioner/leaving_care_queue.html",
        queue=leaving_care.support_queue(current_user, page_number()),
        trusted_adults=leaving_care.trusted_adults_waiting(current_user),
        team=False,
        reply_days=leaving_care.reply_working_days(),
        words=WORDS,
        relationship_text=relationship_text,
    )


@bp.get("/leaving-care/team")
@roles_allowed(Role.practitioner)
def leaving_care_team() -> str:
    return render_template(
        "practitioner/leaving_care_queue.html",
        queue=leaving_care.team_queue(current_user, page_number()),
        trusted_adults=[],
        team=True,
        reply_days=leaving_care.reply_working_days(),
        words=WORDS,
        relationship_text=relationship_text,
    )


@form_route(bp, "/leaving-care/requests/<uuid:support_request_id>", roles_allowed(Role.practitioner))
def support_request(support_request_id: uuid.UUID) -> str | Response:
    form = SupportReplyForm()
    sent = send_valid_form(
        form,
        lambda: leaving_care.reply_to_request(
            current_user, support_request_id, form.status.data or "", form.words.data or ""
        ),
        lambda _done: see_other("practitioner.support_request", support_request_id=support_request_id, replied="1"),
    )
    if sent is not None:
        return sent
    page = or_404(leaving_care.request_for_staff, current_user, support_request_id)
    return render_template(
        "practitioner/support_request.html",
        form=form,
        page=page,
        words=WORDS,
        replied=request.args.get("replied") == "1",
    )


# One young person ----------------------------------------------------------------------------------------------


@bp.get("/young-people/<uuid:young_person_id>/leaving-care")
@roles_allowed(Role.practitioner)
def young_person_leaving_care(young_person_id: uuid.UUID) -> str:
    view = or_404(leaving_care.leaving_care_for_staff, current_user, young_person_id)
    return render_template(
        "practitioner/young_person_leaving_care.html",
        view=view,
        words=WORDS,
        relationship_text=relationship_text,
        done=known_notice(DONE),
    )


@form_route(bp, "/young-people/<uuid:young_person_id>/trusted-adult", roles_allowed(Role.practitioner))
def trusted_adult_status(young_person_id: uuid.UUID) -> str | Response:
    form = TrustedAdultStatusForm()
    sent = send_valid_form(
        form,
        lambda: leaving_care.set_trusted_adult_status(
            current_user,
            young_person_id,
            uuid_or_none(form.trusted_adult.data),
            form.status.data or "",
            form.note.data or "",
        ),
        lambda _done: see_other(
            "practitioner.young_person_leaving_care", young_person_id=young_person_id, done="trusted_adult"
        ),
    )
    if sent is not None:
        return sent
    view = or_404(leaving_care.leaving_care_for_staff, current_user, young_person_id)
    chosen = view.trusted_adult
    if request.method == "GET" and chosen is not None:
        form.status.data = str(chosen.status)
        form.note.data = chosen.note or ""
    if chosen is not None and (request.method == "GET" or not form.trusted_adult.data):
        form.trusted_adult.data = str(chosen.id)
    return render_template(
        "practitioner/trusted_adult_status.html",
        form=form,
        view=view,
        relationship_text=relationship_text,
    )


def _arrangement_details(form: ArrangementForm) -> leaving_care.ArrangementDetails:
    return details(form, leaving_care.ArrangementDetails)


@form_route(bp, "/young-people/<uuid:young_person_id>/staying-close-arrangement", roles_allowed(Role.practitioner))
def arrangement(young_person_id: uuid.UUID) -> str | Response:
    form = ArrangementForm()
    sent, stale = send_valid_change(
        form,
        lambda: leaving_care.save_arrangement(
            current_user, young_person_id, version_of(form), _arrangement_details(form)
        ),
        lambda _done: see_other(
            "practitioner.young_person_leaving_care", young_person_id=young_person_id, done="arrangement"
        ),
    )
    if sent is not None:
        return sent
    young_person, saved = or_404(leaving_care.arrangement_for_staff, current_user, young_person_id)
    if request.method == "GET" and saved is not None:
        form.key_contact.data = saved.key_contact
        form.home.data = str(saved.home)
        form.support.data = saved.support
        form.review_on.data = saved.review_on
    if request.method == "GET" or stale:
        # Keep what they typed; the next save is made against what is saved now.
        form.version.data = str(saved.version) if saved else ""
    return render_template(
        "practitioner/arrangement.html", form=form, young_person=young_person, saved=saved, stale=stale
    )
