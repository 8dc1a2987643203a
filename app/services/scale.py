"""National-scale data for benchmarks and load tests: `flask seed-scale --young-people N`.

England has about 100,000 children in care and care leavers in 152 councils, so the data is built as councils of
about 500 young people each, every council with the staff it would really have: social workers and personal
advisers (~1 per 17 young people), reviewing officers (~1 per 70), duty workers, a council admin, and advocates
(~1 per 60) from an advocacy service that several councils share. About 20% are care leavers and 80% have joined;
those who joined have about eight people who matter each, with their history and some requests to find someone.

It is written for speed, not through the ORM: ids are uuid4 values made in Python, rows are plain dicts inserted
with SQLAlchemy Core executemany in chunks, and one Argon2 hash is reused for every password. The same `--seed`
gives the same data. Production settings refuse it, as they refuse the demo council.

Adding a table is one more step: write `def _things(ctx: Context, council: CouncilData) -> None` that calls
`ctx.add(Thing.__table__, {...})` for each row, and append it to `council_steps()`.
"""

from __future__ import annotations

import hashlib
import math
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from random import Random
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Connection, Table, select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyMessage,
    AdvocacyOffer,
    AdvocacyOfferReason,
    AdvocacyRequest,
    AdvocacyService,
    AlertFeeling,
    Allocation,
    AllocationKind,
    Answer,
    AuditAction,
    AuditEvent,
    AuditOutcome,
    ChangeKind,
    Circle,
    Colour,
    Council,
    Emoji,
    HomeKind,
    InformationRequest,
    InformationRequestKind,
    InformationRequestStatus,
    Invite,
    InviteKind,
    OfferReason,
    OfferStatus,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    ReconnectStatus,
    RelationshipKind,
    RequestOrigin,
    RequestStatus,
    RequestTopic,
    SafetyAlert,
    User,
    Wish,
    YoungPerson,
)
from app.roles import Role
from app.services import security
from app.services.advocacy import due_times

SCALE_PASSWORD = "orbit-scale-moonrise"  # noqa: S105 - printed bench sign-in, refused in production
STAFF_TOTP_SECRET = "ORBITSCALESTAFFTOTPSECRET2345672"  # noqa: S105 - every scale staff account shares it
SLUG_PREFIX = "scale-"

YOUNG_PEOPLE_PER_COUNCIL = 500
COUNCILS_PER_SERVICE = 3
YOUNG_PEOPLE_PER_PRACTITIONER = 17
YOUNG_PEOPLE_PER_REVIEWING_OFFICER = 70
YOUNG_PEOPLE_PER_ADVOCATE = 60
DUTY_PER_COUNCIL = 2
CARE_LEAVER_SHARE = 0.2
ACCOUNT_SHARE = 0.8
ADVOCATE_SHARE = 0.5
INVITE_SHARE = 0.5  # of young people without an account, how many have a code waiting
CHANGED_WORKER_SHARE = 0.1  # whose worker left in the last two months
CHUNK_ROWS = 5000


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Aaliyah Adam Aisha Alfie Amara Amelia Archie Ava Ayaan Bella Callum Chloe Daniel Darius Demi Dylan Ebony "
    "Eden Elijah Ella Emeka Erin Ethan Faith Freya Georgia Grace Hamza Harley Harvey Hassan Ibrahim Imani Isla "
    "Jack Jada Jamal Jasmine Jayden Kai Kayla Keira Kian Lacey Leah Leon Liam Lily Logan Maddison Maya Mia "
    "Mohammed Nathan Nia Noah Olivia Oscar Poppy Precious Reggie Riley Rosie Ruby Ryan Sami Sienna Sofia Summer "
    "Taylor Theo Tia Tyler Yusuf Zainab Zara Zeynep"
)
LAST_NAMES = _words(
    "Adeyemi Ahmed Ali Allen Baker Begum Bennett Brown Campbell Clarke Cooper Davies Edwards Ellis Evans Green "
    "Hall Harris Hughes Hussain Jackson James Jones Kaur Khan King Kowalski Lewis Martin Mensah Mitchell Moore "
    "Morgan Murphy Nowak Okafor Osei Patel Phillips Price Reid Roberts Robinson Shah Singh Smith Taylor Thomas "
    "Thompson Turner Walker Walsh Ward Watson White Williams Wilson Wood Wright Young"
)

