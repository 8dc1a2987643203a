"""Overdue, told once: `flask tick` marks each clock that ran out and tells the people who work it, once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import Any

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.services import audit
from app.services.work_queue.items import ITEMS, Item


def flag_overdue(item: Item, limit: int = 500) -> int:
    """Mark each of the item's clocks that ran out and has not been told, once; tell each group once for all its
    rows; audit each row. Rows another machine is working on are skipped (SELECT ... FOR UPDATE SKIP LOCKED on
    PostgreSQL), so several machines may run this at once. Returns how many clocks were marked."""
    now = clock.now()
    today = clock.today()
    groups: dict[Hashable, list[Any]] = defaultdict(list)
    marked = 0
    for each in item.clocks:
        if each.told is None and each.level is None:
            continue
        where = [item.is_open(), each.running(), each.past_due(now, today)]
        if each.told is not None:
            where.append(each.told.is_(None))
        late = list(
            db.session.scalars(
                select(item.model).where(*where).order_by(each.due).limit(limit).with_for_update(skip_locked=True)
            )
        )
        for row in late:
            if each.level is not None and each.again_after is not None:
                setattr(row, each.level.key, getattr(row, each.level.key) + 1)
                setattr(row, each.due.key, now + each.again_after())
            else:
                setattr(row, each.told.key, now)
            if item.told_group is not None:
                groups[item.told_group(row)].append(row)
            if item.overdue_action is not None:
                audit.record(
                    item.overdue_action,
                    object_type=item.name,
                    object_id=row.id,
                    young_person_id=getattr(row, "young_person_id", None),
                )
        marked += len(late)
    if item.tell is not None:
        for group, rows in groups.items():
            item.tell(group, rows)
    return marked


def run_overdue() -> dict[str, int]:
    """Every declared item's overdue check, as `flask tick` runs it: {item name: clocks marked}."""
    return {item.name: flag_overdue(item) for item in ITEMS}
