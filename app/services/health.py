"""Whether the services Orbit depends on answer, and the errors that mean one of them does not.

`/readyz` asks `ready()`; the error pages treat `UNAVAILABLE` as "try again soon" (503), not as a fault in Orbit.
"""

from __future__ import annotations

import logging
import time

import limits.errors
import redis
import redis.exceptions
from flask import current_app
from sqlalchemy import exc, text

from app.extensions import db

log = logging.getLogger(__name__)

# The database or the rate-limit store cannot be reached, dropped the connection, or is too busy to answer in
# time. A SQLite file that is locked, or a PostgreSQL statement cancelled, is the same to the person waiting.
UNAVAILABLE: tuple[type[BaseException], ...] = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.DisconnectionError,
    exc.TimeoutError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    limits.errors.StorageError,
)

# A flood of /readyz reaches the database and Redis at most once a second per worker.
CHECK_EVERY_SECONDS = 1.0


def database_answers() -> bool:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except exc.SQLAlchemyError as error:
        log.warning("readiness: the database did not answer (%s)", type(error).__name__)
        return False
    return True


def redis_uri() -> str | None:
    """The Redis Orbit keeps rate limits in, when it is configured (REDIS_URL) rather than each worker's memory."""
    uri = str(current_app.config.get("RATELIMIT_STORAGE_URI") or "")
    return uri if uri.startswith(("redis://", "rediss://", "redis+unix://")) else None


def redis_answers() -> bool:
    uri = redis_uri()
    if uri is None:
        return True
    client = current_app.extensions.get("orbit_readiness_redis")
    if client is None:
        client = redis.Redis.from_url(uri, socket_connect_timeout=1, socket_timeout=1)
        current_app.extensions["orbit_readiness_redis"] = client
    try:
        return bool(client.ping())
    except redis.exceptions.RedisError as error:
        log.warning("readiness: Redis did not answer (%s)", type(error).__name__)
        return False


def ready() -> bool:
    """The database answers, and Redis too when it is configured; asked at most once a second per worker (the
    answer is kept on the application, so each app in one process has its own)."""
    last = current_app.extensions.setdefault("orbit_readiness", {})
    moment = time.monotonic()
    if "at" in last and moment - last["at"] < CHECK_EVERY_SECONDS:
        return bool(last["answer"])
    answer = database_answers() and redis_answers()
    last.update(at=moment, answer=answer)
    return answer
