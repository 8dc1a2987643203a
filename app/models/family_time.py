"""Family time with brothers and sisters: plans a practitioner writes, every version of them, and what the young
person says about them (how they feel, "this didn't happen", "it was cut short", "please change it"), with the
practitioner's replies.

A plan belongs to one young person. It names the brother or sister only by the first name the young person uses:
through their own entry in people who matter when they added one, otherwise a first name the practitioner wrote.
It never holds an address, a school, carers' names or anything else about the other child. Two siblings who both
use Orbit each have their own plans and their own words; nothing links one's to the other's.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import User, YoungPerson
from app.models.base import created_at, flags, set_flags, str_enum, unique_submission, uuid_pk
from app.models.people import PersonWhoMatters

SIBLING_NAME_MAX = 80
OTHER_WORDS_MAX = 100
WHY_APART_MAX = 1000
ENTRY_WORDS_MAX = 1000
REPLY_MAX = 2000


class HowOften(enum.StrEnum):
    weekly = "weekly"
    every_two_weeks = "every_two_weeks"
    monthly = "monthly"
    few_times_a_year = "few_times_a_year"
    other = "other"  # in words


class Way(enum.StrEnum):
    in_person = "in_person"
    video = "video"
    phone = "phone"
    letters = "letters"  # letters or messages


class Place(enum.StrEnum):
    """The kind of place, never where it is."""

    at_home = "at_home"
    family_centre = "family_centre"
    out_somewhere = "out_somewhere"
    online = "online"


class WhoElse(enum.StrEnum):
    """Whether someone else is there, by their job, never by name."""

    nobody = "nobody"
    family_time_worker = "family_time_worker"
    social_worker = "social_worker"
    carer = "carer"
    other = "other"  # a job, in words


class Arranger(enum.StrEnum):
    worker = "worker"  # the young person's social worker or personal adviser
    carers = "carers"
    family_time_team = "family_time_team"
    young_person = "young_person"  # they arrange it themselves (often care leavers)
    other = "other"  # in words


class _PlanFields:
    """What a plan says. The plan holds the current words; each version holds a copy of them as they were."""

    sibling_name: Mapped[str] = mapped_column(String(SIBLING_NAME_MAX))
    how_often: Mapped[HowOften] = mapped_column(str_enum(HowOften, "family_time_how_often"))
    how_often_words: Mapped[str | None] = mapped_column(String(OTHER_WORDS_MAX))
    way_in_person: Mapped[bool] = mapped_column(default=False)
    way_video: Mapped[bool] = mapped_column(default=False)
    way_phone: Mapped[bool] = mapped_column(default=False)
    way_letters: Mapped[bool] = mapped_column(default=False)
    place: Mapped[Place] = mapped_column(str_enum(Place, "family_time_place"))
    who_else: Mapped[WhoElse] = mapped_column(str_enum(WhoElse, "family_time_who_else"))
    who_else_words: Mapped[str | None] = mapped_column(String(OTHER_WORDS_MAX))
    arranged_by: Mapped[Arranger] = mapped_column(str_enum(Arranger, "family_time_arranger"))
    arranged_by_words: Mapped[str | None] = mapped_column(String(OTHER_WORDS_MAX))
    next_on: Mapped[date | None]
    review_on: Mapped[date]
    live_apart: Mapped[bool] = mapped_column(default=True)
    why_apart: Mapped[str | None]

    @property
    def ways(self) -> frozenset[Way]:
        return flags(self, "way_", Way)

    def set_ways(self, ways: frozenset[Way]) -> None:
        set_flags(self, "way_", Way, ways)


# The fields a version copies, in the order "what changed" lists them.
PLAN_FIELDS = (
    "sibling_name",
    "how_often",
    "how_often_words",
    "way_in_person",
    "way_video",
    "way_phone",
    "way_letters",
    "place",
    "who_else",
    "who_else_words",
    "arranged_by",
    "arranged_by_words",
    "next_on",
    "review_on",
    "live_apart",
    "why_apart",
)


class FamilyTimePlan(_PlanFields, db.Model):
    __tablename__ = "family_time_plans"
    __table_args__ = (
        Index("ix_family_time_plans_young_person_next", "young_person_id", "next_on"),
        unique_submission("family_time_plans"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    # The brother or sister in the young person's own people who matter, when they added them. If the young person
    # deletes that entry, the plan keeps the first name it was written with.
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people_who_matter.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(default=1)
    submission_key: Mapped[uuid.UUID]
    created_at: Mapped[datetime] = created_at()
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]
    updated_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))

    young_person: Mapped[YoungPerson] = relationship()
    person: Mapped[PersonWhoMatters | None] = relationship()


class FamilyTimePlanVersion(_PlanFields, db.Model):
    """A plan as it was after each save: version 1 is how it was first written. Never changed or removed."""

    __tablename__ = "family_time_plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "version", name="uq_family_time_plan_versions_plan_version"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family_time_plans.id", ondelete="CASCADE"))
    version: Mapped[int]
    # The fields that differ from the version before, as codes ("how_often,next_on"); empty for version 1.
    changed: Mapped[str | None] = mapped_column(String(400))
    saved_at: Mapped[datetime]
    saved_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))

    saved_by: Mapped[User] = relationship()

    @property
    def changed_fields(self) -> tuple[str, ...]:
        return tuple(self.changed.split(",")) if self.changed else ()


class EntryKind(enum.StrEnum):
    feeling = "feeling"
    didnt_happen = "didnt_happen"
    cut_short = "cut_short"
    change_request = "change_request"


MISSED_KINDS = (EntryKind.didnt_happen, EntryKind.cut_short)


class Feeling(enum.StrEnum):
    good = "good"
    more = "more"  # I'd like more
    different = "different"  # I'd like it different
    not_sure = "not_sure"


class FamilyTimeEntry(db.Model):
    """Something the young person said about one plan: how they feel, that a date didn't happen or was cut short,
    or a change they want, in their own words.

    Their social worker or personal adviser sees every entry and can reply. "Didn't happen" and "cut short" also
    reach the person who runs their reviews. A feeling reaches the review only if they chose to send it there;
    an advocate sees only what they chose to share with their advocate."""

    __tablename__ = "family_time_entries"
    __table_args__ = (
        Index("ix_family_time_entries_plan_created", "plan_id", "created_at"),
        Index("ix_family_time_entries_young_person_created", "young_person_id", "created_at"),
        Index("ix_family_time_entries_young_person_reply_due", "young_person_id", "reply_due_at"),
        unique_submission("family_time_entries"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family_time_plans.id"))
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    kind: Mapped[EntryKind] = mapped_column(str_enum(EntryKind, "family_time_entry_kind"))
    feeling: Mapped[Feeling | None] = mapped_column(str_enum(Feeling, "family_time_feeling"))
    # The date that didn't happen or was cut short.
    on_date: Mapped[date | None]
    words: Mapped[str | None]
    shared_with_review: Mapped[bool] = mapped_column(default=False)
    shared_with_advocate: Mapped[bool] = mapped_column(default=False)
    # The version of the plan the young person was looking at.
    plan_version: Mapped[int]
    submission_key: Mapped[uuid.UUID]
    created_at: Mapped[datetime] = created_at()
    # The worker's reply clock (family_time_reply_working_days from when it was sent), stopped by their first
    # reply; overdue_told_at is set once, by `flask tick`, when the clock ran out and the worker was told.
    reply_due_at: Mapped[datetime | None]
    replied_at: Mapped[datetime | None]
    overdue_told_at: Mapped[datetime | None]

    plan: Mapped[FamilyTimePlan] = relationship()

    @property
    def is_missed(self) -> bool:
        return self.kind in MISSED_KINDS

    @property
    def reaches_review(self) -> bool:
        return self.is_missed or (self.kind is EntryKind.feeling and self.shared_with_review)


class FamilyTimeReply(db.Model):
    """A practitioner's reply to one entry, in words the young person reads."""

    __tablename__ = "family_time_replies"
    __table_args__ = (Index("ix_family_time_replies_entry_created", "entry_id", "created_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("family_time_entries.id"))
    words: Mapped[str]
    by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()

    by: Mapped[User] = relationship()
