"""Scale data: each council's organisations, staff, young people, allocations, invites and audit trail."""

from __future__ import annotations

import hashlib
import math
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from app import clock
from app.models import (
    AdvocacyService,
    Allocation,
    AllocationKind,
    AuditAction,
    AuditEvent,
    AuditOutcome,
    Council,
    Invite,
    InviteKind,
    User,
    YoungPerson,
)
from app.roles import Role
from app.seed.scale.core import (
    ACCOUNT_SHARE,
    ADVOCATE_SHARE,
    CARE_LEAVER_SHARE,
    CHANGED_WORKER_SHARE,
    CHILD_HOMES,
    COUNCILS_PER_SERVICE,
    DUTY_PER_COUNCIL,
    FIRST_NAMES,
    INVITE_SHARE,
    LAST_NAMES,
    LEAVER_HOMES,
    LEFT_CARE_FROM,
    SLUG_PREFIX,
    STAFF_TOTP_SECRET,
    YOUNG_PEOPLE_PER_ADVOCATE,
    YOUNG_PEOPLE_PER_COUNCIL,
    YOUNG_PEOPLE_PER_PRACTITIONER,
    YOUNG_PEOPLE_PER_REVIEWING_OFFICER,
    Child,
    Context,
    CouncilData,
    Service,
    StaffMember,
    _table,
)


def council_sizes(young_people: int) -> list[int]:
    councils = max(1, round(young_people / YOUNG_PEOPLE_PER_COUNCIL))
    base, extra = divmod(young_people, councils)
    return [base + (1 if i < extra else 0) for i in range(councils)]


def _services(ctx: Context, councils: int) -> list[Service]:
    services = []
    for index in range(math.ceil(councils / COUNCILS_PER_SERVICE)):
        service = Service(ctx.new_id(), index, f"Independent Voices {index + 1:03d}", f"voices-{index + 1:03d}")
        ctx.add(
            _table(AdvocacyService),
            {"id": service.id, "name": service.name, "phone": "0800 000 0000", "created_at": ctx.now},
        )
        services.append(service)
    return services


def _council(ctx: Context, index: int, size: int, service: Service) -> CouncilData:
    slug = f"{SLUG_PREFIX}{index + 1:03d}"
    council = CouncilData(index, ctx.new_id(), f"Scale Council {index + 1:03d}", slug, size, service)
    ctx.add(
        _table(Council),
        {
            "id": council.id,
            "name": council.name,
            "slug": slug,
            "reviewing_officer_title": "Independent Reviewing Officer",
            "advocacy_service_id": service.id,
            "created_at": ctx.now,
        },
    )
    return council


# Staff -------------------------------------------------------------------------------------------------------


def _staff_member(
    ctx: Context,
    role: Role,
    email: str,
    *,
    council_id: uuid.UUID | None,
    service_id: uuid.UUID | None,
    enrolled: bool = True,
    disabled: bool = False,
) -> StaffMember:
    member = StaffMember(
        ctx.new_id(), role, ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES), email, enrolled, disabled
    )
    ctx.add(
        _table(User),
        _user_row(ctx, member.id, role, member.first_name, member.last_name, council_id)
        | {
            "email": email,
            "totp_secret": STAFF_TOTP_SECRET if enrolled else None,
            "totp_confirmed_at": ctx.now if enrolled else None,
            "advocacy_service_id": service_id,
            "disabled_at": ctx.now - timedelta(days=20) if disabled else None,
        },
    )
    return member


def _user_row(
    ctx: Context, user_id: uuid.UUID, role: Role, first: str, last: str, council_id: uuid.UUID | None
) -> dict[str, Any]:
    return {
        "id": user_id,
        "role": role,
        "first_name": first,
        "last_name": last,
        "username": None,
        "email": None,
        "password_hash": ctx.password_hash,
        "password_changed_at": ctx.now,
        "totp_secret": None,
        "totp_confirmed_at": None,
        "totp_last_step": None,
        "council_id": council_id,
        "advocacy_service_id": None,
        "locale": None,
        "disabled_at": None,
        "created_at": ctx.now,
    }


def _council_member(ctx: Context, council: CouncilData, role: Role, mailbox: str, **flags: bool) -> StaffMember:
    email = f"{mailbox}@{council.slug}.example.org"
    return _staff_member(ctx, role, email, council_id=council.id, service_id=None, **flags)


def _council_staff(ctx: Context, council: CouncilData) -> None:
    counts = {
        Role.practitioner: math.ceil(council.size / YOUNG_PEOPLE_PER_PRACTITIONER),
        Role.reviewing_officer: math.ceil(council.size / YOUNG_PEOPLE_PER_REVIEWING_OFFICER),
        Role.duty: DUTY_PER_COUNCIL,
        Role.council_admin: 1,
    }
    for role, count in counts.items():
        council.staff[role] = [_council_member(ctx, council, role, f"{role.value}{n + 1}") for n in range(count)]
    # Someone who joined lately and has not set up a second factor yet, and someone who left lately.
    council.newcomer = _council_member(ctx, council, Role.practitioner, "new.starter", enrolled=False)
    council.leaver = _council_member(ctx, council, Role.practitioner, "moved.on", disabled=True)


