"""A young person's messages: no messages (the default), a text or an email that only says "You have something
new in Orbit"; confirmed with a code; quiet hours; stop any time. Routes join the young_person blueprint."""

from __future__ import annotations

from datetime import time

from babel import dates as babel_dates
from flask import Response, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from app.access import young_people_only
from app.forms.base import OrbitForm
from app.forms.messages import ConfirmCodeForm, MessageChoiceForm, QuietHoursForm
from app.services import notifications
from app.services.errors import Refused
from app.views.shared.messages import send_valid_form, show_refusal
from app.views.shared.pages import form_route, known_notice, see_other
from app.views.young_person.blueprint import bp

DONE = ("confirmed", "stopped", "quiet", "code")


def _hour_choices() -> list[tuple[str, str]]:
    locale = get_locale()
    return [
        (str(h), babel_dates.format_time(time(h), "h a" if str(locale) == "en" else "HH:mm", locale=locale))
        for h in range(24)
    ]


def _quiet_form(settings: notifications.MessageSettings) -> QuietHoursForm:
    form = QuietHoursForm()
    form.quiet_from.choices = form.quiet_until.choices = _hour_choices()
    if request.method == "GET" or "quiet_from" not in request.form:
        form.quiet_from.data, form.quiet_until.data = str(settings.quiet_from), str(settings.quiet_until)
    return form


def _page(form: MessageChoiceForm, quiet: QuietHoursForm, settings: notifications.MessageSettings) -> str:
    return render_template(
        "young_person/messages.html",
        form=form,
        quiet=quiet,
        settings=settings,
        stop_form=OrbitForm(),
        done=known_notice(DONE),
    )


@form_route(bp, "/messages", young_people_only)
def messages() -> str | Response:
    settings = notifications.my_settings(current_user)
    form = MessageChoiceForm()
    if not settings.can_text:
        form.channel.choices = [c for c in form.channel.choices if c[0] != "sms"]  # type: ignore[union-attr]
    if request.method == "GET":
        form.channel.data = settings.channel.value if settings.channel else "none"
    sent = send_valid_form(
        form,
        lambda: notifications.choose(
            current_user, form.channel.data or "", form.mobile.data or "", form.email.data or ""
        ),
        _after_choosing,
    )
    if sent is not None:
        return sent
    return _page(form, _quiet_form(settings), settings)


def _after_choosing(chosen: notifications.MessageSettings) -> Response:
    """A new address is confirmed with a code first; choosing no messages is done at once."""
    if chosen.pending_address:
        return see_other("young_person.messages_confirm")
    return see_other("young_person.messages", done="stopped")


def _confirm_page(form: ConfirmCodeForm, settings: notifications.MessageSettings, *, sent_again: bool) -> str:
    return render_template(
        "young_person/messages_confirm.html",
        form=form,
        settings=settings,
        resend_form=OrbitForm(),
        sent_again=sent_again,
    )


@form_route(bp, "/messages/confirm", young_people_only)
def messages_confirm() -> str | Response:
    settings = notifications.my_settings(current_user)
    form = ConfirmCodeForm()
    if settings.pending_address and form.validate_on_submit():
        try:
            notifications.confirm(current_user, form.code.data or "")
        except Refused as refused:
            show_refusal(form, refused)
            settings = notifications.my_settings(current_user)
        else:
            return see_other("young_person.messages", done="confirmed")
    return _confirm_page(form, settings, sent_again=request.args.get("sent") == "1")


@bp.post("/messages/new-code")
@young_people_only
def messages_new_code() -> str | Response:
    form = ConfirmCodeForm()
    try:
        notifications.send_new_code(current_user)
    except Refused as refused:
        settings = notifications.my_settings(current_user)
        if not settings.pending_address:
            return see_other("young_person.messages")
        form.code.data = ""
        show_refusal(form, refused)
        return _confirm_page(form, settings, sent_again=False)
    return see_other("young_person.messages_confirm", sent=1)


@form_route(bp, "/messages/quiet-hours", young_people_only, methods=["POST"])
def messages_quiet_hours() -> str | Response:
    settings = notifications.my_settings(current_user)
    quiet = _quiet_form(settings)
    sent = send_valid_form(
        quiet,
        lambda: notifications.set_quiet_hours(current_user, quiet.quiet_from.data or "", quiet.quiet_until.data or ""),
        lambda _done: see_other("young_person.messages", done="quiet", _anchor="quiet-hours"),
    )
    if sent is not None:
        return sent
    form = MessageChoiceForm()
    form.channel.data = settings.channel.value if settings.channel else "none"
    return _page(form, quiet, settings)


@bp.post("/messages/stop")
@young_people_only
def messages_stop() -> Response:
    notifications.stop(current_user)
    return see_other("young_person.messages", done="stopped")
