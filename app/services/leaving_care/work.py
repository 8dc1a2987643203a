"""Requests for support as work with a clock: who works them, and who is told when a reply is late."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from flask import current_app

from app import clock
from app.access import is_current
from app.models import OPEN_SUPPORT, AllocationKind, AuditAction, SupportRequest
from app.services import work_queue
from app.services.notifications import queue_to_address
from app.services.people import allocations_with_staff


def _tell_workers(young_person_id: uuid.UUID, _requests: Sequence[SupportRequest]) -> None:
    """Content-free, with a link: the young person's personal adviser or social worker, now. A request in the
    council's leaving care queue with nobody allocated shows overdue in that queue."""
    base_url = current_app.config["ORBIT_SETTINGS"].base_url.rstrip("/")
    today = clock.today()
    told: set[uuid.UUID] = set()
    for allocation in allocations_with_staff(young_person_id):
        worker = allocation.staff
        if (
            allocation.kind in (AllocationKind.personal_adviser, AllocationKind.social_worker)
            and is_current(allocation, today)
            and worker.id not in told
            and worker.email
            and worker.is_active
        ):
            told.add(worker.id)
            queue_to_address(
                worker.email,
                "Orbit: a request for support is waiting for a reply",
                "A young person you work with asked for support in Orbit, and the reply is now overdue. Please "
                f"reply: {base_url}/practitioner/leaving-care",
                worker,
            )


# A first reply within `support_reply_working_days`, then an update every `support_update_working_days` while it
# is worked on (the clock starts again with each "working on it"). Worked by the young person's personal adviser,
# or the council's leaving care queue when they have none; their workers are told once a clock.
SUPPORT = work_queue.declare(
    work_queue.Item(
        name="support_request",
        model=SupportRequest,
        clocks=(work_queue.Clock("reply", SupportRequest.due_at, told=SupportRequest.overdue_told_at),),
        is_open=lambda: SupportRequest.status.in_(OPEN_SUPPORT),
        created=SupportRequest.created_at,
        closed=SupportRequest.closed_at,
        overdue_action=AuditAction.support_overdue,
        told_group=lambda request: request.young_person_id,
        tell=_tell_workers,
    )
)
