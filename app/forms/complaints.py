"""Forms and words for complaints, "please look again" and immigration or asylum status changes. Codes match
app.models.complaints."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired

from app.forms.base import OrbitForm
from app.forms.fields import Radios, choices, date_boxes, pick_one, words_box
from app.forms.widgets import CheckboxesInput, RadioInput, SubmitInput

WORDS_MAX = 3000
WANTS_MAX = 1000
ANSWER_MAX = 4000
REASON_MAX = 500
LOOK_AGAIN_MAX = 1000

# Young people's words (reading age about 9).
TOPIC_LABELS = {
    "my_home": _l("Where I live"),
    "family_time": _l("Family time"),
    "my_review": _l("My review"),
    "my_worker": _l("My worker"),
    "leaving_care": _l("Leaving care"),
    "immigration": _l("Immigration, or my right to stay"),
    "advocacy_service": _l("The advocacy service"),
    "something_else": _l("Something else"),
}

TOPIC_STAFF_LABELS = {
    "my_home": _l("Their home"),
    "family_time": _l("Family time"),
    "my_review": _l("Their review"),
    "my_worker": _l("Their worker"),
    "leaving_care": _l("Leaving care"),
    "immigration": _l("Immigration or asylum"),
    "advocacy_service": _l("The advocacy service"),
    "something_else": _l("Something else"),
}

IMMIGRATION_LABELS = {
    "claim_made": _l("An asylum or immigration claim was made"),
    "decision": _l("A decision was made on their claim"),
    "appeal": _l("An appeal was made"),
    "turned_18_undecided": _l("They turned 18 with their claim not decided"),
}


class ComplaintForm(OrbitForm):
    # The first field is where an expired form's message goes, so the hidden fields come last.
    topic = pick_one(
        _l("What is it about?"),
        TOPIC_LABELS,
        _l("Choose what it is about"),
        not_an_option=_l("Choose what it is about"),
    )
    words = words_box(
        _l("What is not right? Say it in your own words"),
        WORDS_MAX,
        _l("Write 3000 letters or fewer. Your words are still here"),
        required=_l("Write what is not right"),
        description=_l("You can write up to 3000 letters."),
    )
    wants = words_box(
        _l("What would you like to happen? (you do not have to say)"), WANTS_MAX, _l("Write 1000 letters or fewer")
    )
    wants_advocate = Radios(
        _l("Would you like an advocate to help you with it?"),
        widget=RadioInput(),
        description=_l("An advocate is on your side. They do not work for the council."),
        choices=choices([("yes", _l("Yes please")), ("no", _l("No thanks"))]),
        validators=[InputRequired(message=_l("Say if you would like an advocate"))],
    )
    sharing = SelectMultipleField(
        _l("Who else can know? (you do not have to choose)"),
        widget=CheckboxesInput(),
        choices=choices(
            [
                ("advocate", _l("My advocate can read it")),
                ("social_worker", _l("My social worker or personal adviser can know I made a complaint")),
            ]
        ),
        validate_choice=False,
    )
    submission_key = HiddenField()
    response = HiddenField()
    submit = SubmitField(_l("Send my complaint"), widget=SubmitInput())


class NextStageForm(OrbitForm):
    stage = HiddenField()


class LookAgainForm(OrbitForm):
    words = words_box(
        _l("What would you like them to look at again? (you do not have to say)"),
        LOOK_AGAIN_MAX,
        _l("Write 1000 letters or fewer"),
    )
    submit = SubmitField(_l("Ask them to look again"), widget=SubmitInput())


class AnswerForm(OrbitForm):
    answer = words_box(
        _l("Answer, for the young person to read"),
        ANSWER_MAX,
        _l("Write 4000 characters or fewer"),
        required=_l("Write the answer for the young person"),
        description=_l("Write it for them, in plain words: what you found, what will happen, and what they can do."),
    )
    stage = HiddenField()
    submit = SubmitField(_l("Send the answer"), widget=SubmitInput())


class ExtendForm(OrbitForm):
    reason = words_box(
        _l("Why more time is needed, for the young person to read"),
        REASON_MAX,
        _l("Write 500 characters or fewer"),
        required=_l("Say why more time is needed"),
    )
    stage = HiddenField()
    submit = SubmitField(_l("Give this stage more time"), widget=SubmitInput())


class LookAgainAnswerForm(OrbitForm):
    answer = words_box(
        _l("Your reply, for the young person to read"),
        ANSWER_MAX,
        _l("Write 4000 characters or fewer"),
        required=_l("Write your reply for the young person"),
    )
    submit = SubmitField(_l("Send the reply"), widget=SubmitInput())


class ImmigrationForm(OrbitForm):
    event = pick_one(
        _l("What changed?"), IMMIGRATION_LABELS, _l("Choose what changed"), not_an_option=_l("Choose what changed")
    )
    happened_on = date_boxes(
        _l("When"), required=_l("Enter the date as day, month and year"), description=_l("For example, 27 3 2026")
    )
    submit = SubmitField(_l("Record it"), widget=SubmitInput())
