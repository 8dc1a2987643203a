"""The advocacy clocks: acknowledge in 1 working day, find an advocate in 2, urgent work in 4 hours; offers wait
3 working days. Weekends and England's bank holidays are skipped; time travel moves "now"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app import clock
from app.forms import advocacy as forms
from app.models import ContactWay, OfferReason, RequestOrigin, RequestTopic
from app.services.advocacy import clock_state, due_times


@pytest.fixture(autouse=True)
def _back_to_now():
    yield
    clock.reset_travel()


def at(*parts: int) -> datetime:
    """A London wall-clock time in winter (GMT, so the same as UTC)."""
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "acknowledge", "allocate"),
    [
        # Monday 10:00 -> Tuesday, Wednesday
        (at(2026, 11, 23, 10), at(2026, 11, 24, 10), at(2026, 11, 25, 10)),
        # Friday 16:00 -> Monday, Tuesday
        (at(2026, 11, 27, 16), at(2026, 11, 30, 16), at(2026, 12, 1, 16)),
        # Saturday night -> Monday, Tuesday (the same clock time)
        (at(2026, 11, 28, 22), at(2026, 11, 30, 22), at(2026, 12, 1, 22)),
        # Thursday 24 December: Christmas Day, Saturday, Sunday and the Boxing Day substitute (28th) are skipped
        (at(2026, 12, 24, 10), at(2026, 12, 29, 10), at(2026, 12, 30, 10)),
        # Thursday 31 December: New Year's Day is a bank holiday
        (at(2026, 12, 31, 10), at(2027, 1, 4, 10), at(2027, 1, 5, 10)),
    ],
)
def test_working_day_clocks_skip_weekends_and_bank_holidays(start, acknowledge, allocate) -> None:
    assert due_times(start, False) == (acknowledge, allocate)


def test_working_days_keep_the_london_clock_time_across_the_change_to_summer_time() -> None:
    # Friday 27 March 2026, 09:00 GMT; Monday 30 March is in British Summer Time (UTC+1): still 09:00 in London.
    acknowledge, _allocate = due_times(at(2026, 3, 27, 9), False)
    assert acknowledge == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert acknowledge.astimezone(clock.LONDON).hour == 9


def test_urgent_work_is_due_in_four_clock_hours_even_at_the_weekend() -> None:
    saturday_night = at(2026, 11, 28, 22)
    assert due_times(saturday_night, True) == (at(2026, 11, 29, 2), at(2026, 11, 29, 2))
    christmas_eve = at(2026, 12, 24, 23)
    assert due_times(christmas_eve, True) == (at(2026, 12, 25, 3), at(2026, 12, 25, 3))


def test_the_rules_come_from_settings() -> None:
    start = at(2026, 11, 23, 10)
    assert due_times(start, False, acknowledge_days=2, allocate_days=5) == (at(2026, 11, 25, 10), at(2026, 11, 30, 10))
    assert due_times(start, True, urgent_hours=2) == (at(2026, 11, 23, 12), at(2026, 11, 23, 12))


def test_a_clock_runs_then_is_overdue_with_time_travel() -> None:
    clock.travel(at(2026, 11, 27, 16) - clock.now())  # Friday 16:00
    acknowledge_by, _ = due_times(clock.now(), False)

    clock.travel(timedelta(days=2))  # Sunday: still running
    assert clock_state(acknowledge_by, None, None, clock.now()).state == "running"
    clock.travel(timedelta(days=1, minutes=-2))  # Monday 15:58
    assert not clock_state(acknowledge_by, None, None, clock.now()).overdue
    clock.travel(timedelta(minutes=4))  # Monday 16:02
    assert clock_state(acknowledge_by, None, None, clock.now()).overdue


def test_a_clock_done_in_time_late_or_stopped() -> None:
    due = at(2026, 11, 30, 16)
    now = at(2026, 12, 5, 9)
    assert clock_state(due, due - timedelta(hours=1), None, now).state == "done"
    assert clock_state(due, due + timedelta(hours=1), None, now).state == "late"
    assert clock_state(due, None, due - timedelta(hours=2), now).state == "stopped"
    assert not clock_state(due, due + timedelta(hours=1), None, now).overdue


def test_form_words_cover_every_code() -> None:
    assert set(forms.TOPIC_LABELS) == set(forms.TOPIC_STAFF_LABELS) == {t.value for t in RequestTopic}
    assert set(forms.WAY_LABELS) == set(forms.WAY_STAFF_LABELS) == {w.value for w in ContactWay}
    assert set(forms.REASON_LABELS) == set(forms.REASON_STAFF_LABELS) == {r.value for r in OfferReason}
    assert set(forms.ORIGIN_STAFF_LABELS) == {o.value for o in RequestOrigin}
