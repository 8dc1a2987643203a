"""Leaving care: the council's local offer and each young person's checklist, Staying Close requests and replies,
a trusted adult, the Staying Close arrangement, and "how are things?" check-ins.

The local offer belongs to the council. A young person's checklist answers are theirs alone: only counts of
10 or more ever reach the council. "I need help with this" and a Staying Close request go to their personal
adviser, or to the council's leaving care queue when they have none.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import User, YoungPerson
from app.models.base import RepliedRequest, created_at, flags, set_flags, str_enum, unique_submission, utcnow, uuid_pk
from app.models.people import PersonWhoMatters

OFFER_TITLE_MAX = 120
OFFER_TEXT_MAX = 2000
OFFER_WHO_FOR_MAX = 300
SUPPORT_WORDS_MAX = 1000
CONTACT_NOTE_MAX = 200
SUPPORT_REPLY_MAX = 2000
KEY_CONTACT_MAX = 120
ARRANGEMENT_SUPPORT_MAX = 2000
TRUSTED_ADULT_NOTE_MAX = 1000
CHECK_IN_WORDS_MAX = 1000


class OfferCategory(enum.StrEnum):
    money = "money"
    home = "home"
    health = "health"
    education_work = "education_work"
    everyday_life = "everyday_life"
    rights_help = "rights_help"


class LocalOfferItem(db.Model):
    """One thing in a council's local offer. `version` goes up with every edit, so an answer given on a page
    opened before the edit is noticed. Items are withdrawn, never deleted: answers point at them."""

    __tablename__ = "local_offer_items"
    __table_args__ = (Index("ix_local_offer_items_council_withdrawn", "council_id", "withdrawn_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"))
    category: Mapped[OfferCategory] = mapped_column(str_enum(OfferCategory, "offer_category"))
    title: Mapped[str] = mapped_column(String(OFFER_TITLE_MAX))
    what_you_get: Mapped[str]
    how_to_get_it: Mapped[str]
    # Circumstances Orbit cannot check, in words ("If you are at college or university").
    who_for: Mapped[str | None] = mapped_column(String(OFFER_WHO_FOR_MAX))
    # From this age (inclusive) until this birthday (exclusive); either may be empty.
    from_age: Mapped[int | None]
    until_age: Mapped[int | None]
    care_leavers_only: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_at: Mapped[datetime | None]


class ChecklistAnswer(enum.StrEnum):
    got_it = "got_it"
    not_yet = "not_yet"
    need_help = "need_help"


class LocalOfferAnswer(db.Model):
    """A young person's answer for one item: "I've got this", "not yet" or "I need help with this"."""

    __tablename__ = "local_offer_answers"
    __table_args__ = (
        UniqueConstraint("young_person_id", "item_id", name="uq_local_offer_answers_young_person_item"),
        Index("ix_local_offer_answers_item_answer", "item_id", "answer"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("local_offer_items.id"))
    answer: Mapped[ChecklistAnswer] = mapped_column(str_enum(ChecklistAnswer, "checklist_answer"))
    # The item's version when they answered: a later edit is shown as "changed since you answered".
    item_version: Mapped[int]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupportKind(enum.StrEnum):
    staying_close = "staying_close"
    offer_help = "offer_help"


class SupportArea(enum.StrEnum):
    home = "home"
    money = "money"
    health = "health"
    education_work = "education_work"
    someone_to_talk_to = "someone_to_talk_to"
    old_home_people = "old_home_people"


class SupportContact(enum.StrEnum):
    in_orbit = "in_orbit"
    phone_call = "phone_call"
    text_message = "text_message"
    meet = "meet"


class SupportStatus(enum.StrEnum):
    sent = "sent"
    working_on_it = "working_on_it"
    done = "done"


OPEN_SUPPORT = (SupportStatus.sent, SupportStatus.working_on_it)


class SupportRequest(RepliedRequest, db.Model):
    """A Staying Close request (one or more areas) or "I need help with this" from the checklist.

    `sent_to_id` is the personal adviser it went to; when empty it went to the council's leaving care queue,
    because the young person had no personal adviser when they asked."""

    __tablename__ = "support_requests"
    __table_args__ = (
        unique_submission("support_requests"),
        Index("ix_support_requests_young_person_created", "young_person_id", "created_at"),
        Index("ix_support_requests_young_person_status", "young_person_id", "status"),
        Index("ix_support_requests_team_queue", "council_id", "sent_to_id", "status", "due_at"),
        Index("ix_support_requests_status_due", "status", "due_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"))
    kind: Mapped[SupportKind] = mapped_column(str_enum(SupportKind, "support_kind"))
    area_home: Mapped[bool] = mapped_column(default=False)
    area_money: Mapped[bool] = mapped_column(default=False)
    area_health: Mapped[bool] = mapped_column(default=False)
    area_education_work: Mapped[bool] = mapped_column(default=False)
    area_someone_to_talk_to: Mapped[bool] = mapped_column(default=False)
    area_old_home_people: Mapped[bool] = mapped_column(default=False)
    offer_item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("local_offer_items.id"))
    words: Mapped[str | None]
    contact: Mapped[SupportContact] = mapped_column(str_enum(SupportContact, "support_contact"))
    contact_note: Mapped[str | None] = mapped_column(String(CONTACT_NOTE_MAX))
    sent_to_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # A random key the form carries, so pressing send twice makes one request, not two.
    submission_key: Mapped[uuid.UUID | None]
    status: Mapped[SupportStatus] = mapped_column(str_enum(SupportStatus, "support_status"))
    created_at: Mapped[datetime] = created_at()

    young_person: Mapped[YoungPerson] = relationship()
    offer_item: Mapped[LocalOfferItem | None] = relationship()
    sent_to: Mapped[User | None] = relationship()
    replies: Mapped[list[SupportReply]] = relationship(
        order_by="SupportReply.created_at", viewonly=True, lazy="raise_on_sql"
    )

    @property
    def areas(self) -> frozenset[SupportArea]:
        return flags(self, "area_", SupportArea)

    def set_areas(self, areas: frozenset[SupportArea]) -> None:
        set_flags(self, "area_", SupportArea, areas)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SUPPORT

    @property
    def to_team(self) -> bool:
        return self.sent_to_id is None


