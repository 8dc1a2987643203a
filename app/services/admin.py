"""Staff accounts and allocations, for council admins and advocacy managers. Admins read no child's content."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import can_allocate, can_manage_staff, current_allocation_clause, young_person_scope
from app.extensions import db
from app.models import Allocation, AllocationKind, AuditAction, Invite, InviteKind, User, YoungPerson
from app.roles import ADVOCACY, COUNCIL_STAFF, Role
from app.services import audit, auth
from app.services._common import one_or_not_found
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address

ADMIN_ROLES = frozenset({Role.council_admin, Role.advocacy_manager})


@dataclass(frozen=True)
class StaffRow:
    """One account in the staff list, as the list shows it."""

    id: uuid.UUID
    role: Role
    full_name: str
    email: str | None
    disabled: bool
    second_factor_set_up: bool
    caseload: int


@dataclass(frozen=True)
class StaffOverview:
    staff: list[StaffRow]
    pending_invites: list[Invite]


def _managed_roles(actor: User) -> frozenset[Role]:
    if actor.role is Role.council_admin:
        return frozenset(COUNCIL_STAFF)
    if actor.role is Role.advocacy_manager:
        return frozenset(ADVOCACY)
    raise NotFound


def _managed_staff_clause(actor: User):
    roles = _managed_roles(actor)
    if actor.role is Role.council_admin:
        return (User.council_id == actor.council_id) & User.role.in_(roles)
    return (User.advocacy_service_id == actor.advocacy_service_id) & User.role.in_(roles)


def staff_overview(actor: User) -> StaffOverview:
    today = clock.today()
    # Counted per staff row (uses the staff_id index), never by grouping every allocation in the country.
    caseload = (
        select(func.count())
        .select_from(Allocation)
        .where(Allocation.staff_id == User.id, current_allocation_clause(today))
        .correlate(User)
        .scalar_subquery()
    )
    disabled = User.disabled_at.is_not(None)
    # Columns, not accounts: an advocacy service's list covers the staff of several councils.
    rows = db.session.execute(
        select(
            User.id,
            User.role,
            User.first_name,
            User.last_name,
            User.email,
            disabled,
            User.totp_confirmed_at.is_not(None),
            caseload,
        )
        .where(_managed_staff_clause(actor))
        .order_by(disabled, User.first_name, User.last_name)
    ).all()
    invite_scope = (
        Invite.council_id == actor.council_id
        if actor.role is Role.council_admin
        else Invite.advocacy_service_id == actor.advocacy_service_id
    )
    invites = db.session.scalars(
        select(Invite)
        .where(
            Invite.kind == InviteKind.staff,
            invite_scope,
            Invite.role.in_(_managed_roles(actor)),
            Invite.used_at.is_(None),
            Invite.revoked_at.is_(None),
            Invite.expires_at > clock.now(),
        )
        .order_by(Invite.created_at.desc())
    )
    staff = [
        StaffRow(user_id, role, f"{first} {last}".strip(), email, bool(off), bool(set_up), n)
        for user_id, role, first, last, email, off, set_up, n in rows
    ]
    return StaffOverview(staff=staff, pending_invites=list(invites))


def invite_staff(actor: User, *, role: Role, first_name: str, last_name: str, email: str, join_url_for) -> Invite:
    """Create a staff invite and put the link in the outbox. `join_url_for(token)` builds the link."""
    if not first_name.strip():
        raise Refused("first_name_missing", "first_name")
    token, invite = auth.create_staff_invite(actor, role, first_name, last_name, email)
    queue_to_address(
        invite.email or "",
        "You have been invited to Orbit",
        f"{actor.full_name} has invited you to Orbit. Set your password here within 14 days: {join_url_for(token)}",
        urgent=True,
        council_id=actor.council_id,
    )
    return invite


def _managed_user(actor: User, user_id: uuid.UUID) -> User:
    target = db.session.get(User, user_id)
    if target is None or not can_manage_staff(actor, target):
        raise NotFound
    return target


def set_disabled(actor: User, user_id: uuid.UUID, *, disabled: bool) -> User:
    target = _managed_user(actor, user_id)
    if disabled and target.disabled_at is None:
        target.disabled_at = clock.now()
        auth.revoke_all_sessions(target)
        audit.record(AuditAction.account_disabled, actor=actor, object_type="user", object_id=target.id)
    elif not disabled and target.disabled_at is not None:
        target.disabled_at = None
        audit.record(AuditAction.account_enabled, actor=actor, object_type="user", object_id=target.id)
    return target


def allocation_kinds_for(actor: User, young_person: YoungPerson) -> list[AllocationKind]:
    if actor.role is Role.advocacy_manager:
        return [AllocationKind.advocate]
    adult = clock.today() >= young_person.adult_on
    first = AllocationKind.personal_adviser if adult else AllocationKind.social_worker
    return [first, AllocationKind.reviewing_officer]


@dataclass(frozen=True)
class AllocationSlot:
    kind: AllocationKind
    current: Allocation | None
    choices: list[User]


@dataclass(frozen=True)
class AllocationPage:
    young_person: YoungPerson
    slots: list[AllocationSlot]


def _eligible_staff(actor: User, kind: AllocationKind) -> list[User]:
    role = {
        AllocationKind.social_worker: Role.practitioner,
        AllocationKind.personal_adviser: Role.practitioner,
        AllocationKind.reviewing_officer: Role.reviewing_officer,
        AllocationKind.advocate: Role.advocate,
    }[kind]
    owner = (
        User.council_id == actor.council_id
        if actor.role is Role.council_admin
        else User.advocacy_service_id == actor.advocacy_service_id
    )
    roles = {role, Role.advocacy_manager} if kind is AllocationKind.advocate else {role}
    return list(
        db.session.scalars(
            select(User)
            .where(owner, User.role.in_(roles), User.disabled_at.is_(None))
            .order_by(User.first_name, User.last_name)
        )
    )


def young_person_for_admin(actor: User, young_person_id: uuid.UUID) -> YoungPerson:
    if actor.role not in ADMIN_ROLES:
        raise NotFound
    young_person = one_or_not_found(
        select(YoungPerson)
        .options(joinedload(YoungPerson.council))
        .where(YoungPerson.id == young_person_id, young_person_scope(actor, clock.today()))
    )
    return young_person


def allocation_page(actor: User, young_person_id: uuid.UUID) -> AllocationPage:
    young_person = young_person_for_admin(actor, young_person_id)
    today = clock.today()
    current = {
        a.kind: a
        for a in db.session.scalars(
            select(Allocation)
            .options(joinedload(Allocation.staff))
            .where(Allocation.young_person_id == young_person.id, current_allocation_clause(today))
        )
    }
    slots = [
        AllocationSlot(kind, current.get(kind), _eligible_staff(actor, kind))
        for kind in allocation_kinds_for(actor, young_person)
    ]
    audit.record_young_person(AuditAction.young_person_viewed, actor, young_person.id, "allocations")
    return AllocationPage(young_person, slots)


def allocate(actor: User, young_person_id: uuid.UUID, kind: AllocationKind, staff_id: uuid.UUID | None) -> None:
    """Give this young person a new worker of `kind` (or none), ending the current one today."""
    young_person = young_person_for_admin(actor, young_person_id)
    if kind not in allocation_kinds_for(actor, young_person):
        raise Refused("kind_not_allowed", "kind")
    staff = db.session.get(User, staff_id) if staff_id else None
    if staff_id and (
        staff is None or staff.disabled_at is not None or not can_allocate(actor, young_person, staff, kind)
    ):
        raise Refused("staff_not_allowed", "staff")
    today = clock.today()
    current = db.session.scalar(
        select(Allocation)
        .where(
            Allocation.young_person_id == young_person.id,
            Allocation.kind == kind,
            current_allocation_clause(today),
        )
        .with_for_update()
    )
    if current is not None and staff is not None and current.staff_id == staff.id:
        return
    if current is not None:
        current.ended_on = today
    if staff is not None:
        db.session.add(Allocation(young_person_id=young_person.id, staff_id=staff.id, kind=kind, started_on=today))
    audit.record_young_person(AuditAction.allocation_changed, actor, young_person.id, "young_person")
