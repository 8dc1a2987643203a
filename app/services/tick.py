"""Scheduled work, run by `flask tick`. Each step is idempotent and safe on several machines at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AuditAction, User, YoungPerson
from app.roles import Role

# Every feature whose work has clocks declares its item when imported: import them all, so run_overdue checks all.
from app.services import (  # noqa: F401
    advocacy,
    audit,
    complaints,
    council_data,
    family_time,
    information_requests,
    leaving_care,
    moments,
    my_information,
    notifications,
    people,
    retention,
    reviews,
    safety,
    work_queue,
)


@dataclass
class TickReport:
    became_care_leavers: int = 0
    alerts_escalated: int = 0
    advocacy_offers_passed: int = 0
    advocacy_clocks_overdue: int = 0
    review_advocacy_offers: int = 0
    advocacy_moments: int = 0
    complaints_finished: int = 0
    complaint_stages_overdue: int = 0
    look_again_overdue: int = 0
    messages_sent: int = 0
    # Counts per line of the retention schedule, never what was deleted.
    deleted: dict[str, int] = field(default_factory=dict)
    overdue: dict[str, int] = field(default_factory=dict)  # clocks newly overdue (told), by work item


def turn_eighteen(limit: int = 500) -> int:
    """On their 18th birthday a young person's account becomes a care leaver's. Everything else stays."""
    today = clock.today()
    due = db.session.execute(
        select(User, YoungPerson)
        .join(YoungPerson, YoungPerson.user_id == User.id)
        .where(User.role == Role.young_person, YoungPerson.adult_on <= today)
        .limit(limit)
        .with_for_update(skip_locked=True, of=User)
    ).all()
    for user, young_person in due:
        user.role = Role.care_leaver
        if young_person.left_care_on is None:
            young_person.left_care_on = young_person.adult_on
            young_person.left_care_from = young_person.home_kind
        audit.record(AuditAction.role_changed, object_type="user", object_id=user.id, young_person_id=young_person.id)
    return len(due)


def run() -> TickReport:
    report = TickReport()
    report.became_care_leavers = turn_eighteen()
    db.session.commit()
    report.review_advocacy_offers = reviews.offer_advocacy_due()
    db.session.commit()
    report.advocacy_moments = moments.run_due()
    db.session.commit()
    report.complaints_finished = complaints.run_due()
    db.session.commit()
    report.advocacy_offers_passed = advocacy.pass_due_offers()
    db.session.commit()
    # Every work item's clocks, through the one work queue: marked once, told once, audited.
    report.overdue = work_queue.run_overdue()
    db.session.commit()
    report.alerts_escalated = report.overdue.get(safety.ALERTS.name, 0)
    report.advocacy_clocks_overdue = report.overdue.get(advocacy.REQUESTS.name, 0)
    report.complaint_stages_overdue = report.overdue.get(complaints.COMPLAINT_STAGES.name, 0)
    report.look_again_overdue = report.overdue.get(complaints.LOOK_AGAIN.name, 0)
    report.messages_sent = notifications.send_due()
    db.session.commit()
    council_data.purge_expired()
    db.session.commit()
    report.deleted = retention.run().deleted
    return report
