"""Small steps many services take the same way: adding a row a second request may have added first, finding one
row or NotFound, a request's conversation, and checking the words a person typed and the boxes they ticked."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.services.errors import NotFound, Refused

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def add_once(row: T, first: Callable[[], T | None]) -> tuple[T, bool]:
    """(the row, whether it is new). When a unique rule says another request (two tabs, a double tap) added the
    same thing at the same moment, `first` finds that one, which stands instead."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        existing = first()
        if existing is None:
            raise
        return existing, False
    return row, True


def one_or_not_found(query: Select[tuple[T]], *, for_update: bool = False, of: Any = None) -> T:
    """The one row `query` finds, or NotFound. `for_update` locks it (only `of`, when given) and reloads it."""
    if for_update:
        query = query.with_for_update(of=of).execution_options(populate_existing=True)
    row = db.session.scalar(query)
    if row is None:
        raise NotFound
    return row


def checked_words(text: str, most: int, field: str, too_long: str, missing: str | None = None) -> str:
    """`text` (already cleaned) as it is, refused (codes next to `field`) when longer than `most`, or when empty if
    it must be given (`missing`)."""
    if missing is not None and not text:
        raise Refused(missing, field)
    if len(text) > most:
        raise Refused(too_long, field)
    return text


def one_of(kind: type[E], code: str, field: str, unknown: str) -> E:
    """The choice made, as `kind`: refused (code `unknown`, next to `field`) for a code `kind` does not know."""
    try:
        return kind(code)
    except ValueError as error:
        raise Refused(unknown, field) from error


def chosen(kind: type[E], codes: Iterable[str], field: str, unknown: str, missing: str) -> frozenset[E]:
    """The boxes ticked, as `kind`: refused (codes next to `field`) for a code `kind` does not know, or for none."""
    try:
        picked = frozenset(kind(code) for code in codes)
    except ValueError as error:
        raise Refused(unknown, field) from error
    if not picked:
        raise Refused(missing, field)
    return picked


def conversation(model: type[T], request_id: uuid.UUID) -> list[T]:
    """A request's messages (`model` has request_id, author, created_at), oldest first, each with its author."""
    message: Any = model
    query = select(model).options(joinedload(message.author)).where(message.request_id == request_id)
    return list(db.session.scalars(query.order_by(message.created_at, message.id)))


def base_url() -> str:
    """Orbit's address for links in staff messages, without a trailing slash."""
    return current_app.config["ORBIT_SETTINGS"].base_url.rstrip("/")
