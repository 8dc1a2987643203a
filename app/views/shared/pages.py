"""The steps most pages share: load what the page is about, or answer 404 when the service says it does not exist
or is not this person's to see."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import ParamSpec, TypeVar

from flask import abort, request

from app.services.errors import NotFound

P = ParamSpec("P")
T = TypeVar("T")


def or_404(load: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """What `load(*args, **kwargs)` returns; a 404 page when it raises NotFound."""
    try:
        return load(*args, **kwargs)
    except NotFound:
        abort(404)


def known_notice(known: Collection[str], name: str = "done") -> str | None:
    """The code in the address's `name` argument (what just happened, e.g. `?done=sent`) when this page has words
    for it; anything else shows nothing."""
    code = request.args.get(name)
    return code if code in known else None


def page_number() -> int:
    """Which page of a list the address asks for (`?page=`): 1 when it is missing, not a number or below 1."""
    return max(1, request.args.get("page", 1, type=int))