CHILD_HOMES: tuple[tuple[HomeKind, int], ...] = (
    (HomeKind.foster_care, 66),
    (HomeKind.family_and_friends, 8),
    (HomeKind.childrens_home, 15),
    (HomeKind.with_family, 6),
    (HomeKind.supported_accommodation, 3),
    (HomeKind.other, 2),
)
LEAVER_HOMES: tuple[tuple[HomeKind, int], ...] = (
    (HomeKind.own_home, 30),
    (HomeKind.supported_lodgings, 15),
    (HomeKind.supported_accommodation, 20),
    (HomeKind.with_family, 15),
    (HomeKind.foster_care, 10),  # staying put with former foster carers
    (HomeKind.other, 10),
)
LEFT_CARE_FROM: tuple[tuple[HomeKind, int], ...] = (
    (HomeKind.foster_care, 55),
    (HomeKind.childrens_home, 25),
    (HomeKind.supported_accommodation, 15),
    (HomeKind.other, 5),
)


T = TypeVar("T")


class ScaleRefused(RuntimeError):
    pass


@dataclass(frozen=True)
class ScaleSignIn:
    role: str
    name: str
    sign_in_as: str
    password: str
    totp_secret: str | None = None


@dataclass
class ScaleReport:
    young_people: int
    councils: int
    advocacy_services: int
    rows: dict[str, int]
    seconds: float
    sign_ins: list[ScaleSignIn]


# Plans: what one council and its people look like before they become rows ----------------------------------


@dataclass
class Service:
    id: uuid.UUID
    index: int
    name: str
    slug: str
    manager: StaffMember | None = None


@dataclass(frozen=True)
class StaffMember:
    id: uuid.UUID
    role: Role
    first_name: str
    last_name: str
    email: str
    enrolled: bool = True
    disabled: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Child:
    id: uuid.UUID
    first_name: str
    last_name: str
    date_of_birth: date
    adult_on: date
    care_leaver: bool
    user_id: uuid.UUID | None
    username: str | None


@dataclass
class CouncilData:
    index: int
    id: uuid.UUID
    name: str
    slug: str
    size: int
    service: Service
    staff: dict[Role, list[StaffMember]] = field(default_factory=dict)
    leaver: StaffMember | None = None
    newcomer: StaffMember | None = None
    children: list[Child] = field(default_factory=list)


class Loader:
    """Buffers rows per table and inserts them with executemany, parents before children."""

    def __init__(self, connection: Connection, chunk_rows: int = CHUNK_ROWS) -> None:
        self.connection = connection
        self.chunk_rows = chunk_rows
        self.buffers: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        self.counts: Counter[str] = Counter()

    def add(self, table: Table, row: dict[str, Any]) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= self.chunk_rows:
            self.flush()

    def flush(self) -> None:
        for table in db.metadata.sorted_tables:
            rows = self.buffers.pop(table, None)
            if rows:
                self.connection.execute(table.insert(), rows)
                self.counts[table.name] += len(rows)


@dataclass
class Context:
    rng: Random
    loader: Loader
    today: date
    now: datetime
    password_hash: str
    usernames: Counter[str] = field(default_factory=Counter)

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self.loader.add(table, row)

    def pick(self, weighted: tuple[tuple[T, int], ...]) -> T:
        kinds, weights = zip(*weighted, strict=True)
        return self.rng.choices(kinds, weights)[0]

    def maybe(self, chance: float) -> bool:
        return self.rng.random() < chance

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def moment_ago(self, max_days: int) -> datetime:
        return self.now - timedelta(seconds=self.rng.randint(60, max_days * 86400))


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


# Organisations -----------------------------------------------------------------------------------------------


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

