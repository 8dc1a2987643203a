"""EXPLAIN for the SELECTs a page sent at the largest size, to find reads that grow with the whole database.

SQLite: "SCAN table" (every row, or every entry of an index) and "AUTOMATIC ... INDEX" (an index built for
each query) are flagged. PostgreSQL: "Seq Scan on table". A scan of a table that stays small (councils) is harmless;
a scan of young_people, users, allocations, invites or audit_events is what makes a page slower as Orbit grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.extensions import db
from bench.measure import Site


@dataclass
class Plan:
    sql: str
    lines: list[str]
    scans: list[str] = field(default_factory=list)


def _flagged(line: str, dialect: str) -> bool:
    if dialect == "sqlite":
        text = line.strip()
        return text.startswith("SCAN ") or "AUTOMATIC" in text
    return "Seq Scan" in line


def _explain(cursor: Any, dialect: str, statement: str, parameters: Any) -> list[str]:
    prefix = "EXPLAIN QUERY PLAN " if dialect == "sqlite" else "EXPLAIN "
    cursor.execute(prefix + statement, parameters)
    rows = cursor.fetchall()
    return [str(row[3]) for row in rows] if dialect == "sqlite" else [str(row[0]) for row in rows]


def plans(site: Site, statements: list[tuple[str, Any]]) -> list[Plan]:
    """Plans for the SELECT statements (others are skipped). Runs in its own app context."""
    found = []
    with site.app.app_context():
        dialect = db.engine.dialect.name
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            for statement, parameters in statements:
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                lines = _explain(cursor, dialect, statement, parameters)
                short = " ".join(statement.split())
                found.append(Plan(short, lines, [line.strip() for line in lines if _flagged(line, dialect)]))
            connection.rollback()
        finally:
            connection.close()
    return found


def scans(site: Site, statements: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """Only the statements whose plan has a flagged scan: the SQL (shortened) and the flagged lines."""
    return [{"sql": plan.sql[:400], "scans": plan.scans} for plan in plans(site, statements) if plan.scans]
