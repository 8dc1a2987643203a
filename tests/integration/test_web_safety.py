"""Headers, caching, compression, languages, error pages and the database rules every page relies on."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.extensions import db
from app.models import AuditAction, AuditEvent, AuditOutcome
from app.models.audit import AuditIsAppendOnly
from app.services import audit
from tests import factories
from tests.conftest import post_form, sign_in_as


def test_every_response_carries_the_security_headers(client) -> None:
    for path in ("/", "/sign-in", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'nonce-"):
            assert directive in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "geolocation=()" in headers["Permissions-Policy"]
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert "HX-Request" in headers["Vary"]


def test_the_nonce_changes_every_request_and_matches_the_scripts(client) -> None:
    first, second = client.get("/"), client.get("/")
    nonce = first.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert nonce not in second.headers["Content-Security-Policy"]
    assert f'nonce="{nonce}"' in first.get_data(as_text=True)


def test_signed_in_pages_are_never_stored(app, client) -> None:
    person = factories.young_person(factories.CouncilFactory())
    db.session.commit()
    sign_in_as(client, person.user)
    assert client.get("/me/").headers["Cache-Control"] == "no-store"


def test_pages_are_compressed_for_browsers_that_ask(client) -> None:
    response = client.get("/sign-in", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_assets_are_served_by_orbit_fingerprinted_and_cached_for_a_year(client) -> None:
    from app.web import _manifest

    name = _manifest()["orbit.css"]
    response = client.get(f"/assets/{name}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.mimetype == "text/css"
    assert "immutable" in response.headers["Cache-Control"]
    assert client.get("/assets/../config.py").status_code == 404


def test_nothing_is_loaded_from_another_origin(client) -> None:
    import re

    page = client.get("/sign-in").get_data(as_text=True)
    loaded = re.findall(r'<(?:script|img|link|iframe)[^>]+(?:src|href)="([^"]+)"', page)
    assert loaded, "expected the page to load its own assets"
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded)


def test_arabic_pages_read_right_to_left_and_the_choice_is_remembered(app, client) -> None:
    response = post_form(client, "/language", {"lang": "ar", "next": "/sign-in"})
    assert response.status_code == 303
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'dir="rtl"' in page and 'lang="ar"' in page


def test_a_signed_in_persons_language_is_saved_on_their_account(app, client) -> None:
    person = factories.young_person(factories.CouncilFactory())
    db.session.commit()
    sign_in_as(client, person.user)
    post_form(client, "/language", {"lang": "cy", "next": "/me/"})
    db.session.refresh(person.user)
    assert person.user.locale == "cy"
    fresh = app.test_client()
    sign_in_as(fresh, person.user)
    assert 'lang="cy"' in fresh.get("/me/").get_data(as_text=True)


def test_an_unknown_language_changes_nothing(client) -> None:
    response = post_form(client, "/language", {"lang": "xx", "next": "/sign-in"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/sign-in")
    assert "orbit_lang" not in response.headers.get("Set-Cookie", "")


def test_friendly_error_pages_show_nothing_internal(app: Flask, client) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    boom.__orbit_access__ = app.view_functions["public.start"].__orbit_access__  # type: ignore[attr-defined]
    page = client.get("/boom")
    assert page.status_code == 500
    assert "secret internals" not in page.get_data(as_text=True)
    assert "Sorry, something went wrong" in page.get_data(as_text=True)
    assert client.get("/nowhere").status_code == 404


def test_posts_without_a_csrf_token_change_nothing(app, client) -> None:
    person = factories.young_person(factories.CouncilFactory())
    db.session.commit()
    sign_in_as(client, person.user)
    response = client.post("/language", data={"lang": "ar"})
    assert response.status_code == 400
    db.session.refresh(person.user)
    assert person.user.locale is None


def test_the_audit_log_is_append_only_in_code_and_in_the_database(app) -> None:
    audit.record(AuditAction.sign_in, outcome=AuditOutcome.success)
    db.session.commit()
    event = db.session.query(AuditEvent).one()
    event.outcome = AuditOutcome.failure
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    for statement in ("UPDATE audit_events SET outcome = 'failure'", "DELETE FROM audit_events"):
        with pytest.raises(DatabaseError):
            db.session.execute(text(statement))
        db.session.rollback()
