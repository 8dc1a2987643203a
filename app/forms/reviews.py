"""Forms for reviews: review dates, the steps of "my views", notes, agree or disagree, and what was decided."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.forms.base import OrbitForm
from app.forms.fields import Radios
from app.forms.widgets import CheckboxesInput, DateInput, RadioInput, SubmitInput, TextArea, TextInput

WORDS_MAX = 2000
PLACE_MAX = 120
TOO_LONG = _l("Write 2000 letters or fewer")
TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")

ATTENDANCE_LABELS = {
    "go": _l("I want to go to my review"),
    "chair": _l("I want to run my review, or part of it"),
    "views_only": _l("I don't want to go. I'll send my views"),
    "not_sure": _l("I'm not sure yet"),
}


def parse_time(typed: str | None) -> time | None:
    """ "10:30" or "14.00" as a time of day; None when nothing was typed. ValueError when it is not a time."""
    if not typed or not typed.strip():
        return None
    match = TIME.match(typed)
    if not match:
        raise ValueError(typed)
    return time(int(match.group(1)), int(match.group(2)))


def _time_field() -> StringField:
    return StringField(
        _l("Time (optional)"),
        widget=TextInput(),
        description=_l("Use the 24-hour clock, for example 10:30 or 15:00"),
        validators=[Optional(), Length(max=5, message=_l("Enter a time like 10:30"))],
    )


def _check_time(_form: Any, field: Any) -> None:
    try:
        parse_time(field.data)
    except ValueError as error:
        raise ValidationError(str(_l("Enter a time like 10:30"))) from error


class ReviewDateForm(OrbitForm):
    held_on = DateField(
        _l("Date of the review"),
        widget=DateInput(),
        format="%d %m %Y",
        description=_l("For example, 27 3 2027"),
        validators=[InputRequired(message=_l("Enter the date of the review as day, month and year"))],
    )
    starts_at = _time_field()
    place = StringField(
        _l("Where (optional)"),
        widget=TextInput(),
        description=_l("For example: at school, at home, or online. Never an address."),
        validators=[Optional(), Length(max=PLACE_MAX, message=_l("Where it happens must be 120 characters or fewer"))],
    )
    submit = SubmitField(_l("Save the review date"), widget=SubmitInput())

    def validate_starts_at(self, field: Any) -> None:
        _check_time(self, field)


class ScheduleReviewForm(ReviewDateForm):
    entered_care_on = DateField(
        _l("When did they come into care? (optional)"),
        widget=DateInput(),
        format="%d %m %Y",
        description=_l("Orbit uses it to work out when reviews are due."),
        validators=[Optional()],
    )


def _text_step(label: Any, hint: Any) -> type[OrbitForm]:
    class TextStepForm(OrbitForm):
        text = TextAreaField(
            label,
            widget=TextArea(),
            description=hint,
            validators=[Optional(), Length(max=WORDS_MAX, message=TOO_LONG)],
        )
        save = SubmitField(_l("Save and continue"), widget=SubmitInput())
        later = SubmitField(_l("Save and come back later"), widget=SubmitInput())

    return TextStepForm


GoingWellForm = _text_step(
    _l("What's going well?"),
    _l("For example, at home, at school, with friends, or with the people who matter to you."),
)
HardForm = _text_step(
    _l("What's hard, or worrying you?"),
    _l("You can say as much or as little as you like."),
)
FamilyTimeForm = _text_step(
    _l("How do you feel about family time?"),
    _l("For example, who you see, how often, or where. You do not have to say anything."),
)
ChangeForm = _text_step(
    _l("What do you want to change?"),
    _l("Big things or small things. Say what you would like to be different."),
)


class PeopleStepForm(OrbitForm):
    people = SelectMultipleField(
        _l("Who do you want your review to know about?"),
        widget=CheckboxesInput(),
        description=_l("Tick the people to include. Leave a box empty to leave someone out."),
        choices=[],
        validate_choice=False,
        validators=[Optional()],
    )
    people_words = TextAreaField(
        _l("Anything you want to say about them? (you do not have to)"),
        widget=TextArea(),
        validators=[Optional(), Length(max=WORDS_MAX, message=TOO_LONG)],
    )
    save = SubmitField(_l("Save and continue"), widget=SubmitInput())
    later = SubmitField(_l("Save and come back later"), widget=SubmitInput())


class TakingPartForm(OrbitForm):
    attendance = Radios(
        _l("How do you want to take part?"),
        widget=RadioInput(),
        choices=[SelectChoice(code, label) for code, label in ATTENDANCE_LABELS.items()],
        validators=[Optional()],
    )
    extras = SelectMultipleField(
        _l("Anything else? (you do not have to)"),
        widget=CheckboxesInput(),
        choices=[SelectChoice("with_advocate", "with_advocate"), SelectChoice("talk_before", "talk_before")],
        validators=[Optional()],
    )
    save = SubmitField(_l("Save and continue"), widget=SubmitInput())
    later = SubmitField(_l("Save and come back later"), widget=SubmitInput())


STEP_FORMS: dict[str, type[OrbitForm]] = {
    "going_well": GoingWellForm,
    "hard": HardForm,
    "people": PeopleStepForm,
    "family_time": FamilyTimeForm,
    "change": ChangeForm,
    "taking_part": TakingPartForm,
}


class SendViewsForm(OrbitForm):
    submit = SubmitField(_l("Send my views"), widget=SubmitInput())


class NoteForm(OrbitForm):
    words = TextAreaField(
        _l("Your note for your next review"),
        widget=TextArea(),
        description=_l("Anything you want the person who runs your review to know. It is sent straight away."),
        validators=[
            InputRequired(message=_l("Write your note first")),
            Length(max=WORDS_MAX, message=TOO_LONG),
        ],
    )
    submit = SubmitField(_l("Send my note"), widget=SubmitInput())


class ReactionForm(OrbitForm):
    """ "I agree" and "I don't agree" are two buttons, each sending `reaction`; the reason is optional."""

    reaction = StringField(validators=[InputRequired(message=_l("Choose “I agree” or “I don't agree”"))])
    words = TextAreaField(
        _l("Tell them why (you do not have to)"),
        widget=TextArea(),
        validators=[Optional(), Length(max=WORDS_MAX, message=TOO_LONG)],
    )


# How the young person took part, for the SSDA903 return: the DfE's PN codes (app.services.council_data.codes), in
# plain words for the reviewing officer.
PARTICIPATION_LABELS = {
    "PN0": _l("They were under 4 at the time of the review"),
    "PN1": _l("They came and spoke for themselves"),
    "PN2": _l("They came, and an advocate spoke for them"),
    "PN3": _l("They came and showed their views without words (signs, symbols or pictures)"),
    "PN4": _l("They came but did not share their views, and did not ask an advocate to"),
    "PN5": _l("They did not come, and an advocate they had briefed spoke for them"),
    "PN6": _l("They did not come, and sent their views another way (for example through Orbit)"),
    "PN7": _l("They did not come, and their views were not shared"),
}


def decisions_form(keys: list[str], data: dict[str, str] | None = None) -> OrbitForm:
    """A form with "what we decided" and "why" for each point, named decided-<key> and why-<key>, and how the young
    person took part."""

    class DecisionsForm(OrbitForm):
        participation = Radios(
            _l("How did they take part in the review?"),
            widget=RadioInput(),
            choices=list(PARTICIPATION_LABELS.items()),
            description=_l("For the council's return to the Department for Education. Orbit has chosen what it knows."),
            validators=[Optional()],
        )
        save = SubmitField(_l("Save for later"), widget=SubmitInput())
        send = SubmitField(_l("Send to the young person"), widget=SubmitInput())

    for key in keys:
        setattr(
            DecisionsForm,
            f"decided-{key}",
            TextAreaField(
                _l("What we decided"),
                widget=TextArea(),
                validators=[Optional(), Length(max=WORDS_MAX, message=_l("Write 2000 characters or fewer"))],
            ),
        )
        setattr(
            DecisionsForm,
            f"why-{key}",
            TextAreaField(
                _l("Why"),
                widget=TextArea(),
                validators=[Optional(), Length(max=WORDS_MAX, message=_l("Write 2000 characters or fewer"))],
            ),
        )
    return DecisionsForm(data=data) if data is not None else DecisionsForm()
