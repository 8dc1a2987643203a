"""Practitioners keep a young person's review dates; Orbit proposes the statutory date and flags late ones.
Routes join the practitioner blueprint."""

from __future__ import annotations

import uuid

from flask import Response, abort, render_template, request
from flask_login import current_user

from app.access import roles_allowed
from app.forms.reviews import ReviewDateForm, ScheduleReviewForm, parse_time
from app.roles import Role
from app.services import reviews
from app.services.errors import NotFound, Refused
from app.views.practitioner.blueprint import bp
from app.views.shared.messages import send_valid_form, show_refusal
from app.views.shared.pages import form_route, known_notice, or_404, see_other

DONE = ("scheduled", "moved")


@form_route(bp, "/young-people/<uuid:young_person_id>/reviews", roles_allowed(Role.practitioner))
def reviews_page(young_person_id: uuid.UUID) -> str | Response:
    form = ScheduleReviewForm()
    if form.validate_on_submit():
        try:
            reviews.schedule_review(
                current_user,
                young_person_id,
                held_on=form.held_on.data,
                starts_at=parse_time(form.starts_at.data),
                place=form.place.data or "",
                entered_care_on=form.entered_care_on.data,
            )
        except NotFound:
            abort(404)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return see_other("practitioner.reviews_page", young_person_id=young_person_id, done="scheduled")
    page = or_404(reviews.reviews_for_practitioner, current_user, young_person_id)
    if request.method == "GET":
        form.held_on.data = page.proposal.proposed_on
    return render_template("practitioner/reviews.html", page=page, form=form, done=known_notice(DONE))


@form_route(bp, "/reviews/<uuid:review_id>/change", roles_allowed(Role.practitioner))
def change_review(review_id: uuid.UUID) -> str | Response:
    form = ReviewDateForm()
    sent = send_valid_form(
        form,
        lambda: reviews.move_review(
            current_user,
            review_id,
            held_on=form.held_on.data,
            starts_at=parse_time(form.starts_at.data),
            place=form.place.data or "",
        ),
        lambda moved: see_other("practitioner.reviews_page", young_person_id=moved.young_person_id, done="moved"),
    )
    if sent is not None:
        return sent
    review = or_404(reviews.review_for_change, current_user, review_id)
    if request.method == "GET":
        form.held_on.data = review.held_on
        form.starts_at.data = review.starts_at.strftime("%H:%M") if review.starts_at else ""
        form.place.data = review.place or ""
    return render_template("practitioner/review_change.html", form=form, review=review)
