"""The staff side of complaints: the complaints team's queue (due first, with the statutory clocks), a complaint's
page, answering it in plain words for the young person, extending a stage once with a reason they see, what an
advocate and a social worker may know, the council's figures, and `flask tick` flagging overdue stages once.

Every look by a member of staff is audited against the young person, so it shows on "Who can see my things"."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app import clock
from app.access import (
    can_see_complaint_figures,
    complaint_queue_clause,
    may_know_complaint_stage,
    may_read_complaint,
    works_complaint,
)
from app.extensions import db
from app.models import Allocation, AuditAction, Council, User, YoungPerson
from app.models.complaints import (
    ANSWER_MAX,
    EXTENSION_REASON_MAX,
    Complaint,
    ComplaintStageRecord,
    ComplaintStatus,
    ComplaintTopic,
)
from app.roles import Role
from app.services import audit, work_queue
from app.services._common import MIN_GROUP_SIZE, one_or_not_found, typed_text
from app.services.complaints import rules
from app.services.complaints._core import stage_rules
from app.services.errors import NotFound, Refused
from app.services.notifications import tell_young_person

STAFF_ROLES = frozenset({Role.complaints_officer, Role.advocacy_manager, Role.advocate})


# The work queue item: each stage of a complaint is a piece of work with one clock, its answer ---------------------


def _complaints_manager_group(stage: ComplaintStageRecord) -> tuple[str, uuid.UUID]:
    """Who is told when a stage runs out: the council's complaints manager, or the advocacy service's managers
    for a complaint about the service."""
    complaint = stage.complaint
    if complaint.advocacy_service_id is not None:
        return ("service", complaint.advocacy_service_id)
    return ("council", complaint.council_id)


def _complaints_managers(group: tuple[str, uuid.UUID]) -> list:
    kind, owner = group
    if kind == "council":
        council = db.session.get(Council, owner)
        if council is not None and council.complaints_manager_email:
            return [council.complaints_manager_email]  # the complaints manager (reg 10), as an address
        who = (User.council_id == owner) & (User.role == Role.complaints_officer)
    else:
        who = (User.advocacy_service_id == owner) & (User.role == Role.advocacy_manager)
    return list(db.session.scalars(select(User).where(who, User.disabled_at.is_(None))))


COMPLAINT_STAGES = work_queue.declare(
    work_queue.Clock(
        "answer", ComplaintStageRecord.due_at, ComplaintStageRecord.answered_at, ComplaintStageRecord.overdue_flagged_at
    ),
    name="complaint_stage",
    created=ComplaintStageRecord.started_at,
    overdue_action=AuditAction.complaint_overdue,
    told=work_queue.Told(
        group=_complaints_manager_group,
        people=_complaints_managers,
        subject="Orbit: a complaint stage is overdue",
        body="A complaint in Orbit is past the time its stage allows for an answer. Sign in to Orbit to see "
        "it: {base_url}/complaints-team/",
    ),
)


# The queue ---------------------------------------------------------------------------------------------


def queue(user: User, page: int = 1) -> work_queue.Page:
    """Complaints waiting for an answer, due first, 25 a page, through the work queue: two queries (the counts,
    then the page). Each row has .stage, .complaint, .young_person and the stage's clock, .answer."""
    found = work_queue.page_of(
        COMPLAINT_STAGES,
        select(ComplaintStageRecord, Complaint, YoungPerson)
        .join(Complaint, Complaint.id == ComplaintStageRecord.complaint_id)
        .join(YoungPerson, YoungPerson.id == Complaint.young_person_id)
        .where(
            complaint_queue_clause(user),
            Complaint.status == ComplaintStatus.waiting,
            ComplaintStageRecord.stage == Complaint.stage,
        ),
        page,
        names=("stage", "complaint", "young_person"),
    )
    audit.record(AuditAction.complaint_queue_viewed, actor=user, object_type="complaints")
    return found


# One complaint -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffComplaint:
    complaint: Complaint
    young_person: YoungPerson
    may_work: bool
    may_extend: bool
    extended_due: datetime | None


