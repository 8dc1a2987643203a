"""The access matrix: every route, every role, own things and someone else's.

Routes are read from app.url_map, so a new route is in the matrix the moment it exists. For each route:
- a role not declared for it gets 403 (and a signed-out visitor is sent to sign in);
- for routes about an object, a declared role's user who has nothing to do with council A's object
  (council B's user, and A's workers who are not allocated) gets 403 or 404, and nothing changes;
- the user who owns or is allocated to the object can open its GET page.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from app.access import rule_for
from app.extensions import db
from app.models import AuditEvent
from app.roles import Role
from tests.access_world import World, build_world, object_id
from tests.conftest import sign_in_as

REFUSED = {403, 404}
PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
SKIP_ENDPOINTS = {"public.asset", "auth.staff_join"}  # served files; a one-off token, tested in test_auth


def routes(app: Flask) -> list[tuple[str, str, list[str], set[str]]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS:
            continue
        methods = {m for m in rule.methods or set() if m in {"GET", "POST"}}
        found.append((rule.endpoint, rule.rule, PARAM.findall(rule.rule), methods))
    return found


def fill(path: str, world: World, signed_in_as: Role | None = None) -> str:
    """The path with council A's objects; `signed_in_as` a young-person role gives that young person's own."""
    return PARAM.sub(lambda m: str(object_id(world, m.group(1), signed_in_as)), path)


def own_user(world: World, role: Role):
    if role is Role.young_person:
        return world.a.young_person.user
    return world.a.staff[role]


def strangers(world: World, role: Role) -> list:
    users = [world.b.young_person.user if role is Role.young_person else world.b.staff[role]]
    if role in world.a.spare:
        users.append(world.a.spare[role])
    return users


@pytest.fixture
def world(app: Flask) -> World:
    return build_world()


def test_every_route_declares_who_may_use_it(app: Flask) -> None:
    missing = [
        rule.endpoint for rule in app.url_map.iter_rules() if rule_for(app.view_functions[rule.endpoint]) is None
    ]
    assert missing == []


def test_signed_out_visitors_are_sent_to_sign_in(app: Flask, client, world: World) -> None:
    for endpoint, path, _params, methods in routes(app):
        rule = rule_for(app.view_functions[endpoint])
        if rule.public or "GET" not in methods:
            continue
        response = client.get(fill(path, world))
        assert response.status_code == 302, endpoint
        assert "sign-in" in response.headers["Location"], endpoint


@pytest.mark.parametrize("role", list(Role))
def test_roles_not_declared_are_refused(app: Flask, world: World, role: Role) -> None:
    client = app.test_client()
    sign_in_as(client, own_user(world, role))
    for endpoint, path, _params, methods in routes(app):
        rule = rule_for(app.view_functions[endpoint])
        if rule.public or rule.allows(role):
            continue
        for method in methods:
            response = client.open(fill(path, world), method=method)
            assert response.status_code == 403, f"{role} {method} {endpoint}"


@pytest.mark.parametrize("role", list(Role))
def test_someone_elses_things_are_refused(app: Flask, world: World, role: Role) -> None:
    for endpoint, path, params, methods in routes(app):
        rule = rule_for(app.view_functions[endpoint])
        if not params or rule.public or not rule.allows(role):
            continue
        url = fill(path, world)
        for stranger in strangers(world, role):
            client = app.test_client()
            sign_in_as(client, stranger)
            before = db.session.query(AuditEvent).count()
            for method in sorted(methods):
                data = {"csrf_token": _token(client)} if method == "POST" else None
                response = client.open(url, method=method, data=data)
                assert response.status_code in REFUSED, f"{role} {stranger.first_name} {method} {endpoint}"
            db.session.expire_all()
            assert db.session.query(AuditEvent).count() == before, f"{endpoint} wrote for a refused request"


@pytest.mark.parametrize("role", list(Role))
def test_own_things_open(app: Flask, world: World, role: Role) -> None:
    client = app.test_client()
    sign_in_as(client, own_user(world, role))
    for endpoint, path, params, methods in routes(app):
        rule = rule_for(app.view_functions[endpoint])
        if not params or "GET" not in methods or not rule.allows(role):
            continue
        response = client.get(fill(path, world, signed_in_as=role))
        assert response.status_code == 200, f"{role} GET {endpoint}"


def _token(client) -> str:
    from tests.conftest import CSRF_META

    return CSRF_META.search(client.get("/help").get_data(as_text=True)).group(1)
