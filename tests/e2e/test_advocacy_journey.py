"""Advocacy, end to end in Chromium: an offer on a small phone, no thanks, a change of mind, a message; the advocate
acknowledges, accepts, replies, says they will attend the review (which the reviewing officer sees) and closes with
an outcome the young person reads.

The young person is made for this test, so the demo's Maya and Jordan stay as other tests expect them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests.e2e.conftest import DESKTOP, MOBILE, Live

pytestmark = pytest.mark.e2e


def _young_person_with_an_offer(live: Live) -> tuple[str, str]:
    """(their id, a session cookie value) for Kai, 13, new in Brightwater, offered an advocate after moving home."""
    from sqlalchemy import select

    from app import clock
    from app.models import Allocation, AllocationKind, Council, HomeKind, OfferReason, User, YoungPerson
    from app.roles import Role
    from app.services import advocacy, auth, security

    with live.app.app_context():
        council = db.session.scalar(select(Council))
        officer = db.session.scalar(select(User).where(User.role == Role.reviewing_officer))
        user = User(
            role=Role.young_person,
            first_name="Kai",
            username="kai.e2e",
            password_hash=security.hash_password("purple otter rocket"),
            council_id=council.id,
        )
        db.session.add(user)
        db.session.flush()
        born = clock.today() - timedelta(days=13 * 365 + 40)
        kai = YoungPerson(
            council_id=council.id,
            first_name="Kai",
            last_name="Adeyemi",
            date_of_birth=born,
            adult_on=clock.birthday_in_year(born, 18),
            home_kind=HomeKind.childrens_home,
            user_id=user.id,
        )
        db.session.add(kai)
        db.session.flush()
        db.session.add(
            Allocation(
                young_person_id=kai.id, staff_id=officer.id, kind=AllocationKind.reviewing_officer, started_on=born
            )
        )
        advocacy.offer_advocacy(kai, OfferReason.home_changed)
        token = auth.start_session(user)
        db.session.commit()
        return str(kai.id), token


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], page.url


def test_offer_no_thanks_change_of_mind_request_and_an_advocate_to_the_end(
    live: Live, open_page: Callable[..., Any]
) -> None:
    kai_id, token = _young_person_with_an_offer(live)
    young = open_page(MOBILE)
    young.context.add_cookies([live.session_cookie({"sid": token})])

    # The offer, in plain words, on the home page; "No thanks" is one tap, with no questions.
    young.goto(f"{live.url}/me/")
    offer = young.locator(".orbit-offer")
    expect(offer).to_contain_text("unless you say no thanks")
    expect(offer).to_contain_text("your home changed")
    _no_sideways_scroll(young)
    offer.get_by_role("button", name="No thanks").click()
    expect(young.get_by_text("Nobody will get in touch about this")).to_be_visible()

    # A change of mind, one tap again.
    young.get_by_role("button", name="I've changed my mind: yes please").click()
    expect(young.locator("h1")).to_have_text("Your request for an advocate")
    expect(young.get_by_text("Moving home")).to_be_visible()
    young.get_by_label("Your message").fill("Can we talk after school? <b>not bold</b>")
    young.get_by_role("button", name="Send message").click()
    expect(young.get_by_text("Message sent.")).to_be_visible()
    expect(young.locator(".orbit-message__body")).to_have_text("Can we talk after school? <b>not bold</b>")
    _no_sideways_scroll(young)

    # The advocate: the queue, acknowledge, accept, reply, the review, close.
    staff = open_page(DESKTOP)
    staff.context.add_cookies([live.signed_in_cookie("advocate")])
    staff.goto(f"{live.url}/advocate/")
    staff.get_by_role("link", name="Kai Adeyemi").click()
    staff.get_by_role("button", name="Acknowledge").click()
    expect(staff.get_by_text("Acknowledged. The young person sees")).to_be_visible()
    staff.get_by_role("button", name="Accept: I will be their advocate").click()
    expect(staff.get_by_text("You are their advocate now")).to_be_visible()
    expect(staff.locator(".orbit-message__body")).to_contain_text("Can we talk after school?")
    staff.get_by_label("Message to the young person").fill("Yes, Tuesday at 4. I'm Sam.")
    staff.get_by_role("button", name="Send message").click()
    expect(staff.get_by_text("Message sent. They get a notice with no content.")).to_be_visible()
    staff.get_by_role("button", name="I will attend the review").click()
    expect(staff.get_by_role("button", name="I will not attend the review")).to_be_visible()

    # The reviewing officer sees that an advocate is involved and will attend, and nothing they talked about.
    officer = open_page(DESKTOP)
    officer.context.add_cookies([live.signed_in_cookie("reviewing_officer")])
    officer.goto(f"{live.url}/reviewing-officer/young-people/{kai_id}")
    summary = officer.locator("dl", has_text="Advocate will attend the review")
    expect(summary).to_contain_text("Advocate involved")
    expect(summary.locator("dd").nth(0)).to_have_text("Yes")
    expect(summary.locator("dd").nth(1)).to_have_text("Yes")
    expect(officer.get_by_text("Tuesday at 4")).to_have_count(0)
    expect(officer.get_by_text("Moving home")).to_have_count(0)

    staff.get_by_role("link", name="Close with an outcome").click()
    staff.get_by_label("Outcome, for the young person to read").fill(
        "We met on Tuesday. Your social worker will visit your new home with you on Friday."
    )
    staff.get_by_role("button", name="Close the request").click()
    expect(staff.get_by_text("Closed. The young person can read the outcome.")).to_be_visible()

    # The young person: something new, their advocate's first name, the reply and the outcome.
    young.goto(f"{live.url}/me/")
    expect(young.get_by_text("You have something new in Orbit.")).to_be_visible()
    young.get_by_role("link", name="See it").click()
    expect(young.get_by_text("Advocate found: Sam")).to_be_visible()
    expect(young.get_by_text("Yes, Tuesday at 4. I'm Sam.")).to_be_visible()
    expect(young.get_by_text("Your social worker will visit your new home with you on Friday.")).to_be_visible()
    _no_sideways_scroll(young)
