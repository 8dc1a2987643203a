"""Forms and words for leaving care: the checklist, Staying Close requests, the trusted adult, "how are things?",
replies and arrangements, and the local offer. Codes match app.models.leaving_care (a unit test keeps them in
step); each box's longest is the limit the service that saves it checks, imported from there."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, Regexp

from app.forms.base import OrbitForm
from app.forms.fields import Radios, date_boxes
from app.forms.widgets import CheckboxesInput, RadioInput, SubmitInput, TextArea, TextInput
from app.services.leaving_care.local_offer import OFFER_TEXT_MAX, OFFER_TITLE_MAX, OFFER_WHO_FOR_MAX
from app.services.leaving_care.staff import ARRANGEMENT_SUPPORT_MAX, KEY_CONTACT_MAX, TRUSTED_ADULT_NOTE_MAX
from app.services.leaving_care.staying_close import CHECK_IN_WORDS_MAX
from app.services.leaving_care.support import CONTACT_NOTE_MAX, SUPPORT_REPLY_MAX, SUPPORT_WORDS_MAX

CATEGORY_LABELS = {
    "money": _l("Money"),
    "home": _l("A home"),
    "health": _l("Health and feeling OK"),
    "education_work": _l("Education and work"),
    "everyday_life": _l("Everyday life"),
    "rights_help": _l("Your rights and getting help"),
}

# Staff words for the same categories (the admin's list).
CATEGORY_STAFF_LABELS = {
    "money": _l("Money"),
    "home": lazy_pgettext("help with somewhere to live", "Home"),
    "health": _l("Health"),
    "education_work": _l("Education and work"),
    "everyday_life": _l("Everyday life"),
    "rights_help": _l("Rights and help"),
}

ANSWER_LABELS = {
    "got_it": _l("I've got this"),
    "not_yet": _l("Not yet"),
    "need_help": _l("I need help with this"),
}

AREA_LABELS = {
    "home": _l("A home, or moving on"),
    "money": _l("Money"),
    "health": _l("Health and feeling OK"),
    "education_work": _l("Education or work"),
    "someone_to_talk_to": _l("Someone to talk to"),
    "old_home_people": _l("Staying close to people from my old home"),
}

CONTACT_LABELS = {
    "in_orbit": _l("Reply to me here in Orbit"),
    "phone_call": _l("Phone me"),
    "text_message": _l("Send me a text"),
    "meet": _l("Meet me"),
}

STATUS_LABELS = {
    "sent": _l("Sent"),
    "working_on_it": _l("Working on it"),
    "done": _l("Done"),
}

REPLY_STATUS_LABELS = {
    "working_on_it": _l("Still working on it"),
    "done": _l("Done: nothing more to do on this request"),
}

TRUSTED_ADULT_STATUS_LABELS = {
    "waiting": _l("Not arranged yet"),
    "arranged": _l("Arranged"),
    "not_possible": _l("Not possible"),
}

HOME_LABELS = {
    "own_home": _l("Your own flat or house"),
    "shared_home": _l("A shared house or flat"),
    "supported_lodgings": _l("Supported lodgings (living with a host)"),
    "supported_accommodation": _l("Supported accommodation"),
    "near_old_home": _l("A home near your old children's home"),
    "former_carers": _l("With your foster carers from before"),
    "with_family": _l("With family"),
    "student": _l("Student housing"),
    "other": _l("Somewhere else"),
}

FEELING_LABELS = {
    "good": _l("Good"),
    "ok": _l("OK"),
    "not_good": _l("Not good"),
}

WHO_CAN_GET_LABELS = {
    "everyone": _l("Care leavers, and young people in care from 16"),
    "care_leavers": _l("Only care leavers (after leaving care)"),
}


def _choices(labels: dict[str, Any]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class OfferAnswerForm(OrbitForm):
    """One item of the checklist: the three buttons each send `answer`, with the version of the item shown."""

    answer = StringField(validators=[InputRequired(message=_l("Choose one of the buttons"))])
    version = HiddenField()


class SupportRequestForm(OrbitForm):
    areas = SelectMultipleField(
        _l("What would you like help with?"),
        widget=CheckboxesInput(),
        description=_l("Choose all you like."),
        choices=_choices(AREA_LABELS),
        # The service checks the codes, and says so in plain words.
        validate_choice=False,
        validators=[Optional()],
    )
    words = TextAreaField(
        _l("Anything you want to say (you do not have to)"),
        widget=TextArea(),
        description=_l("For example, what is hard right now, or who you would like to stay close to."),
        validators=[Optional(), Length(max=SUPPORT_WORDS_MAX, message=_l("Write 1000 letters or fewer"))],
    )
    contact = Radios(
        _l("How should they get in touch?"),
        widget=RadioInput(),
        choices=_choices(CONTACT_LABELS),
        validators=[InputRequired(message=_l("Choose how you want them to get in touch"))],
    )
    contact_note = StringField(
        _l("Anything about getting in touch (you do not have to)"),
        widget=TextInput(),
        description=_l("For example, the best time to call."),
        validators=[Optional(), Length(max=CONTACT_NOTE_MAX, message=_l("Write 200 letters or fewer"))],
    )
    submission_key = HiddenField()
    submit = SubmitField(_l("Send"), widget=SubmitInput())


def person_choices(people: list[tuple[str, str]]) -> list[SelectChoice]:
    """The young person's people who matter (id, name), then "No one for now"."""
    return [SelectChoice(value, name) for value, name in people] + [SelectChoice("none", _l("No one for now"))]


class TrustedAdultForm(OrbitForm):
    person = Radios(
        _l("Who would you like?"),
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose someone, or choose no one for now"))],
        not_an_option=_l("Choose someone from the list"),
    )
    submit = SubmitField(_l("Save"), widget=SubmitInput())


