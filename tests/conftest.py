"""Shared fixtures: a migrated database per test (SQLite by default, PostgreSQL when TEST_DATABASE_URL is set),
an app, clients signed in as anyone, and time travel."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from sqlalchemy import create_engine, text
from werkzeug.routing import Rule

from app import clock, create_app
from app.config import normalise_database_url
from app.extensions import db
from app.services import auth, security

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
# The moment every unit and integration test starts at. `.ci/run` runs the suite again at hard moments (a 1st of
# the month, 29 February, 31 December, both clock changes, a bank holiday) by setting ORBIT_TEST_NOW.
TEST_NOW = datetime.fromisoformat(os.environ.get("ORBIT_TEST_NOW", "2026-11-18T10:30:00+00:00"))
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (so its own `g` and database session), as in production.

    Without this, requests would share the test's app context: `g` (and the cached CSRF token in it) would
    leak from one request, or one client, to the next.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


class CompiledTemplates(BytecodeCache):
    """Every test builds a new app, and each app's Jinja would compile every template it renders again: most of a
    test's time. Keyed on the template's source, so a changed template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if code := self._code.get(bucket.key):
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def _share_url_builders() -> None:
    """Werkzeug writes, compiles and executes Python for each route's URL builder in every app it makes; with an
    app per test that was a fifth of the suite. A builder depends only on the rule's parts and defaults (the
    converters are looked up on the rule when it is called), so rules that are alike share one."""
    compile_builder = Rule._compile_builder
    built: dict[tuple, object] = {}

    def shared(rule: Rule, append_unknown: bool = True):
        defaults = tuple(sorted((rule.defaults or {}).items(), key=lambda item: item[0]))
        key = (tuple(rule._trace), repr(defaults), append_unknown)
        if key not in built:
            built[key] = compile_builder(rule, append_unknown)
        return built[key]

    Rule._compile_builder = shared  # type: ignore[method-assign]


_share_url_builders()


def _cheaper_password_hashes() -> None:
    """Real Argon2id hashes, at the lowest cost: the suite signs people in hundreds of times, and the cost a
    council runs with (argon2's defaults) is a property of the library, not something a test checks."""
    security._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    security._DUMMY_HASH = security._hasher.hash("orbit-timing-equaliser")


_cheaper_password_hashes()


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="heads")  # features land as parallel migrations until they are chained
        db.engine.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(autouse=True)
def chosen_clock(request: pytest.FixtureRequest) -> Iterator[datetime]:
    """The suite's clock: set to TEST_NOW and running on from there, never the real date. Browser tests keep the
    real clock, because the browser they drive has it too."""
    if "e2e" not in request.node.path.parts:
        clock.start_at(TEST_NOW)
    yield clock.now()
    clock.start_at(None)
    clock.reset_travel()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Migrate once per run. SQLite: a template file each test copies. PostgreSQL: the schema itself."""
    if POSTGRES_URL:
        url = normalise_database_url(POSTGRES_URL)
        _reset_postgres(url)
        _migrate(url)
        return url
    path = tmp_path_factory.mktemp("db") / "template.sqlite"
    _migrate(f"sqlite:///{path}")
    return str(path)


def _truncate_postgres(app: Flask) -> None:
    with app.app_context():
        tables = [t.name for t in db.metadata.sorted_tables]
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture
def app(database_template: str, tmp_path: Path) -> Iterator[Flask]:
    if POSTGRES_URL:
        url = database_template
    else:
        copy = tmp_path / "orbit.sqlite"
        shutil.copy(database_template, copy)
        url = f"sqlite:///{copy}"
    application = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "TESTING": True,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "orbit.test",
        }
    )
    application.test_client_class = FreshContextClient
    application.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()
    if POSTGRES_URL:
        _truncate_postgres(application)
    clock.reset_travel()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(client: FlaskClient, path: str = "/help") -> str:
    """The CSRF token the browser would have: read from the page like a real form would."""
    match = CSRF_META.search(client.get(path).get_data(as_text=True))
    assert match, "page has no CSRF token"
    return match.group(1)


def post_form(client: FlaskClient, path: str, data: dict | None = None, **kwargs) -> object:
    payload = {"csrf_token": csrf_token(client), **(data or {})}
    return client.post(path, data=payload, **kwargs)


def sign_in_as(client: FlaskClient, user: object) -> str:
    """Start a real server-side session for `user` and give its token to the client's cookie."""
    token = auth.start_session(user)  # type: ignore[arg-type]
    db.session.commit()
    with client.session_transaction() as browser_session:
        browser_session["sid"] = token
    return token


@pytest.fixture
def signed_in(app: Flask):
    """`signed_in(user)` gives a fresh client signed in as that user."""

    def make(user: object) -> FlaskClient:
        new_client = app.test_client()
        sign_in_as(new_client, user)
        return new_client

    return make
