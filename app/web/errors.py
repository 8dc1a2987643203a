"""Error pages. When the database or Redis cannot be reached the answer is 503 with Retry-After, never 500, and
the page is built without them: the user is not loaded, so a young person's page is recognised from its address
(/me) or from the session cookie, and keeps Exit this page and Get help now. A form that could not be saved is
shown again with what was typed; a safety alert that could not be saved says plainly that it did not send."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, render_template, request, session
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from wtforms import HiddenField, PasswordField, StringField, TextAreaField
from wtforms.fields.core import UnboundField

from app.extensions import db, login_manager
from app.services import health
from app.web.routing import YOUNG_PERSON_SESSION

ERROR_CODES = frozenset({400, 403, 404, 405, 413, 429, 500})
RETRY_AFTER_SECONDS = 30
ALERT_ENDPOINT = "young_person.not_safe"
SAVE_STATUS = "save-status"  # the line under a form saved as it is typed (young_person/review_step.html)
NEVER_SHOWN_AGAIN = ("password", "secret")  # a password is typed again, never put back in a page
TYPED = frozenset({"typed", "typed_lines"})  # what someone typed: on one line, or in a text area
STAFF_AREAS = frozenset({"practitioner", "reviewing_officer", "advocate", "duty", "admin", "complaints"})


def init_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def expired_form(_error: CSRFError) -> tuple[str, int]:
        return render_template("errors/expired.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        code = error.code or 500
        original = getattr(error, "original_exception", None)
        if isinstance(original, health.UNAVAILABLE):  # raised outside a view
            return unavailable(original)
        if code >= 500:
            return failed(500)
        if code not in ERROR_CODES:
            return error
        return render_template("errors/error.html", code=code), code

    for kind in health.UNAVAILABLE:
        app.register_error_handler(kind, unavailable)

    @app.errorhandler(Exception)
    def unexpected(_error: Exception) -> Any:
        current_app.logger.exception("unhandled error (request %s)", g.get("request_id"))
        return failed(500)


def unavailable(error: BaseException) -> tuple[str, int, dict[str, str]]:
    current_app.logger.warning(
        "database or Redis unavailable (request %s): %s", g.get("request_id"), type(error).__name__
    )
    return failed(503)


def failed(code: int) -> tuple[str, int, dict[str, str]]:
    """The page for a request that failed on our side, built without the database: the transaction is rolled
    back, the user is forgotten for the rest of the request (loading them could fail again), and the layout is
    chosen from the address and the session cookie."""
    _roll_back()
    g.active_session = None
    g._login_user = login_manager.anonymous_user()
    g.keep_out_of_caches = True
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if code == 503 else {}
    if request.headers.get("HX-Request"):
        return _failed_in_place(code, headers)
    alert = request.method == "POST" and request.endpoint == ALERT_ENDPOINT
    body = render_template(
        "errors/failed.html",
        code=code,
        alert_not_sent=alert,
        kept=kept_fields() if request.method == "POST" else None,
        staff_area=request.blueprint if request.blueprint in STAFF_AREAS else None,
    )
    return body, code, headers


def _failed_in_place(code: int, headers: dict[str, str]) -> tuple[str, int, dict[str, str]]:
    """An htmx request (a review draft saved as it is typed, a queue refreshing itself). The page around it is
    still there, with what was typed and, for a young person, Exit this page and Get help now. A draft's "Saved"
    line says plainly that it was not saved (base.html lets htmx swap 5xx answers in); anything else stays as it
    was until its next try."""
    if request.headers.get("HX-Target") == SAVE_STATUS:
        return render_template("errors/_not_saved.html", code=code), code, headers
    keep = {**headers, "HX-Reswap": "none"}
    if request.headers.get("X-Orbit-Background"):
        # A queue refreshing itself: it stays as it was, and says it is not up to date (an out-of-band swap inside
        # its QUEUE_STATUS line, which its next good refresh replaces with an empty one).
        notice = render_template("errors/_queue_not_updated.html", code=code, staff_area=request.blueprint)
        return notice, code, keep
    return "", code, keep


def _roll_back() -> None:
    try:
        db.session.rollback()
    except health.UNAVAILABLE:
        current_app.logger.warning("rollback failed too (request %s)", g.get("request_id"))


def young_persons_page() -> bool:
    """Whether this page is a young person's: they are signed in, or (when they cannot be loaded) the address is
    under /me or the session cookie says so."""
    if current_user.is_authenticated:
        return not current_user.is_staff
    prefix = current_app.blueprints["young_person"].url_prefix or "/me"
    return request.path == prefix or request.path.startswith(prefix + "/") or bool(session.get(YOUNG_PERSON_SESSION))


# What was typed -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptField:
    name: str
    value: str
    label: str | None  # None: a value the person chose or did not see, sent again as it was
    several_lines: bool = False  # typed in a text area: shown again in one, all of it in sight


@dataclass(frozen=True)
class Kept:
    typed: list[KeptField]
    carried: list[KeptField]


def kept_fields() -> Kept:
    """What the failed form sent: the words typed, shown again in text boxes with their labels (or a plain "What
    you typed" when a name has several labels across forms), and everything else carried in hidden fields so
    "Try sending again" sends the same thing. Passwords are dropped."""
    kinds = _field_kinds()
    typed: list[KeptField] = []
    carried: list[KeptField] = []
    for name, value in request.form.items(multi=True):
        kind, label = kinds.get(name, ("typed", None))
        if kind == "secret" or any(word in name.lower() for word in NEVER_SHOWN_AGAIN):
            continue
        if kind in TYPED:
            if value.strip():
                typed.append(KeptField(name, value, label or "", several_lines=kind == "typed_lines"))
            else:
                carried.append(KeptField(name, value, None))
        else:
            carried.append(KeptField(name, value, None))
    return Kept(typed, carried)


def _field_kinds() -> dict[str, tuple[str, str | None]]:
    """Each field name in Orbit's forms: whether people type it, and its label when every form agrees on it.
    Built when a form fails (rare), from every form class, including forms a view built for this request. A text
    field without a label is the value of a button ("I feel unsafe"), not typed."""
    seen: dict[str, set[tuple[str, str | None]]] = {}
    for form_class in _all_subclasses(FlaskForm):
        for name, unbound in inspect.getmembers(form_class, lambda member: isinstance(member, UnboundField)):
            label = unbound.args[0] if unbound.args else unbound.kwargs.get("label")
            kind = _kind(unbound.field_class)
            if kind in TYPED and not label:
                kind = "carried"
            seen.setdefault(name, set()).add((kind, str(label) if label else None))
    kinds: dict[str, tuple[str, str | None]] = {"csrf_token": ("carried", None)}
    for name, entries in seen.items():
        found = {kind for kind, _label in entries}
        labels = {label for kind, label in entries if kind in TYPED}
        if "secret" in found:
            kinds[name] = ("secret", None)
        elif found & TYPED:
            kind = "typed_lines" if "typed_lines" in found else "typed"  # a text area anywhere: keep it one
            kinds[name] = (kind, labels.pop() if len(labels) == 1 else None)
        else:
            kinds[name] = ("carried", None)
    return kinds


def _kind(field_class: type) -> str:
    if issubclass(field_class, PasswordField):
        return "secret"
    if issubclass(field_class, HiddenField):
        return "carried"
    if issubclass(field_class, TextAreaField):
        return "typed_lines"
    if issubclass(field_class, StringField):
        return "typed"
    return "carried"


def _all_subclasses(cls: type) -> list[type]:
    found: list[type] = []
    pending = list(cls.__subclasses__())
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(current.__subclasses__())
    return found


def error_title(code: int) -> str:
    titles = {
        400: _("Something went wrong with that request"),
        403: _("You cannot see this page"),
        404: _("Page not found"),
        405: _("Something went wrong with that request"),
        413: _("That was too much to send at once"),
        429: _("Too many tries"),
        500: _("Sorry, something went wrong"),
        503: _("Orbit is not working right now"),
    }
    return titles[code]
