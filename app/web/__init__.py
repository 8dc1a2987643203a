"""The web layer around the views, one module per job:

- `routing`: what a view declares about itself (`csrf_in_form`, `keeps_session_through_expiry`,
  `csrf_not_checked`), each role's home, and whether a `next` address is safe;
- `locales`: the languages offered, the request's language and its direction (`LOCALE_NAMES`, `RTL_LOCALES`);
- `templates`: template loading, assets, the template filters for words, dates and times, `render_block`;
- `request_cycle`: the session, access declarations, one commit per request, security headers, compression;
- `errors`: the error pages;
- `blueprints`: every view module, registered.

create_app imports this package; views import the module that owns a name (`from app.web.routing import
csrf_in_form`), never the package, whose `blueprints` imports every view: that would be an import circle
(tests/unit/test_import_circles.py).
"""

from __future__ import annotations

from app.web.blueprints import register_blueprints
from app.web.errors import ERROR_CODES, error_title, init_error_pages, young_persons_page
from app.web.locales import (
    LOCALE_COOKIE,
    LOCALE_NAMES,
    LOCALE_SESSION,
    RTL_LOCALES,
    available_locales,
    select_locale,
    text_direction,
)
from app.web.request_cycle import COMPRESSIBLE, init_request_cycle
from app.web.routing import (
    GRACE_PERIOD,
    HOME_ENDPOINTS,
    SESSION_GRACE,
    SKIP_GLOBAL_CSRF,
    WITHOUT_DATABASE,
    WITHOUT_SESSION,
    YOUNG_PERSON_SESSION,
    answers_without_session,
    csrf_in_form,
    csrf_not_checked,
    home_url,
    is_safe_next,
    keeps_session_through_expiry,
    works_without_database,
)
from app.web.templates import (
    DIST,
    _manifest,
    asset_url,
    format_clock_time,
    format_day,
    init_templates,
    render_block,
)

__all__ = [
    "COMPRESSIBLE",
    "DIST",
    "ERROR_CODES",
    "GRACE_PERIOD",
    "HOME_ENDPOINTS",
    "LOCALE_COOKIE",
    "LOCALE_NAMES",
    "LOCALE_SESSION",
    "RTL_LOCALES",
    "SESSION_GRACE",
    "SKIP_GLOBAL_CSRF",
    "WITHOUT_DATABASE",
    "WITHOUT_SESSION",
    "YOUNG_PERSON_SESSION",
    "_manifest",
    "answers_without_session",
    "asset_url",
    "available_locales",
    "csrf_in_form",
    "csrf_not_checked",
    "error_title",
    "format_clock_time",
    "format_day",
    "home_url",
    "init_error_pages",
    "init_request_cycle",
    "init_templates",
    "is_safe_next",
    "keeps_session_through_expiry",
    "register_blueprints",
    "render_block",
    "select_locale",
    "text_direction",
    "works_without_database",
    "young_persons_page",
]
