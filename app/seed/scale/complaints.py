"""Complaints for the scale data (`flask seed-scale`): one step of app.seed.scale.seeding.council_steps().

Each council has a complaints officer. About 3 in 100 young people who joined have made a complaint: most wait at
stage 1, some went on to stage 2 or 3, a few are answered; about 1 in 10 is about the advocacy service (its
managers work those). About 2 in 100 young people in care did not agree with a review decision and asked the
person who runs their review to look again.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from app import clock
from app.models import Complaint, ComplaintStageRecord, ComplaintTopic, LookAgainRequest, Review, ReviewResponse
from app.roles import Role
from app.seed.scale.core import Context, CouncilData, _table
from app.seed.scale.council import _council_member
from app.seed.scale.reviews import _officers
from app.services.complaints import rules

COMPLAINT_SHARE = 0.03
ABOUT_SERVICE_SHARE = 0.1
LOOK_AGAIN_SHARE = 0.02
# Every topic a young person can choose; complaints about the advocacy service are counted separately.
TOPICS = tuple(topic for topic in ComplaintTopic if topic is not ComplaintTopic.advocacy_service)


def complaints_for_council(ctx: Context, council: CouncilData) -> None:
    """As for safety alerts, the first young people who joined (in care, and a care leaver) always have one, so
    every page has something in every council: the first in care with the council's first advocate has a
    complaint shared with that advocate, one about the advocacy service, and a request to look again."""
    council.staff[Role.complaints_officer] = [_council_member(ctx, council, Role.complaints_officer, "complaints1")]
    officers = dict(_officers(council))
    firsts = _firsts(ctx, council)
    for child in council.children:
        if child.user_id is None:
            continue
        first = child.id in firsts
        if first or ctx.maybe(COMPLAINT_SHARE):
            _complaint(ctx, council, child, stage=1 if first else None, about_service=False if first else None)
        if first and not child.care_leaver:
            _complaint(ctx, council, child, stage=1, about_service=True)
        officer_id = officers.get(child.id)
        if officer_id is None and first and council.staff.get(Role.reviewing_officer):
            officer_id = council.staff[Role.reviewing_officer][0].id  # a care leaver's review from before 18
        if officer_id is not None and (first or ctx.maybe(LOOK_AGAIN_SHARE)):
            _look_again(ctx, child, officer_id)


def _ids_in(ctx: Context, council: CouncilData, model: type, **equal: object) -> set:
    """Young people of this council with a row of `model` (made by an earlier step), read from the database and
    from the rows still waiting to be written."""
    from sqlalchemy import select

    table = _table(model)
    ids = {child.id for child in council.children}
    found = {
        row["young_person_id"]
        for row in ctx.loader.buffers.get(table, [])
        if row["young_person_id"] in ids and all(row.get(k) == v for k, v in equal.items())
    }
    where = [table.c.young_person_id.in_(ids), *(table.c[k] == v for k, v in equal.items())]
    found |= set(ctx.loader.connection.scalars(select(table.c.young_person_id).where(*where)))
    return found


def _firsts(ctx: Context, council: CouncilData) -> set:
    """Who always has a complaint and a request to look again: everyone who sent a safety alert (the young people
    whose pages the benchmark opens have one), the first care leaver who joined, and the first child in care who
    joined with the council's first advocate."""
    from app.models import Allocation, SafetyAlert

    firsts = _ids_in(ctx, council, SafetyAlert)
    advocate = council.staff[Role.advocate][0].id if council.staff.get(Role.advocate) else None
    with_advocate = _ids_in(ctx, council, Allocation, staff_id=advocate)
    leaver = next((c for c in council.children if c.user_id and c.care_leaver), None)
    in_care = next((c for c in council.children if c.user_id and not c.care_leaver and c.id in with_advocate), None)
    for child in (leaver, in_care):
        if child is not None:
            firsts.add(child.id)
    return firsts


