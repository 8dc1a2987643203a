"""The request cycle: sessions, access declarations, languages, security headers, one commit, error pages."""

from __future__ import annotations

import gzip
import json
import secrets
import uuid
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from babel import dates as babel_dates
from flask import Flask, Response, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale, get_translations
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from app import clock
from app.access import rule_for
from app.extensions import csrf, db, login_manager
from app.roles import YOUNG_PEOPLE, Role
from app.services import auth
from app.views.messages import officer_title

RTL_LOCALES = frozenset({"ar", "fa", "ps", "ckb", "ur", "he"})
LOCALE_NAMES = {"en": "English", "cy": "Cymraeg", "ar": "العربية"}
LOCALE_COOKIE = "orbit_lang"
DIST = Path(__file__).parent / "static" / "dist"
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")

HOME_ENDPOINTS = {
    Role.young_person: "young_person.home",
    Role.care_leaver: "young_person.home",
    Role.practitioner: "practitioner.home",
    Role.reviewing_officer: "reviewing_officer.home",
    Role.advocate: "advocate.home",
    Role.advocacy_manager: "advocate.home",
    Role.duty: "duty.home",
    Role.council_admin: "admin.home",
}


SKIP_GLOBAL_CSRF = "__orbit_skip_global_csrf__"


def csrf_in_form(view: Any) -> Any:
    """This view's form checks CSRF itself, so an expired token re-shows the form with what was typed."""
    setattr(view, SKIP_GLOBAL_CSRF, True)
    return view


SESSION_GRACE = "__orbit_session_grace__"
GRACE_PERIOD = timedelta(minutes=30)


def keeps_session_through_expiry(view: Any) -> Any:
    """For the safety alert only: the page has no sign-out timer, and sending still works just after expiry."""
    setattr(view, SESSION_GRACE, True)
    return view


def csrf_not_checked(view: Any) -> Any:
    """Only for Exit this page: it must always work, and SameSite=Lax stops other sites using it."""
    setattr(view, SKIP_GLOBAL_CSRF, True)
    return view


def home_url(role: Role) -> str:
    return url_for(HOME_ENDPOINTS[role])


# Languages --------------------------------------------------------------------------------------------


def available_locales() -> list[str]:
    return list(current_app.config["ORBIT_LOCALES"])


def select_locale() -> str:
    locales = available_locales()
    if current_user and current_user.is_authenticated and current_user.locale in locales:
        return current_user.locale
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in locales:
        return chosen
    return request.accept_languages.best_match(locales) or "en"


def text_direction() -> str:
    return "rtl" if str(get_locale()).split("_")[0] in RTL_LOCALES else "ltr"


# Assets -----------------------------------------------------------------------------------------------


def _manifest() -> dict[str, str]:
    path = DIST / "manifest.json"
    try:
        changed = path.stat().st_mtime_ns
    except FileNotFoundError as missing:
        raise RuntimeError("Assets are not built. Run `make assets` (or `make run`, which builds them).") from missing
    return _read_manifest(changed)


@lru_cache(maxsize=1)
def _read_manifest(_changed: int) -> dict[str, str]:
    """Read again only when the file changes, so a rebuild while the server runs never breaks pages."""
    return json.loads((DIST / "manifest.json").read_text())


def asset_url(name: str) -> str:
    return url_for("public.asset", filename=_manifest()[name])


# Templates --------------------------------------------------------------------------------------------


