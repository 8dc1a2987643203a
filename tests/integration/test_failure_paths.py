"""When the database or Redis does not answer: 503 with Retry-After (never 500), a young person's page keeps Exit
this page and Get help now, a safety alert that could not be saved says it did not send and who to call, and what
was typed is still on the page. Tested against a PostgreSQL port and a Redis port nothing listens on; the shared
PostgreSQL is never stopped."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app import create_app
from app.extensions import db
from app.models import AllocationKind, AuditEvent, OutboxMessage, SafetyAlert
from app.roles import Role
from app.services import reviews, safety, young_people
from app.web import YOUNG_PERSON_SESSION
from tests import factories
from tests.conftest import FreshContextClient, post_form

NOWHERE_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:1/orbit_nowhere"
NOWHERE_REDIS = "redis://127.0.0.1:1/0"
WORDS = "I don't want to go back there <script>alert(1)</script>"


def _down(message: str = "server closed the connection unexpectedly") -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception(message))


@pytest.fixture
def broken() -> Iterator[Flask]:
    """Orbit pointed at a database nothing listens on, as when PostgreSQL is stopped."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": NOWHERE_DATABASE,
            "TESTING": True,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "orbit.test",
        }
    )
    app.test_client_class = FreshContextClient
    yield app
    with app.app_context():
        db.engine.dispose()


def _signed_in_browser(app: Flask, *, young_person: bool | None) -> FlaskClient:
    """A browser holding a session cookie from before the database went away."""
    client = app.test_client()
    with client.session_transaction() as browser_session:
        browser_session["sid"] = "a-token-the-database-would-know"
        if young_person is not None:
            browser_session[YOUNG_PERSON_SESSION] = young_person
    return client


def _has_young_persons_layout(page: str) -> bool:
    return all(part in page for part in ("Exit this page", "Get help now", "0800 1111", 'href="tel:999"'))


# The database does not answer ----------------------------------------------------------------------------------


def test_a_young_persons_page_answers_503_with_exit_and_help_when_the_database_is_down(broken) -> None:
    response = _signed_in_browser(broken, young_person=True).get("/me/")
    page = response.get_data(as_text=True)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert _has_young_persons_layout(page)
    assert "Orbit is not working right now" in page
    assert "Try again in a few minutes" in page
    assert "no-store" in response.headers["Cache-Control"]


def test_the_address_alone_is_enough_to_keep_the_young_persons_layout(broken) -> None:
    for path in ("/me/people", "/me/family-time", "/me/review", "/me/no-such-page"):
        response = _signed_in_browser(broken, young_person=None).get(path)
        assert response.status_code == 503, path
        assert _has_young_persons_layout(response.get_data(as_text=True)), path


def test_the_session_says_young_person_on_shared_pages(broken) -> None:
    response = _signed_in_browser(broken, young_person=True).get("/account/password")
    assert response.status_code == 503
    assert _has_young_persons_layout(response.get_data(as_text=True))


def test_staff_pages_answer_503_too(broken) -> None:
    response = _signed_in_browser(broken, young_person=None).get("/practitioner/")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "Orbit is not working right now" in page and "Exit this page" not in page


STAFF_SAFETY = (
    "If you are worried about a young person's safety, do not wait for Orbit. Follow your council's"
    " safeguarding procedure, and call 999 if someone is in danger now."
)
NO_ALERTS = "While Orbit is not working, young people cannot send safety alerts through it."


@pytest.mark.parametrize(
    "path", ["/practitioner/", "/reviewing-officer/", "/advocate/", "/duty/", "/admin/", "/complaints-team/"]
)
def test_staff_are_told_not_to_wait_for_orbit_with_a_safety_worry(broken, path) -> None:
    response = _signed_in_browser(broken, young_person=None).get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    # Advocates work for an independent organisation, not the council.
    words = STAFF_SAFETY.replace("council's", "organisation's") if path == "/advocate/" else STAFF_SAFETY
    assert words in page
    assert (NO_ALERTS in page) is (path == "/duty/")  # the duty worker is the one waiting for alerts


