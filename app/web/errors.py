"""Error pages: which codes get Orbit's own page, and their titles."""

from __future__ import annotations

from flask import Flask, current_app, g, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db

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
