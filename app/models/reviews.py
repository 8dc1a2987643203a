"""Reviews: the dates of a young person's reviews, the views they send before one, notes "for my next review",
and the reviewing officer's answer to each point ("what we decided" and "why"), which the young person can agree
or disagree with.

The young person's views are a draft on the server until they press send, so nothing is lost when a phone dies
or a session ends. Views belong to a review, so they follow it when its date moves.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import User, YoungPerson
from app.models.base import created_at, str_enum, utcnow, uuid_pk
from app.models.people import PersonWhoMatters

WORDS_MAX = 2000
PLACE_MAX = 120
DECISION_MAX = 2000


class ReviewStatus(enum.StrEnum):
    """A review is scheduled until the reviewing officer sends what was decided; then it has been held."""

    scheduled = "scheduled"
    held = "held"


class Attendance(enum.StrEnum):
    """How the young person wants to take part."""

    go = "go"
    chair = "chair"
    views_only = "views_only"
    not_sure = "not_sure"


class Point(enum.StrEnum):
    """The parts of a young person's views that each get an answer, plus notes and anything else decided."""

    going_well = "going_well"
    hard = "hard"
    people = "people"
    family_time = "family_time"
    change = "change"
    taking_part = "taking_part"
    note = "note"
    general = "general"


class Reaction(enum.StrEnum):
    agree = "agree"
    disagree = "disagree"


class Review(db.Model):
    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_young_person_held_on", "young_person_id", "held_on"),
        Index("ix_reviews_status_held_on", "status", "held_on"),
        Index("ix_reviews_advocacy_offer", "advocacy_offered_at", "advocacy_offer_due_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    # Which review this is for the young person (1 = their first), and when the statutory pattern says it is due.
    number: Mapped[int] = mapped_column(default=1)
    held_on: Mapped[date]
    starts_at: Mapped[time | None]
    place: Mapped[str | None] = mapped_column(String(PLACE_MAX))
    due_on: Mapped[date | None]
    status: Mapped[ReviewStatus] = mapped_column(str_enum(ReviewStatus, "review_status"))
    # The reviewing officer allocated when it was set, and whoever sent what was decided.
    chair_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    decisions_sent_at: Mapped[datetime | None]
    # An advocacy offer is made a configurable number of working days before the review (flask tick).
    advocacy_offer_due_at: Mapped[datetime | None]
    advocacy_offered_at: Mapped[datetime | None]
    # How the young person took part, as an SSDA903 participation code (PN0-PN7, app.services.council_data.codes),
    # recorded by the reviewing officer with what was decided, or read from the council's Reviews file.
    participation: Mapped[str | None] = mapped_column(String(3))
    # Read from the council's SSDA903 Reviews file rather than set in Orbit.
    imported: Mapped[bool] = mapped_column(default=False)

    young_person: Mapped[YoungPerson] = relationship()
    chair: Mapped[User | None] = relationship(foreign_keys=[chair_id])

    @property
    def is_late(self) -> bool:
        """Later than the statutory pattern allows (unknown when the date they came into care is not known)."""
        return self.due_on is not None and self.held_on > self.due_on

    @property
    def decisions_sent(self) -> bool:
        return self.decisions_sent_at is not None


class ReviewViews(db.Model):
    """What the young person wants their review to hear. A draft until `sent_at`."""

    __tablename__ = "review_views"
    __table_args__ = (UniqueConstraint("review_id", name="uq_review_views_review"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"))
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"), index=True)
    going_well: Mapped[str | None]
    hard: Mapped[str | None]
    people_words: Mapped[str | None]
    family_time: Mapped[str | None]
    change: Mapped[str | None]
    attendance: Mapped[Attendance | None] = mapped_column(str_enum(Attendance, "review_attendance"))
    with_advocate: Mapped[bool] = mapped_column(default=False)
    talk_before: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    review: Mapped[Review] = relationship()

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class ReviewViewsPerson(db.Model):
    """The young person's choice, in their views, to include a person who matters (shared with "my review" when
    the views are sent) or leave them out."""

    __tablename__ = "review_views_people"
    __table_args__ = (UniqueConstraint("views_id", "person_id", name="uq_review_views_people_person"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    views_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review_views.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people_who_matter.id", ondelete="CASCADE"), index=True)
    included: Mapped[bool]

    person: Mapped[PersonWhoMatters] = relationship()


class ReviewNote(db.Model):
    """ "For my next review": sent at once, any time. It belongs to the next review (none yet: the next one set)."""

    __tablename__ = "review_notes"
    __table_args__ = (Index("ix_review_notes_young_person_created", "young_person_id", "created_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reviews.id"), index=True)
    words: Mapped[str]
    created_at: Mapped[datetime] = created_at()


class ReviewResponse(db.Model):
    """The reviewing officer's answer to one point, in words for the young person, and what they said back.

    `point_key` is the point's code, or "note-<id hex>" for a note, so each point has at most one answer."""

    __tablename__ = "review_responses"
    __table_args__ = (UniqueConstraint("review_id", "point_key", name="uq_review_responses_point"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"))
    point: Mapped[Point] = mapped_column(str_enum(Point, "review_point"))
    point_key: Mapped[str] = mapped_column(String(60))
    note_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_notes.id"))
    decided: Mapped[str | None]
    why: Mapped[str | None]
    written_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    reaction: Mapped[Reaction | None] = mapped_column(str_enum(Reaction, "review_reaction"))
    reaction_words: Mapped[str | None]
    reacted_at: Mapped[datetime | None]
