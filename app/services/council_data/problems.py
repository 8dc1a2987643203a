"""Every problem an import can find, as `file:row: reason`. The reasons are translated when they are shown (the
admin page in the admin's language, the command in English), so they are kept as a code and its values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import has_request_context
from flask_babel import gettext


def _l(message: str) -> str:
    """Marks a reason for the catalogue; it is translated when shown in a request, English on the command line."""
    return message


REASONS: dict[str, str] = {
    "too_big": _l("the file is over 50 MB"),
    "empty": _l("the file is empty"),
    "windows_1252": _l(
        "the file is in Windows-1252 (saved by Excel as “CSV” rather than “CSV UTF-8”): save it again as CSV UTF-8"
    ),
    "not_text": _l("the file is not a CSV text file"),
    "columns_unknown": _l("the columns are not those of a Header, Episodes, Reviews, UASC or names file"),
    "columns_wrong": _l(
        "looks like the %(kind)s file, but columns are missing (%(missing)s) or not expected (%(extra)s)"
    ),
    "second_file": _l("a second %(kind)s file (the first was %(other)s)"),
    "cells": _l("%(found)s cells where the header has %(expected)s"),
    "blank": _l("%(column)s is blank"),
    "child_id": _l("CHILD must be 1 to 10 letters or numbers"),
    "iso_date": _l("%(column)s is written as yyyy-mm-dd; the 903 uses dd/mm/yyyy"),
    "bad_date": _l("%(column)s is not a date written as dd/mm/yyyy"),
    "impossible_date": _l("%(column)s is not a real date"),
    "future_date": _l("%(column)s is in the future"),
    "code": _l("%(column)s %(value)s is not a 903 code"),
    "duplicate_child": _l("CHILD %(child)s is already on row %(other)s"),
    "not_in_header": _l("CHILD %(child)s is not in the Header file"),
    "dob_differs": _l("DOB differs from the Header file for CHILD %(child)s"),
    "ended_before_start": _l("DEC is before DECOM"),
    "rec_without_dec": _l("REC is given but DEC is blank"),
    "dec_without_rec": _l("DEC is given but REC is blank"),
    "overlap": _l("this episode overlaps the one on row %(other)s for CHILD %(child)s"),
    "open_not_last": _l("the episode on row %(other)s has no end date but a later one starts for CHILD %(child)s"),
    "no_header": _l("no Header file: the 903 Header file is needed"),
    "no_name": _l("CHILD %(child)s is new to Orbit and has no row in the names file"),
    "name_too_long": _l("FIRST_NAME is longer than 80 characters"),
    "email_not_staff": _l("%(column)s %(email)s is not a %(role)s of this council in Orbit"),
    "language": _l("LANGUAGE %(value)s is not a language Orbit offers"),
    "other_council": _l("CHILD %(child)s is already used by another council"),
    "too_old": _l("DOB makes CHILD %(child)s 26 or older"),
    "review_before_birth": _l("REVIEW is before DOB"),
    "pn0_age": _l("REVIEW_CODE PN0 is for a child under 4, but CHILD %(child)s was 4 or over (903 rule 440)"),
    "pn_under_four": _l(
        "REVIEW_CODE %(value)s is for a child of 4 or over, but CHILD %(child)s was under 4 (903 rule 441)"
    ),
    "duplicate_review": _l("a second review on the same day for CHILD %(child)s (row %(other)s)"),
    "duplicate_episode": _l("a second episode starting the same day for CHILD %(child)s (row %(other)s)"),
    "no_files": _l("no files were given"),
}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    code: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        template = REASONS[self.code]
        if has_request_context():
            template = gettext(template)
        return template % self.values if self.values else template

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.reason}"

    def as_list(self) -> list[Any]:
        return [self.file, self.row, self.code, self.values]
