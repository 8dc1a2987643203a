"""Languages: which ones Orbit offers, how a request's language is chosen, and which way its text runs."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import get_locale
from flask_login import current_user

RTL_LOCALES = frozenset({"ar", "fa", "ps", "ckb", "ur", "he"})
LOCALE_NAMES = {"en": "English", "cy": "Cymraeg", "ar": "العربية"}
LOCALE_COOKIE = "orbit_lang"


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
