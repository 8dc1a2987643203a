"""Forms for reviews: review dates, the steps of "my views", notes, agree or disagree, and what was decided."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional, ValidationError

from app.forms.base import OrbitForm
from app.forms.fields import Radios, date_boxes, text_line, words_box
from app.forms.widgets import CheckboxesInput, RadioInput, SubmitInput

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


def _step_buttons() -> tuple[SubmitField, SubmitField]:
    """The two buttons under every step of "my views": save and go on, or save and stop for now."""
    return (
        SubmitField(_l("Save and continue"), widget=SubmitInput()),
        SubmitField(_l("Save and come back later"), widget=SubmitInput()),
    )


def _time_field() -> StringField:
    return text_line(
        _l("Time (optional)"),
        5,
        _l("Enter a time like 10:30"),
        description=_l("Use the 24-hour clock, for example 10:30 or 15:00"),
    )


def _check_time(_form: Any, field: Any) -> None:
    try:
        parse_time(field.data)
    except ValueError as error:
        raise ValidationError(str(_l("Enter a time like 10:30"))) from error


class ReviewDateForm(OrbitForm):
    held_on = date_boxes(
        _l("Date of the review"),
        required=_l("Enter the date of the review as day, month and year"),
        description=_l("For example, 27 3 2027"),
    )
    starts_at = _time_field()
    place = text_line(
        _l("Where (optional)"),
        PLACE_MAX,
        _l("Where it happens must be 120 characters or fewer"),
        description=_l("For example: at school, at home, or online. Never an address."),
    )
    submit = SubmitField(_l("Save the review date"), widget=SubmitInput())

    def validate_starts_at(self, field: Any) -> None:
        _check_time(self, field)


class ScheduleReviewForm(ReviewDateForm):
    entered_care_on = date_boxes(
        _l("When did they come into care? (optional)"),
        description=_l("Orbit uses it to work out when reviews are due."),
    )


# The steps of "my views" that are one box for words: the question, and the hint under it.
_TEXT_STEPS = {
    "going_well": (
        _l("What's going well?"),
        _l("For example, at home, at school, with friends, or with the people who matter to you."),
    ),
    "hard": (_l("What's hard, or worrying you?"), _l("You can say as much or as little as you like.")),
    "family_time": (
        _l("How do you feel about family time?"),
        _l("For example, who you see, how often, or where. You do not have to say anything."),
    ),
    "change": (
        _l("What do you want to change?"),
        _l("Big things or small things. Say what you would like to be different."),
    ),
}


def _text_step(step: str) -> type[OrbitForm]:
    question, hint = _TEXT_STEPS[step]

    class TextStepForm(OrbitForm):
        text = words_box(question, WORDS_MAX, TOO_LONG, description=hint)
        save, later = _step_buttons()

    return TextStepForm


class PeopleStepForm(OrbitForm):
    people = SelectMultipleField(
        _l("Who do you want your review to know about?"),
        widget=CheckboxesInput(),
        description=_l("Tick the people to include. Leave a box empty to leave someone out."),
        choices=[],
        validate_choice=False,
        validators=[Optional()],
    )
    people_words = words_box(_l("Anything you want to say about them? (you do not have to)"), WORDS_MAX, TOO_LONG)
    save, later = _step_buttons()


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
    save, later = _step_buttons()


STEP_FORMS: dict[str, type[OrbitForm]] = {
    "going_well": _text_step("going_well"),
    "hard": _text_step("hard"),
    "people": PeopleStepForm,
    "family_time": _text_step("family_time"),
    "change": _text_step("change"),
    "taking_part": TakingPartForm,
}


class SendViewsForm(OrbitForm):
    submit = SubmitField(_l("Send my views"), widget=SubmitInput())


class NoteForm(OrbitForm):
    words = words_box(
        _l("Your note for your next review"),
        WORDS_MAX,
        TOO_LONG,
        required=_l("Write your note first"),
        description=_l("Anything you want the person who runs your review to know. It is sent straight away."),
    )
    submit = SubmitField(_l("Send my note"), widget=SubmitInput())


class ReactionForm(OrbitForm):
    """ "I agree" and "I don't agree" are two buttons, each sending `reaction`; the reason is optional."""

    reaction = StringField(validators=[InputRequired(message=_l("Choose “I agree” or “I don't agree”"))])
    words = words_box(_l("Tell them why (you do not have to)"), WORDS_MAX, TOO_LONG)


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

    too_long = _l("Write 2000 characters or fewer")
    for key in keys:
        setattr(DecisionsForm, f"decided-{key}", words_box(_l("What we decided"), WORDS_MAX, too_long))
        setattr(DecisionsForm, f"why-{key}", words_box(_l("Why"), WORDS_MAX, too_long))
    return DecisionsForm(data=data) if data is not None else DecisionsForm()
