"""Small steps many services take the same way: adding a row a second request may have added first, finding one
row or NotFound, a young person's rows, a request's conversation, cleaning and checking the words a person typed
and the choices they made, and writing what was checked to its row. MIN_GROUP_SIZE is the smallest group any
figure counts."""

from __future__ import annotations

import dataclasses
import enum
import unicodedata
import uuid
from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.interfaces import ORMOption

from app.extensions import db
from app.models import YoungPerson
from app.services.errors import NotFound, Refused

# No figure counts a group of fewer young people than this: a smaller one could let someone pick a child out.
MIN_GROUP_SIZE = 10

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
# Bidirectional embedding, override and isolate controls can make a name display as something else.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


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


def add_first_time(first: Callable[[], T | None], make: Callable[[], T]) -> tuple[T, bool]:
    """(the row, whether it is new). Done before (the same form sent twice), what `first` finds stands; else the
    row `make` builds is added once (add_once, `first` finding what a second request added at the same moment)."""
    existing = first()
    if existing is not None:
        return existing, False
    return add_once(make(), first)


def by_submission_key(model: type[T], young_person_id: uuid.UUID, key: uuid.UUID) -> T | None:
    """The `model` row (it has young_person_id and submission_key) this young person's form already added, if the
    same form was sent before."""
    table: Any = model
    return db.session.scalar(select(model).where(table.young_person_id == young_person_id, table.submission_key == key))


def one_or_not_found(query: Select[tuple[T]], *, for_update: bool = False, of: Any = None) -> T:
    """The one row `query` finds, or NotFound. `for_update` locks it (only `of`, when given) and reads it afresh, so
    two saves at once cannot both pass a version check."""
    if for_update:
        query = query.with_for_update(of=of).execution_options(populate_existing=True)
    row = db.session.scalar(query)
    if row is None:
        raise NotFound
    return row


def one_by_id(model: type[T], record_id: uuid.UUID, *options: ORMOption, for_update: bool = False) -> T:
    """The `model` row with this id (with what `options` load), or NotFound; `for_update` locks that row."""
    table: Any = model
    query = select(model).options(*options).where(table.id == record_id)
    return one_or_not_found(query, for_update=for_update, of=model)


# Cleaning and checking what people type and choose ---------------------------------------------------------


def clean_line(typed: str | None) -> str:
    """One line of text as typed, minus control characters, with runs of spaces made one. Any script, any
    emoji; nothing is escaped here (templates escape on the way out)."""
    text = unicodedata.normalize("NFC", typed or "")
    kept = []
    for ch in text:
        if ch in _BIDI_CONTROLS:
            continue
        kept.append(" " if unicodedata.category(ch) == "Cc" else ch)
    return " ".join("".join(kept).split())


def clean_text(typed: str | None) -> str:
    """Several lines of text: as clean_line, keeping line breaks (at most one blank line in a row)."""
    text = unicodedata.normalize("NFC", (typed or "").replace("\r\n", "\n").replace("\r", "\n"))
    lines = [clean_line(line) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def checked_words(text: str, field: str, *, most: int, too_long: str, missing: str | None = None) -> str:
    """`text` (already cleaned) as it is: refused (next to `field`) with `missing` when empty, if given, and with
    `too_long` past `most` characters."""
    if missing and not text:
        raise Refused(missing, field)
    if len(text) > most:
        raise Refused(too_long, field)
    return text


def typed_line(typed: str | None, field: str, *, most: int, too_long: str, missing: str | None = None) -> str:
    """clean_line, then checked_words."""
    return checked_words(clean_line(typed), field, most=most, too_long=too_long, missing=missing)


def typed_text(typed: str | None, field: str, *, most: int, too_long: str, missing: str | None = None) -> str:
    """clean_text, then checked_words."""
    return checked_words(clean_text(typed), field, most=most, too_long=too_long, missing=missing)


def choice(kind: type[E], value: str | None, code: str, field: str) -> E:
    """The member of `kind` a form sent as its code; a missing or unknown code is refused with `code`."""
    try:
        return kind(value or "")
    except ValueError as error:
        raise Refused(code, field) from error


def optional_choice(kind: type[E], value: str | None, code: str, field: str) -> E | None:
    """As choice, but nothing chosen is None rather than refused."""
    return choice(kind, value, code, field) if value else None


def choices(
    kind: type[E], values: Iterable[str], unknown: str, field: str, *, missing: str | None = None
) -> frozenset[E]:
    """The members of `kind` a form sent as codes; an unknown code is refused with `unknown`, and none at all with
    `missing` (when given)."""
    try:
        picked = frozenset(kind(value) for value in values)
    except ValueError as error:
        raise Refused(unknown, field) from error
    if missing and not picked:
        raise Refused(missing, field)
    return picked


def set_checked(row: object, checked: Any, *, except_for: Collection[str] = ()) -> None:
    """Each field of `checked` (a dataclass of what a form sent, checked) onto the row's column of the same name,
    except the fields named in `except_for`, which the caller sets its own way."""
    for field in dataclasses.fields(checked):
        if field.name not in except_for:
            setattr(row, field.name, getattr(checked, field.name))


def young_persons_rows(model: type[T], young_person_id: uuid.UUID, loaded: Any, *order_by: Any) -> list[T]:
    """Every `model` row of one young person (`model` has young_person_id), each with the `loaded` relationship,
    in `order_by` order."""
    table: Any = model
    query = select(model).options(joinedload(loaded)).where(table.young_person_id == young_person_id)
    return list(db.session.scalars(query.order_by(*order_by)))


def with_young_person(model: type[Any], *where: Any) -> Select:
    """Rows of `model` beside the young person each is about, as a staff queue lists them."""
    return select(model, YoungPerson).join(YoungPerson, YoungPerson.id == model.young_person_id).where(*where)


def conversation(model: type[T], request_id: uuid.UUID) -> list[T]:
    """A request's messages (`model` has request_id, author, created_at), oldest first, each with its author."""
    message: Any = model
    query = select(model).options(joinedload(message.author)).where(message.request_id == request_id)
    return list(db.session.scalars(query.order_by(message.created_at, message.id)))


def base_url() -> str:
    """Orbit's address for links in staff messages, without a trailing slash."""
    return current_app.config["ORBIT_SETTINGS"].base_url.rstrip("/")
