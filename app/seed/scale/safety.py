"""Scale data: safety alerts and information requests."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from app.models import AlertFeeling, InformationRequest, InformationRequestKind, InformationRequestStatus, SafetyAlert
from app.roles import Role
from app.seed.scale.core import Child, Context, CouncilData, _table

ALERT_SHARE = 0.04  # of those who joined, who said they did not feel safe in the last three months
OPEN_ALERT_SHARE = 0.1
INFORMATION_REQUEST_SHARE = 0.01


def _alert_row(ctx: Context, council: CouncilData, child: Child) -> dict[str, Any]:
    created = ctx.moment_ago(90)
    is_open = ctx.maybe(OPEN_ALERT_SHARE)
    duty = ctx.rng.choice(council.staff[Role.duty])
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "council_id": council.id,
        "feeling": ctx.rng.choice(list(AlertFeeling)),
        "words": "I had a row at home and I do not want to go back tonight" if ctx.maybe(0.5) else None,
        "submission_key": ctx.new_id(),
        "created_at": created,
        "escalation_level": 0,
        "escalate_at": created + timedelta(minutes=30),
        "acknowledged_at": None if is_open else created + timedelta(minutes=ctx.rng.randint(2, 25)),
        "acknowledged_by_id": None if is_open else duty.id,
        "action_taken": None if is_open else "Called them back and arranged a visit today",
    }


def _information_row(ctx: Context, council: CouncilData, child: Child) -> dict[str, Any]:
    created = ctx.moment_ago(60)
    answered = ctx.maybe(0.5)
    admin = council.staff[Role.council_admin][0]
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "council_id": council.id,
        "kind": ctx.rng.choice(list(InformationRequestKind)),
        "words": "My date of birth is wrong on my page",
        "status": InformationRequestStatus.done if answered else InformationRequestStatus.sent,
        "reply": "We have corrected it. Thank you for telling us." if answered else None,
        "created_at": created,
        "due_on": (created + timedelta(days=30)).date(),
        "answered_at": created + timedelta(days=3) if answered else None,
        "answered_by_id": admin.id if answered else None,
    }


def _safety(ctx: Context, council: CouncilData) -> None:
    """Alerts from a few young people who have joined, and requests to correct or delete information. The first
    child and the first care leaver who joined in each council have one of each, so every council has both."""
    firsts: set[uuid.UUID] = set()
    for leaver in (False, True):
        first = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if first:
            firsts.add(first.id)
    for child in council.children:
        if child.user_id is None:
            continue
        first = child.id in firsts
        if first or ctx.maybe(ALERT_SHARE):
            ctx.add(_table(SafetyAlert), _alert_row(ctx, council, child))
        if first or ctx.maybe(INFORMATION_REQUEST_SHARE):
            ctx.add(_table(InformationRequest), _information_row(ctx, council, child))


# Advocacy -----------------------------------------------------------------------------------------------------
