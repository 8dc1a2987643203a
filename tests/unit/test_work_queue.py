"""The work queue's clocks: working days across a weekend, a bank holiday and the clock change; clock hours; the
five states, for clocks due at a time and clocks due on a day."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.dialects import postgresql

from app.models import InformationRequest, ReconnectRequest
from app.services import work_queue

LONDON = ZoneInfo("Europe/London")


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Friday 16:00 -> Monday 16:00: the weekend does not count.
        (london(2026, 11, 20, 16, 0), 1, london(2026, 11, 23, 16, 0)),
        # Thursday 24 December: Christmas (Friday) and Boxing Day's substitute (Monday 28th) are bank holidays.
        (london(2026, 12, 24, 9, 30), 1, london(2026, 12, 29, 9, 30)),
        # Across the clock change (Sunday 25 October 2026): London clock time is kept, UTC moves by an hour.
        (london(2026, 10, 23, 16, 0), 1, london(2026, 10, 26, 16, 0)),
        # Five working days from a Wednesday, over a weekend.
        (london(2026, 11, 18, 10, 30), 5, london(2026, 11, 25, 10, 30)),
    ],
)
def test_working_days_skip_weekends_and_bank_holidays_and_keep_london_time(start, days, due) -> None:
    got = work_queue.due_after(start.astimezone(UTC), working_days=days)
    assert got == due
    assert got.astimezone(LONDON).hour == start.hour


def test_the_clock_change_moves_utc_not_the_london_time() -> None:
    friday = london(2026, 10, 23, 16, 0).astimezone(UTC)
    monday = work_queue.due_after(friday, working_days=1)
    assert friday.hour == 15 and monday.hour == 16  # 16:00 BST is 15:00 UTC; 16:00 GMT is 16:00 UTC


def test_clock_hours_run_through_the_weekend() -> None:
    friday_night = london(2026, 11, 20, 22, 0).astimezone(UTC)
    assert work_queue.due_after(friday_night, hours=4) == london(2026, 11, 21, 2, 0)


def test_a_clock_runs_in_working_days_or_hours_never_both_or_neither() -> None:
    with pytest.raises(ValueError):
        work_queue.due_after(datetime(2026, 11, 18, tzinfo=UTC))
    with pytest.raises(ValueError):
        work_queue.due_after(datetime(2026, 11, 18, tzinfo=UTC), working_days=1, hours=4)


def test_the_five_states_of_a_clock_due_at_a_time() -> None:
    due = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
    state = work_queue.clock_state
    assert state(due, None, None, due - timedelta(minutes=1)).state == "running"
    assert state(due, None, None, due).state == "overdue"
    assert state(due, None, None, due).overdue
    assert state(due, due - timedelta(hours=1), None, due + timedelta(days=1)).state == "done"
    assert state(due, due + timedelta(hours=1), None, due + timedelta(days=1)).state == "late"
    assert state(due, None, due - timedelta(hours=1), due + timedelta(days=1)).state == "stopped"


def test_a_clock_due_on_a_day_is_overdue_from_the_next_day_in_london() -> None:
    due = date(2026, 11, 18)
    state = work_queue.clock_state
    last_minute = london(2026, 11, 18, 23, 59).astimezone(UTC)
    assert state(due, None, None, last_minute).state == "running"
    assert state(due, None, None, london(2026, 11, 19, 0, 1).astimezone(UTC)).state == "overdue"
    # Answered on the day, late in the evening in London (the next day in UTC in summer would not matter here).
    assert state(due, london(2026, 11, 18, 22, 0).astimezone(UTC), None, last_minute).state == "done"
    assert state(due, london(2026, 11, 19, 9, 0).astimezone(UTC), None, last_minute).state == "late"
    assert state(due, None, None, last_minute).by_day


def _sql(clause) -> str:
    return str(clause.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


def test_due_first_puts_the_next_clock_to_run_out_first_and_finished_work_last() -> None:
    item = work_queue.Item(
        name="example",
        model=InformationRequest,
        clocks=(work_queue.Clock("answer", InformationRequest.due_on, InformationRequest.answered_at, by_day=True),),
        is_open=lambda: InformationRequest.answered_at.is_(None),
        created=InformationRequest.created_at,
    )
    nulls_last, next_due, created, row_id = item.due_first()
    assert "CASE WHEN" in _sql(next_due) and "information_requests.due_on" in _sql(next_due)
    assert _sql(nulls_last).endswith("IS NULL")
    assert created is InformationRequest.created_at and row_id is InformationRequest.id


def test_a_day_clock_is_overdue_after_its_day_and_a_time_clock_at_its_time() -> None:
    now = datetime(2026, 11, 18, 10, 30, tzinfo=UTC)
    by_day = work_queue.Clock("answer", InformationRequest.due_on, InformationRequest.answered_at, by_day=True)
    at_time = work_queue.Clock("reply", ReconnectRequest.due_at)
    assert "information_requests.due_on < '2026-11-18'" in _sql(by_day.past_due(now, date(2026, 11, 18)))
    assert "reconnect_requests.due_at <=" in _sql(at_time.past_due(now, date(2026, 11, 18)))


def test_declaring_an_item_twice_keeps_one() -> None:
    before = list(work_queue.ITEMS)
    item = work_queue.Item(
        name="example_declared_twice",
        model=ReconnectRequest,
        clocks=(work_queue.Clock("reply", ReconnectRequest.due_at, told=ReconnectRequest.overdue_told_at),),
        is_open=lambda: ReconnectRequest.closed_at.is_(None),
        created=ReconnectRequest.created_at,
    )
    try:
        work_queue.declare(item)
        work_queue.declare(item)
        assert [i.name for i in work_queue.ITEMS].count("example_declared_twice") == 1
    finally:
        work_queue.ITEMS[:] = before


def test_an_item_made_from_its_clocks_takes_the_usual_for_the_rest() -> None:
    reply = work_queue.Clock("reply", ReconnectRequest.due_at)
    item = work_queue.Item((reply,))
    assert item.model is ReconnectRequest and item.name == "reconnect_request"
    assert item.created is ReconnectRequest.created_at and item.closed is ReconnectRequest.closed_at
    assert reply.told is ReconnectRequest.overdue_told_at
    assert _sql(item.is_open()) == "true"  # a clock only closing stops is always running
    answer = work_queue.Clock("answer", InformationRequest.due_on, InformationRequest.answered_at, by_day=True)
    told = work_queue.Told(people=lambda _group: [], subject="", body="")
    item = work_queue.Item((answer,), name="asked", created=InformationRequest.due_on, told=told)
    assert item.name == "asked" and item.created is InformationRequest.due_on and item.closed is None
    assert _sql(item.is_open()) == "information_requests.answered_at IS NULL"
    young_person_id = uuid.uuid4()
    assert told.group(InformationRequest(young_person_id=young_person_id)) == young_person_id  # told together


def test_declaring_from_clocks_registers_the_item_made_from_them() -> None:
    before = list(work_queue.ITEMS)
    try:
        item = work_queue.declare(work_queue.Clock("reply", ReconnectRequest.due_at), name="example_from_clocks")
        assert item in work_queue.ITEMS and item.model is ReconnectRequest
        with pytest.raises(TypeError):
            work_queue.declare(item, name="another")
    finally:
        work_queue.ITEMS[:] = before


# Every kind of work Orbit has, as its declaration resolves: a queue's defaults come from its model (created_at,
# closed_at, overdue_told_at), so a column added to a model later would change what its queue reads without its
# declaration changing. This list makes that a decision someone takes, not a side effect.
DECLARED = {
    (
        "advocacy_request",
        "AdvocacyRequest",
        "created_at",
        "closed_at",
        (
            ("acknowledge", "acknowledge_due_at", "acknowledged_at", "acknowledge_overdue_at", None),
            ("allocate", "allocate_due_at", "allocated_at", "allocate_overdue_at", None),
        ),
    ),
    (
        "complaint_stage",
        "ComplaintStageRecord",
        "started_at",
        None,
        (("answer", "due_at", "answered_at", "overdue_flagged_at", None),),
    ),
    (
        "family_time_entry",
        "FamilyTimeEntry",
        "created_at",
        None,
        (("reply", "reply_due_at", "replied_at", "overdue_told_at", None),),
    ),
    (
        "information_request",
        "InformationRequest",
        "created_at",
        None,
        (("answer", "due_on", "answered_at", "overdue_told_at", None),),
    ),
    (
        "look_again_request",
        "LookAgainRequest",
        "created_at",
        None,
        (("reply", "due_at", "answered_at", "overdue_flagged_at", None),),
    ),
    (
        "reconnect_request",
        "ReconnectRequest",
        "created_at",
        "closed_at",
        (("reply", "due_at", None, "overdue_told_at", None),),
    ),
    (
        "safety_alert",
        "SafetyAlert",
        "created_at",
        None,
        (("acknowledge", "escalate_at", "acknowledged_at", None, "escalation_level"),),
    ),
    (
        "support_request",
        "SupportRequest",
        "created_at",
        "closed_at",
        (("reply", "due_at", None, "overdue_told_at", None),),
    ),
}


def _key(column) -> str | None:
    return None if column is None else column.key


def test_every_kind_of_work_reads_the_columns_it_was_declared_with() -> None:
    from app import create_app

    create_app()  # every feature module declares its work when the app imports it
    resolved = {
        (
            item.name,
            item.model.__name__,
            _key(item.created),
            _key(item.closed),
            tuple((c.name, _key(c.due), _key(c.done), _key(c.told), _key(c.level)) for c in item.clocks),
        )
        for item in work_queue.ITEMS
    }
    assert resolved == DECLARED