PEOPLE_PER_YOUNG_PERSON = (3, 13)  # about 8 each, for those who have joined (only they add people)
ENDED_SHARE = 0.08
SHARE_CHANCE = {"advocate": 0.3, "practitioner": 0.5, "review": 0.35}
OPEN_REQUEST_SHARE = 0.3  # of the people a young person has lost touch with
RELATIONSHIPS: tuple[tuple[RelationshipKind, int], ...] = (
    (RelationshipKind.mum, 10),
    (RelationshipKind.dad, 6),
    (RelationshipKind.brother, 8),
    (RelationshipKind.sister, 8),
    (RelationshipKind.half_brother, 3),
    (RelationshipKind.half_sister, 3),
    (RelationshipKind.grandparent, 8),
    (RelationshipKind.aunt_or_uncle, 6),
    (RelationshipKind.cousin, 5),
    (RelationshipKind.foster_carer, 8),
    (RelationshipKind.former_foster_carer, 4),
    (RelationshipKind.home_staff, 3),
    (RelationshipKind.teacher, 4),
    (RelationshipKind.youth_worker, 3),
    (RelationshipKind.friend, 15),
    (RelationshipKind.friends_parent, 2),
    (RelationshipKind.pet, 4),
    (RelationshipKind.someone_else, 2),
)
CIRCLES: tuple[tuple[Circle, int], ...] = ((Circle.closest, 35), (Circle.close, 40), (Circle.further, 25))
WISHES: tuple[tuple[Wish | None, int], ...] = (
    (Wish.more, 35),
    (Wish.same, 30),
    (Wish.less, 8),
    (Wish.lost_touch, 10),
    (Wish.not_sure, 12),
    (None, 5),
)
ANSWERS: tuple[tuple[Answer | None, int], ...] = (
    (Answer.yes, 45),
    (Answer.sometimes, 20),
    (Answer.no, 12),
    (Answer.not_sure, 10),
    (None, 13),
)
FAMILY_NAMES = {
    RelationshipKind.mum: ("Mum", "Mam", "Mama"),
    RelationshipKind.dad: ("Dad", "Baba", "Papa"),
    RelationshipKind.grandparent: ("Nan", "Nana", "Grandad", "Grandma"),
    RelationshipKind.pet: ("Biscuit", "Luna", "Max", "Pickle"),
}
END_REASONS = ("We fell out", "They moved away", "I do not want to see them now", "It was not good for me")


def _person_name(ctx: Context, kind: RelationshipKind) -> str:
    return ctx.rng.choice(FAMILY_NAMES.get(kind) or FIRST_NAMES)


def _person_row(ctx: Context, child: Child) -> dict[str, Any]:
    kind = ctx.pick(RELATIONSHIPS)
    created = ctx.moment_ago(600)
    ended = ctx.maybe(ENDED_SHARE)
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "name": _person_name(ctx, kind),
        "relationship_kind": kind,
        "relationship_words": "my best mate" if kind is RelationshipKind.friend and ctx.maybe(0.2) else None,
        "circle": ctx.pick(CIRCLES),
        "emoji": ctx.rng.choice(list(Emoji)) if ctx.maybe(0.6) else None,
        "colour": ctx.rng.choice(list(Colour)) if ctx.maybe(0.6) else None,
        "wish": ctx.pick(WISHES),
        **{f"touch_{way}": ctx.maybe(0.4) for way in ("visits", "calls", "video", "messages", "letters")},
        "trust": ctx.pick(ANSWERS),
        "help": ctx.pick(ANSWERS),
        "lasting": ctx.pick(ANSWERS),
        **{f"shared_with_{audience}": ctx.maybe(chance) for audience, chance in SHARE_CHANCE.items()},
        "ended_at": created + timedelta(days=ctx.rng.randint(1, 60)) if ended else None,
        "end_reason": ctx.rng.choice(END_REASONS) if ended else None,
        "version": 1,
        "created_at": created,
        "updated_at": created,
    }


def _change_row(ctx: Context, person: dict[str, Any], kind: ChangeKind, at: datetime, **values: Any) -> dict[str, Any]:
    return {"id": ctx.new_id(), "person_id": person["id"], "at": at, "kind": kind, "value": None, "note": None} | values


def _history_rows(ctx: Context, person: dict[str, Any]) -> None:
    table = _table(PersonChange)
    ctx.add(table, _change_row(ctx, person, ChangeKind.added, person["created_at"]))
    shared = sorted(a for a in SHARE_CHANCE if person[f"shared_with_{a}"])
    if shared:
        ctx.add(
            table, _change_row(ctx, person, ChangeKind.sharing_changed, person["created_at"], value=",".join(shared))
        )
    if person["ended_at"]:
        ended = _change_row(ctx, person, ChangeKind.ended, person["ended_at"], note=person["end_reason"])
        ctx.add(table, ended)


