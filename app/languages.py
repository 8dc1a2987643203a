"""The languages Orbit speaks: each one's own name, its direction and its HTML `lang` value, in one place.

Which of them a deployment offers is `locales` in `[tool.orbit]` (pyproject.toml). The names are the ones a
speaker would look for, written in the language itself: Dari is "دری" (Babel says "فارسی (افغانستان)",
Persian of Afghanistan, which many Dari speakers would not pick), Sorani is "کوردی (سۆرانی)".

Nothing here needs a request or the database, so services, views and tests can all use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Language:
    code: str  # the catalogue's folder name under app/i18n, and what is kept on the account and in the cookie
    own_name: str  # in the language itself
    english_name: str  # for staff reading an English page
    rtl: bool = False

    @property
    def html_lang(self) -> str:
        """The BCP 47 tag for the `lang` attribute: fa_AF is written fa-AF."""
        return self.code.replace("_", "-")

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English"),
        Language("cy", "Cymraeg", "Welsh"),
        Language("ar", "العربية", "Arabic", rtl=True),
        Language("fa_AF", "دری", "Dari", rtl=True),
        Language("ps", "پښتو", "Pashto", rtl=True),
        Language("ckb", "کوردی (سۆرانی)", "Kurdish (Sorani)", rtl=True),
        Language("ti", "ትግርኛ", "Tigrinya"),
        Language("vi", "Tiếng Việt", "Vietnamese"),
        Language("sq", "Shqip", "Albanian"),
    )
}
DEFAULT = "en"

# What browsers send for these languages under other codes: Dari as "prs" (ISO 639-3) or plain Persian "fa";
# Pashto's regional codes; Sorani as "ku-IQ"/"ckb-IR" is matched by its own code already.
ALIASES = {"prs": "fa_AF", "fa": "fa_AF", "pbu": "ps", "pbt": "ps", "pst": "ps"}


def language(code: str | None) -> Language:
    """The language for a code; English for an unknown one (never an error)."""
    return LANGUAGES.get(code or "", LANGUAGES[DEFAULT])


def known(code: object, offered: Iterable[str]) -> str | None:
    """`code` if it is a language this deployment offers, otherwise None. Anything may arrive here (a cookie, a
    form field), so anything that is not exactly one of the offered codes is None."""
    return code if isinstance(code, str) and code in set(offered) else None


def from_accept_language(values: Iterable[tuple[str, float]], offered: Iterable[str]) -> str | None:
    """The best offered language for an Accept-Language header's (value, quality) pairs, highest quality first,
    matching "fa-AF" to fa_AF and "vi-VN" to vi, and the aliases above."""
    offered = list(offered)
    by_tag = {code.lower().replace("_", "-"): code for code in offered}
    for value, _quality in values:
        tag = value.lower().replace("_", "-")
        if tag in by_tag:
            return by_tag[tag]
        primary = tag.split("-")[0]
        match = next((code for lower, code in by_tag.items() if lower.split("-")[0] == primary), None)
        match = match or (ALIASES.get(primary) if ALIASES.get(primary) in offered else None)
        if match:
            return match
    return None


def typed(value: object) -> Markup:
    """Words a person typed (a name, a message), isolated from the text around them: `{{ name | typed }}`.

    `<bdi>` takes its direction from its own first letter (like dir="auto"), so an English name inside Pashto
    text, an Arabic name on an English staff page, or a right-to-left name ending in Latin digits stays whole and
    does not reorder the words around it. Empty values give nothing, not an empty element."""
    if value is None or value == "":
        return Markup("")
    return Markup("<bdi>%s</bdi>") % (value,)


def typed_name(person: object) -> Markup:
    """A person's first and last name as they were typed, kept whole together: `{{ young_person | typed_name }}`."""
    first = getattr(person, "first_name", "") or ""
    last = getattr(person, "last_name", "") or ""
    return typed(f"{first} {last}".strip())
