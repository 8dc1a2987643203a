"""Errors services raise when a rule says no. Views turn the code into words for the person."""

from __future__ import annotations


class Refused(Exception):
    """A request the rules refuse. `code` names the reason; `field` is the form field it is about, if any."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


class NotFound(Exception):
    """The thing does not exist, or this person may not know that it does. Both look the same from outside."""
