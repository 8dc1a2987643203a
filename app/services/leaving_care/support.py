"""Leaving care: the council's local offer as a checklist, Staying Close support, a trusted adult, the Staying
Close arrangement, and "how are things?".

Every function takes the acting user and checks access through app.access. Young people only ever touch their
own things. A checklist answer is theirs alone; "I need help with this" and a Staying Close request go to their
personal adviser, or to the council's leaving care queue when they have none (and they are told which). Council
admins keep the local offer and see counts of 10 or more, never who answered what. Every look by staff is audited.
Nothing here commits: the request does, once.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import current_app
from sqlalchemy import String, and_, case, cast, func, literal, null, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from app import clock
from app.access import (
    can_keep_local_offer,
    can_see_support_request,
    can_support,
    has_personal_adviser,
    in_leaving_care_queue,
    is_current,
    leaving_care_queue_clause,
    supported_young_people,
)
from app.extensions import db
from app.models import (
    OPEN_SUPPORT,
    Allocation,
    AllocationKind,
    ArrangementHome,
    AuditAction,
    CheckIn,
    CheckInFeeling,
    ChecklistAnswer,
    HomeKind,
    LocalOfferAnswer,
    LocalOfferItem,
    OfferCategory,
    PersonWhoMatters,
    RelationshipKind,
    StayingCloseArrangement,
    SupportArea,
    SupportContact,
    SupportKind,
    SupportReply,
    SupportRequest,
    SupportStatus,
    TrustedAdult,
    TrustedAdultStatus,
    User,
    YoungPerson,
)
from app.models.base import UTCDateTime
from app.models.leaving_care import (
    ARRANGEMENT_SUPPORT_MAX,
    CHECK_IN_WORDS_MAX,
    CONTACT_NOTE_MAX,
    KEY_CONTACT_MAX,
    OFFER_TEXT_MAX,
    OFFER_TITLE_MAX,
    OFFER_WHO_FOR_MAX,
    SUPPORT_REPLY_MAX,
    SUPPORT_WORDS_MAX,
    TRUSTED_ADULT_NOTE_MAX,
)
from app.roles import Role
from app.services import audit
from app.services.errors import NotFound, Refused
from app.services.notifications import YOUNG_PERSON_BODY, YOUNG_PERSON_SUBJECT, queue_to_address
from app.services.ownership import own_young_person
from app.services.people import allocations_with_staff, clean_line, clean_text

MIN_GROUP_SIZE = 10
OFFER_AGE_MIN = 16
OFFER_AGE_MAX = 30
QUEUE_PAGE_SIZE = 50
RECENT_CHECK_INS = 10
ARRANGEMENT_REVIEW_MAX_DAYS = 2 * 366
# Who can be a trusted adult: anyone the young person named, except a pet.
NOT_A_TRUSTED_ADULT = frozenset({RelationshipKind.pet})
SUPPORT_SUBJECT = "A request for support in Orbit"


def support_body(working_days: int, base_url: str) -> str:
    """Staff messages carry a link, never the young person's words or name."""
    return (
        "A young person you work with has asked for support in Orbit (Staying Close, or help with the local "
        f"offer). Please reply within {working_days} working days: {base_url}/practitioner/leaving-care"
    )


# Settings ([tool.orbit] in pyproject.toml) ------------------------------------------------------------------


def _rule(name: str, default: int) -> int:
    return int(current_app.config["ORBIT_RULES"].get(name, default))


def leaving_care_from_age() -> int:
    return _rule("leaving_care_from_age", 16)


def staying_close_max_age() -> int:
    return _rule("staying_close_max_age", 25)


def reply_working_days() -> int:
    return _rule("support_reply_working_days", 5)


def update_working_days() -> int:
    return _rule("support_update_working_days", 20)


# Rules -----------------------------------------------------------------------------------------------------


class OfferFit(enum.StrEnum):
    """Whether an item of the local offer is for this young person now, from what Orbit knows."""

    applies = "applies"
    later = "later"  # too young for it yet
    after_care = "after_care"  # for care leavers only, and they have not left care yet
    ended = "ended"  # it stopped at a birthday they have had


def is_care_leaver(young_person: YoungPerson, today: date) -> bool:
    """Care experienced: 18 or older, or left care before that."""
    left_early = young_person.left_care_on is not None and young_person.left_care_on <= today
    return today >= young_person.adult_on or left_early


def offer_fit(item: LocalOfferItem, age: int, care_leaver: bool) -> OfferFit:
    if item.until_age is not None and age >= item.until_age:
        return OfferFit.ended
    if item.from_age is not None and age < item.from_age:
        return OfferFit.later
    if item.care_leavers_only and not care_leaver:
        return OfferFit.after_care
    return OfferFit.applies


def may_use_checklist(age: int, care_leaver: bool, from_age: int) -> bool:
    """Care leavers at any age, and young people in care from `from_age` (16)."""
    return care_leaver or age >= from_age


