"""Joining with an invite, signing in and out, sessions, passwords and second factors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Response, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import clock
from app.access import any_signed_in, public_route, roles_allowed
from app.extensions import limiter
from app.forms.auth import (
    ChangePasswordForm,
    ChooseAccountForm,
    ConfirmForm,
    InviteCodeForm,
    SecondFactorForm,
    SetPasswordForm,
    SignInForm,
    StaffSignInForm,
)
from app.roles import STAFF, YOUNG_PEOPLE
from app.services import auth, security
from app.services.auth import SignInOutcome, SignInResult
from app.services.errors import NotFound, Refused
from app.views.shared.messages import show_refusal
from app.views.shared.pages import form_route, see_other
from app.web.locales import LOCALE_SESSION
from app.web.routing import YOUNG_PERSON_SESSION, home_url, is_safe_next

bp = Blueprint("auth", __name__)

SIGN_IN_LIMITS = "10 per minute;60 per hour"
JOIN_CODE_KEY = "join_code"
PENDING_KEY = "pending_second_factor"
F = TypeVar("F", bound=Callable[..., Any])


def _public_form_page(rule: str) -> Callable[[F], F]:
    """A page anyone may open (GET) and send its form from (POST), with sending rate-limited like signing in."""

    def register(view: F) -> F:
        return form_route(bp, rule, public_route)(limiter.limit(SIGN_IN_LIMITS, methods=["POST"])(view))

    return register


def _begin_session(token: str, next_url: str | None = None) -> Response:
    """Give the browser a fresh session (a new id at every sign-in) and go home. The account's language goes in
    the session too, so a page that fails without the database is still in it."""
    session.clear()
    session["sid"] = token
    user = auth.load_session(token)
    if user and user.user.locale:
        session[LOCALE_SESSION] = user.user.locale
    if user and user.user.role in YOUNG_PEOPLE:
        session[YOUNG_PERSON_SESSION] = True
    target = next_url if is_safe_next(next_url) else home_url(user.user.role) if user else url_for("public.start")
    return redirect(target, code=303)


def _sign_in_page(
    form_class: type[SignInForm] | type[StaffSignInForm], field: str, template: str, *, staff: bool
) -> str | Response:
    """Signing in with a password (`field` is the username or the email address): home when signed in already; a
    new session when it is right, or, for staff, the second factor first; otherwise the form again saying why."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user.role))
    form = form_class()
    if form.validate_on_submit():
        result = auth.sign_in_with_password(form[field].data or "", form.password.data or "", staff=staff)
        if staff and result.outcome is SignInOutcome.second_factor_needed and result.user:
            session[PENDING_KEY] = {
                "user": str(result.user.id),
                "at": clock.now().timestamp(),
                "next": request.args.get("next"),
            }
            return see_other("auth.staff_second_factor")
        if result.outcome is SignInOutcome.signed_in and result.token:
            return _begin_session(result.token, request.args.get("next"))
        _wrong_sign_in(form, result, field)
    form.password.data = ""
    return render_template(template, form=form, ended=request.args.get("ended"))


def _wrong_sign_in(form: SignInForm | StaffSignInForm, result: SignInResult, field: str) -> None:
    if result.outcome is SignInOutcome.locked:
        message = _("Too many tries. Wait 15 minutes and try again")
    elif field == "username":
        message = _("Your username or password is not right")
    else:
        message = _("Your email address or password is not right")
    form[field].errors = [message]
    form._errors = None


# Young people -----------------------------------------------------------------------------------------


@_public_form_page("/sign-in")
def sign_in() -> str | Response:
    return _sign_in_page(SignInForm, "username", "auth/sign_in.html", staff=False)


@_public_form_page("/join")
def join() -> str | Response:
    form = InviteCodeForm()
    if form.validate_on_submit():
        try:
            auth.check_young_person_code(form.code.data or "")
        except Refused as refused:
            show_refusal(form, refused)
        else:
            session[JOIN_CODE_KEY] = security.normalise_invite_code(form.code.data or "")
            return see_other("auth.join_account")
    return render_template("auth/join.html", form=form)


@_public_form_page("/join/account")
def join_account() -> str | Response:
    code = session.get(JOIN_CODE_KEY)
    if not code:
        return redirect(url_for("auth.join"))
    form = ChooseAccountForm()
    if form.validate_on_submit():
        try:
            _user, token = auth.redeem_young_person_invite(
                code, form.username.data or "", form.password.data or "", form.confirm_password.data or ""
            )
        except Refused as refused:
            if refused.field == "code":
                session.pop(JOIN_CODE_KEY, None)
                return redirect(url_for("auth.join"))
            show_refusal(form, refused)
        else:
            # The first page after joining carries the short privacy notice.
            return _begin_session(token, url_for("young_person.home", joined=1))
    form.password.data = form.confirm_password.data = ""
    return render_template("auth/join_account.html", form=form)


