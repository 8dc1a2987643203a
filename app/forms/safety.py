"""Forms for safety alerts and for asking to correct or delete information."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.forms.base import OrbitForm
from app.forms.fields import Radios
from app.forms.widgets import RadioInput, TextArea

WORDS_MAX = 2000


class SafetyAlertForm(OrbitForm):
    # The three buttons each send `feeling`; nothing has to be typed.
    feeling = StringField(validators=[InputRequired(message=_l("Choose one of the buttons"))])
    submission_key = HiddenField()
    words = TextAreaField(
        _l("Anything you want to say (you do not have to)"),
        widget=TextArea(),
        validators=[Optional(), Length(max=WORDS_MAX, message=_l("Write 2000 characters or fewer"))],
    )


class AcknowledgeAlertForm(OrbitForm):
    action_taken = TextAreaField(
        _l("What you have done or will do"),
        widget=TextArea(),
        description=_l("The young person will not see this. They will see that someone has seen their alert."),
        validators=[
            InputRequired(message=_l("Say what you have done or will do")),
            Length(max=WORDS_MAX, message=_l("Write 2000 characters or fewer")),
        ],
    )


class InformationRequestForm(OrbitForm):
    kind = Radios(
        _l("What do you want to ask for?"),
        widget=RadioInput(),
        choices=[("correct", _l("Change something that is wrong")), ("delete", _l("Delete something"))],
        validators=[InputRequired(message=_l("Choose change or delete"))],
    )
    words = TextAreaField(
        _l("Tell us what it is"),
        widget=TextArea(),
        description=_l("For example, which page it is on and what is wrong."),
        validators=[
            InputRequired(message=_l("Tell us what you want changed or deleted")),
            Length(max=WORDS_MAX, message=_l("Write 2000 characters or fewer")),
        ],
    )


class AnswerInformationRequestForm(OrbitForm):
    outcome = Radios(
        _l("Outcome"),
        widget=RadioInput(),
        choices=[("done", _l("Done")), ("refused", _l("We cannot do this"))],
        validators=[InputRequired(message=_l("Choose an outcome"))],
    )
    reply = TextAreaField(
        _l("Your reply to the young person"),
        widget=TextArea(),
        description=_l("Write it for them to read: what you did, or why you cannot."),
        validators=[
            InputRequired(message=_l("Write a reply for the young person")),
            Length(max=WORDS_MAX, message=_l("Write 2000 characters or fewer")),
        ],
    )
