"""Forms and words for family time. Codes match app.models.family_time (a unit test keeps them in step)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from app.forms.base import OrbitForm
from app.forms.fields import Radios, date_boxes
from app.forms.widgets import CheckboxesInput, RadioInput, SubmitInput, TextArea, TextInput

SIBLING_NAME_MAX = 80
OTHER_WORDS_MAX = 100
WHY_APART_MAX = 1000
ENTRY_WORDS_MAX = 1000
REPLY_MAX = 2000

HOW_OFTEN_LABELS = {
    "weekly": _l("Every week"),
    "every_two_weeks": _l("Every two weeks"),
    "monthly": _l("Every month"),
    "few_times_a_year": _l("A few times a year"),
    "other": _l("Something else"),
}

WAY_LABELS = {
    "in_person": _l("Seeing each other"),
    "video": _l("Video calls"),
    "phone": _l("Phone calls"),
    "letters": _l("Letters or messages"),
}

PLACE_LABELS = {
    "at_home": _l("At home"),
    "family_centre": _l("At a family centre"),
    "out_somewhere": _l("Out somewhere, like a park or a café"),
    "online": _l("Online"),
}

WHO_ELSE_LABELS = {
    "nobody": _l("No one else"),
    "family_time_worker": _l("A family time worker"),
    "social_worker": _l("A social worker"),
    "carer": _l("A carer"),
    "other": _l("Someone else"),
}

# Who arranges it, in the young person's words.
ARRANGER_LABELS = {
    "worker": _l("Your worker"),
    "carers": _l("Your carers"),
    "family_time_team": _l("The family time team"),
    "young_person": _l("You"),
    "other": _l("Someone else"),
}

# The same choices as a practitioner reads them on the plan form.
ARRANGER_STAFF_LABELS = {
    "worker": _l("You (their social worker or personal adviser)"),
    "carers": _l("Their carers"),
    "family_time_team": _l("The family time team"),
    "young_person": _l("The young person themselves"),
    "other": _l("Someone else"),
}

FEELING_LABELS = {
    "good": _l("Good"),
    "more": _l("I'd like more"),
    "different": _l("I'd like it different"),
    "not_sure": _l("Not sure"),
}

MISSED_LABELS = {
    "didnt_happen": _l("It didn't happen"),
    "cut_short": _l("It was cut short"),
}

YES_NO = {"yes": _l("Yes"), "no": _l("No")}

DATE_HINT = _l("For example, 27 3 2027")
NOT_A_DATE = _l("Enter a real date as day, month and year, like 27 3 2027")


def _choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _pick_one(label: Any, labels: dict[str, Any], message: Any, description: Any = "") -> Radios:
    """A required choice of one, from `labels` (code -> words)."""
    return Radios(
        label,
        widget=RadioInput(),
        description=description,
        choices=_choices(labels.items()),
        validators=[InputRequired(message=message)],
    )


def _other_words(label: Any, description: Any = "") -> StringField:
    """The short line that goes with "something else"."""
    return StringField(
        label,
        widget=TextInput(),
        description=description,
        validators=[Optional(), Length(max=OTHER_WORDS_MAX, message=_l("Write 100 characters or fewer"))],
    )


def _tell_advocate_too() -> SelectMultipleField:
    return SelectMultipleField(
        _l("Tell your advocate too?"),
        widget=CheckboxesInput(),
        choices=_choices([("advocate", "advocate")]),
        validators=[Optional()],
    )


class DayMonthYear(DateField):
    """A date typed in three boxes (day, month, year). Anything else sent (one box, five, none) is treated as
    boxes left empty rather than breaking the page, and a date that does not exist gets a plain message."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if len(valuelist) != 3:
            valuelist = ([*list(valuelist), "", "", ""])[:3] if valuelist else ["", "", ""]
            self.raw_data = valuelist
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(NOT_A_DATE)) from error


