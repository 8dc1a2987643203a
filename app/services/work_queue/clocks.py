"""Clocks: when work is due (working days on England's calendar, or clock hours) and what a clock means now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app import clock


def due_after(start: datetime, *, working_days: int | None = None, hours: int | None = None) -> datetime:
    """When work that starts at `start` is due.

    Working days skip weekends and England's bank holidays and keep the London clock time, across the clock
    change too (a request on Friday at 16:00 with one working day is due on Monday at 16:00). Clock hours run
    through weekends and nights: for work that must not wait for Monday."""
    if (working_days is None) == (hours is None):
        raise ValueError("a clock runs in working days or in clock hours, one of the two")
    if hours is not None:
        return start + timedelta(hours=hours)
    assert working_days is not None
    return clock.add_working_days(start, working_days)


@dataclass(frozen=True)
class ClockState:
    """One clock of one piece of work: when it is due, when it was done, and what that means now."""

    due_at: datetime | date
    done_at: datetime | None
    state: str  # "done", "late" (done after it was due), "overdue", "running", "stopped" (closed first)

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def by_day(self) -> bool:
        """Due on a day (shown as a date) rather than at a time."""
        return not isinstance(self.due_at, datetime)


def clock_state(
    due_at: datetime | date, done_at: datetime | None, closed_at: datetime | None, now: datetime
) -> ClockState:
    """A clock due at a time is overdue from that moment; one due on a day is overdue from the next day (London)."""
    if isinstance(due_at, datetime):
        late = done_at is not None and done_at > due_at
        past = due_at <= now
    else:
        late = done_at is not None and done_at.astimezone(clock.LONDON).date() > due_at
        past = due_at < now.astimezone(clock.LONDON).date()
    if done_at is not None:
        return ClockState(due_at, done_at, "late" if late else "done")
    if closed_at is not None:
        return ClockState(due_at, None, "stopped")
    return ClockState(due_at, None, "overdue" if past else "running")
