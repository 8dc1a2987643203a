"""Forms for joining, signing in, passwords and second factors."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import Email, InputRequired, Length

from app.forms.base import OrbitForm
from app.forms.widgets import PasswordInput, SubmitInput, TextInput
from app.services.security import PASSWORD_MAX


class InviteCodeForm(OrbitForm):
    code = StringField(
        _l("Your invite code"),
        widget=TextInput(),
        description=_l("Your worker gave you this. It has 8 letters and numbers, like ABCD-2345."),
        validators=[
            InputRequired(message=_l("Enter your invite code")),
            Length(max=20, message=_l("That code is too long")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=SubmitInput())


class ChooseAccountForm(OrbitForm):
    username = StringField(
        _l("Choose a username"),
        widget=TextInput(),
        description=_l("3 to 30 letters or numbers. You can use . _ or -. Do not use your full name."),
        validators=[
            InputRequired(message=_l("Choose a username")),
            Length(max=60, message=_l("That username is too long")),
        ],
    )
    password = PasswordField(
        _l("Choose a password"),
        widget=PasswordInput(),
        description=_l("At least 8 characters. A few words together is a good password."),
        validators=[InputRequired(message=_l("Choose a password"))],
    )
    confirm_password = PasswordField(
        _l("Type your password again"),
        widget=PasswordInput(),
        validators=[InputRequired(message=_l("Type your password again"))],
    )
    submit = SubmitField(_l("Join Orbit"), widget=SubmitInput())


class SignInForm(OrbitForm):
    username = StringField(
        _l("Username"),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter your username")),
            Length(max=60, message=_l("That username is too long")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=PasswordInput(),
        validators=[
            InputRequired(message=_l("Enter your password")),
            Length(max=PASSWORD_MAX, message=_l("That password is too long")),
        ],
    )
    submit = SubmitField(_l("Sign in"), widget=SubmitInput())


class StaffSignInForm(OrbitForm):
    email = EmailField(
        _l("Email address"),
        widget=TextInput(),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            Length(max=254, message=_l("That email address is too long")),
            Email(message=_l("Enter an email address like name@example.org"), check_deliverability=False),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=PasswordInput(),
        validators=[
            InputRequired(message=_l("Enter your password")),
            Length(max=PASSWORD_MAX, message=_l("That password is too long")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=SubmitInput())


class SecondFactorForm(OrbitForm):
    code = StringField(
        _l("Code from your authenticator app"),
        widget=TextInput(),
        description=_l("6 numbers"),
        validators=[
            InputRequired(message=_l("Enter the 6-number code")),
            Length(max=12, message=_l("Enter the 6-number code")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=SubmitInput())


class SetPasswordForm(OrbitForm):
    password = PasswordField(
        _l("Choose a password"),
        widget=PasswordInput(),
        description=_l("At least 8 characters. A few words together is a good password."),
        validators=[InputRequired(message=_l("Choose a password"))],
    )
    confirm_password = PasswordField(
        _l("Type your password again"),
        widget=PasswordInput(),
        validators=[InputRequired(message=_l("Type your password again"))],
    )
    submit = SubmitField(_l("Save password"), widget=SubmitInput())


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField(
        _l("Your password now"),
        widget=PasswordInput(),
        validators=[InputRequired(message=_l("Enter your password now"))],
    )
    password = PasswordField(
        _l("New password"),
        widget=PasswordInput(),
        description=_l("At least 8 characters. A few words together is a good password."),
        validators=[InputRequired(message=_l("Choose a new password"))],
    )
    submit = SubmitField(_l("Change password"), widget=SubmitInput())


class ConfirmForm(OrbitForm):
    """A form with only a CSRF token, for buttons that change something."""
