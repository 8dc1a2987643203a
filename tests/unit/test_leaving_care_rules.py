"""Rules for leaving care that need no database: who an item of the local offer is for, whether Staying Close may
be for someone, the admin's counts (never a group under 10, never a number that can be worked out), the reply
clock over bank holidays, checking what an admin typed, and that form codes match the model's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import clock
from app.forms import leaving_care as forms
from app.models import (
    ArrangementHome,
    CheckInFeeling,
    ChecklistAnswer,
    HomeKind,
    LocalOfferItem,
    OfferCategory,
    SupportArea,
    SupportContact,
    SupportStatus,
    TrustedAdultStatus,
    YoungPerson,
)
from app.services.errors import Refused
from app.services.leaving_care import (
    OfferFit,
    OfferItemDetails,
    StayingCloseFit,
    check_item,
    is_care_leaver,
    may_use_checklist,
    offer_fit,
    staying_close_fit,
    suppress_counts,
)

GOT, NOT_YET, HELP = ChecklistAnswer.got_it, ChecklistAnswer.not_yet, ChecklistAnswer.need_help


def _item(**kwargs) -> LocalOfferItem:
    return LocalOfferItem(title="Item", category=OfferCategory.money, **({"care_leavers_only": False} | kwargs))


# Who an item is for ---------------------------------------------------------------------------------------------


def test_an_item_with_no_ages_is_for_everyone_who_sees_the_list() -> None:
    assert offer_fit(_item(), 16, care_leaver=False) is OfferFit.applies
    assert offer_fit(_item(), 40, care_leaver=True) is OfferFit.applies


def test_from_age_counts_from_that_birthday_and_until_age_stops_on_that_birthday() -> None:
    item = _item(from_age=18, until_age=25)
    assert offer_fit(item, 17, care_leaver=False) is OfferFit.later
    assert offer_fit(item, 18, care_leaver=True) is OfferFit.applies
    assert offer_fit(item, 24, care_leaver=True) is OfferFit.applies
    assert offer_fit(item, 25, care_leaver=True) is OfferFit.ended


def test_care_leavers_only_waits_until_they_have_left_care() -> None:
    item = _item(care_leavers_only=True)
    assert offer_fit(item, 17, care_leaver=False) is OfferFit.after_care
    assert offer_fit(item, 17, care_leaver=True) is OfferFit.applies


def test_the_list_is_for_care_leavers_and_from_16_in_care() -> None:
    assert not may_use_checklist(15, care_leaver=False, from_age=16)
    assert may_use_checklist(16, care_leaver=False, from_age=16)
    assert may_use_checklist(15, care_leaver=True, from_age=16)  # left care early
    assert may_use_checklist(26, care_leaver=True, from_age=16)  # nothing closes at 25


def test_care_experienced_from_18_or_from_leaving_care_earlier() -> None:
    born = date(2008, 6, 1)
    person = YoungPerson(date_of_birth=born, adult_on=clock.birthday_in_year(born, 18))
    assert not is_care_leaver(person, date(2026, 5, 31))
    assert is_care_leaver(person, date(2026, 6, 1))
    person.left_care_on = date(2025, 9, 1)
    assert is_care_leaver(person, date(2025, 9, 1))
    assert not is_care_leaver(person, date(2025, 8, 31))


# Staying Close: whether it may be for you --------------------------------------------------------------------


def test_staying_close_is_likely_for_someone_who_left_a_childrens_home() -> None:
    assert staying_close_fit(19, HomeKind.childrens_home, 16, 25) is StayingCloseFit.likely
    assert staying_close_fit(16, HomeKind.childrens_home, 16, 25) is StayingCloseFit.likely


def test_staying_close_may_be_for_anyone_else_under_the_age_limit() -> None:
    for home in (HomeKind.foster_care, HomeKind.supported_accommodation, None):
        assert staying_close_fit(20, home, 16, 25) is StayingCloseFit.maybe


def test_outside_the_ages_it_is_never_a_no_just_usually_not() -> None:
    assert staying_close_fit(15, HomeKind.childrens_home, 16, 25) is StayingCloseFit.too_young
    assert staying_close_fit(25, HomeKind.childrens_home, 16, 25) is StayingCloseFit.past_age
    assert staying_close_fit(30, None, 16, 25) is StayingCloseFit.past_age


def test_the_upper_age_is_a_setting() -> None:
    assert staying_close_fit(25, HomeKind.childrens_home, 16, 26) is StayingCloseFit.likely
    assert staying_close_fit(21, HomeKind.childrens_home, 16, 21) is StayingCloseFit.past_age


# The admin's counts ----------------------------------------------------------------------------------------------


def test_nothing_is_shown_under_a_group_of_10() -> None:
    counts = suppress_counts({GOT: 5, NOT_YET: 3, HELP: 1})
    assert not counts.shown
    assert (counts.total, counts.got_it, counts.not_yet, counts.need_help) == (None, None, None, None)


def test_every_count_shows_when_each_and_the_rest_are_10_or_more() -> None:
    counts = suppress_counts({GOT: 40, NOT_YET: 20, HELP: 10})
    assert (counts.total, counts.got_it, counts.not_yet, counts.need_help) == (70, 40, 20, 10)


def test_a_small_count_is_hidden_and_so_is_another_so_it_cannot_be_worked_out() -> None:
    counts = suppress_counts({GOT: 40, NOT_YET: 20, HELP: 3})
    assert counts.total == 63 and counts.need_help is None
    assert [counts.got_it, counts.not_yet].count(None) == 1
    assert counts.got_it == 40  # the smaller shown one (20) is hidden too


def test_everyone_giving_the_same_answer_is_not_shown() -> None:
    counts = suppress_counts({GOT: 12})
    assert counts.total == 12 and counts.got_it is None


@given(st.integers(0, 60), st.integers(0, 60), st.integers(0, 60))
def test_no_shown_number_gives_away_a_hidden_one(got: int, not_yet: int, helped: int) -> None:
    counts = suppress_counts({GOT: got, NOT_YET: not_yet, HELP: helped})
    total = got + not_yet + helped
    if total < 10:
        assert not counts.shown
        return
    shown = [c for c in (counts.got_it, counts.not_yet, counts.need_help) if c is not None]
    hidden = 3 - len(shown)
    assert hidden != 1
    for count in shown:
        assert count >= 10 and total - count >= 10


# The reply clock ---------------------------------------------------------------------------------------------------


def test_five_working_days_skip_the_weekend_and_easter() -> None:
    asked = datetime(2026, 4, 2, 9, 30, tzinfo=UTC)  # the Thursday before Good Friday
    due = clock.add_working_days(asked, 5)
    assert due.astimezone(clock.LONDON).date() == date(2026, 4, 13)
    assert due.astimezone(clock.LONDON).time() == asked.astimezone(clock.LONDON).time()


# Checking what an admin typed -----------------------------------------------------------------------------------


def _details(**changes) -> OfferItemDetails:
    base = {
        "category": "money",
        "title": "Help with a deposit",
        "what_you_get": "We pay your deposit.",
        "how_to_get_it": "Ask your personal adviser.",
    }
    return OfferItemDetails(**(base | changes))


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"category": ""}, "local_offer_category_missing", "category"),
        ({"category": "sweets"}, "local_offer_category_missing", "category"),
        ({"title": "  "}, "local_offer_title_missing", "title"),
        ({"title": "x" * 121}, "local_offer_title_too_long", "title"),
        ({"what_you_get": ""}, "local_offer_what_missing", "what_you_get"),
        ({"how_to_get_it": "\n"}, "local_offer_how_missing", "how_to_get_it"),
        ({"who_for": "x" * 301}, "local_offer_who_for_too_long", "who_for"),
        ({"from_age": "18.5"}, "local_offer_age_number", "from_age"),
        ({"from_age": "١٨"}, "local_offer_age_number", "from_age"),
        ({"until_age": "99"}, "local_offer_age_range", "until_age"),
        ({"from_age": "21", "until_age": "21"}, "local_offer_ages_order", "until_age"),
    ],
)
def test_bad_items_are_refused_with_a_reason_next_to_the_field(changes: dict, code: str, field: str) -> None:
    with pytest.raises(Refused) as refused:
        check_item(_details(**changes))
    assert (refused.value.code, refused.value.field) == (code, field)


def test_a_good_item_is_cleaned() -> None:
    clean = check_item(_details(title="  Help   with a deposit ", from_age=" 18 ", until_age="25", who_for=""))
    assert clean.title == "Help with a deposit"
    assert (clean.from_age, clean.until_age, clean.who_for) == (18, 25, None)


# Form codes match the models ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "enum"),
    [
        (forms.CATEGORY_LABELS, OfferCategory),
        (forms.CATEGORY_STAFF_LABELS, OfferCategory),
        (forms.ANSWER_LABELS, ChecklistAnswer),
        (forms.AREA_LABELS, SupportArea),
        (forms.CONTACT_LABELS, SupportContact),
        (forms.STATUS_LABELS, SupportStatus),
        (forms.TRUSTED_ADULT_STATUS_LABELS, TrustedAdultStatus),
        (forms.HOME_LABELS, ArrangementHome),
        (forms.FEELING_LABELS, CheckInFeeling),
    ],
)
def test_form_codes_match_the_models(labels: dict, enum: type) -> None:
    assert set(labels) == {member.value for member in enum}


def test_reply_choices_are_the_open_and_closed_states_only() -> None:
    assert set(forms.REPLY_STATUS_LABELS) == {SupportStatus.working_on_it.value, SupportStatus.done.value}
