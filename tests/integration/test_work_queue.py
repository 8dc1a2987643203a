"""The one work queue against the database: due first, pages of 25 with their counts in one query, a page past the
end, and overdue told once by flask tick (one message a group, audited, again only when a clock starts again)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from app import clock
from app.extensions import db
from app.models import (
    AllocationKind,
    AuditAction,
    AuditEvent,
    InformationRequest,
    InformationRequestKind,
    InformationRequestStatus,
    OutboxMessage,
)
from app.roles import Role
from app.services import leaving_care, people, tick, work_queue
from app.services.information_requests import INFORMATION_REQUESTS
from tests import factories
from tests.conftest import post_form


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _ask(person, *, due_in_days: int, answered: bool = False) -> InformationRequest:
    request = InformationRequest(
        young_person_id=person.id,
        council_id=person.council_id,
        kind=InformationRequestKind.correct,
        words="My birthday is wrong",
        status=InformationRequestStatus.done if answered else InformationRequestStatus.sent,
        created_at=clock.now(),
        due_on=clock.today() + timedelta(days=due_in_days),
        answered_at=clock.now() if answered else None,
    )
    db.session.add(request)
    return request


@pytest.fixture
def council(app):
    council = factories.CouncilFactory()
    person = factories.young_person(council, first_name="Maya")
    admin = factories.staff(Role.council_admin, council, first_name="Alex")
    factories.staff(Role.council_admin, council, first_name="Bo")
    db.session.commit()
    return council, person, admin


def _scope(council):
    return select(InformationRequest).where(InformationRequest.council_id == council.id)


def test_due_first_with_finished_work_last_and_counts_in_one_query(council) -> None:
    place, person, _admin = council
    answered = _ask(person, due_in_days=-40, answered=True)
    later = _ask(person, due_in_days=10)
    late = _ask(person, due_in_days=-3)
    soon = _ask(person, due_in_days=1)
    db.session.commit()
    scope = _scope(place)

    with counted() as statements:
        page = work_queue.page_of(INFORMATION_REQUESTS, scope)
    assert len(statements) == 2  # the counts, then the page
    assert [r.id for r in page.rows] == [late.id, soon.id, later.id, answered.id]
    assert (page.total, page.overdue, page.page, page.pages) == (4, 1, 1, 1)
    states = [INFORMATION_REQUESTS.states(r, page.now)["answer"].state for r in page.rows]
    assert states == ["overdue", "running", "running", "late"]  # answered, but after its day


def test_pages_of_25_and_a_page_past_the_end_shows_the_last(council) -> None:
    place, person, _admin = council
    for days in range(60):
        _ask(person, due_in_days=days - 5)
    db.session.commit()

    first = work_queue.page_of(INFORMATION_REQUESTS, _scope(place), 1)
    third = work_queue.page_of(INFORMATION_REQUESTS, _scope(place), 3)
    past = work_queue.page_of(INFORMATION_REQUESTS, _scope(place), 99)
    before = work_queue.page_of(INFORMATION_REQUESTS, _scope(place), -4)
    assert (first.total, first.overdue, first.pages) == (60, 5, 3)
    assert len(first.rows) == 25 and len(third.rows) == 10
    assert past.page == 3 and [r.id for r in past.rows] == [r.id for r in third.rows]
    assert before.page == 1 and [r.id for r in before.rows] == [r.id for r in first.rows]
    assert first.first_of_more and not third.first_of_more
    due = [r.due_on for r in first.rows + work_queue.page_of(INFORMATION_REQUESTS, _scope(place), 2).rows]
    assert due == sorted(due)


def test_the_same_queries_at_any_size(council, signed_in) -> None:
    _place, person, admin = council
    _ask(person, due_in_days=3)
    db.session.commit()
    client = signed_in(admin)
    client.get("/admin/information-requests")
    with counted() as small:
        assert client.get("/admin/information-requests").status_code == 200
    for days in range(40):
        _ask(person, due_in_days=days)
    db.session.commit()
    with counted() as large:
        page = client.get("/admin/information-requests?page=2").get_data(as_text=True)
    assert len(small) == len(large) <= 10
    assert "Page 2 of 2" in page


def test_overdue_is_told_once_one_message_a_group_and_audited(council) -> None:
    place, person, _admin = council
    _ask(person, due_in_days=0)
    _ask(person, due_in_days=2)
    other = factories.young_person(factories.CouncilFactory())
    db.session.commit()

    assert tick.run().overdue[INFORMATION_REQUESTS.name] == 0
    clock.travel(timedelta(days=3))
    assert tick.run().overdue[INFORMATION_REQUESTS.name] == 2
    assert tick.run().overdue[INFORMATION_REQUESTS.name] == 0
    told = db.session.scalars(select(OutboxMessage).where(OutboxMessage.subject.contains("information"))).all()
    assert len(told) == 2  # one message to each of the council's two administrators, for both requests
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == AuditAction.information_request_overdue)
    ).all()
    assert len(events) == 2
    assert {e.subject_young_person_id for e in events} == {person.id} and other.id != person.id
    assert {e.object_type for e in events} == {"information_request"}
    assert all(r.overdue_told_at is not None for r in db.session.scalars(_scope(place)))


def test_told_to_a_user_is_one_message_for_all_their_rows_and_none_for_no_one(council) -> None:
    place, person, admin = council
    other = factories.young_person(place, first_name="Sam")
    alone = factories.young_person(place, first_name="Kit")
    for each in (person, other, alone):
        _ask(each, due_in_days=-1)
    db.session.commit()
    named = {person.id: admin, other.id: admin}
    told = work_queue.Told.to_user(lambda row: named.get(row.young_person_id), subject="Late", body="{base_url}/")
    item = work_queue.Item((INFORMATION_REQUESTS.clock("answer"),), name="example_told_to_a_user", told=told)

    assert work_queue.flag_overdue(item) == 3
    sent = db.session.scalars(select(OutboxMessage).where(OutboxMessage.subject == "Late")).all()
    assert [m.to_address for m in sent] == [admin.email]


def test_a_clock_that_starts_again_is_told_about_again(app, signed_in) -> None:
    council = factories.CouncilFactory()
    person = factories.young_person(council)
    worker = factories.staff(Role.practitioner, council, first_name="Priya")
    factories.allocate(person, worker, AllocationKind.social_worker)
    nan = factories.person_who_matters(person, name="Nan", wish="lost_touch")
    request = factories.reconnect_request(nan, days_due=1)
    db.session.commit()

    clock.travel(timedelta(days=2))
    assert tick.run().overdue[people.RECONNECT.name] == 1
    assert tick.run().overdue[people.RECONNECT.name] == 0
    page = signed_in(worker).get("/practitioner/reconnect").get_data(as_text=True)
    assert "Overdue" in page
    reply = post_form(
        signed_in(worker),
        f"/practitioner/reconnect/{request.id}",
        {"outcome": "seen", "reply": "I am looking into it"},
    )
    assert reply.status_code == 303
    db.session.refresh(request)
    assert request.overdue_told_at is None
    assert tick.run().overdue[people.RECONNECT.name] == 0
    clock.travel(timedelta(days=40))
    assert tick.run().overdue[people.RECONNECT.name] == 1
    to_worker = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == worker.email)).all()
    assert sum("find someone is waiting" in m.subject for m in to_worker) == 2


def test_a_late_support_request_tells_the_personal_adviser_once(app) -> None:
    council = factories.CouncilFactory()
    person = factories.young_person(council)
    adviser = factories.staff(Role.practitioner, council)
    factories.allocate(person, adviser, AllocationKind.personal_adviser)
    factories.support_request(person, sent_to=adviser)
    db.session.commit()

    clock.travel(timedelta(days=8))
    assert tick.run().overdue[leaving_care.SUPPORT.name] == 1
    assert tick.run().overdue[leaving_care.SUPPORT.name] == 0
    told = db.session.scalars(select(OutboxMessage).where(OutboxMessage.subject.contains("support"))).all()
    assert [m.to_address for m in told] == [adviser.email]


def test_flask_tick_checks_every_declared_item() -> None:
    names = {item.name for item in work_queue.ITEMS}
    assert {"advocacy_request", "safety_alert", "reconnect_request", "support_request", "information_request"} <= names


def test_a_practitioners_home_says_how_much_waits_for_their_reply_and_what_is_overdue(app, signed_in) -> None:
    council = factories.CouncilFactory()
    maya = factories.young_person(council, first_name="Maya")
    priya = factories.staff(Role.practitioner, council, first_name="Priya")
    factories.allocate(maya, priya, AllocationKind.social_worker)
    factories.allocate(maya, priya, AllocationKind.personal_adviser)
    aunt = factories.person_who_matters(maya, name="Aunty Rose")
    factories.reconnect_request(aunt, days_due=-2)  # overdue
    factories.reconnect_request(factories.person_who_matters(maya, name="Leo"), days_due=3)
    factories.support_request(maya, sent_to=priya)
    someone_elses = factories.young_person(council, first_name="Zed")  # not Priya's: not counted
    factories.reconnect_request(factories.person_who_matters(someone_elses, name="Kim"), days_due=-2)
    db.session.commit()

    tallies = {"find": people.reconnect_waiting(priya), "support": leaving_care.support_waiting(priya)}
    with counted() as statements:
        waiting = work_queue.counted(tallies)
    assert len(statements) == 1  # every queue's counts in one query
    assert waiting == {"find": work_queue.Waiting(total=2, overdue=1), "support": work_queue.Waiting(1, 0)}
    page = signed_in(priya).get("/practitioner/").get_data(as_text=True)
    lines = {
        label: re.search(rf"<li[^>]*><a [^>]*>{label}</a>(.*?)</li>", page, re.S).group(1)
        for label in ("Requests to find someone", "Leaving care requests", "Family time replies")
    }
    assert "2 waiting for a reply" in lines["Requests to find someone"]
    assert "1 item is overdue" in lines["Requests to find someone"]
    assert "1 waiting for a reply" in lines["Leaving care requests"] and "overdue" not in lines["Leaving care requests"]
    assert lines["Family time replies"].strip() == ""  # nothing waits: no tag at all
