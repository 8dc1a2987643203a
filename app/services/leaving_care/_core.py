"""What leaving care shares: who the young person is to it, their requests, arrangement and trusted adult."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from app import clock
from app.access import (
    is_current,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    AuditAction,
    CheckIn,
    HomeKind,
    LocalOfferItem,
    StayingCloseArrangement,
    SupportArea,
    SupportContact,
    SupportKind,
    SupportRequest,
    SupportStatus,
    TrustedAdult,
    User,
    YoungPerson,
)
from app.roles import Role
from app.services import audit, work_queue
from app.services._common import base_url
from app.services.errors import NotFound
from app.services.leaving_care.rules import (
    RECENT_CHECK_INS,
    SUPPORT_SUBJECT,
    StayingCloseFit,
    is_care_leaver,
    leaving_care_from_age,
    may_use_checklist,
    reply_working_days,
    staying_close_fit,
    staying_close_max_age,
    support_body,
)
from app.services.notifications import queue_to_address
from app.services.ownership import own_young_person
from app.services.people import allocations_with_staff


def _current_worker(allocations: Iterable[Allocation], kind: AllocationKind, today: date) -> User | None:
    current = sorted(
        (a for a in allocations if a.kind is kind and is_current(a, today) and a.staff.disabled_at is None),
        key=lambda a: a.started_on,
        reverse=True,
    )
    return current[0].staff if current else None


@dataclass(frozen=True)
class Me:
    """The young person as these pages need them: age, whether care experienced, and who their requests reach."""

    young_person: YoungPerson
    age: int
    care_leaver: bool
    adviser: User | None
    social_worker: User | None
    from_age: int
    max_age: int

    @property
    def council_name(self) -> str:
        return self.young_person.council.name

    @property
    def to_team(self) -> bool:
        """Requests go to the council's leaving care queue: they have no personal adviser now."""
        return self.adviser is None

    @property
    def may_use_checklist(self) -> bool:
        return may_use_checklist(self.age, self.care_leaver, self.from_age)

    @property
    def past_age(self) -> bool:
        return self.age >= self.max_age

    @property
    def home_left(self) -> HomeKind | None:
        if self.care_leaver:
            return self.young_person.left_care_from or self.young_person.home_kind
        return self.young_person.home_kind

    @property
    def staying_close(self) -> StayingCloseFit:
        return staying_close_fit(self.age, self.home_left, self.from_age, self.max_age)


def _me(user: User) -> tuple[Me, list[Allocation]]:
    young_person = own_young_person(user)
    allocations = allocations_with_staff(young_person.id)
    today = clock.today()
    me = Me(
        young_person=young_person,
        age=clock.age_on(young_person.date_of_birth, today),
        care_leaver=is_care_leaver(young_person, today),
        adviser=_current_worker(allocations, AllocationKind.personal_adviser, today),
        social_worker=_current_worker(allocations, AllocationKind.social_worker, today),
        from_age=leaving_care_from_age(),
        max_age=staying_close_max_age(),
    )
    return me, allocations


def _new_request(
    user: User,
    me: Me,
    allocations: list[Allocation],
    kind: SupportKind,
    areas: frozenset[SupportArea],
    *,
    offer_item: LocalOfferItem | None = None,
    words: str | None = None,
    contact: SupportContact = SupportContact.in_orbit,
    contact_note: str | None = None,
    submission_key: uuid.UUID | None = None,
) -> SupportRequest:
    now = clock.now()
    request = SupportRequest(
        young_person_id=me.young_person.id,
        council_id=me.young_person.council_id,
        kind=kind,
        offer_item_id=offer_item.id if offer_item else None,
        words=words,
        contact=contact,
        contact_note=contact_note,
        sent_to_id=me.adviser.id if me.adviser else None,
        submission_key=submission_key,
        status=SupportStatus.sent,
        created_at=now,
        due_at=work_queue.due_after(now, working_days=reply_working_days()),
    )
    request.set_areas(areas)
    with db.session.begin_nested():
        db.session.add(request)
    audit.record_about(AuditAction.support_requested, user, "support_request", request)
    _tell_workers(me, allocations)
    return request


def _workers_to_tell(allocations: Iterable[Allocation]) -> list[User]:
    """The young person's personal adviser and social worker now, each once, who can be emailed."""
    today = clock.today()
    workers: dict[uuid.UUID, User] = {}
    for allocation in allocations:
        worker = allocation.staff
        if (
            allocation.kind in (AllocationKind.personal_adviser, AllocationKind.social_worker)
            and is_current(allocation, today)
            and worker.email
            and worker.is_active
        ):
            workers.setdefault(worker.id, worker)
    return list(workers.values())


def _tell_workers(me: Me, allocations: list[Allocation]) -> None:
    """Content-free messages with a link: the young person's words are only ever read inside Orbit. Requests that
    go to the council's leaving care queue are seen there (see the report on who works it)."""
    link = base_url()
    for worker in _workers_to_tell(allocations):
        queue_to_address(worker.email or "", SUPPORT_SUBJECT, support_body(reply_working_days(), link), worker)


def _requests_of(young_person_id: uuid.UUID, limit: int | None = None) -> list[SupportRequest]:
    query = (
        select(SupportRequest)
        .options(joinedload(SupportRequest.offer_item), joinedload(SupportRequest.sent_to))
        .where(SupportRequest.young_person_id == young_person_id)
        .order_by(SupportRequest.created_at.desc(), SupportRequest.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def _current_trusted_adult(young_person_id: uuid.UUID) -> TrustedAdult | None:
    """The one chosen now. An inner join: if the person was deleted, so is the choice (on SQLite, which does not
    cascade, the row is left behind but never shown)."""
    return db.session.scalar(
        select(TrustedAdult)
        .join(TrustedAdult.person)
        .options(contains_eager(TrustedAdult.person))
        .where(TrustedAdult.young_person_id == young_person_id, TrustedAdult.ended_at.is_(None))
        .order_by(TrustedAdult.chosen_at.desc())
        .limit(1)
    )


def _arrangement(young_person_id: uuid.UUID) -> StayingCloseArrangement | None:
    return db.session.scalar(
        select(StayingCloseArrangement).where(StayingCloseArrangement.young_person_id == young_person_id)
    )


def _check_ins(young_person_id: uuid.UUID, limit: int = RECENT_CHECK_INS) -> list[CheckIn]:
    return list(
        db.session.scalars(
            select(CheckIn)
            .where(CheckIn.young_person_id == young_person_id)
            .order_by(CheckIn.created_at.desc(), CheckIn.id)
            .limit(limit)
        )
    )


def _require_practitioner(user: User) -> None:
    if user.role is not Role.practitioner:
        raise NotFound
