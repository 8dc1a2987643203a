"""Advocacy, opt-out: offers that happen by themselves, requests for an advocate, and messages in Orbit.

An offer is made at the moments that matter (joining Orbit, a new home, a review coming, a change to family time,
or because a worker asked). A young person has at most one open offer; a new moment adds a reason to it. When
its window passes without a "no thanks" it becomes contact work in the advocacy service's queue: a request with
origin `offer_passed`. "Yes please" makes a request at once; a young person can also ask any time.

Every request carries two clocks, acknowledge and allocate, set when it starts. Nothing here is ever shown to
council staff except whether an advocate is involved and whether they will attend the review.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import Council, User, YoungPerson
from app.models.base import created_at, flags, set_flags, str_enum, unique_submission, unique_where, uuid_pk

WANTS_MAX = 1000
GOOD_TIMES_MAX = 200
PHONE_MAX = 30
MESSAGE_MAX = 2000
OUTCOME_MAX = 2000


class OfferReason(enum.StrEnum):
    joined = "joined"
    home_changed = "home_changed"
    review_coming = "review_coming"
    family_time_changed = "family_time_changed"
    worker_asked = "worker_asked"
    # The moments of issue 15, each fired once only (app.services.moments) and each switched on in [tool.orbit]:
    complaint_made = "complaint_made"  # the council's duty to help a child who complains (Children Act 1989 s26A)
    review_disagreed = "review_disagreed"  # "I don't agree" with something decided at their review
    immigration_changed = "immigration_changed"  # a claim, a decision, an appeal, or 18 with a claim undecided
    turned_16 = "turned_16"  # pathway planning starts
    turning_18_soon = "turning_18_soon"  # some months before the 18th birthday


class OfferStatus(enum.StrEnum):
    open = "open"
    declined = "declined"  # "no thanks"
    accepted = "accepted"  # "yes please", or they asked for an advocate while it was open
    passed = "passed"  # the window passed without a "no thanks": contact work in the service's queue


class AdvocacyOffer(db.Model):
    __tablename__ = "advocacy_offers"
    __table_args__ = (
        Index("ix_advocacy_offers_status_due", "status", "due_at"),
        Index("ix_advocacy_offers_young_person_created", "young_person_id", "created_at"),
        Index("ix_advocacy_offers_service_created", "advocacy_service_id", "created_at"),
        # Offers never pile up: one open offer per young person, whatever races.
        unique_where("uq_advocacy_offers_one_open", "young_person_id", "status = 'open'"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    advocacy_service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advocacy_services.id"))
    status: Mapped[OfferStatus] = mapped_column(str_enum(OfferStatus, "advocacy_offer_status"))
    created_at: Mapped[datetime] = created_at()
    due_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    request_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advocacy_requests.id"), index=True)

    young_person: Mapped[YoungPerson] = relationship()
    reasons: Mapped[list[AdvocacyOfferReason]] = relationship(
        order_by="AdvocacyOfferReason.at", cascade="all, delete-orphan"
    )


class AdvocacyOfferReason(db.Model):
    """Why an offer was made. A later moment while the offer is open adds a reason, not a second offer."""

    __tablename__ = "advocacy_offer_reasons"
    __table_args__ = (UniqueConstraint("offer_id", "reason", name="uq_advocacy_offer_reasons_offer_reason"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    offer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advocacy_offers.id", ondelete="CASCADE"))
    reason: Mapped[OfferReason] = mapped_column(str_enum(OfferReason, "advocacy_offer_reason"))
    at: Mapped[datetime] = created_at()
    made_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class RequestTopic(enum.StrEnum):
    moving_home = "moving_home"
    family_time = "family_time"
    my_review = "my_review"
    unhappy = "unhappy"
    immigration = "immigration"
    leaving_care = "leaving_care"
    something_else = "something_else"


class RequestOrigin(enum.StrEnum):
    asked = "asked"
    offer_accepted = "offer_accepted"
    offer_passed = "offer_passed"


class RequestStatus(enum.StrEnum):
    sent = "sent"
    seen = "seen"  # acknowledged
    allocated = "allocated"  # an advocate has been found
    closed = "closed"


class ContactWay(enum.StrEnum):
    in_orbit = "in_orbit"
    phone_call = "phone_call"
    text = "text"
    in_person = "in_person"


class AdvocacyRequest(db.Model):
    __tablename__ = "advocacy_requests"
    __table_args__ = (
        unique_submission("advocacy_requests"),
        Index("ix_advocacy_requests_young_person_created", "young_person_id", "created_at"),
        Index("ix_advocacy_requests_service_status", "advocacy_service_id", "status"),
        Index("ix_advocacy_requests_acknowledge_due", "acknowledged_at", "acknowledge_due_at"),
        Index("ix_advocacy_requests_allocate_due", "allocated_at", "allocate_due_at"),
        Index("ix_advocacy_requests_service_created", "advocacy_service_id", "created_at"),
        # One open request per young person: a second "yes please" or a double submit finds the first.
        unique_where("uq_advocacy_requests_one_open", "young_person_id", "status != 'closed'"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"))
    advocacy_service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advocacy_services.id"))
    origin: Mapped[RequestOrigin] = mapped_column(str_enum(RequestOrigin, "advocacy_request_origin"))
    topic: Mapped[RequestTopic | None] = mapped_column(str_enum(RequestTopic, "advocacy_topic"))
    wants: Mapped[str | None]
    contact_in_orbit: Mapped[bool] = mapped_column(default=True)
    contact_phone_call: Mapped[bool] = mapped_column(default=False)
    contact_text: Mapped[bool] = mapped_column(default=False)
    contact_in_person: Mapped[bool] = mapped_column(default=False)
    phone: Mapped[str | None] = mapped_column(String(PHONE_MAX))
    good_times: Mapped[str | None] = mapped_column(String(GOOD_TIMES_MAX))
    urgent: Mapped[bool] = mapped_column(default=False)
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus, "advocacy_request_status"))
    # A random key the form carries, so sending the same form twice makes one request.
    submission_key: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = created_at()
    acknowledge_due_at: Mapped[datetime]
    allocate_due_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    allocated_at: Mapped[datetime | None]
    advocate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Their advocate when they asked for someone else instead: that advocate is not told and cannot see it.
    instead_of_advocate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Set by `flask tick` when a clock ran out, so the manager is told once.
    acknowledge_overdue_at: Mapped[datetime | None]
    allocate_overdue_at: Mapped[datetime | None]
    will_attend_review: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str | None]
    withdrawn: Mapped[bool] = mapped_column(default=False)
    # When something happened that the young person should see (a message, "seen", an advocate found, closed).
    young_person_news_at: Mapped[datetime | None]

    young_person: Mapped[YoungPerson] = relationship()
    council: Mapped[Council] = relationship()
    advocate: Mapped[User | None] = relationship(foreign_keys=[advocate_id])
    instead_of_advocate: Mapped[User | None] = relationship(foreign_keys=[instead_of_advocate_id])
    acknowledged_by: Mapped[User | None] = relationship(foreign_keys=[acknowledged_by_id])

    @property
    def is_open(self) -> bool:
        return self.status is not RequestStatus.closed

    @property
    def ways(self) -> frozenset[ContactWay]:
        return flags(self, "contact_", ContactWay)

    def set_ways(self, ways: frozenset[ContactWay]) -> None:
        set_flags(self, "contact_", ContactWay, ways)


class AdvocacyMessage(db.Model):
    """A message between a young person and their advocate. Never shown to the council."""

    __tablename__ = "advocacy_messages"
    __table_args__ = (
        UniqueConstraint("request_id", "submission_key", name="uq_advocacy_messages_submission"),
        Index("ix_advocacy_messages_request_created", "request_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advocacy_requests.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    from_young_person: Mapped[bool]
    body: Mapped[str]
    submission_key: Mapped[uuid.UUID]
    created_at: Mapped[datetime] = created_at()

    author: Mapped[User] = relationship()
