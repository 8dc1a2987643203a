"""Templates: where they are found, the built assets they link to, the words and dates they show in the
reader's language, and rendering one block of a page for htmx."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel import dates as babel_dates
from flask import Flask, current_app, g, request, url_for
from flask_babel import get_locale, get_translations
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from app import clock
from app.languages import language, typed, typed_name
from app.roles import Role
from app.services.young_people import chosen_language
from app.views.shared.messages import officer_title
from app.web.errors import error_title, young_persons_page
from app.web.locales import available_locales, current_language, text_direction
from app.web.routing import home_url

APP_DIR = Path(__file__).parent.parent
DIST = APP_DIR / "static" / "dist"


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
    return _built_once("public.asset", filename=_manifest()[name])


def _built_once(endpoint: str, **values: str) -> str:
    key = (request.script_root, endpoint, *values.items())
    links = current_app.extensions.setdefault("orbit_links", {})
    built = links.get(key)
    if built is None:
        built = links[key] = url_for(endpoint, **values)
    return built


def link_to(endpoint: str, **values: Any) -> str:
    """`url_for` in templates. A page links to twenty or so places, most of them the same on every page (the
    header, the footer, Get help now), and Flask builds each link afresh: about a twentieth of a page's time. A
    link with nothing in it but its endpoint is the same text for the life of the process, so it is built once.
    Links with values (an id, a query) are built each time, so nothing about anyone is kept."""
    if values or endpoint.startswith("."):
        return url_for(endpoint, **values)
    return _built_once(endpoint)


def link_each(endpoint: str, id_name: str) -> Callable[[uuid.UUID], str]:
    """`url_for(endpoint, id_name=an_id)` for every row of a list: `{% set link = link_each(...) %}`, then
    `link(row.id)`. Flask builds each link afresh (4.8 µs); here the link is built once with a stand-in id and
    each row's id takes its place (0.8 µs), which gives the same text, as an id is written in a link as it is
    anywhere else."""
    stand_in = uuid.UUID(int=0)
    before, after = url_for(endpoint, **{id_name: stand_in}).split(str(stand_in))

    def link(an_id: uuid.UUID) -> str:
        if not isinstance(an_id, uuid.UUID):
            raise TypeError(f"{endpoint} links by id, not {type(an_id).__name__}")
        return f"{before}{an_id}{after}"

    return link


# Templates --------------------------------------------------------------------------------------------


def init_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(APP_DIR / "templates")),
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
    app.jinja_env.filters["typed"] = typed
    app.jinja_env.filters["typed_name"] = typed_name
    app.jinja_env.globals.update(
        now_ts=lambda: clock.now().timestamp(),
        today=clock.today,
        error_title=error_title,
        young_persons_page=young_persons_page,
        asset_url=asset_url,
        text_direction=text_direction,
        language=language,
        current_language=current_language,
        chosen_language=chosen_language,
        available_locales=available_locales,
        home_url=home_url,
        Role=Role,
        url_for=link_to,
        link_each=link_each,
    )

    @app.context_processor
    def page_context() -> dict[str, Any]:
        active = g.get("active_session")
        return {
            "csp_nonce": g.get("csp_nonce", ""),
            "current_locale": str(get_locale()),
            "html_lang": current_language().html_lang,
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
    return _day_in_words(value, _request_locale())


@lru_cache(maxsize=8192)
def _day_in_words(value: date, locale: Locale) -> str:
    """Babel builds a formatter and looks up month names for every date (about 30 µs); a council's list of
    reviews shows 400 dates, most of them the same few weeks, so each day is worded once per language."""
    return babel_dates.format_date(value, "d MMMM y", locale=locale)


def format_clock_time(value: datetime, *, with_day: bool | None = None) -> str:
    """A moment on England's clock: "14:05" today, "3 Mar, 14:05" on other days (or as `with_day` says).
    Babel is called directly with the request's locale, looked up once; Flask-Babel's formatter looks it up on
    every call and moves the time to its own default timezone (which was UTC, an hour out all summer)."""
    local = value.astimezone(clock.LONDON)
    if with_day is None:
        with_day = local.date() != clock.today()
    minute = local.replace(second=0, microsecond=0, tzinfo=None)
    return _clock_in_words(minute, "d MMM, HH:mm" if with_day else "HH:mm", _request_locale())


@lru_cache(maxsize=8192)
def _clock_in_words(minute: datetime, pattern: str, locale: Locale) -> str:
    """A work queue of 50 rows shows 50 times, many at the same minute (a reply due at the end of a working day);
    each minute is worded once per language and pattern. `minute` is already on England's clock."""
    return babel_dates.format_datetime(minute, pattern, locale=locale, tzinfo=None)


def render_block(template_name: str, block: str, **context: Any) -> str:
    """Render one block of a page template: what htmx swaps in, from the same template as the full page."""
    current_app.update_template_context(context)
    template = current_app.jinja_env.get_template(template_name)
    return "".join(template.blocks[block](template.new_context(context)))
