"""Being heard, all the way: complaints through the council's statutory stages, "please look again" requests to
the person who runs a review, immigration or asylum status changes, and the moments that bring an advocate.

A complaint's words are read only by the council's complaints officers (or, for a complaint about the advocacy
service, that service's managers) and, if the young person chose, their advocate. Their social worker may learn
only that a complaint exists and its stage, and only if the young person said yes.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import Council, User, YoungPerson
from app.models.advocacy import OfferReason
from app.models.base import created_at, str_enum, unique_submission, uuid_pk

COMPLAINT_WORDS_MAX = 3000
COMPLAINT_WANTS_MAX = 1000
ANSWER_MAX = 4000
EXTENSION_REASON_MAX = 500
LOOK_AGAIN_WORDS_MAX = 1000


class ComplaintTopic(enum.StrEnum):
    my_home = "my_home"
    family_time = "family_time"
    my_review = "my_review"
    my_worker = "my_worker"
    leaving_care = "leaving_care"
    immigration = "immigration"
    advocacy_service = "advocacy_service"  # goes to the advocacy service's manager, never the council
    something_else = "something_else"


class ComplaintStage(enum.IntEnum):
    local_resolution = 1
    investigation = 2
    review_panel = 3


class ComplaintStatus(enum.StrEnum):
    waiting = "waiting"  # the current stage has not been answered yet
    answered = "answered"  # answered; the young person may ask for the next stage within its window
    closed = "closed"  # the last stage answered, or the window to ask for the next one passed


class Complaint(db.Model):
    __tablename__ = "complaints"
    __table_args__ = (
        unique_submission("complaints"),
        Index("ix_complaints_young_person_created", "young_person_id", "created_at"),
        Index("ix_complaints_council_status", "council_id", "status"),
        Index("ix_complaints_service_status", "advocacy_service_id", "status"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"))
    # Set only for a complaint about the advocacy service: its managers work it, the council never sees it.
    advocacy_service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advocacy_services.id"))
    topic: Mapped[ComplaintTopic] = mapped_column(str_enum(ComplaintTopic, "complaint_topic"))
    words: Mapped[str]
    wants: Mapped[str | None]
    wants_advocate: Mapped[bool] = mapped_column(default=False)
    share_with_advocate: Mapped[bool] = mapped_column(default=False)
    tell_social_worker: Mapped[bool] = mapped_column(default=False)
    # Made from "I don't agree" with one answer at a review.
    review_response_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_responses.id"))
    submission_key: Mapped[uuid.UUID]
    stage: Mapped[int] = mapped_column(default=1)
    status: Mapped[ComplaintStatus] = mapped_column(str_enum(ComplaintStatus, "complaint_status"))
    created_at: Mapped[datetime] = created_at()
    closed_at: Mapped[datetime | None]

    young_person: Mapped[YoungPerson] = relationship()
    council: Mapped[Council] = relationship()
    stages: Mapped[list[ComplaintStageRecord]] = relationship(
        order_by="ComplaintStageRecord.stage", back_populates="complaint", cascade="all, delete-orphan"
    )

    @property
    def about_advocacy_service(self) -> bool:
        return self.advocacy_service_id is not None

    @property
    def current(self) -> ComplaintStageRecord:
        return self.stages[-1]


class ComplaintStageRecord(db.Model):
    """One stage of a complaint: when it started, its clock (and an extension with its reason), the answer."""

    __tablename__ = "complaint_stages"
    __table_args__ = (
        UniqueConstraint("complaint_id", "stage", name="uq_complaint_stages_stage"),
        Index("ix_complaint_stages_due", "answered_at", "due_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    stage: Mapped[int]
    started_at: Mapped[datetime]
    due_at: Mapped[datetime]
    extended_at: Mapped[datetime | None]
    extension_reason: Mapped[str | None]
    answer: Mapped[str | None]
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # The last moment the young person may ask for the next stage (set when answered).
    next_stage_by: Mapped[datetime | None]
    # Set by `flask tick` when the clock ran out, so the complaints manager is told once.
    overdue_flagged_at: Mapped[datetime | None]

    complaint: Mapped[Complaint] = relationship(back_populates="stages")
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])

    @property
    def young_person_id(self) -> uuid.UUID:
        """Whose complaint this stage is (the work queue audits late work against the young person)."""
        return self.complaint.young_person_id


class LookAgainRequest(db.Model):
    """ "Please look again": after "I don't agree", the person who runs the review must reply within a set number
    of working days. One per answer at a review."""

    __tablename__ = "look_again_requests"
    __table_args__ = (
        UniqueConstraint("response_id", name="uq_look_again_requests_response"),
        Index("ix_look_again_requests_young_person", "young_person_id", "created_at"),
        Index("ix_look_again_requests_due", "answered_at", "due_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"))
    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review_responses.id"))
    words: Mapped[str | None]
    created_at: Mapped[datetime] = created_at()
    due_at: Mapped[datetime]
    answer: Mapped[str | None]
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    overdue_flagged_at: Mapped[datetime | None]

    young_person: Mapped[YoungPerson] = relationship()
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])


class ImmigrationEvent(enum.StrEnum):
    claim_made = "claim_made"
    decision = "decision"
    appeal = "appeal"
    turned_18_undecided = "turned_18_undecided"


class ImmigrationChange(db.Model):
    """A change in a young person's immigration or asylum case, recorded by their practitioner (never details)."""

    __tablename__ = "immigration_changes"
    __table_args__ = (Index("ix_immigration_changes_young_person", "young_person_id", "happened_on"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    event: Mapped[ImmigrationEvent] = mapped_column(str_enum(ImmigrationEvent, "immigration_event"))
    happened_on: Mapped[date]
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()


class AdvocacyMoment(db.Model):
    """A moment that brings an advocate, written down when it fires so that it fires once and only once."""

    __tablename__ = "advocacy_moments"
    __table_args__ = (UniqueConstraint("young_person_id", "reason", "key", name="uq_advocacy_moments_once"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    reason: Mapped[OfferReason] = mapped_column(str_enum(OfferReason, "advocacy_moment_reason"))
    key: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = created_at()