def shows_leaving_care(young_person: YoungPerson) -> bool:
    today = clock.today()
    age = clock.age_on(young_person.date_of_birth, today)
    return may_use_checklist(age, is_care_leaver(young_person, today), leaving_care_from_age())


class StayingCloseFit(enum.StrEnum):
    likely = "likely"  # under the age limit, and the home they left (or live in) is a children's home
    maybe = "maybe"  # under the age limit, any other home
    too_young = "too_young"
    past_age = "past_age"


def staying_close_fit(age: int, home_left: HomeKind | None, from_age: int, max_age: int) -> StayingCloseFit:
    """Whether Staying Close may be for someone, from their age and the kind of home they left. Never a "no": every
    answer comes with "ask anyway"."""
    if age >= max_age:
        return StayingCloseFit.past_age
    if age < from_age:
        return StayingCloseFit.too_young
    if home_left is HomeKind.childrens_home:
        return StayingCloseFit.likely
    return StayingCloseFit.maybe


@dataclass(frozen=True)
class OfferCounts:
    """How many young people said each answer for one item. `total` is None under MIN_GROUP_SIZE; a count is None
    when it, or everyone else, is under MIN_GROUP_SIZE, and when it could be worked out from the other numbers."""

    total: int | None
    got_it: int | None
    not_yet: int | None
    need_help: int | None

    @property
    def shown(self) -> bool:
        return self.total is not None


def suppress_counts(counts: Mapping[ChecklistAnswer, int], minimum: int = MIN_GROUP_SIZE) -> OfferCounts:
    values = {answer: int(counts.get(answer, 0)) for answer in ChecklistAnswer}
    total = sum(values.values())
    if total < minimum:
        return OfferCounts(None, None, None, None)
    shown: dict[ChecklistAnswer, int | None] = {
        answer: count if count >= minimum and total - count >= minimum else None for answer, count in values.items()
    }
    hidden = [answer for answer, count in shown.items() if count is None]
    if len(hidden) == 1:
        # One hidden number is the total minus the others: hide the smallest shown one as well.
        smallest = min((a for a, c in shown.items() if c is not None), key=lambda a: values[a])
        shown[smallest] = None
    return OfferCounts(
        total,
        shown[ChecklistAnswer.got_it],
        shown[ChecklistAnswer.not_yet],
        shown[ChecklistAnswer.need_help],
    )


def _choice(kind: type[enum.Enum], value: str | None, code: str, field_name: str) -> enum.Enum:
    try:
        return kind(value or "")
    except ValueError as error:
        raise Refused(code, field_name) from error


# Loading ---------------------------------------------------------------------------------------------------


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


# The checklist ---------------------------------------------------------------------------------------------


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
    chosen = _choice(ChecklistAnswer, answer, "checklist_answer_unknown", "answer")
    if item.withdrawn_at is not None:
        raise Refused("local_offer_item_gone")
    if not me.may_use_checklist or offer_fit(item, me.age, me.care_leaver) is not OfferFit.applies:
        raise Refused("local_offer_not_for_you")
    if version != item.version:
        raise Refused("local_offer_item_changed")
    now = clock.now()
    saved = db.session.scalar(
        select(LocalOfferAnswer).where(
            LocalOfferAnswer.young_person_id == young_person.id, LocalOfferAnswer.item_id == item.id
        )
    )
    if saved is None:
        saved = LocalOfferAnswer(
            young_person_id=young_person.id, item_id=item.id, answer=chosen, item_version=item.version, answered_at=now
        )
        try:
            with db.session.begin_nested():
                db.session.add(saved)
        except IntegrityError:
            # Two answers for the same item at once (two phones): the other one was saved first; change it.
            saved = db.session.scalar(
                select(LocalOfferAnswer).where(
                    LocalOfferAnswer.young_person_id == young_person.id, LocalOfferAnswer.item_id == item.id
                )
            )
            if saved is None:
                raise
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


# Requests: Staying Close and "I need help with this" --------------------------------------------------------


@dataclass(frozen=True)
class SupportDetails:
    """What a young person chose and typed when asking for Staying Close support, as codes."""

    areas: frozenset[str]
    contact: str
    words: str = ""
    contact_note: str = ""


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
        due_at=clock.add_working_days(now, reply_working_days()),
    )
    request.set_areas(areas)
    with db.session.begin_nested():
        db.session.add(request)
    audit.record(
        AuditAction.support_requested,
        actor=user,
        object_type="support_request",
        object_id=request.id,
        young_person_id=me.young_person.id,
    )
    _tell_workers(me, allocations)
    return request