def _reconnect_row(ctx: Context, child: Child, person: dict[str, Any]) -> dict[str, Any]:
    created = ctx.moment_ago(20)
    seen = ctx.maybe(0.4)
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "person_id": person["id"],
        "remembered": "We lived on the same road. She had a dog called Max.",
        "status": ReconnectStatus.seen if seen else ReconnectStatus.sent,
        "reply": "I am looking into this and will tell you what I find." if seen else None,
        "replied_by_id": None,
        "created_at": created,
        "due_at": created + timedelta(days=7),
        "replied_at": created + timedelta(days=2) if seen else None,
        "closed_at": None,
    }


def _people_who_matter(ctx: Context, council: CouncilData) -> None:
    """About eight people for each young person who has joined, with a line of history or two each, and a request
    to find someone again for some of those they have lost touch with."""
    people, requests = _table(PersonWhoMatters), _table(ReconnectRequest)
    for child in council.children:
        if child.user_id is None:
            continue
        for _ in range(ctx.rng.randint(*PEOPLE_PER_YOUNG_PERSON)):
            person = _person_row(ctx, child)
            ctx.add(people, person)
            _history_rows(ctx, person)
            lost = person["wish"] is Wish.lost_touch and person["ended_at"] is None
            if lost and ctx.maybe(OPEN_REQUEST_SHARE):
                ctx.add(requests, _reconnect_row(ctx, child, person))


# Safety alerts and information requests ------------------------------------------------------------------------

ALERT_SHARE = 0.04  # of those who joined, who said they did not feel safe in the last three months
OPEN_ALERT_SHARE = 0.1
INFORMATION_REQUEST_SHARE = 0.01


def _alert_row(ctx: Context, council: CouncilData, child: Child) -> dict[str, Any]:
    created = ctx.moment_ago(90)
    is_open = ctx.maybe(OPEN_ALERT_SHARE)
    duty = ctx.rng.choice(council.staff[Role.duty])
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "council_id": council.id,
        "feeling": ctx.rng.choice(list(AlertFeeling)),
        "words": "I had a row at home and I do not want to go back tonight" if ctx.maybe(0.5) else None,
        "submission_key": ctx.new_id(),
        "created_at": created,
        "escalation_level": 0,
        "escalate_at": created + timedelta(minutes=30),
        "acknowledged_at": None if is_open else created + timedelta(minutes=ctx.rng.randint(2, 25)),
        "acknowledged_by_id": None if is_open else duty.id,
        "action_taken": None if is_open else "Called them back and arranged a visit today",
    }


def _information_row(ctx: Context, council: CouncilData, child: Child) -> dict[str, Any]:
    created = ctx.moment_ago(60)
    answered = ctx.maybe(0.5)
    admin = council.staff[Role.council_admin][0]
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "council_id": council.id,
        "kind": ctx.rng.choice(list(InformationRequestKind)),
        "words": "My date of birth is wrong on my page",
        "status": InformationRequestStatus.done if answered else InformationRequestStatus.sent,
        "reply": "We have corrected it. Thank you for telling us." if answered else None,
        "created_at": created,
        "due_on": (created + timedelta(days=30)).date(),
        "answered_at": created + timedelta(days=3) if answered else None,
        "answered_by_id": admin.id if answered else None,
    }


def _safety(ctx: Context, council: CouncilData) -> None:
    """Alerts from a few young people who have joined, and requests to correct or delete information. The first
    child and the first care leaver who joined in each council have one of each, so every council has both."""
    firsts: set[uuid.UUID] = set()
    for leaver in (False, True):
        first = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if first:
            firsts.add(first.id)
    for child in council.children:
        if child.user_id is None:
            continue
        first = child.id in firsts
        if first or ctx.maybe(ALERT_SHARE):
            ctx.add(_table(SafetyAlert), _alert_row(ctx, council, child))
        if first or ctx.maybe(INFORMATION_REQUEST_SHARE):
            ctx.add(_table(InformationRequest), _information_row(ctx, council, child))


# Advocacy -----------------------------------------------------------------------------------------------------

ADVOCACY_REQUEST_SHARE = 0.15  # of those who joined, who asked for an advocate (or an offer became a request)
ADVOCACY_OFFER_SHARE = 0.2  # of those who joined, who had an offer lately


