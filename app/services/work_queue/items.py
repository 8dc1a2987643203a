"""What a feature declares about its work: the item, its clocks, what is still open, and who is told when late."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from app.models import AuditAction
from app.services.work_queue.clocks import ClockState, clock_state

Column = Any  # a mapped column of the item's model, such as AdvocacyRequest.acknowledge_due_at


@dataclass(frozen=True)
class Clock:
    """One clock on a piece of work.

    `due` holds when it is due (a time, or a day when `by_day`); `done` is set when the work the clock times is
    done (None: only closing stops it). `told` is set once, by `flask tick`, when the clock runs out and someone
    has been told. A clock that tells again every period (safety alerts) has `again_after` and a `level` column
    counting the times instead: each time it moves `due` on by the period."""

    name: str
    due: Column
    done: Column | None = None
    told: Column | None = None
    by_day: bool = False
    again_after: Callable[[], timedelta] | None = None
    level: Column | None = None

    def running(self) -> ColumnElement[bool]:
        return self.done.is_(None) if self.done is not None else true()

    def past_due(self, now: datetime, today: date) -> ColumnElement[bool]:
        return self.due < today if self.by_day else self.due <= now

    def overdue(self, now: datetime, today: date) -> ColumnElement[bool]:
        """Not done and past due; a clock that tells again stays overdue once told, though `due` has moved on."""
        past = self.past_due(now, today)
        if self.level is not None:
            past = or_(past, self.level > 0)
        return and_(self.running(), past)

    def state(self, row: Any, now: datetime, closed_at: datetime | None = None) -> ClockState:
        done_at = getattr(row, self.done.key) if self.done is not None else None
        state = clock_state(getattr(row, self.due.key), done_at, closed_at, now)
        if state.state == "running" and self.level is not None and getattr(row, self.level.key) > 0:
            return ClockState(state.due_at, None, "overdue")
        return state


@dataclass(frozen=True)
class Told:
    """Who is told when a clock runs out, and what. Late rows are put in groups (`group(row)`, such as the advocacy
    service or the council); each person `people(group)` gives (users, or bare addresses) gets one message for all
    the group's rows. `body` may hold {base_url}; a function of (group, rows) when the words depend on them.
    `urgent` sends at once rather than gathered with the person's other news; `council(group)` names the council
    the messages are for; `texts(group)` gives mobile numbers that get the same words as a text, when the sender
    can send texts. Messages never carry names or what anyone wrote: who and what are only seen inside Orbit."""

    group: Callable[[Any], Hashable]
    people: Callable[[Any], Iterable[Any]]
    subject: str
    body: str | Callable[[Any, Sequence[Any]], str]
    urgent: bool = False
    council: Callable[[Any], Any] | None = None
    texts: Callable[[Any], Iterable[str]] | None = None


@dataclass(frozen=True)
class Item:
    """A kind of work in a queue.

    `name` is its object_type in the audit log and its line in `flask tick`'s report. `is_open` says what is still
    to be worked. `created` breaks ties between work due at the same moment. `told` says who is told when a clock
    runs out, and `overdue_action` is what the audit log records for each row then."""

    name: str
    model: type
    clocks: tuple[Clock, ...]
    is_open: Callable[[], ColumnElement[bool]]
    created: Column
    overdue_action: AuditAction | None = None
    told: Told | None = None
    closed: Column | None = None

    def clock(self, name: str) -> Clock:
        return next(c for c in self.clocks if c.name == name)

    def next_due(self) -> ColumnElement[Any]:
        """When the next clock of open work runs out; nothing for work that is done or closed (it goes last)."""
        return case(*((and_(self.is_open(), c.running()), c.due) for c in self.clocks), else_=None)

    def due_first(self) -> tuple[ColumnElement[Any], ...]:
        """Due first: the next clock to run out at the top, work with no clock left at the bottom."""
        next_due = self.next_due()
        return (next_due.is_(None), next_due, self.created, self.model.id)

    def overdue(self, now: datetime, today: date) -> ColumnElement[bool]:
        clauses = [c.overdue(now, today) for c in self.clocks]
        return and_(self.is_open(), or_(*clauses)) if clauses else false()

    def states(self, row: Any, now: datetime) -> dict[str, ClockState]:
        closed_at = getattr(row, self.closed.key) if self.closed is not None else None
        return {c.name: c.state(row, now, closed_at) for c in self.clocks}

    def restart(self, row: Any, clock_name: str, due: datetime | date) -> None:
        """The same clock starts again (a reply that says "still working on it" sets the next update's time): it
        is due anew, and will be told about anew."""
        clock = self.clock(clock_name)
        setattr(row, clock.due.key, due)
        if clock.told is not None:
            setattr(row, clock.told.key, None)


ITEMS: list[Item] = []


def declare(item: Item) -> Item:
    """Register a kind of work so `flask tick` checks its clocks. Returns the item, to keep in a module constant."""
    if any(known.name == item.name for known in ITEMS):
        ITEMS[:] = [known for known in ITEMS if known.name != item.name]
    ITEMS.append(item)
    return item