def _tell_workers(me: Me, allocations: list[Allocation]) -> None:
    """Content-free messages with a link: the young person's words are only ever read inside Orbit. Requests that
    go to the council's leaving care queue are seen there (see the report on who works it)."""
    base_url = current_app.config["ORBIT_SETTINGS"].base_url.rstrip("/")
    today = clock.today()
    told: set[uuid.UUID] = set()
    for allocation in allocations:
        worker = allocation.staff
        if (
            allocation.kind in (AllocationKind.personal_adviser, AllocationKind.social_worker)
            and is_current(allocation, today)
            and worker.id not in told
            and worker.email
            and worker.is_active
        ):
            told.add(worker.id)
            queue_to_address(worker.email, SUPPORT_SUBJECT, support_body(reply_working_days(), base_url), worker)


def ask_for_support(user: User, details: SupportDetails, submission_key: uuid.UUID) -> SupportRequest:
    """A Staying Close request in one or more areas, with optional words and how to be contacted. Sending the same
    form twice returns the first request."""
    me, allocations = _me(user)
    try:
        areas = frozenset(SupportArea(code) for code in details.areas)
    except ValueError as error:
        raise Refused("support_area_unknown", "areas") from error
    if not areas:
        raise Refused("support_area_missing", "areas")
    contact = _choice(SupportContact, details.contact, "support_contact_missing", "contact")
    words = clean_text(details.words)
    if len(words) > SUPPORT_WORDS_MAX:
        raise Refused("support_words_too_long", "words")
    note = clean_line(details.contact_note)
    if len(note) > CONTACT_NOTE_MAX:
        raise Refused("contact_note_too_long", "contact_note")
    existing = _request_by_key(me.young_person.id, submission_key)
    if existing is not None:
        return existing
    try:
        return _new_request(
            user,
            me,
            allocations,
            SupportKind.staying_close,
            areas,
            words=words or None,
            contact=contact,  # type: ignore[arg-type]
            contact_note=note or None,
            submission_key=submission_key,
        )
    except IntegrityError:
        existing = _request_by_key(me.young_person.id, submission_key)
        if existing is None:
            raise
        return existing


def _request_by_key(young_person_id: uuid.UUID, key: uuid.UUID) -> SupportRequest | None:
    return db.session.scalar(
        select(SupportRequest).where(
            SupportRequest.young_person_id == young_person_id, SupportRequest.submission_key == key
        )
    )


def where_requests_go(user: User) -> Me:
    me, _allocations = _me(user)
    return me


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


@dataclass(frozen=True)
class RequestPage:
    request: SupportRequest
    replies: list[SupportReply]
    young_person: YoungPerson
    in_team_queue: bool

    @property
    def overdue(self) -> bool:
        return self.request.is_open and self.request.due_at < clock.now()


def _replies(request_id: uuid.UUID) -> list[SupportReply]:
    return list(
        db.session.scalars(
            select(SupportReply)
            .options(joinedload(SupportReply.author))
            .where(SupportReply.request_id == request_id)
            .order_by(SupportReply.created_at, SupportReply.id)
        )
    )


def my_request(user: User, request_id: uuid.UUID) -> RequestPage:
    """One of the young person's own requests, with every reply."""
    young_person = own_young_person(user)
    request = db.session.scalar(
        select(SupportRequest)
        .options(joinedload(SupportRequest.offer_item), joinedload(SupportRequest.sent_to))
        .where(SupportRequest.id == request_id)
    )
    if request is None or request.young_person_id != young_person.id:
        raise NotFound
    return RequestPage(request, _replies(request.id), young_person, in_team_queue=request.sent_to_id is None)


# Staying Close, the trusted adult and "how are things?" ----------------------------------------------------


@dataclass(frozen=True)
class StayingClosePage:
    me: Me
    requests: list[SupportRequest]
    trusted_adult: TrustedAdult | None
    arrangement: StayingCloseArrangement | None
    check_ins: list[CheckIn]

    @property
    def fit(self) -> StayingCloseFit:
        return self.me.staying_close


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


def staying_close_page(user: User) -> StayingClosePage:
    me, _allocations = _me(user)
    young_person_id = me.young_person.id
    return StayingClosePage(
        me=me,
        requests=_requests_of(young_person_id),
        trusted_adult=_current_trusted_adult(young_person_id),
        arrangement=_arrangement(young_person_id),
        check_ins=_check_ins(young_person_id, limit=3),
    )


@dataclass(frozen=True)
class TrustedAdultChoice:
    me: Me
    current: TrustedAdult | None
    people: list[PersonWhoMatters]


def _candidates(young_person_id: uuid.UUID) -> list[PersonWhoMatters]:
    people = db.session.scalars(
        select(PersonWhoMatters).where(
            PersonWhoMatters.young_person_id == young_person_id,
            PersonWhoMatters.ended_at.is_(None),
            PersonWhoMatters.relationship_kind.not_in(NOT_A_TRUSTED_ADULT),
        )
    )
    return sorted(people, key=lambda p: (p.name.casefold(), p.id))


