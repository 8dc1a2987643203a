"""Orbit: create_app builds the Flask application."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event

from app.config import ROOT, engine_options, flask_config, read_settings


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.update(flask_config(read_settings()))
    if overrides:
        app.config.update(overrides)
    if "SQLALCHEMY_ENGINE_OPTIONS" not in (overrides or {}):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config["SQLALCHEMY_DATABASE_URI"])

    from app import cli, web
    from app.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_connection)
            event.listen(db.engine, "savepoint", _sqlite_savepoint_inside_a_transaction)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    htmx.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=web.select_locale)

    web.init_templates(app)
    web.init_request_cycle(app)
    web.init_error_pages(app)
    web.register_blueprints(app)
    cli.register(app)
    return app


# SQLite keeps 2 MB of the database in memory by default. At national scale the indexes a staff list reads do not
# fit, and each page reads them again from the operating system: an advocacy manager's list took 3.3 ms, 1.5 with
# this (bench/, 100,000 young people). It is a ceiling per connection, used only as pages are read.
SQLITE_PAGE_CACHE_KIB = 32 * 1024


def _sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_PAGE_CACHE_KIB}")
    # Write-ahead logging: a commit appends to one log and syncs it once (FULL keeps every commit on disk, as
    # before), where the default journal synced the journal, then the database, then deleted the journal. The
    # staff pages that write an audit line on every look waited 10-20 ms for that on a busy disk (bench/), and
    # with two workers a reader no longer waits for a writer.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _sqlite_savepoint_inside_a_transaction(connection: Any, _name: str) -> None:
    """Python's sqlite3 module starts a transaction only before the first INSERT, UPDATE or DELETE. A savepoint
    (`begin_nested`) opened before that would be the outermost transaction, and releasing it would commit: a
    request that then failed would leave the rows written before it saved. Starting the transaction first keeps
    a request's writes together, as on PostgreSQL: saved at the end of the request, or not at all."""
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")
