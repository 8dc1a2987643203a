"""/healthz and /readyz: cheap, public, no session, no audit, nothing revealed, a flood stays cheap."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import event, func, select

from app import create_app
from app.access import rule_for
from app.extensions import db
from app.models import AuditEvent
from tests.conftest import POSTGRES_URL, FreshContextClient
from tests.integration.test_failure_paths import NOWHERE_DATABASE, NOWHERE_REDIS

REDIS_URL = os.environ.get("TEST_REDIS_URL")


def _app(url: str, **overrides) -> Flask:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SERVER_NAME": "orbit.test", **overrides})
    app.test_client_class = FreshContextClient
    return app


@pytest.fixture
def database_url(database_template: str, tmp_path) -> str:
    if POSTGRES_URL:
        return database_template
    shutil.copy(database_template, tmp_path / "orbit.sqlite")
    return f"sqlite:///{tmp_path / 'orbit.sqlite'}"


@pytest.fixture
def limited(database_url: str) -> Iterator[Flask]:
    app = _app(database_url, RATELIMIT_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_both_are_public_and_declared(app) -> None:
    for endpoint in ("health.healthz", "health.readyz"):
        rule = rule_for(app.view_functions[endpoint])
        assert rule is not None and rule.public


def test_they_answer_in_plain_words_with_no_cookie_and_no_audit(client) -> None:
    before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    for path, word in (("/healthz", "ok"), ("/readyz", "ready")):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get_data(as_text=True) == word + "\n"
        assert response.mimetype == "text/plain"
        assert "Set-Cookie" not in response.headers
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_a_session_cookie_is_neither_read_nor_renewed(client, app) -> None:
    with client.session_transaction() as browser_session:
        browser_session["sid"] = "some-token"
    queries: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert queries == []


def test_readyz_answers_503_when_the_database_does_not_and_says_nothing_more() -> None:
    app = _app(NOWHERE_DATABASE, RATELIMIT_ENABLED=False)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200  # the process itself is fine
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.get_data(as_text=True) == "not ready\n"
    assert "Set-Cookie" not in response.headers


def test_readyz_answers_503_when_redis_is_configured_and_does_not_answer(database_url: str) -> None:
    app = _app(database_url, RATELIMIT_ENABLED=False, RATELIMIT_STORAGE_URI=NOWHERE_REDIS)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "not ready\n"


@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL not set")
def test_readyz_checks_redis_when_it_is_configured(database_url: str) -> None:
    app = _app(database_url, RATELIMIT_ENABLED=False, RATELIMIT_STORAGE_URI=REDIS_URL)
    assert app.test_client().get("/readyz").status_code == 200


def test_a_flood_is_cut_off_and_reaches_the_database_once_a_second(limited: Flask) -> None:
    with limited.app_context():
        engine = db.engine
    queries: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
    client = limited.test_client()
    statuses = [client.get("/readyz").status_code for _ in range(60)]

    assert statuses[:5] == [200] * 5
    assert 429 in statuses  # more than 20 a second from one address
    assert set(statuses) <= {200, 429}
    assert len([q for q in queries if "SELECT 1" in q]) <= 3  # the check is kept for a second
    refused = client.get("/readyz")
    if refused.status_code == 429:
        assert refused.headers["Retry-After"]
        assert refused.get_data(as_text=True) == "too many requests\n"
