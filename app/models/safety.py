"""Safety alerts ("I don't feel safe") and requests to correct or delete information."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import User, YoungPerson
from app.models.base import created_at, str_enum, unique_submission, uuid_pk


class AlertFeeling(enum.StrEnum):
    unsafe = "unsafe"
    scared = "scared"
    unhappy_home = "unhappy_home"


class SafetyAlert(db.Model):
    __tablename__ = "safety_alerts"
    __table_args__ = (
        unique_submission("safety_alerts"),
        Index("ix_safety_alerts_queue", "council_id", "acknowledged_at", "created_at"),
        Index("ix_safety_alerts_escalation", "acknowledged_at", "escalate_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"), index=True)
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"))
    feeling: Mapped[AlertFeeling] = mapped_column(str_enum(AlertFeeling, "alert_feeling"))
    words: Mapped[str | None]
    # A random key the form carries, so pressing send twice makes one alert, not two.
    submission_key: Mapped[uuid.UUID]
    created_at: Mapped[datetime] = created_at()
    escalation_level: Mapped[int] = mapped_column(default=0)
    escalate_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    action_taken: Mapped[str | None]

    young_person: Mapped[YoungPerson] = relationship()
    acknowledged_by: Mapped[User | None] = relationship()


class InformationRequestKind(enum.StrEnum):
    correct = "correct"
    delete = "delete"


class InformationRequestStatus(enum.StrEnum):
    sent = "sent"
    done = "done"
    refused = "refused"


class InformationRequest(db.Model):
    """A young person asks the council to correct or delete something Orbit holds (due in one calendar month)."""

    __tablename__ = "information_requests"
    __table_args__ = (Index("ix_information_requests_queue", "council_id", "status", "due_on"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"), index=True)
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"))
    kind: Mapped[InformationRequestKind] = mapped_column(str_enum(InformationRequestKind, "information_kind"))
    words: Mapped[str]
    status: Mapped[InformationRequestStatus] = mapped_column(str_enum(InformationRequestStatus, "information_status"))
    reply: Mapped[str | None]
    created_at: Mapped[datetime] = created_at()
    due_on: Mapped[date]
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Set once by `flask tick` when the reply is overdue and the people who work it were told (work_queue).
    overdue_told_at: Mapped[datetime | None]

    young_person: Mapped[YoungPerson] = relationship()
