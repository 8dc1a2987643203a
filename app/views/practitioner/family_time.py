"""Practitioners write and change a young person's family time plans, read what the young person said about
them, and reply. Routes join the practitioner blueprint."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.access import roles_allowed
from app.forms.family_time import PlanForm, ReplyForm
from app.forms.people import RELATIONSHIP_LABELS
from app.roles import Role
from app.services import family_time
from app.views.practitioner.blueprint import bp
from app.views.shared.family_time_words import WORDS, entry_title
from app.views.shared.form_values import details, submission_key, version_of
from app.views.shared.messages import send_valid_change, send_valid_form
from app.views.shared.pages import form_route, known_notice, or_404, page_number, see_other
from app.views.shared.staff_pages import render_family_time

DONE = ("added", "changed", "unchanged", "replied")


def _sibling_choices(context: family_time.PlanFormContext) -> list[tuple[str, str]]:
    choices = []
    for sibling in context.siblings:
        kind = str(RELATIONSHIP_LABELS.get(str(sibling.relationship_kind), sibling.relationship_kind))
        label = f"{sibling.name} ({sibling.relationship_words or kind})"
        choices.append((str(sibling.id), label))
    choices.append((family_time.OTHER_SIBLING, _("Someone not in their people who matter (write a first name)")))
    return choices


def _details(form: PlanForm) -> family_time.PlanDetails:
    return details(form, family_time.PlanDetails)


def _form_data(plan: Any) -> dict[str, Any]:
    def code(value: Any) -> str:
        return str(value) if value is not None else ""

    return {
        "sibling": str(plan.person_id) if plan.person_id else family_time.OTHER_SIBLING,
        "sibling_name": "" if plan.person_id else plan.sibling_name,
        "how_often": code(plan.how_often),
        "how_often_words": plan.how_often_words or "",
        "ways": sorted(str(way) for way in plan.ways),
        "place": code(plan.place),
        "who_else": code(plan.who_else),
        "who_else_words": plan.who_else_words or "",
        "arranged_by": code(plan.arranged_by),
        "arranged_by_words": plan.arranged_by_words or "",
        "next_on": plan.next_on,
        "review_on": plan.review_on,
        "live_apart": "yes" if plan.live_apart else "no",
        "why_apart": plan.why_apart or "",
        "version": str(plan.version),
    }


@bp.get("/young-people/<uuid:young_person_id>/family-time")
@roles_allowed(Role.practitioner)
def family_time_page(young_person_id: uuid.UUID) -> str:
    return render_family_time(young_person_id, "practitioner.young_person", done=known_notice(DONE))


@form_route(bp, "/young-people/<uuid:young_person_id>/family-time/new", roles_allowed(Role.practitioner))
def new_family_time_plan(young_person_id: uuid.UUID) -> str | Response:
    context = or_404(family_time.plan_form, current_user, young_person_id, record_look=request.method == "GET")
    form = PlanForm()
    form.sibling.choices = _sibling_choices(context)
    sent = send_valid_form(
        form,
        lambda: family_time.add_plan(
            current_user, young_person_id, _details(form), submission_key(form.submission_key.data)
        ),
        lambda plan: see_other("practitioner.family_time_plan", plan_id=plan.id, done="added"),
    )
    if sent is not None:
        return sent
    if not form.submission_key.data:
        form.submission_key.data = str(uuid.uuid4())
    return render_template("practitioner/family_time_plan_form.html", form=form, context=context, stale=False)


@bp.get("/family-time/<uuid:plan_id>")
@roles_allowed(Role.practitioner)
def family_time_plan(plan_id: uuid.UUID) -> str:
    page = or_404(family_time.plan_for_staff, current_user, plan_id)
    return render_template("practitioner/family_time_plan.html", page=page, words=WORDS, done=known_notice(DONE))


@form_route(bp, "/family-time/<uuid:plan_id>/change", roles_allowed(Role.practitioner))
def change_family_time_plan(plan_id: uuid.UUID) -> str | Response:
    context = or_404(family_time.change_form, current_user, plan_id, record_look=request.method == "GET")
    assert context.plan is not None
    stale = False
    if request.method == "POST":
        form = PlanForm()
        form.sibling.choices = _sibling_choices(context)
        sent, stale = send_valid_change(
            form,
            lambda: family_time.change_plan(current_user, plan_id, version_of(form), _details(form)),
            lambda saved: see_other(
                "practitioner.family_time_plan", plan_id=plan_id, done="changed" if saved.changed else "unchanged"
            ),
        )
        if sent is not None:
            return sent
        if stale:
            # Nothing is overwritten: what they typed stays, and the next save is made against what is saved now.
            form.version.data = str(context.plan.version)
    else:
        form = PlanForm(data=_form_data(context.plan))
        form.sibling.choices = _sibling_choices(context)
    return render_template(
        "practitioner/family_time_plan_form.html", form=form, context=context, stale=stale, words=WORDS
    )


@bp.get("/family-time/waiting")
@roles_allowed(Role.practitioner)
def family_time_waiting() -> str:
    return render_template(
        "practitioner/family_time_waiting.html",
        queue=family_time.family_time_waiting(current_user, page_number()),
        entry_title=entry_title,
        reply_days=family_time.reply_working_days(),
    )


@form_route(bp, "/family-time/entries/<uuid:entry_id>/reply", roles_allowed(Role.practitioner))
def reply_family_time(entry_id: uuid.UUID) -> str | Response:
    form = ReplyForm()
    sent = send_valid_form(
        form,
        lambda: family_time.reply(current_user, entry_id, form.words.data or ""),
        lambda entry: see_other("practitioner.family_time_plan", plan_id=entry.plan_id, done="replied"),
    )
    if sent is not None:
        return sent
    found = or_404(family_time.entry_for_reply, current_user, entry_id)
    return render_template("practitioner/family_time_reply.html", form=form, found=found, words=WORDS)
