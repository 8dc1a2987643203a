"""People who matter as staff see them: what was shared with them, and the council-level count."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select

from app.access import (
    can_see_people_count,
    may_see_shared_people,
    people_audience,
    shared_with_anyone_clause,
    shared_with_clause,
)
from app.extensions import db
from app.models import (
    Answer,
    Audience,
    AuditAction,
    PersonWhoMatters,
    User,
    YoungPerson,
)
from app.services import audit
from app.services._common import MIN_GROUP_SIZE
from app.services.errors import NotFound
from app.services.people.circles import _sorted
from app.services.people.records import young_person_for_staff
from app.services.people.rules import is_enduring


@dataclass(frozen=True)
class SharedPeople:
    young_person: YoungPerson
    audience: Audience
    current: list[PersonWhoMatters]
    ended: list[PersonWhoMatters]

    @property
    def enduring(self) -> int:
        return sum(1 for person in self.current if is_enduring(person))


def shared_people_for_staff(user: User, young_person_id: uuid.UUID) -> SharedPeople:
    """Only the people this young person shared with the viewer's role; never how many are kept private."""
    audience = people_audience(user.role)
    if audience is None:
        raise NotFound
    young_person, _allocations = young_person_for_staff(user, young_person_id, may_see_shared_people)
    people = list(
        db.session.scalars(
            select(PersonWhoMatters).where(
                PersonWhoMatters.young_person_id == young_person.id, shared_with_clause(user.role)
            )
        )
    )
    audit.record_young_person(AuditAction.people_viewed, user, young_person.id, "young_person")
    return SharedPeople(
        young_person=young_person,
        audience=audience,
        current=_sorted(p for p in people if p.ended_at is None),
        ended=sorted((p for p in people if p.ended_at is not None), key=lambda p: p.ended_at, reverse=True),
    )


# The council-level count ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleCount:
    """How many young people have at least two people with "yes" to trust and to lasting, over shared people.

    `group` is the young people who shared anyone at all. Nothing is shown when the group is under
    MIN_GROUP_SIZE; the count is hidden when it, or the rest of the group, is under MIN_GROUP_SIZE (either
    would let someone work out a few young people's answers)."""

    group: int | None
    with_two: int | None

    @property
    def group_shown(self) -> bool:
        return self.group is not None

    @property
    def count_shown(self) -> bool:
        return self.with_two is not None


def suppress(with_two: int, group: int, minimum: int = MIN_GROUP_SIZE) -> PeopleCount:
    if group < minimum:
        return PeopleCount(group=None, with_two=None)
    if with_two < minimum or group - with_two < minimum:
        return PeopleCount(group=group, with_two=None)
    return PeopleCount(group=group, with_two=with_two)


def council_people_count(user: User) -> PeopleCount:
    if not can_see_people_count(user):
        raise NotFound
    strong = case(
        (and_(PersonWhoMatters.trust == Answer.yes, PersonWhoMatters.lasting == Answer.yes), 1),
        else_=0,
    )
    per_young_person = (
        select(PersonWhoMatters.young_person_id, func.sum(strong).label("strong"))
        .join(YoungPerson, YoungPerson.id == PersonWhoMatters.young_person_id)
        .where(
            YoungPerson.council_id == user.council_id,
            PersonWhoMatters.ended_at.is_(None),
            shared_with_anyone_clause(),
        )
        .group_by(PersonWhoMatters.young_person_id)
        .subquery()
    )
    group, with_two = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((per_young_person.c.strong >= 2, 1), else_=0)), 0),
        ).select_from(per_young_person)
    ).one()
    audit.record(AuditAction.people_count_viewed, actor=user, object_type="council", object_id=user.council_id)
    return suppress(int(with_two or 0), int(group or 0))
