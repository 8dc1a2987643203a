"""The statutory clocks of a complaint, as small pure functions (no database, no request).

The numbers come from [tool.orbit] (see the comments there for the regulations: the Children Act 1989
Representations Procedure (England) Regulations 2006, SI 2006/1738); the defaults below are the same numbers, so
the functions can be tested alone. Working days skip weekends and England's bank holidays (app.clock), which
include Christmas Day, Boxing Day and Good Friday as reg 2 requires, and keep the London clock time across the
clock change: a stage that starts on Friday at 16:00 is due at 16:00 on its last working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app import clock
from app.services._common import MIN_GROUP_SIZE

LAST_STAGE = 3


@dataclass(frozen=True)
class StageRules:
    # (usual working days, working days in all once extended), per stage. Stage 3's clock is the panel meeting.
    days: tuple[tuple[int, int], ...] = ((10, 20), (25, 65), (30, 30))  # regs 14, 17, 19(4)
    next_stage_days: int = 20  # to ask for the next stage after an answer (reg 14, reg 18)
    look_again_days: int = 5

    @classmethod
    def from_config(cls, rules: dict[str, Any]) -> StageRules:
        return cls(
            days=tuple(
                (
                    int(rules.get(f"complaint_stage{n}_working_days", usual)),
                    int(rules.get(f"complaint_stage{n}_extended_working_days", extended)),
                )
                for n, (usual, extended) in enumerate(cls.days, start=1)
            ),
            next_stage_days=int(rules.get("complaint_next_stage_working_days", cls.next_stage_days)),
            look_again_days=int(rules.get("look_again_working_days", cls.look_again_days)),
        )


def stage_due(stage: int, started_at: datetime, rules: StageRules = StageRules()) -> datetime:
    """When an answer at `stage` is due, for a stage that started at `started_at`."""
    return clock.add_working_days(started_at, rules.days[stage - 1][0])


def extended_due(stage: int, started_at: datetime, rules: StageRules = StageRules()) -> datetime:
    """The latest an answer may be once the stage is extended (counted from the start of the stage)."""
    return clock.add_working_days(started_at, rules.days[stage - 1][1])


def can_extend(stage: int, already_extended: bool, rules: StageRules = StageRules()) -> bool:
    """A stage can be extended once, and only where the regulations allow more time."""
    usual, extended = rules.days[stage - 1]
    return not already_extended and extended > usual


def next_stage_by(answered_at: datetime, rules: StageRules = StageRules()) -> datetime:
    """The last moment the young person may ask for the next stage after an answer."""
    return clock.add_working_days(answered_at, rules.next_stage_days)


def may_ask_next_stage(
    stage: int, answered_at: datetime | None, now: datetime, rules: StageRules = StageRules()
) -> bool:
    return stage < LAST_STAGE and answered_at is not None and now <= next_stage_by(answered_at, rules)


def look_again_due(asked_at: datetime, rules: StageRules = StageRules()) -> datetime:
    return clock.add_working_days(asked_at, rules.look_again_days)


def answered_on_time(due_at: datetime, answered_at: datetime | None) -> bool | None:
    """True or False once answered; None while waiting."""
    if answered_at is None:
        return None
    return answered_at <= due_at


def suppress(count: int, smallest: int = MIN_GROUP_SIZE) -> int | None:
    """Figures for fewer than `smallest` complaints are not shown (None), so no child can be picked out."""
    return count if count >= smallest else None
