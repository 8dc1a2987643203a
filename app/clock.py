"""The current time and England's working days.

Every part of Orbit asks this module the time, models included (created_at), so a test can choose the date:
`start_at` sets the clock to a moment that then runs on at real speed, and `travel` moves it through days.
Nothing else in Orbit or its tests reads the real clock."""

from __future__ import annotations

import time as monotonic_time
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
_offset = timedelta(0)
_started: tuple[datetime, float] | None = None


def now() -> datetime:
    if _started is None:
        return datetime.now(UTC) + _offset
    moment, at = _started
    return moment + timedelta(seconds=monotonic_time.monotonic() - at) + _offset


def start_at(moment: datetime | None) -> None:
    """Tests: from now on the clock reads `moment` and runs on from there; None goes back to the real clock."""
    global _started
    _started = None if moment is None else (moment.astimezone(UTC), monotonic_time.monotonic())


def today() -> date:
    """Today's date in England, which is what a young person's birthday or a review date means."""
    return now().astimezone(LONDON).date()


def travel(delta: timedelta) -> None:
    global _offset
    _offset += delta


def reset_travel() -> None:
    global _offset
    _offset = timedelta(0)


@lru_cache(maxsize=16)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: datetime, days: int) -> datetime:
    """The same London clock time `days` working days after `start` (weekends and bank holidays skipped)."""
    local = start.astimezone(LONDON)
    day = local.date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return datetime.combine(day, local.timetz().replace(tzinfo=None), LONDON).astimezone(UTC)


def age_on(date_of_birth: date, on: date) -> int:
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


def birthday_in_year(date_of_birth: date, years: int) -> date:
    """The date someone turns `years`; 29 February birthdays fall on 1 March in other years."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:
        return date(date_of_birth.year + years, 3, 1)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0), LONDON).astimezone(UTC)


def working_days_after(day: date, days: int) -> date:
    """The date `days` working days after `day` (weekends and England's bank holidays skipped)."""
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_before(day: date, days: int) -> date:
    """The date `days` working days before `day` (weekends and England's bank holidays skipped)."""
    remaining = days
    while remaining > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_month - timedelta(days=1)).day))
