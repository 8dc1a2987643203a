"""GOV.UK widgets with their built-in English words ("Error", "Day", "Show") passed through gettext, rendered
without the cost of a whole page render each.

govuk-frontend-wtf renders every field with Flask's `render_template`, which runs the app's context processors and
sends the template signals for each of a form's fields, and the GOV.UK macros it calls are deep (a radio button is
a macro call inside a macro call inside a macro call). Here a field's template is rendered directly: the macros
use nothing but `params`. Radios, checkboxes and selects, whose words are all Orbit's own (labels, hints, choice
codes), are also kept once rendered, keyed by everything they were given: a form shown again (the same question, the
same choice ticked, the same language) costs a dictionary look-up instead of about 2 ms of macro calls. Inputs
that hold what someone typed (text, text areas, dates, passwords) are never kept.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from govuk_frontend_wtf import wtforms_widgets as gov
from markupsafe import Markup

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


class _Rendered:
    template: str
    keep = False  # only for fields whose every word is Orbit's own

    def render(self, params: dict[str, Any]) -> Markup:
        if not self.keep:
            return _render(self.template, params)
        kept: OrderedDict[Any, Markup] = current_app.extensions.setdefault("orbit_rendered_fields", OrderedDict())
        try:
            key = (self.template, _key(params))
        except TypeError:
            return _render(self.template, params)
        html = kept.get(key)
        if html is None:
            html = kept[key] = _render(self.template, params)
            if len(kept) > KEPT_AT_MOST:
                kept.popitem(last=False)
        return html


def _render(template: str, params: dict[str, Any]) -> Markup:
    return Markup(current_app.jinja_env.get_template(template).render(params=params))  # noqa: S704 - macro output


class _Translated(_Rendered):
    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = _("Error")
        return params


class TextInput(_Translated, gov.GovTextInput):
    pass


class TextArea(_Translated, gov.GovTextArea):
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
