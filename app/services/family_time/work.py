"""What a young person says about family time as work with a clock: their worker's reply, who is told when late,
and the worker's queue of what is waiting for them."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import Select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import family_time_reply_scope
from app.models import AllocationKind, AuditAction, FamilyTimeEntry, User, YoungPerson
from app.roles import Role
from app.services import audit, work_queue
from app.services._common import with_young_person
from app.services.errors import NotFound
from app.services.family_time._core import _current_staff
from app.services.people import allocations_with_staff


def reply_working_days() -> int:
    """[tool.orbit] family_time_reply_working_days: working days for the worker's reply, from when it was sent."""
    return int(current_app.config["ORBIT_RULES"].get("family_time_reply_working_days", 5))


def reply_due(sent_at: datetime) -> datetime:
    return work_queue.due_after(sent_at, working_days=reply_working_days())


def _workers(young_person_id: object) -> list[User]:
    allocations = allocations_with_staff(young_person_id)  # type: ignore[arg-type]
    workers = _current_staff(allocations, (AllocationKind.social_worker, AllocationKind.personal_adviser))
    return list({worker.id: worker for worker in workers}.values())


# Everything a young person says about a plan reaches their worker (the review and the advocate see only some of
# it), so every entry has a reply clock, stopped by the worker's first reply. Worked by the young person's social
# worker or personal adviser, allocated now, who are told once when it runs out.
FAMILY_TIME_REPLY = work_queue.declare(
    work_queue.Clock("reply", FamilyTimeEntry.reply_due_at, FamilyTimeEntry.replied_at),
    is_open=lambda: FamilyTimeEntry.replied_at.is_(None) & FamilyTimeEntry.reply_due_at.is_not(None),
    overdue_action=AuditAction.family_time_overdue,
    told=work_queue.Told(
        people=_workers,
        subject="Orbit: a young person is waiting for your reply about family time",
        body="A young person you work with said something about their family time in Orbit, and your reply is "
        "now overdue. Please reply: {base_url}/practitioner/family-time/waiting",
    ),
)


def _waiting_for(user: User) -> Select:
    """What a practitioner's young people said about family time that waits for the practitioner's reply."""
    if user.role is not Role.practitioner:
        raise NotFound
    return with_young_person(FamilyTimeEntry, family_time_reply_scope(user, clock.today()), FAMILY_TIME_REPLY.is_open())


def family_time_replies_waiting(user: User) -> work_queue.Tally:
    """The family time replies the practitioner owes, to count."""
    return work_queue.Tally(FAMILY_TIME_REPLY, _waiting_for(user))


def family_time_waiting(user: User, page: int = 1) -> work_queue.Page:
    """What the practitioner's young people said about family time that is waiting for their reply, the one due
    first at the top, a page at a time: rows with row.entry, row.young_person and the reply clock, row.reply."""
    found = work_queue.page_of(
        FAMILY_TIME_REPLY,
        _waiting_for(user),
        page,
        options=(joinedload(YoungPerson.user).load_only(User.locale),),
        names=("entry", "young_person"),
    )
    # The list shows names and what kind of thing each said (not their words), so one event records the look.
    audit.record(AuditAction.family_time_queue_viewed, actor=user, object_type="family_time_queue")
    return found
