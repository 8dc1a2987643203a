"""flask tick: the 18th birthday, and the outbox."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AllocationKind, AuditAction, AuditEvent, OutboxMessage
from app.roles import Role
from app.services import notifications, tick
from tests import factories
from tests.conftest import sign_in_as


def test_the_18th_birthday_makes_a_care_leaver_and_keeps_everything(app) -> None:
    council = factories.CouncilFactory()
    worker = factories.staff(Role.practitioner, council)
    person = factories.young_person(council, age_days=18 * 365 - 2)
    factories.allocate(person, worker, AllocationKind.social_worker)
    db.session.commit()
    birthday = person.adult_on

    assert tick.run().became_care_leavers == 0
    while clock.today() < birthday:
        clock.travel(timedelta(days=1))
    assert tick.run().became_care_leavers == 1
    assert tick.run().became_care_leavers == 0

    db.session.refresh(person)
    assert person.user.role is Role.care_leaver
    assert person.left_care_on == birthday
    changes = db.session.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.role_changed)).all()
    assert len(changes) == 1

    client = app.test_client()
    sign_in_as(client, person.user)
    page = client.get("/me/").get_data(as_text=True)
    assert "personal adviser" in page


def test_the_tick_command_runs(app) -> None:
    result = app.test_cli_runner().invoke(args=["tick"])
    assert result.exit_code == 0
    assert "became care leavers" in result.output


def test_the_outbox_sends_once(app) -> None:
    notifications.queue_to_address("someone@example.org", "Hello", "Body")
    db.session.commit()
    assert tick.run().messages_sent == 1
    assert tick.run().messages_sent == 0
    assert db.session.scalar(select(OutboxMessage)).sent_at is not None
