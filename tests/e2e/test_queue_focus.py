"""The advocacy queue and the duty team's alert queue refresh themselves every 30 seconds (htmx swaps the whole
queue). Someone working through the queue with the keyboard must keep their place: the focus stays on the same
link, or goes to the queue's heading when that row has gone, never back to the top of the page (from where the
next Tab went to the footer).

The refresh is started at once with htmx.ajax, the same request and swap as the 30-second trigger, so the test
does not wait for the clock. The young person is made for this test, so the demo's Maya and Jordan stay as other
tests expect them.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from app.extensions import db
from tests.e2e.conftest import DESKTOP, Live, wait_until

pytestmark = pytest.mark.e2e

FOCUSED_HREF = "document.activeElement && document.activeElement.getAttribute('href')"
FOCUSED_TAG = "document.activeElement && document.activeElement.tagName"


def _queued(live: Live, first_name: str) -> tuple[str, str]:
    """A new young person in the demo council with an open advocacy request and a safety alert waiting:
    (the request's id, the alert's id)."""
    from sqlalchemy import select

    from app.models import Council
    from app.services import safety
    from tests import factories

    with live.app.app_context():
        council = db.session.scalar(select(Council))
        person = factories.young_person(council, first_name=first_name, last_name="Focus")
        request = factories.advocacy_request(person)
        alert = safety.raise_alert(person.user, "scared", "", uuid.uuid4())
        db.session.commit()
        return str(request.id), str(alert.id)


def _close(live: Live, model_name: str, object_id: str) -> None:
    """Take the row out of its queue, as another advocate or duty worker would."""
    from app.models import AdvocacyRequest, RequestStatus, SafetyAlert

    with live.app.app_context():
        if model_name == "request":
            row = db.session.get(AdvocacyRequest, uuid.UUID(object_id))
            row.status = RequestStatus.closed
            row.closed_at = row.created_at  # any moment: only that it is closed matters here
        else:
            alert = db.session.get(SafetyAlert, uuid.UUID(object_id))
            alert.acknowledged_at = alert.created_at
        db.session.commit()


def _refresh(page: Any, queue_id: str, path: str) -> None:
    page.evaluate(
        """([queue, path]) => htmx.ajax("GET", path, {source: "#" + queue, target: "#" + queue, swap: "outerHTML",
            headers: {"X-Orbit-Background": "1"}})""",
        [queue_id, path],
    )


@pytest.mark.parametrize(
    ("role", "home", "queue_id", "queue_path", "link", "kind"),
    [
        ("advocate", "/advocate/", "advocacy-queue", "/advocate/queue", "/advocate/requests/{request}", "request"),
        ("duty", "/duty/", "alert-queue", "/duty/alerts", "/duty/alerts/{alert}", "alert"),
    ],
)
def test_a_queue_refreshing_itself_keeps_the_keyboard_where_it_was(
    live: Live, open_page: Any, role: str, home: str, queue_id: str, queue_path: str, link: str, kind: str
) -> None:
    request_id, alert_id = _queued(live, f"Quinn{kind.title()}")
    href = link.format(request=request_id, alert=alert_id)
    page = open_page(DESKTOP)
    page.context.add_cookies([live.signed_in_cookie(role)])
    page.goto(live.url + home)
    assert page.locator(f'#{queue_id} a[href="{href}"]').count() == 1, "the new row is on the queue's first page"
    page.locator(f'#{queue_id} a[href="{href}"]').focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # on the row's link by keyboard
    assert page.evaluate(FOCUSED_HREF) == href

    _refresh(page, queue_id, queue_path)
    wait_until(lambda: page.evaluate(FOCUSED_HREF) == href, 5, "the focus back on the same row's link")
    assert page.locator(f"#{queue_id}").count() == 1

    # The row goes (someone else dealt with it): the focus stays in the queue, on the heading (or, for an alert,
    # on the same alert in "Acknowledged in the last 7 days").
    _close(live, kind, request_id if kind == "request" else alert_id)
    _refresh(page, queue_id, queue_path)
    wait_until(
        lambda: page.evaluate(f"document.getElementById('{queue_id}').contains(document.activeElement)"),
        5,
        "the focus still in the queue",
    )
    if kind == "request":
        assert page.evaluate(FOCUSED_TAG) in ("H1", "H2")
    else:
        assert page.evaluate(FOCUSED_HREF) == href
        assert page.locator(f"#{queue_id} li a[href='{href}']").count() == 1
