"""Legal holds: a council's instruction to keep everything of one young person's past its usual time."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import User, YoungPerson
from app.models.base import created_at, uuid_pk


class LegalHold(db.Model):
    """While a hold is not lifted, `flask tick` deletes nothing of this young person's. The reason is required:
    a hold is an exception to the schedule, and whoever lifts it later must be able to see why it was set."""

    __tablename__ = "legal_holds"
    __table_args__ = (Index("ix_legal_holds_young_person_lifted", "young_person_id", "lifted_at"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    young_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("young_people.id"))
    reason: Mapped[str] = mapped_column(String(500))
    set_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at()
    lifted_at: Mapped[datetime | None]
    lifted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    young_person: Mapped[YoungPerson] = relationship()
    set_by: Mapped[User] = relationship(foreign_keys=[set_by_id])
