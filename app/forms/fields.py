"""Choice fields whose "not one of the options" message is plain and translated."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.validators import ValidationError

NOT_AN_OPTION = _l("Choose one of the options shown")


class _PlainChoice:
    not_an_option: Any = NOT_AN_OPTION

    def pre_validate(self, form: Any) -> None:
        if self.data is None or self.validate_choice is False:  # type: ignore[attr-defined]
            return
        allowed = {str(value) for value, *_rest in self.iter_choices()}  # type: ignore[attr-defined]
        if str(self.data) not in allowed:  # type: ignore[attr-defined]
            raise ValidationError(str(self.not_an_option))


class Radios(_PlainChoice, RadioField):
    def __init__(self, *args: Any, not_an_option: Any = NOT_AN_OPTION, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.not_an_option = not_an_option


class Select(_PlainChoice, SelectField):
    def __init__(self, *args: Any, not_an_option: Any = NOT_AN_OPTION, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.not_an_option = not_an_option
