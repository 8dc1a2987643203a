"""app.access without a database: who may see a young person, who may manage whom."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from app.access import can_allocate, can_manage_staff, can_see_young_person
from app.models import AdvocacyService, Allocation, AllocationKind, Council, User, YoungPerson
from app.roles import Role

TODAY = date(2026, 11, 24)


def _user(role: Role, council: Council | None = None, service: AdvocacyService | None = None) -> User:
    return User(
        id=uuid.uuid4(),
        role=role,
        first_name=role.value,
        council_id=council.id if council else None,
        advocacy_service_id=service.id if service else None,
    )


@pytest.fixture
def setting():
    service = AdvocacyService(id=uuid.uuid4(), name="S")
    council = Council(id=uuid.uuid4(), name="C", slug="c", advocacy_service_id=service.id)
    person = YoungPerson(id=uuid.uuid4(), council_id=council.id, council=council, first_name="Y")
    return service, council, person


def _allocation(person: YoungPerson, user: User, kind: AllocationKind, ended: date | None = None) -> Allocation:
    return Allocation(
        staff=user,
        young_person_id=person.id,
        staff_id=user.id,
        kind=kind,
        started_on=TODAY - timedelta(days=9),
        ended_on=ended,
    )


def test_allocated_workers_see_their_young_person_and_others_of_their_role_do_not(setting) -> None:
    _service, council, person = setting
    mine, theirs = _user(Role.practitioner, council), _user(Role.practitioner, council)
    allocations = [_allocation(person, mine, AllocationKind.social_worker)]
    assert can_see_young_person(mine, person, allocations, TODAY)
    assert not can_see_young_person(theirs, person, allocations, TODAY)


def test_an_ended_allocation_gives_no_access(setting) -> None:
    _service, council, person = setting
    worker = _user(Role.reviewing_officer, council)
    allocations = [_allocation(person, worker, AllocationKind.reviewing_officer, ended=TODAY)]
    assert not can_see_young_person(worker, person, allocations, TODAY)


def test_an_allocation_of_another_kind_gives_no_access(setting) -> None:
    _service, council, person = setting
    worker = _user(Role.reviewing_officer, council)
    allocations = [_allocation(person, worker, AllocationKind.social_worker)]
    assert not can_see_young_person(worker, person, allocations, TODAY)


def test_advocacy_managers_see_only_young_people_their_service_works_with(setting) -> None:
    service, _council, person = setting
    manager = _user(Role.advocacy_manager, service=service)
    other_manager = _user(Role.advocacy_manager, service=AdvocacyService(id=uuid.uuid4(), name="T"))
    advocate = _user(Role.advocate, service=service)
    assert not can_see_young_person(manager, person, [], TODAY)
    outsider = _user(Role.advocate, service=AdvocacyService(id=uuid.uuid4(), name="U"))
    assert not can_see_young_person(manager, person, [_allocation(person, outsider, AllocationKind.advocate)], TODAY)
    allocations = [_allocation(person, advocate, AllocationKind.advocate)]
    assert can_see_young_person(manager, person, allocations, TODAY)
    assert not can_see_young_person(other_manager, person, allocations, TODAY)


def test_admins_manage_their_own_staff_only(setting) -> None:
    service, council, _person = setting
    admin = _user(Role.council_admin, council)
    assert can_manage_staff(admin, _user(Role.duty, council))
    assert not can_manage_staff(admin, _user(Role.duty, Council(id=uuid.uuid4(), name="D", slug="d")))
    assert not can_manage_staff(admin, _user(Role.advocate, service=service))
    assert not can_manage_staff(admin, admin)


def test_advocates_are_allocated_by_their_own_manager_never_by_the_council(setting) -> None:
    service, council, person = setting
    admin = _user(Role.council_admin, council)
    manager = _user(Role.advocacy_manager, service=service)
    advocate = _user(Role.advocate, service=service)
    assert not can_allocate(admin, person, advocate, AllocationKind.advocate)
    assert can_allocate(manager, person, advocate, AllocationKind.advocate)
    assert not can_allocate(manager, person, _user(Role.practitioner, council), AllocationKind.social_worker)
