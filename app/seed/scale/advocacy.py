"""Scale data: advocacy requests, their messages, and offers of an advocate."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from app import clock
from app.models import (
    AdvocacyMessage,
    AdvocacyOffer,
    AdvocacyOfferReason,
    AdvocacyRequest,
    OfferReason,
    OfferStatus,
    RequestOrigin,
    RequestStatus,
    RequestTopic,
)
from app.roles import Role
from app.seed.scale.core import Child, Context, CouncilData, _table
from app.services.advocacy import due_times

ADVOCACY_REQUEST_SHARE = 0.15  # of those who joined, who asked for an advocate (or an offer became a request)
ADVOCACY_OFFER_SHARE = 0.2  # of those who joined, who had an offer lately


def _advocacy_request_row(
    ctx: Context, council: CouncilData, child: Child, *, state: str, urgent: bool = False
) -> dict[str, Any]:
    created = ctx.moment_ago(5 if state in ("sent", "seen") else 120)
    acknowledge_by, allocate_by = due_times(created, urgent)
    advocate = ctx.rng.choice(council.staff[Role.advocate]) if state in ("allocated", "closed") else None
    acknowledged = state != "sent"
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "council_id": council.id,
        "advocacy_service_id": council.service.id,
        "origin": ctx.pick(
            ((RequestOrigin.asked, 6), (RequestOrigin.offer_accepted, 2), (RequestOrigin.offer_passed, 2))
        ),
        "topic": ctx.rng.choice(list(RequestTopic)),
        "wants": "I want to see my brother more and I want them to listen to me" if ctx.maybe(0.6) else None,
        "contact_in_orbit": True,
        "contact_phone_call": False,
        "contact_text": False,
        "contact_in_person": ctx.maybe(0.3),
        "phone": None,
        "good_times": "After school" if ctx.maybe(0.5) else None,
        "urgent": urgent,
        "status": RequestStatus(state),
        "submission_key": ctx.new_id(),
        "created_at": created,
        "acknowledge_due_at": acknowledge_by,
        "allocate_due_at": allocate_by,
        "acknowledged_at": created + timedelta(hours=ctx.rng.randint(1, 30)) if acknowledged else None,
        "acknowledged_by_id": (advocate or council.service.manager or council.staff[Role.advocate][0]).id
        if acknowledged
        else None,
        "allocated_at": created + timedelta(hours=ctx.rng.randint(20, 60)) if advocate else None,
        "advocate_id": advocate.id if advocate else None,
        "acknowledge_overdue_at": None,
        "allocate_overdue_at": None,
        "will_attend_review": bool(advocate) and ctx.maybe(0.4),
        "closed_at": created + timedelta(days=ctx.rng.randint(5, 40)) if state == "closed" else None,
        "closed_by_id": advocate.id if state == "closed" and advocate else None,
        "outcome": "We talked to your social worker and your family time is now every week."
        if state == "closed"
        else None,
        "withdrawn": False,
        "young_person_news_at": created + timedelta(days=1) if acknowledged else None,
    }


def _advocacy_messages(ctx: Context, request: dict[str, Any], child: Child) -> None:
    if request["advocate_id"] is None or child.user_id is None:
        return
    start = request["allocated_at"]
    for n, (author, from_young_person, body) in enumerate(
        (
            (request["advocate_id"], False, "Hello, I am your advocate. When is a good time to talk?"),
            (child.user_id, True, "After school on Tuesday is good"),
            (request["advocate_id"], False, "Great, I will call you on Tuesday at 4."),
        )
    ):
        ctx.add(
            _table(AdvocacyMessage),
            {
                "id": ctx.new_id(),
                "request_id": request["id"],
                "author_id": author,
                "from_young_person": from_young_person,
                "body": body,
                "submission_key": ctx.new_id(),
                "created_at": start + timedelta(hours=n + 1),
            },
        )


def _advocacy_offer_rows(ctx: Context, council: CouncilData, child: Child, status: OfferStatus) -> None:
    created = ctx.moment_ago(2 if status is OfferStatus.open else 200)
    offer_id = ctx.new_id()
    ctx.add(
        _table(AdvocacyOffer),
        {
            "id": offer_id,
            "young_person_id": child.id,
            "advocacy_service_id": council.service.id,
            "status": status,
            "created_at": created,
            "due_at": clock.add_working_days(created, 3),
            "answered_at": None if status in (OfferStatus.open, OfferStatus.passed) else created + timedelta(hours=5),
            "request_id": None,
        },
    )
    for reason in ctx.rng.sample(list(OfferReason), ctx.rng.randint(1, 2)):
        ctx.add(
            _table(AdvocacyOfferReason),
            {"id": ctx.new_id(), "offer_id": offer_id, "reason": reason, "at": created, "made_by_id": None},
        )


def _advocacy(ctx: Context, council: CouncilData) -> None:
    """Requests for an advocate (most closed with an outcome, some with an advocate now, a few waiting in the
    queue), their messages, and offers (declined, accepted, passed, a few open). The first child and the first
    care leaver who joined in each council each have an open request, so every council's queue has work and
    every young person's request page can be measured."""
    firsts: dict[uuid.UUID, str] = {}
    for leaver, state in ((False, "sent"), (True, "allocated")):
        first = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if first:
            firsts[first.id] = state
    for child in council.children:
        if child.user_id is None:
            continue
        has_open = False
        if child.id in firsts or ctx.maybe(ADVOCACY_REQUEST_SHARE):
            state = firsts.get(child.id) or ctx.pick((("closed", 60), ("allocated", 25), ("seen", 8), ("sent", 7)))
            has_open = state != "closed"
            request = _advocacy_request_row(ctx, council, child, state=state, urgent=ctx.maybe(0.05))
            ctx.add(_table(AdvocacyRequest), request)
            _advocacy_messages(ctx, request, child)
        if ctx.maybe(ADVOCACY_OFFER_SHARE):
            statuses = ((OfferStatus.declined, 40), (OfferStatus.accepted, 30), (OfferStatus.passed, 20))
            status = ctx.pick(statuses if has_open else (*statuses, (OfferStatus.open, 10)))
            _advocacy_offer_rows(ctx, council, child, status)
