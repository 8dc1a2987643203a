"""Choice fields whose "not one of the options" message is plain and translated, and the helpers that build the
fields many forms share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from app.forms.widgets import DateInput, PasswordInput, RadioInput, TextArea, TextInput

NOT_AN_OPTION = _l("Choose one of the options shown")
DATE_FORMAT = "%d %m %Y"  # the three boxes of a DateInput, joined by spaces
NAME_MAX = 80
EMAIL_MAX = 254


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


def _required_or_optional(required: Any) -> InputRequired | Optional:
    return InputRequired(message=required) if required is not None else Optional()


def _words_checks(most: int, too_long: Any, required: Any) -> list[Any]:
    """The checks every box for words has: filled in (or may be left empty), and at most `most` characters."""
    return [_required_or_optional(required), Length(max=most, message=too_long)]


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
    validators = _words_checks(most, too_long, required)
    return TextAreaField(label, widget=TextArea(), description=description, validators=validators)


def text_line(label: Any, most: int, too_long: Any, *, required: Any = None, description: Any = "") -> StringField:
    """A one-line box, at most `most` characters. With `required` (the message when it is left empty) it must be
    filled in; without, it may be left empty."""
    validators = _words_checks(most, too_long, required)
    return StringField(label, widget=TextInput(), description=description, validators=validators)


def name_line(label: Any, too_long: Any, *, required: Any = None) -> StringField:
    """A name box, at most NAME_MAX characters (`required` as for text_line)."""
    return text_line(label, NAME_MAX, too_long, required=required)


def email_line(label: Any, required: Any) -> EmailField:
    """A required email address, checked for its form only (nothing is sent to it here)."""
    return EmailField(
        label,
        widget=TextInput(),
        validators=[
            InputRequired(message=required),
            Length(max=EMAIL_MAX, message=_l("That email address is too long")),
            Email(message=_l("Enter an email address like name@example.org"), check_deliverability=False),
        ],
    )


def password_box(label: Any, required: Any, *, description: Any = "", most: int | None = None) -> PasswordField:
    """A required password box; with `most`, a longer password gets a plain message instead of being checked."""
    validators: list[Any] = [InputRequired(message=required)]
    if most is not None:
        validators.append(Length(max=most, message=_l("That password is too long")))
    return PasswordField(label, widget=PasswordInput(), description=description, validators=validators)


def date_boxes(
    label: Any, *, required: Any = None, description: Any = "", field: type[DateField] = DateField
) -> DateField:
    """A date typed as day, month and year. With `required` (the message when it is left empty) it must be given;
    without, it may be left empty. `field` is the DateField class that reads the boxes."""
    return field(
        label,
        widget=DateInput(),
        format=DATE_FORMAT,
        description=description,
        validators=[_required_or_optional(required)],
    )
