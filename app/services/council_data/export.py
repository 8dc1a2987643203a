"""The Reviews table of the SSDA903 return, from what reviewing officers recorded in Orbit.

A collection year runs from 1 April YYYY to 31 March YYYY+1. Each held review of the council's young people in
that year is a row (CHILD, DOB, REVIEW, REVIEW_CODE). Young people with no council child ID, or reviews with no
participation recorded, are listed for the admin to resolve, never guessed. Before anything is offered the rows
are checked with the DfE's validation rules for the Reviews table, as published in the open-source 903 validator
(data-to-insight/csc-validator-be-903): 166 (REVIEW a valid dd/mm/yyyy date), 167 (REVIEW_CODE one of PN0-PN7),
440 (PN0 only under 4), 441 (PN1-PN7 only at 4 or over); and DOB a valid date (as rule 102 asks of the Header).
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import Council, Review, ReviewStatus, YoungPerson
from app.services.council_data import codes

COLUMNS = codes.REVIEWS
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is written as text (a leading apostrophe)."""
    return f"'{cell}" if cell.startswith(DANGEROUS) else cell


def collection_year(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


@dataclass(frozen=True)
class Missing:
    young_person_id: uuid.UUID
    first_name: str
    last_name: str
    held_on: date
    reason: str  # "no_child_id" or "no_participation"


@dataclass
class ReviewsExport:
    council: Council
    year: int
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    failed_rules: list[str] = field(default_factory=list)

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in self.rows:
            writer.writerow([neutralise(cell) for cell in row])
        return out.getvalue()


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _parse(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        return None


def _four(born: date) -> date:
    try:
        return born.replace(year=born.year + 4)
    except ValueError:
        return date(born.year + 4, 3, 1)


def validate(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """The DfE's Reviews-table rules, each failure as "row N: rule R"."""
    failed = []
    for number, (_child, dob_text, review_text, code) in enumerate(rows, start=2):
        dob, held = _parse(dob_text), _parse(review_text)
        if dob is None:
            failed.append(f"row {number}: rule 102 (DOB)")
        if held is None:
            failed.append(f"row {number}: rule 166")
        if code not in codes.PARTICIPATION_CODES:
            failed.append(f"row {number}: rule 167")
        if dob and held:
            if code == codes.PN_UNDER_FOUR and held >= _four(dob):
                failed.append(f"row {number}: rule 440")
            if code in codes.PARTICIPATION_CODES[1:] and held < _four(dob):
                failed.append(f"row {number}: rule 441")
    return failed


def reviews_export(council: Council, year: int) -> ReviewsExport:
    start, end = collection_year(year)
    export = ReviewsExport(council, year)
    found = db.session.execute(
        select(
            YoungPerson.id,
            YoungPerson.first_name,
            YoungPerson.last_name,
            YoungPerson.council_child_id,
            YoungPerson.date_of_birth,
            Review.held_on,
            Review.participation,
            Review.status,
        )
        .join(Review, Review.young_person_id == YoungPerson.id)
        # Held is checked below, not here: with it in the WHERE, SQLite starts from every held review in the
        # country in the year (ix_reviews_status_held_on) and only then keeps this council's. Without it, it starts
        # from the council's young people and reads each one's reviews in the year (ix_reviews_young_person_held_on).
        .where(
            YoungPerson.council_id == council.id,
            Review.held_on >= start,
            Review.held_on <= end,
        )
        .order_by(YoungPerson.council_child_id, Review.held_on)
    ).all()
    for row in found:
        if row.status != ReviewStatus.held:
            continue
        if not row.council_child_id:
            export.missing.append(Missing(row.id, row.first_name, row.last_name, row.held_on, "no_child_id"))
        elif row.participation not in codes.PARTICIPATION_CODES:
            export.missing.append(Missing(row.id, row.first_name, row.last_name, row.held_on, "no_participation"))
        else:
            export.rows.append((row.council_child_id, _dmy(row.date_of_birth), _dmy(row.held_on), row.participation))
    export.failed_rules = validate(export.rows)
    return export
