"""The young person's leaving care pages: who they are to it, the local offer checklist and its answers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from app import clock
from app.extensions import db
from app.models import (
    OPEN_SUPPORT,
    AuditAction,
    ChecklistAnswer,
    LocalOfferAnswer,
    LocalOfferItem,
    OfferCategory,
    PersonWhoMatters,
    StayingCloseArrangement,
    SupportKind,
    SupportRequest,
    User,
)
from app.services import audit
from app.services._common import add_once, choice
from app.services.errors import NotFound, Refused
from app.services.leaving_care._core import Me, _arrangement, _me, _new_request
from app.services.leaving_care.rules import OfferFit, offer_fit


@dataclass(frozen=True)
class ChecklistItem:
    item: LocalOfferItem
    fit: OfferFit
    answer: LocalOfferAnswer | None
    open_request: SupportRequest | None

    @property
    def changed_since_answer(self) -> bool:
        return self.answer is not None and self.answer.item_version < self.item.version


@dataclass
class Checklist:
    me: Me
    sections: list[tuple[OfferCategory, list[ChecklistItem]]] = field(default_factory=list)
    later: list[ChecklistItem] = field(default_factory=list)
    ended: list[ChecklistItem] = field(default_factory=list)

    @property
    def current(self) -> list[ChecklistItem]:
        return [entry for _category, entries in self.sections for entry in entries]

    @property
    def answered(self) -> int:
        return sum(1 for entry in self.current if entry.answer is not None)

    @property
    def got(self) -> int:
        return sum(1 for entry in self.current if entry.answer and entry.answer.answer is ChecklistAnswer.got_it)


def _council_items(council_id: uuid.UUID) -> list[LocalOfferItem]:
    order = {category: index for index, category in enumerate(OfferCategory)}
    items = db.session.scalars(
        select(LocalOfferItem).where(LocalOfferItem.council_id == council_id, LocalOfferItem.withdrawn_at.is_(None))
    )
    return sorted(items, key=lambda i: (order[i.category], i.title.casefold(), i.id))


def _checklist(me: Me) -> Checklist:
    young_person = me.young_person
    items = _council_items(young_person.council_id)
    answers = {
        answer.item_id: answer
        for answer in db.session.scalars(
            select(LocalOfferAnswer).where(LocalOfferAnswer.young_person_id == young_person.id)
        )
    }
    open_requests = {
        request.offer_item_id: request
        for request in db.session.scalars(
            select(SupportRequest).where(
                SupportRequest.young_person_id == young_person.id,
                SupportRequest.kind == SupportKind.offer_help,
                SupportRequest.status.in_(OPEN_SUPPORT),
            )
        )
    }
    checklist = Checklist(me)
    by_category: dict[OfferCategory, list[ChecklistItem]] = {}
    for item in items:
        fit = offer_fit(item, me.age, me.care_leaver)
        entry = ChecklistItem(item, fit, answers.get(item.id), open_requests.get(item.id))
        if fit is OfferFit.applies:
            by_category.setdefault(item.category, []).append(entry)
        elif fit is OfferFit.ended:
            checklist.ended.append(entry)
        else:
            checklist.later.append(entry)
    checklist.sections = [(category, by_category[category]) for category in OfferCategory if category in by_category]
    return checklist


def my_checklist(user: User) -> Checklist:
    me, _allocations = _me(user)
    return _checklist(me)


@dataclass(frozen=True)
class Answered:
    answer: LocalOfferAnswer
    request: SupportRequest | None
    asked_now: bool


def _answer_of(young_person_id: uuid.UUID, item_id: uuid.UUID) -> LocalOfferAnswer | None:
    return db.session.scalar(
        select(LocalOfferAnswer).where(
            LocalOfferAnswer.young_person_id == young_person_id, LocalOfferAnswer.item_id == item_id
        )
    )


def answer_item(user: User, item_id: uuid.UUID, answer: str, version: int | None) -> Answered:
    """Save one checklist answer. An item edited since the page was opened is refused ("local_offer_item_changed"), so
    nobody ticks words they have not seen. "I need help with this" becomes a request, once per item."""
    me, allocations = _me(user)
    young_person = me.young_person
    item = db.session.scalar(
        select(LocalOfferItem)
        .where(LocalOfferItem.id == item_id)
        # A shared lock: many young people answer at once; an admin's edit waits until this answer is saved.
        .with_for_update(read=True)
        .execution_options(populate_existing=True)
    )
    if item is None or item.council_id != young_person.council_id:
        raise NotFound
    chosen = choice(ChecklistAnswer, answer, "checklist_answer_unknown", "answer")
    if item.withdrawn_at is not None:
        raise Refused("local_offer_item_gone")
    if not me.may_use_checklist or offer_fit(item, me.age, me.care_leaver) is not OfferFit.applies:
        raise Refused("local_offer_not_for_you")
    if version != item.version:
        raise Refused("local_offer_item_changed")
    now = clock.now()
    saved = _answer_of(young_person.id, item.id)
    if saved is None:
        # Two answers for the same item at once (two phones): the other one was saved first; change it.
        saved, _ = add_once(
            LocalOfferAnswer(
                young_person_id=young_person.id,
                item_id=item.id,
                answer=chosen,
                item_version=item.version,
                answered_at=now,
            ),
            lambda: _answer_of(young_person.id, item.id),
        )
    saved.answer, saved.item_version, saved.answered_at = chosen, item.version, now
    audit.record(
        AuditAction.local_offer_answered,
        actor=user,
        object_type="local_offer_item",
        object_id=item.id,
        young_person_id=young_person.id,
    )
    request, asked_now = None, False
    if chosen is ChecklistAnswer.need_help:
        request = db.session.scalar(
            select(SupportRequest).where(
                SupportRequest.young_person_id == young_person.id,
                SupportRequest.offer_item_id == item.id,
                SupportRequest.status.in_(OPEN_SUPPORT),
            )
        )
        if request is None:
            request = _new_request(user, me, allocations, SupportKind.offer_help, frozenset(), offer_item=item)
            asked_now = True
    return Answered(saved, request, asked_now)


@dataclass(frozen=True)
class LeavingCareHome:
    checklist: Checklist
    open_requests: int
    replies_waiting: int
    arrangement: StayingCloseArrangement | None
    people: int

    @property
    def me(self) -> Me:
        return self.checklist.me


def leaving_care_home(user: User) -> LeavingCareHome:
    """What is here for them: the offer, their requests, their arrangement, and what stays at 25 and after."""
    me, _allocations = _me(user)
    young_person_id = me.young_person.id
    open_requests, replied = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((SupportRequest.replied_at.is_not(None), 1), else_=0)), 0),
        ).where(SupportRequest.young_person_id == young_person_id, SupportRequest.status.in_(OPEN_SUPPORT))
    ).one()
    people = db.session.scalar(
        select(func.count()).where(
            PersonWhoMatters.young_person_id == young_person_id, PersonWhoMatters.ended_at.is_(None)
        )
    )
    return LeavingCareHome(
        checklist=_checklist(me),
        open_requests=int(open_requests or 0),
        replies_waiting=int(replied or 0),
        arrangement=_arrangement(young_person_id),
        people=int(people or 0),
    )
