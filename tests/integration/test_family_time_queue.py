"""Family time replies as work with a clock: the worker's reply is due within family_time_reply_working_days of
when the young person sent it, a reply stops it, the worker's queue shows what waits due first, and `flask tick`
tells the worker once when a reply is late."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import AllocationKind, AuditAction, AuditEvent, FamilyTimeEntry, FamilyTimeReply, OutboxMessage
from app.roles import Role
from app.services import family_time, tick, work_queue
from tests import factories
from tests.conftest import post_form
from tests.integration.test_work_queue import counted

KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')
VERSION = re.compile(r'name="version" type="hidden" value="([^"]*)"')
QUEUE = "/practitioner/family-time/waiting"


@pytest.fixture
def world(app):
    council = factories.CouncilFactory()
    maya = factories.young_person(council, first_name="Maya")
    priya = factories.staff(Role.practitioner, council, first_name="Priya")
    factories.allocate(maya, priya, AllocationKind.social_worker)
    plan = factories.family_time_plan(maya, priya)
    stranger = factories.staff(Role.practitioner, council, first_name="Stranger")
    other = factories.young_person(council, first_name="Other")
    factories.allocate(other, stranger, AllocationKind.social_worker)
    db.session.commit()
    return {"maya": maya, "priya": priya, "plan": plan, "stranger": stranger, "other": other}


def _entry(plan, *, days_ago: int = 0, kind: str = "feeling") -> FamilyTimeEntry:
    """An entry sent `days_ago` calendar days ago, with the clock the service gives it."""
    entry = factories.family_time_entry(plan, kind=kind, feeling="more" if kind == "feeling" else None)
    entry.created_at = clock.now() - timedelta(days=days_ago)
    entry.reply_due_at = clock.add_working_days(entry.created_at, 5)
    db.session.flush()
    return entry


def _send(client, plan, path: str, data: dict):
    url = f"/me/family-time/{plan.id}/{path}"
    page = client.get(url).get_data(as_text=True)
    fields = {"submission_key": KEY.search(page).group(1), "version": VERSION.search(page).group(1)}
    return post_form(client, url, {**fields, **data})


def test_sending_starts_the_clock_in_working_days_and_a_reply_stops_it(world, signed_in) -> None:
    maya, priya, plan = world["maya"], world["priya"], world["plan"]
    young = signed_in(maya.user)
    assert _send(young, plan, "feelings", {"feeling": "more", "words": "I miss him"}).status_code == 303
    assert _send(young, plan, "ask", {"words": "Can we meet at the park?"}).status_code == 303
    db.session.expire_all()
    entries = db.session.scalars(select(FamilyTimeEntry).order_by(FamilyTimeEntry.created_at)).all()
    assert len(entries) == 2
    # Five working days on (weekends and bank holidays skipped), at the same London clock time.
    assert all(e.reply_due_at == clock.add_working_days(e.created_at, 5) for e in entries)
    sent_on = entries[0].created_at.astimezone(clock.LONDON).date()
    assert entries[0].reply_due_at.astimezone(clock.LONDON).date() == clock.working_days_after(sent_on, 5)
    assert all(e.replied_at is None for e in entries)

    worker = signed_in(priya)
    page = worker.get(QUEUE).get_data(as_text=True)
    assert page.count("/practitioner/family-time/entries/") == 2
    assert "Due " in page and "Maya" in page
    assert "I miss him" not in page  # the list says what kind of thing, never their words

    clock.travel(timedelta(minutes=2))
    sent = post_form(worker, f"/practitioner/family-time/entries/{entries[0].id}/reply", {"words": "Let us talk."})
    assert sent.status_code == 303
    db.session.expire_all()
    first = db.session.get(FamilyTimeEntry, entries[0].id)
    first_reply = db.session.scalar(select(FamilyTimeReply).where(FamilyTimeReply.entry_id == first.id))
    assert first.replied_at == first_reply.created_at
    assert family_time.FAMILY_TIME_REPLY.states(first, clock.now())["reply"].state == "done"
    # A second reply keeps the time of the first.
    clock.travel(timedelta(minutes=1))
    post_form(worker, f"/practitioner/family-time/entries/{entries[0].id}/reply", {"words": "And again."})
    db.session.expire_all()
    assert db.session.get(FamilyTimeEntry, entries[0].id).replied_at == first_reply.created_at
    page = worker.get(QUEUE).get_data(as_text=True)
    assert page.count("/practitioner/family-time/entries/") == 1
    assert f"/practitioner/family-time/entries/{entries[1].id}/reply" in page


def test_the_queue_is_due_first_25_a_page_and_shows_overdue(world, signed_in) -> None:
    plan = world["plan"]
    made = [_entry(plan, days_ago=days) for days in range(30)]
    db.session.commit()
    first = family_time.family_time_waiting(world["priya"], 1)
    second = family_time.family_time_waiting(world["priya"], 2)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (30, 2, 25, 5)
    due = [row.reply.due_at for row in first.rows + second.rows]
    assert due == sorted(due)
    # Due first: entries sent on a Saturday and the Sunday after share a due moment, so compare due times.
    assert first.rows[0].entry.reply_due_at == min(e.reply_due_at for e in made)
    assert first.overdue == sum(1 for e in made if e.reply_due_at <= clock.now())
    page = signed_in(world["priya"]).get(QUEUE).get_data(as_text=True)
    assert "Overdue" in page and "Page 1 of 2" in page
    assert "Showing the 25 due first of 30." in page
    assert "Page 2 of 2" in signed_in(world["priya"]).get(QUEUE + "?page=2").get_data(as_text=True)


def test_the_same_queries_at_any_size(world, signed_in) -> None:
    _entry(world["plan"])
    db.session.commit()
    client = signed_in(world["priya"])
    client.get(QUEUE)
    with counted() as small:
        assert client.get(QUEUE).status_code == 200
    for days in range(40):
        _entry(world["plan"], days_ago=days)
    db.session.commit()
    with counted() as large:
        page = client.get(QUEUE + "?page=2").get_data(as_text=True)
    assert len(small) == len(large) <= 10
    assert "Page 2 of 2" in page


def test_a_late_reply_tells_the_worker_once_and_is_audited(world) -> None:
    plan, priya = world["plan"], world["priya"]
    _entry(plan)
    _entry(plan, kind="change_request")
    answered = _entry(plan, kind="didnt_happen")
    answered.replied_at = clock.now()
    db.session.commit()

    assert tick.run().overdue[family_time.FAMILY_TIME_REPLY.name] == 0
    clock.travel(timedelta(days=8))
    assert tick.run().overdue[family_time.FAMILY_TIME_REPLY.name] == 2
    assert tick.run().overdue[family_time.FAMILY_TIME_REPLY.name] == 0
    told = db.session.scalars(select(OutboxMessage).where(OutboxMessage.subject.contains("family time"))).all()
    assert [m.to_address for m in told] == [priya.email]  # one message for both
    assert "/practitioner/family-time/waiting" in told[0].body and "Maya" not in told[0].body
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.family_time_overdue)).all()
    assert len(events) == 2 and {e.subject_young_person_id for e in events} == {world["maya"].id}
    db.session.refresh(answered)
    assert answered.overdue_told_at is None


def test_a_stranger_practitioner_sees_nothing_and_others_are_refused(world, signed_in) -> None:
    _entry(world["plan"])
    db.session.commit()
    page = signed_in(world["stranger"]).get(QUEUE)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Maya" not in text and "Nothing is waiting for your reply." in text
    assert family_time.family_time_waiting(world["stranger"]).total == 0
    assert signed_in(world["maya"].user).get(QUEUE).status_code in (403, 404)
    manager = factories.staff(Role.reviewing_officer, world["maya"].council)
    db.session.commit()
    assert signed_in(manager).get(QUEUE).status_code in (403, 404)


def test_the_home_page_links_to_the_queue_and_flask_tick_checks_it(world, signed_in) -> None:
    assert QUEUE in signed_in(world["priya"]).get("/practitioner/").get_data(as_text=True)
    assert "family_time_entry" in {item.name for item in work_queue.ITEMS}


def test_the_young_person_sees_by_when_their_worker_should_reply(world, signed_in) -> None:
    maya, priya, plan = world["maya"], world["priya"], world["plan"]
    young = signed_in(maya.user)
    assert _send(young, plan, "ask", {"words": "Can we meet at the park?"}).status_code == 303
    db.session.expire_all()
    entry = db.session.scalar(select(FamilyTimeEntry))
    due_day = entry.reply_due_at.astimezone(clock.LONDON).date()
    due = f"They should reply by {due_day.day} {due_day:%B %Y}."
    page = young.get(f"/me/family-time/{plan.id}").get_data(as_text=True)
    assert "No reply yet." in page and due in page
    # Once their worker has replied, there is no date to wait for.
    post_form(signed_in(priya), f"/practitioner/family-time/entries/{entry.id}/reply", {"words": "Yes, let us."})
    page = young.get(f"/me/family-time/{plan.id}").get_data(as_text=True)
    assert "Yes, let us." in page and due not in page


def test_what_the_demo_young_person_said_about_family_time_has_a_reply_clock(app) -> None:
    from app.seed import demo
    from app.services.family_time.work import reply_due

    demo.seed()
    db.session.commit()
    entries = db.session.scalars(select(FamilyTimeEntry)).all()
    assert entries
    assert all(e.reply_due_at == reply_due(e.created_at) for e in entries)
