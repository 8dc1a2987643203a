"""Settings from environment variables, with safe defaults for local use.

Production (ORBIT_ENV=production) refuses to start without a real SECRET_KEY and DATABASE_URL.
Product rules (timeouts, lockout) are read from [tool.orbit] in pyproject.toml.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _product_rules() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["orbit"]


class ConfigError(RuntimeError):
    """Raised when production settings are missing or unsafe."""


def retention_schedule(rules: dict[str, Any]) -> dict[str, int]:
    """[tool.orbit.retention], checked: every value a whole number of days, at least 1. A 0 or a negative number
    would delete things the moment they are written, so Orbit refuses to start and names the setting."""
    schedule = rules.get("retention")
    if not isinstance(schedule, dict) or not schedule:
        raise ConfigError("[tool.orbit.retention] is missing from pyproject.toml")
    for key, value in schedule.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(
                f"[tool.orbit.retention] {key} must be a whole number of days, 1 or more (it is {value!r})"
            )
    return dict(schedule)


MAIL_SENDERS = ("log", "smtp", "notify")
NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# A Notify API key is "{key name}-{service id}-{secret key}": the last two are UUIDs.
NOTIFY_KEY = re.compile(rf"^.+-{_UUID}-{_UUID}$")
TEMPLATE_ID = re.compile(rf"^{_UUID}$")


@dataclass(frozen=True)
class Settings:
    env: str
    secret_key: str
    database_url: str
    redis_url: str | None
    mail_sender: str
    smtp_host: str | None
    smtp_port: int
    mail_from: str
    exit_url: str
    base_url: str
    notify_api_key: str | None = None
    notify_base_url: str = NOTIFY_BASE_URL
    notify_email_template_id: str | None = None
    notify_sms_template_id: str | None = None

    @property
    def sends_texts(self) -> bool:
        """Texts go through Notify; the log sender writes them down for local use. SMTP cannot send them."""
        return self.mail_sender in ("notify", "log")

    @property
    def production(self) -> bool:
        return self.env == "production"


def read_settings(environ: dict[str, str] | None = None) -> Settings:
    environ = dict(os.environ if environ is None else environ)
    env = environ.get("ORBIT_ENV", "development")
    secret_key = environ.get("SECRET_KEY", "")
    database_url = environ.get("DATABASE_URL", "")
    mail_sender = environ.get("MAIL_SENDER", "log").strip().lower() or "log"
    if mail_sender not in MAIL_SENDERS:
        raise ConfigError(f"MAIL_SENDER must be one of {', '.join(MAIL_SENDERS)}, not {mail_sender!r}")
    notify_key = environ.get("NOTIFY_API_KEY", "").strip() or None
    email_template = environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "").strip().lower() or None
    sms_template = environ.get("NOTIFY_SMS_TEMPLATE_ID", "").strip().lower() or None
    if env == "production":
        if len(secret_key) < 32:
            raise ConfigError("SECRET_KEY must be set to at least 32 random characters in production")
        if not database_url:
            raise ConfigError("DATABASE_URL must be set in production")
        if mail_sender == "notify":
            _check_notify(notify_key, email_template, sms_template)
    return Settings(
        env=env,
        secret_key=secret_key or "local-development-only-not-a-secret",
        database_url=normalise_database_url(database_url or f"sqlite:///{ROOT / 'instance' / 'orbit.sqlite'}"),
        redis_url=environ.get("REDIS_URL") or None,
        mail_sender=mail_sender,
        smtp_host=environ.get("SMTP_HOST") or None,
        smtp_port=int(environ.get("SMTP_PORT", "25")),
        mail_from=environ.get("MAIL_FROM", "orbit@localhost"),
        exit_url=environ.get("EXIT_URL", "https://www.bbc.co.uk/weather"),
        base_url=environ.get("BASE_URL", "http://127.0.0.1:5000"),
        notify_api_key=notify_key,
        notify_base_url=(environ.get("NOTIFY_BASE_URL", "").strip() or NOTIFY_BASE_URL).rstrip("/"),
        notify_email_template_id=email_template,
        notify_sms_template_id=sms_template,
    )


def _check_notify(key: str | None, email_template: str | None, sms_template: str | None) -> None:
    """With MAIL_SENDER=notify, production does not start without what Notify needs: nothing would be sent."""
    if not key:
        raise ConfigError(
            "MAIL_SENDER=notify needs NOTIFY_API_KEY: create a live API key in GOV.UK Notify (API integration)"
        )
    if not NOTIFY_KEY.match(key):
        raise ConfigError("NOTIFY_API_KEY does not look like a Notify API key (key name, service id, secret key)")
    for name, value in (("NOTIFY_EMAIL_TEMPLATE_ID", email_template), ("NOTIFY_SMS_TEMPLATE_ID", sms_template)):
        if not value or not TEMPLATE_ID.match(value):
            raise ConfigError(f"MAIL_SENDER=notify needs {name}: the id of the template in GOV.UK Notify")


def normalise_database_url(url: str) -> str:
    """Accept the usual postgres:// and postgresql:// forms and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def flask_config(settings: Settings) -> dict[str, Any]:
    rules = _product_rules()
    production = settings.production
    return {
        "ORBIT_SETTINGS": settings,
        "ORBIT_RULES": rules,
        "ORBIT_RETENTION": retention_schedule(rules),
        "SECRET_KEY": settings.secret_key,
        "SQLALCHEMY_DATABASE_URI": settings.database_url,
        "SESSION_COOKIE_NAME": "__Host-orbit" if production else "orbit",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_PATH": "/",
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        "WTF_CSRF_CHECK_DEFAULT": False,  # app.web checks every POST, or the view's form does
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the server-side session
        "WTF_CSRF_SSL_STRICT": production,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "app" / "i18n"),
        "ORBIT_LOCALES": rules["locales"],
        # Explicit, because Flask-Limiter otherwise keeps whatever an earlier app in the same process set.
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": settings.redis_url or "memory://",
        # A Redis that does not answer fails a request in a second or two (503), instead of holding a worker.
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        "RATELIMIT_HEADERS_ENABLED": False,
        "RATELIMIT_STRATEGY": "moving-window",
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
    }


def engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 15}}
    # pool_pre_ping: a connection the database dropped (a restart) is replaced before use, so Orbit answers 503
    # while the database is down and normal pages once it is back, without a restart of its own. A database
    # that does not answer at all fails a request in a few seconds (503) instead of holding a worker.
    return {
        "pool_pre_ping": True,
        "pool_size": 5,
        "max_overflow": 5,
        "pool_timeout": 10,
        "connect_args": {"connect_timeout": 3},
    }
