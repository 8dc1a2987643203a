"""Words for the reasons services refuse things, and a helper that puts them next to the right field."""

from __future__ import annotations

from flask_babel import gettext
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
    # People who matter
    "person_name_missing": _l("Write the name you call them"),
    "person_name_too_long": _l("The name must be 80 letters or fewer"),
    "relationship_missing": _l("Choose who they are to you"),
    "relationship_words_too_long": _l("Your own words must be 60 letters or fewer"),
    "circle_missing": _l("Choose a circle for them"),
    "emoji_unknown": _l("Choose a picture from the list"),
    "colour_unknown": _l("Choose a colour from the list"),
    "wish_unknown": _l("Choose what you would like from the list"),
    "answer_unknown": _l("Choose yes, sometimes, no or not sure"),
    "ways_unknown": _l("Choose ways of keeping in touch from the list"),
    "audience_unknown": _l("Choose who can see from the list"),
    "stale": _l("This was changed somewhere else after you opened it. Check what is saved now, then save again"),
    "person_already_ended": _l("This has already ended"),
    "person_not_ended": _l("This person is already in your circles"),
    "end_reason_too_long": _l("Write 200 letters or fewer"),
    "reconnect_already_asked": _l("You have already asked. You will see the reply here"),
    "reconnect_not_lost_touch": _l("You can ask when you choose “I've lost touch and want to find them again”"),
    "remembered_too_long": _l("Write 1000 letters or fewer"),
    "reconnect_closed": _l("This request is already closed"),
    "reconnect_outcome_missing": _l("Choose where this is up to"),
    "reconnect_not_possible_reason": _l("Say why it is not possible, in words the young person can read"),
    "reply_missing": _l("Write a reply the young person can read"),
    "reply_too_long": _l("Replies must be 2000 characters or fewer"),
    "feeling_unknown": _l("Choose one of the buttons"),
    "words_too_long": _l("Write 2000 characters or fewer"),
    "action_missing": _l("Say what you have done or will do"),
    "already_acknowledged": _l("Someone else acknowledged this alert already"),
    "information_kind_unknown": _l("Choose change or delete"),
    "information_words_missing": _l("Tell us what you want changed or deleted"),
    "outcome_unknown": _l("Choose an outcome"),
    "already_answered": _l("This request has already been answered"),
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


DEFAULT_OFFICER_TITLE = "Independent Reviewing Officer"


def officer_title(title: str) -> str:
    """The council's title for the reviewing officer, in the reader's language when it is the usual one."""
    return gettext("Independent Reviewing Officer") if title == DEFAULT_OFFICER_TITLE else title
