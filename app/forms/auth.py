"""Forms for joining, signing in, passwords and second factors."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SubmitField

from app.forms.base import OrbitForm
from app.forms.fields import email_line, password_box, text_line
from app.forms.widgets import SubmitInput
from app.services.security import PASSWORD_MAX

USERNAME_MAX = 60


def _new_password(label: object, required: object) -> PasswordField:
    return password_box(
        label, required, description=_l("At least 8 characters. A few words together is a good password.")
    )


def _password_again() -> PasswordField:
    return password_box(_l("Type your password again"), _l("Type your password again"))


def _sign_in_password() -> PasswordField:
    return password_box(_l("Password"), _l("Enter your password"), most=PASSWORD_MAX)


class InviteCodeForm(OrbitForm):
    code = text_line(
        _l("Your invite code"),
        20,
        _l("That code is too long"),
        required=_l("Enter your invite code"),
        description=_l("Your worker gave you this. It has 8 letters and numbers, like ABCD-2345."),
    )
    submit = SubmitField(_l("Continue"), widget=SubmitInput())


class ChooseAccountForm(OrbitForm):
    username = text_line(
        _l("Choose a username"),
        USERNAME_MAX,
        _l("That username is too long"),
        required=_l("Choose a username"),
        description=_l("3 to 30 letters or numbers. You can use . _ or -. Do not use your full name."),
    )
    password = _new_password(_l("Choose a password"), _l("Choose a password"))
    confirm_password = _password_again()
    submit = SubmitField(_l("Join Orbit"), widget=SubmitInput())


class SignInForm(OrbitForm):
    username = text_line(
        _l("Username"), USERNAME_MAX, _l("That username is too long"), required=_l("Enter your username")
    )
    password = _sign_in_password()
    submit = SubmitField(_l("Sign in"), widget=SubmitInput())


class StaffSignInForm(OrbitForm):
    email = email_line(_l("Email address"), _l("Enter your email address"))
    password = _sign_in_password()
    submit = SubmitField(_l("Continue"), widget=SubmitInput())


class SecondFactorForm(OrbitForm):
    code = text_line(
        _l("Code from your authenticator app"),
        12,
        _l("Enter the 6-number code"),
        required=_l("Enter the 6-number code"),
        description=_l("6 numbers"),
    )
    submit = SubmitField(_l("Continue"), widget=SubmitInput())


class SetPasswordForm(OrbitForm):
    password = _new_password(_l("Choose a password"), _l("Choose a password"))
    confirm_password = _password_again()
    submit = SubmitField(_l("Save password"), widget=SubmitInput())


class ChangePasswordForm(SetPasswordForm):
    current_password = password_box(_l("Your password now"), _l("Enter your password now"))
    password = _new_password(_l("New password"), _l("Choose a new password"))
    submit = SubmitField(_l("Change password"), widget=SubmitInput())


class ConfirmForm(OrbitForm):
    """A form with only a CSRF token, for buttons that change something."""