def _advocates(ctx: Context, council: CouncilData) -> None:
    service = council.service
    if service.manager is None:
        service.manager = _staff_member(
            ctx, Role.advocacy_manager, f"manager@{service.slug}.example.org", council_id=None, service_id=service.id
        )
    council.staff[Role.advocacy_manager] = [service.manager]
    council.staff[Role.advocate] = [
        _staff_member(
            ctx,
            Role.advocate,
            f"advocate{n + 1}.{council.slug}@{service.slug}.example.org",
            council_id=None,
            service_id=service.id,
        )
        for n in range(math.ceil(council.size / YOUNG_PEOPLE_PER_ADVOCATE))
    ]


# Young people ------------------------------------------------------------------------------------------------


def _birth_date(ctx: Context, care_leaver: bool) -> date:
    """Ages 8-17 for children in care, 18-25 for care leavers."""
    if care_leaver:
        return ctx.days_ago(18 * 366, 26 * 365 - 2)
    return ctx.days_ago(8 * 365 + 2, 18 * 365 - 5)


def _username(ctx: Context, first_name: str) -> str:
    stem = first_name.lower()
    ctx.usernames[stem] += 1
    return f"{stem}{ctx.usernames[stem]}"


def _child(ctx: Context, council: CouncilData) -> Child:
    born = _birth_date(ctx, ctx.rng.random() < CARE_LEAVER_SHARE)
    adult_on = clock.birthday_in_year(born, 18)
    care_leaver = ctx.today >= adult_on
    first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
    has_account = ctx.rng.random() < ACCOUNT_SHARE
    user_id = ctx.new_id() if has_account else None
    username = _username(ctx, first) if has_account else None
    return Child(ctx.new_id(), first, last, born, adult_on, care_leaver, user_id, username)


def _young_person_row(ctx: Context, council: CouncilData, child: Child) -> dict[str, Any]:
    home_kind = ctx.pick(LEAVER_HOMES if child.care_leaver else CHILD_HOMES)
    earliest = max(child.date_of_birth, ctx.today - timedelta(days=6 * 365))
    home_since = earliest + timedelta(days=ctx.rng.randint(0, (ctx.today - earliest).days))
    return {
        "id": child.id,
        "council_id": council.id,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": child.date_of_birth,
        "adult_on": child.adult_on,
        "home_kind": home_kind,
        "home_since": home_since,
        "entered_care_on": None if child.care_leaver else max(child.date_of_birth, home_since - timedelta(days=30)),
        "left_care_from": ctx.pick(LEFT_CARE_FROM) if child.care_leaver else None,
        "left_care_on": child.adult_on if child.care_leaver else None,
        "user_id": child.user_id,
        "created_at": ctx.moment_ago(700),
    }


def _young_people(ctx: Context, council: CouncilData) -> None:
    for _ in range(council.size):
        child = _child(ctx, council)
        council.children.append(child)
        if child.user_id is not None:
            role = Role.care_leaver if child.care_leaver else Role.young_person
            ctx.add(
                _table(User),
                _user_row(ctx, child.user_id, role, child.first_name, "", council.id) | {"username": child.username},
            )
        ctx.add(_table(YoungPerson), _young_person_row(ctx, council, child))


# Allocations -------------------------------------------------------------------------------------------------


def _allocation(
    ctx: Context, child: Child, staff: StaffMember, kind: AllocationKind, started: date, ended: date | None = None
) -> None:
    ctx.add(
        _table(Allocation),
        {
            "id": ctx.new_id(),
            "young_person_id": child.id,
            "staff_id": staff.id,
            "kind": kind,
            "started_on": started,
            "ended_on": ended,
            "created_at": ctx.now,
        },
    )


def _allocations(ctx: Context, council: CouncilData) -> None:
    """A worker for everyone, a reviewing officer for every child, an advocate for about half."""
    practitioners = council.staff[Role.practitioner]
    officers = council.staff[Role.reviewing_officer]
    advocates = council.staff[Role.advocate]
    children_seen = advocated = 0
    for n, child in enumerate(council.children):
        kind = AllocationKind.personal_adviser if child.care_leaver else AllocationKind.social_worker
        started = ctx.days_ago(1, 700)
        if council.leaver and ctx.rng.random() < CHANGED_WORKER_SHARE:
            started = ctx.days_ago(1, 59)
            _allocation(ctx, child, council.leaver, kind, started - timedelta(days=400), started)
        _allocation(ctx, child, practitioners[n % len(practitioners)], kind, started)
        if not child.care_leaver:
            _allocation(ctx, child, officers[children_seen % len(officers)], AllocationKind.reviewing_officer, started)
            children_seen += 1
        if ctx.rng.random() < ADVOCATE_SHARE:
            _allocation(
                ctx, child, advocates[advocated % len(advocates)], AllocationKind.advocate, ctx.days_ago(1, 500)
            )
            advocated += 1