def trusted_adult_choice(user: User) -> TrustedAdultChoice:
    me, _allocations = _me(user)
    return TrustedAdultChoice(me, _current_trusted_adult(me.young_person.id), _candidates(me.young_person.id))


def choose_trusted_adult(user: User, person_code: str) -> TrustedAdult | None:
    """Choose someone from their people who matter ("" or "none" for no one). The last choice is ended, not lost."""
    young_person = own_young_person(user)
    current = _current_trusted_adult(young_person.id)
    if not person_code:
        raise Refused("trusted_adult_missing", "person")
    if person_code == "none":
        if current is not None:
            current.ended_at = clock.now()
            audit.record(
                AuditAction.trusted_adult_ended,
                actor=user,
                object_type="trusted_adult",
                object_id=current.id,
                young_person_id=young_person.id,
            )
        return None
    try:
        person_id = uuid.UUID(person_code)
    except ValueError as error:
        raise Refused("trusted_adult_missing", "person") from error
    person = db.session.get(PersonWhoMatters, person_id)
    if (
        person is None
        or person.young_person_id != young_person.id
        or person.ended_at is not None
        or person.relationship_kind in NOT_A_TRUSTED_ADULT
    ):
        raise Refused("trusted_adult_missing", "person")
    if current is not None and current.person_id == person.id:
        return current
    now = clock.now()
    if current is not None:
        current.ended_at = now
    chosen = TrustedAdult(
        young_person_id=young_person.id, person_id=person.id, chosen_at=now, status=TrustedAdultStatus.waiting
    )
    db.session.add(chosen)
    db.session.flush()
    audit.record(
        AuditAction.trusted_adult_chosen,
        actor=user,
        object_type="trusted_adult",
        object_id=chosen.id,
        young_person_id=young_person.id,
    )
    return chosen


def check_in(user: User, feeling: str, words: str) -> CheckIn:
    """ "How are things?" — good, OK or not good, with optional words. Their personal adviser sees it."""
    young_person = own_young_person(user)
    chosen = _choice(CheckInFeeling, feeling, "check_in_feeling_missing", "feeling")
    text = clean_text(words)
    if len(text) > CHECK_IN_WORDS_MAX:
        raise Refused("check_in_words_too_long", "words")
    entry = CheckIn(young_person_id=young_person.id, feeling=chosen, words=text or None, created_at=clock.now())
    db.session.add(entry)
    db.session.flush()
    audit.record(
        AuditAction.check_in_sent,
        actor=user,
        object_type="check_in",
        object_id=entry.id,
        young_person_id=young_person.id,
    )
    return entry


def my_check_ins(user: User) -> tuple[Me, list[CheckIn]]:
    me, _allocations = _me(user)
    return me, _check_ins(me.young_person.id)


# The leaving care home page ----------------------------------------------------------------------------------


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


# Practitioners: the queues ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    request: SupportRequest
    young_person: YoungPerson
    overdue: bool


@dataclass(frozen=True)
class SupportQueue:
    rows: list[QueueRow]
    total: int
    council_name: str


def _queue(user: User, scope: object, *, action_object: str) -> SupportQueue:
    where = and_(scope, SupportRequest.status.in_(OPEN_SUPPORT))  # type: ignore[arg-type]
    total = db.session.scalar(select(func.count()).select_from(SupportRequest).where(where)) or 0
    now = clock.now()
    rows = [
        QueueRow(request=request, young_person=young_person, overdue=request.due_at < now)
        for request, young_person in db.session.execute(
            select(SupportRequest, YoungPerson)
            .join(YoungPerson, YoungPerson.id == SupportRequest.young_person_id)
            .options(joinedload(SupportRequest.offer_item))
            .where(where)
            .order_by(SupportRequest.due_at, SupportRequest.created_at, SupportRequest.id)
            .limit(QUEUE_PAGE_SIZE)
        )
    ]
    # The list shows names and what they asked about (not their words): one event records the look.
    audit.record(AuditAction.support_queue_viewed, actor=user, object_type=action_object)
    council_name = user.council.name if user.council else ""
    return SupportQueue(rows, total, council_name)


def _require_practitioner(user: User) -> None:
    if user.role is not Role.practitioner:
        raise NotFound


def support_queue(user: User) -> SupportQueue:
    """Open requests from the practitioner's own young people, the one due first at the top."""
    _require_practitioner(user)
    mine = SupportRequest.young_person_id.in_(supported_young_people(user, clock.today()))
    return _queue(user, mine, action_object="support_queue")


def team_queue(user: User) -> SupportQueue:
    """The council's leaving care queue: requests from young people with no personal adviser."""
    _require_practitioner(user)
    return _queue(user, leaving_care_queue_clause(user, clock.today()), action_object="leaving_care_queue")


@dataclass(frozen=True)
class TrustedAdultRow:
    trusted_adult: TrustedAdult
    young_person: YoungPerson


