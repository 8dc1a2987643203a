"""Two councils, each with a young person and a worker in every role, for the access matrix.

Council A's young person is allocated to A's practitioner, reviewing officer and advocate. Everyone in council B
(and A's "spare" workers, who share a role but are not allocated) must be refused A's things.

Routes with object ids in their URL are covered automatically: OBJECT_PARAMS says, for each URL parameter
name, how to make or find council A's object. A new feature with a new parameter adds one entry here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from app.extensions import db
from app.models import AllocationKind, Council, User, YoungPerson
from app.roles import Role
from tests import factories

ALLOCATED = {
    Role.practitioner: AllocationKind.social_worker,
    Role.reviewing_officer: AllocationKind.reviewing_officer,
    Role.advocate: AllocationKind.advocate,
}


@dataclass
class Side:
    council: Council
    young_person: YoungPerson
    staff: dict[Role, User]
    spare: dict[Role, User] = field(default_factory=dict)

    def user(self, role: Role) -> User:
        if role is Role.young_person:
            assert self.young_person.user is not None
            return self.young_person.user
        return self.staff[role]


@dataclass
class World:
    a: Side
    b: Side
    cache: dict[str, uuid.UUID] = field(default_factory=dict)


def _side(label: str) -> Side:
    council = factories.CouncilFactory(name=f"Council {label}")
    person = factories.young_person(council, first_name=f"Young{label}")
    staff = {
        role: factories.staff(role, council, first_name=f"{role.value}{label}")
        for role in (
            Role.practitioner,
            Role.reviewing_officer,
            Role.duty,
            Role.council_admin,
            Role.advocate,
            Role.advocacy_manager,
        )
    }
    for role, kind in ALLOCATED.items():
        factories.allocate(person, staff[role], kind)
    spare = {role: factories.staff(role, council, first_name=f"spare{role.value}{label}") for role in ALLOCATED}
    return Side(council, person, staff, spare)


def build_world() -> World:
    world = World(a=_side("A"), b=_side("B"))
    leaver = factories.young_person(world.a.council, age_days=19 * 365, first_name="LeaverA")
    factories.allocate(leaver, world.a.staff[Role.practitioner], AllocationKind.personal_adviser)
    world.a.staff[Role.care_leaver] = leaver.user  # type: ignore[assignment]
    other_leaver = factories.young_person(world.b.council, age_days=19 * 365, first_name="LeaverB")
    world.b.staff[Role.care_leaver] = other_leaver.user  # type: ignore[assignment]
    db.session.commit()
    return world


# URL parameter -> how to get council A's object id (made on first use, then cached per world).
OBJECT_PARAMS: dict[str, Callable[[World], uuid.UUID]] = {
    "young_person_id": lambda world: world.a.young_person.id,
    "user_id": lambda world: world.a.staff[Role.practitioner].id,
}


def object_id(world: World, param: str) -> uuid.UUID:
    if param not in world.cache:
        if param not in OBJECT_PARAMS:
            raise KeyError(f"tests/access_world.py: add OBJECT_PARAMS[{param!r}] so the access matrix covers it")
        world.cache[param] = OBJECT_PARAMS[param](world)
        db.session.commit()
    return world.cache[param]