def _complaint_for(user: User, complaint_id: uuid.UUID, *, for_update: bool = False) -> tuple[Complaint, YoungPerson]:
    if user.role not in STAFF_ROLES:
        raise NotFound
    complaint = one_or_not_found(
        select(Complaint)
        .options(selectinload(Complaint.stages), joinedload(Complaint.young_person).joinedload(YoungPerson.council))
        .where(Complaint.id == complaint_id),
        for_update=for_update,
        of=Complaint,
    )
    young_person = complaint.young_person
    allocations = (
        list(db.session.scalars(select(Allocation).where(Allocation.young_person_id == young_person.id)))
        if user.role is Role.advocate
        else []
    )
    if not may_read_complaint(user, complaint, young_person, allocations, clock.today()):
        raise NotFound
    return complaint, young_person


def complaint_for_staff(user: User, complaint_id: uuid.UUID) -> StaffComplaint:
    """The complaint, its stages and answers: for the people who work it, and for the young person's advocate
    when they chose to share it (read only). Every look is audited."""
    complaint, young_person = _complaint_for(user, complaint_id)
    audit.record_about(AuditAction.complaint_viewed, user, "complaint", complaint)
    may_work = works_complaint(user, complaint)
    current = complaint.current
    waiting = complaint.status is ComplaintStatus.waiting
    may_extend = (
        may_work and waiting and rules.can_extend(complaint.stage, current.extended_at is not None, stage_rules())
    )
    return StaffComplaint(
        complaint=complaint,
        young_person=young_person,
        may_work=may_work and waiting,
        may_extend=may_extend,
        extended_due=rules.extended_due(complaint.stage, current.started_at, stage_rules()) if may_extend else None,
    )


def _worked(user: User, complaint_id: uuid.UUID) -> tuple[Complaint, YoungPerson]:
    complaint, young_person = _complaint_for(user, complaint_id, for_update=True)
    if not works_complaint(user, complaint):
        raise NotFound
    return complaint, young_person


def answer(user: User, complaint_id: uuid.UUID, words: str, stage: int) -> Complaint:
    """The answer at the current stage, written to the young person in plain words and shown on their page. The
    last stage's answer closes the complaint (the Ombudsman is next); earlier answers open the window to ask for
    the next stage. Answering twice is refused: an answer stands as sent."""
    complaint, young_person = _worked(user, complaint_id)
    if complaint.stage != stage or complaint.status is not ComplaintStatus.waiting:
        raise Refused("complaint_already_answered")
    text = typed_text(
        words, "answer", most=ANSWER_MAX, too_long="complaint_answer_too_long", missing="complaint_answer_missing"
    )
    now = clock.now()
    current = complaint.current
    current.answer = text
    current.answered_at = now
    current.answered_by_id = user.id
    if complaint.stage >= rules.LAST_STAGE:
        complaint.status = ComplaintStatus.closed
        complaint.closed_at = now
    else:
        complaint.status = ComplaintStatus.answered
        current.next_stage_by = rules.next_stage_by(now, stage_rules())
    audit.record_about(AuditAction.complaint_answered, user, "complaint", complaint)
    tell_young_person(young_person)
    return complaint


def extend(user: User, complaint_id: uuid.UUID, reason: str, stage: int) -> Complaint:
    """More time at this stage, once, as far as the regulations allow, with a reason the young person reads."""
    complaint, young_person = _worked(user, complaint_id)
    if complaint.stage != stage or complaint.status is not ComplaintStatus.waiting:
        raise Refused("complaint_already_answered")
    current = complaint.current
    if not rules.can_extend(complaint.stage, current.extended_at is not None, stage_rules()):
        raise Refused("complaint_cannot_extend")
    text = typed_text(
        reason,
        "reason",
        most=EXTENSION_REASON_MAX,
        too_long="complaint_extension_reason_too_long",
        missing="complaint_extension_reason_missing",
    )
    current.extended_at = clock.now()
    current.extension_reason = text
    # The same clock runs on to its new time, and will be told about anew if that passes too.
    COMPLAINT_STAGES.restart(current, "answer", rules.extended_due(complaint.stage, current.started_at, stage_rules()))
    audit.record_about(AuditAction.complaint_extended, user, "complaint", complaint)
    tell_young_person(young_person)
    return complaint


# What a social worker or personal adviser may know ----------------------------------------------------------


@dataclass(frozen=True)
class StageOnly:
    stage: int
    finished: bool


@dataclass(frozen=True)
class ForStaffPage:
    stages: list[StageOnly]  # what their social worker or personal adviser may know
    shared: list[Complaint]  # what their advocate may read


