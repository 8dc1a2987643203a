"""Signing in through the real forms, and timing pages in-process with the Flask test client.

Each request gets its own app context, as it would in production. Queries are counted with a
"before_cursor_execute" listener on the app's engine. When several database sizes are measured, their requests
are interleaved (size A, size B, size A, ...) so that drift in the machine's speed falls on both alike.
"""

from __future__ import annotations

import gc
import gzip
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyotp
from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import event
from werkzeug.test import TestResponse

from app import clock, create_app
from app.extensions import db
from app.seed.scale import SCALE_PASSWORD, STAFF_TOTP_SECRET
from bench.pages import ANONYMOUS, NEWCOMER, Persona

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
GZIP = {"Accept-Encoding": "gzip"}


class BenchClient(FlaskClient):
    """A test client whose every request has its own app context (own `g` and database session)."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        with self.application.app_context():
            return super().open(*args, **kwargs)


@dataclass
class QueryCounter:
    """Counts statements sent to the database; keeps them (with parameters) when asked, for EXPLAIN."""

    count: int = 0
    statements: list[tuple[str, Any]] = field(default_factory=list)
    keep: bool = False

    def __call__(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        self.count += 1
        if self.keep:
            self.statements.append((statement, parameters))

    def reset(self, *, keep: bool = False) -> None:
        self.count, self.keep, self.statements = 0, keep, []


@dataclass
class Site:
    """One database size: its app, its query counter and its signed-in clients."""

    size: int
    app: Flask
    counter: QueryCounter
    clients: dict[str, FlaskClient] = field(default_factory=dict)
    next_address: int = 1

    def client(self) -> FlaskClient:
        client = self.app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"127.0.{self.next_address // 250}.{self.next_address % 250 + 1}"
        self.next_address += 1
        return client

    def url_for(self, endpoint: str, **values: Any) -> str:
        with self.app.test_request_context():
            return url_for(endpoint, **values)


def open_site(size: int, url: str) -> Site:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    app.test_client_class = BenchClient
    counter = QueryCounter()
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", counter)
    return Site(size, app, counter)


def close_site(site: Site) -> None:
    with site.app.app_context():
        event.remove(db.engine, "before_cursor_execute", site.counter)
        db.engine.dispose()


# Signing in -----------------------------------------------------------------------------------------------------


def _csrf(client: FlaskClient, path: str) -> str:
    match = CSRF_META.search(client.get(path).get_data(as_text=True))
    if not match:
        raise RuntimeError(f"no CSRF token on {path}")
    return match.group(1)


def sign_in(site: Site, persona: Persona) -> FlaskClient:
    """A client signed in as `persona` through the real forms (password, then the authenticator code for staff)."""
    client = site.client()
    if persona is ANONYMOUS:
        return client
    if persona.staff:
        path = site.url_for("auth.staff_sign_in")
        form = {"email": persona.sign_in_as, "password": SCALE_PASSWORD, "csrf_token": _csrf(client, path)}
        response = client.post(path, data=form)
        code_path = site.url_for("auth.staff_second_factor")
        if response.headers.get("Location", "").endswith(code_path):
            code = pyotp.TOTP(STAFF_TOTP_SECRET).now()
            response = client.post(code_path, data={"code": code, "csrf_token": _csrf(client, code_path)})
    else:
        path = site.url_for("auth.sign_in")
        form = {"username": persona.sign_in_as, "password": SCALE_PASSWORD, "csrf_token": _csrf(client, path)}
        response = client.post(path, data=form)
    if response.status_code != 303:
        raise RuntimeError(f"could not sign in as {persona.label} ({persona.sign_in_as}): {response.status_code}")
    return client


def client_for(site: Site, persona: Persona) -> FlaskClient:
    """Signed-in clients are made once per persona and reused; signed-out ones are new each time."""
    if persona is ANONYMOUS:
        return site.client()
    if persona.label not in site.clients:
        site.clients[persona.label] = sign_in(site, persona)
    return site.clients[persona.label]


# Priming: pages that only show in the middle of a journey --------------------------------------------------------


def _prime_join_code(client: FlaskClient, _site: Site, _personas: dict[str, Persona]) -> None:
    from app.views.auth import JOIN_CODE_KEY

    with client.session_transaction() as browser:
        browser[JOIN_CODE_KEY] = "BENCH234"  # the code is only checked when the form is sent


def _prime_second_factor(client: FlaskClient, _site: Site, personas: dict[str, Persona]) -> None:
    from app.views.auth import PENDING_KEY

    staff = next(p for p in personas.values() if p.staff and p.label != NEWCOMER)
    with client.session_transaction() as browser:
        browser[PENDING_KEY] = {"user": str(staff.user_id), "at": clock.now().timestamp(), "next": None}


PRIMERS: dict[str, Callable[[FlaskClient, Site, dict[str, Persona]], None]] = {
    "auth.join_account": _prime_join_code,
    "auth.staff_second_factor": _prime_second_factor,
}


# Timing ---------------------------------------------------------------------------------------------------------


@dataclass
class Sample:
    size: int
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    status: int = 0
    bytes_gz: int = 0
    bytes_raw: int = 0
    header_bytes: int = 0
    html: str = ""
    statements: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 95)

    @property
    def query_count(self) -> int:
        """The usual count (median): a session's once-a-minute "still here" write does not move it."""
        ordered = sorted(self.queries)
        return ordered[len(ordered) // 2] if ordered else 0


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def header_bytes(response: TestResponse) -> int:
    lines = [f"HTTP/1.1 {response.status}"] + [f"{name}: {value}" for name, value in response.headers.items()]
    return sum(len(line) + 2 for line in lines) + 2


def body_text(response: TestResponse) -> str:
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


@dataclass(frozen=True)
class Timed:
    response: TestResponse
    wall_ms: float
    cpu_ms: float
    queries: int


def _timed_get(site: Site, client: FlaskClient, url: str, *, keep: bool = False) -> Timed:
    """Wall time is the budget; this thread's CPU time is kept too, as it barely moves when others share the CPU."""
    site.counter.reset(keep=keep)
    cpu_started, started = time.thread_time(), time.perf_counter()
    response = client.get(url, headers=GZIP)
    wall, cpu = time.perf_counter() - started, time.thread_time() - cpu_started
    return Timed(response, wall * 1000, cpu * 1000, site.counter.count)


def _record_response(sample: Sample, site: Site, response: TestResponse) -> None:
    sample.status = response.status_code
    sample.bytes_gz = len(response.get_data())
    sample.html = body_text(response)
    sample.bytes_raw = len(sample.html.encode())
    sample.header_bytes = header_bytes(response)
    sample.statements = list(site.counter.statements)


def warm_up(targets: list[tuple[Site, FlaskClient, str]], rounds: int) -> list[int]:
    """Open each target `rounds` times; returns the status each answered last."""
    statuses = []
    for _site, client, url in targets:
        status = 0
        for _ in range(max(1, rounds)):
            status = client.get(url, headers=GZIP).status_code
        statuses.append(status)
    return statuses


MIN_REQUESTS_WHEN_SLOW = 10


def time_targets(targets: list[tuple[Site, FlaskClient, str]], requests: int, max_seconds: float) -> list[Sample]:
    """Time `requests` GETs of each target, interleaved across targets. A page so slow that this would take more
    than `max_seconds` stops after MIN_REQUESTS_WHEN_SLOW rounds: its p95 is then its slowest but one or so."""
    samples = [Sample(site.size) for site, _client, _url in targets]
    # Collect now so no page pays for the last one's garbage; then freeze what is left, so the next page's
    # collection walks only what was made since, not every result kept so far.
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    for round_number in range(requests):
        slow = round_number + 1 >= MIN_REQUESTS_WHEN_SLOW and time.perf_counter() - started > max_seconds
        last = round_number == requests - 1 or slow
        for sample, (site, client, url) in zip(samples, targets, strict=True):
            timed = _timed_get(site, client, url, keep=last)
            sample.times_ms.append(timed.wall_ms)
            sample.cpu_ms.append(timed.cpu_ms)
            sample.queries.append(timed.queries)
            if last:
                _record_response(sample, site, timed.response)
        if last:
            break
    return samples
