"""Advocacy requests and passed offers as work in the service's queue: two clocks, and who is told when late."""

from __future__ import annotations

from app.models import AdvocacyRequest, AuditAction, RequestStatus
from app.roles import Role
from app.services import work_queue
from app.services.advocacy._core import _service_staff

# Acknowledge within 1 working day and find an advocate within 2 (4 clock hours when urgent; rules.due_times).
# Worked by the advocacy service's advocates and managers; its managers are told, once a clock, one message a
# service.
REQUESTS = work_queue.declare(
    work_queue.Clock(
        "acknowledge",
        AdvocacyRequest.acknowledge_due_at,
        AdvocacyRequest.acknowledged_at,
        AdvocacyRequest.acknowledge_overdue_at,
    ),
    work_queue.Clock(
        "allocate", AdvocacyRequest.allocate_due_at, AdvocacyRequest.allocated_at, AdvocacyRequest.allocate_overdue_at
    ),
    is_open=lambda: AdvocacyRequest.status != RequestStatus.closed,
    overdue_action=AuditAction.advocacy_overdue,
    told=work_queue.Told(
        group=lambda request: request.advocacy_service_id,
        people=lambda service_id: _service_staff(service_id, {Role.advocacy_manager}),
        subject="Orbit: advocacy work is overdue",
        body="Some advocacy work in Orbit is past its time to acknowledge or allocate. Sign in to see it: "
        "{base_url}/advocate/",
    ),
)
