"""Reading a council's files: pure functions, no database. Each file is recognised by its header row whatever it
is called; every problem names the file and the row (row 1 is the header row, as in a spreadsheet).

Accepted as they are: a UTF-8 byte-order mark and CRLF line ends (both what Excel writes for "CSV UTF-8").
Refused with a reason: a file over 50 MB, an empty file, a Windows-1252 file (Excel's plain "CSV"), wrong or
missing columns, dates not written dd/mm/yyyy (yyyy-mm-dd named as such), impossible dates, unknown codes,
overlapping episodes, and a CHILD in another file but not in the Header file.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.services.council_data import codes
from app.services.council_data.problems import Problem

MAX_BYTES = 50 * 1024 * 1024
NAME_MAX = 80
EMAIL_MAX = 254
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CHILD = re.compile(r"^[A-Za-z0-9]{1,10}$")

KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Header": (codes.HEADER, ()),
    "Episodes": (codes.EPISODES, ()),
    "Reviews": (codes.REVIEWS, ()),
    "UASC": (codes.UASC, ()),
    "names": (codes.NAMES, codes.NAMES_OPTIONAL),
}


@dataclass(frozen=True)
class HeaderRow:
    child: str
    dob: date
    row: int


@dataclass(frozen=True)
class EpisodeRow:
    child: str
    started_on: date
    reason_new: str
    legal_status: str
    need: str
    place: str
    ended_on: date | None
    reason_ended: str | None
    row: int


@dataclass(frozen=True)
class ReviewRow:
    child: str
    dob: date
    held_on: date
    code: str
    row: int


@dataclass(frozen=True)
class UascRow:
    child: str
    dob: date
    ceased_on: date | None
    row: int


@dataclass(frozen=True)
class NameRow:
    child: str
    first_name: str
    social_worker_email: str
    reviewing_officer_email: str
    language: str | None
    row: int


@dataclass
class Files:
    """What the files hold, once read: rows by kind, the name each file came in, and every problem found."""

    names_of: dict[str, str] = field(default_factory=dict)
    header: dict[str, HeaderRow] = field(default_factory=dict)
    episodes: list[EpisodeRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    uasc: dict[str, UascRow] = field(default_factory=dict)
    names: dict[str, NameRow] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    # Kept between the preview and the confirm (app.models.PendingImport) as plain JSON.
    def to_json(self) -> dict[str, Any]:
        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "names_of": self.names_of,
            "header": [[r.child, iso(r.dob), r.row] for r in self.header.values()],
            "episodes": [
                [
                    r.child,
                    iso(r.started_on),
                    r.reason_new,
                    r.legal_status,
                    r.need,
                    r.place,
                    iso(r.ended_on),
                    r.reason_ended,
                    r.row,
                ]
                for r in self.episodes
            ],
            "reviews": [[r.child, iso(r.dob), iso(r.held_on), r.code, r.row] for r in self.reviews],
            "uasc": [[r.child, iso(r.dob), iso(r.ceased_on), r.row] for r in self.uasc.values()],
            "names": [
                [r.child, r.first_name, r.social_worker_email, r.reviewing_officer_email, r.language, r.row]
                for r in self.names.values()
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Files:
        def day(value: str | None) -> date | None:
            return date.fromisoformat(value) if value else None

        files = cls(names_of=dict(data["names_of"]))
        for child, dob, row in data["header"]:
            files.header[child] = HeaderRow(child, date.fromisoformat(dob), row)
        for child, start, rne, ls, cin, place, end, rec, row in data["episodes"]:
            files.episodes.append(EpisodeRow(child, date.fromisoformat(start), rne, ls, cin, place, day(end), rec, row))
        for child, dob, held, code, row in data["reviews"]:
            files.reviews.append(ReviewRow(child, date.fromisoformat(dob), date.fromisoformat(held), code, row))
        for child, dob, ceased, row in data["uasc"]:
            files.uasc[child] = UascRow(child, date.fromisoformat(dob), day(ceased), row)
        for child, first, social, officer, language, row in data["names"]:
            files.names[child] = NameRow(child, first, social, officer, language, row)
        return files


def decode(name: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """The text of a file, or the reason it cannot be read."""
    if len(raw) > MAX_BYTES:
        return None, Problem(name, 0, "too_big")
    if not raw.strip() or raw.strip() == b"\xef\xbb\xbf":
        return None, Problem(name, 0, "empty")
    if b"\x00" in raw:
        return None, Problem(name, 0, "not_text")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        row = raw.count(b"\n", 0, error.start) + 1
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError:
            return None, Problem(name, row, "not_text")
        return None, Problem(name, row, "windows_1252")


def recognise(columns: list[str]) -> tuple[str | None, dict[str, Any]]:
    """Which kind of file a header row is: exactly one kind's columns (and its optional ones), in any order. When
    none fits, the closest kind and what is missing or extra, to name in the error."""
    found = set(columns)
    for kind, (needed, optional) in KINDS.items():
        if set(needed) <= found <= set(needed) | set(optional) and len(found) == len(columns):
            return kind, {}
    best = max(KINDS, key=lambda k: len(found & set(KINDS[k][0])) / len(set(KINDS[k][0]) | found))
    needed, optional = KINDS[best]
    if len(found & set(needed)) < 2:
        return None, {}
    missing = [c for c in needed if c not in found]
    extra = [c for c in columns if c not in needed and c not in optional]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    return None, {
        "kind": best,
        "missing": ", ".join(missing) or "-",
        "extra": ", ".join(extra + duplicated) or "-",
    }


def parse_date(value: str, column: str, file: str, row: int, problems: list[Problem]) -> date | None:
    value = value.strip()
    match = _DATE.match(value)
    if match is None:
        code = "iso_date" if _ISO_DATE.match(value) else "bad_date"
        problems.append(Problem(file, row, code, {"column": column}))
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        problems.append(Problem(file, row, "impossible_date", {"column": column}))
        return None


def read(files: list[tuple[str, bytes]], today: date) -> Files:
    """Read every file given (name, bytes), recognise each, and check each row and the files against each other."""
    out = Files()
    if not files:
        out.problems.append(Problem("-", 0, "no_files"))
        return out
    for name, raw in files:
        text, problem = decode(name, raw)
        if problem is not None:
            out.problems.append(problem)
            continue
        assert text is not None
        rows = csv.reader(io.StringIO(text, newline=""))
        header = next(rows, None)
        columns = [c.strip().upper() for c in header or []]
        kind, detail = recognise(columns)
        if kind is None:
            out.problems.append(Problem(name, 1, "columns_wrong" if detail else "columns_unknown", detail))
            continue
        if kind in out.names_of:
            out.problems.append(Problem(name, 1, "second_file", {"kind": kind, "other": out.names_of[kind]}))
            continue
        out.names_of[kind] = name
        _READERS[kind](out, name, columns, rows, today)
    _check_across(out)
    return out


def _cells(name: str, columns: list[str], rows: Any, problems: list[Problem]) -> Any:
    """Each data row as {column: value}, with its row number; rows of only blanks are skipped."""
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            problems.append(Problem(name, number, "cells", {"found": len(cells), "expected": len(columns)}))
            continue
        yield number, {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}


def _child(name: str, number: int, cells: dict[str, str], problems: list[Problem]) -> str | None:
    child = cells["CHILD"]
    if not child:
        problems.append(Problem(name, number, "blank", {"column": "CHILD"}))
        return None
    if not _CHILD.match(child):
        problems.append(Problem(name, number, "child_id"))
        return None
    return child


def _past_date(
    cells: dict[str, str], column: str, name: str, number: int, today: date, problems: list[Problem]
) -> date | None:
    value = parse_date(cells[column], column, name, number, problems)
    if value is not None and value > today:
        problems.append(Problem(name, number, "future_date", {"column": column}))
        return None
    return value


def _code(cells: dict[str, str], column: str, allowed: frozenset[str] | tuple[str, ...], *, where: tuple) -> str | None:
    name, number, problems = where
    value = cells[column]
    if not value:
        problems.append(Problem(name, number, "blank", {"column": column}))
        return None
    if value not in allowed:
        problems.append(Problem(name, number, "code", {"column": column, "value": value[:12]}))
        return None
    return value


def _read_header(out: Files, name: str, columns: list[str], rows: Any, today: date) -> None:
    for number, cells in _cells(name, columns, rows, out.problems):
        child = _child(name, number, cells, out.problems)
        dob = _past_date(cells, "DOB", name, number, today, out.problems)
        if child is None or dob is None:
            continue
        if child in out.header:
            out.problems.append(
                Problem(name, number, "duplicate_child", {"child": child, "other": out.header[child].row})
            )
            continue
        out.header[child] = HeaderRow(child, dob, number)


def _read_episodes(out: Files, name: str, columns: list[str], rows: Any, today: date) -> None:
    for number, cells in _cells(name, columns, rows, out.problems):
        where = (name, number, out.problems)
        before = len(out.problems)
        child = _child(name, number, cells, out.problems)
        start = _past_date(cells, "DECOM", name, number, today, out.problems)
        rne = _code(cells, "RNE", codes.RNE_CODES, where=where)
        ls = _code(cells, "LS", codes.LS_CODES, where=where)
        cin = _code(cells, "CIN", codes.CIN_CODES, where=where)
        place = _code(cells, "PLACE", codes.PLACE_CODES, where=where)
        end = _past_date(cells, "DEC", name, number, today, out.problems) if cells["DEC"] else None
        rec = _code(cells, "REC", codes.REC_CODES, where=where) if cells["REC"] else None
        if cells["DEC"] and not cells["REC"]:
            out.problems.append(Problem(name, number, "dec_without_rec"))
        if cells["REC"] and not cells["DEC"]:
            out.problems.append(Problem(name, number, "rec_without_dec"))
        if start and end and end < start:
            out.problems.append(Problem(name, number, "ended_before_start"))
        if len(out.problems) > before:
            continue
        assert child and start and rne and ls and cin and place
        out.episodes.append(EpisodeRow(child, start, rne, ls, cin, place, end, rec, number))


def _read_reviews(out: Files, name: str, columns: list[str], rows: Any, today: date) -> None:
    for number, cells in _cells(name, columns, rows, out.problems):
        before = len(out.problems)
        child = _child(name, number, cells, out.problems)
        dob = _past_date(cells, "DOB", name, number, today, out.problems)
        held = _past_date(cells, "REVIEW", name, number, today, out.problems)
        code = _code(cells, "REVIEW_CODE", codes.PARTICIPATION_CODES, where=(name, number, out.problems))
        if dob and held and held < dob:
            out.problems.append(Problem(name, number, "review_before_birth"))
        if len(out.problems) > before:
            continue
        assert child and dob and held and code
        out.reviews.append(ReviewRow(child, dob, held, code, number))


def _read_uasc(out: Files, name: str, columns: list[str], rows: Any, today: date) -> None:
    for number, cells in _cells(name, columns, rows, out.problems):
        before = len(out.problems)
        child = _child(name, number, cells, out.problems)
        dob = _past_date(cells, "DOB", name, number, today, out.problems)
        ceased = parse_date(cells["DUC"], "DUC", name, number, out.problems) if cells["DUC"] else None
        if len(out.problems) > before:
            continue
        assert child and dob
        if child in out.uasc:
            out.problems.append(
                Problem(name, number, "duplicate_child", {"child": child, "other": out.uasc[child].row})
            )
            continue
        out.uasc[child] = UascRow(child, dob, ceased, number)


def _read_names(out: Files, name: str, columns: list[str], rows: Any, today: date) -> None:
    for number, cells in _cells(name, columns, rows, out.problems):
        before = len(out.problems)
        child = _child(name, number, cells, out.problems)
        first = " ".join(cells["FIRST_NAME"].split())
        if not first:
            out.problems.append(Problem(name, number, "blank", {"column": "FIRST_NAME"}))
        elif len(first) > NAME_MAX:
            out.problems.append(Problem(name, number, "name_too_long"))
        emails = {}
        for column in ("SOCIAL_WORKER_EMAIL", "REVIEWING_OFFICER_EMAIL"):
            email = cells[column].lower()
            if not email:
                out.problems.append(Problem(name, number, "blank", {"column": column}))
            emails[column] = email[:EMAIL_MAX]
        language = cells.get("LANGUAGE") or None
        if len(out.problems) > before:
            continue
        assert child
        if child in out.names:
            out.problems.append(
                Problem(name, number, "duplicate_child", {"child": child, "other": out.names[child].row})
            )
            continue
        out.names[child] = NameRow(
            child, first, emails["SOCIAL_WORKER_EMAIL"], emails["REVIEWING_OFFICER_EMAIL"], language, number
        )


_READERS = {
    "Header": _read_header,
    "Episodes": _read_episodes,
    "Reviews": _read_reviews,
    "UASC": _read_uasc,
    "names": _read_names,
}


def _check_across(out: Files) -> None:
    """Every CHILD must be in the Header file; the same DOB everywhere; a child's episodes must not overlap."""
    if "Header" not in out.names_of:
        if out.names_of and not out.problems:  # a Header file that could not be read is named already
            out.problems.append(Problem("-", 0, "no_header"))
        return
    header = out.header
    by_child: dict[str, list[EpisodeRow]] = {}
    file = out.names_of.get("Episodes", "")
    for episode in out.episodes:
        if episode.child not in header:
            out.problems.append(Problem(file, episode.row, "not_in_header", {"child": episode.child}))
            continue
        by_child.setdefault(episode.child, []).append(episode)
    for child, episodes in by_child.items():
        episodes.sort(key=lambda e: (e.started_on, e.row))
        for earlier, later in itertools.pairwise(episodes):
            if earlier.started_on == later.started_on:
                out.problems.append(
                    Problem(file, later.row, "duplicate_episode", {"child": child, "other": earlier.row})
                )
            elif earlier.ended_on is None:
                out.problems.append(Problem(file, later.row, "open_not_last", {"child": child, "other": earlier.row}))
            elif earlier.ended_on > later.started_on:
                out.problems.append(Problem(file, later.row, "overlap", {"child": child, "other": earlier.row}))
    file = out.names_of.get("Reviews", "")
    seen: dict[tuple[str, date], int] = {}
    for review in out.reviews:
        if review.child not in header:
            out.problems.append(Problem(file, review.row, "not_in_header", {"child": review.child}))
            continue
        if review.dob != header[review.child].dob:
            out.problems.append(Problem(file, review.row, "dob_differs", {"child": review.child}))
        key = (review.child, review.held_on)
        if key in seen:
            out.problems.append(
                Problem(file, review.row, "duplicate_review", {"child": review.child, "other": seen[key]})
            )
        seen[key] = review.row
        under_four = review.held_on < _birthday(review.dob, 4)
        if review.code == codes.PN_UNDER_FOUR and not under_four:
            out.problems.append(Problem(file, review.row, "pn0_age", {"child": review.child}))
        if review.code != codes.PN_UNDER_FOUR and under_four:
            out.problems.append(
                Problem(file, review.row, "pn_under_four", {"child": review.child, "value": review.code})
            )
    file = out.names_of.get("UASC", "")
    for uasc in out.uasc.values():
        if uasc.child not in header:
            out.problems.append(Problem(file, uasc.row, "not_in_header", {"child": uasc.child}))
        elif uasc.dob != header[uasc.child].dob:
            out.problems.append(Problem(file, uasc.row, "dob_differs", {"child": uasc.child}))
    file = out.names_of.get("names", "")
    for named in out.names.values():
        if named.child not in header:
            out.problems.append(Problem(file, named.row, "not_in_header", {"child": named.child}))


def _birthday(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February: the birthday is 1 March in other years
        return date(born.year + years, 3, 1)
