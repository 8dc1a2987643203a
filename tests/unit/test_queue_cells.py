"""What a work queue's row is built from outside templates: the link to each row, its clocks, and an advocacy
request's status and topic, written in Python for speed, must say what the template macros said."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from flask import Flask, url_for

from app import clock, create_app
from app.services.work_queue.clocks import clock_state
from app.views.shared.advocacy_words import staff_about, staff_status
from app.web.locales import LOCALE_COOKIE
from app.web.templates import clock_cell, link_each

NOW = datetime(2027, 3, 2, 11, 0, tzinfo=UTC)  # a Tuesday, on Greenwich time


@pytest.fixture
def plain_app() -> Iterator[Flask]:
    clock.start_at(NOW)
    yield create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_each_rows_link_is_the_link_flask_builds(plain_app: Flask) -> None:
    with plain_app.test_request_context("/"):
        link = link_each("advocate.request_page", "advocacy_request_id")
        for an_id in (uuid.uuid4(), uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)):
            assert link(an_id) == url_for("advocate.request_page", advocacy_request_id=an_id)
        with pytest.raises(TypeError):
            link("../../admin")  # type: ignore[arg-type]


def test_a_clock_says_whether_it_is_due_done_late_stopped_or_overdue(plain_app: Flask) -> None:
    due = datetime(2027, 3, 2, 16, 0, tzinfo=UTC)
    with plain_app.test_request_context("/"):
        running = str(clock_cell(clock_state(due, None, None, NOW)))
        overdue = str(clock_cell(clock_state(due, None, None, datetime(2027, 3, 3, 9, 0, tzinfo=UTC))))
        done = str(clock_cell(clock_state(due, datetime(2027, 3, 2, 15, 5, tzinfo=UTC), None, NOW)))
        late = str(clock_cell(clock_state(due, datetime(2027, 3, 3, 9, 30, tzinfo=UTC), None, NOW)))
        stopped = str(clock_cell(clock_state(due, None, NOW, NOW)))
    assert running == '<span class="orbit-clock">Due 16:00</span>'
    assert overdue == (
        '<strong class="govuk-tag govuk-tag--red">Overdue</strong> '
        '<span class="orbit-clock orbit-clock--overdue">was due 16:00</span>'
    )
    assert done == '<span class="orbit-clock orbit-clock--done">Done 15:05</span>'
    assert late == '<span class="orbit-clock orbit-clock--done">Done late 3 Mar, 09:30</span>'
    assert stopped == '<span class="orbit-clock">Stopped (closed)</span>'


def test_a_clock_is_in_the_readers_language(plain_app: Flask) -> None:
    due = datetime(2027, 3, 2, 16, 0, tzinfo=UTC)
    with plain_app.test_request_context("/", headers={"Cookie": f"{LOCALE_COOKIE}=cy"}):
        overdue = str(clock_cell(clock_state(due, None, None, datetime(2027, 3, 3, 9, 0, tzinfo=UTC))))
    assert ">Hwyr</strong>" in overdue
    assert "Overdue" not in overdue


def test_a_requests_status_and_topic_are_tags_and_words_with_nothing_unescaped(plain_app: Flask) -> None:
    words = {"topics": {"school": "School <b>"}, "origins": {"asked": "Asked", "offer": "Offer & more"}}
    with plain_app.test_request_context("/"):
        statuses = {
            status: str(staff_status(SimpleNamespace(status=status, withdrawn=withdrawn)))
            for status, withdrawn in (("sent", False), ("seen", False), ("allocated", False), ("closed", True))
        }
        closed = str(staff_status(SimpleNamespace(status="closed", withdrawn=False)))
        asked = str(staff_about(SimpleNamespace(topic="school", origin="asked"), words))
        offered = str(staff_about(SimpleNamespace(topic=None, origin="offer"), words))
    assert statuses == {
        "sent": '<strong class="govuk-tag govuk-tag--yellow">New</strong>',
        "seen": '<strong class="govuk-tag govuk-tag--blue">Seen</strong>',
        "allocated": '<strong class="govuk-tag govuk-tag--green">Advocate allocated</strong>',
        "closed": '<strong class="govuk-tag govuk-tag--grey">Closed: they said not now</strong>',
    }
    assert closed == '<strong class="govuk-tag govuk-tag--grey">Closed</strong>'
    assert asked == "School &lt;b&gt;<br>"
    assert offered == '<span class="orbit-origin">Offer &amp; more</span>'
