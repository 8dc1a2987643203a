"""Health checks for a load balancer: `/healthz` (this process answers) and `/readyz` (so do the database and,
when configured, Redis). Public, plain text, no session read or written, nothing audited, nothing revealed: the
reason a check failed goes to the log, not to whoever asked. Each address may ask a few times a second; more is
answered 429 before any work is done."""

from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, request

from app.access import public_route
from app.services import health
from app.web.routing import answers_without_session

bp = Blueprint("health", __name__)

PER_SECOND = 20  # per address and worker: far above any load balancer's polling
RETRY_AFTER_SECONDS = 5


class _PerSecond:
    """A fixed one-second window per address, kept in the worker's memory (not Redis, which /readyz checks).
    The counts are dropped every second, so a flood from many addresses cannot make it grow for long."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.second = 0
        self.counts: dict[str, int] = {}

    def allows(self, address: str) -> bool:
        second = int(time.monotonic())
        if second != self.second:
            self.second, self.counts = second, {}
        count = self.counts.get(address, 0) + 1
        self.counts[address] = count
        return count <= self.limit


_window = _PerSecond(PER_SECOND)


def _plain(text: str, status: int, *, retry: bool = False) -> Response:
    response = Response(text + "\n", status=status, mimetype="text/plain")
    if retry:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _too_many() -> Response | None:
    if current_app.config.get("RATELIMIT_ENABLED", True) and not _window.allows(request.remote_addr or ""):
        return _plain("too many requests", 429, retry=True)
    return None


@bp.get("/healthz")
@public_route
@answers_without_session
def healthz() -> Response:
    return _too_many() or _plain("ok", 200)


@bp.get("/readyz")
@public_route
@answers_without_session
def readyz() -> Response:
    refused = _too_many()
    if refused is not None:
        return refused
    if health.ready():
        return _plain("ready", 200)
    return _plain("not ready", 503, retry=True)
