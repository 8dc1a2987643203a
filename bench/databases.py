"""The databases the benchmark measures: migrated like `flask db upgrade`, seeded by `flask seed-scale`.

A seeded database is kept (SQLite: bench/results/seed-N.sqlite; PostgreSQL: database <name>_seed_N) with a
fingerprint of the code that made it; the next run reuses it while the fingerprint matches. Each run measures a
fresh copy (run-N), so the audit rows and sessions one run writes never reach the next.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL, Engine

from app import create_app
from app.config import ROOT, normalise_database_url
from app.extensions import db

SEED_VALUE = 2026
FINGERPRINTED = ("migrations/versions/*.py", "app/seed/scale/*.py", "app/seed/local_offer_example.py")  # schema, data


class BenchError(RuntimeError):
    pass


@dataclass(frozen=True)
class Prepared:
    size: int
    url: str
    reused: bool
    seed_seconds: float


def fingerprint(size: int) -> str:
    digest = hashlib.sha256(f"{size}:{SEED_VALUE}".encode())
    for pattern in FINGERPRINTED:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _stamp_matches(stamp: Path, size: int) -> bool:
    try:
        return json.loads(stamp.read_text()).get("fingerprint") == fingerprint(size)
    except (OSError, ValueError):
        return False


def _write_stamp(stamp: Path, size: int, seconds: float) -> None:
    stamp.write_text(json.dumps({"size": size, "fingerprint": fingerprint(size), "seed_seconds": seconds}))


def _seed_seconds(stamp: Path) -> float:
    return float(json.loads(stamp.read_text()).get("seed_seconds", 0.0))


def build(url: str, size: int, *, verbose: bool = True) -> float:
    """Migrate an empty database and run `flask seed-scale` on it. Returns the seconds seeding took."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="heads")  # features land as parallel migrations until they are chained
        started = time.perf_counter()
        result = app.test_cli_runner().invoke(
            args=["seed-scale", "--young-people", str(size), "--seed", str(SEED_VALUE)]
        )
        seconds = time.perf_counter() - started
        db.engine.dispose()
    if result.exit_code != 0:
        raise BenchError(f"seed-scale failed for {size}: {result.output}{result.exception or ''}")
    if verbose:
        print(result.output)
    return seconds


def prepare(size: int, results_dir: Path, database_url: str | None, *, rebuild: bool = False) -> Prepared:
    results_dir = results_dir.resolve()  # Flask-SQLAlchemy reads a relative SQLite path from the instance folder
    if database_url:
        return _prepare_postgres(size, results_dir, database_url, rebuild=rebuild)
    return _prepare_sqlite(size, results_dir, rebuild=rebuild)


def _prepare_sqlite(size: int, results_dir: Path, *, rebuild: bool) -> Prepared:
    seeded = results_dir / f"seed-{size}.sqlite"
    stamp = results_dir / f"seed-{size}.json"
    reused = not rebuild and seeded.exists() and _stamp_matches(stamp, size)
    if reused:
        seconds = _seed_seconds(stamp)
        print(f"Reusing {seeded} ({size:,} young people)")
    else:
        seeded.unlink(missing_ok=True)
        print(f"Building {seeded} ({size:,} young people)")
        seconds = build(f"sqlite:///{seeded}", size)
        _write_stamp(stamp, size, seconds)
    working = results_dir / f"run-{size}.sqlite"
    _without_write_ahead_log(seeded)
    for leftover in _write_ahead_files(working):
        leftover.unlink(missing_ok=True)  # a log left by an earlier run must never be read into the new copy
    shutil.copyfile(seeded, working)
    return Prepared(size, f"sqlite:///{working}", reused, seconds)


def _write_ahead_files(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]


def _without_write_ahead_log(database: Path) -> None:
    """Orbit opens SQLite in write-ahead mode. Copying only the database file would leave behind what the log
    has not yet written back, so the seeded file is checkpointed before it is copied."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _admin_engine(base: URL) -> Engine:
    """Connects to the server's own `postgres` database, so the base name need not exist yet."""
    return create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _database_exists(admin: Engine, name: str) -> bool:
    with admin.connect() as connection:
        return bool(connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}))


def _recreate(admin: Engine, name: str, template: str | None = None) -> None:
    quote = admin.dialect.identifier_preparer.quote
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)"))
        suffix = f" TEMPLATE {quote(template)}" if template else ""
        connection.execute(text(f"CREATE DATABASE {quote(name)}{suffix}"))


def _analyse(url: URL) -> None:
    """PostgreSQL's autovacuum would have statistics for a database this old; give them to it now."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def _prepare_postgres(size: int, results_dir: Path, database_url: str, *, rebuild: bool) -> Prepared:
    base = make_url(normalise_database_url(database_url))
    seed_name, run_name = f"{base.database}_seed_{size}", f"{base.database}_run_{size}"
    stamp = results_dir / f"{seed_name}.json"
    admin = _admin_engine(base)
    try:
        reused = not rebuild and _database_exists(admin, seed_name) and _stamp_matches(stamp, size)
        if reused:
            seconds = _seed_seconds(stamp)
            print(f"Reusing PostgreSQL database {seed_name} ({size:,} young people)")
        else:
            print(f"Building PostgreSQL database {seed_name} ({size:,} young people)")
            _recreate(admin, seed_name)
            seed_url = base.set(database=seed_name)
            seconds = build(seed_url.render_as_string(hide_password=False), size)
            _analyse(seed_url)
            _write_stamp(stamp, size, seconds)
        _recreate(admin, run_name, template=seed_name)
    finally:
        admin.dispose()
    return Prepared(size, base.set(database=run_name).render_as_string(hide_password=False), reused, seconds)
