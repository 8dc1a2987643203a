"""Signing in and out, lockout, second factors, sessions that time out and can be ended everywhere."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db, limiter
from app.models import AuditAction, AuditEvent, UserSession
from app.roles import Role
from tests import factories
from tests.conftest import post_form, sign_in_as
from tests.factories import PASSWORD

BODY = re.compile(r'<main class="govuk-main-wrapper" id="main-content">(.*)</main>', re.S)


def _main(response) -> str:
    """The page's main content, with the per-request CSRF token taken out, for comparing answers."""
    text = BODY.search(response.get_data(as_text=True)).group(1)
    return re.sub(r'value="[^"]*"', 'value=""', text)


@pytest.fixture
def maya(app):
    council = factories.CouncilFactory()
    person = factories.young_person(council, first_name="Maya")
    db.session.commit()
    return person.user


def test_a_young_person_signs_in_with_username_and_password(app, client, maya) -> None:
    response = post_form(client, "/sign-in", {"username": "MAYA ", "password": PASSWORD})
    assert response.status_code == 303
    assert client.get("/me/").status_code == 200


def test_wrong_password_and_unknown_account_get_exactly_the_same_answer(app, maya) -> None:
    wrong = post_form(app.test_client(), "/sign-in", {"username": "maya", "password": "not the one at all"})
    unknown = post_form(app.test_client(), "/sign-in", {"username": "nobody", "password": "not the one at all"})
    assert wrong.status_code == unknown.status_code == 200
    assert _main(wrong) == _main(unknown)
    assert "not the one at all" not in wrong.get_data(as_text=True)


def test_repeated_failures_lock_known_and_unknown_names_alike(app, maya) -> None:
    answers = {}
    for name in ("maya", "nobody"):
        client = app.test_client()
        for _ in range(5):
            last = post_form(client, "/sign-in", {"username": name, "password": "wrong wrong wrong"})
        answers[name] = last
    assert _main(answers["maya"]) == _main(answers["nobody"])
    assert "Too many tries" in _main(answers["maya"])

    locked_out = post_form(app.test_client(), "/sign-in", {"username": "maya", "password": PASSWORD})
    assert "Too many tries" in locked_out.get_data(as_text=True)
    clock.travel(timedelta(minutes=16))
    assert post_form(app.test_client(), "/sign-in", {"username": "maya", "password": PASSWORD}).status_code == 303


def test_addresses_that_try_too_often_are_slowed(app, maya) -> None:
    app.config["RATELIMIT_ENABLED"] = True
    limiter.enabled = True
    limiter.reset()
    client = app.test_client()
    codes = [post_form(client, "/sign-in", {"username": "x", "password": "y"}).status_code for _ in range(11)]
    limiter.reset()
    assert codes[:10] == [200] * 10
    assert codes[10] == 429


def test_staff_need_their_authenticator_code(app) -> None:
    council = factories.CouncilFactory()
    worker = factories.staff(Role.practitioner, council)
    db.session.commit()
    client = app.test_client()

    first = post_form(client, "/staff/sign-in", {"email": worker.email, "password": PASSWORD})
    assert first.headers["Location"].endswith("/staff/sign-in/code")
    assert client.get("/practitioner/").status_code == 302

    wrong = post_form(client, "/staff/sign-in/code", {"code": "123456"})
    assert "That code did not work" in wrong.get_data(as_text=True)
    right = post_form(client, "/staff/sign-in/code", {"code": pyotp.TOTP(worker.totp_secret).at(clock.now())})
    assert right.status_code == 303
    assert client.get("/practitioner/").status_code == 200


def test_a_used_authenticator_code_cannot_be_used_again(app) -> None:
    council = factories.CouncilFactory()
    worker = factories.staff(Role.duty, council)
    db.session.commit()
    code = pyotp.TOTP(worker.totp_secret).at(clock.now())
    for expected in ("ok", "refused"):
        client = app.test_client()
        post_form(client, "/staff/sign-in", {"email": worker.email, "password": PASSWORD})
        response = post_form(client, "/staff/sign-in/code", {"code": code})
        assert (response.status_code == 303) is (expected == "ok")


