"""Rules that need no database: passwords, invite codes, second factors, working days, ages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyotp
from hypothesis import given
from hypothesis import strategies as st

from app import clock
from app.services import security


def test_password_rules_allow_passphrases_and_refuse_the_obvious() -> None:
    assert security.password_problem("purple otter rocket") is None
    assert security.password_problem("short") == "too_short"
    assert security.password_problem("x" * 129) == "too_long"
    assert security.password_problem("Password123") == "too_common"
    assert security.password_problem("aaaaaaaaaa") == "too_common"
    assert security.password_problem("maya-is-great", username="maya") == "contains_username"
    assert security.password_problem("💜" * 8) is not None  # too few different characters


def test_passwords_are_hashed_with_argon2id() -> None:
    stored = security.hash_password("purple otter rocket")
    assert stored.startswith("$argon2id$")
    assert security.verify_password(stored, "purple otter rocket")
    assert not security.verify_password(stored, "purple otter rockets")
    assert not security.verify_password(None, "anything")


@given(st.text(max_size=40))
def test_invite_code_normalising_never_crashes_and_keeps_only_letters_and_digits(typed: str) -> None:
    assert all(ch.isalnum() for ch in security.normalise_invite_code(typed))


def test_invite_codes_avoid_look_alike_characters() -> None:
    codes = {security.new_invite_code() for _ in range(200)}
    assert len(codes) == 200
    assert not set("".join(codes)) & set("0O1IL")


def test_an_authenticator_code_is_accepted_once_and_only_near_its_time() -> None:
    secret = pyotp.random_base32()
    at = 1_800_000_000.0
    code = pyotp.TOTP(secret).at(at)
    step = security.totp_step_if_valid(secret, code, None, at)
    assert step is not None
    assert security.totp_step_if_valid(secret, code, step, at) is None
    assert security.totp_step_if_valid(secret, code, None, at + 120) is None
    assert security.totp_step_if_valid(secret, "12345", None, at) is None


def test_working_days_skip_weekends_and_english_bank_holidays() -> None:
    friday_before_christmas_2026 = datetime(2026, 12, 24, 10, 0, tzinfo=UTC)  # Thursday 24 December 2026
    assert clock.add_working_days(friday_before_christmas_2026, 1).date() == date(2026, 12, 29)
    friday = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert clock.add_working_days(friday, 1).date() == date(2026, 11, 30)
    assert not clock.is_working_day(date(2026, 8, 31))  # summer bank holiday in England


def test_ages_and_birthdays_including_29_february() -> None:
    assert clock.age_on(date(2010, 5, 1), date(2026, 4, 30)) == 15
    assert clock.age_on(date(2010, 5, 1), date(2026, 5, 1)) == 16
    assert clock.birthday_in_year(date(2008, 2, 29), 18) == date(2026, 3, 1)
