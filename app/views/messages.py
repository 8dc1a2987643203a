"""Words for the reasons services refuse things, and a helper that puts them next to the right field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from app.services.errors import Refused

REFUSAL_MESSAGES = {
    "invite_format": _l("An invite code has 8 letters and numbers, like ABCD-2345"),
    "invite_unknown": _l("We could not find that code. Check it with your worker"),
    "invite_used": _l("That code has already been used. Ask your worker for a new one"),
    "invite_expired": _l("That code is too old. Codes work for 14 days. Ask your worker for a new one"),
    "username_length": _l("Your username must be 3 to 30 characters"),
    "username_characters": _l("Use only letters, numbers, and . _ or - in your username"),
    "username_taken": _l("That username is taken. Try another"),
    "password_too_short": _l("Your password must be at least 8 characters"),
    "password_too_long": _l("Your password must be 128 characters or fewer"),
    "password_too_common": _l("That password is too easy to guess. Try a few words together"),
    "password_contains_username": _l("Your password must not have your username in it"),
    "password_mismatch": _l("The two passwords are not the same"),
    "current_password_wrong": _l("That is not your password now"),
    "code_wrong": _l("That code did not work. Check the time on your phone is right and try the newest code"),
    "locked": _l("Too many tries. Wait 15 minutes and try again"),
    "already_enrolled": _l("Your authenticator app is already set up"),
    "already_joined": _l("This young person has already joined Orbit"),
    "email_taken": _l("Someone already uses that email address in Orbit"),
    "role_not_allowed": _l("Choose one of the roles listed"),
    "first_name_missing": _l("Enter their first name"),
    "name_too_long": _l("Names must be 80 characters or fewer"),
    "date_of_birth_range": _l("Date of birth must be in the past, and they must be under 26"),
    "home_since_range": _l("The date they moved in must be after their birth and not in the future"),
    "home_kind_unknown": _l("Choose the kind of home they live in"),
    "kind_not_allowed": _l("Choose a kind of worker shown on this page"),
    "staff_not_allowed": _l("Choose a worker from the list"),
}


def show_refusal(form: FlaskForm, refused: Refused) -> None:
    """Put the reason next to its field (or the first field) so the error summary links to it."""
    message = str(REFUSAL_MESSAGES.get(refused.code, refused.code))
    field_name = refused.field if refused.field and refused.field in form else next(iter(form._fields), None)
    if field_name is None:
        return
    field = form[field_name]
    field.errors = [*list(field.errors or []), message]
    form._errors = None  # WTForms caches its error dict; rebuild it with this message
