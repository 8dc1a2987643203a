"""'I don't feel safe': alerts to the council's duty team that escalate when nobody acknowledges them.

Alerts never reach carers or advocates. The young person is told before sending who will be told: the duty team
and their social worker or personal adviser, by name.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.access import current_allocation_clause
from app.extensions import db
from app.models import (
    AlertFeeling,
    Allocation,
    AllocationKind,
    AuditAction,
    Council,
    SafetyAlert,
    User,
    YoungPerson,
)
from app.roles import Role
from app.services import audit, work_queue
from app.services._common import add_first_time, by_submission_key, checked_words, choice, one_by_id
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address
from app.services.ownership import own_young_person

WORDS_MAX = 2000
ACTION_MAX = 2000
RECENT_SHOWN = 50
STAFF_ALERT_SUBJECT = "Orbit: a young person has raised a safety alert"


def _escalation_period() -> timedelta:
    return timedelta(minutes=current_app.config["ORBIT_RULES"]["alert_escalation_minutes"])


def _main_worker(young_person: YoungPerson) -> User | None:
    return db.session.scalar(
        select(User)
        .join(Allocation, Allocation.staff_id == User.id)
        .where(
            Allocation.young_person_id == young_person.id,
            Allocation.kind.in_([AllocationKind.social_worker, AllocationKind.personal_adviser]),
            current_allocation_clause(clock.today()),
            User.disabled_at.is_(None),
        )
        .order_by(Allocation.started_on.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class WhoIsTold:
    council_name: str
    worker: User | None
    worker_kind: AllocationKind


def who_is_told(user: User) -> WhoIsTold:
    young_person = own_young_person(user)
    kind = AllocationKind.personal_adviser if user.role is Role.care_leaver else AllocationKind.social_worker
    return WhoIsTold(young_person.council.name, _main_worker(young_person), kind)


def _duty_addresses(council_id: uuid.UUID) -> list[str]:
    return list(
        db.session.scalars(
            select(User.email).where(
                User.council_id == council_id,
                User.role == Role.duty,
                User.disabled_at.is_(None),
                User.email.is_not(None),
            )
        )
    )


def raise_alert(user: User, feeling: str, words: str, submission_key: uuid.UUID) -> SafetyAlert:
    """Create the alert at once. Sending the same form twice returns the first alert."""
    young_person = own_young_person(user)
    chosen = choice(AlertFeeling, feeling, "feeling_unknown", "feeling")
    words = checked_words(words.strip(), "words", most=WORDS_MAX, too_long="words_too_long")
    alert, new = add_first_time(
        lambda: by_submission_key(SafetyAlert, young_person.id, submission_key),
        lambda: _new_alert(young_person, chosen, words, submission_key),
    )
    if not new:
        return alert
    _tell_staff(young_person)
    audit.record_about(AuditAction.alert_raised, user, "safety_alert", alert)
    return alert


def _new_alert(young_person: YoungPerson, feeling: AlertFeeling, words: str, submission_key: uuid.UUID) -> SafetyAlert:
    now = clock.now()
    return SafetyAlert(
        young_person_id=young_person.id,
        council_id=young_person.council_id,
        feeling=feeling,
        words=words or None,
        submission_key=submission_key,
        created_at=now,
        escalate_at=now + _escalation_period(),
    )


def _tell_staff(young_person: YoungPerson) -> None:
    """Content-free messages: who and what are only ever seen inside Orbit."""
    body = "A young person has raised a safety alert in Orbit. Sign in to the duty queue now to see it."
    for address in _duty_addresses(young_person.council_id):
        queue_to_address(address, STAFF_ALERT_SUBJECT, body, urgent=True, council_id=young_person.council_id)
    worker = _main_worker(young_person)
    if worker is not None and worker.email:
        queue_to_address(
            worker.email,
            STAFF_ALERT_SUBJECT,
            "A young person you work with has raised a safety alert in Orbit. The duty team has been told.",
            user=worker,
            urgent=True,
            council_id=young_person.council_id,
        )
    # Never the young person: someone else may be reading their phone.


def my_alert(user: User, alert_id: uuid.UUID) -> SafetyAlert:
    young_person = own_young_person(user)
    alert = db.session.get(SafetyAlert, alert_id)
    if alert is None or alert.young_person_id != young_person.id:
        raise NotFound
    return alert


def my_alerts(user: User, limit: int = 10) -> list[SafetyAlert]:
    young_person = own_young_person(user)
    return list(
        db.session.scalars(
            select(SafetyAlert)
            .where(SafetyAlert.young_person_id == young_person.id)
            .order_by(SafetyAlert.created_at.desc())
            .limit(limit)
        )
    )


# The duty team ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyQueue:
    waiting: list[SafetyAlert]
    recent: list[SafetyAlert]
    waiting_count: int
    escalated_count: int
    page: int = 1
    pages: int = 1


def _require_duty(user: User) -> uuid.UUID:
    if user.role is not Role.duty or user.council_id is None:
        raise NotFound
    return user.council_id


def duty_queue(user: User, page: int = 1) -> DutyQueue:
    """Alerts nobody has acknowledged yet, most escalated and oldest first, a page at a time; then the last
    week's acknowledged."""
    council_id = _require_duty(user)
    waiting = work_queue.page_of(
        ALERTS,
        select(SafetyAlert).where(SafetyAlert.council_id == council_id, ALERTS.is_open()),
        page,
        options=(joinedload(SafetyAlert.young_person).joinedload(YoungPerson.user).load_only(User.locale),),
        order=(SafetyAlert.escalation_level.desc(), SafetyAlert.created_at),
        counts={"escalated": SafetyAlert.escalation_level > 0},
    )
    recent = db.session.scalars(
        select(SafetyAlert)
        .options(
            joinedload(SafetyAlert.young_person).joinedload(YoungPerson.user).load_only(User.locale),
            joinedload(SafetyAlert.acknowledged_by),
        )
        .where(
            SafetyAlert.council_id == council_id,
            SafetyAlert.acknowledged_at.is_not(None),
            SafetyAlert.acknowledged_at > clock.now() - timedelta(days=7),
        )
        .order_by(SafetyAlert.acknowledged_at.desc())
        .limit(RECENT_SHOWN)
    )
    return DutyQueue(
        waiting.rows, list(recent), waiting.total, waiting.counts["escalated"], page=waiting.page, pages=waiting.pages
    )


