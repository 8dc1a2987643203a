"""Requests for support as work with a clock: who works them, and who is told when a reply is late."""

from __future__ import annotations

from app.models import OPEN_SUPPORT, AuditAction, SupportRequest
from app.services import work_queue
from app.services.leaving_care._core import _workers_to_tell
from app.services.people import replied_request_item

# A first reply within `support_reply_working_days`, then an update every `support_update_working_days` while it
# is worked on (the clock starts again with each "working on it"). Worked by the young person's personal adviser,
# or the council's leaving care queue when they have none; their workers are told once a clock.
SUPPORT = work_queue.declare(
    replied_request_item(
        model=SupportRequest,
        open_statuses=OPEN_SUPPORT,
        overdue_action=AuditAction.support_overdue,
        # The young person's personal adviser and social worker now. A request in the council's leaving care queue
        # with nobody allocated shows overdue in that queue.
        workers=_workers_to_tell,
        subject="Orbit: a request for support is waiting for a reply",
        body="A young person you work with asked for support in Orbit, and the reply is now overdue. Please "
        "reply: {base_url}/practitioner/leaving-care",
    )
)
