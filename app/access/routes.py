"""Who may open each route: every view declares it with one of these decorators; create_app refuses any request
to a route without a declaration, and a test walks app.url_map to make sure none is missing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from app.roles import YOUNG_PEOPLE, Role

F = TypeVar("F", bound=Callable[..., Any])

ACCESS_ATTRIBUTE = "__orbit_access__"


@dataclass(frozen=True)
class RouteRule:
    """Who may open a route. `public` routes need no sign-in; all others need one of `roles`."""

    public: bool
    roles: frozenset[Role]
    before_second_factor: bool = False

    def allows(self, role: Role) -> bool:
        return self.public or role in self.roles


def _declare(rule: RouteRule) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        setattr(view, ACCESS_ATTRIBUTE, rule)
        return view

    return decorate


def public_route(view: F) -> F:
    return _declare(RouteRule(public=True, roles=frozenset()))(view)


def roles_allowed(*roles: Role | Iterable[Role], before_second_factor: bool = False) -> Callable[[F], F]:
    flat: set[Role] = set()
    for item in roles:
        if isinstance(item, Role):
            flat.add(item)
        else:
            flat.update(item)
    return _declare(RouteRule(public=False, roles=frozenset(flat), before_second_factor=before_second_factor))


def any_signed_in(view: F) -> F:
    return roles_allowed(set(Role))(view)


def young_people_only(view: F) -> F:
    return roles_allowed(YOUNG_PEOPLE)(view)


def rule_for(view: Callable[..., Any] | None) -> RouteRule | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)