def alert_for_duty(user: User, alert_id: uuid.UUID) -> SafetyAlert:
    council_id = _require_duty(user)
    alert = one_by_id(
        SafetyAlert, alert_id, joinedload(SafetyAlert.young_person), joinedload(SafetyAlert.acknowledged_by)
    )
    if alert.council_id != council_id:
        raise NotFound
    audit.record_about(AuditAction.alert_viewed, user, "safety_alert", alert)
    return alert


def acknowledge(user: User, alert_id: uuid.UUID, action_taken: str) -> SafetyAlert:
    council_id = _require_duty(user)
    alert = db.session.scalar(select(SafetyAlert).where(SafetyAlert.id == alert_id).with_for_update())
    if alert is None or alert.council_id != council_id:
        raise NotFound
    action_taken = checked_words(
        action_taken.strip(), "action_taken", most=ACTION_MAX, too_long="words_too_long", missing="action_missing"
    )
    if alert.acknowledged_at is not None:
        raise Refused("already_acknowledged", "action_taken")
    alert.acknowledged_at = clock.now()
    alert.acknowledged_by_id = user.id
    alert.action_taken = action_taken
    audit.record_about(AuditAction.alert_acknowledged, user, "safety_alert", alert)
    return alert


def alerts_for_worker(user: User, young_person_id: uuid.UUID, limit: int = 10) -> list[SafetyAlert]:
    """The young person's social worker or personal adviser sees that alerts were raised and their state."""
    if user.role is not Role.practitioner:
        return []
    return list(
        db.session.scalars(
            select(SafetyAlert)
            .where(SafetyAlert.young_person_id == young_person_id)
            .order_by(SafetyAlert.created_at.desc())
            .limit(limit)
        )
    )


# Escalation, run by flask tick through the work queue -----------------------------------------------------


def _duty_manager(group: tuple[uuid.UUID, int]) -> list[str]:
    council = db.session.get(Council, group[0])
    return [council.duty_manager_email] if council and council.duty_manager_email else _duty_addresses(group[0])


def _escalation_words(group: tuple[uuid.UUID, int], _alerts: Sequence[SafetyAlert]) -> str:
    minutes = int(_escalation_period().total_seconds() // 60) * group[1]
    return (
        f"A safety alert in Orbit has waited more than {minutes} minutes without being acknowledged. "
        "Sign in to the duty queue now."
    )


def _duty_manager_mobile(group: tuple[uuid.UUID, int]) -> list[str]:
    council = db.session.get(Council, group[0])
    return [council.duty_manager_mobile] if council and council.duty_manager_mobile else []


# Acknowledge within `alert_escalation_minutes` (clock time); the council's duty team works it. Unacknowledged, it
# escalates again every period: the duty manager (or the duty team, when the council names no manager) is told
# each time, one message for the alerts of a council that have waited as long.
ALERTS = work_queue.declare(
    work_queue.Clock(
        "acknowledge",
        SafetyAlert.escalate_at,
        SafetyAlert.acknowledged_at,
        again_after=_escalation_period,
        level=SafetyAlert.escalation_level,
    ),
    overdue_action=AuditAction.alert_escalated,
    told=work_queue.Told(
        group=lambda alert: (alert.council_id, alert.escalation_level),
        people=_duty_manager,
        subject="Orbit: a safety alert has not been acknowledged",
        body=_escalation_words,
        urgent=True,
        council=lambda group: group[0],
        texts=_duty_manager_mobile,  # a text as well, when the council gave one and the sender can send texts
    ),
)