class PlanForm(OrbitForm):
    """A practitioner's plan. The sibling choices are the brothers and sisters the young person shared with them,
    set by the view, and "someone not in their people who matter"."""

    sibling = Radios(
        _l("Family time with"),
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose who the plan is with"))],
        not_an_option=_l("Choose who the plan is with from the list"),
    )
    sibling_name = StringField(
        _l("Their first name, as the young person says it"),
        widget=TextInput(),
        description=_l("Only a first name. Never a surname, where they live, their school or their carers' names."),
        validators=[Optional(), Length(max=SIBLING_NAME_MAX, message=_l("First names must be 80 characters or fewer"))],
    )
    how_often = _pick_one(_l("How often"), HOW_OFTEN_LABELS, _l("Choose how often"))
    how_often_words = _other_words(_l("If something else, say how often"))
    ways = SelectMultipleField(
        _l("How"),
        widget=CheckboxesInput(),
        description=_l("Choose all that are part of the plan."),
        choices=_choices(WAY_LABELS.items()),
        validators=[Optional()],
    )
    place = _pick_one(
        _l("What kind of place"),
        PLACE_LABELS,
        _l("Choose what kind of place"),
        description=_l("The kind of place only. Never write an address."),
    )
    who_else = _pick_one(
        _l("Will someone else be there?"), WHO_ELSE_LABELS, _l("Say whether someone else will be there")
    )
    who_else_words = _other_words(
        _l("If someone else, their job"), description=_l("Their job, not their name. For example: youth worker.")
    )
    arranged_by = _pick_one(_l("Who arranges it"), ARRANGER_STAFF_LABELS, _l("Choose who arranges it"))
    arranged_by_words = _other_words(_l("If someone else, who (by their job)"))
    next_on = date_boxes(_l("Next date (if it is fixed)"), description=DATE_HINT, field=DayMonthYear)
    review_on = date_boxes(
        _l("When the plan will be looked at again"),
        required=_l("Enter when the plan will be looked at again, as day, month and year"),
        description=DATE_HINT,
        field=DayMonthYear,
    )
    live_apart = _pick_one(_l("Do they live apart?"), YES_NO, _l("Say whether they live apart"))
    why_apart = TextAreaField(
        _l("Why they do not live together, written to the young person"),
        widget=TextArea(),
        description=_l(
            "They will read this. Use plain, kind words a 9 year old understands. Never an address, a school or "
            "anything else about the other child."
        ),
        validators=[Optional(), Length(max=WHY_APART_MAX, message=_l("Write 1000 characters or fewer"))],
    )
    version = HiddenField()
    submission_key = HiddenField()
    submit = SubmitField(_l("Save plan"), widget=SubmitInput())


class ReplyForm(OrbitForm):
    words = TextAreaField(
        _l("Your reply to the young person"),
        widget=TextArea(),
        description=_l("They will read this. Use plain words and say what you will do."),
        validators=[
            InputRequired(message=_l("Write a reply the young person can read")),
            Length(max=REPLY_MAX, message=_l("Replies must be 2000 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Send reply"), widget=SubmitInput())


# The young person's forms ------------------------------------------------------------------------------------

_WORDS_TOO_LONG = _l("Write 1000 letters or fewer")


class _YoungPersonForm(OrbitForm):
    version = HiddenField()
    submission_key = HiddenField()


class FeelingForm(_YoungPersonForm):
    feeling = Radios(
        _l("How do you feel about it?"),
        widget=RadioInput(),
        choices=_choices(FEELING_LABELS.items()),
        validators=[InputRequired(message=_l("Choose how you feel"))],
        not_an_option=_l("Choose how you feel"),
    )
    words = TextAreaField(
        _l("Tell us more (you do not have to)"),
        widget=TextArea(),
        validators=[Optional(), Length(max=ENTRY_WORDS_MAX, message=_WORDS_TOO_LONG)],
    )
    share = SelectMultipleField(
        _l("Who else can see it?"),
        widget=CheckboxesInput(),
        description=_l("Tick who else can see it. If you tick no one, only you and your worker can see it."),
        choices=_choices((code, code) for code in ("review", "advocate")),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Send"), widget=SubmitInput())


class MissedForm(_YoungPersonForm):
    kind = Radios(
        _l("What happened?"),
        widget=RadioInput(),
        choices=_choices(MISSED_LABELS.items()),
        validators=[InputRequired(message=_l("Choose what happened"))],
        not_an_option=_l("Choose what happened"),
    )
    on_date = date_boxes(
        _l("When was it meant to be?"),
        required=_l("Write the date as day, month and year"),
        description=_l("Day, month, year. For example, 14 3 2027"),
        field=DayMonthYear,
    )
    words = TextAreaField(
        _l("Anything you want to say (you do not have to)"),
        widget=TextArea(),
        validators=[Optional(), Length(max=ENTRY_WORDS_MAX, message=_WORDS_TOO_LONG)],
    )
    share = _tell_advocate_too()
    submit = SubmitField(_l("Send"), widget=SubmitInput())


class AskForm(_YoungPersonForm):
    words = TextAreaField(
        _l("What would you like to change?"),
        widget=TextArea(),
        description=_l("Say it in your own words. For example: I want to see her more, or I want to meet at the park."),
        validators=[
            InputRequired(message=_l("Write what you would like to change")),
            Length(max=ENTRY_WORDS_MAX, message=_WORDS_TOO_LONG),
        ],
    )
    share = _tell_advocate_too()
    submit = SubmitField(_l("Send"), widget=SubmitInput())