class CheckInForm(OrbitForm):
    feeling = Radios(
        _l("Right now, things are"),
        widget=RadioInput(),
        choices=_choices(FEELING_LABELS),
        validators=[InputRequired(message=_l("Choose good, OK or not good"))],
    )
    words = TextAreaField(
        _l("Anything you want to say (you do not have to)"),
        widget=TextArea(),
        validators=[Optional(), Length(max=CHECK_IN_WORDS_MAX, message=_l("Write 1000 letters or fewer"))],
    )
    submit = SubmitField(_l("Send"), widget=SubmitInput())


class SupportReplyForm(OrbitForm):
    status = Radios(
        _l("Where is this up to?"),
        widget=RadioInput(),
        choices=_choices(REPLY_STATUS_LABELS),
        validators=[InputRequired(message=_l("Choose where this is up to"))],
    )
    words = TextAreaField(
        _l("Your reply to the young person"),
        widget=TextArea(),
        description=_l("They will read this. Use plain words."),
        validators=[
            InputRequired(message=_l("Write a reply the young person can read")),
            Length(max=SUPPORT_REPLY_MAX, message=_l("Replies must be 2000 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Send reply"), widget=SubmitInput())


class TrustedAdultStatusForm(OrbitForm):
    status = Radios(
        _l("Has it been arranged?"),
        widget=RadioInput(),
        choices=_choices(TRUSTED_ADULT_STATUS_LABELS),
        validators=[InputRequired(message=_l("Choose whether it has been arranged"))],
    )
    note = TextAreaField(
        _l("What to tell the young person (optional)"),
        widget=TextArea(),
        description=_l("They will read this. If it is not possible, say why."),
        validators=[Optional(), Length(max=TRUSTED_ADULT_NOTE_MAX, message=_l("Write 1000 characters or fewer"))],
    )
    trusted_adult = HiddenField()
    submit = SubmitField(_l("Save"), widget=SubmitInput())


class ArrangementForm(OrbitForm):
    key_contact = StringField(
        _l("Key contact"),
        widget=TextInput(),
        description=_l("Their name and who they are, for example: Jo, key worker at their old home."),
        validators=[
            InputRequired(message=_l("Enter the key contact")),
            Length(max=KEY_CONTACT_MAX, message=_l("Write 120 characters or fewer")),
        ],
    )
    home = Radios(
        _l("Where they live"),
        widget=RadioInput(),
        description=_l("The kind of place, never an address."),
        choices=_choices(HOME_LABELS),
        validators=[InputRequired(message=_l("Choose the kind of place they live"))],
    )
    support = TextAreaField(
        _l("What support"),
        widget=TextArea(),
        description=_l("The young person will read this. Use plain words."),
        validators=[
            InputRequired(message=_l("Say what support has been agreed")),
            Length(max=ARRANGEMENT_SUPPORT_MAX, message=_l("Write 2000 characters or fewer")),
        ],
    )
    review_on = date_boxes(
        _l("When it is looked at again"),
        required=_l("Enter the date as day, month and year"),
        description=_l("For example, 27 3 2027"),
    )
    version = HiddenField()
    submit = SubmitField(_l("Save"), widget=SubmitInput())


_AGE_FORMAT = Regexp(r"^\s*\d{1,2}\s*$", message=_l("Enter an age in numbers, like 18"))


class OfferItemForm(OrbitForm):
    category = Radios(
        _l("Category"),
        widget=RadioInput(),
        choices=_choices(CATEGORY_STAFF_LABELS),
        validators=[InputRequired(message=_l("Choose a category"))],
    )
    title = StringField(
        _l("Name"),
        widget=TextInput(),
        description=_l("Short and plain, for example: Help with a deposit"),
        validators=[
            InputRequired(message=_l("Enter a name")),
            Length(max=OFFER_TITLE_MAX, message=_l("Write 120 characters or fewer")),
        ],
    )
    what_you_get = TextAreaField(
        _l("What you get"),
        widget=TextArea(),
        description=_l("Young people read this. Write for a reading age of about 9, and say “you”."),
        validators=[
            InputRequired(message=_l("Say what young people get")),
            Length(max=OFFER_TEXT_MAX, message=_l("Write 2000 characters or fewer")),
        ],
    )
    how_to_get_it = TextAreaField(
        _l("How to get it"),
        widget=TextArea(),
        validators=[
            InputRequired(message=_l("Say how to get it")),
            Length(max=OFFER_TEXT_MAX, message=_l("Write 2000 characters or fewer")),
        ],
    )
    who_for = StringField(
        _l("Who it is for, in words (optional)"),
        widget=TextInput(),
        description=_l("Anything Orbit cannot check, for example: if you are at college or university."),
        validators=[Optional(), Length(max=OFFER_WHO_FOR_MAX, message=_l("Write 300 characters or fewer"))],
    )
    from_age = StringField(
        _l("From age (optional)"),
        widget=TextInput(),
        validators=[Optional(), _AGE_FORMAT],
    )
    until_age = StringField(
        _l("Until their birthday at age (optional)"),
        widget=TextInput(),
        description=_l("For example 25 means up to their 25th birthday. Leave it empty if there is no upper age."),
        validators=[Optional(), _AGE_FORMAT],
    )
    who_can_get = Radios(
        _l("Who can get it"),
        widget=RadioInput(),
        choices=_choices(WHO_CAN_GET_LABELS),
        default="everyone",
        validators=[InputRequired(message=_l("Choose who can get it"))],
    )
    version = HiddenField()
    submit = SubmitField(_l("Save"), widget=SubmitInput())
