"""The statutory review pattern: the first review within 20 working days of coming into care (England's bank
holidays skipped), the second within 3 months of the first, then at most every 6 months; what Orbit proposes as
time passes (time travel), and numbering when dates move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app import clock
from app.models import Review, ReviewStatus
from app.services import reviews


@pytest.fixture(autouse=True)
def _back_to_now():
    yield
    clock.reset_travel()


def _travel_to(day: date) -> None:
    clock.reset_travel()
    clock.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC) - clock.now())


def _review(held_on: date, created: int = 0) -> Review:
    return Review(
        held_on=held_on,
        status=ReviewStatus.scheduled,
        created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=created),
    )


def test_the_first_review_is_due_within_20_working_days_skipping_christmas_and_new_year() -> None:
    # Friday 11 December 2026: Christmas Day, Boxing Day (moved to Monday 28th) and New Year's Day are skipped.
    assert reviews.statutory_due(1, date(2026, 12, 11), None) == date(2027, 1, 13)
    # The same 20 working days in a month with no bank holiday are 28 days.
    assert reviews.statutory_due(1, date(2027, 2, 1), None) == date(2027, 3, 1)
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
    assert reviews.statutory_due(1, date(2027, 3, 22), None) == date(2027, 4, 21)


def test_the_second_is_due_within_3_months_and_later_ones_within_6() -> None:
    assert reviews.statutory_due(2, None, date(2027, 1, 13)) == date(2027, 4, 13)
    assert reviews.statutory_due(3, None, date(2027, 4, 13)) == date(2027, 10, 13)
    assert reviews.statutory_due(4, None, date(2027, 8, 31)) == date(2028, 2, 29)  # a leap year's end of February
    assert reviews.statutory_due(2, None, date(2026, 11, 30)) == date(2027, 2, 28)
    assert reviews.statutory_due(1, None, None) is None  # not known without the date they came into care
    assert reviews.statutory_due(2, date(2026, 1, 5), None) is None


def test_orbit_proposes_the_due_date_until_it_passes_then_the_next_working_day() -> None:
    came = date(2026, 12, 11)
    _travel_to(date(2026, 12, 14))
    proposal = reviews.propose_next(came, [], clock.today())
    assert (proposal.number, proposal.due_on, proposal.proposed_on, proposal.overdue) == (
        1,
        date(2027, 1, 13),
        date(2027, 1, 13),
        False,
    )
    # Time passes: on Christmas Eve it is still on time; after 13 January it is late, and Orbit offers the next
    # working day (never a weekend or a bank holiday).
    _travel_to(date(2026, 12, 24))
    assert not reviews.propose_next(came, [], clock.today()).overdue
    _travel_to(date(2027, 1, 16))  # a Saturday
    late = reviews.propose_next(came, [], clock.today())
    assert late.overdue and late.due_on == date(2027, 1, 13) and late.proposed_on == date(2027, 1, 18)


def test_the_next_review_follows_the_last_one_set() -> None:
    _travel_to(date(2027, 1, 4))
    first = _review(date(2027, 1, 12))
    proposal = reviews.propose_next(date(2026, 12, 11), [first], clock.today())
    assert (proposal.number, proposal.due_on) == (2, date(2027, 4, 12))
    second = _review(date(2027, 4, 1), created=1)
    assert reviews.propose_next(date(2026, 12, 11), [second, first], clock.today()).due_on == date(2027, 10, 1)


def test_moving_a_review_renumbers_and_recomputes_the_pattern() -> None:
    came = date(2026, 12, 11)
    a, b, c = _review(date(2027, 1, 12)), _review(date(2027, 4, 1), 1), _review(date(2027, 9, 1), 2)
    reviews.renumber(came, [c, a, b])
    assert [(r.number, r.due_on) for r in (a, b, c)] == [
        (1, date(2027, 1, 13)),
        (2, date(2027, 4, 12)),
        (3, date(2027, 10, 1)),
    ]
    assert not any(r.is_late for r in (a, b, c))
    b.held_on = date(2027, 4, 20)  # moved after its due date: late, and the next one is due from the new date
    reviews.renumber(came, [a, b, c])
    assert b.is_late and c.due_on == date(2027, 10, 20)


def test_the_advocacy_offer_is_due_working_days_before_the_review(app) -> None:
    # Review on Monday 4 January 2027: 10 working days back skips New Year's Day, Boxing Day and Christmas.
    due = reviews.advocacy_offer_due(date(2027, 1, 4))
    assert due.astimezone(clock.LONDON) == datetime(2026, 12, 16, 9, tzinfo=clock.LONDON)
