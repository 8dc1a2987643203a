"""The steps most pages share: load what the page is about, or answer 404 when the service says it does not exist
or is not this person's to see."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import abort

from app.services.errors import NotFound

P = ParamSpec("P")
T = TypeVar("T")


def or_404(load: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """What `load(*args, **kwargs)` returns; a 404 page when it raises NotFound."""
    try:
        return load(*args, **kwargs)
    except NotFound:
        abort(404)
