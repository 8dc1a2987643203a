"""The young person's side of a complaint: who will read it (named before they send), making it, following it
through the stages, and asking for the next stage within its window. Nothing here commits: the request does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app import clock
from app.access import current_allocation_clause
from app.extensions import db
from app.models import Allocation, AllocationKind, AuditAction, Council, OfferReason, ReviewResponse, User, YoungPerson
from app.models.complaints import (
    COMPLAINT_WANTS_MAX,
    COMPLAINT_WORDS_MAX,
    Complaint,
    ComplaintStageRecord,
    ComplaintStatus,
    ComplaintTopic,
)
from app.services import audit, moments
from app.services._common import add_first_time, by_submission_key, choice, one_or_not_found, typed_text
from app.services.complaints import rules
from app.services.complaints._core import stage_rules, tell_complaint_workers
from app.services.errors import Refused
from app.services.ownership import own_young_person

MY_COMPLAINTS_SHOWN = 20

_WITH_SERVICE = joinedload(YoungPerson.council).joinedload(Council.advocacy_service)


@dataclass(frozen=True)
class ComplaintReaders:
    """Who will read a complaint, by name, before it is sent."""

    council_name: str
    service_name: str | None
    advocate: User | None
    social_worker: User | None


def readers(user: User) -> ComplaintReaders:
    """The council's complaints team, the advocacy service (for a complaint about it), their advocate and their
    social worker or personal adviser (each only if they choose), in two queries."""
    young_person = own_young_person(user, _WITH_SERVICE)
    workers = db.session.execute(
        select(Allocation.kind, User)
        .join(User, User.id == Allocation.staff_id)
        .where(Allocation.young_person_id == young_person.id, current_allocation_clause(clock.today()))
    ).all()
    by_kind = {kind: worker for kind, worker in workers}  # noqa: C416 - rows, not pairs
    service = young_person.council.advocacy_service
    return ComplaintReaders(
        council_name=young_person.council.name,
        service_name=service.name if service else None,
        advocate=by_kind.get(AllocationKind.advocate),
        social_worker=by_kind.get(AllocationKind.personal_adviser) or by_kind.get(AllocationKind.social_worker),
    )


@dataclass(frozen=True)
class ComplaintDetails:
    """What the young person chose and typed, as codes. The service checks every part."""

    topic: str = ""
    words: str = ""
    wants: str = ""
    wants_advocate: str = ""
    share_with_advocate: bool = False
    tell_social_worker: bool = False
    response_id: uuid.UUID | None = None


def _check(details: ComplaintDetails) -> tuple[ComplaintTopic, str, str | None, bool]:
    topic = choice(ComplaintTopic, details.topic, "complaint_topic_missing", "topic")
    words = typed_text(
        details.words,
        "words",
        most=COMPLAINT_WORDS_MAX,
        too_long="complaint_words_too_long",
        missing="complaint_words_missing",
    )
    wants = typed_text(details.wants, "wants", most=COMPLAINT_WANTS_MAX, too_long="complaint_wants_too_long")
    if details.wants_advocate not in ("yes", "no"):
        raise Refused("complaint_advocate_missing", "wants_advocate")
    return topic, words, wants or None, details.wants_advocate == "yes"


def _own_response(young_person: YoungPerson, response_id: uuid.UUID | None) -> ReviewResponse | None:
    if response_id is None:
        return None
    from app.models import Review

    response = one_or_not_found(
        select(ReviewResponse)
        .join(Review, Review.id == ReviewResponse.review_id)
        .where(ReviewResponse.id == response_id, Review.young_person_id == young_person.id)
    )
    return response


def make_complaint(user: User, details: ComplaintDetails, submission_key: uuid.UUID) -> Complaint:
    """Make a complaint. It starts at stage 1 with its clock; the complaints team (or, about the advocacy service,
    its managers) is told, content-free; an advocate is offered once if they asked for help. The same form sent
    twice makes one complaint."""
    young_person = own_young_person(user, _WITH_SERVICE)
    checked = _check(details)
    response = _own_response(young_person, details.response_id)
    complaint, new = add_first_time(
        lambda: by_submission_key(Complaint, young_person.id, submission_key),
        lambda: _new_complaint(young_person, details, checked, response, submission_key),
    )
    if not new:
        return complaint
    audit.record_about(AuditAction.complaint_made, user, "complaint", complaint)
    if complaint.wants_advocate:
        # The council's duty to help a child who complains (Children Act 1989 s26A): once for this complaint.
        moments.fire(young_person, OfferReason.complaint_made, f"complaint-{complaint.id.hex}")
    tell_complaint_workers(complaint, "A young person has made a complaint in Orbit.")
    return complaint


def _new_complaint(
    young_person: YoungPerson,
    details: ComplaintDetails,
    checked: tuple[ComplaintTopic, str, str | None, bool],
    response: ReviewResponse | None,
    submission_key: uuid.UUID,
) -> Complaint:
    """A new complaint at stage 1, its clock started."""
    topic, words, wants, wants_advocate = checked
    now = clock.now()
    service_id = young_person.council.advocacy_service_id if topic is ComplaintTopic.advocacy_service else None
    complaint = Complaint(
        young_person_id=young_person.id,
        council_id=young_person.council_id,
        advocacy_service_id=service_id,
        topic=topic,
        words=words,
        wants=wants,
        wants_advocate=wants_advocate,
        # Their advocate cannot read a complaint about the advocacy service.
        share_with_advocate=details.share_with_advocate and service_id is None,
        tell_social_worker=details.tell_social_worker,
        review_response_id=response.id if response else None,
        submission_key=submission_key,
        stage=1,
        status=ComplaintStatus.waiting,
        created_at=now,
    )
    complaint.stages.append(
        ComplaintStageRecord(stage=1, started_at=now, due_at=rules.stage_due(1, now, stage_rules()))
    )
    return complaint


def my_complaints(user: User) -> list[Complaint]:
    young_person = own_young_person(user)
    return list(
        db.session.scalars(
            select(Complaint)
            .options(selectinload(Complaint.stages))
            .where(Complaint.young_person_id == young_person.id)
            .order_by(Complaint.created_at.desc())
            .limit(MY_COMPLAINTS_SHOWN)
        )
    )


@dataclass(frozen=True)
class MyComplaint:
    complaint: Complaint
    council_name: str
    service_name: str | None
    may_ask_next_stage: bool
    window_passed: bool
    finished: bool  # the last stage answered: the Ombudsman is next


def _own_complaint(user: User, complaint_id: uuid.UUID, *, for_update: bool = False) -> tuple[YoungPerson, Complaint]:
    young_person = own_young_person(user, _WITH_SERVICE)
    complaint = one_or_not_found(
        select(Complaint)
        .options(selectinload(Complaint.stages))
        .where(Complaint.id == complaint_id, Complaint.young_person_id == young_person.id),
        for_update=for_update,
        of=Complaint,
    )
    return young_person, complaint


def describe(young_person: YoungPerson, complaint: Complaint) -> MyComplaint:
    now = clock.now()
    current = complaint.current
    may_ask = rules.may_ask_next_stage(complaint.stage, current.answered_at, now, stage_rules())
    service = young_person.council.advocacy_service
    return MyComplaint(
        complaint=complaint,
        council_name=young_person.council.name,
        service_name=service.name if service else None,
        may_ask_next_stage=may_ask,
        window_passed=current.answered_at is not None and complaint.stage < rules.LAST_STAGE and not may_ask,
        finished=complaint.stage >= rules.LAST_STAGE and current.answered_at is not None,
    )


def my_complaint(user: User, complaint_id: uuid.UUID) -> MyComplaint:
    """One of their complaints: the stage it is at, when the answer is due (and why it was extended), every
    answer, and what they can do next. Opening it is written down (the only write)."""
    young_person, complaint = _own_complaint(user, complaint_id)
    audit.record_about(AuditAction.complaint_opened, user, "complaint", complaint)
    return describe(young_person, complaint)


def ask_next_stage(user: User, complaint_id: uuid.UUID, from_stage: int) -> Complaint:
    """ "I'm still not happy": the next stage starts now with its own clock, if asked within the window after the
    answer. Pressing twice (or from two tabs) starts it once."""
    _, complaint = _own_complaint(user, complaint_id, for_update=True)
    if complaint.stage > from_stage:
        return complaint  # already asked
    current = complaint.current
    now = clock.now()
    if current.answered_at is None:
        raise Refused("complaint_not_answered_yet")
    if complaint.stage >= rules.LAST_STAGE:
        raise Refused("complaint_last_stage")
    if not rules.may_ask_next_stage(complaint.stage, current.answered_at, now, stage_rules()):
        raise Refused("complaint_window_passed")
    stage = complaint.stage + 1
    complaint.stages.append(
        ComplaintStageRecord(stage=stage, started_at=now, due_at=rules.stage_due(stage, now, stage_rules()))
    )
    complaint.stage = stage
    complaint.status = ComplaintStatus.waiting
    audit.record_about(AuditAction.complaint_next_stage_asked, user, "complaint", complaint)
    tell_complaint_workers(complaint, "A young person has asked for the next stage of their complaint in Orbit.")
    return complaint