# Invites and the audit log -----------------------------------------------------------------------------------


def _code_hash(ctx: Context) -> str:
    return hashlib.sha256(ctx.rng.getrandbits(128).to_bytes(16, "big")).hexdigest()


def _invite_row(ctx: Context, kind: InviteKind, created_by: uuid.UUID, created: datetime) -> dict[str, Any]:
    return {
        "id": ctx.new_id(),
        "kind": kind,
        "code_hash": _code_hash(ctx),
        "young_person_id": None,
        "role": None,
        "email": None,
        "first_name": None,
        "last_name": None,
        "council_id": None,
        "advocacy_service_id": None,
        "created_by_id": created_by,
        "created_at": created,
        "expires_at": created + timedelta(days=14),
        "used_at": None,
        "revoked_at": None,
    }


def _young_person_invites(ctx: Context, council: CouncilData) -> None:
    """The used code of everyone who joined, and a code waiting for about half of those who have not."""
    practitioners = council.staff[Role.practitioner]
    for n, child in enumerate(council.children):
        joined = child.user_id is not None
        if not joined and ctx.rng.random() >= INVITE_SHARE:
            continue
        created = ctx.moment_ago(700) if joined else ctx.moment_ago(13)
        row = _invite_row(ctx, InviteKind.young_person, practitioners[n % len(practitioners)].id, created)
        row |= {"young_person_id": child.id, "council_id": council.id}
        if joined:
            row["used_at"] = created + timedelta(hours=ctx.rng.randint(1, 24 * 13))
        ctx.add(_table(Invite), row)


def _staff_invites(ctx: Context, council: CouncilData) -> None:
    """Staff joined by invite from their council admin (or advocacy manager); two invites are still waiting."""
    admin = council.staff[Role.council_admin][0]
    manager = council.service.manager
    for role, members in council.staff.items():
        for member in members:
            if member.id in (admin.id, manager.id if manager else None):
                continue
            by = manager if role is Role.advocate and manager else admin
            created = ctx.moment_ago(900)
            row = _invite_row(ctx, InviteKind.staff, by.id, created) | _staff_invite_fields(member, council)
            ctx.add(_table(Invite), row | {"used_at": created + timedelta(hours=ctx.rng.randint(1, 100))})
    for n in range(2):
        waiting = StaffMember(ctx.new_id(), Role.practitioner, "Invited", f"Person{n + 1}", "")
        row = _invite_row(ctx, InviteKind.staff, admin.id, ctx.moment_ago(10))
        email = f"invited{n + 1}@{council.slug}.example.org"
        ctx.add(_table(Invite), row | _staff_invite_fields(waiting, council) | {"email": email})


def _staff_invite_fields(member: StaffMember, council: CouncilData) -> dict[str, Any]:
    advocacy = member.role in (Role.advocate, Role.advocacy_manager)
    return {
        "role": member.role,
        "email": member.email,
        "first_name": member.first_name,
        "last_name": member.last_name,
        "council_id": None if advocacy else council.id,
        "advocacy_service_id": council.service.id if advocacy else None,
    }


def _audit_row(
    ctx: Context, action: AuditAction, actor_id: uuid.UUID, role: Role, child: Child, object_type: str | None
) -> dict[str, Any]:
    return {
        "id": ctx.new_id(),
        "at": ctx.moment_ago(90),
        "actor_id": actor_id,
        "actor_role": role,
        "action": action,
        "object_type": object_type,
        "object_id": child.id if object_type else None,
        "subject_young_person_id": child.id if object_type else None,
        "request_id": None,
        "outcome": AuditOutcome.success,
    }


def _audit_events(ctx: Context, council: CouncilData) -> None:
    """A sign-in for everyone who has joined, and a look at every young person by their worker."""
    practitioners = council.staff[Role.practitioner]
    table = _table(AuditEvent)
    for n, child in enumerate(council.children):
        if child.user_id is not None:
            role = Role.care_leaver if child.care_leaver else Role.young_person
            ctx.add(table, _audit_row(ctx, AuditAction.sign_in, child.user_id, role, child, None))
        worker = practitioners[n % len(practitioners)]
        ctx.add(
            table, _audit_row(ctx, AuditAction.young_person_viewed, worker.id, Role.practitioner, child, "young_person")
        )


# People who matter ---------------------------------------------------------------------------------------------