def for_young_person_page(user: User, young_person_id: uuid.UUID) -> ForStaffPage:
    """On a young person's page: their worker sees only that a complaint exists and its stage, for complaints the
    young person agreed they may know of (never the topic, words or answers); their advocate sees the complaints
    the young person shared with them. Nobody else sees anything, and asks nothing. Two queries at most."""
    if user.role not in (Role.practitioner, Role.advocate):
        return ForStaffPage([], [])
    young_person = db.session.get(YoungPerson, young_person_id)
    if young_person is None:
        return ForStaffPage([], [])
    allocations = list(db.session.scalars(select(Allocation).where(Allocation.young_person_id == young_person_id)))
    flag = Complaint.tell_social_worker if user.role is Role.practitioner else Complaint.share_with_advocate
    found = db.session.scalars(
        select(Complaint)
        .where(Complaint.young_person_id == young_person_id, flag.is_(True))
        .order_by(Complaint.created_at.desc())
    ).all()
    today = clock.today()
    if user.role is Role.practitioner:
        return ForStaffPage(
            [
                StageOnly(c.stage, c.status is ComplaintStatus.closed)
                for c in found
                if may_know_complaint_stage(user, c, young_person, allocations, today)
            ],
            [],
        )
    return ForStaffPage([], [c for c in found if may_read_complaint(user, c, young_person, allocations, today)])


# Figures ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    since: datetime
    total: int | None
    by_stage: list[tuple[int, int | None]]
    on_time: list[tuple[int, int | None, int | None]]  # (stage, answered, of which on time)
    by_topic: list[tuple[ComplaintTopic, int | None]]


def figures(user: User) -> Figures:
    """The last 12 months: complaints by the stage they reached, answers on time per stage, and by topic. Any
    group under 10 is not shown, so no young person can be picked out. Two queries."""
    if not can_see_complaint_figures(user):
        raise NotFound
    since = clock.start_of_day(clock.today() - timedelta(days=365))
    clause = complaint_queue_clause(user)
    complaints = db.session.execute(
        select(Complaint.stage, Complaint.topic, func.count())
        .where(clause, Complaint.created_at >= since)
        .group_by(Complaint.stage, Complaint.topic)
    ).all()
    stages = db.session.execute(
        select(ComplaintStageRecord.stage, ComplaintStageRecord.due_at, ComplaintStageRecord.answered_at)
        .join(Complaint, Complaint.id == ComplaintStageRecord.complaint_id)
        .where(clause, Complaint.created_at >= since, ComplaintStageRecord.answered_at.is_not(None))
    ).all()
    by_stage: Counter[int] = Counter()
    by_topic: Counter[ComplaintTopic] = Counter()
    for stage, topic, n in complaints:
        by_stage[stage] += n
        by_topic[topic] += n
    answered: Counter[int] = Counter()
    on_time: Counter[int] = Counter()
    for stage, due_at, answered_at in stages:
        answered[stage] += 1
        on_time[stage] += bool(rules.answered_on_time(due_at, answered_at))
    audit.record(AuditAction.complaint_figures_viewed, actor=user, object_type="complaints")
    smallest = MIN_GROUP_SIZE
    return Figures(
        since=since,
        total=rules.suppress(sum(by_stage.values()), smallest),
        by_stage=[(s, rules.suppress(by_stage[s], smallest)) for s in (1, 2, 3)],
        on_time=[
            (
                s,
                rules.suppress(answered[s], smallest),
                rules.suppress(on_time[s], smallest) if answered[s] >= smallest else None,
            )
            for s in (1, 2, 3)
        ],
        by_topic=[(t, rules.suppress(by_topic[t], smallest)) for t in ComplaintTopic],
    )


# flask tick --------------------------------------------------------------------------------------------------


def close_finished(limit: int = 500) -> int:
    """Answered complaints whose time to ask for the next stage ran out are finished: closed at that moment (the
    retention schedule counts from it). Idempotent."""
    now = clock.now()
    finished = db.session.scalars(
        select(Complaint)
        .join(
            ComplaintStageRecord,
            (ComplaintStageRecord.complaint_id == Complaint.id) & (ComplaintStageRecord.stage == Complaint.stage),
        )
        .where(Complaint.status == ComplaintStatus.answered, ComplaintStageRecord.next_stage_by < now)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Complaint)
    ).all()
    for complaint in finished:
        complaint.status = ComplaintStatus.closed
        complaint.closed_at = complaint.current.next_stage_by
        audit.record_about(AuditAction.complaint_closed, None, "complaint", complaint)
    return len(finished)
