"""GOV.UK widgets with their built-in English words ("Error", "Day", "Show") passed through gettext."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from govuk_frontend_wtf import wtforms_widgets as gov


class _Translated:
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
    pass


class RadioInput(_Translated, gov.GovRadioInput):
    pass


class CheckboxesInput(_Translated, gov.GovCheckboxesInput):
    pass


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


SubmitInput = gov.GovSubmitInput


class FileInput(_Translated, gov.GovFileInput):
    pass
