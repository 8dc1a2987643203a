"""Forms and words for advocacy. Codes match app.models.advocacy (a unit test keeps them in step)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from app.forms.base import OrbitForm
from app.forms.fields import Radios, choices, date_boxes, pick_one, words_box
from app.forms.fields import Select as PlainSelect
from app.forms.staff import HOME_KIND_LABELS
from app.forms.widgets import CheckboxesInput, RadioInput, Select, SubmitInput, TextInput

WANTS_MAX = 1000
GOOD_TIMES_MAX = 200
PHONE_MAX = 30
MESSAGE_MAX = 2000
OUTCOME_MAX = 2000

# Young people's words (reading age about 9).
TOPIC_LABELS = {
    "moving_home": _l("Moving home"),
    "family_time": _l("Family time"),
    "my_review": _l("My review"),
    "unhappy": _l("Something I'm unhappy about"),
    "immigration": _l("Immigration, or my right to stay"),
    "leaving_care": _l("Leaving care"),
    "something_else": _l("Something else"),
}

WAY_LABELS = {
    "in_orbit": _l("Messages here in Orbit"),
    "phone_call": _l("A phone call"),
    "text": _l("A text message"),
    "in_person": _l("Meet me in person"),
}

# Why an offer was made, as the young person reads it ("We are asking because …").
REASON_LABELS = {
    "joined": _l("you joined Orbit"),
    "home_changed": _l("your home changed"),
    "review_coming": _l("your review is coming up"),
    "family_time_changed": _l("your family time plan changed"),
    "worker_asked": _l("your worker asked us to"),
    "complaint_made": _l("you made a complaint"),
    "review_disagreed": _l("you did not agree with something from your review"),
    "immigration_changed": _l("something changed about your immigration or asylum case"),
    "turned_16": _l("you turned 16"),
    "turning_18_soon": _l("you will be 18 soon"),
}

# The same for staff.
REASON_STAFF_LABELS = {
    "joined": _l("Joined Orbit"),
    "home_changed": _l("Home changed"),
    "review_coming": _l("Review coming up"),
    "family_time_changed": _l("Family time plan changed"),
    "worker_asked": _l("Their worker asked"),
    "complaint_made": _l("Made a complaint"),
    "review_disagreed": _l("Did not agree with a review decision"),
    "immigration_changed": _l("Immigration or asylum status changed"),
    "turned_16": _l("Turned 16"),
    "turning_18_soon": _l("18 soon"),
}

TOPIC_STAFF_LABELS = {
    "moving_home": _l("Moving home"),
    "family_time": _l("Family time"),
    "my_review": _l("Their review"),
    "unhappy": _l("Something they are unhappy about"),
    "immigration": _l("Immigration or status"),
    "leaving_care": _l("Leaving care"),
    "something_else": _l("Something else"),
}

ORIGIN_STAFF_LABELS = {
    "asked": _l("They asked"),
    "offer_accepted": _l("Offer: they said yes please"),
    "offer_passed": _l("Offer: no answer, contact them"),
}

WAY_STAFF_LABELS = {
    "in_orbit": _l("In Orbit"),
    "phone_call": _l("Phone call"),
    "text": _l("Text"),
    "in_person": _l("In person"),
}


class AskForm(OrbitForm):
    # The first field is where an expired form's message goes, so the hidden key comes last.
    topic = pick_one(
        _l("What is it about?"),
        TOPIC_LABELS,
        _l("Choose what it is about"),
        not_an_option=_l("Choose what it is about"),
    )
    wants = words_box(
        _l("What would you like to happen? (you do not have to say)"), WANTS_MAX, _l("Write 1000 letters or fewer")
    )
    ways = SelectMultipleField(
        _l("How can they get in touch with you?"),
        widget=CheckboxesInput(),
        description=_l("Choose all the ways that are OK."),
        choices=choices(WAY_LABELS.items()),
        validate_choice=False,  # the service refuses a made-up way, in plain words
        validators=[InputRequired(message=_l("Choose at least one way"))],
    )
    phone = StringField(
        _l("Your phone number (only if you chose a call or a text)"),
        widget=TextInput(),
        description=_l("Only the advocacy service sees it."),
        validators=[Optional(), Length(max=PHONE_MAX, message=_l("That phone number is too long"))],
    )
    good_times = StringField(
        _l("When is a good time? (you do not have to say)"),
        widget=TextInput(),
        description=_l("For example: after school, or at the weekend."),
        validators=[Optional(), Length(max=GOOD_TIMES_MAX, message=_l("Write 200 letters or fewer"))],
    )
    # Shown only to a young person who has an advocate; its words (with the advocate's name) are set by the view.
    who = Radios(
        _l("Who would you like to talk to?"),
        widget=RadioInput(),
        choices=choices([("mine", _l("My advocate")), ("someone_else", _l("Someone else"))]),
        validators=[Optional()],
    )
    urgent = Radios(
        _l("Is it urgent?"),
        widget=RadioInput(),
        choices=choices([("no", _l("No")), ("yes", _l("Yes, I need help in the next few hours"))]),
        validators=[InputRequired(message=_l("Say if it is urgent"))],
    )
    submission_key = HiddenField()
    submit = SubmitField(_l("Send"), widget=SubmitInput())


class MessageForm(OrbitForm):
    body = words_box(_l("Your message"), MESSAGE_MAX, _l("Write 2000 letters or fewer"), required=_l("Write a message"))
    submission_key = HiddenField()
    submit = SubmitField(_l("Send message"), widget=SubmitInput())


class StaffMessageForm(MessageForm):
    body = words_box(
        _l("Message to the young person"),
        MESSAGE_MAX,
        _l("Write 2000 characters or fewer"),
        required=_l("Write a message"),
        description=_l("They get a notice that says only “You have something new in Orbit”."),
    )


class CloseForm(OrbitForm):
    outcome = words_box(
        _l("Outcome, for the young person to read"),
        OUTCOME_MAX,
        _l("Write 2000 characters or fewer"),
        required=_l("Write the outcome for the young person"),
        description=_l("Write it for them: what happened, and what they can do next. They will read this."),
    )
    submit = SubmitField(_l("Close the request"), widget=SubmitInput())


class ReassignForm(OrbitForm):
    advocate = PlainSelect(_l("Advocate"), widget=Select(), not_an_option=_l("Choose an advocate from your service"))
    submit = SubmitField(_l("Give it to this advocate"), widget=SubmitInput())


class AttendForm(OrbitForm):
    will_attend = StringField(validators=[InputRequired()])


class ChangeHomeForm(OrbitForm):
    """A practitioner records a move. Moving home is a moment that matters: an advocate is offered by itself."""

    home_kind = Radios(
        _l("Kind of home"),
        widget=RadioInput(),
        choices=choices(HOME_KIND_LABELS.items()),
        validators=[InputRequired(message=_l("Choose the kind of home they live in"))],
    )
    home_since = date_boxes(
        _l("Living there since"),
        required=_l("Enter the date they moved in as day, month and year"),
        description=_l("For example, 27 3 2026"),
    )
    submit = SubmitField(_l("Save the new home"), widget=SubmitInput())