def trusted_adults_waiting(user: User) -> list[TrustedAdultRow]:
    """Trusted adults the practitioner's young people chose that nobody has arranged yet."""
    _require_practitioner(user)
    rows = db.session.execute(
        select(TrustedAdult, YoungPerson)
        .join(YoungPerson, YoungPerson.id == TrustedAdult.young_person_id)
        .join(TrustedAdult.person)
        .options(contains_eager(TrustedAdult.person))
        .where(
            TrustedAdult.young_person_id.in_(supported_young_people(user, clock.today())),
            TrustedAdult.ended_at.is_(None),
            TrustedAdult.status == TrustedAdultStatus.waiting,
        )
        .order_by(TrustedAdult.chosen_at)
        .limit(QUEUE_PAGE_SIZE)
    )
    return [TrustedAdultRow(trusted_adult, young_person) for trusted_adult, young_person in rows]


def _request_for_practitioner(
    user: User, request_id: uuid.UUID, *, for_update: bool = False
) -> tuple[SupportRequest, list[Allocation]]:
    _require_practitioner(user)
    query = (
        select(SupportRequest)
        .options(
            joinedload(SupportRequest.young_person).joinedload(YoungPerson.council),
            joinedload(SupportRequest.offer_item),
            joinedload(SupportRequest.sent_to),
        )
        .where(SupportRequest.id == request_id)
    )
    if for_update:
        query = query.with_for_update(of=SupportRequest).execution_options(populate_existing=True)
    request = db.session.scalar(query)
    if request is None:
        raise NotFound
    allocations = allocations_with_staff(request.young_person_id)
    if not can_see_support_request(user, request, request.young_person, allocations, clock.today()):
        raise NotFound
    return request, allocations


def request_for_staff(user: User, request_id: uuid.UUID) -> RequestPage:
    """A practitioner opens one request: what they asked for, their words, every reply. Every look is audited."""
    request, allocations = _request_for_practitioner(user, request_id)
    audit.record(
        AuditAction.support_request_viewed,
        actor=user,
        object_type="support_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    return RequestPage(
        request,
        _replies(request.id),
        request.young_person,
        in_team_queue=in_leaving_care_queue(request, allocations, clock.today()),
    )


