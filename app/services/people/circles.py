"""A young person's own people who matter: adding, changing, sharing, ending and deleting them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from app import clock
from app.access import (
    ALLOCATION_KINDS_FOR_AUDIENCE,
    is_current,
)
from app.extensions import db
from app.models import (
    OPEN_RECONNECT,
    Allocation,
    AllocationKind,
    Audience,
    AuditAction,
    ChangeKind,
    Circle,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    User,
    YoungPerson,
)
from app.models.people import END_REASON_MAX
from app.services import audit
from app.services._common import choices, typed_line
from app.services.errors import Refused
from app.services.ownership import own_young_person
from app.services.people.records import allocations_with_staff, own_record
from app.services.people.rules import (
    PersonDetails,
    _apply,
    _audiences_code,
    _bump,
    _changes,
    _check_version,
    _history,
    check_details,
    needs_lasting_prompt,
)


def _sorted(people: Iterable[PersonWhoMatters]) -> list[PersonWhoMatters]:
    order = {circle: index for index, circle in enumerate(Circle)}
    return sorted(people, key=lambda p: (order[p.circle], p.name.casefold(), p.created_at))


# Loading ----------------------------------------------------------------------------------------------


def _own_person(user: User, person_id: uuid.UUID, *, for_update: bool = False) -> PersonWhoMatters:
    """One of the acting young person's own people, or NotFound (whether it is someone else's or not there)."""
    return own_record(user, PersonWhoMatters, person_id, for_update=for_update)


# Who a young person would be sharing with --------------------------------------------------------------


@dataclass(frozen=True)
class AudienceChoice:
    """One sharing choice, with who that is now: "Priya, your social worker"."""

    audience: Audience
    kind: AllocationKind | None
    staff: User | None
    reviewing_officer_title: str


def _audience_choices(young_person: YoungPerson, allocations: list[Allocation], today: date) -> list[AudienceChoice]:
    choices = []
    for audience in Audience:
        kinds = ALLOCATION_KINDS_FOR_AUDIENCE[audience]
        current = sorted(
            (a for a in allocations if a.kind in kinds and is_current(a, today)),
            key=lambda a: a.started_on,
            reverse=True,
        )
        first = current[0] if current else None
        choices.append(
            AudienceChoice(
                audience=audience,
                kind=first.kind if first else None,
                staff=first.staff if first else None,
                reviewing_officer_title=young_person.council.reviewing_officer_title,
            )
        )
    return choices


def _practitioners(allocations: list[Allocation], today: date) -> list[User]:
    kinds = ALLOCATION_KINDS_FOR_AUDIENCE[Audience.practitioner]
    return [a.staff for a in allocations if a.kind in kinds and is_current(a, today)]


# The young person's own pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class MyPeople:
    young_person: YoungPerson
    current: list[PersonWhoMatters]
    ended: list[PersonWhoMatters]
    open_requests: dict[uuid.UUID, ReconnectRequest]
    show_prompt: bool
    age: int


def my_people(user: User) -> MyPeople:
    """The young person's circles: everyone current (for the picture and list), who has ended, and the prompt."""
    young_person = own_young_person(user)
    people = list(
        db.session.scalars(select(PersonWhoMatters).where(PersonWhoMatters.young_person_id == young_person.id))
    )
    requests = db.session.scalars(
        select(ReconnectRequest).where(
            ReconnectRequest.young_person_id == young_person.id, ReconnectRequest.status.in_(OPEN_RECONNECT)
        )
    )
    current = _sorted(p for p in people if p.ended_at is None)
    ended = sorted((p for p in people if p.ended_at is not None), key=lambda p: p.ended_at, reverse=True)
    return MyPeople(
        young_person=young_person,
        current=current,
        ended=ended,
        open_requests={r.person_id: r for r in requests},
        show_prompt=needs_lasting_prompt(current),
        age=clock.age_on(young_person.date_of_birth, clock.today()),
    )


@dataclass(frozen=True)
class PersonPage:
    person: PersonWhoMatters
    history: list[PersonChange]
    requests: list[ReconnectRequest]
    audiences: list[AudienceChoice]

    @property
    def open_request(self) -> ReconnectRequest | None:
        return next((r for r in self.requests if r.is_open), None)

    @property
    def latest_request(self) -> ReconnectRequest | None:
        return self.requests[0] if self.requests else None


def _person_to_change(user: User, person_id: uuid.UUID, version: int | None) -> PersonWhoMatters:
    """One of the young person's own people, locked for the change, when the form was sent from its latest version."""
    person = _own_person(user, person_id, for_update=True)
    _check_version(person, version)
    return person