class SupportReply(db.Model):
    """A reply in words for the young person. Every reply is kept and shown, oldest first."""

    __tablename__ = "support_replies"
    __table_args__ = (Index("ix_support_replies_request_created", "request_id", "created_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("support_requests.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    words: Mapped[str]
    status: Mapped[SupportStatus] = mapped_column(str_enum(SupportStatus, "support_reply_status"))
    created_at: Mapped[datetime] = created_at()

    author: Mapped[User] = relationship()


class TrustedAdultStatus(enum.StrEnum):
    waiting = "waiting"
    arranged = "arranged"
    not_possible = "not_possible"


class TrustedAdult(db.Model):
    """Someone from the young person's people who matter they would like involved in their Staying Close
    support. One at a time: choosing again (or "no one") ends the last choice, which is kept."""

    __tablename__ = "trusted_adults"
    __table_args__ = (Index("ix_trusted_adults_young_person_ended", "young_person_id", "ended_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people_who_matter.id", ondelete="CASCADE"))
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    status: Mapped[TrustedAdultStatus] = mapped_column(str_enum(TrustedAdultStatus, "trusted_adult_status"))
    # What the personal adviser says about it, for the young person to read.
    note: Mapped[str | None]
    status_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    status_at: Mapped[datetime | None]

    person: Mapped[PersonWhoMatters] = relationship()
    young_person: Mapped[YoungPerson] = relationship()


class ArrangementHome(enum.StrEnum):
    """The kind of place they live, never an address."""

    own_home = "own_home"
    shared_home = "shared_home"
    supported_lodgings = "supported_lodgings"
    supported_accommodation = "supported_accommodation"
    near_old_home = "near_old_home"
    former_carers = "former_carers"
    with_family = "with_family"
    student = "student"
    other = "other"


class StayingCloseArrangement(db.Model):
    """What has been agreed: who the key contact is, the kind of place, what support, and when it is looked at
    again. One per young person, kept up to date by their personal adviser."""

    __tablename__ = "staying_close_arrangements"

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"), unique=True)
    key_contact: Mapped[str] = mapped_column(String(KEY_CONTACT_MAX))
    home: Mapped[ArrangementHome] = mapped_column(str_enum(ArrangementHome, "arrangement_home"))
    support: Mapped[str]
    review_on: Mapped[date]
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    updated_by: Mapped[User | None] = relationship()


class CheckInFeeling(enum.StrEnum):
    good = "good"
    ok = "ok"
    not_good = "not_good"


class CheckIn(db.Model):
    """ "How are things?": the young person says, whenever they like; their personal adviser sees it."""

    __tablename__ = "staying_close_check_ins"
    __table_args__ = (Index("ix_staying_close_check_ins_young_person_created", "young_person_id", "created_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    feeling: Mapped[CheckInFeeling] = mapped_column(str_enum(CheckInFeeling, "check_in_feeling"))
    words: Mapped[str | None]
    created_at: Mapped[datetime] = created_at()

    young_person: Mapped[YoungPerson] = relationship()
