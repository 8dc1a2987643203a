"""Forms staff use: adding young people, inviting staff, allocating."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from app.forms.base import OrbitForm
from app.forms.fields import NAME_MAX, Radios, date_boxes, email_line, name_line, words_box
from app.forms.fields import Select as SelectChoice
from app.forms.widgets import RadioInput, Select, SubmitInput, TextInput
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


def _first_name() -> StringField:
    return name_line(
        _l("First name"), _l("First name must be 80 characters or fewer"), required=_l("Enter their first name")
    )


def _last_name(required: object = None) -> StringField:
    return name_line(_l("Last name"), _l("Last name must be 80 characters or fewer"), required=required)


class AddYoungPersonForm(OrbitForm):
    first_name = _first_name()
    last_name = _last_name()
    date_of_birth = date_boxes(
        _l("Date of birth"),
        required=_l("Enter their date of birth as day, month and year"),
        description=_l("For example, 27 3 2012"),
    )
    home_kind = Radios(
        _l("Kind of home"),
        widget=RadioInput(),
        choices=list(HOME_KIND_LABELS.items()),
        validators=[InputRequired(message=_l("Choose the kind of home they live in"))],
    )
    home_since = date_boxes(_l("Living there since (optional)"))
    entered_care_on = date_boxes(
        _l("Came into care on (optional)"), description=_l("Orbit uses it to work out when reviews are due.")
    )
    submit = SubmitField(_l("Add young person"), widget=SubmitInput())


class InviteStaffForm(OrbitForm):
    first_name = _first_name()
    last_name = _last_name(required=_l("Enter their last name"))
    email = email_line(_l("Work email address"), _l("Enter their work email address"))
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

    q = StringField(_l("Search by name"), widget=TextInput(), validators=[Optional(), Length(max=NAME_MAX)])


class LegalHoldForm(OrbitForm):
    reason = words_box(
        _l("Why everything of theirs must be kept"),
        500,
        _l("Write 500 characters or fewer"),
        required=_l("Say why the hold is needed"),
        description=_l("For example the court case or claim it is for. Whoever lifts the hold later will read this."),
    )
