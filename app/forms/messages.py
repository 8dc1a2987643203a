"""Forms for a young person's messages ("how Orbit tells you something is new") and the admin's outbox page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length, Optional

from app.forms.base import OrbitForm
from app.forms.fields import Radios, Select
from app.forms.widgets import RadioInput, TextInput
from app.forms.widgets import Select as SelectWidget

ADDRESS_MAX = 254


class MessageChoiceForm(OrbitForm):
    channel = Radios(
        _l("How should Orbit tell you when there is something new?"),
        widget=RadioInput(),
        choices=[
            ("none", _l("No messages")),
            ("sms", _l("A text message")),
            ("email", _l("An email")),
        ],
        validators=[InputRequired(message=_l("Choose no messages, a text or an email"))],
    )
    mobile = StringField(
        _l("Mobile number (for a text)"),
        widget=TextInput(),
        description=_l("A UK mobile number, like 07700 900123"),
        validators=[Optional(), Length(max=30, message=_l("Enter a UK mobile number, like 07700 900123"))],
    )
    email = StringField(
        _l("Email address (for an email)"),
        widget=TextInput(),
        validators=[Optional(), Length(max=ADDRESS_MAX, message=_l("Enter an email address, like name@example.com"))],
    )


class ConfirmCodeForm(OrbitForm):
    code = StringField(
        _l("Code"),
        widget=TextInput(),
        description=_l("The 6 numbers we sent you"),
        validators=[InputRequired(message=_l("Enter the code we sent you")), Length(max=20)],
    )


class QuietHoursForm(OrbitForm):
    quiet_from = Select(_l("From"), widget=SelectWidget(), choices=[], validate_choice=True)
    quiet_until = Select(_l("Until"), widget=SelectWidget(), choices=[], validate_choice=True)


class DutyManagerForm(OrbitForm):
    email = StringField(
        _l("Duty manager's work email"),
        widget=TextInput(),
        description=_l("Leave empty to email every duty worker instead."),
        validators=[Optional(), Length(max=ADDRESS_MAX)],
    )
    mobile = StringField(
        _l("Duty manager's work mobile, for a text as well"),
        widget=TextInput(),
        description=_l("A UK mobile number. Leave empty for no text."),
        validators=[Optional(), Length(max=30)],
    )
