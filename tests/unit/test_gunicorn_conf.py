"""gunicorn.conf.py: workers from the environment, and an access log that names no one."""

from __future__ import annotations

import gc
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from app.config import ROOT

CONF = ROOT / "gunicorn.conf.py"
YOUNG_PERSON_ID = "3f2b8c1e-9a4d-4e2b-8f1a-2c3d4e5f6a7b"


def _load(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    for name in ("ORBIT_WORKERS", "WEB_CONCURRENCY", "ORBIT_BIND", "ORBIT_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        return runpy.run_path(str(CONF))
    finally:
        gc.enable()  # the file disables collection until gunicorn's master is ready


def test_defaults_are_sane_and_the_environment_wins(monkeypatch) -> None:
    conf = _load(monkeypatch)
    assert 1 <= conf["workers"] <= 12
    assert conf["preload_app"] is True
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["wsgi_app"] == "app:create_app()"
    assert 10 <= conf["timeout"] <= 60
    assert _load(monkeypatch, ORBIT_WORKERS="2")["workers"] == 2
    assert _load(monkeypatch, WEB_CONCURRENCY="3")["workers"] == 3
    assert _load(monkeypatch, ORBIT_ACCESS_LOG="off")["accesslog"] is None


def test_the_master_freezes_what_it_loaded(monkeypatch) -> None:
    conf = _load(monkeypatch)
    gc.disable()
    try:
        conf["when_ready"](None)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        gc.disable()
        conf["post_fork"](None, None)
        assert gc.isenabled()  # workers collect even if they were forked while the master did not
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_access_log_has_no_query_string_address_referrer_browser_or_ids(monkeypatch, tmp_path: Path) -> None:
    conf = _load(monkeypatch)
    log_file = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(log_file))
    cfg.set("access_log_format", conf["access_log_format"])
    logger = conf["OrbitAccessLogger"](cfg)
    path = f"/practitioner/young-people/{YOUNG_PERSON_ID}/people"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?q=Maya+Jones",
        "PATH_INFO": path,
        "QUERY_STRING": "q=Maya+Jones",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": "https://orbit.example/duty/search?q=Maya",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Maya's phone)",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"]), ("USER-AGENT", "Maya's phone")])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[("Set-Cookie", "orbit=secret")])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    invite = "/staff/join/Zx9_kL2mN4pQ7rS1tU3vW5yA"
    logger.access(response, request, {**environ, "PATH_INFO": invite, "RAW_URI": invite}, timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()
    written = log_file.read_text()

    assert '"GET /practitioner/young-people/:id/people" 200 1234 12ms' in written
    assert '"GET /staff/join/:token" 200' in written
    for secret in ("Maya", "203.0.113.9", YOUNG_PERSON_ID, "Zx9_kL2m", "Mozilla", "secret", "?q="):
        assert secret not in written
