"""The request cycle: the session, access declarations, one commit per request, security headers, compression."""

from __future__ import annotations

import gzip
import secrets
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, g, redirect, request, session, url_for
from flask_login import current_user

from app.access import rule_for
from app.extensions import csrf, db, login_manager
from app.roles import YOUNG_PEOPLE, Role
from app.services import auth, health
from app.web.errors import unavailable
from app.web.routing import GRACE_PERIOD, SESSION_GRACE, SKIP_GLOBAL_CSRF, WITHOUT_DATABASE, WITHOUT_SESSION

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


@login_manager.request_loader
def _user_from_session(_request: Any) -> Any:
    active = g.get("active_session")
    return active.user if active else None


def _load_active_session() -> None:
    g.active_session = None
    token = session.get("sid")
    if not token:
        return
    view = current_app.view_functions.get(request.endpoint or "")
    g.session_grace = bool(getattr(view, SESSION_GRACE, False))
    active = auth.load_session(token, grace=GRACE_PERIOD if g.session_grace else timedelta(0))
    if active is None:
        session.clear()
        g.session_ended = True
        return
    if request.endpoint != "public.asset" and not request.headers.get("X-Orbit-Background"):
        auth.touch(active)
    g.active_session = active


def _load_active_session_if_possible() -> None:
    try:
        _load_active_session()
    except health.UNAVAILABLE as error:
        db.session.rollback()
        g.active_session = None
        current_app.logger.warning("page shown signed out: the session could not be loaded (%s)", type(error).__name__)


def _sign_in_url_for(rule_roles: frozenset[Role]) -> str:
    endpoint = "auth.sign_in" if rule_roles & YOUNG_PEOPLE else "auth.staff_sign_in"
    return url_for(
        endpoint,
        next=request.full_path if request.method == "GET" else None,
        ended="timeout" if g.get("session_ended") else None,
    )


def _enforce_access() -> Response | None:
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return None  # routing will answer 404 or 405
    rule = rule_for(view)
    if rule is None:
        current_app.logger.error("route %s has no access declaration; refusing", request.endpoint)
        abort(404)
    if not rule.public:
        if not current_user.is_authenticated:
            target = _sign_in_url_for(rule.roles)
            if request.headers.get("HX-Request"):
                return Response(status=401, headers={"HX-Redirect": target})
            return redirect(target)
        if current_user.role not in rule.roles:
            abort(403)
        if current_user.needs_totp and not rule.before_second_factor:
            return redirect(url_for("auth.enrol_second_factor"))
    if request.method not in ("GET", "HEAD", "OPTIONS") and not getattr(view, SKIP_GLOBAL_CSRF, False):
        csrf.protect()
    return None


def _security_headers(response: Response) -> None:
    nonce = g.get("csp_nonce", "")
    exit_origin = "{0.scheme}://{0.netloc}".format(urlsplit(current_app.config["ORBIT_SETTINGS"].exit_url))
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
        f"font-src 'self'; connect-src 'self'; form-action 'self' {exit_origin}; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=(), interest-cohort=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.vary.add("HX-Request")
    if request.endpoint != "public.asset":
        private = g.get("active_session") or g.get("keep_out_of_caches")
        response.headers["Cache-Control"] = "no-store" if private else "no-cache"


def _compress(response: Response) -> None:
    if (
        response.direct_passthrough
        or response.status_code < 200
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
        or "gzip" not in request.headers.get("Accept-Encoding", "")
        or not (response.mimetype or "").startswith(COMPRESSIBLE)
    ):
        return
    data = response.get_data()
    if len(data) < 600:
        return
    response.set_data(gzip.compress(data, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")


def _commit_the_request() -> None:
    """The request's one commit, after the page is rendered. On a GET nothing reads the loaded rows again, so
    they are not expired one by one: an advocate's queue of 25 holds about 80, and expiring them was 0.4 ms of
    its 11. A request that changed things (POST) keeps the session's setting, so any later read in it is fresh."""
    session = db.session()
    setting = session.expire_on_commit
    session.expire_on_commit = setting and request.method not in ("GET", "HEAD")
    try:
        db.session.commit()
    finally:
        session.expire_on_commit = setting


def init_request_cycle(app: Flask) -> None:
    @app.before_request
    def begin() -> Response | None:
        g.request_id = str(uuid.uuid4())
        g.csp_nonce = secrets.token_urlsafe(16)
        if request.endpoint == "public.asset":
            return None
        view = current_app.view_functions.get(request.endpoint or "")
        if getattr(view, WITHOUT_SESSION, False):
            g.active_session = None
        elif getattr(view, WITHOUT_DATABASE, False):
            _load_active_session_if_possible()
        else:
            _load_active_session()
        return _enforce_access()

    @app.after_request
    def finish(response: Response) -> Response:
        if response.status_code < 500:
            try:
                _commit_the_request()
            except health.UNAVAILABLE as error:  # nothing was saved: say so, not what the view was about to say
                response = current_app.make_response(unavailable(error))
        else:
            db.session.rollback()
        _security_headers(response)
        _compress(response)
        return response

    @app.teardown_request
    def roll_back_on_error(error: BaseException | None) -> None:
        if error is not None:
            db.session.rollback()
