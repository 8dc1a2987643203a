"""'I don't feel safe': one alert per press, told before sending, a duty queue that escalates."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import AllocationKind, AuditAction, AuditEvent, OutboxMessage, SafetyAlert
from app.roles import Role
from app.services import tick
from tests import factories
from tests.conftest import post_form


@pytest.fixture
def setting(app):
    council = factories.CouncilFactory(name="Brightwater Council", duty_manager_email="duty.manager@example.org")
    person = factories.young_person(council, first_name="Maya")
    worker = factories.staff(Role.practitioner, council, first_name="Priya")
    factories.allocate(person, worker, AllocationKind.social_worker)
    duty = factories.staff(Role.duty, council, first_name="Dee")
    advocate = factories.staff(Role.advocate, council)
    factories.allocate(person, advocate, AllocationKind.advocate)
    db.session.commit()
    return person, worker, duty, advocate


def _send(client, feeling: str = "scared", words: str = "", key: str | None = None):
    page = client.get("/me/safe").get_data(as_text=True)
    key = key or re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    return post_form(client, "/me/safe", {"feeling": feeling, "words": words, "submission_key": key}), key


def _alerts() -> int:
    return db.session.scalar(select(func.count()).select_from(SafetyAlert))


def test_the_screen_says_who_will_be_told_before_sending(setting, signed_in) -> None:
    person, _worker, _duty, _advocate = setting
    page = signed_in(person.user).get("/me/safe").get_data(as_text=True)
    assert "duty team at Brightwater Council" in page
    assert "Priya, your social worker" in page
    assert "carers and your advocate are not told" in page
    assert "0800 1111" in page and "999" in page


def test_sending_needs_no_typing_and_pressing_twice_makes_one_alert(setting, signed_in) -> None:
    person, _worker, _duty, _advocate = setting
    client = signed_in(person.user)

    first, key = _send(client)
    again, _ = _send(client, key=key)

    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert _alerts() == 1
    assert "Sent" in client.get(first.headers["Location"]).get_data(as_text=True)


def test_the_duty_team_and_social_worker_are_told_without_content(setting, signed_in) -> None:
    person, worker, duty, _advocate = setting
    _send(signed_in(person.user), words="my secret words")
    messages = db.session.scalars(select(OutboxMessage)).all()
    assert {m.to_address for m in messages} == {duty.email, worker.email}
    assert all("my secret words" not in m.body and "Maya" not in m.body for m in messages)


def test_an_alert_is_sent_even_as_the_session_runs_out(setting, signed_in) -> None:
    person, _worker, _duty, _advocate = setting
    client = signed_in(person.user)
    page = client.get("/me/safe").get_data(as_text=True)
    assert "data-session-expires" not in page  # no sign-out timer on this page
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    clock.travel(timedelta(minutes=16))

    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/me/safe", data={"csrf_token": token, "feeling": "unsafe", "submission_key": key})

    assert response.status_code == 303
    assert _alerts() == 1
    assert client.get("/me/").status_code == 200


def test_duty_acknowledge_and_the_young_person_sees_someone_has_seen_it(setting, signed_in) -> None:
    person, _worker, duty, _advocate = setting
    young = signed_in(person.user)
    sent, _ = _send(young, words="please help")
    alert = db.session.scalar(select(SafetyAlert))
    staff = signed_in(duty)

    queue = staff.get("/duty/").get_data(as_text=True)
    assert "1 alert is waiting" in queue and "Maya" in queue
    assert "please help" in staff.get(f"/duty/alerts/{alert.id}").get_data(as_text=True)
    assert "Say what you have done" in post_form(staff, f"/duty/alerts/{alert.id}", {"action_taken": ""}).get_data(
        as_text=True
    )
    done = post_form(staff, f"/duty/alerts/{alert.id}", {"action_taken": "Called the foster carer and Maya"})
    assert done.status_code == 303

    seen = young.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Someone has seen this" in seen
    assert "Called the foster carer" not in seen
    assert "No alerts are waiting" in staff.get("/duty/").get_data(as_text=True)


def test_unacknowledged_alerts_escalate_every_period_and_stop_when_acknowledged(setting, signed_in) -> None:
    person, _worker, duty, _advocate = setting
    _send(signed_in(person.user))
    db.session.query(OutboxMessage).delete()
    db.session.commit()

    clock.travel(timedelta(minutes=14))
    assert tick.run().alerts_escalated == 0
    clock.travel(timedelta(minutes=2))
    assert tick.run().alerts_escalated == 1
    assert tick.run().alerts_escalated == 0
    to_manager = db.session.scalars(select(OutboxMessage)).all()
    assert [m.to_address for m in to_manager] == ["duty.manager@example.org"]

    clock.travel(timedelta(minutes=15))
    assert tick.run().alerts_escalated == 1
    alert = db.session.scalar(select(SafetyAlert))
    db.session.refresh(alert)
    assert alert.escalation_level == 2
    assert "Escalated" in signed_in(duty).get("/duty/").get_data(as_text=True)

    post_form(signed_in(duty), f"/duty/alerts/{alert.id}", {"action_taken": "Visited"})
    clock.travel(timedelta(hours=1))
    assert tick.run().alerts_escalated == 0


def test_advocates_and_other_councils_never_see_alerts(setting, signed_in) -> None:
    person, _worker, _duty, advocate = setting
    _send(signed_in(person.user), words="private")
    alert = db.session.scalar(select(SafetyAlert))
    other_duty = factories.staff(Role.duty, factories.CouncilFactory())
    db.session.commit()

    assert signed_in(advocate).get("/duty/").status_code == 403
    assert signed_in(advocate).get(f"/duty/alerts/{alert.id}").status_code == 403
    other = signed_in(other_duty)
    assert other.get(f"/duty/alerts/{alert.id}").status_code == 404
    assert "private" not in other.get("/duty/").get_data(as_text=True)
    assert post_form(other, f"/duty/alerts/{alert.id}", {"action_taken": "x"}).status_code == 404


def test_a_made_up_feeling_or_too_many_words_change_nothing(setting, signed_in) -> None:
    person, _worker, _duty, _advocate = setting
    client = signed_in(person.user)
    bad, _ = _send(client, feeling="<script>alert(1)</script>")
    long, _ = _send(client, words="x" * 2001)
    assert bad.status_code == long.status_code == 200
    assert "<script>alert(1)</script>" not in bad.get_data(as_text=True)
    assert _alerts() == 0


def test_the_queue_refreshes_in_place_with_htmx(setting, signed_in) -> None:
    _person, _worker, duty, _advocate = setting
    fragment = signed_in(duty).get("/duty/alerts", headers={"HX-Request": "true", "X-Orbit-Background": "1"})
    text = fragment.get_data(as_text=True)
    assert text.lstrip().startswith('<div id="alert-queue"')
    assert "<html" not in text
    # Without JavaScript nothing refreshes by itself: the page offers a link that does.
    home = signed_in(duty).get("/duty/").get_data(as_text=True)
    assert '<noscript><p class="govuk-body"><a class="govuk-link" href="/duty/alerts">Refresh the queue</a>' in home


def test_alerts_are_audited(setting, signed_in) -> None:
    person, _worker, _duty, _advocate = setting
    _send(signed_in(person.user))
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert AuditAction.alert_raised in actions