def _complaint(
    ctx: Context, council: CouncilData, child, *, stage: int | None = None, about_service: bool | None = None
) -> None:
    about_service = ctx.maybe(ABOUT_SERVICE_SHARE) if about_service is None else about_service
    stage = stage or ctx.pick(((1, 6), (2, 3), (3, 1)))
    started = ctx.now - timedelta(days=ctx.rng.randint(1, 20))
    complaint_id = ctx.new_id()
    answered_last = stage > 1 and ctx.maybe(0.2)
    status = "waiting"
    if answered_last:
        status = "closed" if stage == rules.LAST_STAGE else "answered"
    ctx.add(
        _table(Complaint),
        {
            "id": complaint_id,
            "young_person_id": child.id,
            "council_id": council.id,
            "advocacy_service_id": council.service.id if about_service else None,
            "topic": ComplaintTopic.advocacy_service if about_service else ctx.rng.choice(TOPICS),
            "words": "Nobody told me why things changed, and I asked twice.",
            "wants": "Someone to explain it to me." if ctx.maybe(0.5) else None,
            "wants_advocate": ctx.maybe(0.5),
            "share_with_advocate": not about_service,
            "tell_social_worker": True,
            "review_response_id": None,
            "submission_key": ctx.new_id(),
            "stage": stage,
            "status": status,
            "created_at": started - timedelta(days=40 * (stage - 1)),
            "closed_at": started if status == "closed" else None,
        },
    )
    for number in range(1, stage + 1):
        begun = started - timedelta(days=40 * (stage - number))
        answered = number < stage or answered_last
        answered_at = begun + timedelta(days=ctx.rng.randint(3, 12)) if answered else None
        ctx.add(
            _table(ComplaintStageRecord),
            {
                "id": ctx.new_id(),
                "complaint_id": complaint_id,
                "stage": number,
                "started_at": begun,
                "due_at": rules.stage_due(number, begun),
                "extended_at": None,
                "extension_reason": None,
                "answer": "We looked into it and we are sorry. Your worker will explain what happens next."
                if answered
                else None,
                "answered_at": answered_at,
                "answered_by_id": None,
                "next_stage_by": rules.next_stage_by(answered_at)
                if answered_at and number < rules.LAST_STAGE
                else None,
                "overdue_flagged_at": None,
            },
        )


def _look_again(ctx: Context, child, officer_id) -> None:
    """An earlier review, a decision they did not agree with, and their request to look again at it."""
    held_on = ctx.days_ago(160, 200)
    sent = datetime.combine(held_on + timedelta(days=3), time(12), clock.LONDON)
    review_id, response_id = ctx.new_id(), ctx.new_id()
    ctx.add(
        _table(Review),
        {
            "id": review_id,
            "young_person_id": child.id,
            "number": 1,
            "held_on": held_on,
            "starts_at": None,
            "place": None,
            "due_on": held_on,
            "status": "held",
            "chair_id": officer_id,
            "created_by_id": None,
            "created_at": ctx.now,
            "updated_at": ctx.now,
            "decisions_sent_at": sent,
            "advocacy_offer_due_at": None,
            "advocacy_offered_at": None,
        },
    )
    ctx.add(
        _table(ReviewResponse),
        {
            "id": response_id,
            "review_id": review_id,
            "point": "general",
            "point_key": "general",
            "note_id": None,
            "decided": "You will stay where you live now.",
            "why": "It is working well.",
            "written_by_id": officer_id,
            "updated_at": sent,
            "reaction": "disagree",
            "reaction_words": "I want to move nearer my sister.",
            "reacted_at": sent + timedelta(days=1),
        },
    )
    asked = ctx.moment_ago(10)
    ctx.add(
        _table(LookAgainRequest),
        {
            "id": ctx.new_id(),
            "young_person_id": child.id,
            "review_id": review_id,
            "response_id": response_id,
            "words": "Please think about it again.",
            "created_at": asked,
            "due_at": rules.look_again_due(asked),
            "answer": None,
            "answered_at": None,
            "answered_by_id": None,
            "overdue_flagged_at": None,
        },
    )
