"""Council data in and out: the council's SSDA903 files imported (preview, then all or nothing), and the Reviews
table with each young person's participation exported for the return.

- `files` reads and checks the files (pure functions); `preview` works out what would change; `apply` applies it
  in the caller's transaction; `export` writes the Reviews table; `codes` holds the 903 code lists and sources.
- The command (`flask import-903`, `flask export-903-reviews`) and the council admin's pages both come here.
  Only a council admin of that council may use the pages; every preview, import, cancel and export is audited.
- Uploaded files are never stored: the parsed rows wait in `pending_imports` for the admin's confirm (at most
  PENDING_MINUTES), and are deleted when applied or cancelled, or by `flask tick` once they expire.
- The council's child ID is for staff and the council's files only: nothing shown to young people reads it.
"""

from __future__ import annotations

import json
import re
import uuid
import zlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select

from app import clock
from app.extensions import db
from app.models import AuditAction, Council, DataImport, PendingImport, User, YoungPerson
from app.roles import Role
from app.services import audit
from app.services._common import one_or_not_found
from app.services.council_data import codes
from app.services.council_data.apply import apply
from app.services.council_data.export import ReviewsExport, collection_year, neutralise, reviews_export, validate
from app.services.council_data.files import MAX_BYTES, Files, read
from app.services.council_data.preview import Preview, build, event_days
from app.services.council_data.problems import Problem
from app.services.errors import NotFound, Refused

PENDING_MINUTES = 60
LA_CODE = re.compile(r"^\d{3}$")

__all__ = [
    "MAX_BYTES",
    "PENDING_MINUTES",
    "AdminPage",
    "Preview",
    "Problem",
    "ReviewsExport",
    "apply",
    "cancel",
    "codes",
    "collection_year",
    "confirm",
    "council_by_code",
    "event_days",
    "export_for_admin",
    "import_files",
    "neutralise",
    "page_for_admin",
    "pending_for_admin",
    "preview_files",
    "purge_expired",
    "reviews_export",
    "set_la_code",
    "start_preview",
    "validate",
]


def council_by_code(code: str) -> Council:
    council = one_or_not_found(select(Council).where(Council.la_code == code.strip()))
    return council


def preview_files(council: Council, files: list[tuple[str, bytes]]) -> Preview:
    return build(council, read(files, clock.today()))


def import_files(council: Council, files: list[tuple[str, bytes]], *, apply_it: bool) -> Preview:
    """The command line's import: a preview, applied when asked and free of errors. The caller commits."""
    preview = preview_files(council, files)
    audit.record(AuditAction.council_data_previewed, object_type="council", object_id=council.id)
    if apply_it and not preview.errors:
        apply(preview, None)
    return preview


# The council admin's pages ---------------------------------------------------------------------------------


def _council_of(user: User) -> Council:
    if user.role is not Role.council_admin or user.council_id is None:
        raise NotFound
    council = db.session.get(Council, user.council_id)
    if council is None:
        raise NotFound
    return council


@dataclass(frozen=True)
class AdminPage:
    council: Council
    last_import: DataImport | None
    without_child_id: int
    event_days: int


def page_for_admin(user: User) -> AdminPage:
    council = _council_of(user)
    last = db.session.scalar(
        select(DataImport).where(DataImport.council_id == council.id).order_by(DataImport.imported_at.desc()).limit(1)
    )
    # All the council's young people less those with an ID. (A WHERE council_child_id IS NULL would let SQLite
    # start from the unique index on council_child_id: every young person in the country without one.)
    without = db.session.scalar(
        select(func.count() - func.count(YoungPerson.council_child_id)).where(YoungPerson.council_id == council.id)
    )
    return AdminPage(council, last, without or 0, event_days())


def set_la_code(user: User, code: str) -> Council:
    council = _council_of(user)
    code = code.strip()
    if not LA_CODE.match(code):
        raise Refused("la_code_format", "la_code")
    taken = db.session.scalar(select(Council.id).where(Council.la_code == code, Council.id != council.id))
    if taken is not None:
        raise Refused("la_code_taken", "la_code")
    council.la_code = code
    audit.record(AuditAction.council_code_set, actor=user, object_type="council", object_id=council.id)
    return council


def start_preview(user: User, files: list[tuple[str, bytes]]) -> tuple[uuid.UUID | None, Preview]:
    """Read uploaded files and keep their parsed rows (not the files) for the admin's confirm."""
    council = _council_of(user)
    parsed = read(files, clock.today())
    preview = build(council, parsed)
    audit.record(AuditAction.council_data_previewed, actor=user, object_type="council", object_id=council.id)
    if preview.errors:
        return None, preview
    now = clock.now()
    pending = PendingImport(
        council_id=council.id,
        created_by_id=user.id,
        created_at=now,
        expires_at=now + timedelta(minutes=PENDING_MINUTES),
        payload=zlib.compress(json.dumps(parsed.to_json()).encode()),
    )
    db.session.add(pending)
    db.session.flush()
    return pending.id, preview


def _pending(user: User, pending_id: uuid.UUID) -> tuple[Council, PendingImport]:
    council = _council_of(user)
    pending = db.session.get(PendingImport, pending_id)
    if pending is None or pending.council_id != council.id or pending.expires_at <= clock.now():
        raise NotFound
    return council, pending


def pending_for_admin(user: User, pending_id: uuid.UUID) -> Preview:
    """The preview again, worked out against Orbit as it is now."""
    council, pending = _pending(user, pending_id)
    return build(council, Files.from_json(json.loads(zlib.decompress(pending.payload))))


def confirm(user: User, pending_id: uuid.UUID) -> DataImport:
    council, pending = _pending(user, pending_id)
    preview = build(council, Files.from_json(json.loads(zlib.decompress(pending.payload))))
    if preview.errors:
        raise Refused("import_has_errors")
    record = apply(preview, user)
    db.session.delete(pending)
    return record


def cancel(user: User, pending_id: uuid.UUID) -> None:
    council, pending = _pending(user, pending_id)
    db.session.delete(pending)
    audit.record(AuditAction.council_data_cancelled, actor=user, object_type="council", object_id=council.id)


def export_for_admin(user: User, year: int) -> ReviewsExport:
    council = _council_of(user)
    if not 2000 <= year <= clock.today().year:
        raise Refused("year_range", "year")
    export = reviews_export(council, year)
    audit.record(AuditAction.council_reviews_exported, actor=user, object_type="council", object_id=council.id)
    return export


def purge_expired() -> int:
    """Parsed previews nobody confirmed: deleted once they expire (flask tick)."""
    result = db.session.execute(delete(PendingImport).where(PendingImport.expires_at <= clock.now()))
    return int(getattr(result, "rowcount", 0) or 0)
