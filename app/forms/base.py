"""The base form: an expired or missing CSRF token becomes a plain message on the form, keeping what was typed."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

EXPIRED_MESSAGE = _l("This page was open too long, so nothing was sent. Check what you typed and send it again")


class OrbitForm(FlaskForm):
    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators=extra_validators)
        csrf_field = self._fields.get("csrf_token")
        if csrf_field is not None and csrf_field.errors:
            csrf_field.errors = []
            visible = next(
                (f for name, f in self._fields.items() if name != "csrf_token" and f.type != "SubmitField"),
                None,
            )
            if visible is not None:
                visible.errors = [*list(visible.errors or []), str(EXPIRED_MESSAGE)]
            self._errors = None
        return valid
