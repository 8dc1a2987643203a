"""The council admin's outbox: every message's state (waiting, sent, failed) and why one failed, never its
words; and where an escalated safety alert goes. Routes join the admin blueprint."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.access import roles_allowed
from app.forms.messages import DutyManagerForm
from app.roles import Role
from app.services import notifications
from app.views.admin.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, or_404, page_number, see_other


def failure_words(code: str | None) -> str:
    if not code:
        return ""
    given_up = code.startswith("gave_up")
    reason = code.removeprefix("gave_up").lstrip("_")
    words = {
        "notify_refused": _("GOV.UK Notify refused it (a number or address it cannot send to, or a wrong template)"),
        "notify_key_refused": _("GOV.UK Notify did not accept Orbit's API key, or the server clock is wrong"),
        "notify_busy": _("GOV.UK Notify asked Orbit to slow down (429)"),
        "notify_unavailable": _("GOV.UK Notify could not be reached or had an error (500)"),
        "smtp_unavailable": _("The email server could not be reached"),
        "address_refused": _("The email server refused the address"),
        "no_text_sender": _("Texts need GOV.UK Notify (MAIL_SENDER=notify)"),
        "no_text_template": _("No text message template is set (NOTIFY_SMS_TEMPLATE_ID)"),
        "sender_error": _("Orbit could not send it"),
        "": _("Orbit stopped trying"),
    }.get(reason, reason)
    return _("Stopped trying after many attempts: %(reason)s", reason=words) if given_up and reason else words


def _page(form: DutyManagerForm) -> str:
    page = or_404(notifications.outbox_page, current_user, page_number(), request.args.get("state"))
    if request.method == "GET":
        form.email.data = page.duty_manager_email or ""
        form.mobile.data = notifications.shown_mobile(page.duty_manager_mobile) if page.duty_manager_mobile else ""
    return render_template(
        "admin/outbox.html",
        page=page,
        form=form,
        failure_words=failure_words,
        state=request.args.get("state") if request.args.get("state") in ("waiting", "sent", "failed") else None,
        saved=request.args.get("saved") == "1",
    )


@bp.get("/outbox")
@roles_allowed(Role.council_admin)
def outbox() -> str:
    return _page(DutyManagerForm())


@form_route(bp, "/outbox/duty-manager", roles_allowed(Role.council_admin), methods=["POST"])
def duty_manager() -> str | Response:
    form = DutyManagerForm()
    sent = send_valid_form(
        form,
        lambda: notifications.set_duty_manager(current_user, form.email.data or "", form.mobile.data or ""),
        lambda _done: see_other("admin.outbox", saved=1, _anchor="duty-manager"),
    )
    if sent is not None:
        return sent
    return _page(form)