def reply_to_request(user: User, request_id: uuid.UUID, status: str, words: str) -> SupportRequest:
    """Reply in words the young person reads: still working on it (the next update is due later), or done."""
    request, _allocations = _request_for_practitioner(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("support_closed")
    chosen = _choice(SupportStatus, status, "support_status_missing", "status")
    if chosen is SupportStatus.sent:
        raise Refused("support_status_missing", "status")
    text = clean_text(words)
    if not text:
        raise Refused("reply_missing", "words")
    if len(text) > SUPPORT_REPLY_MAX:
        raise Refused("reply_too_long", "words")
    now = clock.now()
    db.session.add(SupportReply(request_id=request.id, author_id=user.id, words=text, status=chosen, created_at=now))
    request.status = chosen  # type: ignore[assignment]
    request.replied_at = request.replied_at or now
    if chosen is SupportStatus.working_on_it:
        request.due_at = clock.add_working_days(now, update_working_days())
    else:
        request.closed_at = now
    audit.record(
        AuditAction.support_replied,
        actor=user,
        object_type="support_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    young_user = request.young_person.user
    if young_user is not None and young_user.email and young_user.is_active:
        queue_to_address(young_user.email, YOUNG_PERSON_SUBJECT, YOUNG_PERSON_BODY, young_user)
    return request


# Practitioners: one young person's leaving care page --------------------------------------------------------


@dataclass(frozen=True)
class StaffLeavingCare:
    young_person: YoungPerson
    age: int
    care_leaver: bool
    requests: list[SupportRequest]
    trusted_adult: TrustedAdult | None
    arrangement: StayingCloseArrangement | None
    check_ins: list[CheckIn]
    has_adviser: bool


def _young_person_for_support(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, list[Allocation]]:
    _require_practitioner(user)
    young_person = db.session.scalar(
        select(YoungPerson).options(joinedload(YoungPerson.council)).where(YoungPerson.id == young_person_id)
    )
    if young_person is None:
        raise NotFound
    allocations = list(db.session.scalars(select(Allocation).where(Allocation.young_person_id == young_person.id)))
    if not can_support(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person, allocations


def leaving_care_for_staff(user: User, young_person_id: uuid.UUID) -> StaffLeavingCare:
    """A young person's requests, trusted adult, arrangement and check-ins, for their social worker or personal
    adviser. Never their checklist answers: those are theirs alone. The look is audited."""
    young_person, allocations = _young_person_for_support(user, young_person_id)
    today = clock.today()
    audit.record(
        AuditAction.leaving_care_viewed,
        actor=user,
        object_type="young_person",
        object_id=young_person.id,
        young_person_id=young_person.id,
    )
    return StaffLeavingCare(
        young_person=young_person,
        age=clock.age_on(young_person.date_of_birth, today),
        care_leaver=is_care_leaver(young_person, today),
        requests=_requests_of(young_person.id, limit=QUEUE_PAGE_SIZE),
        trusted_adult=_current_trusted_adult(young_person.id),
        arrangement=_arrangement(young_person.id),
        check_ins=_check_ins(young_person.id),
        has_adviser=has_personal_adviser(allocations, today),
    )


def set_trusted_adult_status(
    user: User, young_person_id: uuid.UUID, trusted_adult_id: uuid.UUID | None, status: str, note: str
) -> TrustedAdult:
    """Record whether the trusted adult has been arranged, with words the young person reads."""
    young_person, _allocations = _young_person_for_support(user, young_person_id)
    current = _current_trusted_adult(young_person.id)
    if current is None or (trusted_adult_id is not None and current.id != trusted_adult_id):
        raise Refused("trusted_adult_changed")
    chosen = _choice(TrustedAdultStatus, status, "trusted_adult_status_missing", "status")
    text = clean_text(note)
    if len(text) > TRUSTED_ADULT_NOTE_MAX:
        raise Refused("trusted_adult_note_too_long", "note")
    current.status = chosen  # type: ignore[assignment]
    current.note = text or None
    current.status_by_id = user.id
    current.status_at = clock.now()
    audit.record(
        AuditAction.trusted_adult_status_set,
        actor=user,
        object_type="trusted_adult",
        object_id=current.id,
        young_person_id=young_person.id,
    )
    return current


@dataclass(frozen=True)
class ArrangementDetails:
    key_contact: str
    home: str
    support: str
    review_on: date | None


def arrangement_for_staff(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, StayingCloseArrangement | None]:
    young_person, _allocations = _young_person_for_support(user, young_person_id)
    return young_person, _arrangement(young_person.id)


def save_arrangement(
    user: User, young_person_id: uuid.UUID, version: int | None, details: ArrangementDetails
) -> StayingCloseArrangement:
    """Record or change the Staying Close arrangement: key contact, kind of place (never an address), what support,
    and when it is looked at again. A form opened before someone else's change is refused ("stale")."""
    young_person, _allocations = _young_person_for_support(user, young_person_id)
    arrangement = db.session.scalar(
        select(StayingCloseArrangement)
        .where(StayingCloseArrangement.young_person_id == young_person.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if arrangement is not None and version != arrangement.version:
        raise Refused("stale", "version")
    key_contact = clean_line(details.key_contact)
    if not key_contact:
        raise Refused("key_contact_missing", "key_contact")
    if len(key_contact) > KEY_CONTACT_MAX:
        raise Refused("key_contact_too_long", "key_contact")
    home = _choice(ArrangementHome, details.home, "arrangement_home_missing", "home")
    support = clean_text(details.support)
    if not support:
        raise Refused("arrangement_support_missing", "support")
    if len(support) > ARRANGEMENT_SUPPORT_MAX:
        raise Refused("words_too_long", "support")
    today = clock.today()
    if details.review_on is None:
        raise Refused("review_on_missing", "review_on")
    if details.review_on < today or (details.review_on - today).days > ARRANGEMENT_REVIEW_MAX_DAYS:
        raise Refused("review_on_range", "review_on")
    now = clock.now()
    if arrangement is None:
        arrangement = StayingCloseArrangement(young_person_id=young_person.id, version=1, created_at=now)
        db.session.add(arrangement)
    else:
        arrangement.version += 1
    arrangement.key_contact = key_contact
    arrangement.home = home  # type: ignore[assignment]
    arrangement.support = support
    arrangement.review_on = details.review_on
    arrangement.updated_at = now
    arrangement.updated_by_id = user.id
    db.session.flush()
    audit.record(
        AuditAction.arrangement_saved,
        actor=user,
        object_type="staying_close_arrangement",
        object_id=arrangement.id,
        young_person_id=young_person.id,
    )
    return arrangement


# Council admins: the local offer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferItemDetails:
    """What an admin typed for one item. Ages are as typed; the service checks every part."""

    category: str
    title: str
    what_you_get: str
    how_to_get_it: str
    who_for: str = ""
    from_age: str = ""
    until_age: str = ""
    care_leavers_only: bool = False


@dataclass(frozen=True)
class _CleanItem:
    category: OfferCategory
    title: str
    what_you_get: str
    how_to_get_it: str
    who_for: str | None
    from_age: int | None
    until_age: int | None
    care_leavers_only: bool


def _age(typed: str, field_name: str) -> int | None:
    typed = (typed or "").strip()
    if not typed:
        return None
    if not typed.isdigit() or not typed.isascii():
        raise Refused("local_offer_age_number", field_name)
    age = int(typed)
    if not OFFER_AGE_MIN <= age <= OFFER_AGE_MAX:
        raise Refused("local_offer_age_range", field_name)
    return age


def check_item(details: OfferItemDetails) -> _CleanItem:
    if not details.category:
        raise Refused("local_offer_category_missing", "category")
    category = _choice(OfferCategory, details.category, "local_offer_category_missing", "category")
    title = clean_line(details.title)
    if not title:
        raise Refused("local_offer_title_missing", "title")
    if len(title) > OFFER_TITLE_MAX:
        raise Refused("local_offer_title_too_long", "title")
    what = clean_text(details.what_you_get)
    if not what:
        raise Refused("local_offer_what_missing", "what_you_get")
    if len(what) > OFFER_TEXT_MAX:
        raise Refused("words_too_long", "what_you_get")
    how = clean_text(details.how_to_get_it)
    if not how:
        raise Refused("local_offer_how_missing", "how_to_get_it")
    if len(how) > OFFER_TEXT_MAX:
        raise Refused("words_too_long", "how_to_get_it")
    who_for = clean_line(details.who_for)
    if len(who_for) > OFFER_WHO_FOR_MAX:
        raise Refused("local_offer_who_for_too_long", "who_for")
    from_age = _age(details.from_age, "from_age")
    until_age = _age(details.until_age, "until_age")
    if from_age is not None and until_age is not None and until_age <= from_age:
        raise Refused("local_offer_ages_order", "until_age")
    return _CleanItem(
        category=category,  # type: ignore[arg-type]
        title=title,
        what_you_get=what,
        how_to_get_it=how,
        who_for=who_for or None,
        from_age=from_age,
        until_age=until_age,
        care_leavers_only=bool(details.care_leavers_only),
    )


def _apply_item(item: LocalOfferItem, clean: _CleanItem) -> bool:
    changed = False
    for name in (
        "category",
        "title",
        "what_you_get",
        "how_to_get_it",
        "who_for",
        "from_age",
        "until_age",
        "care_leavers_only",
    ):
        value = getattr(clean, name)
        if getattr(item, name, None) != value:
            setattr(item, name, value)
            changed = True
    return changed


def _require_admin(user: User) -> uuid.UUID:
    if not can_keep_local_offer(user, user.council_id):
        raise NotFound
    assert user.council_id is not None
    return user.council_id


@dataclass(frozen=True)
class AdminOffer:
    items: list[LocalOfferItem]
    withdrawn: list[LocalOfferItem]
    counts: dict[uuid.UUID, OfferCounts]
    minimum: int = MIN_GROUP_SIZE


def offer_for_admin(user: User) -> AdminOffer:
    """The council's local offer with, for each item, how many have it, not yet, need help (10 or more only)."""
    council_id = _require_admin(user)
    order = {category: index for index, category in enumerate(OfferCategory)}
    items = sorted(
        db.session.scalars(select(LocalOfferItem).where(LocalOfferItem.council_id == council_id)),
        key=lambda i: (order[i.category], i.title.casefold(), i.id),
    )
    raw: dict[uuid.UUID, dict[ChecklistAnswer, int]] = {}
    for item_id, answer, count in db.session.execute(
        select(LocalOfferAnswer.item_id, LocalOfferAnswer.answer, func.count())
        .join(LocalOfferItem, LocalOfferItem.id == LocalOfferAnswer.item_id)
        .where(LocalOfferItem.council_id == council_id)
        .group_by(LocalOfferAnswer.item_id, LocalOfferAnswer.answer)
    ):
        raw.setdefault(item_id, {})[answer] = count
    audit.record(AuditAction.local_offer_counts_viewed, actor=user, object_type="council", object_id=council_id)
    return AdminOffer(
        items=[i for i in items if i.withdrawn_at is None],
        withdrawn=[i for i in items if i.withdrawn_at is not None],
        counts={item.id: suppress_counts(raw.get(item.id, {})) for item in items},
    )


def item_for_admin(user: User, item_id: uuid.UUID, *, for_update: bool = False) -> LocalOfferItem:
    council_id = _require_admin(user)
    query = select(LocalOfferItem).where(LocalOfferItem.id == item_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    item = db.session.scalar(query)
    if item is None or item.council_id != council_id:
        raise NotFound
    return item


def add_item(user: User, details: OfferItemDetails) -> LocalOfferItem:
    council_id = _require_admin(user)
    clean = check_item(details)
    now = clock.now()
    item = LocalOfferItem(council_id=council_id, version=1, created_at=now, updated_at=now, updated_by_id=user.id)
    _apply_item(item, clean)
    db.session.add(item)
    db.session.flush()
    audit.record(AuditAction.local_offer_item_added, actor=user, object_type="local_offer_item", object_id=item.id)
    return item


def change_item(user: User, item_id: uuid.UUID, version: int | None, details: OfferItemDetails) -> bool:
    """Save an edit; False if nothing was different. Young people who answered before see "changed since"."""
    item = item_for_admin(user, item_id, for_update=True)
    if version != item.version:
        raise Refused("stale", "version")
    clean = check_item(details)
    if not _apply_item(item, clean):
        return False
    item.version += 1
    item.updated_at = clock.now()
    item.updated_by_id = user.id
    audit.record(AuditAction.local_offer_item_changed, actor=user, object_type="local_offer_item", object_id=item.id)
    return True


def set_withdrawn(user: User, item_id: uuid.UUID, *, withdrawn: bool) -> LocalOfferItem:
    """Take an item out of the offer (answers and requests about it are kept), or put it back."""
    item = item_for_admin(user, item_id, for_update=True)
    if (item.withdrawn_at is not None) == withdrawn:
        return item
    item.withdrawn_at = clock.now() if withdrawn else None
    item.version += 1
    item.updated_at = clock.now()
    item.updated_by_id = user.id
    action = AuditAction.local_offer_item_withdrawn if withdrawn else AuditAction.local_offer_item_restored
    audit.record(action, actor=user, object_type="local_offer_item", object_id=item.id)
    return item


# A copy of my information ---------------------------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def copy_data(young_person_id: uuid.UUID) -> dict[str, Any]:
    """Everything about leaving care that is the young person's to have, for "a copy of my information": their
    requests with every reply (one query), and their answers, trusted adults, arrangement and check-ins (one more)."""
    requests = (
        db.session.scalars(
            select(SupportRequest)
            .options(joinedload(SupportRequest.offer_item), joinedload(SupportRequest.replies))
            .where(SupportRequest.young_person_id == young_person_id)
            .order_by(SupportRequest.created_at)
        )
        .unique()
        .all()
    )
    no_text, no_time = cast(null(), String), cast(null(), UTCDateTime)
    rows = db.session.execute(
        union_all(
            select(
                literal("answer").label("section"),
                LocalOfferAnswer.answered_at.label("at"),
                no_time.label("ended"),
                cast(LocalOfferItem.title, String).label("t1"),
                cast(LocalOfferAnswer.answer, String).label("t2"),
                no_text.label("t3"),
                no_text.label("t4"),
            )
            .join(LocalOfferItem, LocalOfferItem.id == LocalOfferAnswer.item_id)
            .where(LocalOfferAnswer.young_person_id == young_person_id),
            select(
                literal("trusted"),
                TrustedAdult.chosen_at,
                TrustedAdult.ended_at,
                cast(PersonWhoMatters.name, String),
                cast(TrustedAdult.status, String),
                cast(TrustedAdult.note, String),
                no_text,
            )
            .join(PersonWhoMatters, PersonWhoMatters.id == TrustedAdult.person_id)
            .where(TrustedAdult.young_person_id == young_person_id),
            select(
                literal("check_in"),
                CheckIn.created_at,
                no_time,
                cast(CheckIn.feeling, String),
                cast(CheckIn.words, String),
                no_text,
                no_text,
            ).where(CheckIn.young_person_id == young_person_id),
            select(
                literal("arrangement"),
                StayingCloseArrangement.updated_at,
                no_time,
                cast(StayingCloseArrangement.key_contact, String),
                cast(StayingCloseArrangement.home, String),
                cast(StayingCloseArrangement.support, String),
                cast(StayingCloseArrangement.review_on, String),
            ).where(StayingCloseArrangement.young_person_id == young_person_id),
        )
    ).all()
    rows = sorted(rows, key=lambda row: (row.section, row.at))
    answers = sorted((row for row in rows if row.section == "answer"), key=lambda row: row.t1)
    arrangement = next((row for row in rows if row.section == "arrangement"), None)
    return {
        "local_offer_answers": [{"item": row.t1, "you_said": row.t2, "when": _iso(row.at)} for row in answers],
        "requests_for_support": [
            {
                "asked_for": request.offer_item.title
                if request.offer_item
                else sorted(area.value for area in request.areas),
                "your_words": request.words,
                "how_to_get_in_touch": request.contact.value,
                "contact_note": request.contact_note,
                "sent": _iso(request.created_at),
                "sent_to_leaving_care_team": request.sent_to_id is None,
                "status": request.status.value,
                "replies": [{"when": _iso(reply.created_at), "reply": reply.words} for reply in request.replies],
            }
            for request in requests
        ],
        "trusted_adults": [
            {
                "person": row.t1,
                "chosen": _iso(row.at),
                "ended": _iso(row.ended),
                "arranged": row.t2,
                "note": row.t3,
            }
            for row in rows
            if row.section == "trusted"
        ],
        "staying_close_support": None
        if arrangement is None
        else {
            "key_contact": arrangement.t1,
            "where_you_live": arrangement.t2,
            "what_support": arrangement.t3,
            "looked_at_again": arrangement.t4,
        },
        "how_things_are": [
            {"when": _iso(row.at), "you_said": row.t1, "your_words": row.t2}
            for row in rows
            if row.section == "check_in"
        ],
    }
