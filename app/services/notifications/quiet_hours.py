"""Quiet hours, in London time (Orbit's young people are in England): whole hours, perhaps across midnight."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DEFAULT_FROM, DEFAULT_UNTIL = 21, 8


def in_quiet_hours(moment: datetime, start: int, end: int) -> bool:
    if start == end:
        return False
    hour = moment.astimezone(LONDON).hour
    if start < end:
        return start <= hour < end
    return hour >= start or hour < end


def quiet_hours_end(moment: datetime, start: int, end: int) -> datetime:
    """`moment` itself if it is outside quiet hours, or else when they end (UTC)."""
    if not in_quiet_hours(moment, start, end):
        return moment
    local = moment.astimezone(LONDON)
    ends = datetime.combine(local.date(), time(end), LONDON)
    if ends <= local:
        ends = datetime.combine(local.date() + timedelta(days=1), time(end), LONDON)
    return ends.astimezone(UTC)
