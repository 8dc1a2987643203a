"""Rules for messages: UK mobile numbers, email addresses and quiet hours across midnight and clock changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services.notifications import in_quiet_hours, quiet_hours_end, uk_mobile
from app.services.notifications.choices import email_address, shown_mobile
from app.services.notifications.outbox import backoff


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("07700 900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+44 (0)7700 900123".replace("(0)", ""), "+447700900123"),
        ("00447700900123", "+447700900123"),
        ("447700900123", "+447700900123"),
    ],
)
def test_uk_mobiles_in_the_ways_people_write_them(typed: str, number: str) -> None:
    assert uk_mobile(typed) == number
    assert shown_mobile(number) == "07700 900123"


@pytest.mark.parametrize(
    "typed",
    ["", "0161 496 0000", "+1 555 123 4567", "0770090012", "077009001234", "07700 9OO123", "<b>07700900123</b>", None],
)
def test_not_uk_mobiles(typed) -> None:
    assert uk_mobile(typed) is None


def test_email_addresses() -> None:
    assert email_address(" Maya@Example.org ") == "Maya@example.org"
    for bad in ("", "maya", "maya@", "@example.org", "a b@example.org", "x" * 250 + "@example.org"):
        assert email_address(bad) is None


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_quiet_hours_across_midnight_in_winter() -> None:
    assert not in_quiet_hours(_utc("2026-11-18 20:59"), 21, 8)
    assert in_quiet_hours(_utc("2026-11-18 21:00"), 21, 8)
    assert in_quiet_hours(_utc("2026-11-19 07:59"), 21, 8)
    assert quiet_hours_end(_utc("2026-11-18 23:30"), 21, 8) == _utc("2026-11-19 08:00")
    assert quiet_hours_end(_utc("2026-11-19 02:00"), 21, 8) == _utc("2026-11-19 08:00")
    assert quiet_hours_end(_utc("2026-11-19 12:00"), 21, 8) == _utc("2026-11-19 12:00")


def test_quiet_hours_are_london_time_in_summer_and_over_the_clock_change() -> None:
    # British Summer Time: 21:00 in London is 20:00 UTC.
    assert in_quiet_hours(_utc("2026-07-01 20:30"), 21, 8)
    assert quiet_hours_end(_utc("2026-07-01 20:30"), 21, 8) == _utc("2026-07-02 07:00")
    # The night the clocks go back (25 October 2026): 8am London is 08:00 UTC again.
    assert quiet_hours_end(_utc("2026-10-24 22:00"), 21, 8) == _utc("2026-10-25 08:00")
    # Quiet hours within one day, and none at all.
    assert in_quiet_hours(_utc("2026-11-18 13:00"), 12, 14) and not in_quiet_hours(_utc("2026-11-18 14:00"), 12, 14)
    assert not in_quiet_hours(_utc("2026-11-18 13:00"), 9, 9)


def test_backoff_grows_then_stays_at_four_hours() -> None:
    assert [int(backoff(n).total_seconds() // 60) for n in range(1, 8)] == [1, 4, 16, 64, 240, 240, 240]