def test_young_people_are_signed_out_after_15_idle_minutes_and_staff_after_30(app, maya) -> None:
    council = factories.CouncilFactory()
    worker = factories.staff(Role.duty, council)
    db.session.commit()
    young, staff_client = app.test_client(), app.test_client()
    sign_in_as(young, maya)
    sign_in_as(staff_client, worker)

    clock.travel(timedelta(minutes=16))
    ended = young.get("/me/")
    assert ended.status_code == 302
    assert "ended=timeout" in ended.headers["Location"]
    assert staff_client.get("/duty/").status_code == 200


def test_sessions_end_after_their_absolute_limit_even_when_busy(app, maya) -> None:
    client = app.test_client()
    sign_in_as(client, maya)
    for _ in range(8 * 6):
        clock.travel(timedelta(minutes=10))
        response = client.get("/me/")
    assert response.status_code == 302


def test_stay_signed_in_pushes_the_timeout_on(app, maya) -> None:
    client = app.test_client()
    sign_in_as(client, maya)
    clock.travel(timedelta(minutes=14))
    response = post_form(client, "/session/extend", headers={"Accept": "application/json"})
    assert response.status_code == 200 and "expires_at" in response.get_json()
    clock.travel(timedelta(minutes=14))
    assert client.get("/me/").status_code == 200


def test_stay_signed_in_works_without_javascript(app, maya) -> None:
    client = app.test_client()
    sign_in_as(client, maya)
    page = client.get("/session/warning?next=/me/").get_data(as_text=True)
    assert "Stay signed in" in page
    response = post_form(client, "/session/extend", {"next": "/me/"})
    assert response.status_code == 303 and response.headers["Location"] == "/me/"


def test_pages_without_forms_refresh_to_the_warning_without_javascript(app, maya) -> None:
    client = app.test_client()
    sign_in_as(client, maya)
    assert 'http-equiv="refresh"' in client.get("/me/").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in client.get("/account/password").get_data(as_text=True)


def test_signing_out_ends_the_session_on_the_server_and_clears_the_browser(app, maya) -> None:
    client = app.test_client()
    token = sign_in_as(client, maya)
    with client.session_transaction() as saved:
        stolen = dict(saved)

    response = post_form(client, "/sign-out")
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'

    thief = app.test_client()
    with thief.session_transaction() as browser:
        browser.update(stolen)
    assert thief.get("/me/").status_code == 302
    assert token


def test_changing_password_ends_every_other_session(app, maya) -> None:
    here, elsewhere = app.test_client(), app.test_client()
    sign_in_as(here, maya)
    sign_in_as(elsewhere, maya)

    response = post_form(
        here,
        "/account/password",
        {"current_password": PASSWORD, "password": "a brand new phrase", "confirm_password": "a brand new phrase"},
    )

    assert response.status_code == 303
    assert here.get("/me/").status_code == 200
    assert elsewhere.get("/me/").status_code == 302


def test_disabling_an_account_ends_its_sessions(app) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    worker = factories.staff(Role.practitioner, council)
    db.session.commit()
    worker_client, admin_client = app.test_client(), app.test_client()
    sign_in_as(worker_client, worker)
    sign_in_as(admin_client, admin)

    post_form(admin_client, f"/admin/staff/{worker.id}/disable")

    assert worker_client.get("/practitioner/").status_code == 302
    live = db.session.scalars(select(UserSession).where(UserSession.user_id == worker.id)).all()
    assert all(s.revoked_at is not None for s in live)


def test_a_new_session_id_at_every_sign_in(app, maya) -> None:
    client = app.test_client()
    with client.session_transaction() as browser:
        browser["sid"] = "planted-by-someone-else"
    post_form(client, "/sign-in", {"username": "maya", "password": PASSWORD})
    with client.session_transaction() as browser:
        assert browser["sid"] != "planted-by-someone-else"


def test_exit_this_page_ends_the_session_and_leaves(app, maya) -> None:
    client = app.test_client()
    sign_in_as(client, maya)
    response = client.post("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["ORBIT_SETTINGS"].exit_url
    assert response.headers["Clear-Site-Data"]
    assert client.get("/me/").status_code == 302
    exits = db.session.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.exit_page)).all()
    assert len(exits) == 1


def test_sign_in_only_sends_people_back_to_pages_on_orbit(app, maya) -> None:
    for target, expected in (("/me/", "/me/"), ("https://evil.example/", "/me/"), ("//evil.example", "/me/")):
        client = app.test_client()
        response = post_form(client, f"/sign-in?next={target}", {"username": "maya", "password": PASSWORD})
        assert response.headers["Location"] == expected
