"""Messages from Orbit in the browser: a young person on a small phone, with JavaScript off, chooses a text, types
the code, sets quiet hours, and stops messages again. The council admin sees the code's message in the outbox
without its words or her number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import OutboxKind, OutboxMessage, OutboxState
from app.services import notifications
from tests.e2e.conftest import DESKTOP, MOBILE, Live
from tests.e2e.test_journeys import no_sideways_scroll, sign_in_staff, sign_in_young_person

pytestmark = pytest.mark.e2e


def _waiting_code(live: Live) -> str:
    """The code as it waits in the outbox (the log sender would write it out; the browser test reads it here)."""
    with live.app.app_context():
        row = db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == OutboxKind.young_person_code, OutboxMessage.state == OutboxState.waiting)
            .order_by(OutboxMessage.created_at.desc())
        ).first()
        assert row is not None
        return row.body


def test_a_young_person_chooses_a_text_confirms_it_sets_quiet_hours_and_stops(
    live: Live, open_page: Callable[..., Any], browser: Any
) -> None:
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    phone = context.new_page()
    sign_in_young_person(phone, live.url, live.sign_ins["young_person"])
    phone.goto(f"{live.url}/me/my-things")
    phone.get_by_role("link", name="Choose messages and quiet hours").click()
    expect(phone.locator("h1")).to_have_text("Messages from Orbit")
    expect(phone.locator("main")).to_contain_text("Your workers cannot see it")
    no_sideways_scroll(phone)

    phone.get_by_label("A text message").check()
    phone.get_by_label("Mobile number (for a text)").fill("0161 496 0000")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("Enter a UK mobile number")
    no_sideways_scroll(phone)

    phone.get_by_label("A text message").check()
    phone.get_by_label("Mobile number (for a text)").fill("07700 900123")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.locator("h1")).to_have_text("Type the code we sent you")
    expect(phone.locator("main")).to_contain_text("07700 900123")
    code = _waiting_code(live)
    with live.app.app_context():
        notifications.send_due()  # as `flask tick` does, through the log sender (which never writes her number)
        db.session.commit()
    phone.get_by_label("Code").fill("000000" if code != "000000" else "111111")
    phone.get_by_role("button", name="Check the code").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("That code is not right")
    phone.get_by_label("Code").fill(code)
    phone.get_by_role("button", name="Check the code").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text(
        "Orbit will tell you when there is something new"
    )
    expect(phone.locator("main")).to_contain_text("A text message to 07700 900123")

    phone.get_by_label("From").select_option("22")
    phone.get_by_label("Until").select_option("7")
    phone.get_by_role("button", name="Save quiet hours").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("Your quiet hours are saved")
    no_sideways_scroll(phone)

    # Her council admin sees that a code went to a young person, never her number or the code.
    admin = open_page(DESKTOP)
    sign_in_staff(admin, live.url, live.sign_ins["council_admin"])
    admin.goto(f"{live.url}/admin/outbox")
    expect(admin.locator("main")).to_contain_text("A young person")
    expect(admin.locator("main")).to_contain_text("Text, a code")
    assert "900123" not in admin.content()

    phone.get_by_role("button", name="Stop messages").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("Orbit will not send you messages")
    expect(phone.locator("main")).to_contain_text("No messages.")
    context.close()
