"""Who may see which young person (allocated now, or by council or service), the same rule as query predicates,
and who may manage, invite and allocate staff. Every feature's own rules in app.access.features build on these."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import and_, false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app.models import Allocation, AllocationKind, Council, User, YoungPerson
from app.roles import ADVOCACY, COUNCIL_STAFF, YOUNG_PEOPLE, Role

ALLOCATION_KINDS_FOR_ROLE: dict[Role, frozenset[AllocationKind]] = {
    Role.practitioner: frozenset({AllocationKind.social_worker, AllocationKind.personal_adviser}),
    Role.reviewing_officer: frozenset({AllocationKind.reviewing_officer}),
    Role.advocate: frozenset({AllocationKind.advocate}),
}


def is_current(allocation: Allocation, today: date) -> bool:
    return allocation.started_on <= today and (allocation.ended_on is None or allocation.ended_on > today)


def can_see_young_person(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """May `user` open this young person's page at all? (What they then see is decided per item.)"""
    if user.role in YOUNG_PEOPLE:
        return young_person.user_id == user.id
    if user.role in (Role.duty, Role.council_admin):
        return young_person.council_id == user.council_id
    if user.role is Role.advocacy_manager:
        return young_person.council.advocacy_service_id == user.advocacy_service_id and any(
            a.kind is AllocationKind.advocate
            and is_current(a, today)
            and a.staff.advocacy_service_id == user.advocacy_service_id
            for a in allocations
        )
    kinds = ALLOCATION_KINDS_FOR_ROLE.get(user.role, frozenset())
    return any(a.staff_id == user.id and a.kind in kinds and is_current(a, today) for a in allocations)


def current_allocation_clause(today: date) -> ColumnElement[bool]:
    return and_(
        Allocation.started_on <= today,
        or_(Allocation.ended_on.is_(None), Allocation.ended_on > today),
    )


def allocated_now(user: User, kinds: Iterable[AllocationKind], today: date) -> Any:
    """The ids of the young people allocated to `user` now in one of `kinds`, as an uncorrelated list for queries:
    the database starts from the worker's own few allocations (an indexed IN list), not every young person."""
    return select(Allocation.young_person_id).where(
        Allocation.staff_id == user.id, Allocation.kind.in_(kinds), current_allocation_clause(today)
    )


def young_person_scope(user: User, today: date) -> ColumnElement[bool]:
    """The same rule as can_see_young_person, as a predicate on YoungPerson for queries."""
    if user.role in YOUNG_PEOPLE:
        return YoungPerson.user_id == user.id
    if user.role in (Role.duty, Role.council_admin):
        return YoungPerson.council_id == user.council_id
    # Both branches below start from the worker's own allocations (an indexed IN list) rather than an EXISTS
    # per young person, which SQLite would run against every young person in the country.
    if user.role is Role.advocacy_manager:
        served = select(Council.id).where(Council.advocacy_service_id == user.advocacy_service_id)
        with_our_advocate = (
            select(Allocation.young_person_id)
            .join(User, User.id == Allocation.staff_id)
            .where(
                User.advocacy_service_id == user.advocacy_service_id,
                Allocation.kind == AllocationKind.advocate,
                current_allocation_clause(today),
            )
        )
        return and_(YoungPerson.council_id.in_(served), YoungPerson.id.in_(with_our_advocate))
    kinds = ALLOCATION_KINDS_FOR_ROLE.get(user.role)
    if not kinds:
        return false()
    return YoungPerson.id.in_(allocated_now(user, kinds, today))


def can_manage_staff(actor: User, target: User) -> bool:
    """Council admins manage their council's staff; advocacy managers manage their service's advocates."""
    if actor.id == target.id:
        return False
    if actor.role is Role.council_admin:
        return target.role in COUNCIL_STAFF and target.council_id == actor.council_id
    if actor.role is Role.advocacy_manager:
        return target.role in ADVOCACY and target.advocacy_service_id == actor.advocacy_service_id
    return False


def roles_actor_may_invite(actor: User) -> frozenset[Role]:
    if actor.role is Role.council_admin:
        return frozenset(COUNCIL_STAFF)
    if actor.role is Role.advocacy_manager:
        return frozenset(ADVOCACY)
    return frozenset()


def can_invite_young_person(
    actor: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> bool:
    return actor.role is Role.practitioner and can_see_young_person(actor, young_person, allocations, today)


def can_allocate(actor: User, young_person: YoungPerson, staff: User, kind: AllocationKind) -> bool:
    """Council admins allocate their council's staff; advocacy managers allocate their own advocates."""
    if kind is AllocationKind.advocate:
        return (
            actor.role is Role.advocacy_manager
            and staff.role in ADVOCACY
            and staff.advocacy_service_id == actor.advocacy_service_id
            and young_person.council.advocacy_service_id == actor.advocacy_service_id
        )
    expected = {
        AllocationKind.social_worker: Role.practitioner,
        AllocationKind.personal_adviser: Role.practitioner,
        AllocationKind.reviewing_officer: Role.reviewing_officer,
    }[kind]
    return (
        actor.role is Role.council_admin
        and young_person.council_id == actor.council_id
        and staff.role is expected
        and staff.council_id == actor.council_id
    )
