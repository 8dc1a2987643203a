"""After "I don't agree": the three next steps (talk to my advocate, ask the person who runs my review to look
again, make a complaint), and the reviewing officer's side of "please look again": a list with its clock (default
5 working days, `look_again_working_days`) and a reply the young person reads. `flask tick` flags late replies
once, to the officer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import can_chair_review, chaired_young_people, current_allocation_clause
from app.extensions import db
from app.models import (
    AdvocacyRequest,
    Allocation,
    AllocationKind,
    AuditAction,
    Reaction,
    RequestStatus,
    Review,
    ReviewResponse,
    User,
    YoungPerson,
)
from app.models.complaints import ANSWER_MAX, LOOK_AGAIN_WORDS_MAX, Complaint, LookAgainRequest
from app.roles import Role
from app.services import audit, work_queue
from app.services._common import add_first_time, base_url, one_or_not_found, typed_text, with_young_person
from app.services.complaints import rules
from app.services.complaints._core import stage_rules
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address, tell_young_person
from app.services.ownership import own_young_person


def _officer(young_person_id: uuid.UUID) -> User | None:
    return db.session.scalar(
        select(User)
        .join(Allocation, Allocation.staff_id == User.id)
        .where(
            Allocation.young_person_id == young_person_id,
            Allocation.kind == AllocationKind.reviewing_officer,
            current_allocation_clause(clock.today()),
        )
        .limit(1)
    )


LOOK_AGAIN = work_queue.declare(
    work_queue.Clock(
        "reply", LookAgainRequest.due_at, LookAgainRequest.answered_at, LookAgainRequest.overdue_flagged_at
    ),
    overdue_action=AuditAction.look_again_overdue,
    # The reviewing officer allocated now is told.
    told=work_queue.Told.to_user(
        lambda asked: _officer(asked.young_person_id),
        subject="Orbit: a reply to a young person is overdue",
        body="A young person asked you to look again at a review decision and the time to reply has passed. "
        "Sign in to Orbit to reply: {base_url}/reviewing-officer/look-again",
    ),
)


def _own_response(user: User, response_id: uuid.UUID) -> tuple[YoungPerson, Review, ReviewResponse]:
    """One of the young person's own answers at a review whose decisions were sent, with its review."""
    young_person = own_young_person(user)
    row = db.session.execute(
        select(Review, ReviewResponse)
        .join(ReviewResponse, ReviewResponse.review_id == Review.id)
        .options(joinedload(Review.chair))
        .where(
            Review.young_person_id == young_person.id,
            Review.decisions_sent_at.is_not(None),
            ReviewResponse.id == response_id,
        )
    ).first()
    if row is None:
        raise NotFound
    return young_person, row[0], row[1]


@dataclass(frozen=True)
class NextSteps:
    young_person: YoungPerson
    review: Review
    response: ReviewResponse
    officer: User | None
    look_again: LookAgainRequest | None
    complaint: Complaint | None
    has_advocate_request: bool
    look_again_days: int


def next_steps(user: User, response_id: uuid.UUID) -> NextSteps:
    """What they can do now they do not agree, and what they already did. Only after "I don't agree"."""
    young_person, review, response = _own_response(user, response_id)
    if response.reaction is not Reaction.disagree:
        raise NotFound
    look_again = _asked_about(response)
    complaint = db.session.scalar(
        select(Complaint)
        .where(Complaint.review_response_id == response.id, Complaint.young_person_id == young_person.id)
        .order_by(Complaint.created_at.desc())
        .limit(1)
    )
    open_request = db.session.scalar(
        select(func.count())
        .select_from(AdvocacyRequest)
        .where(AdvocacyRequest.young_person_id == young_person.id, AdvocacyRequest.status != RequestStatus.closed)
    )
    return NextSteps(
        young_person=young_person,
        review=review,
        response=response,
        officer=_officer(young_person.id),
        look_again=look_again,
        complaint=complaint,
        has_advocate_request=bool(open_request),
        look_again_days=stage_rules().look_again_days,
    )


