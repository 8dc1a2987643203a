"""What views declare about themselves (how CSRF is checked, whether a session survives expiry) and where each
role's home is: the markers the request cycle reads."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import url_for

from app.roles import Role

HOME_ENDPOINTS = {
    Role.young_person: "young_person.home",
    Role.care_leaver: "young_person.home",
    Role.practitioner: "practitioner.home",
    Role.reviewing_officer: "reviewing_officer.home",
    Role.advocate: "advocate.home",
    Role.advocacy_manager: "advocate.home",
    Role.duty: "duty.home",
    Role.council_admin: "admin.home",
    Role.complaints_officer: "complaints.home",
}


SKIP_GLOBAL_CSRF = "__orbit_skip_global_csrf__"


def csrf_in_form(view: Any) -> Any:
    """This view's form checks CSRF itself, so an expired token re-shows the form with what was typed."""
    setattr(view, SKIP_GLOBAL_CSRF, True)
    return view


SESSION_GRACE = "__orbit_session_grace__"
GRACE_PERIOD = timedelta(minutes=30)


def keeps_session_through_expiry(view: Any) -> Any:
    """For the safety alert only: the page has no sign-out timer, and sending still works just after expiry."""
    setattr(view, SESSION_GRACE, True)
    return view


def csrf_not_checked(view: Any) -> Any:
    """Only for Exit this page: it must always work, and SameSite=Lax stops other sites using it."""
    setattr(view, SKIP_GLOBAL_CSRF, True)
    return view


WITHOUT_SESSION = "__orbit_without_session__"


def answers_without_session(view: Any) -> Any:
    """The request cycle does not read the session (nor the database for it): health checks, and Exit this page,
    which must work even when the database does not answer."""
    setattr(view, WITHOUT_SESSION, True)
    return view


WITHOUT_DATABASE = "__orbit_without_database__"


def works_without_database(view: Any) -> Any:
    """If the session cannot be loaded because the database does not answer, the page is shown as to someone
    signed out instead of failing: Get help now must open even then."""
    setattr(view, WITHOUT_DATABASE, True)
    return view


# Set at sign-in for young people: when the database cannot be reached and the user cannot be loaded, error pages
# still know to show Exit this page and Get help now. Nothing personal: only which layout to use.
YOUNG_PERSON_SESSION = "young_person"


def home_url(role: Role) -> str:
    return url_for(HOME_ENDPOINTS[role])


def is_safe_next(target: str | None) -> bool:
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")
