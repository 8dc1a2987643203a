"""factory_boy factories for tests and benchmarks. They add to db.session; callers commit."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from factory.alchemy import SQLAlchemyModelFactory

from app.extensions import db
from app.models import (
    AdvocacyService,
    Allocation,
    AllocationKind,
    Answer,
    Audience,
    ChangeKind,
    Circle,
    Council,
    HomeKind,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    ReconnectStatus,
    RelationshipKind,
    User,
    Wish,
    YoungPerson,
)
from app.roles import YOUNG_PEOPLE, Role
from app.services import clock, security

PASSWORD = "correct horse battery"
_PASSWORD_HASH = security.hash_password(PASSWORD)


class _Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class AdvocacyServiceFactory(_Base):
    class Meta:
        model = AdvocacyService

    name = factory.Sequence(lambda n: f"Advocacy Service {n}")


class CouncilFactory(_Base):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    advocacy_service = factory.SubFactory(AdvocacyServiceFactory)


class UserFactory(_Base):
    class Meta:
        model = User

    role = Role.practitioner
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Tester"
    password_hash = _PASSWORD_HASH
    council = None
    advocacy_service = None

    @factory.lazy_attribute
    def email(self) -> str | None:
        return None if self.role in YOUNG_PEOPLE else f"{self.first_name.lower()}@example.org"

    @factory.lazy_attribute
    def username(self) -> str | None:
        return self.first_name.lower() if self.role in YOUNG_PEOPLE else None

    @factory.lazy_attribute
    def totp_secret(self) -> str | None:
        return None if self.role in YOUNG_PEOPLE else security.new_totp_secret()

    @factory.lazy_attribute
    def totp_confirmed_at(self):
        return None if self.role in YOUNG_PEOPLE else clock.now()


def staff(role: Role, council: Council | None = None, service: AdvocacyService | None = None, **kwargs) -> User:
    """A member of staff of `council` (council roles) or `service` (advocacy roles)."""
    if role in (Role.advocate, Role.advocacy_manager):
        return UserFactory(
            role=role, advocacy_service=service or (council.advocacy_service if council else None), **kwargs
        )
    return UserFactory(role=role, council=council, **kwargs)


class YoungPersonFactory(_Base):
    class Meta:
        model = YoungPerson

    council = factory.SubFactory(CouncilFactory)
    first_name = factory.Sequence(lambda n: f"Young{n}")
    last_name = "Person"
    date_of_birth = factory.LazyFunction(lambda: clock.today() - timedelta(days=14 * 365 + 100))
    adult_on = factory.LazyAttribute(lambda o: clock.birthday_in_year(o.date_of_birth, 18))
    home_kind = HomeKind.foster_care
    home_since = factory.LazyFunction(lambda: clock.today() - timedelta(days=200))


def young_person(
    council: Council, *, age_days: int = 14 * 365 + 100, with_account: bool = True, **kwargs
) -> YoungPerson:
    """A young person in `council`, with their own account unless told otherwise."""
    born = clock.today() - timedelta(days=age_days)
    person = YoungPersonFactory(council=council, date_of_birth=born, **kwargs)
    if with_account:
        adult = clock.today() >= person.adult_on
        user = UserFactory(
            role=Role.care_leaver if adult else Role.young_person, first_name=person.first_name, council=council
        )
        person.user_id = user.id
        person.user = user
        db.session.flush()
    return person


def allocate(person: YoungPerson, worker: User, kind: AllocationKind, started: date | None = None) -> Allocation:
    allocation = Allocation(
        young_person_id=person.id,
        staff_id=worker.id,
        kind=kind,
        started_on=started or clock.today() - timedelta(days=30),
    )
    db.session.add(allocation)
    db.session.flush()
    return allocation


def person_who_matters(
    owner: YoungPerson,
    *,
    name: str = "Nan",
    kind: str = "grandparent",
    circle: str = "closest",
    wish: str | None = None,
    trust: str | None = None,
    help: str | None = None,
    lasting: str | None = None,
    audiences: tuple[str, ...] = (),
    ended: bool = False,
    **kwargs,
) -> PersonWhoMatters:
    """A person who matters to `owner`, private unless `audiences` says otherwise, with its "added" history."""
    now = clock.now()
    person = PersonWhoMatters(
        young_person_id=owner.id,
        name=name,
        relationship_kind=RelationshipKind(kind),
        circle=Circle(circle),
        wish=Wish(wish) if wish else None,
        trust=Answer(trust) if trust else None,
        help=Answer(help) if help else None,
        lasting=Answer(lasting) if lasting else None,
        version=1,
        created_at=now,
        updated_at=now,
        ended_at=now if ended else None,
        **kwargs,
    )
    person.set_ways(frozenset())
    person.set_audiences(frozenset(Audience(a) for a in audiences))
    db.session.add(person)
    db.session.flush()
    db.session.add(PersonChange(person_id=person.id, at=now, kind=ChangeKind.added, value=circle))
    db.session.flush()
    return person


def reconnect_request(person: PersonWhoMatters, *, days_due: int = 5, status: str = "sent") -> ReconnectRequest:
    now = clock.now()
    request = ReconnectRequest(
        young_person_id=person.young_person_id,
        person_id=person.id,
        remembered="She lived near the park",
        status=ReconnectStatus(status),
        created_at=now,
        due_at=now + timedelta(days=days_due),
    )
    db.session.add(request)
    db.session.flush()
    return request
