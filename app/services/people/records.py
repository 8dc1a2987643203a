"""A young person's records as the services reach them: one record (a person, a plan, a request) by id, for the
young person it belongs to or a practitioner who may act on it; the young person for the staff who work with them;
NotFound for anyone else, whether it exists or not. Also: the audit event for staff, and a request's reply clock
and the worker's reply to it."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload
from sqlalchemy.orm.interfaces import ORMOption

from app import clock
from app.access import owns_young_person
from app.models import Allocation, AuditAction, User, YoungPerson
from app.models.base import RepliedRequest
from app.roles import YOUNG_PEOPLE, Role
from app.services import work_queue
from app.services._common import choice, one_by_id, one_or_not_found, young_persons_rows
from app.services.errors import NotFound, Refused

# A model with `id`, `young_person_id` and a `young_person` relationship.
R = TypeVar("R")
# A request's status: the young person's `sent`, and what a worker's reply may say.
S = TypeVar("S", bound=enum.Enum)
# A rule from app.access: may this user, with these allocations, work with this young person today?
StaffRule = Callable[[User, YoungPerson, list[Allocation], date], bool]


def allocations_with_staff(young_person_id: uuid.UUID) -> list[Allocation]:
    """Every allocation of this young person (current and ended), with the worker loaded."""
    return young_persons_rows(Allocation, young_person_id, Allocation.staff)


def own_record(user: User, model: type[R], record_id: uuid.UUID, *options: ORMOption, for_update: bool = False) -> R:
    """One of the acting young person's own records, with its young person and their council (and what `options`
    load), or NotFound (whether it is someone else's or not there)."""
    if user.role not in YOUNG_PEOPLE:
        raise NotFound
    table: Any = model
    query = (
        select(model)
        .join(YoungPerson, YoungPerson.id == table.young_person_id)
        .options(contains_eager(table.young_person).joinedload(YoungPerson.council), *options)
        .where(table.id == record_id, YoungPerson.user_id == user.id)
    )
    record: Any = one_or_not_found(query, for_update=for_update, of=model)
    if not owns_young_person(user, record.young_person):
        raise NotFound
    return record


def record_for_practitioner(
    user: User,
    model: type[R],
    record_id: uuid.UUID,
    options: Sequence[ORMOption],
    may_act: Callable[[R, list[Allocation]], bool],
    *,
    for_update: bool = False,
) -> tuple[R, list[Allocation]]:
    """A record by id (with what `options` load) and its young person's allocations, for a practitioner whom
    `may_act` allows to act on it with those allocations; otherwise NotFound."""
    if user.role is not Role.practitioner:
        raise NotFound
    record: Any = one_by_id(model, record_id, *options, for_update=for_update)
    allocations = allocations_with_staff(record.young_person_id)
    if not may_act(record, allocations):
        raise NotFound
    return record, allocations


def practitioner_finder(
    model: type[R], may_act: Callable[[User, R, list[Allocation], date], bool], *options: ORMOption
) -> Callable[..., tuple[R, list[Allocation]]]:
    """How a practitioner finds one kind of record: `find(user, record_id, for_update=False)` gives the record (with
    its young person and their council, and what `options` load) and the young person's allocations, when
    `may_act(user, record, allocations, today)` allows; otherwise NotFound."""
    table: Any = model
    loads = (joinedload(table.young_person).joinedload(YoungPerson.council), *options)

    def find(user: User, record_id: uuid.UUID, *, for_update: bool = False) -> tuple[R, list[Allocation]]:
        return record_for_practitioner(
            user,
            model,
            record_id,
            loads,
            lambda record, allocations: may_act(user, record, allocations, clock.today()),
            for_update=for_update,
        )

    return find


def young_person_for_staff(
    user: User, young_person_id: uuid.UUID, rule: StaffRule, *options: ORMOption
) -> tuple[YoungPerson, list[Allocation]]:
    """A young person this member of staff may work with under `rule` (from app.access), with their council (or
    what `options` load), and their allocations; NotFound when missing or not theirs."""
    if user.role in YOUNG_PEOPLE:
        raise NotFound
    young_person = one_by_id(YoungPerson, young_person_id, *(options or (joinedload(YoungPerson.council),)))
    allocations = allocations_with_staff(young_person.id)
    if not rule(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person, allocations


def replied_request_item(
    *,
    model: type[RepliedRequest],
    open_statuses: tuple[enum.Enum, ...],
    overdue_action: AuditAction,
    workers: Callable[[list[Allocation]], Iterable[User]],
    subject: str,
    body: str,
) -> work_queue.Item:
    """A young person's request as work with one reply clock (`due_at`), open while its status is one of
    `open_statuses`. When the clock runs out, `workers` (from the young person's allocations) are told once."""
    table: Any = model
    return work_queue.Item(
        (work_queue.Clock("reply", table.due_at),),
        is_open=lambda: table.status.in_(open_statuses),
        overdue_action=overdue_action,
        told=work_queue.Told(
            people=lambda young_person_id: workers(allocations_with_staff(young_person_id)),
            subject=subject,
            body=body,
        ),
    )


def reply_status(request: Any, statuses: type[S], chosen: str, *, closed: str, missing: str, field: str) -> S:
    """The status a worker's reply gives a request that is still open: one of `statuses`, but not `sent`."""
    if not request.is_open:
        raise Refused(closed)
    status = choice(statuses, chosen, missing, field)
    if status is statuses["sent"]:
        raise Refused(missing, field)
    return status


def next_update_or_close(
    item: work_queue.Item, request: RepliedRequest, still_working: bool, working_days: int, now: datetime
) -> None:
    """After a worker's reply: while they are still working on it the next update is due in `working_days` (and
    is told about anew when late); otherwise the request is closed and its clock stops."""
    if still_working:
        item.restart(request, "reply", work_queue.due_after(now, working_days=working_days))
    else:
        request.closed_at = now
