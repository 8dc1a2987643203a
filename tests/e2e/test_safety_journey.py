"""'I don't feel safe' in a real browser: three taps from any young-person page, the duty queue sees it on its
next refresh, and the young person then sees that someone has seen it (never the duty team's note)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.services import auth
from tests.e2e.conftest import DESKTOP, MOBILE, Live

pytestmark = pytest.mark.e2e


def _session_for(live: Live, email_or_username: str) -> str:
    with live.app.app_context():
        user = db.session.scalar(
            select(User).where((User.email == email_or_username) | (User.username == email_or_username))
        )
        token = auth.start_session(user)
        db.session.commit()
        return token


def test_a_young_person_raises_an_alert_in_three_taps_and_duty_acknowledges_it(
    live: Live, open_page: Callable[..., Any]
) -> None:
    young = open_page(MOBILE)
    young.context.add_cookies([live.session_cookie({"sid": _session_for(live, "jordan")})])
    duty = open_page(DESKTOP)
    duty.context.add_cookies([live.session_cookie({"sid": _session_for(live, live.sign_ins["duty"].sign_in_as)})])
    duty.goto(f"{live.url}/duty/")
    waiting_before = duty.locator("#alert-queue .govuk-table__body .govuk-table__row").count()

    young.goto(f"{live.url}/me/")  # tap 1 is on every young-person page, next to Get help now
    young.get_by_role("link", name="I don't feel safe").click()
    expect(young.locator("h1")).to_have_text("You don't feel safe")
    expect(young.locator("main")).to_contain_text("duty team")
    expect(young.locator("main")).to_contain_text("0800 1111")
    young.get_by_role("button", name="I'm scared").click()  # tap 2 sends it: nothing to type
    expect(young.locator("h1")).to_have_text("Sent")
    assert young.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]

    alert_id = young.url.rstrip("/").rsplit("/", 1)[-1]
    duty.reload()
    rows = duty.locator("#alert-queue .govuk-table__body .govuk-table__row")
    expect(rows).to_have_count(waiting_before + 1)
    duty.locator(f'#alert-queue a[href$="/duty/alerts/{alert_id}"]').click()
    expect(duty.locator("main")).to_contain_text("I'm scared")
    duty.get_by_label("What you have done or will do").fill("Rang Jordan and their landlady; visiting today")
    duty.get_by_role("button", name="Acknowledge").click()
    expect(duty.locator("main")).to_contain_text("Acknowledged")

    young.reload()
    expect(young.locator("h1")).to_have_text("Someone has seen this")
    expect(young.locator("main")).not_to_contain_text("landlady")
