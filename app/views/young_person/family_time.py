"""A young person's family time: every plan in plain words, how they feel, "this didn't happen", asking for a
change. Routes join the young_person blueprint."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Response, render_template, request
from flask_login import current_user

from app import clock
from app.access import young_people_only
from app.forms.family_time import AskForm, FeelingForm, MissedForm
from app.services import family_time
from app.views.shared.family_time_words import WORDS
from app.views.shared.form_values import submission_key, version_of
from app.views.shared.messages import send_valid_change, send_valid_form
from app.views.shared.pages import form_route, known_notice, or_404, see_other
from app.views.shared.people_words import audience_line, sharing_boxes
from app.views.young_person.blueprint import bp

DONE_MESSAGES = ("feeling", "missed", "asked")


def _prepare(form: Any, page: family_time.PlanForForm, stale: bool) -> None:
    """A fresh form carries the plan version it was opened on and a key that makes sending it twice send once.
    After "the plan changed since", it carries the new version, so sending again is about the plan as it is."""
    if request.method == "GET" or stale or not form.version.data:
        form.version.data = str(page.plan.version)
    if not form.submission_key.data:
        form.submission_key.data = str(uuid.uuid4())


def _form_page(plan_id: uuid.UUID) -> family_time.PlanForForm:
    return or_404(family_time.plan_for_form, current_user, plan_id)


def _share_params(page: family_time.PlanForForm, codes: tuple[str, ...]) -> dict[str, Any]:
    return sharing_boxes(page.audience(code) for code in codes)


def _send(
    form: Any, plan_id: uuid.UUID, act: Callable[[], object], done: str, *, may_be_stale: bool = True
) -> tuple[Response | None, bool]:
    """Send a valid form with `act`: the way back to the plan saying `done`, or no way back and whether the refusal
    was "the plan changed since" (only where `may_be_stale`; otherwise every refusal is shown on the form)."""

    def back_to_plan(_done: object) -> Response:
        return see_other("young_person.family_time_plan", plan_id=plan_id, done=done)

    if may_be_stale:
        return send_valid_change(form, act, back_to_plan, "plan_changed_since")
    return send_valid_form(form, act, back_to_plan), False


def _render_form(template: str, form: Any, page: family_time.PlanForForm, stale: bool, **context: Any) -> str:
    return render_template(
        template,
        form=form,
        page=page,
        stale=stale,
        words=WORDS,
        worker=page.audience("practitioner"),
        audience_line=audience_line,
        **context,
    )


def _plan_form(
    form: Any, plan_id: uuid.UUID, act: Callable[[], object], done: str, template: str, share_with: tuple[str, ...]
) -> str | Response:
    """A form about a plan, saved against the version the page was opened at: back to the plan saying `done`, or
    the form again (saying so when the plan changed since), with a tick box for each of `share_with`."""
    sent, stale = _send(form, plan_id, act, done)
    if sent is not None:
        return sent
    page = _form_page(plan_id)
    _prepare(form, page, stale)
    return _render_form(template, form, page, stale, share_params=_share_params(page, share_with))


@bp.get("/family-time")
@young_people_only
def family_time_list() -> str:
    mine = or_404(family_time.my_family_time, current_user)
    return render_template("young_person/family_time.html", mine=mine, words=WORDS)


@bp.get("/family-time/<uuid:plan_id>")
@young_people_only
def family_time_plan(plan_id: uuid.UUID) -> str:
    page = or_404(family_time.my_plan, current_user, plan_id)
    return render_template(
        "young_person/family_time_plan.html",
        page=page,
        words=WORDS,
        done=known_notice(DONE_MESSAGES),
        worker=page.audience("practitioner"),
        audience_line=audience_line,
    )


@form_route(bp, "/family-time/<uuid:plan_id>/feelings", young_people_only)
def family_time_feeling(plan_id: uuid.UUID) -> str | Response:
    form = FeelingForm()
    shared = set(form.share.data or ())
    return _plan_form(
        form,
        plan_id,
        lambda: family_time.say_feeling(
            current_user,
            plan_id,
            version_of(form),
            form.feeling.data or "",
            form.words.data or "",
            to_review="review" in shared,
            to_advocate="advocate" in shared,
            submission_key=submission_key(form.submission_key.data),
        ),
        "feeling",
        "young_person/family_time_feeling.html",
        ("review", "advocate"),
    )


@form_route(bp, "/family-time/<uuid:plan_id>/did-not-happen", young_people_only)
def family_time_missed(plan_id: uuid.UUID) -> str | Response:
    form = MissedForm()
    sent, _stale = _send(
        form,
        plan_id,
        lambda: family_time.report_missed(
            current_user,
            plan_id,
            version_of(form),
            form.kind.data or "",
            form.on_date.data,
            form.words.data or "",
            to_advocate="advocate" in (form.share.data or ()),
            submission_key=submission_key(form.submission_key.data),
        ),
        "missed",
        may_be_stale=False,
    )
    if sent is not None:
        return sent
    page = _form_page(plan_id)
    if request.method == "GET":
        # The date that has just gone is the one most likely to be missed.
        if page.plan.next_on is not None and page.plan.next_on <= clock.today():
            form.on_date.data = page.plan.next_on
        if request.args.get("kind") in ("didnt_happen", "cut_short"):
            form.kind.data = request.args["kind"]
    _prepare(form, page, stale=False)
    return _render_form(
        "young_person/family_time_missed.html",
        form,
        page,
        False,
        share_params=_share_params(page, ("advocate",)),
        date_example=WORDS.example_day(clock.today() - timedelta(days=2)),
    )


@form_route(bp, "/family-time/<uuid:plan_id>/ask", young_people_only)
def family_time_ask(plan_id: uuid.UUID) -> str | Response:
    form = AskForm()
    return _plan_form(
        form,
        plan_id,
        lambda: family_time.ask_for_change(
            current_user,
            plan_id,
            version_of(form),
            form.words.data or "",
            to_advocate="advocate" in (form.share.data or ()),
            submission_key=submission_key(form.submission_key.data),
        ),
        "asked",
        "young_person/family_time_ask.html",
        ("advocate",),
    )
