"""Reviewing officers: reviews coming up, the review pack (a page that prints on A4, and a PDF), and "what we
decided" and "why" for each point the young person made. Routes join the reviewing_officer blueprint."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, abort, render_template, request
from flask_login import current_user

from app.access import roles_allowed
from app.forms.reviews import PARTICIPATION_LABELS, decisions_form
from app.roles import Role
from app.services import reviews
from app.services.errors import NotFound, Refused
from app.views.reviewing_officer.blueprint import bp
from app.views.shared import review_pdf
from app.views.shared.messages import show_refusal
from app.views.shared.pages import form_route, known_notice, or_404, see_other
from app.views.shared.people_words import WORDS
from app.views.shared.review_words import WORDS as REVIEW_WORDS
from app.views.shared.review_words import family_time_words


@bp.get("/reviews")
@roles_allowed(Role.reviewing_officer)
def upcoming() -> str:
    return render_template("reviewing_officer/reviews.html", upcoming=reviews.upcoming_reviews(current_user))


@bp.get("/young-people/<uuid:young_person_id>/review-pack")
@roles_allowed(Role.reviewing_officer)
def review_pack(young_person_id: uuid.UUID) -> str:
    pack = or_404(reviews.review_pack, current_user, young_person_id)
    return render_template(
        "reviewing_officer/review_pack.html", pack=pack, words=WORDS, rw=REVIEW_WORDS, ftw=family_time_words()
    )


@bp.get("/young-people/<uuid:young_person_id>/review-pack.pdf")
@roles_allowed(Role.reviewing_officer)
def review_pack_pdf(young_person_id: uuid.UUID) -> Response:
    pack = or_404(reviews.review_pack, current_user, young_person_id, downloaded=True)
    return Response(
        review_pdf.build(pack, family_time_words()),
        mimetype="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="review-pack.pdf"'},
    )


def _form_data(page: reviews.DecisionsPage) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for item in page.items:
        if item.response is not None:
            data[f"decided-{item.key}"] = item.response.decided or ""
            data[f"why-{item.key}"] = item.response.why or ""
    return data


@form_route(bp, "/reviews/<uuid:review_id>/decisions", roles_allowed(Role.reviewing_officer))
def decisions(review_id: uuid.UUID) -> str | Response:
    page = or_404(reviews.decisions_page, current_user, review_id)
    keys = [item.key for item in page.items]
    if request.method == "POST":
        form = decisions_form(keys)
        if form.validate_on_submit():
            answers = [
                reviews.Decision(key, form[f"decided-{key}"].data or "", form[f"why-{key}"].data or "") for key in keys
            ]
            try:
                reviews.save_decisions(
                    current_user,
                    review_id,
                    answers,
                    send=bool(form.send.data),
                    participation=form.participation.data or None,
                )
            except NotFound:
                abort(404)
            except Refused as refused:
                show_refusal(form, refused)
            else:
                done = "sent" if form.send.data else "saved"
                return see_other("reviewing_officer.decisions", review_id=review_id, done=done)
    else:
        form = decisions_form(keys, {**_form_data(page), "participation": page.participation or ""})
    return render_template(
        "reviewing_officer/decisions.html",
        page=page,
        participation_labels=PARTICIPATION_LABELS,
        form=form,
        words=WORDS,
        rw=REVIEW_WORDS,
        done=known_notice(("sent", "saved")),
    )
