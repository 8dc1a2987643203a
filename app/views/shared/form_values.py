"""What a form carries back that the person did not type: the version of the thing they opened, the key that
makes one submission one, an id chosen from a list."""

from __future__ import annotations

import uuid
from typing import Any


def version_of(form: Any) -> int | None:
    """The version the form was opened at; None when it is missing or garbled (the save then counts as stale)."""
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


def texts(form: Any, *names: str) -> dict[str, str]:
    """The named fields' words, "" for one left empty: the text parts of the details a service is given."""
    return {name: form[name].data or "" for name in names}


def ticked(form: Any, name: str) -> frozenset[str]:
    """The codes ticked in a checkboxes field."""
    return frozenset(form[name].data or ())


def uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def submission_key(value: str | None) -> uuid.UUID:
    """The form's submission key, or a new one when it is missing or garbled: that submission is then simply new."""
    return uuid_or_none(value) or uuid.uuid4()
