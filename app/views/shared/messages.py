"""Words for the reasons services refuse things, a helper that puts them next to the right field, and one that
sends a valid form to a service and shows what it refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from app.services.errors import NotFound, Refused

T = TypeVar("T")

REFUSAL_MESSAGES = {
    "la_code_format": _l("Enter the DfE number as three digits, like 931"),
    "la_code_taken": _l("Another council in Orbit already has that DfE number"),
    "import_has_errors": _l("The files have problems, so nothing was imported"),
    "year_range": _l("Choose a collection year from the list"),
    "participation_missing": _l("Choose how they took part in the review"),
    "participation_age": _l("“Under 4” is only for a child under 4 on the day of the review, and only then"),
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
    # Messages from Orbit
    "mobile_missing": _l("Enter your mobile number"),
    "mobile_not_uk": _l("Enter a UK mobile number. It starts with 07 or +447, like 07700 900123"),
    "email_missing": _l("Enter your email address"),
    "email_not_valid": _l("Enter an email address, like name@example.com"),
    "message_channel_unknown": _l("Choose no messages, a text or an email"),
    "message_code_missing": _l("Enter the code we sent you"),
    "message_code_wrong": _l("That code is not right. Check it and try again"),
    "message_code_old": _l("That code is too old. Ask for a new code"),
    "message_code_locked": _l("Too many tries. Wait 15 minutes, then ask for a new code"),
    "message_code_wait": _l("Wait a minute before you ask for another code"),
    "message_nothing_to_confirm": _l("There is nothing to check. Choose a text or an email first"),
    "quiet_hours_unknown": _l("Choose a time from the list"),
    "quiet_hours_same": _l("Choose a different time for the end of your quiet hours"),
    # Advocacy
    "no_advocacy_service": _l("Your council has not named an advocacy service in Orbit yet"),
    "offer_answer_unknown": _l("Choose yes please or no thanks"),
    "offer_already_accepted": _l(
        "An advocate is already working with you. If you do not need them now, say so on your request page"
    ),
    "offer_closed": _l("This offer has ended. You can ask for an advocate any time"),
    "advocacy_topic_missing": _l("Choose what it is about"),
    "advocacy_wants_too_long": _l("Write 1000 letters or fewer"),
    "advocacy_ways_unknown": _l("Choose ways from the list"),
    "advocacy_ways_missing": _l("Choose at least one way"),
    "advocacy_phone_invalid": _l("Write a phone number using numbers, like 07700 900123"),
    "advocacy_phone_missing": _l("Write your phone number, or choose another way"),
    "advocacy_good_times_too_long": _l("Write 200 letters or fewer"),
    "advocacy_urgent_missing": _l("Say if it is urgent"),
    "request_already_open": _l("You have already asked. You can see where it is up to and send a message"),
    "advocacy_request_closed": _l("This request is closed. You can ask again any time"),
    "message_missing": _l("Write a message"),
    "message_too_long": _l("Write 2000 letters or fewer"),
    "advocacy_already_allocated": _l("Another advocate has already taken this on"),
    "advocacy_advocate_not_allowed": _l("Choose an advocate from your own service"),
    "advocacy_accept_first": _l("Take this on first, then you can message them and record the review"),
    "advocacy_outcome_missing": _l("Write the outcome for the young person"),
    "advocacy_outcome_too_long": _l("Write 2000 characters or fewer"),
    "home_since_missing": _l("Enter the date they moved in as day, month and year"),
    # Reviews
    "review_words_too_long": _l("Write 2000 letters or fewer"),
    "review_date_missing": _l("Enter the date of the review as day, month and year"),
    "review_date_past": _l("The review date must be today or later"),
    "review_date_too_far": _l("The review date must be within the next 2 years"),
    "review_place_too_long": _l("Where it happens must be 120 characters or fewer"),
    "entered_care_range": _l("The date they came into care must be after their birth and not in the future"),
    "review_date_taken": _l("There is already a review on that date"),
    "review_already_held": _l("This review has been held, so its date cannot change"),
    "no_review_yet": _l("There is no date for your next review yet. You can send a note for it instead"),
    "views_already_sent": _l("You have already sent your views for this review. You can still send a note"),
    "views_empty": _l("There is nothing to send yet. Write something in one of the steps first"),
    "person_unknown": _l("Choose people from the list"),
    "attendance_unknown": _l("Choose one of the options shown"),
    "note_missing": _l("Write your note first"),
    "reaction_unknown": _l("Choose “I agree” or “I don't agree”"),
    "decisions_already_sent": _l("These answers have already been sent, so they cannot change"),
    "review_not_held_yet": _l("You can write what was decided from the day of the review"),
    "decided_missing": _l("Write what was decided, in words the young person can read"),
    "why_missing": _l("Say why, in words the young person can read"),
    # Leaving care
    "checklist_answer_unknown": _l("Choose one of the buttons"),
    "local_offer_item_gone": _l("This is not in the local offer any more"),
    "local_offer_not_for_you": _l("This is not for you right now"),
    "local_offer_item_changed": _l("This changed while you were reading it. Read it again, then choose"),
    "support_area_unknown": _l("Choose from the list"),
    "support_area_missing": _l("Choose at least one thing you would like help with"),
    "support_contact_missing": _l("Choose how you want them to get in touch"),
    "support_words_too_long": _l("Write 1000 letters or fewer"),
    "contact_note_too_long": _l("Write 200 letters or fewer"),
    "trusted_adult_missing": _l("Choose someone from the list, or no one for now"),
    "check_in_feeling_missing": _l("Choose good, OK or not good"),
    "check_in_words_too_long": _l("Write 1000 letters or fewer"),
    "reason_missing": _l("Say why the hold is needed"),
    "reason_too_long": _l("Write 500 characters or fewer"),
    "already_held": _l("There is already a legal hold for this young person"),
    "support_closed": _l("This request is already closed"),
    "support_status_missing": _l("Choose where this is up to"),
    "trusted_adult_changed": _l("The young person changed who they chose. Check the page again"),
    "trusted_adult_status_missing": _l("Choose whether it has been arranged"),
    "trusted_adult_note_too_long": _l("Write 1000 characters or fewer"),
    "key_contact_missing": _l("Enter the key contact"),
    "key_contact_too_long": _l("Write 120 characters or fewer"),
    "arrangement_home_missing": _l("Choose the kind of place they live"),
    "arrangement_support_missing": _l("Say what support has been agreed"),
    "review_on_missing": _l("Enter the date as day, month and year"),
    "review_on_range": _l("The date must be today or later, and within 2 years"),
    "local_offer_category_missing": _l("Choose a category"),
    "local_offer_title_missing": _l("Enter a name"),
    "local_offer_title_too_long": _l("Write 120 characters or fewer"),
    "local_offer_what_missing": _l("Say what young people get"),
    "local_offer_how_missing": _l("Say how to get it"),
    "local_offer_who_for_too_long": _l("Write 300 characters or fewer"),
    "local_offer_age_number": _l("Enter an age in numbers, like 18"),
    "local_offer_age_range": _l("Ages must be from 16 to 30"),
    "local_offer_ages_order": _l("The upper age must be more than the “from” age"),
    # Family time
    "sibling_missing": _l("Choose who the plan is with"),
    "sibling_unknown": _l("Choose who the plan is with from the list"),
    "sibling_name_missing": _l("Write their first name"),
    "sibling_name_too_long": _l("First names must be 80 characters or fewer"),
    "sibling_first_name_only": _l("Write only their first name, with no numbers or address"),
    "how_often_missing": _l("Choose how often"),
    "how_often_words_missing": _l("Say how often, in words"),
    "who_else_missing": _l("Say whether someone else will be there"),
    "who_else_words_missing": _l("Say the job of the other person who will be there"),
    "arranged_by_missing": _l("Choose who arranges it"),
    "arranged_by_words_missing": _l("Say who arranges it, by their job"),
    "plan_words_too_long": _l("Write 100 characters or fewer"),
    "plan_ways_unknown": _l("Choose ways from the list"),
    "plan_ways_missing": _l("Choose at least one way"),
    "place_missing": _l("Choose what kind of place"),
    "plan_next_date_past": _l("The next date cannot be in the past"),
    "plan_date_too_far": _l("That date is more than 3 years away. Check the year"),
    "plan_review_date_missing": _l("Enter when the plan will be looked at again, as day, month and year"),
    "plan_review_date_past": _l("When the plan is looked at again cannot be before today"),
    "live_apart_missing": _l("Say whether they live apart"),
    "why_apart_missing": _l("Say why they do not live together, in words the young person can read"),
    "why_apart_too_long": _l("Write 1000 characters or fewer"),
    "contact_details_in_plan": _l(
        "This looks like an address, postcode, phone number or email. A plan never says where anyone lives or "
        "how to reach them: take it out"
    ),
    "family_time_feeling_missing": _l("Choose how you feel"),
    "family_time_words_too_long": _l("Write 1000 letters or fewer"),
    "plan_changed_since": _l("The plan changed after you opened this page. Check what changed, then send again"),
    "missed_kind_missing": _l("Choose what happened"),
    "missed_date_missing": _l("Write the date as day, month and year"),
    "missed_date_future": _l("That date cannot be in the future"),
    "missed_date_too_old": _l("That is more than a year ago. Tell your worker about it instead"),
    "change_words_missing": _l("Write what you would like to change"),
    # Complaints and "please look again"
    "complaint_topic_missing": _l("Choose what it is about"),
    "complaint_words_missing": _l("Write what is not right"),
    "complaint_words_too_long": _l("Write 3000 letters or fewer. Your words are still here"),
    "complaint_wants_too_long": _l("Write 1000 letters or fewer"),
    "complaint_advocate_missing": _l("Say if you would like an advocate"),
    "complaint_not_answered_yet": _l("You can ask for the next step once you have an answer"),
    "complaint_last_stage": _l("This was the last step with the council"),
    "complaint_window_passed": _l("The time to ask for the next step has passed"),
    "complaint_already_answered": _l("This stage has already been answered"),
    "complaint_answer_missing": _l("Write the answer for the young person"),
    "complaint_answer_too_long": _l("Write 4000 characters or fewer"),
    "complaint_cannot_extend": _l("This stage cannot be given more time"),
    "complaint_extension_reason_missing": _l("Say why more time is needed"),
    "complaint_extension_reason_too_long": _l("Write 500 characters or fewer"),
    "look_again_not_disagreed": _l("You can ask them to look again after you say “I don't agree”"),
    "look_again_words_too_long": _l("Write 1000 letters or fewer"),
    "look_again_already_answered": _l("You have already replied"),
    "look_again_answer_missing": _l("Write your reply for the young person"),
    "look_again_answer_too_long": _l("Write 4000 characters or fewer"),
    "immigration_event_missing": _l("Choose what changed"),
    "immigration_date_missing": _l("Enter the date as day, month and year"),
    "immigration_date_future": _l("The date must be today or in the past"),
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


def show_refusal_unless_stale(form: FlaskForm, refused: Refused, stale_code: str = "stale") -> bool:
    """True when the form was saved against an older version (`stale_code`): the page then says so and keeps what
    was typed. Any other refusal goes next to its field."""
    if refused.code == stale_code:
        return True
    show_refusal(form, refused)
    return False


def send_valid_form(
    form: FlaskForm,
    act: Callable[[], T],
    then: Callable[[T], Response],
    refused: Callable[[FlaskForm, Refused], object] = show_refusal,
) -> Response | None:
    """When `form` is sent and valid, do `act`: something missing (or someone else's) is a 404, a refusal goes to
    `refused` (by default next to its field), and after success the answer is `then(what act returned)`. None
    means: show the form again."""
    if not form.validate_on_submit():
        return None
    try:
        done = act()
    except NotFound:
        abort(404)
    except Refused as refusal:
        refused(form, refusal)
        return None
    return then(done)


def send_valid_change(
    form: FlaskForm, act: Callable[[], T], then: Callable[[T], Response], stale_code: str = "stale"
) -> tuple[Response | None, bool]:
    """send_valid_form for a change saved against the version the form was opened at: also whether it was refused
    because that version is old (`stale_code`), so the page can say so and keep what was typed."""
    stale = False

    def note_stale(form: FlaskForm, refusal: Refused) -> None:
        nonlocal stale
        stale = show_refusal_unless_stale(form, refusal, stale_code)

    sent = send_valid_form(form, act, then, note_stale)
    return sent, stale


DEFAULT_OFFICER_TITLE = "Independent Reviewing Officer"


def officer_title(title: str) -> str:
    """The council's title for the reviewing officer, in the reader's language when it is the usual one."""
    return gettext("Independent Reviewing Officer") if title == DEFAULT_OFFICER_TITLE else title