def ask_look_again(user: User, response_id: uuid.UUID, words: str) -> LookAgainRequest:
    """ "Please look again": the person who runs their review must reply within the set working days. Once per
    decision: asking twice returns the first."""
    young_person, review, response = _own_response(user, response_id)
    if response.reaction is not Reaction.disagree:
        raise Refused("look_again_not_disagreed")
    text = typed_text(words, "words", most=LOOK_AGAIN_WORDS_MAX, too_long="look_again_words_too_long")
    asked, new = add_first_time(lambda: _asked_about(response), lambda: _new_look_again(review, response, text))
    if not new:
        return asked
    audit.record_about(AuditAction.look_again_asked, user, "look_again_request", asked)
    officer = _officer(young_person.id)
    if officer is not None and officer.email and officer.is_active:
        queue_to_address(
            officer.email,
            "Orbit: a young person asks you to look again",
            "A young person whose reviews you chair has asked you to look again at something decided at their "
            f"review. Sign in to Orbit to reply: {base_url()}/reviewing-officer/look-again",
            officer,
        )
    return asked


def _new_look_again(review: Review, response: ReviewResponse, words: str) -> LookAgainRequest:
    now = clock.now()
    return LookAgainRequest(
        young_person_id=review.young_person_id,
        review_id=review.id,
        response_id=response.id,
        words=words or None,
        created_at=now,
        due_at=rules.look_again_due(now, stage_rules()),
    )


def _asked_about(response: ReviewResponse) -> LookAgainRequest | None:
    return db.session.scalar(select(LookAgainRequest).where(LookAgainRequest.response_id == response.id))


# The reviewing officer's side ------------------------------------------------------------------------------


def waiting_for_officer(user: User, page: int = 1) -> work_queue.Page:
    """Requests to look again from the officer's young people, not yet answered, due first, through the work queue
    (two queries). Each row has .asked, .young_person and the clock, .reply."""
    return work_queue.page_of(LOOK_AGAIN, _unanswered_for(user), page, names=("asked", "young_person"))


def look_again_waiting(user: User) -> work_queue.Tally:
    """The requests to look again that wait for the officer's answer, to count."""
    return work_queue.Tally(LOOK_AGAIN, _unanswered_for(user))


def _unanswered_for(user: User) -> Select:
    if user.role is not Role.reviewing_officer:
        raise NotFound
    return with_young_person(
        LookAgainRequest,
        LookAgainRequest.young_person_id.in_(chaired_young_people(user, clock.today())),
        # "(answered_at IS NULL) IS true" rather than "answered_at IS NULL": the same rows, but SQLite can no
        # longer start from ix_look_again_requests_due (every unanswered request in the country) and starts
        # from the officer's young people instead (ix_look_again_requests_young_person).
        LookAgainRequest.answered_at.is_(None).is_(True),
    )


@dataclass(frozen=True)
class LookAgainPage:
    asked: LookAgainRequest
    young_person: YoungPerson
    review: Review
    response: ReviewResponse


def _for_officer(user: User, look_again_id: uuid.UUID, *, for_update: bool = False) -> LookAgainPage:
    if user.role is not Role.reviewing_officer:
        raise NotFound
    asked = one_or_not_found(
        select(LookAgainRequest).where(LookAgainRequest.id == look_again_id), for_update=for_update
    )
    young_person = db.session.get(YoungPerson, asked.young_person_id)
    allocations = list(
        db.session.scalars(select(Allocation).where(Allocation.young_person_id == asked.young_person_id))
    )
    if young_person is None or not can_chair_review(user, young_person, allocations, clock.today()):
        raise NotFound
    review = db.session.get(Review, asked.review_id)
    response = db.session.get(ReviewResponse, asked.response_id)
    assert review is not None and response is not None
    return LookAgainPage(asked, young_person, review, response)


def look_again_for_officer(user: User, look_again_id: uuid.UUID) -> LookAgainPage:
    page = _for_officer(user, look_again_id)
    audit.record_about(AuditAction.look_again_viewed, user, "look_again_request", page.asked)
    return page


def answer_look_again(user: User, look_again_id: uuid.UUID, words: str) -> LookAgainRequest:
    """The reply, in words for the young person. It stands as sent: a second reply is refused."""
    page = _for_officer(user, look_again_id, for_update=True)
    asked = page.asked
    if asked.answered_at is not None:
        raise Refused("look_again_already_answered")
    text = typed_text(
        words, "answer", most=ANSWER_MAX, too_long="look_again_answer_too_long", missing="look_again_answer_missing"
    )
    asked.answer = text
    asked.answered_at = clock.now()
    asked.answered_by_id = user.id
    audit.record_about(AuditAction.look_again_answered, user, "look_again_request", asked)
    tell_young_person(page.young_person)
    return asked
