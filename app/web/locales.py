"""Languages: which ones Orbit offers, how a request's language is chosen, and which way its text runs. The
languages themselves (own names, directions, lang tags) are in app/languages.py."""

from __future__ import annotations

from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

from app.languages import LANGUAGES, Language, from_accept_language, known, language

RTL_LOCALES = frozenset(code for code, spoken in LANGUAGES.items() if spoken.rtl)
LOCALE_NAMES = {code: spoken.own_name for code, spoken in LANGUAGES.items()}
LOCALE_COOKIE = "orbit_lang"
# The signed-in account's language, kept in the session cookie too: when the database does not answer the account
# cannot be loaded, and its error page must still be in the language the person reads (app/web/errors.py).
LOCALE_SESSION = "lang"


def available_locales() -> list[str]:
    return list(current_app.config["ORBIT_LOCALES"])


def select_locale() -> str:
    """The account's language (or, when it cannot be loaded, the copy of it in the session), then the cookie's,
    then the browser's (Accept-Language), then English. A code that is not offered (an old cookie, a hand-made
    one) is passed over, never an error."""
    locales = available_locales()
    if current_user and current_user.is_authenticated and known(current_user.locale, locales):
        return current_user.locale
    chosen = known(session.get(LOCALE_SESSION), locales) or known(request.cookies.get(LOCALE_COOKIE), locales)
    if chosen:
        return chosen
    return from_accept_language(request.accept_languages, locales) or "en"


def current_language() -> Language:
    return language(str(get_locale()))


def text_direction() -> str:
    return current_language().direction