# Staff ------------------------------------------------------------------------------------------------


@_public_form_page("/staff/sign-in")
def staff_sign_in() -> str | Response:
    return _sign_in_page(StaffSignInForm, "email", "auth/staff_sign_in.html", staff=True)


@_public_form_page("/staff/sign-in/code")
def staff_second_factor() -> str | Response:
    pending = session.get(PENDING_KEY) or {}
    user = auth.pending_user(pending.get("user", ""), pending.get("at", 0.0)) if pending else None
    if user is None:
        session.pop(PENDING_KEY, None)
        return redirect(url_for("auth.staff_sign_in"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        result = auth.complete_second_factor(user, form.code.data or "")
        if result.outcome is SignInOutcome.signed_in and result.token:
            return _begin_session(result.token, pending.get("next"))
        show_refusal(form, Refused("locked" if result.outcome is SignInOutcome.locked else "code_wrong", "code"))
    form.code.data = ""
    return render_template("auth/second_factor.html", form=form)


@_public_form_page("/staff/join/<token>")
def staff_join(token: str) -> str | Response:
    try:
        invite = auth.staff_invite(token)
    except NotFound:
        return render_template("auth/staff_invite_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            _user, session_token = auth.accept_staff_invite(
                token, form.password.data or "", form.confirm_password.data or ""
            )
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return _begin_session(session_token, url_for("auth.enrol_second_factor"))
    form.password.data = form.confirm_password.data = ""
    return render_template("auth/staff_join.html", form=form, invite=invite)


@form_route(bp, "/account/second-factor", roles_allowed(STAFF, before_second_factor=True))
def enrol_second_factor() -> str | Response:
    if not current_user.needs_totp:
        return redirect(home_url(current_user.role))
    secret = auth.totp_secret_for_enrolment(current_user)
    form = SecondFactorForm()
    if form.validate_on_submit():
        try:
            auth.confirm_totp_enrolment(current_user, form.code.data or "")
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return redirect(home_url(current_user.role), code=303)
    form.code.data = ""
    uri = security.totp_uri(secret, current_user.email or current_user.full_name)
    return render_template(
        "auth/enrol_second_factor.html",
        form=form,
        qr_svg=security.qr_svg(uri, _("QR code to add Orbit to your authenticator app")),
        secret=security.group_secret(secret),
    )


# Everyone who is signed in ----------------------------------------------------------------------------


def _signed_out_response(endpoint: str) -> Response:
    session.clear()
    response = see_other(endpoint, ended="signed_out")
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.post("/sign-out")
@roles_allowed(set(STAFF) | set(YOUNG_PEOPLE), before_second_factor=True)
def sign_out() -> Response:
    was_staff = current_user.is_staff
    auth.end_session(session.get("sid", ""))
    return _signed_out_response("auth.staff_sign_in" if was_staff else "auth.sign_in")


@form_route(bp, "/account/password", any_signed_in)
def change_password() -> str | Response:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            auth.change_password(
                current_user,
                form.current_password.data or "",
                form.password.data or "",
                form.confirm_password.data or "",
                session_token=session["sid"],
            )
        except Refused as refused:
            show_refusal(form, refused)
        else:
            return see_other("auth.password_changed")
    form.current_password.data = form.password.data = form.confirm_password.data = ""
    return render_template("auth/change_password.html", form=form)


@bp.get("/account/password/changed")
@any_signed_in
def password_changed() -> str:
    return render_template("auth/password_changed.html")


@bp.post("/session/extend")
@roles_allowed(set(STAFF) | set(YOUNG_PEOPLE), before_second_factor=True)
def extend_session() -> Response:
    """ "Stay signed in": htmx/JavaScript get the new expiry as JSON; without JavaScript, go back."""
    active = g.active_session
    auth.touch(active, force=True)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(expires_at=active.expires_at.isoformat())
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else home_url(current_user.role), code=303)


@bp.get("/session/warning")
@roles_allowed(set(STAFF) | set(YOUNG_PEOPLE), before_second_factor=True)
def session_warning() -> str:
    """Shown without JavaScript shortly before the session ends, with one button to stay signed in."""
    target = request.args.get("next")
    return render_template(
        "auth/session_warning.html",
        form=ConfirmForm(),
        next_url=target if is_safe_next(target) else home_url(current_user.role),
    )


@bp.get("/session/ended")
@public_route
def session_ended() -> str:
    return render_template("auth/session_ended.html")
