"""Requests for support: the young person asks, their workers are told, both sides see the replies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload
from sqlalchemy.sql.elements import ColumnElement

from app import clock
from app.access import (
    can_see_support_request,
    in_leaving_care_queue,
    leaving_care_queue_clause,
    supported_young_people,
)
from app.extensions import db
from app.models import AuditAction, User, YoungPerson
from app.models import leaving_care as model
from app.models.leaving_care import (
    CONTACT_NOTE_MAX,
    SUPPORT_REPLY_MAX,
    SUPPORT_WORDS_MAX,
)
from app.services import audit, work_queue
from app.services._common import (
    by_submission_key,
    choice,
    choices,
    conversation,
    one_by_id,
    typed_line,
    typed_text,
    with_young_person,
)
from app.services.errors import NotFound
from app.services.leaving_care._core import Me, _me, _new_request, _require_practitioner
from app.services.leaving_care.rules import QUEUE_PAGE_SIZE, update_working_days
from app.services.leaving_care.work import SUPPORT
from app.services.notifications import tell_young_person
from app.services.ownership import own_young_person
from app.services.people import next_update_or_close, practitioner_finder, reply_status
from app.services.work_queue import ClockState


@dataclass(frozen=True)
class SupportDetails:
    """What a young person chose and typed when asking for Staying Close support, as codes."""

    areas: frozenset[str]
    contact: str
    words: str = ""
    contact_note: str = ""


def ask_for_support(user: User, details: SupportDetails, submission_key: uuid.UUID) -> model.SupportRequest:
    """A Staying Close request in one or more areas, with optional words and how to be contacted. Sending the same
    form twice returns the first request."""
    me, allocations = _me(user)
    areas = choices(model.SupportArea, details.areas, "support_area_unknown", "areas", missing="support_area_missing")
    contact = choice(model.SupportContact, details.contact, "support_contact_missing", "contact")
    words = typed_text(details.words, "words", most=SUPPORT_WORDS_MAX, too_long="support_words_too_long")
    note = typed_line(details.contact_note, "contact_note", most=CONTACT_NOTE_MAX, too_long="contact_note_too_long")
    existing = by_submission_key(model.SupportRequest, me.young_person.id, submission_key)
    if existing is not None:
        return existing
    try:
        return _new_request(
            user,
            me,
            allocations,
            model.SupportKind.staying_close,
            areas,
            words=words or None,
            contact=contact,
            contact_note=note or None,
            submission_key=submission_key,
        )
    except IntegrityError:
        existing = by_submission_key(model.SupportRequest, me.young_person.id, submission_key)
        if existing is None:
            raise
        return existing


def where_requests_go(user: User) -> Me:
    me, _allocations = _me(user)
    return me


@dataclass(frozen=True)
class RequestPage:
    request: model.SupportRequest
    replies: list[model.SupportReply]
    young_person: YoungPerson
    in_team_queue: bool

    @property
    def reply(self) -> ClockState:
        return SUPPORT.states(self.request, clock.now())["reply"]

    @property
    def overdue(self) -> bool:
        return self.reply.overdue


def _replies(request_id: uuid.UUID) -> list[model.SupportReply]:
    return conversation(model.SupportReply, request_id)


def my_request(user: User, request_id: uuid.UUID) -> RequestPage:
    """One of the young person's own requests, with every reply."""
    young_person = own_young_person(user)
    request = one_by_id(
        model.SupportRequest,
        request_id,
        joinedload(model.SupportRequest.offer_item),
        joinedload(model.SupportRequest.sent_to),
    )
    if request.young_person_id != young_person.id:
        raise NotFound
    return RequestPage(request, _replies(request.id), young_person, in_team_queue=request.sent_to_id is None)


@dataclass(frozen=True)
class SupportQueue:
    found: work_queue.Page  # rows with row.request, row.young_person and the reply clock, row.reply
    council_name: str


