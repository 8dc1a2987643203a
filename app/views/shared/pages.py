"""The steps most pages share: a page with a form declared in one line, load what the page is about (or answer 404
when the service says it does not exist or is not this person's to see), the redirect after a form is sent, the notice
it carries, the page of a list."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, ParamSpec, TypeVar

from flask import Blueprint, abort, redirect, request, url_for
from werkzeug.wrappers import Response

from app.services.errors import NotFound
from app.web.routing import csrf_in_form

P = ParamSpec("P")
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def form_route(
    bp: Blueprint, rule: str, access: Callable[[F], F], methods: Sequence[str] = ("GET", "POST")
) -> Callable[[F], F]:
    """`view` at `rule` on `bp`, open to whoever `access` lets in (young_people_only, roles_allowed(...)), with a
    form that checks CSRF itself: an expired token shows the form again with what was typed, not an error page."""

    def register(view: F) -> F:
        return bp.route(rule, methods=list(methods))(access(csrf_in_form(view)))

    return register


def or_404(load: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """What `load(*args, **kwargs)` returns; a 404 page when it raises NotFound."""
    try:
        return load(*args, **kwargs)
    except NotFound:
        abort(404)


def see_other(endpoint: str, **values: Any) -> Response:
    """Send the browser on to `url_for(endpoint, **values)` after a form is sent. 303 See Other, not 302: the browser
    must GET the next page, so going back or reloading it never sends the form again."""
    return redirect(url_for(endpoint, **values), code=303)


def known_notice(known: Collection[str], name: str = "done") -> str | None:
    """The code in the address's `name` argument (what just happened, e.g. `?done=sent`) when this page has words
    for it; anything else shows nothing."""
    code = request.args.get(name)
    return code if code in known else None


def page_number() -> int:
    """Which page of a list the address asks for (`?page=`): 1 when it is missing, not a number or below 1."""
    return max(1, request.args.get("page", 1, type=int))
