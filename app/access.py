"""Who may see or change what, in one place.

Every route declares who may use it with one of the decorators below; create_app refuses any request to a
route without a declaration, and a test walks app.url_map to make sure none is missing. Object-level rules
(may this person see this young person?) are the functions and query predicates further down, used by services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import and_, exists, false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app.models import Allocation, AllocationKind, Audience, Council, PersonWhoMatters, User, YoungPerson
from app.roles import ADVOCACY, COUNCIL_STAFF, STAFF, YOUNG_PEOPLE, Role

F = TypeVar("F", bound=Callable[..., Any])

ACCESS_ATTRIBUTE = "__orbit_access__"


@dataclass(frozen=True)
class RouteRule:
    """Who may open a route. `public` routes need no sign-in; all others need one of `roles`."""

    public: bool
    roles: frozenset[Role]
    before_second_factor: bool = False

    def allows(self, role: Role) -> bool:
        return self.public or role in self.roles


def _declare(rule: RouteRule) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        setattr(view, ACCESS_ATTRIBUTE, rule)
        return view

    return decorate


def public_route(view: F) -> F:
    return _declare(RouteRule(public=True, roles=frozenset()))(view)


def roles_allowed(*roles: Role | Iterable[Role], before_second_factor: bool = False) -> Callable[[F], F]:
    flat: set[Role] = set()
    for item in roles:
        if isinstance(item, Role):
            flat.add(item)
        else:
            flat.update(item)
    return _declare(RouteRule(public=False, roles=frozenset(flat), before_second_factor=before_second_factor))


def any_signed_in(view: F) -> F:
    return roles_allowed(set(Role))(view)


def young_people_only(view: F) -> F:
    return roles_allowed(YOUNG_PEOPLE)(view)


def rule_for(view: Callable[..., Any] | None) -> RouteRule | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)


# Object-level rules -------------------------------------------------------------------------------------


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
            a.kind is AllocationKind.advocate and is_current(a, today) for a in allocations
        )
    kinds = ALLOCATION_KINDS_FOR_ROLE.get(user.role, frozenset())
    return any(a.staff_id == user.id and a.kind in kinds and is_current(a, today) for a in allocations)


def current_allocation_clause(today: date) -> ColumnElement[bool]:
    return and_(
        Allocation.started_on <= today,
        or_(Allocation.ended_on.is_(None), Allocation.ended_on > today),
    )


def young_person_scope(user: User, today: date) -> ColumnElement[bool]:
    """The same rule as can_see_young_person, as a predicate on YoungPerson for queries."""
    if user.role in YOUNG_PEOPLE:
        return YoungPerson.user_id == user.id
    if user.role in (Role.duty, Role.council_admin):
        return YoungPerson.council_id == user.council_id
    if user.role is Role.advocacy_manager:
        served = select(Council.id).where(Council.advocacy_service_id == user.advocacy_service_id)
        has_advocate = exists().where(
            Allocation.young_person_id == YoungPerson.id,
            Allocation.kind == AllocationKind.advocate,
            current_allocation_clause(today),
        )
        return and_(YoungPerson.council_id.in_(served), has_advocate)
    kinds = ALLOCATION_KINDS_FOR_ROLE.get(user.role)
    if not kinds:
        return false()
    return exists().where(
        Allocation.young_person_id == YoungPerson.id,
        Allocation.staff_id == user.id,
        Allocation.kind.in_(kinds),
        current_allocation_clause(today),
    )


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


# People who matter ------------------------------------------------------------------------------------

# Which of a young person's sharing choices lets each role see a person. Other roles never see people.
AUDIENCE_FOR_ROLE: dict[Role, Audience] = {
    Role.advocate: Audience.advocate,
    Role.practitioner: Audience.practitioner,
    Role.reviewing_officer: Audience.review,
}

# The allocation that puts a name to each audience for the young person ("Priya, your social worker").
ALLOCATION_KINDS_FOR_AUDIENCE: dict[Audience, tuple[AllocationKind, ...]] = {
    Audience.advocate: (AllocationKind.advocate,),
    Audience.practitioner: (AllocationKind.social_worker, AllocationKind.personal_adviser),
    Audience.review: (AllocationKind.reviewing_officer,),
}


def people_audience(role: Role) -> Audience | None:
    return AUDIENCE_FOR_ROLE.get(role)


def owns_young_person(user: User, young_person: YoungPerson) -> bool:
    """Only the young person themselves adds, changes, shares, ends or deletes their people."""
    return user.role in YOUNG_PEOPLE and young_person.user_id == user.id


def can_see_person(
    user: User,
    person: PersonWhoMatters,
    young_person: YoungPerson,
    allocations: Iterable[Allocation],
    today: date,
) -> bool:
    """The young person sees all their own people; staff see a person only if it was shared with their role
    and they may see the young person at all (allocated now)."""
    if person.young_person_id != young_person.id:
        return False
    if user.role in YOUNG_PEOPLE:
        return owns_young_person(user, young_person)
    audience = people_audience(user.role)
    return (
        audience is not None
        and audience in person.audiences
        and can_see_young_person(user, young_person, allocations, today)
    )


def may_see_shared_people(
    user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> bool:
    """May this member of staff open a young person's "people who matter" page (showing only what was shared)?"""
    return people_audience(user.role) is not None and can_see_young_person(user, young_person, allocations, today)


def shared_with_clause(role: Role) -> ColumnElement[bool]:
    """The same rule as can_see_person's sharing part, as a predicate on PersonWhoMatters for queries."""
    audience = people_audience(role)
    if audience is None:
        return false()
    return getattr(PersonWhoMatters, f"shared_with_{audience.value}").is_(True)


def shared_with_anyone_clause() -> ColumnElement[bool]:
    return or_(*(getattr(PersonWhoMatters, f"shared_with_{a.value}").is_(True) for a in Audience))


def can_answer_reconnect(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """Reconnect requests go to the young person's social worker or personal adviser, who must reply."""
    return user.role is Role.practitioner and can_see_young_person(user, young_person, allocations, today)


def reconnect_scope(user: User, today: date) -> ColumnElement[bool]:
    """The same rule as can_answer_reconnect, as a predicate on YoungPerson for queries."""
    if user.role is not Role.practitioner:
        return false()
    return young_person_scope(user, today)


def can_see_people_count(user: User) -> bool:
    """The council-level count of enduring relationships is for council admins only, and only as a count."""
    return user.role is Role.council_admin and user.council_id is not None


__all__ = ["STAFF", "RouteRule"]
