"""What Orbit keeps from a council's SSDA903 files: each period of care ("episode") as the council recorded it,
a line for each import, and a parsed preview waiting for the council admin to confirm it.

Episodes are kept so that next month's files apply only what changed: an episode already here (same young
person, same start date) and unchanged is left alone. Addresses and postcodes (HOME_POST, PL_POST) and the
provider's URN are never read or stored.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import created_at, uuid_pk


class CareEpisode(db.Model):
    __tablename__ = "care_episodes"
    __table_args__ = (UniqueConstraint("young_person_id", "started_on", name="uq_care_episodes_start"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    started_on: Mapped[date]  # DECOM
    reason_new: Mapped[str] = mapped_column(String(1))  # RNE
    legal_status: Mapped[str] = mapped_column(String(2))  # LS
    need: Mapped[str] = mapped_column(String(2))  # CIN
    place: Mapped[str] = mapped_column(String(2))  # PLACE
    ended_on: Mapped[date | None]  # DEC
    reason_ended: Mapped[str | None] = mapped_column(String(3))  # REC
    # Whether it was new enough when it arrived to fire what the same event typed in Orbit fires.
    fired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = created_at()


class DataImport(db.Model):
    """One applied import of a council's files: when, by whom (none from the command line), and the counts."""

    __tablename__ = "data_imports"

    id: Mapped[uuid.UUID] = uuid_pk()
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"), index=True)
    imported_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[datetime] = created_at()
    added: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)


class PendingImport(db.Model):
    """Parsed rows of uploaded files between the preview and the admin's confirm. The files themselves are never
    kept; this is deleted when the import is applied or cancelled, and by `flask tick` once it expires."""

    __tablename__ = "pending_imports"

    id: Mapped[uuid.UUID] = uuid_pk()
    council_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("councils.id"), index=True)
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
    expires_at: Mapped[datetime] = mapped_column(index=True)
    payload: Mapped[bytes]
