"""Orbit under gunicorn, as it is deployed: `make serve`, or `.venv/bin/gunicorn -c gunicorn.conf.py`.

Settings come from the environment, with defaults for one small server behind a reverse proxy:

| variable | default | what |
|---|---|---|
| `ORBIT_BIND` | `127.0.0.1:8000` | where to listen (the reverse proxy or load balancer talks to this) |
| `ORBIT_WORKERS` (or `WEB_CONCURRENCY`) | 2 x cores + 1, at most 12 | worker processes |
| `ORBIT_WORKER_TIMEOUT` | 30 | seconds a request may take before its worker is replaced |
| `ORBIT_ACCESS_LOG` | `-` (standard output) | a file for the access log, or `off` |

Each worker keeps up to 10 database connections (`engine_options` in app/config.py): workers x 10 must stay
under PostgreSQL's `max_connections`.

The access log has the method, the path with every id replaced by `:id` (and a token by `:token`), the status,
the size and the time. Never the query string (a search can hold a name), the address, the referrer or the
browser.
"""

from __future__ import annotations

import gc
import os
import re
from typing import Any

from gunicorn.glogging import Logger


def _workers() -> int:
    configured = os.environ.get("ORBIT_WORKERS") or os.environ.get("WEB_CONCURRENCY")
    if configured:
        return max(1, int(configured))
    return min(2 * (os.cpu_count() or 1) + 1, 12)


wsgi_app = "app:create_app()"
bind = os.environ.get("ORBIT_BIND", "127.0.0.1:8000")
workers = _workers()
worker_class = "sync"
timeout = int(os.environ.get("ORBIT_WORKER_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 2
# A worker is replaced after this many requests (jittered, so they do not all restart at once): memory that
# grows slowly is given back without anyone noticing.
max_requests = 5000
max_requests_jitter = 500
limit_request_line = 4094
limit_request_fields = 100

# gunicorn's run-time control socket (one path per user) is not used: reloads go through signals, as usual, and
# two servers on one machine (a load test beside a bare Flask app) do not fight over it.
control_socket_disable = True

# Load the app once, in the master, then fork: workers share its memory pages.
preload_app = True

_access_log = os.environ.get("ORBIT_ACCESS_LOG", "-")
accesslog = None if _access_log == "off" else _access_log
errorlog = "-"
loglevel = os.environ.get("ORBIT_LOG_LEVEL", "info")
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# No collections while the app loads: a collection would free objects between the ones that stay, leaving
# holes that workers would fill, copying the page. gc.freeze() then moves everything loaded into the permanent
# generation, which workers' collections never walk (walking writes to each object's header, copying the page).
gc.disable()


def when_ready(_server: Any) -> None:
    """The master has loaded the app (preload): freeze what it loaded and collect as usual from here on."""
    gc.freeze()
    gc.enable()


def pre_fork(_server: Any, _worker: Any) -> None:
    gc.freeze()  # anything the master made since, too (it forks again when a worker is replaced)


def post_fork(_server: Any, _worker: Any) -> None:
    gc.enable()  # a worker always collects, whatever the master was doing when it forked


def on_reload(_server: Any) -> None:
    gc.enable()  # a reload (HUP) reads this file again, which disabled collection in the master


UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
NUMBER = re.compile(r"(?<=/)\d+(?=/|$)")
TOKEN = re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}(?=/|$)")  # a one-off token (a staff invite link)
# Atoms gunicorn offers that could carry personal data: the address, the request line and query string, the
# referrer, the browser, headers and the environment. Blanked, so a format set elsewhere cannot log them.
UNSAFE_ATOMS = ("h", "r", "q", "f", "a", "u", "l")


def redact_path(path: str) -> str:
    return TOKEN.sub(":token", NUMBER.sub(":id", UUID.sub(":id", path)))


class OrbitAccessLogger(Logger):
    """gunicorn's logger with an access log that names no one: ids in paths become `:id`."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redact_path(str(atoms.get("U", "")))
        for name in UNSAFE_ATOMS:
            atoms[name] = "-"
        return {key: value for key, value in atoms.items() if not key.startswith("{")}


logger_class = OrbitAccessLogger
