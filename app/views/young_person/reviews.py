"""A young person's review: when it is and who runs it, "my views" in short steps saved as drafts, the check page,
sending, notes "for my next review", and "you said / we did / because". Routes join the young_person blueprint.

Each step saves as the young person types (htmx posts the form and swaps in "Saved"); without JavaScript the
buttons save it the ordinary way. Nothing reaches anyone until they press "Send my views".
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from app.access import young_people_only
from app.extensions import htmx
from app.forms.base import EXPIRED_MESSAGE, OrbitForm
from app.forms.reviews import STEP_FORMS, NoteForm, ReactionForm, SendViewsForm
from app.services import reviews
from app.services.errors import NotFound, Refused
from app.views.shared.messages import REFUSAL_MESSAGES, send_valid_form, show_refusal
from app.views.shared.pages import form_route, known_notice, or_404, see_other
from app.views.shared.people_words import WORDS
from app.views.shared.review_words import STEP_SLUGS, family_time_words, step_title
from app.views.shared.review_words import WORDS as REVIEW_WORDS
from app.views.young_person.blueprint import bp
from app.web.routing import csrf_in_form
from app.web.templates import render_block

DONE = ("sent", "note", "reply", "saved")


@bp.get("/review")
@young_people_only
def review() -> str:
    mine = or_404(reviews.my_review, current_user)
    return render_template(
        "young_person/review.html", mine=mine, done=known_notice(DONE), first_step=STEP_SLUGS["going_well"]
    )


# My views, one step at a time ----------------------------------------------------------------------------


def _next_url(step: str) -> str:
    index = reviews.STEPS.index(step)
    if index + 1 < len(reviews.STEPS):
        return url_for("young_person.review_step", step=reviews.STEPS[index + 1])
    return url_for("young_person.review_check")


def _form_data(step: str, page: reviews.StepPage) -> dict[str, Any]:
    views = page.mine.views
    if step in reviews.TEXT_STEPS:
        return {"text": getattr(views, reviews.TEXT_STEPS[step]) if views else ""}
    if step == "people":
        return {
            "people": [str(choice.person.id) for choice in page.choices if choice.included],
            "people_words": views.people_words if views else "",
        }
    extras = []
    if views and views.with_advocate:
        extras.append("with_advocate")
    if views and views.talk_before:
        extras.append("talk_before")
    return {"attendance": views.attendance.value if views and views.attendance else None, "extras": extras}


def _answers(step: str, form: Any) -> reviews.StepAnswers:
    if step in reviews.TEXT_STEPS:
        return reviews.StepAnswers(text=form.text.data or "")
    if step == "people":
        return reviews.StepAnswers(people=frozenset(form.people.data or ()), people_words=form.people_words.data or "")
    extras = set(form.extras.data or ())
    return reviews.StepAnswers(
        attendance=form.attendance.data or None,
        with_advocate="with_advocate" in extras,
        talk_before="talk_before" in extras,
    )


def _people_items(page: reviews.StepPage) -> list[dict[str, Any]]:
    items = []
    for choice in page.choices:
        person = choice.person
        hint = WORDS.relationship_text(person)
        if person.wish:
            hint = f"{hint} · {WORDS.wish[person.wish.value]}"
        items.append({"html": Markup("<bdi>%s</bdi>") % (person.name,), "hint": {"text": hint}})
    return items


def _render_step(step: str, form: OrbitForm, page: reviews.StepPage, *, saved: bool = False, status: int = 200):
    context = {
        "people_items": _people_items(page) if step == "people" else [],
        "step": step,
        "steps": reviews.STEPS,
        "form": form,
        "page": page,
        "mine": page.mine,
        "words": WORDS,
        "rw": REVIEW_WORDS,
        "ftw": family_time_words() if step == "family_time" else None,
        "saved": saved,
        "title": step_title(step),
        "uses_htmx": True,
    }
    if htmx:
        return render_block("young_person/review_step.html", "save_status", **context), status
    return render_template("young_person/review_step.html", **context), status


def review_step(step: str) -> Any:
    """One step of "my views". GET shows what is saved; POST saves (htmx: answers "Saved" in place)."""
    page = or_404(reviews.views_page, current_user, step)
    if page.mine.review is None or page.mine.sent:
        # Nothing to fill in: no date yet, or already sent. Say so plainly (a POST saves nothing).
        if htmx:
            return Response(status=204, headers={"HX-Redirect": url_for("young_person.review")})
        return render_template("young_person/review_closed.html", mine=page.mine)
    form_class = STEP_FORMS[step]
    form = form_class() if request.method == "POST" else form_class(data=_form_data(step, page))
    if step == "people":
        form.people.choices = [SelectChoice(str(choice.person.id), choice.person.name) for choice in page.choices]
    if form.validate_on_submit():
        try:
            reviews.save_step(current_user, step, _answers(step, form))
        except NotFound:
            abort(404)
        except Refused as refused:
            if refused.code in ("views_already_sent", "no_review_yet"):
                if htmx:
                    return Response(status=204, headers={"HX-Redirect": url_for("young_person.review")})
                return see_other("young_person.review")
            show_refusal(form, refused)
        else:
            if htmx:
                return _render_step(step, form, page, saved=True)
            if form.later.data:
                return see_other("young_person.review", done="saved")
            return redirect(_next_url(step), code=303)
    return _render_step(step, form, page)


for _code, _slug in STEP_SLUGS.items():
    bp.add_url_rule(
        f"/review/views/{_slug}",
        endpoint="review_step",
        view_func=young_people_only(csrf_in_form(review_step)),
        methods=["GET", "POST"],
        defaults={"step": _code},
    )


def _render_check(page: reviews.StepPage, *, refusal: str | None) -> str:
    """The check page: exactly what will be sent and to whom, with why sending did not work when it did not."""
    return render_template(
        "young_person/review_check.html",
        page=page,
        mine=page.mine,
        form=SendViewsForm(),
        words=WORDS,
        rw=REVIEW_WORDS,
        has_anything=page.mine.views is not None and reviews.has_anything(page.mine.views, page.chosen),
        refusal=refusal,
    )


@bp.get("/review/check")
@young_people_only
def review_check() -> str | Response:
    page = or_404(reviews.views_page, current_user)
    if page.mine.review is None:
        return render_template("young_person/review_closed.html", mine=page.mine)
    return _render_check(page, refusal=None)


@form_route(bp, "/review/send", young_people_only, methods=["POST"])
def review_send() -> str | Response:
    form = SendViewsForm()
    refusal = None
    if form.validate_on_submit():
        try:
            reviews.send_views(current_user)
        except NotFound:
            abort(404)
        except Refused as refused:
            if refused.code == "views_already_sent":
                # Sending twice (a double tap, or another tab): the first sending stands.
                return see_other("young_person.review", done="sent")
            if refused.code == "no_review_yet":
                return see_other("young_person.review")
            refusal = str(REFUSAL_MESSAGES.get(refused.code, refused.code))
        else:
            return see_other("young_person.review", done="sent")
    else:
        refusal = str(EXPIRED_MESSAGE)
    page = reviews.views_page(current_user)
    return _render_check(page, refusal=refusal)


# Notes for my next review ---------------------------------------------------------------------------------


@form_route(bp, "/review/note", young_people_only)
def review_note() -> str | Response:
    form = NoteForm()
    sent = send_valid_form(
        form,
        lambda: reviews.send_note(current_user, form.words.data or ""),
        lambda _done: see_other("young_person.review", done="note", _anchor="notes"),
    )
    if sent is not None:
        return sent
    mine = or_404(reviews.my_review, current_user)
    return render_template("young_person/review_note.html", form=form, mine=mine)


# You said / we did / because ------------------------------------------------------------------------------


def _answers_page(review_id: uuid.UUID, forms: dict[str, ReactionForm] | None = None, done: str | None = None) -> str:
    found = or_404(reviews.my_answers, current_user, review_id)
    forms = forms or {}
    for item in found.answered:
        key = item.response.id.hex
        if key not in forms:
            forms[key] = ReactionForm(prefix=key, formdata=None)
    return render_template(
        "young_person/review_answers.html",
        found=found,
        forms=forms,
        words=WORDS,
        rw=REVIEW_WORDS,
        done=done or known_notice(DONE),
    )


@bp.get("/review/<uuid:review_id>")
@young_people_only
def review_answers(review_id: uuid.UUID) -> str:
    return _answers_page(review_id)


@form_route(bp, "/review/<uuid:review_id>/reply", young_people_only, methods=["POST"])
def review_reply(review_id: uuid.UUID) -> str | Response:
    try:
        response_id = uuid.UUID(request.form.get("response", ""))
    except ValueError:
        abort(404)
    form = ReactionForm(prefix=response_id.hex)
    if form.validate_on_submit():
        try:
            reviews.react(current_user, review_id, response_id, form.reaction.data or "", form.words.data or "")
        except NotFound:
            abort(404)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            if form.reaction.data == "disagree":
                # "I don't agree" is not a dead end: the three next steps.
                return see_other("young_person.review_next_steps", response_id=response_id)
            return see_other(
                "young_person.review_answers", review_id=review_id, done="reply", _anchor=f"point-{response_id.hex}"
            )
    return _answers_page(review_id, {response_id.hex: form})
