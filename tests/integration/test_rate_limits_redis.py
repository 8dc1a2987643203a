"""With REDIS_URL set, rate limits live in Redis, so every process and machine counts the same tries."""

from __future__ import annotations

import os

import pytest
import redis

from app import create_app
from app.extensions import limiter
from tests.conftest import FreshContextClient, post_form

REDIS_URL = os.environ.get("TEST_REDIS_URL")


def _reachable(url: str | None) -> bool:
    if not url:
        return False
    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _reachable(REDIS_URL), reason="set TEST_REDIS_URL to a running Redis (.ci/run does)")
def test_two_processes_share_one_count_through_redis(database_template: str, tmp_path) -> None:
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()

    def process() -> FreshContextClient:
        import shutil

        url = database_template
        if not database_template.startswith("postgresql"):
            copy = tmp_path / "shared.sqlite"
            if not copy.exists():
                shutil.copy(database_template, copy)
            url = f"sqlite:///{copy}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "RATELIMIT_STORAGE_URI": REDIS_URL})
        app.test_client_class = FreshContextClient
        return app.test_client()

    first = process()
    codes = [post_form(first, "/sign-in", {"username": "a", "password": "b"}).status_code for _ in range(6)]
    assert limiter._storage is not None and "redis" in type(limiter._storage).__name__.lower()
    second = process()  # a new app reconnects to the same Redis, as another gunicorn worker would
    codes += [post_form(second, "/sign-in", {"username": "a", "password": "b"}).status_code for _ in range(5)]

    assert codes[:10] == [200] * 10
    assert codes[10] == 429
    assert any(b"LIMIT" in key.upper() for key in store.keys("*"))
    store.flushdb()
