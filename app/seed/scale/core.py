"""What every part of the scale data shares: its sizes and shares, the plans of a council and its people, the
row loader and the seeded context. The feature modules build on this one; it imports none of them."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from random import Random
from typing import Any, TypeVar

from sqlalchemy import Connection, Table

from app.extensions import db
from app.models import HomeKind
from app.roles import Role

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


CouncilStep = Callable[[Context, CouncilData], None]
