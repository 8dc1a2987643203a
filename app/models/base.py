"""Column types and helpers shared by every model module."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, Enum, Index, Text, UniqueConstraint, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app import clock
from app.extensions import db


def utcnow() -> datetime:
    return clock.now()


class UTCDateTime(TypeDecorator[datetime]):
    """Always hands back timezone-aware UTC datetimes, whatever the database keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use UTC-aware values")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# The column type a plain annotation gives, for every model (they share db.Model's registry), so that only a
# column that differs says its type: `Mapped[datetime]` is a UTC timestamp and `Mapped[str]` is TEXT (a length is
# always written, as String(n)). bool, int, date, time, bytes and uuid.UUID take SQLAlchemy's own types.
db.Model.registry.update_type_annotation_map({datetime: UTCDateTime, str: Text})


def uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(primary_key=True, default=uuid.uuid4)


def created_at() -> Mapped[datetime]:
    return mapped_column(default=utcnow)


def str_enum(kind: type[enum.Enum], name: str) -> Enum:
    """An enum kept as its value in a plain string column, checked on the way in (no database enum type)."""
    return Enum(kind, name=name, native_enum=False, length=32, validate_strings=True)


class RepliedRequest:
    """The clock columns of a young person's request that waits for a reply from the people who work it."""

    due_at: Mapped[datetime]
    replied_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Set once by `flask tick` when the reply is overdue and the people who work it were told (work_queue).
    overdue_told_at: Mapped[datetime | None]


def unique_where(name: str, column: str, where: str) -> Index:
    """A unique index over only the rows `where` holds (SQL), on SQLite and PostgreSQL alike."""
    return Index(name, column, unique=True, sqlite_where=text(where), postgresql_where=text(where))


def unique_submission(table: str) -> UniqueConstraint:
    """One row per form sent: the form carries a random `submission_key`, unique for the young person, so the same
    form sent twice (a double tap on a slow phone, two tabs) finds the row the first send added
    (app.services._common.by_submission_key) instead of adding another."""
    return UniqueConstraint("young_person_id", "submission_key", name=f"uq_{table}_submission")


E = TypeVar("E", bound=enum.Enum)


def flags(row: object, prefix: str, kind: type[E]) -> frozenset[E]:
    """The members of `kind` whose boolean column `<prefix><value>` is true on `row`."""
    return frozenset(member for member in kind if getattr(row, f"{prefix}{member.value}"))


def set_flags(row: object, prefix: str, kind: type[E], chosen: Collection[E]) -> None:
    """Set each boolean column `<prefix><value>` of `row` to whether that member of `kind` is `chosen`."""
    for member in kind:
        setattr(row, f"{prefix}{member.value}", member in chosen)
