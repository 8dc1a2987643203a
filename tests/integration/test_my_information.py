"""Who can see my things, who looked, a copy of my information, and asking to correct or delete something."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AllocationKind, InformationRequest, InformationRequestStatus
from app.roles import Role
from app.services.information_requests import one_calendar_month_after
from tests import factories
from tests.conftest import post_form


@pytest.fixture
def setting(app):
    council = factories.CouncilFactory()
    person = factories.young_person(council, first_name="Maya")
    worker = factories.staff(Role.practitioner, council, first_name="Priya")
    advocate = factories.staff(Role.advocate, council, first_name="Sam")
    factories.allocate(person, worker, AllocationKind.social_worker)
    factories.allocate(person, advocate, AllocationKind.advocate)
    admin = factories.staff(Role.council_admin, council, first_name="Alex")
    factories.person_who_matters(person, name="Nan", audiences=("practitioner",))
    factories.person_who_matters(person, name="Secret Friend")
    db.session.commit()
    return person, worker, advocate, admin


def test_each_thing_says_who_can_see_it_by_name(setting, signed_in) -> None:
    person, _worker, _advocate, _admin = setting
    page = signed_in(person.user).get("/me/my-things").get_data(as_text=True)
    nan = page.split("Someone who matters: Nan")[1].split("</li>")[0]
    friend = page.split("Someone who matters: Secret Friend")[1].split("</li>")[0]
    assert "Priya, your social worker" in nan
    assert "Only you" in friend and "Priya" not in friend


def test_the_log_shows_staff_who_looked_newest_first(setting, signed_in) -> None:
    person, worker, _advocate, _admin = setting
    signed_in(worker).get(f"/practitioner/young-people/{person.id}")
    page = signed_in(person.user).get("/me/my-things").get_data(as_text=True)
    assert "Priya (social worker or personal adviser) looked at your page" in page


def test_a_copy_holds_their_own_things_as_html_and_json(setting, signed_in) -> None:
    person, _worker, _advocate, _admin = setting
    client = signed_in(person.user)
    html = client.get("/me/my-things/copy").get_data(as_text=True)
    assert "Secret Friend" in html and "Maya" in html
    response = client.get("/me/my-things/copy.json")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert {p["name"] for p in data["people_who_matter"]} == {"Nan", "Secret Friend"}
    assert data["you"]["first_name"] == "Maya"


def test_staff_cannot_download_a_young_persons_copy(setting, signed_in) -> None:
    _person, worker, _advocate, admin = setting
    for user in (worker, admin):
        assert signed_in(user).get("/me/my-things/copy.json").status_code == 403


def test_asking_to_correct_reaches_the_admin_with_a_due_date_a_month_ahead(setting, signed_in) -> None:
    person, _worker, _advocate, admin = setting
    young = signed_in(person.user)

    empty = post_form(young, "/me/my-things/ask", {"kind": "correct", "words": ""})
    assert "Tell us what you want changed" in empty.get_data(as_text=True)
    sent = post_form(young, "/me/my-things/ask", {"kind": "correct", "words": "My birthday is <b>wrong</b>"})
    assert sent.status_code == 303

    request = db.session.scalar(select(InformationRequest))
    assert request.due_on == one_calendar_month_after(request.created_at.date())
    staff = signed_in(admin)
    queue = staff.get("/admin/information-requests").get_data(as_text=True)
    assert "Maya" in queue
    detail = staff.get(f"/admin/information-requests/{request.id}").get_data(as_text=True)
    assert "My birthday is &lt;b&gt;wrong&lt;/b&gt;" in detail

    answer = post_form(
        staff, f"/admin/information-requests/{request.id}", {"outcome": "done", "reply": "We fixed your birthday."}
    )
    assert answer.status_code == 303
    db.session.refresh(request)
    assert request.status is InformationRequestStatus.done
    assert "We fixed your birthday." in young.get("/me/my-things").get_data(as_text=True)


def test_another_councils_admin_cannot_see_the_request(setting, signed_in) -> None:
    person, _worker, _advocate, _admin = setting
    post_form(signed_in(person.user), "/me/my-things/ask", {"kind": "delete", "words": "Delete my old home"})
    request = db.session.scalar(select(InformationRequest))
    other = factories.staff(Role.council_admin, factories.CouncilFactory())
    db.session.commit()
    assert signed_in(other).get(f"/admin/information-requests/{request.id}").status_code == 404
    assert "Delete my old home" not in signed_in(other).get("/admin/information-requests").get_data(as_text=True)


def test_one_calendar_month_handles_short_months() -> None:
    assert one_calendar_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert one_calendar_month_after(date(2026, 12, 15)) == date(2027, 1, 15)


def test_a_request_for_an_advocate_is_listed_as_seen_by_the_advocacy_service_and_the_advocate(
    setting, signed_in
) -> None:
    person, _worker, advocate, _admin = setting
    factories.advocacy_request(person, advocate=advocate)
    db.session.commit()
    page = signed_in(person.user).get("/me/my-things").get_data(as_text=True)
    item = page.split("Asking for an advocate")[1].split("</li>")[0]
    assert "the advocacy service (not the council)" in item
    assert "Sam, your advocate" in item
