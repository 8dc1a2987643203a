"""GOV.UK widgets with their built-in English words ("Error", "Day", "Show") passed through gettext, rendered
without the cost of a whole page render each.

govuk-frontend-wtf renders every field with Flask's `render_template`, which runs the app's context processors and
sends the template signals for each of a form's fields, and the GOV.UK macros it calls are deep (a radio button is
a macro call inside a macro call inside a macro call). Here a field's template is rendered directly: the macros
use nothing but `params`. Radios, checkboxes and selects, whose words are all Orbit's own (labels, hints, choice
codes), are also kept once rendered, keyed by everything they were given: a form shown again (the same question, the
same choice ticked, the same language) costs a dictionary look-up instead of about 2 ms of macro calls. Inputs
that hold what someone typed (text, text areas, dates) are kept without it: each typed value is swapped for a
marker before rendering, and the rendered field is kept with the marker, which is replaced by the value (escaped,
exactly as the macro escapes it) on the way out. What someone typed is never kept.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from contextlib import suppress
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from govuk_frontend_wtf import wtforms_widgets as gov
from markupsafe import Markup, escape

KEPT_AT_MOST = 512  # rendered choice fields kept per process (a few hundred bytes to a few KB each)


def _key(value: Any) -> Any:
    """A hashable key that tells apart everything the GOV.UK macros would render differently: text that is
    escaped (str) from text that is not (anything with __html__, such as Markup or a lazy gettext string)."""
    if isinstance(value, dict):
        return ("d", tuple((k, _key(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("l", tuple(_key(v) for v in value))
    if hasattr(value, "__html__"):
        return ("h", str(value.__html__()))
    if isinstance(value, str):
        return ("s", value)
    if value is None or isinstance(value, bool | int | float):
        return (type(value).__name__, value)
    raise TypeError(f"no key for {type(value).__name__}")


MARKER = f"orbittyped{secrets.token_hex(6)}n"  # letters and digits: escaping leaves it as it is


def _without_typed(value: Any, typed: list[Any]) -> Any:
    """`value` with every non-empty "value" (what was typed) swapped for a numbered marker, kept in `typed`."""
    if isinstance(value, dict):
        swapped = {}
        for k, v in value.items():
            if k == "value" and isinstance(v, str) and v:
                swapped[k] = f"{MARKER}{len(typed)}x"
                typed.append(v)
            else:
                swapped[k] = _without_typed(v, typed)
        return swapped
    if isinstance(value, list):
        return [_without_typed(v, typed) for v in value]
    return value


PROBE = "<&\">'"  # what the macro does to these characters is what it does to a typed value


def _escaped(text: str, times: int) -> str:
    for _time in range(times):
        text = str(escape(text))
    return text


def _escaping(template: str, params: dict[str, Any], count: int) -> tuple[int, ...] | None:
    """How many times the macro escapes each typed value (govuk-frontend-wtf escapes some twice), found by
    rendering once with a probe after each marker; None when a value is shown any other way (then nothing is kept)."""
    probe_params = _with_typed(params, [f"{MARKER}{i}x{PROBE}" for i in range(count)])
    html = str(_render(template, probe_params))
    found = []
    for index in range(count):
        marker = f"{MARKER}{index}x"
        if html.count(marker) != 1:
            return None
        after = html.index(marker) + len(marker)
        times = next((t for t in (0, 1, 2) if html.startswith(_escaped(PROBE, t), after)), None)
        if times is None:
            return None
        found.append(times)
    return tuple(found)


class _Rendered:
    template: str
    keep = False  # for fields whose every word is Orbit's own: kept as rendered
    keep_without_typed = False  # for fields that show what was typed: kept with markers in its place

    def render(self, params: dict[str, Any]) -> Markup:
        typed: list[Any] = []
        if self.keep_without_typed:
            params = _without_typed(params, typed)
        elif not self.keep:
            return _render(self.template, params)
        kept: OrderedDict[Any, tuple[Markup, tuple[int, ...] | None]] = current_app.extensions.setdefault(
            "orbit_rendered_fields", OrderedDict()
        )
        try:
            key = (self.template, _key(params))
        except TypeError:
            return _render(self.template, _with_typed(params, typed))
        entry = kept.get(key)
        if entry is None:
            html = _render(self.template, params)
            entry = kept[key] = (html, _escaping(self.template, params, len(typed)) if typed else ())
            with suppress(KeyError):  # another thread may have made room already
                while len(kept) > KEPT_AT_MOST:
                    kept.popitem(last=False)
        else:
            with suppress(KeyError):  # another thread may have let it go
                kept.move_to_end(key)
        kept_html, escaping = entry
        html = str(kept_html)  # a plain str: Markup.replace would escape the value once more
        if escaping is None:
            return _render(self.template, _with_typed(params, typed))
        for index, (value, times) in enumerate(zip(typed, escaping, strict=True)):
            html = html.replace(f"{MARKER}{index}x", _escaped(value, times), 1)
        return Markup(html)  # noqa: S704 - the macro's output, with each value escaped as the macro escapes it


def _with_typed(value: Any, typed: list[Any]) -> Any:
    """The other way: markers back to what was typed (or, to probe, to what follows each marker)."""
    if isinstance(value, dict):
        return {k: _with_typed(v, typed) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_typed(v, typed) for v in value]
    if isinstance(value, str) and value.startswith(MARKER):
        return typed[int(value[len(MARKER) : -1])]
    return value


def _render(template: str, params: dict[str, Any]) -> Markup:
    return Markup(current_app.jinja_env.get_template(template).render(params=params))  # noqa: S704 - macro output


class _Translated(_Rendered):
    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = _("Error")
        return params


class _TypedBox(_Translated):
    """A box someone types words into. Its direction follows the words (dir="auto"): English typed on a Pashto
    page, or Arabic on an English one, reads the right way round, with its full stop at its end."""

    keep_without_typed = True

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        params["attributes"] = {"dir": "auto", **(params.get("attributes") or {})}
        return params


class TextInput(_TypedBox, gov.GovTextInput):
    pass


class TextArea(_TypedBox, gov.GovTextArea):
    pass


class Select(_Translated, gov.GovSelect):
    keep = True


class RadioInput(_Translated, gov.GovRadioInput):
    keep = True


class CheckboxesInput(_Translated, gov.GovCheckboxesInput):
    keep = True


class PasswordInput(_Translated, gov.GovPasswordInput):
    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        params.update(
            showPasswordText=_("Show"),
            hidePasswordText=_("Hide"),
            showPasswordAriaLabelText=_("Show password"),
            hidePasswordAriaLabelText=_("Hide password"),
            passwordShownAnnouncementText=_("Your password is visible"),
            passwordHiddenAnnouncementText=_("Your password is hidden"),
        )
        params.setdefault("autocomplete", "current-password")
        return params


class DateInput(_Translated, gov.GovDateInput):
    keep_without_typed = True

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        if field.raw_data is not None and len(field.raw_data) != 3:
            # A hand-made request with too few or too many parts: show what came, never fail.
            field.raw_data = [*list(field.raw_data)[:3], "", "", ""][:3]
        params = super().map_gov_params(field, **kwargs)
        for item, label in zip(params.get("items", []), (_("Day"), _("Month"), _("Year")), strict=False):
            item["label"] = label
            item["inputmode"] = "numeric"
        return params


class SubmitInput(_Rendered, gov.GovSubmitInput):
    pass


class FileInput(_Translated, gov.GovFileInput):
    pass
