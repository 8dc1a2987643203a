"""The statutory complaint clocks (SI 2006/1738) across weekends, bank holidays and the clock change."""

from __future__ import annotations

from datetime import UTC, datetime

from app import clock
from app.services.complaints import rules


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_working_days_skip_christmas_boxing_day_and_good_friday() -> None:
    # Reg 2: not Christmas Day, Boxing Day, Good Friday or a bank holiday.
    for day in ("2026-12-25", "2026-12-28", "2027-03-26", "2027-03-29", "2027-01-01", "2027-12-27", "2027-12-28"):
        assert not clock.is_working_day(datetime.fromisoformat(day).date()), day
    assert clock.is_working_day(datetime.fromisoformat("2026-12-24").date())


def test_stage_one_is_ten_working_days_over_a_weekend() -> None:
    # Monday 16 November 2026: two weekends inside, no bank holiday.
    assert rules.stage_due(1, utc(2026, 11, 16, 10, 30)) == utc(2026, 11, 30, 10, 30)


def test_stage_one_over_christmas_and_new_year() -> None:
    # Friday 18 December 2026 at 16:00: Christmas Day, Boxing Day (observed Monday 28th) and New Year's Day skipped.
    assert rules.stage_due(1, utc(2026, 12, 18, 16)) == utc(2027, 1, 6, 16)
    assert rules.extended_due(1, utc(2026, 12, 18, 16)) == utc(2027, 1, 20, 16)


def test_stage_one_over_easter_and_the_clock_change_keeps_london_time() -> None:
    # Wednesday 24 March 2027 at 10:00 GMT; Good Friday 26th, the clocks go forward on the 28th, Easter Monday 29th.
    due = rules.stage_due(1, utc(2027, 3, 24, 10))
    assert due == utc(2027, 4, 9, 9)  # 10:00 in London, now BST
    assert due.astimezone(clock.LONDON).hour == 10


def test_stage_two_is_25_working_days_extendable_to_65() -> None:
    started = utc(2026, 11, 16, 10, 30)
    assert rules.stage_due(2, started) == utc(2026, 12, 21, 10, 30)
    # 65 working days: past Christmas, Boxing Day and New Year's Day.
    assert rules.extended_due(2, started) == utc(2027, 2, 18, 10, 30)


def test_stage_three_panel_meets_within_30_working_days_and_cannot_be_extended() -> None:
    # Christmas Day and Boxing Day (observed Monday 28th) are not working days.
    assert rules.stage_due(3, utc(2026, 11, 16, 10, 30)) == utc(2026, 12, 30, 10, 30)
    assert not rules.can_extend(3, already_extended=False)
    assert rules.can_extend(1, already_extended=False)
    assert not rules.can_extend(1, already_extended=True)


def test_next_stage_window_is_20_working_days_after_the_answer() -> None:
    answered = utc(2026, 12, 18, 16)
    last = rules.next_stage_by(answered)
    assert last == utc(2027, 1, 20, 16)
    assert rules.may_ask_next_stage(1, answered, last, rules.StageRules())
    assert not rules.may_ask_next_stage(1, answered, utc(2027, 1, 20, 16, 1), rules.StageRules())
    assert not rules.may_ask_next_stage(3, answered, answered, rules.StageRules())
    assert not rules.may_ask_next_stage(1, None, answered, rules.StageRules())


def test_look_again_is_five_working_days_by_default_and_configurable() -> None:
    friday = utc(2026, 11, 20, 15)
    assert rules.look_again_due(friday) == utc(2026, 11, 27, 15)
    three = rules.StageRules.from_config({"look_again_working_days": 3})
    assert rules.look_again_due(friday, three) == utc(2026, 11, 25, 15)


def test_configuration_overrides_the_regulation_defaults() -> None:
    configured = rules.StageRules.from_config(
        {"complaint_stage1_working_days": 5, "complaint_next_stage_working_days": 1}
    )
    assert configured.days[0] == (5, 20)
    assert rules.stage_due(1, utc(2026, 11, 16, 10), configured) == utc(2026, 11, 23, 10)


def test_on_time_and_suppression() -> None:
    due = utc(2026, 11, 30, 10)
    assert rules.answered_on_time(due, None) is None
    assert rules.answered_on_time(due, due) is True
    assert rules.answered_on_time(due, utc(2026, 11, 30, 10, 1)) is False
    assert rules.suppress(9) is None
    assert rules.suppress(10) == 10


def test_every_new_moment_gives_the_request_a_topic() -> None:
    from app.models import OfferReason, RequestTopic
    from app.services.advocacy.rules import TOPIC_FOR_REASON
    from app.services.moments import MOMENT_REASONS

    assert TOPIC_FOR_REASON.keys() >= MOMENT_REASONS
    assert TOPIC_FOR_REASON[OfferReason.complaint_made] is RequestTopic.unhappy