def _advocacy_request_row(
    ctx: Context, council: CouncilData, child: Child, *, state: str, urgent: bool = False
) -> dict[str, Any]:
    created = ctx.moment_ago(5 if state in ("sent", "seen") else 120)
    acknowledge_by, allocate_by = due_times(created, urgent)
    advocate = ctx.rng.choice(council.staff[Role.advocate]) if state in ("allocated", "closed") else None
    acknowledged = state != "sent"
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "council_id": council.id,
        "advocacy_service_id": council.service.id,
        "origin": ctx.pick(
            ((RequestOrigin.asked, 6), (RequestOrigin.offer_accepted, 2), (RequestOrigin.offer_passed, 2))
        ),
        "topic": ctx.rng.choice(list(RequestTopic)),
        "wants": "I want to see my brother more and I want them to listen to me" if ctx.maybe(0.6) else None,
        "contact_in_orbit": True,
        "contact_phone_call": False,
        "contact_text": False,
        "contact_in_person": ctx.maybe(0.3),
        "phone": None,
        "good_times": "After school" if ctx.maybe(0.5) else None,
        "urgent": urgent,
        "status": RequestStatus(state),
        "submission_key": ctx.new_id(),
        "created_at": created,
        "acknowledge_due_at": acknowledge_by,
        "allocate_due_at": allocate_by,
        "acknowledged_at": created + timedelta(hours=ctx.rng.randint(1, 30)) if acknowledged else None,
        "acknowledged_by_id": (advocate or council.service.manager or council.staff[Role.advocate][0]).id
        if acknowledged
        else None,
        "allocated_at": created + timedelta(hours=ctx.rng.randint(20, 60)) if advocate else None,
        "advocate_id": advocate.id if advocate else None,
        "acknowledge_overdue_at": None,
        "allocate_overdue_at": None,
        "will_attend_review": bool(advocate) and ctx.maybe(0.4),
        "closed_at": created + timedelta(days=ctx.rng.randint(5, 40)) if state == "closed" else None,
        "closed_by_id": advocate.id if state == "closed" and advocate else None,
        "outcome": "We talked to your social worker and your family time is now every week."
        if state == "closed"
        else None,
        "withdrawn": False,
        "young_person_news_at": created + timedelta(days=1) if acknowledged else None,
    }


def _advocacy_messages(ctx: Context, request: dict[str, Any], child: Child) -> None:
    if request["advocate_id"] is None or child.user_id is None:
        return
    start = request["allocated_at"]
    for n, (author, from_young_person, body) in enumerate(
        (
            (request["advocate_id"], False, "Hello, I am your advocate. When is a good time to talk?"),
            (child.user_id, True, "After school on Tuesday is good"),
            (request["advocate_id"], False, "Great, I will call you on Tuesday at 4."),
        )
    ):
        ctx.add(
            _table(AdvocacyMessage),
            {
                "id": ctx.new_id(),
                "request_id": request["id"],
                "author_id": author,
                "from_young_person": from_young_person,
                "body": body,
                "submission_key": ctx.new_id(),
                "created_at": start + timedelta(hours=n + 1),
            },
        )


def _advocacy_offer_rows(ctx: Context, council: CouncilData, child: Child, status: OfferStatus) -> None:
    created = ctx.moment_ago(2 if status is OfferStatus.open else 200)
    offer_id = ctx.new_id()
    ctx.add(
        _table(AdvocacyOffer),
        {
            "id": offer_id,
            "young_person_id": child.id,
            "advocacy_service_id": council.service.id,
            "status": status,
            "created_at": created,
            "due_at": clock.add_working_days(created, 3),
            "answered_at": None if status in (OfferStatus.open, OfferStatus.passed) else created + timedelta(hours=5),
            "request_id": None,
        },
    )
    for reason in ctx.rng.sample(list(OfferReason), ctx.rng.randint(1, 2)):
        ctx.add(
            _table(AdvocacyOfferReason),
            {"id": ctx.new_id(), "offer_id": offer_id, "reason": reason, "at": created, "made_by_id": None},
        )


