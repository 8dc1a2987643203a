"""Forms staff use: adding young people, inviting staff, allocating."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, StringField, SubmitField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional

from app.forms.base import OrbitForm
from app.forms.fields import Radios
from app.forms.fields import Select as SelectChoice
from app.forms.widgets import DateInput, RadioInput, Select, SubmitInput, TextArea, TextInput
from app.roles import Role

HOME_KIND_LABELS = {
    "foster_care": _l("Foster care"),
    "family_and_friends": _l("Family and friends care"),
    "childrens_home": _l("Children's home"),
    "supported_lodgings": _l("Supported lodgings"),
    "supported_accommodation": _l("Supported accommodation"),
    "own_home": _l("Their own home"),
    "with_family": _l("Living with family"),
    "other": _l("Somewhere else"),
}

ROLE_LABELS = {
    Role.young_person: _l("Young person"),
    Role.care_leaver: _l("Care experienced young person"),
    Role.advocate: _l("Advocate"),
    Role.advocacy_manager: _l("Advocacy manager"),
    Role.reviewing_officer: _l("Reviewing officer"),
    Role.practitioner: _l("Social worker or personal adviser"),
    Role.duty: _l("Duty team"),
    Role.council_admin: _l("Council admin"),
    Role.complaints_officer: _l("Complaints officer"),
}


class AddYoungPersonForm(OrbitForm):
    first_name = StringField(
        _l("First name"),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter their first name")),
            Length(max=80, message=_l("First name must be 80 characters or fewer")),
        ],
    )
    last_name = StringField(
        _l("Last name"),
        widget=TextInput(),
        validators=[Optional(), Length(max=80, message=_l("Last name must be 80 characters or fewer"))],
    )
    date_of_birth = DateField(
        _l("Date of birth"),
        widget=DateInput(),
        format="%d %m %Y",
        description=_l("For example, 27 3 2012"),
        validators=[InputRequired(message=_l("Enter their date of birth as day, month and year"))],
    )
    home_kind = Radios(
        _l("Kind of home"),
        widget=RadioInput(),
        choices=list(HOME_KIND_LABELS.items()),
        validators=[InputRequired(message=_l("Choose the kind of home they live in"))],
    )
    home_since = DateField(
        _l("Living there since (optional)"),
        widget=DateInput(),
        format="%d %m %Y",
        validators=[Optional()],
    )
    entered_care_on = DateField(
        _l("Came into care on (optional)"),
        widget=DateInput(),
        format="%d %m %Y",
        description=_l("Orbit uses it to work out when reviews are due."),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Add young person"), widget=SubmitInput())


class InviteStaffForm(OrbitForm):
    first_name = StringField(
        _l("First name"),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter their first name")),
            Length(max=80, message=_l("First name must be 80 characters or fewer")),
        ],
    )
    last_name = StringField(
        _l("Last name"),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter their last name")),
            Length(max=80, message=_l("Last name must be 80 characters or fewer")),
        ],
    )
    email = EmailField(
        _l("Work email address"),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter their work email address")),
            Length(max=254, message=_l("That email address is too long")),
            Email(message=_l("Enter an email address like name@example.org"), check_deliverability=False),
        ],
    )
    role = Radios(
        _l("Role"),
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose their role"))],
        not_an_option=_l("Choose one of the roles listed"),
    )
    submit = SubmitField(_l("Send invite"), widget=SubmitInput())


class AllocateForm(OrbitForm):
    kind = StringField(validators=[InputRequired()])
    staff = SelectChoice(_l("Worker"), widget=Select(), not_an_option=_l("Choose a worker from the list"))
    submit = SubmitField(_l("Save"), widget=SubmitInput())


class SearchForm(OrbitForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search by name"), widget=TextInput(), validators=[Optional(), Length(max=80)])


class LegalHoldForm(OrbitForm):
    reason = TextAreaField(
        _l("Why everything of theirs must be kept"),
        widget=TextArea(),
        description=_l("For example the court case or claim it is for. Whoever lifts the hold later will read this."),
        validators=[
            InputRequired(message=_l("Say why the hold is needed")),
            Length(max=500, message=_l("Write 500 characters or fewer")),
        ],
    )