def test_an_unexpected_error_on_a_staff_page_says_not_to_wait_for_orbit(app, signed_in, monkeypatch) -> None:
    worker = factories.staff(Role.practitioner, factories.CouncilFactory())
    db.session.commit()

    def breaks(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(young_people, "caseload", breaks)
    response = signed_in(worker).get("/practitioner/")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert STAFF_SAFETY in page and NO_ALERTS not in page


def test_public_and_young_persons_pages_do_not_show_the_staff_words(broken) -> None:
    for young_person, path in ((None, "/sign-in"), (True, "/me/"), (True, "/account/password"), (True, "/duty/")):
        page = _signed_in_browser(broken, young_person=young_person).get(path).get_data(as_text=True)
        assert "safeguarding procedure" not in page, path


def test_get_help_and_exit_this_page_still_work_when_the_database_is_down(broken) -> None:
    client = _signed_in_browser(broken, young_person=True)
    help_page = client.get("/help")
    assert help_page.status_code == 200
    assert _has_young_persons_layout(help_page.get_data(as_text=True))

    leaving = client.post("/exit")
    assert leaving.status_code == 303
    assert leaving.headers["Location"] == broken.config["ORBIT_SETTINGS"].exit_url
    assert "Clear-Site-Data" in leaving.headers
    with client.session_transaction() as browser_session:
        assert "sid" not in browser_session


def test_a_safety_alert_that_could_not_be_saved_says_it_did_not_send(broken) -> None:
    key = str(uuid.uuid4())
    response = _signed_in_browser(broken, young_person=True).post(
        "/me/safe", data={"csrf_token": "kept", "feeling": "scared", "words": WORDS, "submission_key": key}
    )
    page = response.get_data(as_text=True)

    assert response.status_code == 503
    assert "Your message did not send" in page
    assert "nobody has been told yet" in page
    assert "If you are in danger right now, call 999." in page
    assert "0800 1111" in page and _has_young_persons_layout(page)
    # What she typed is there, escaped, in a form that sends the same alert again (same key: one alert).
    assert "I don&#39;t want to go back there &lt;script&gt;" in page and "<script>alert(1)" not in page
    assert re.search(r'<form method="post" action="/me/safe"', page)
    assert f'name="submission_key" value="{key}"' in page
    assert 'name="feeling" value="scared"' in page
    assert "Try sending again" in page


def test_words_typed_in_a_text_area_come_back_in_one_all_in_sight(broken) -> None:
    """Short words from a text area came back in a one-line box: on a 320 px phone most of them were out of sight,
    and in a right-to-left language it was their start that was cut off."""
    words = "Someone keeps shouting at night and I can't sleep"  # under 80 characters, one line
    response = _signed_in_browser(broken, young_person=True).post(
        "/me/safe", data={"csrf_token": "kept", "feeling": "scared", "words": words, "submission_key": "k"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    kept = r'<textarea class="govuk-textarea" id="kept-1" name="words" rows="5" dir="auto">Someone keeps'
    assert re.search(kept, page)
    # A one-line field (a name) stays one line.
    response = _signed_in_browser(broken, young_person=True).post("/me/people/add", data={"name": "Aunty Rose"})
    assert re.search(
        r'<input class="govuk-input" id="kept-1" name="name" type="text" dir="auto" value="Aunty Rose"', _page(response)
    )


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_a_form_that_could_not_be_saved_keeps_what_was_typed_and_drops_passwords(broken) -> None:
    client = _signed_in_browser(broken, young_person=True)
    response = client.post("/me/review/views/going-well", data={"csrf_token": "t", "text": WORDS, "save": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "What you sent was not saved" in page and "&lt;script&gt;" in page
    assert "What you typed" in page and 'name="save" value="1"' in page

    response = client.post(
        "/account/password",
        data={"current_password": "old-secret-words", "password": "new-secret-words", "confirm_password": "x"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "old-secret-words" not in page and "new-secret-words" not in page


def test_the_page_stays_in_the_accounts_language_when_the_database_stops(app, broken) -> None:
    """She chose Pashto on another phone: this browser has no language cookie, only her account says Pashto. When
    the database stops, Orbit cannot load her account, yet the page must still be in Pashto (and right to left)."""
    person = factories.young_person(factories.CouncilFactory(), first_name="Gul")
    person.user.locale = "ps"
    db.session.commit()
    up = app.test_client()
    signed_in = post_form(up, "/sign-in", {"username": "gul", "password": factories.PASSWORD})
    assert signed_in.status_code == 303
    assert up.get_cookie("orbit_lang", domain="orbit.test") is None
    assert '<html lang="ps" dir="rtl"' in up.get("/me/").get_data(as_text=True)

    name = app.config["SESSION_COOKIE_NAME"]
    down = broken.test_client()
    down.set_cookie(name, up.get_cookie(name, domain="orbit.test").value, domain="orbit.test")
    for path in ("/me/", "/account/password"):
        response = down.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 503, path
        assert '<html lang="ps" dir="rtl"' in page, path
        assert "0800 1111" in page and 'href="tel:999"' in page and 'action="/exit"' in page, path


def test_choosing_a_language_while_signed_in_is_kept_for_when_the_database_stops(app, broken) -> None:
    person = factories.young_person(factories.CouncilFactory(), first_name="Gul")
    db.session.commit()
    up = app.test_client()
    post_form(up, "/sign-in", {"username": "gul", "password": factories.PASSWORD})
    post_form(up, "/language", {"lang": "ar", "next": "/me/"})
    up.delete_cookie("orbit_lang", domain="orbit.test")  # the language cookie gone, the session still there

    name = app.config["SESSION_COOKIE_NAME"]
    down = broken.test_client()
    down.set_cookie(name, up.get_cookie(name, domain="orbit.test").value, domain="orbit.test")
    page = down.get("/me/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    assert person.user.locale == "ar"


def test_sign_in_answers_503_not_500(broken) -> None:
    client = broken.test_client()
    response = post_form(client, "/sign-in", {"username": "maya", "password": "whatever"})
    assert response.status_code == 503
    assert "whatever" not in response.get_data(as_text=True)


# The database goes away in the middle of a request ----------------------------------------------------------------


@pytest.fixture
def maya(app):
    council = factories.CouncilFactory(duty_manager_email="duty.manager@example.org")
    person = factories.young_person(council, first_name="Maya")
    factories.allocate(person, factories.staff(Role.practitioner, council), AllocationKind.social_worker)
    db.session.commit()
    return person


def test_an_alert_that_fails_while_saving_says_it_did_not_send_and_saves_nothing(maya, signed_in, monkeypatch) -> None:
    client = signed_in(maya.user)

    def fails(*_args, **_kwargs):
        raise _down()

    monkeypatch.setattr(safety, "raise_alert", fails)
    page = client.get("/me/safe").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    response = post_form(client, "/me/safe", {"feeling": "unsafe", "words": WORDS, "submission_key": key})
    page = response.get_data(as_text=True)

    assert response.status_code == 503
    assert "Your message did not send" in page and _has_young_persons_layout(page)
    assert "&lt;script&gt;" in page and f'value="{key}"' in page
    assert db.session.scalar(select(func.count()).select_from(SafetyAlert)) == 0


def test_a_review_step_that_fails_keeps_the_words(maya, signed_in, monkeypatch) -> None:
    client = signed_in(maya.user)

    def fails(*_args, **_kwargs):
        raise _down()

    monkeypatch.setattr(reviews, "views_page", fails)
    response = post_form(client, "/me/review/views/hard", {"text": WORDS, "save": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert _has_young_persons_layout(page) and "&lt;script&gt;" in page


def test_a_commit_that_fails_answers_503_not_the_success_page(maya, signed_in, monkeypatch) -> None:
    client = signed_in(maya.user)
    page = client.get("/me/safe").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)

    def fails() -> None:
        raise _down()

    monkeypatch.setattr(db.session, "commit", fails)
    response = post_form(client, "/me/safe", {"feeling": "scared", "words": "help", "submission_key": key})
    monkeypatch.undo()

    assert response.status_code == 503
    assert "Your message did not send" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(SafetyAlert)) == 0


def test_an_unexpected_error_keeps_the_young_persons_layout_without_loading_them(maya, signed_in, monkeypatch) -> None:
    client = signed_in(maya.user)

    def breaks(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(reviews, "views_page", breaks)
    response = post_form(client, "/me/review/views/hard", {"text": "my words", "save": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
    assert _has_young_persons_layout(page) and "my words" in page


# A worker killed in the middle of a POST --------------------------------------------------------------------------


def test_a_worker_killed_in_the_middle_of_a_post_leaves_no_half_written_record(maya, signed_in, monkeypatch) -> None:
    """Orbit commits once, after the view. gunicorn ends a worker that overruns its timeout with SystemExit in the
    middle of whatever it was doing; a killed process just drops its connection. Both are here: the alert row is
    already written to the transaction when the connection is dropped without a commit and the worker exits."""
    client = signed_in(maya.user)
    page = client.get("/me/safe").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    written_before_the_kill: list[int] = []

    def killed(_young_person) -> None:
        session = db.session()
        session.flush()
        written_before_the_kill.append(session.scalar(select(func.count()).select_from(SafetyAlert)))
        session.connection().invalidate()  # the driver's connection is closed without a COMMIT, as at a kill
        raise SystemExit(1)

    monkeypatch.setattr(safety, "_tell_staff", killed)
    with pytest.raises(SystemExit):
        post_form(client, "/me/safe", {"feeling": "scared", "words": "half", "submission_key": key})
    monkeypatch.undo()

    assert written_before_the_kill == [1]
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(SafetyAlert)) == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert (
        db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.object_type == "safety_alert"))
        == 0
    )

    # The next request, on a new connection, sends the alert once.
    response = post_form(client, "/me/safe", {"feeling": "scared", "words": "whole", "submission_key": key})
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(SafetyAlert)) == 1


# Redis does not answer ----------------------------------------------------------------------------------------------


@pytest.fixture
def no_redis(database_template, tmp_path) -> Iterator[Flask]:
    from tests.conftest import POSTGRES_URL

    if POSTGRES_URL:
        url = database_template
    else:
        import shutil

        shutil.copy(database_template, tmp_path / "orbit.sqlite")
        url = f"sqlite:///{tmp_path / 'orbit.sqlite'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "TESTING": True,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": NOWHERE_REDIS,
            "SERVER_NAME": "orbit.test",
        }
    )
    app.test_client_class = FreshContextClient
    yield app
    with app.app_context():
        db.engine.dispose()


def test_a_rate_limited_form_answers_503_when_redis_is_down(no_redis) -> None:
    client = no_redis.test_client()
    assert client.get("/sign-in").status_code == 200  # only POSTs are limited
    response = post_form(client, "/sign-in", {"username": "maya", "password": "secret-words"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "secret-words" not in response.get_data(as_text=True)


def test_a_draft_saved_as_it_is_typed_says_not_saved_in_place(broken) -> None:
    client = _signed_in_browser(broken, young_person=True)
    response = client.post(
        "/me/review/views/going-well",
        data={"csrf_token": "t", "text": WORDS},
        headers={"HX-Request": "true", "HX-Target": "save-status"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert page.startswith('<p id="save-status"') and "<html" not in page
    assert "Not saved." in page and "Try again in a few minutes" in page


def test_a_queue_refreshing_itself_keeps_what_it_shows(broken) -> None:
    response = _signed_in_browser(broken, young_person=None).get("/advocate/queue", headers={"HX-Request": "true"})
    assert response.status_code == 503
    assert response.headers["HX-Reswap"] == "none"
    assert response.get_data(as_text=True) == ""


BACKGROUND = {"HX-Request": "true", "X-Orbit-Background": "1"}


@pytest.mark.parametrize("path", ["/advocate/queue", "/duty/alerts"])
def test_a_queue_whose_refresh_fails_keeps_its_rows_and_says_it_is_not_up_to_date(broken, path) -> None:
    response = _signed_in_browser(broken, young_person=None).get(path, headers=BACKGROUND)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["HX-Reswap"] == "none"  # the rows stay as they were
    assert page.startswith('<p id="queue-status" hx-swap-oob="innerHTML">') and "<html" not in page
    assert "<strong>Not up to date.</strong>\nOrbit is not working right now" in page
    assert "every 30 seconds. While Orbit" in page or path != "/duty/alerts"  # two sentences, not run together
    assert ("young people cannot send safety alerts" in page) is (path == "/duty/alerts")


@pytest.mark.parametrize("who, path", [(Role.duty, "/duty/alerts"), (Role.advocate, "/advocate/queue")])
def test_a_queue_that_refreshes_itself_has_an_empty_status_line_to_say_so(app, signed_in, who, path) -> None:
    council = factories.CouncilFactory(advocacy_service=factories.AdvocacyServiceFactory())
    service = council.advocacy_service
    member = factories.staff(who, council) if who is Role.duty else factories.staff(who, service=service)
    db.session.commit()
    page = signed_in(member).get(path, headers=BACKGROUND).get_data(as_text=True)
    assert '<p id="queue-status" class="govuk-body orbit-queue-status" role="status"></p>' in page


def test_every_error_page_under_me_keeps_exit_and_help_even_signed_out(client) -> None:
    response = client.get("/me/no-such-page")
    assert response.status_code == 404
    assert _has_young_persons_layout(response.get_data(as_text=True))


def test_htmx_is_told_to_swap_in_a_failure(client) -> None:
    page = client.get("/help").get_data(as_text=True)
    assert '{"code":"5..","swap":true}' in page