def _queue(user: User, scope: object, page: int, *, action_object: str) -> SupportQueue:
    found = work_queue.page_of(
        SUPPORT,
        _open_in(scope),
        page,
        options=(joinedload(model.SupportRequest.offer_item), joinedload(YoungPerson.user).load_only(User.locale)),
        names=("request", "young_person"),
    )
    # The list shows names and what they asked about (not their words): one event records the look.
    audit.record(AuditAction.support_queue_viewed, actor=user, object_type=action_object)
    return SupportQueue(found, user.council.name if user.council else "")


def _open_in(scope: object) -> Select:
    return with_young_person(model.SupportRequest, scope, SUPPORT.is_open())


def _mine(user: User) -> ColumnElement[bool]:
    _require_practitioner(user)
    return model.SupportRequest.young_person_id.in_(supported_young_people(user, clock.today()))


def support_queue(user: User, page: int = 1) -> SupportQueue:
    """Open requests from the practitioner's own young people, the one due first at the top."""
    return _queue(user, _mine(user), page, action_object="support_queue")


def support_waiting(user: User) -> work_queue.Tally:
    """Their own young people's requests that wait for the practitioner's reply, to count."""
    return work_queue.Tally(SUPPORT, _open_in(_mine(user)))


def team_queue(user: User, page: int = 1) -> SupportQueue:
    """The council's leaving care queue: requests from young people with no personal adviser."""
    _require_practitioner(user)
    return _queue(user, leaving_care_queue_clause(user, clock.today()), page, action_object="leaving_care_queue")


@dataclass(frozen=True)
class TrustedAdultRow:
    trusted_adult: model.TrustedAdult
    young_person: YoungPerson


def trusted_adults_waiting(user: User) -> list[TrustedAdultRow]:
    """Trusted adults the practitioner's young people chose that nobody has arranged yet."""
    _require_practitioner(user)
    rows = db.session.execute(
        select(model.TrustedAdult, YoungPerson)
        .join(YoungPerson, YoungPerson.id == model.TrustedAdult.young_person_id)
        .join(model.TrustedAdult.person)
        .options(contains_eager(model.TrustedAdult.person))
        .where(
            model.TrustedAdult.young_person_id.in_(supported_young_people(user, clock.today())),
            model.TrustedAdult.ended_at.is_(None),
            model.TrustedAdult.status == model.TrustedAdultStatus.waiting,
        )
        .order_by(model.TrustedAdult.chosen_at)
        .limit(QUEUE_PAGE_SIZE)
    )
    return [TrustedAdultRow(trusted_adult, young_person) for trusted_adult, young_person in rows]


_request_for_practitioner = practitioner_finder(
    model.SupportRequest,
    lambda user, request, allocations, today: can_see_support_request(
        user, request, request.young_person, allocations, today
    ),
    joinedload(model.SupportRequest.offer_item),
    joinedload(model.SupportRequest.sent_to),
)


def request_for_staff(user: User, request_id: uuid.UUID) -> RequestPage:
    """A practitioner opens one request: what they asked for, their words, every reply. Every look is audited."""
    request, allocations = _request_for_practitioner(user, request_id)
    audit.record_about(AuditAction.support_request_viewed, user, "support_request", request)
    return RequestPage(
        request,
        _replies(request.id),
        request.young_person,
        in_team_queue=in_leaving_care_queue(request, allocations, clock.today()),
    )


def reply_to_request(user: User, request_id: uuid.UUID, status: str, words: str) -> model.SupportRequest:
    """Reply in words the young person reads: still working on it (the next update is due later), or done."""
    request, _allocations = _request_for_practitioner(user, request_id, for_update=True)
    chosen = reply_status(
        request, model.SupportStatus, status, closed="support_closed", missing="support_status_missing", field="status"
    )
    text = typed_text(words, "words", most=SUPPORT_REPLY_MAX, too_long="reply_too_long", missing="reply_missing")
    now = clock.now()
    db.session.add(
        model.SupportReply(request_id=request.id, author_id=user.id, words=text, status=chosen, created_at=now)
    )
    request.status = chosen
    request.replied_at = request.replied_at or now
    next_update_or_close(SUPPORT, request, chosen is model.SupportStatus.working_on_it, update_working_days(), now)
    audit.record_about(AuditAction.support_replied, user, "support_request", request)
    tell_young_person(request.young_person)
    return request