def _record(action: AuditAction, user: User, person_id: uuid.UUID, young_person_id: uuid.UUID) -> None:
    audit.record(action, actor=user, object_type="person", object_id=person_id, young_person_id=young_person_id)


def _saved(user: User, person: PersonWhoMatters, action: AuditAction) -> None:
    """A change to a person is kept: a new version, and the audit event for it."""
    _bump(person)
    _record(action, user, person.id, person.young_person_id)


def person_page(user: User, person_id: uuid.UUID) -> PersonPage:
    """One of the young person's own people, with its history, requests and who each sharing choice is."""
    person = _own_person(user, person_id)
    history = db.session.scalars(
        select(PersonChange)
        .where(PersonChange.person_id == person.id)
        .order_by(PersonChange.at.desc(), PersonChange.id)
    )
    requests = db.session.scalars(
        select(ReconnectRequest)
        .where(ReconnectRequest.person_id == person.id)
        .order_by(ReconnectRequest.created_at.desc())
    )
    allocations = allocations_with_staff(person.young_person_id)
    return PersonPage(
        person=person,
        history=list(history),
        requests=list(requests),
        audiences=_audience_choices(person.young_person, allocations, clock.today()),
    )


def sharing_choices(user: User) -> list[AudienceChoice]:
    """Who each sharing choice means for this young person now, by name (for the add form)."""
    young_person = own_young_person(user)
    return _audience_choices(young_person, allocations_with_staff(young_person.id), clock.today())


def add_person(user: User, details: PersonDetails) -> PersonWhoMatters:
    young_person = own_young_person(user)
    clean = check_details(details)
    now = clock.now()
    person = PersonWhoMatters(young_person_id=young_person.id, version=1, created_at=now, updated_at=now)
    _apply(person, clean)
    person.set_audiences(frozenset())
    db.session.add(person)
    db.session.flush()
    _history(person, ChangeKind.added, clean.circle.value)
    _record(AuditAction.person_added, user, person.id, young_person.id)
    return person


def change_person(user: User, person_id: uuid.UUID, version: int | None, details: PersonDetails) -> bool:
    """Save changes; returns False if nothing was different. A stale version is refused with code "stale"."""
    person = _person_to_change(user, person_id, version)
    clean = check_details(details)
    changes = _changes(person, clean)
    if not changes:
        return False
    _apply(person, clean)
    for kind, value in changes:
        _history(person, kind, value)
    _saved(user, person, AuditAction.person_changed)
    return True


def set_sharing(user: User, person_id: uuid.UUID, version: int | None, audiences: Iterable[str]) -> bool:
    """Choose who sees this person. No choices means only the young person (the default)."""
    person = _person_to_change(user, person_id, version)
    chosen = choices(Audience, audiences, "audience_unknown", "audiences")
    if chosen == person.audiences:
        return False
    person.set_audiences(chosen)
    _history(person, ChangeKind.sharing_changed, _audiences_code(chosen))
    _saved(user, person, AuditAction.person_sharing_changed)
    return True


def end_person(user: User, person_id: uuid.UUID, version: int | None, reason: str) -> PersonWhoMatters:
    """End a relationship. Nothing is deleted: the person moves to "before", with the reason in the history."""
    person = _person_to_change(user, person_id, version)
    if person.ended_at is not None:
        raise Refused("person_already_ended")
    why = typed_line(reason, "reason", most=END_REASON_MAX, too_long="end_reason_too_long")
    person.ended_at = clock.now()
    person.end_reason = why or None
    _history(person, ChangeKind.ended, note=why or None)
    _saved(user, person, AuditAction.person_ended)
    return person


def restart_person(user: User, person_id: uuid.UUID, version: int | None) -> PersonWhoMatters:
    """Bring an ended person back into the circles (the history keeps that it ended, and why)."""
    person = _person_to_change(user, person_id, version)
    if person.ended_at is None:
        raise Refused("person_not_ended")
    person.ended_at = None
    person.end_reason = None
    _history(person, ChangeKind.restarted, person.circle.value)
    _saved(user, person, AuditAction.person_restarted)
    return person


def person_for_delete(user: User, person_id: uuid.UUID) -> PersonWhoMatters:
    return _own_person(user, person_id)


def delete_person(user: User, person_id: uuid.UUID) -> None:
    """Delete an entry made by mistake: the person, their history and any request to find them, all gone."""
    person = _own_person(user, person_id, for_update=True)
    young_person_id = person.young_person_id
    db.session.execute(delete(ReconnectRequest).where(ReconnectRequest.person_id == person.id))
    db.session.execute(delete(PersonChange).where(PersonChange.person_id == person.id))
    db.session.delete(person)
    _record(AuditAction.person_deleted, user, person_id, young_person_id)
