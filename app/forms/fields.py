"""Choice fields whose "not one of the options" message is plain and translated, and the helpers that build the
fields many forms share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.forms.widgets import RadioInput, TextArea

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


def choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """(code, words) pairs as the choices of a field."""
    return [SelectChoice(value, label) for value, label in pairs]


def pick_one(
    label: Any, labels: dict[str, Any], message: Any, *, not_an_option: Any = NOT_AN_OPTION, description: Any = ""
) -> Radios:
    """A required choice of one, from `labels` (code -> words)."""
    return Radios(
        label,
        widget=RadioInput(),
        description=description,
        choices=choices(labels.items()),
        validators=[InputRequired(message=message)],
        not_an_option=not_an_option,
    )


def words_box(label: Any, most: int, too_long: Any, *, required: Any = None, description: Any = "") -> TextAreaField:
    """A box for words, at most `most` characters. With `required` (the message when it is left empty) it must be
    filled in; without, it may be left empty."""
    first = InputRequired(message=required) if required is not None else Optional()
    return TextAreaField(
        label,
        widget=TextArea(),
        description=description,
        validators=[first, Length(max=most, message=too_long)],
    )
