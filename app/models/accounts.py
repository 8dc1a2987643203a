"""Organisations, accounts, young people, allocations, sessions and invites."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from app.extensions import db
from app.models.base import created_at, str_enum, uuid_pk
from app.roles import Role


class AdvocacyService(db.Model):
    __tablename__ = "advocacy_services"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = created_at()


class Council(db.Model):
    __tablename__ = "councils"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    reviewing_officer_title: Mapped[str] = mapped_column(String(120), default="Independent Reviewing Officer")
    advocacy_service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advocacy_services.id"))
    # Escalated safety alerts go here; without it, to every duty worker in the council.
    duty_manager_email: Mapped[str | None] = mapped_column(String(254))
    # ...and, if set, a text to this UK mobile as well (the council admin sets it on the outbox page).
    duty_manager_mobile: Mapped[str | None] = mapped_column(String(20))
    # The council's complaints manager (Representations Procedure Regulations 2006, reg 10) is told of overdue
    # complaint stages; without it, every complaints officer of the council.
    complaints_manager_email: Mapped[str | None] = mapped_column(String(254))
    # The DfE's three-digit local authority number, as on the council's SSDA903 return (the demo council: 990).
    la_code: Mapped[str | None] = mapped_column(String(3), unique=True)
    created_at: Mapped[datetime] = created_at()

    advocacy_service: Mapped[AdvocacyService | None] = relationship()


class User(db.Model):
    __tablename__ = "users"
    __table_args__ = (
        Index("ix_users_council_role", "council_id", "role"),
        Index("ix_users_service_role", "advocacy_service_id", "role"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), default="")
    username: Mapped[str | None] = mapped_column(String(40), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    password_changed_at: Mapped[datetime | None]
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]
    council_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("councils.id"), index=True)
    advocacy_service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advocacy_services.id"))
    locale: Mapped[str | None] = mapped_column(String(12))
    disabled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at()
    # Kept past the session records (which go after a month) so "no contact for a set time" can be known.
    last_signed_in_at: Mapped[datetime | None]
    # A staff account of someone who left, with its name, email and ways to sign in removed by `flask tick`.
    anonymised_at: Mapped[datetime | None]

    council: Mapped[Council | None] = relationship()
    advocacy_service: Mapped[AdvocacyService | None] = relationship()

    @hybrid_property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @full_name.inplace.expression
    @classmethod
    def _full_name_in_sql(cls) -> ColumnElement[str]:
        """The same name in a query (a list that reads columns, not records); NULL where there is no one."""
        return func.trim(cls.first_name + " " + cls.last_name)

    @property
    def is_staff(self) -> bool:
        return not self.role.is_young_person

    @property
    def needs_totp(self) -> bool:
        return self.is_staff and self.totp_confirmed_at is None

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class HomeKind(enum.StrEnum):
    foster_care = "foster_care"
    family_and_friends = "family_and_friends"
    childrens_home = "childrens_home"
    supported_lodgings = "supported_lodgings"
    supported_accommodation = "supported_accommodation"
    own_home = "own_home"
    with_family = "with_family"
    other = "other"


class YoungPerson(db.Model):
    """A child in care or care-experienced young person, whether or not they have joined Orbit yet."""

    __tablename__ = "young_people"

    id: Mapped[uuid.UUID] = uuid_pk()
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), default="")
    date_of_birth: Mapped[date]
    adult_on: Mapped[date] = mapped_column(index=True)
    home_kind: Mapped[HomeKind] = mapped_column(str_enum(HomeKind, "home_kind"))
    home_since: Mapped[date | None]
    left_care_from: Mapped[HomeKind | None] = mapped_column(str_enum(HomeKind, "left_care_from"))
    left_care_on: Mapped[date | None]
    # When they came into care: the statutory review pattern counts from it (unknown for some).
    entered_care_on: Mapped[date | None]
    # The council's own child ID (the SSDA903 CHILD): staff and the council's files only, never shown to the young
    # person. Unique across councils: a CHILD already used by another council is refused on import.
    council_child_id: Mapped[str | None] = mapped_column(String(10), unique=True)
    # From the 903 UASC table: an unaccompanied asylum-seeking child, and the date that status ceased (DUC).
    unaccompanied_asylum_seeking: Mapped[bool] = mapped_column(default=False)
    uasc_ceased_on: Mapped[date | None]
    # The language from the council's names file, offered when they join (a locale code Orbit offers).
    language: Mapped[str | None] = mapped_column(String(12))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), unique=True)
    created_at: Mapped[datetime] = created_at()

    council: Mapped[Council] = relationship()
    user: Mapped[User | None] = relationship()


class AllocationKind(enum.StrEnum):
    social_worker = "social_worker"
    personal_adviser = "personal_adviser"
    reviewing_officer = "reviewing_officer"
    advocate = "advocate"


class Allocation(db.Model):
    __tablename__ = "allocations"
    __table_args__ = (
        # Covers "whose allocations are current" and what is read from them, so the table is not visited.
        Index("ix_allocations_staff_current", "staff_id", "ended_on", "started_on", "kind", "young_person_id"),
        Index("ix_allocations_young_person_kind", "young_person_id", "kind"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[AllocationKind] = mapped_column(str_enum(AllocationKind, "allocation_kind"))
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    created_at: Mapped[datetime] = created_at()

    young_person: Mapped[YoungPerson] = relationship()
    staff: Mapped[User] = relationship()


class UserSession(db.Model):
    """A signed-in session. The browser holds only a random token; its hash is kept here."""

    __tablename__ = "user_sessions"

    id: Mapped[uuid.UUID] = uuid_pk()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = created_at()
    last_seen_at: Mapped[datetime]
    idle_expires_at: Mapped[datetime]
    absolute_expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class InviteKind(enum.StrEnum):
    young_person = "young_person"
    staff = "staff"


class Invite(db.Model):
    __tablename__ = "invites"
    __table_args__ = (
        # An admin's pending staff invites: without these, every admin page read every invite ever made.
        Index("ix_invites_council_kind", "council_id", "kind"),
        Index("ix_invites_service_kind", "advocacy_service_id", "kind"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    kind: Mapped[InviteKind] = mapped_column(str_enum(InviteKind, "invite_kind"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    young_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("young_people.id"), index=True)
    role: Mapped[Role | None] = mapped_column(str_enum(Role, "invite_role"))
    email: Mapped[str | None] = mapped_column(String(254))
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(80))
    council_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("councils.id"))
    advocacy_service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("advocacy_services.id"))
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    young_person: Mapped[YoungPerson | None] = relationship()


class LoginThrottle(db.Model):
    """Failed sign-in counts per identifier, kept whether or not the account exists."""

    __tablename__ = "login_throttles"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
