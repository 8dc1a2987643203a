"""Pages anyone can open: the start page, help, privacy, accessibility, language, exit, and the assets."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_login import current_user

from app.access import public_route
from app.languages import known
from app.services import auth, retention
from app.web.locales import LOCALE_COOKIE, LOCALE_SESSION, available_locales
from app.web.routing import answers_without_session, csrf_not_checked, home_url, is_safe_next, works_without_database
from app.web.templates import DIST

bp = Blueprint("public", __name__)

ONE_YEAR = 365 * 24 * 3600


@bp.get("/")
@public_route
def start() -> str | Response:
    if current_user.is_authenticated:
        return redirect(home_url(current_user.role))
    return render_template("public/start.html")


@bp.get("/help")
@public_route
@works_without_database
def get_help() -> str:
    return render_template("public/help.html")


@bp.get("/privacy")
@public_route
def privacy() -> str:
    return render_template("public/privacy.html", keep=retention.schedule())


@bp.get("/accessibility")
@public_route
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.get("/language")
@public_route
def language() -> str:
    """Every language Orbit offers, each by its own name. Only shows: choosing is a POST."""
    target = request.args.get("next")
    safe = target if is_safe_next(target) else None
    return render_template("public/language.html", next_url=safe or url_for("public.start"), back=safe)


@bp.post("/language")
@public_route
def choose_language() -> Response:
    """Keep the choice in a cookie and, when signed in, on the account. A language that is not offered (a
    hand-made form, an old link) changes nothing: back to the page, as it was."""
    chosen = known(request.form.get("lang"), available_locales())
    target = request.form.get("next")
    response = redirect(target if is_safe_next(target) else url_for("public.start"), code=303)
    if chosen is None:
        return response
    if current_user.is_authenticated:
        auth.set_locale(current_user, chosen)
        session[LOCALE_SESSION] = chosen
    response.set_cookie(
        LOCALE_COOKIE,
        chosen,
        max_age=ONE_YEAR,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


@bp.post("/exit")
@public_route
@csrf_not_checked
@answers_without_session
def exit_page() -> Response:
    """Exit this page: end the session at once and go to an ordinary website.

    CSRF is not checked here on purpose: a young person must never be stuck on this page because a form
    expired, and SameSite=Lax cookies mean no other site can sign them out this way.
    """
    token = session.get("sid")
    if token:
        auth.exit_page(token)
    session.clear()
    response = redirect(current_app.config["ORBIT_SETTINGS"].exit_url, code=303)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.get("/assets/<path:filename>")
@public_route
def asset(filename: str) -> Response:
    wants_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    compressed = DIST / f"{filename}.gz"
    if wants_gzip and compressed.is_file() and compressed.resolve().is_relative_to(DIST.resolve()):
        response = send_from_directory(DIST, f"{filename}.gz", max_age=ONE_YEAR)
        response.headers["Content-Encoding"] = "gzip"
        response.mimetype = _mimetype(filename)
    else:
        response = send_from_directory(DIST, filename, max_age=ONE_YEAR)
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.vary.add("Accept-Encoding")
    return response


def _mimetype(filename: str) -> str:
    for suffix, kind in ((".css", "text/css"), (".js", "text/javascript"), (".svg", "image/svg+xml")):
        if filename.endswith(suffix):
            return kind
    return "application/octet-stream"
