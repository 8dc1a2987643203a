"""Requests for support as work with a clock: who works them, and who is told when a reply is late."""

from __future__ import annotations

from app.models import OPEN_SUPPORT, AuditAction, SupportRequest
from app.services import work_queue
from app.services.leaving_care._core import _workers_to_tell
from app.services.people import allocations_with_staff

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
        # The young person's personal adviser and social worker now. A request in the council's leaving care queue
        # with nobody allocated shows overdue in that queue.
        told=work_queue.Told(
            group=lambda request: request.young_person_id,
            people=lambda young_person_id: _workers_to_tell(allocations_with_staff(young_person_id)),
            subject="Orbit: a request for support is waiting for a reply",
            body="A young person you work with asked for support in Orbit, and the reply is now overdue. Please "
            "reply: {base_url}/practitioner/leaving-care",
        ),
    )
)
