"""Small steps many services take the same way: adding a row a second request may have added first, finding one
row or NotFound, and checking the words a person typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.services.errors import NotFound, Refused

T = TypeVar("T")


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


def base_url() -> str:
    """Orbit's address for links in staff messages, without a trailing slash."""
    return current_app.config["ORBIT_SETTINGS"].base_url.rstrip("/")
