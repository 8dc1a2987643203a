"""People who matter: who a young person says matters to them, in which circle, what they want, and a history.

Everything here belongs to the young person. It is private ("only me") until they share a person with their
advocate, their social worker or personal adviser, or their review. The history keeps plain codes, never free
text, except the reason the young person wrote when they ended a relationship.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import YoungPerson
from app.models.base import RepliedRequest, created_at, flags, set_flags, str_enum, utcnow, uuid_pk

NAME_MAX = 80
RELATIONSHIP_WORDS_MAX = 60
END_REASON_MAX = 200
REMEMBERED_MAX = 1000
REPLY_MAX = 2000


class RelationshipKind(enum.StrEnum):
    mum = "mum"
    dad = "dad"
    brother = "brother"
    sister = "sister"
    half_brother = "half_brother"
    half_sister = "half_sister"
    step_brother = "step_brother"
    step_sister = "step_sister"
    foster_brother = "foster_brother"
    foster_sister = "foster_sister"
    adopted_brother = "adopted_brother"
    adopted_sister = "adopted_sister"
    grandparent = "grandparent"
    aunt_or_uncle = "aunt_or_uncle"
    cousin = "cousin"
    foster_carer = "foster_carer"
    former_foster_carer = "former_foster_carer"
    home_staff = "home_staff"
    former_home_staff = "former_home_staff"
    teacher = "teacher"
    social_worker = "social_worker"
    youth_worker = "youth_worker"
    friend = "friend"
    friends_parent = "friends_parent"
    neighbour = "neighbour"
    pet = "pet"
    someone_else = "someone_else"


class Circle(enum.StrEnum):
    """Closest is the inner circle of the picture, further the outer one."""

    closest = "closest"
    close = "close"
    further = "further"


class Wish(enum.StrEnum):
    more = "more"
    same = "same"
    less = "less"
    lost_touch = "lost_touch"
    not_sure = "not_sure"


class Answer(enum.StrEnum):
    """The answer to each of the three questions that carry the enduring-relationships measure."""

    yes = "yes"
    sometimes = "sometimes"
    no = "no"
    not_sure = "not_sure"


class TouchWay(enum.StrEnum):
    visits = "visits"
    calls = "calls"
    video = "video"
    messages = "messages"
    letters = "letters"


class Audience(enum.StrEnum):
    """Who a young person may share a person with. Nobody is the default ("only me")."""

    advocate = "advocate"
    practitioner = "practitioner"
    review = "review"


class Emoji(enum.StrEnum):
    """A fixed, safe list: the code is stored, the character is drawn."""

    star = "star"
    heart = "heart"
    sun = "sun"
    rainbow = "rainbow"
    flower = "flower"
    dog = "dog"
    cat = "cat"
    music = "music"
    football = "football"
    games = "games"
    book = "book"
    home = "home"


class Colour(enum.StrEnum):
    teal = "teal"
    blue = "blue"
    purple = "purple"
    pink = "pink"
    red = "red"
    orange = "orange"
    green = "green"
    brown = "brown"


class PersonWhoMatters(db.Model):
    __tablename__ = "people_who_matter"
    __table_args__ = (Index("ix_people_who_matter_young_person_ended", "young_person_id", "ended_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    relationship_kind: Mapped[RelationshipKind] = mapped_column(str_enum(RelationshipKind, "relationship_kind"))
    relationship_words: Mapped[str | None] = mapped_column(String(RELATIONSHIP_WORDS_MAX))
    circle: Mapped[Circle] = mapped_column(str_enum(Circle, "circle"))
    emoji: Mapped[Emoji | None] = mapped_column(str_enum(Emoji, "person_emoji"))
    colour: Mapped[Colour | None] = mapped_column(str_enum(Colour, "person_colour"))
    wish: Mapped[Wish | None] = mapped_column(str_enum(Wish, "wish"))
    touch_visits: Mapped[bool] = mapped_column(default=False)
    touch_calls: Mapped[bool] = mapped_column(default=False)
    touch_video: Mapped[bool] = mapped_column(default=False)
    touch_messages: Mapped[bool] = mapped_column(default=False)
    touch_letters: Mapped[bool] = mapped_column(default=False)
    trust: Mapped[Answer | None] = mapped_column(str_enum(Answer, "answer_trust"))
    help: Mapped[Answer | None] = mapped_column(str_enum(Answer, "answer_help"))
    lasting: Mapped[Answer | None] = mapped_column(str_enum(Answer, "answer_lasting"))
    shared_with_advocate: Mapped[bool] = mapped_column(default=False)
    shared_with_practitioner: Mapped[bool] = mapped_column(default=False)
    shared_with_review: Mapped[bool] = mapped_column(default=False)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(END_REASON_MAX))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    young_person: Mapped[YoungPerson] = relationship()

    @property
    def ways(self) -> frozenset[TouchWay]:
        return flags(self, "touch_", TouchWay)

    def set_ways(self, ways: frozenset[TouchWay]) -> None:
        set_flags(self, "touch_", TouchWay, ways)

    @property
    def audiences(self) -> frozenset[Audience]:
        return flags(self, "shared_with_", Audience)

    def set_audiences(self, audiences: frozenset[Audience]) -> None:
        set_flags(self, "shared_with_", Audience, audiences)

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None


class ChangeKind(enum.StrEnum):
    added = "added"
    name_changed = "name_changed"
    relationship_changed = "relationship_changed"
    circle_changed = "circle_changed"
    look_changed = "look_changed"
    wish_changed = "wish_changed"
    ways_changed = "ways_changed"
    trust_changed = "trust_changed"
    help_changed = "help_changed"
    lasting_changed = "lasting_changed"
    sharing_changed = "sharing_changed"
    ended = "ended"
    restarted = "restarted"


class PersonChange(db.Model):
    """One line of a person's history. `value` is a code (a circle, a wish, an answer, who it is shared with);
    `note` only ever holds the reason the young person wrote when they ended it."""

    __tablename__ = "person_changes"
    __table_args__ = (Index("ix_person_changes_person_at", "person_id", "at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people_who_matter.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[ChangeKind] = mapped_column(str_enum(ChangeKind, "person_change_kind"))
    value: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(String(END_REASON_MAX))


class ReconnectStatus(enum.StrEnum):
    sent = "sent"
    seen = "seen"
    done = "done"
    not_possible = "not_possible"


OPEN_RECONNECT = (ReconnectStatus.sent, ReconnectStatus.seen)


class ReconnectRequest(RepliedRequest, db.Model):
    """ "I want to find someone again": goes to the young person's practitioner, who must reply."""

    __tablename__ = "reconnect_requests"
    __table_args__ = (
        Index("ix_reconnect_requests_person_created", "person_id", "created_at"),
        Index("ix_reconnect_requests_status_due", "status", "due_at"),
        Index("ix_reconnect_requests_young_person_status", "young_person_id", "status"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people_who_matter.id", ondelete="CASCADE"))
    remembered: Mapped[str | None]
    status: Mapped[ReconnectStatus] = mapped_column(str_enum(ReconnectStatus, "reconnect_status"))
    reply: Mapped[str | None]
    replied_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()

    young_person: Mapped[YoungPerson] = relationship()
    person: Mapped[PersonWhoMatters] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RECONNECT
