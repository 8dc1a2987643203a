"""What a form carries back: the details a service is given, and what the person did not type: the version of the
thing they opened, the key that makes one submission one, an id chosen from a list."""

from __future__ import annotations

import uuid
from dataclasses import fields
from typing import Any, TypeVar

from wtforms import BooleanField, DateField, DecimalField, FloatField, IntegerField, SelectMultipleField

D = TypeVar("D")
NOT_WORDS = (BooleanField, IntegerField, DecimalField, FloatField)


def version_of(form: Any) -> int | None:
    """The version the form was opened at; None when it is missing or garbled (the save then counts as stale)."""
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


def details(form: Any, kind: type[D], **worked_out: object) -> D:
    """The details a service is given (`kind`, its dataclass), each part from the form's field of the same name:
    words as typed ("" for one left empty), ticked boxes as a set of codes, a date as a date (None when empty).
    Parts that are not simply a field's value come in `worked_out`."""
    values = dict(worked_out)
    for part in fields(kind):
        if part.name in values:
            continue
        field = form[part.name]
        if isinstance(field, SelectMultipleField):
            values[part.name] = frozenset(field.data or ())
        elif isinstance(field, DateField):
            values[part.name] = field.data
        elif isinstance(field, NOT_WORDS):
            # `or ""` would turn an unticked box or a 0 into words: such a part must come in `worked_out`.
            raise TypeError(f"{kind.__name__}.{part.name} is a {type(field).__name__}: give it in worked_out")
        else:
            values[part.name] = field.data or ""
    return kind(**values)


def uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def submission_key(value: str | None) -> uuid.UUID:
    """The form's submission key, or a new one when it is missing or garbled: that submission is then simply new."""
    return uuid_or_none(value) or uuid.uuid4()