def _advocacy(ctx: Context, council: CouncilData) -> None:
    """Requests for an advocate (most closed with an outcome, some with an advocate now, a few waiting in the
    queue), their messages, and offers (declined, accepted, passed, a few open). The first child and the first
    care leaver who joined in each council each have an open request, so every council's queue has work and
    every young person's request page can be measured."""
    firsts: dict[uuid.UUID, str] = {}
    for leaver, state in ((False, "sent"), (True, "allocated")):
        first = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if first:
            firsts[first.id] = state
    for child in council.children:
        if child.user_id is None:
            continue
        has_open = False
        if child.id in firsts or ctx.maybe(ADVOCACY_REQUEST_SHARE):
            state = firsts.get(child.id) or ctx.pick((("closed", 60), ("allocated", 25), ("seen", 8), ("sent", 7)))
            has_open = state != "closed"
            request = _advocacy_request_row(ctx, council, child, state=state, urgent=ctx.maybe(0.05))
            ctx.add(_table(AdvocacyRequest), request)
            _advocacy_messages(ctx, request, child)
        if ctx.maybe(ADVOCACY_OFFER_SHARE):
            statuses = ((OfferStatus.declined, 40), (OfferStatus.accepted, 30), (OfferStatus.passed, 20))
            status = ctx.pick(statuses if has_open else (*statuses, (OfferStatus.open, 10)))
            _advocacy_offer_rows(ctx, council, child, status)


# The run -----------------------------------------------------------------------------------------------------

CouncilStep = Callable[[Context, CouncilData], None]


def council_steps() -> list[CouncilStep]:
    """What is made for each council, in order. A new table is one more function here."""
    steps: list[CouncilStep] = [
        _council_staff,
        _advocates,
        _young_people,
        _allocations,
        _young_person_invites,
        _staff_invites,
        _audit_events,
        _people_who_matter,
        _safety,
        _advocacy,
    ]
    from app.services.scale_reviews import reviews_for_council  # its own module: it builds on this one

    steps.append(reviews_for_council)
    from app.services.scale_leaving_care import leaving_care_for_council  # its own module, like reviews

    steps.append(leaving_care_for_council)
    from app.services.scale_family_time import family_time_for_council  # its own module, like reviews

    steps.append(family_time_for_council)
    return steps


def _refuse_if_unsafe() -> None:
    if current_app.config["ORBIT_SETTINGS"].production:
        raise ScaleRefused("scale data is never loaded with production settings")
    first_slug = f"{SLUG_PREFIX}001"
    if db.session.scalar(select(Council.id).where(Council.slug == first_slug)):
        raise ScaleRefused("scale data is already loaded; use a fresh database to load it again")


def _tune(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA synchronous = OFF")


def seed(young_people: int, *, seed_value: int = 2026) -> ScaleReport:
    """Load `young_people` young people in councils of about 500, with their staff, in one transaction."""
    if young_people < 1:
        raise ScaleRefused("ask for at least one young person")
    _refuse_if_unsafe()
    db.session.rollback()
    started = time.perf_counter()
    sizes = council_sizes(young_people)
    with db.engine.begin() as connection:
        _tune(connection)
        ctx = Context(Random(seed_value), Loader(connection), clock.today(), clock.now(), _shared_hash())
        services = _services(ctx, len(sizes))
        first = _seed_council(ctx, 0, sizes[0], services[0])
        for index, size in enumerate(sizes[1:], start=1):
            _seed_council(ctx, index, size, services[index // COUNCILS_PER_SERVICE])
        ctx.loader.flush()
    return ScaleReport(
        young_people=young_people,
        councils=len(sizes),
        advocacy_services=len(services),
        rows=dict(sorted(ctx.loader.counts.items())),
        seconds=time.perf_counter() - started,
        sign_ins=sample_sign_ins(first),
    )


def _shared_hash() -> str:
    """One Argon2 hash for every account: hashing 80,000 passwords would take an hour."""
    return security.hash_password(SCALE_PASSWORD)


def _seed_council(ctx: Context, index: int, size: int, service: Service) -> CouncilData:
    council = _council(ctx, index, size, service)
    for step in council_steps():
        step(ctx, council)
    return council


def sample_sign_ins(council: CouncilData) -> list[ScaleSignIn]:
    """One sign-in per role, from the first council."""
    sign_ins = []
    for leaver in (False, True):
        child = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if child and child.username:
            role = Role.care_leaver if leaver else Role.young_person
            sign_ins.append(ScaleSignIn(role.value, child.first_name, child.username, SCALE_PASSWORD))
    for role, members in council.staff.items():
        member = members[0]
        sign_ins.append(ScaleSignIn(role.value, member.full_name, member.email, SCALE_PASSWORD, STAFF_TOTP_SECRET))
    if council.newcomer:
        newcomer = council.newcomer
        sign_ins.append(
            ScaleSignIn("practitioner (no second factor yet)", newcomer.full_name, newcomer.email, SCALE_PASSWORD)
        )
    return sign_ins