def init_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(Path(__file__).parent / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.i18n")
    _install_request_gettext(app)
    WTFormsHelpers(app)
    app.jinja_env.filters["format_date"] = format_day
    app.jinja_env.filters["format_time"] = format_clock_time
    app.jinja_env.filters["officer_title"] = officer_title
    app.jinja_env.globals.update(
        now_ts=lambda: clock.now().timestamp(),
        today=clock.today,
        error_title=error_title,
        asset_url=asset_url,
        text_direction=text_direction,
        locale_names=LOCALE_NAMES,
        available_locales=available_locales,
        home_url=home_url,
        Role=Role,
    )

    @app.context_processor
    def page_context() -> dict[str, Any]:
        active = g.get("active_session")
        return {
            "csp_nonce": g.get("csp_nonce", ""),
            "current_locale": str(get_locale()),
            "session_expires_at": active.expires_at if active and not g.get("session_grace") else None,
            "session_warning_seconds": current_app.config["ORBIT_RULES"]["warning_seconds"],
        }


def _request_translations() -> Any:
    """The request's catalogue, looked up once. Flask-Babel looks the locale and the catalogue up again for every
    string (about 6 µs each), and a staff list of 50 rows has 800 strings: that was a third of its time."""
    translations = g.get("orbit_translations")
    if translations is None:
        translations = g.orbit_translations = get_translations()
    return translations


def _install_request_gettext(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.globals["gettext"] = app.jinja_env.globals["_"] = _template_gettext


@pass_eval_context
def _template_gettext(eval_ctx: EvalContext, string: str, **variables: Any) -> str:
    """Jinja's newstyle gettext, without its formatting step when there is nothing to format (most strings). It
    asks for the evaluation context only: asking for the whole context makes Jinja copy it after every `set`."""
    text = _request_translations().ugettext(string)
    if eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - catalogue text is ours, as in Jinja's own gettext
    return text % variables if variables or "%" in text else text


def _request_locale() -> Locale:
    locale = g.get("orbit_locale")
    if locale is None:
        locale = g.orbit_locale = get_locale() or Locale("en")
    return locale


def format_day(value: date | datetime) -> str:
    """A date as people in England read it ("4 March 2027"), in the reader's language."""
    if isinstance(value, datetime):
        value = value.astimezone(clock.LONDON).date()
    return babel_dates.format_date(value, "d MMMM y", locale=_request_locale())


def format_clock_time(value: datetime, *, with_day: bool | None = None) -> str:
    """A moment on England's clock: "14:05" today, "3 Mar, 14:05" on other days (or as `with_day` says).
    Babel is called directly with the request's locale, looked up once; Flask-Babel's formatter looks it up on
    every call and moves the time to its own default timezone (which was UTC, an hour out all summer)."""
    local = value.astimezone(clock.LONDON)
    if with_day is None:
        with_day = local.date() != clock.today()
    return babel_dates.format_datetime(local, "d MMM, HH:mm" if with_day else "HH:mm", locale=_request_locale())


def render_block(template_name: str, block: str, **context: Any) -> str:
    """Render one block of a page template: what htmx swaps in, from the same template as the full page."""
    current_app.update_template_context(context)
    template = current_app.jinja_env.get_template(template_name)
    return "".join(template.blocks[block](template.new_context(context)))


# The request cycle ------------------------------------------------------------------------------------


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


def is_safe_next(target: str | None) -> bool:
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


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
        response.headers["Cache-Control"] = "no-store" if g.get("active_session") else "no-cache"


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


def init_request_cycle(app: Flask) -> None:
    @app.before_request
    def begin() -> Response | None:
        g.request_id = str(uuid.uuid4())
        g.csp_nonce = secrets.token_urlsafe(16)
        if request.endpoint == "public.asset":
            return None
        _load_active_session()
        return _enforce_access()

    @app.after_request
    def finish(response: Response) -> Response:
        if response.status_code < 500:
            db.session.commit()
        else:
            db.session.rollback()
        _security_headers(response)
        _compress(response)
        return response

    @app.teardown_request
    def roll_back_on_error(error: BaseException | None) -> None:
        if error is not None:
            db.session.rollback()


# Errors -----------------------------------------------------------------------------------------------

ERROR_CODES = frozenset({400, 403, 404, 405, 413, 429, 500})


def init_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def expired_form(_error: CSRFError) -> tuple[str, int]:
        return render_template("errors/expired.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        code = error.code or 500
        if code not in ERROR_CODES:
            return error
        return render_template("errors/error.html", code=code), code

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        db.session.rollback()
        current_app.logger.exception("unhandled error (request %s)", g.get("request_id"))
        return render_template("errors/error.html", code=500), 500


def register_blueprints(app: Flask) -> None:
    from app.views import (
        admin,
        admin_local_offer,  # noqa: F401 - its routes join the admin blueprint
        advocate,
        duty,
        practitioner,
        practitioner_family_time,  # noqa: F401 - its routes join the practitioner blueprint
        practitioner_leaving_care,  # noqa: F401 - its routes join the practitioner blueprint
        practitioner_reviews,  # noqa: F401 - its routes join the practitioner blueprint
        public,
        reviewing_officer,
        reviewing_officer_reviews,  # noqa: F401 - its routes join the reviewing_officer blueprint
        young_person,
        young_person_advocacy,  # noqa: F401 - its routes join the young_person blueprint
        young_person_family_time,  # noqa: F401 - its routes join the young_person blueprint
        young_person_information,  # noqa: F401 - its routes join the young_person blueprint
        young_person_leaving_care,  # noqa: F401 - its routes join the young_person blueprint
        young_person_reviews,  # noqa: F401 - its routes join the young_person blueprint
        young_person_safety,  # noqa: F401 - its routes join the young_person blueprint
    )
    from app.views import auth as auth_views

    for module in (public, auth_views, young_person, practitioner, reviewing_officer, advocate, duty, admin):
        app.register_blueprint(module.bp)


def error_title(code: int) -> str:
    titles = {
        400: _("Something went wrong with that request"),
        403: _("You cannot see this page"),
        404: _("Page not found"),
        405: _("Something went wrong with that request"),
        413: _("That was too much to send at once"),
        429: _("Too many tries"),
        500: _("Sorry, something went wrong"),
    }
    return titles[code]
