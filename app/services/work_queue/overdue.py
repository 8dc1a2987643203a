"""Overdue, told once: `flask tick` marks each clock that ran out and tells the people who work it, once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import Any

from flask import current_app
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Channel
from app.services import audit
from app.services._common import base_url
from app.services.notifications import queue_to_address
from app.services.work_queue.items import ITEMS, Item


def flag_overdue(item: Item, limit: int = 500) -> int:
    """Mark each of the item's clocks that ran out and has not been told, once; tell each person of a group once
    for all its rows; audit each row. Rows another machine is working on are skipped (SELECT ... FOR UPDATE SKIP
    LOCKED on PostgreSQL), so several machines may run this at once. Returns how many clocks were marked."""
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
            if item.told is not None:
                groups[item.told.group(row)].append(row)
            if item.overdue_action is not None:
                audit.record(
                    item.overdue_action,
                    object_type=item.name,
                    object_id=row.id,
                    young_person_id=getattr(row, "young_person_id", None),
                )
        marked += len(late)
    for group, rows in groups.items():
        _tell(item, group, rows)
    return marked


def _tell(item: Item, group: Hashable, rows: list[Any]) -> None:
    told = item.told
    assert told is not None
    body = told.body(group, rows) if callable(told.body) else told.body
    body = body.replace("{base_url}", base_url())
    council_id = told.council(group) if told.council is not None else None
    sent: set[str] = set()
    for person in told.people(group):
        user = None if isinstance(person, str) else person
        address = person if user is None else (user.email if user.is_active else None)
        if address and address not in sent:
            sent.add(address)
            queue_to_address(address, told.subject, body, user, urgent=told.urgent, council_id=council_id)
    if told.texts is not None and current_app.config["ORBIT_SETTINGS"].sends_texts:
        for number in dict.fromkeys(told.texts(group)):
            queue_to_address(number, told.subject, body, urgent=told.urgent, channel=Channel.sms, council_id=council_id)


def run_overdue() -> dict[str, int]:
    """Every declared item's overdue check, as `flask tick` runs it: {item name: clocks marked}."""
    return {item.name: flag_overdue(item) for item in ITEMS}
