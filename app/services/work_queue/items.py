"""What a feature declares about its work: the item, its clocks, what is still open, and who is told when late."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from app.extensions import db
from app.models import AuditAction, User
from app.services.work_queue.clocks import ClockState, clock_state

Column = Any  # a mapped column of the item's model, such as AdvocacyRequest.acknowledge_due_at


@dataclass(frozen=True)
class Clock:
    """One clock on a piece of work.

    `due` holds when it is due (a time, or a day when `by_day`); `done` is set when the work the clock times is
    done (None: only closing stops it). `told` is set once, by `flask tick`, when the clock runs out and someone
    has been told; it defaults to the model's `overdue_told_at`, when it has one. A clock that tells again every
    period (safety alerts) has `again_after` and a `level` column counting the times instead: each time it moves
    `due` on by the period."""

    name: str
    due: Column
    done: Column | None = None
    told: Column | None = None
    by_day: bool = False
    again_after: Callable[[], timedelta] | None = None
    level: Column | None = None

    def __post_init__(self) -> None:
        if self.told is None and self.level is None:
            object.__setattr__(self, "told", getattr(self.model, "overdue_told_at", None))

    @property
    def model(self) -> type:
        """The model whose columns the clock reads."""
        return self.due.class_

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
    the group's rows; by default a young person's rows are a group. `body` may hold {base_url}; a function of
    (group, rows) when the words depend on them.
    `urgent` sends at once rather than gathered with the person's other news; `council(group)` names the council
    the messages are for; `texts(group)` gives mobile numbers that get the same words as a text, when the sender
    can send texts. Messages never carry names or what anyone wrote: who and what are only seen inside Orbit."""

    people: Callable[[Any], Iterable[Any]]
    subject: str
    body: str | Callable[[Any, Sequence[Any]], str]
    group: Callable[[Any], Hashable] = lambda row: row.young_person_id
    urgent: bool = False
    council: Callable[[Any], Any] | None = None
    texts: Callable[[Any], Iterable[str]] | None = None

    @classmethod
    def to_user(cls, user_of: Callable[[Any], User | None], subject: str, body: str) -> Told:
        """Told to the one user each row names (such as the reviewing officer allocated now): one message for all
        their late rows; nobody when a row names no one or its user may no longer sign in."""
        return cls(people=_active_user, subject=subject, body=body, group=lambda row: _id_of(user_of(row)))


def _id_of(user: User | None) -> Hashable:
    return user.id if user is not None else None


def _active_user(user_id: Any) -> list[User]:
    user = db.session.get(User, user_id) if user_id is not None else None
    return [user] if user is not None and user.is_active else []


@dataclass(frozen=True)
class Item:
    """A kind of work in a queue: its clocks, and what differs from the usual for the rest.

    `model` is the clocks' model. `name` is its object_type in the audit log and its line in `flask tick`'s report:
    the model's name in snake_case unless given. `is_open` says what is still to be worked: unless given, work
    with a clock still running. `created` breaks ties between work due at the same moment: the model's
    `created_at` unless given. `closed` stops the clocks: the model's `closed_at`, when it has one. `told` says
    who is told when a clock runs out, and `overdue_action` is what the audit log records for each row then."""

    clocks: tuple[Clock, ...]
    model: type | None = None
    name: str = ""
    is_open: Callable[[], ColumnElement[bool]] | None = None
    created: Column | None = None
    overdue_action: AuditAction | None = None
    told: Told | None = None
    closed: Column | None = None

    def __post_init__(self) -> None:
        model = self.model or self.clocks[0].model
        defaults = {
            "model": model,
            "name": self.name or _snake_case(model.__name__),
            "is_open": self.is_open or self._a_clock_running,
            "created": model.created_at if self.created is None else self.created,
            "closed": getattr(model, "closed_at", None) if self.closed is None else self.closed,
        }
        for field_name, value in defaults.items():
            object.__setattr__(self, field_name, value)

    def _a_clock_running(self) -> ColumnElement[bool]:
        return or_(*(c.running() for c in self.clocks))

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


def _snake_case(name: str) -> str:
    """FamilyTimeEntry -> family_time_entry."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


ITEMS: list[Item] = []


def declare(item: Item | Clock, *clocks: Clock, **overrides: Any) -> Item:
    """Register a kind of work so `flask tick` checks its clocks. Returns the item, to keep in a module constant.
    Given its clocks rather than an item, it is made from them and `overrides`: Item's fields that differ."""
    if isinstance(item, Clock):
        item = Item((item, *clocks), **overrides)
    elif clocks or overrides:
        raise TypeError("an item is declared as it is, or made from its clocks and what differs")
    if any(known.name == item.name for known in ITEMS):
        ITEMS[:] = [known for known in ITEMS if known.name != item.name]
    ITEMS.append(item)
    return item
