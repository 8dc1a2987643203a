"""Council admins and advocacy managers: inviting staff, disabling accounts, allocating workers."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pyotp
from sqlalchemy import select

from app import clock
from app.config import ConfigError, read_settings
from app.extensions import db
from app.models import Allocation, AllocationKind, Invite, OutboxMessage, User
from app.roles import Role
from tests import factories
from tests.conftest import post_form


def _invite(client, role: str, email: str = "new.person@example.org"):
    return post_form(
        client, "/admin/staff/invite", {"first_name": "New", "last_name": "Person", "email": email, "role": role}
    )


def test_a_council_admin_invites_council_staff_and_the_link_goes_to_the_outbox(app, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    db.session.commit()
    client = signed_in(admin)

    assert _invite(client, "reviewing_officer").status_code == 303
    message = db.session.scalar(select(OutboxMessage))
    assert message.to_address == "new.person@example.org"
    assert "/staff/join/" in message.body
    assert "New Person" in client.get("/admin/").get_data(as_text=True)


def test_the_staff_list_shows_each_account_its_caseload_and_a_button_that_works(app, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council, first_name="Ada")
    worker = factories.staff(Role.practitioner, council, first_name="Bea")
    factories.staff(Role.duty, council, first_name="Cal", totp_confirmed_at=None)
    factories.staff(Role.reviewing_officer, council, first_name="Dee", disabled_at=clock.now())
    for _ in range(2):
        factories.allocate(factories.young_person(council), worker, AllocationKind.social_worker)
    db.session.commit()
    client = signed_in(admin)

    page = client.get("/admin/").get_data(as_text=True)

    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)[1:]
    cells = [re.sub(r"<[^>]+>|\s+", " ", row).split() for row in rows]
    assert [c[:2] for c in cells] == [["Ada", "Tester"], ["Bea", "Tester"], ["Cal", "Tester"], ["Dee", "Tester"]]
    assert "You" in cells[0] and "Disable" not in cells[0]
    assert "Social worker or personal adviser" in rows[1] and ">2<" in rows[1] and "Active" in cells[1]
    assert "Not set up yet" in rows[2] and "Disabled" in cells[3] and "Enable" in cells[3]
    assert 'id="csrf_token"' not in page  # one hidden field per row, so no id repeated on each
    token = re.search(
        rf'action="/admin/staff/{worker.id}/disable">\s*<input type="hidden" name="csrf_token" '
        r'value="([^"]+)"',
        page,
    ).group(1)
    assert client.post(f"/admin/staff/{worker.id}/disable", data={"csrf_token": token}).status_code == 303
    db.session.expire_all()
    assert db.session.get(User, worker.id).disabled_at is not None


def test_the_council_admins_home_leads_to_requests_to_correct_or_delete_information(app, signed_in) -> None:
    """They must be answered within a month; the only other way to them was the link in an email."""
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    manager = factories.staff(Role.advocacy_manager, service=council.advocacy_service)
    db.session.commit()

    page = signed_in(admin).get("/admin/").get_data(as_text=True)
    assert 'href="/admin/information-requests"' in page
    assert "Requests to correct or delete information" in page
    assert 'href="/admin/information-requests"' not in signed_in(manager).get("/admin/").get_data(as_text=True)


def test_admins_cannot_invite_advocates_and_managers_cannot_invite_council_staff(app, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    manager = factories.staff(Role.advocacy_manager, council)
    db.session.commit()

    assert "Choose" in _invite(signed_in(admin), "advocate").get_data(as_text=True)
    assert "Choose" in _invite(signed_in(manager), "practitioner").get_data(as_text=True)
    assert _invite(signed_in(manager), "advocate").status_code == 303
    invite = db.session.scalar(select(Invite))
    assert invite.role is Role.advocate and invite.advocacy_service_id == manager.advocacy_service_id


def test_an_email_already_in_use_is_refused_and_the_form_keeps_what_was_typed(app, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    db.session.commit()
    page = _invite(signed_in(admin), "duty", email=admin.email).get_data(as_text=True)
    assert "already uses that email" in page
    assert 'value="New"' in page


def test_allocating_a_new_reviewing_officer_tells_the_young_person_who_changed(app, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    old = factories.staff(Role.reviewing_officer, council, first_name="Olive")
    new = factories.staff(Role.reviewing_officer, council, first_name="Nadia")
    person = factories.young_person(council)
    factories.allocate(person, old, AllocationKind.reviewing_officer, started=clock.today() - timedelta(days=90))
    db.session.commit()
    client = signed_in(admin)

    response = post_form(
        client,
        f"/admin/young-people/{person.id}/allocations",
        {"kind": "reviewing_officer", "staff": str(new.id)},
    )

    assert response.status_code == 303
    current = db.session.scalars(
        select(Allocation).where(Allocation.young_person_id == person.id, Allocation.ended_on.is_(None))
    ).all()
    assert [a.staff_id for a in current] == [new.id]
    page = signed_in(person.user).get("/me/").get_data(as_text=True)
    assert "Nadia" in page and "Olive is no longer doing this" in page


def test_an_admin_cannot_allocate_someone_from_another_council(app, signed_in) -> None:
    council, elsewhere = factories.CouncilFactory(), factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    outsider = factories.staff(Role.practitioner, elsewhere)
    person = factories.young_person(council)
    db.session.commit()

    response = post_form(
        signed_in(admin),
        f"/admin/young-people/{person.id}/allocations",
        {"kind": "social_worker", "staff": str(outsider.id)},
    )

    assert response.status_code == 200
    assert "Choose a worker from the list" in response.get_data(as_text=True)
    assert db.session.scalar(select(Allocation)) is None


def test_an_advocacy_manager_reassigns_advocates_only_within_their_service(app, signed_in) -> None:
    council = factories.CouncilFactory()
    manager = factories.staff(Role.advocacy_manager, council)
    first = factories.staff(Role.advocate, council, first_name="Ade")
    second = factories.staff(Role.advocate, council, first_name="Bea")
    other_service_advocate = factories.staff(Role.advocate, service=factories.AdvocacyServiceFactory())
    person = factories.young_person(council)
    factories.allocate(person, first, AllocationKind.advocate)
    db.session.commit()
    client = signed_in(manager)
    url = f"/admin/young-people/{person.id}/allocations"

    assert post_form(client, url, {"kind": "advocate", "staff": str(other_service_advocate.id)}).status_code == 200
    assert post_form(client, url, {"kind": "social_worker", "staff": str(second.id)}).status_code == 400
    assert post_form(client, url, {"kind": "advocate", "staff": str(second.id)}).status_code == 303
    current = db.session.scalar(
        select(Allocation).where(Allocation.young_person_id == person.id, Allocation.ended_on.is_(None))
    )
    assert current.staff_id == second.id


def test_seed_demo_prints_sign_ins_as_json_and_refuses_twice(app) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo", "--json"])
    assert result.exit_code == 0, result.output
    sign_ins = json.loads(result.output)
    roles = {item["role"] for item in sign_ins}
    assert {r.value for r in Role if r is not Role.young_person} <= roles
    assert all(item["totp_secret"] for item in sign_ins if "@" in item["sign_in_as"])
    assert runner.invoke(args=["seed-demo"]).exit_code != 0


def test_seed_demo_tells_staff_the_command_that_prints_a_code(app) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "run: .venv/bin/flask --app app totp-code SECRET" in result.output
    assert "pyotp-free-code" not in result.output
    secret = re.search(r"TOTP ([A-Z2-7]{16,})", result.output).group(1)
    code = runner.invoke(args=["totp-code", secret]).output.strip()
    assert pyotp.TOTP(secret).verify(code, for_time=clock.now())


def test_demo_data_is_refused_with_production_settings(app, monkeypatch) -> None:
    production = read_settings({"ORBIT_ENV": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": "sqlite://"})
    monkeypatch.setitem(app.config, "ORBIT_SETTINGS", production)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "production" in result.output


def test_production_refuses_to_start_without_a_secret_key() -> None:
    try:
        read_settings({"ORBIT_ENV": "production", "DATABASE_URL": "postgresql://x/y"})
    except ConfigError as error:
        assert "SECRET_KEY" in str(error)
    else:
        raise AssertionError("production started without a secret key")


def test_the_young_people_list_comes_in_pages_and_a_page_past_the_end_shows_the_last(app, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    for n in range(55):
        factories.young_person(council, first_name=f"Name{n:02d}", last_name="Test", with_account=False)
    db.session.commit()
    client = signed_in(admin)

    def names(path: str) -> list[str]:
        return re.findall(r"Name\d\d", client.get(path).get_data(as_text=True))

    first, second = names("/admin/young-people"), names("/admin/young-people?page=2")
    assert first == [f"Name{n:02d}" for n in range(50)] and second == [f"Name{n:02d}" for n in range(50, 55)]
    past_the_end = client.get("/admin/young-people?page=9").get_data(as_text=True)
    assert "Page 2 of 2" in past_the_end and "(55)" in past_the_end
    assert names("/admin/young-people?page=9") == second
    assert names("/admin/young-people?q=name07") == ["Name07"]
    assert "No one matches" in client.get("/admin/young-people?q=nobody&page=3").get_data(as_text=True)
