"""Young people join with a one-time invite code; staff join from an invite link and must set up TOTP."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AllocationKind, AuditAction, AuditEvent, Invite, User, YoungPerson
from app.roles import Role
from app.services import auth
from tests import factories
from tests.conftest import post_form


def _invited(days_old: int = 0) -> tuple[YoungPerson, str, User]:
    council = factories.CouncilFactory()
    worker = factories.staff(Role.practitioner, council)
    person = factories.young_person(council, with_account=False, first_name="Sami")
    factories.allocate(person, worker, AllocationKind.social_worker)
    code, _ = auth.create_young_person_invite(worker, person)
    db.session.commit()
    if days_old:
        clock.travel(timedelta(days=days_old))
    return person, code, worker


def _join(client, code: str, username: str = "sami.k", password: str = "purple otter rocket", confirm=None):
    post_form(client, "/join", {"code": code})
    return post_form(
        client,
        "/join/account",
        {"username": username, "password": password, "confirm_password": confirm or password},
    )


def test_invite_codes_are_easy_to_read_aloud(app) -> None:
    _person, code, _worker = _invited()
    letters = code.replace("-", "")
    assert len(letters) == 8
    assert not set(letters) & set("0O1lI")


def test_a_young_person_joins_with_their_code_and_is_signed_in(app, client) -> None:
    person, code, _worker = _invited()

    response = _join(client, code.lower().replace("-", " "))

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/me/?joined=1")
    first_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Hello, Sami" in first_page
    assert "Your privacy, in short" in first_page  # the short privacy notice, on the first page after joining
    db.session.expire_all()
    joined = db.session.get(YoungPerson, person.id)
    assert joined.user is not None and joined.user.username == "sami.k"
    assert joined.user.role is Role.young_person


def test_a_code_works_once(app, client) -> None:
    _person, code, _worker = _invited()
    _join(client, code)

    again = app.test_client()
    page = post_form(again, "/join", {"code": code}).get_data(as_text=True)

    assert "already been used" in page


def test_an_expired_code_is_refused_and_what_was_typed_stays(app, client) -> None:
    _person, code, _worker = _invited(days_old=15)

    page = post_form(client, "/join", {"code": code}).get_data(as_text=True)

    assert "too old" in page
    assert f'value="{code}"' in page
    assert "govuk-error-summary" in page


def test_a_wrong_code_says_so_next_to_the_field(app, client) -> None:
    _invited()
    page = post_form(client, "/join", {"code": "ABCD-EFGH"}).get_data(as_text=True)
    assert 'id="code-error"' in page
    assert "could not find that code" in page


def test_a_taken_username_and_a_weak_password_keep_the_username_but_never_the_password(app, client) -> None:
    _person, code, _worker = _invited()
    factories.UserFactory(role=Role.young_person, first_name="Taken", username="taken")
    db.session.commit()

    page = _join(client, code, username="taken").get_data(as_text=True)
    assert "That username is taken" in page
    assert 'value="taken"' in page

    page = _join(client, code, username="fresh.name", password="password1").get_data(as_text=True)
    assert "too easy to guess" in page
    assert 'value="fresh.name"' in page
    assert "password1" not in page
    assert db.session.scalar(select(User).where(User.username == "fresh.name")) is None


def test_an_expired_form_keeps_what_was_typed_and_changes_nothing(app, client) -> None:
    _person, code, _worker = _invited()
    post_form(client, "/join", {"code": code})

    page = client.post(
        "/join/account",
        data={"csrf_token": "stale", "username": "kept.name", "password": "purple otter rocket"},
    ).get_data(as_text=True)

    assert "open too long" in page
    assert 'value="kept.name"' in page
    assert "purple otter rocket" not in page
    assert db.session.scalar(select(User).where(User.username == "kept.name")) is None


def test_a_new_code_stops_the_old_one(app, client) -> None:
    person, first, worker = _invited()
    auth.create_young_person_invite(worker, person)
    db.session.commit()
    assert "could not find that code" in post_form(client, "/join", {"code": first}).get_data(as_text=True)


def test_a_practitioner_makes_a_code_and_sees_it_once(app, signed_in) -> None:
    council = factories.CouncilFactory()
    worker = factories.staff(Role.practitioner, council)
    person = factories.young_person(council, with_account=False)
    factories.allocate(person, worker, AllocationKind.social_worker)
    db.session.commit()
    client = signed_in(worker)

    response = post_form(client, f"/practitioner/young-people/{person.id}/invite")
    assert response.status_code == 303
    first_view = client.get(f"/practitioner/young-people/{person.id}").get_data(as_text=True)
    second_view = client.get(f"/practitioner/young-people/{person.id}").get_data(as_text=True)

    assert "New invite code" in first_view
    assert "New invite code" not in second_view
    assert "works until" in second_view
    assert db.session.scalar(select(Invite).where(Invite.young_person_id == person.id)) is not None


def test_staff_join_from_their_link_and_must_set_up_totp_before_anything_else(app, client) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    token, _invite = auth.create_staff_invite(admin, Role.practitioner, "Nia", "Jones", "nia@example.org")
    db.session.commit()

    response = post_form(
        client,
        f"/staff/join/{token}",
        {"password": "river stone lantern", "confirm_password": "river stone lantern"},
    )
    assert response.headers["Location"].endswith("/account/second-factor")
    assert client.get("/practitioner/").headers["Location"].endswith("/account/second-factor")

    page = client.get("/account/second-factor").get_data(as_text=True)
    assert "<svg" in page
    user = db.session.scalar(select(User).where(User.email == "nia@example.org"))
    bad = post_form(client, "/account/second-factor", {"code": "000000"}).get_data(as_text=True)
    assert "That code did not work" in bad
    db.session.refresh(user)
    good = post_form(client, "/account/second-factor", {"code": pyotp.TOTP(user.totp_secret).at(clock.now())})
    assert good.status_code == 303
    assert client.get("/practitioner/").status_code == 200
    assert client.get(f"/staff/join/{token}").status_code == 404


def test_joining_is_audited_without_secrets(app, client) -> None:
    _person, code, _worker = _invited()
    _join(client, code)
    actions = {event.action for event in db.session.scalars(select(AuditEvent))}
    assert {AuditAction.invite_created, AuditAction.invite_redeemed, AuditAction.sign_in} <= actions
