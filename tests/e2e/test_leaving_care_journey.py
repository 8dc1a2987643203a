"""Leaving care in the browser: Jordan, a care leaver, on a small phone with JavaScript off, works through his
council's local offer, asks for Staying Close support and picks a trusted adult; his personal adviser replies and
arranges it; then, in Arabic, Jordan reads the reply and says how things are going."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, MOBILE, Live
from tests.e2e.test_journeys import no_sideways_scroll, sign_in_staff, sign_in_young_person

pytestmark = pytest.mark.e2e


def _item(page: Any, title: str) -> Any:
    return page.locator("li.orbit-who").filter(has=page.get_by_role("heading", name=title, exact=True))


def test_a_care_leaver_asks_for_staying_close_support_gets_a_reply_and_says_how_it_is_going(
    live: Live, open_page: Callable[..., Any], browser: Any
) -> None:
    jordan = live.sign_ins["care_leaver"]

    # On a small phone, with JavaScript off.
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    phone = context.new_page()
    sign_in_young_person(phone, live.url, jordan)
    phone.get_by_role("link", name="Leaving care").click()
    expect(phone.locator("h1")).to_have_text("Leaving care")
    phone.get_by_role("link", name="Your council's local offer").click()
    expect(phone.locator("h1")).to_have_text("Your council's local offer")
    no_sideways_scroll(phone)

    leisure = _item(phone, "Leisure pass")
    leisure.get_by_role("button", name="I've got this").click()
    expect(_item(phone, "Leisure pass")).to_contain_text("Saved.")
    expect(_item(phone, "Leisure pass")).to_contain_text("You said: I've got this")

    deposit = _item(phone, "Help with a deposit or a rent guarantor")
    deposit.get_by_role("button", name="I need help with this").click()
    expect(_item(phone, "Help with a deposit or a rent guarantor")).to_contain_text(
        "Saved, and sent to Priya, your personal adviser."
    )

    phone.goto(f"{live.url}/me/leaving-care/staying-close")
    expect(phone.locator("main")).to_contain_text("It may well be for you")
    no_sideways_scroll(phone)
    phone.get_by_role("link", name="Ask for support").click()
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("Choose at least one thing you would like help with")
    phone.get_by_label("A home, or moving on").check()
    phone.get_by_label("Staying close to people from my old home").check()
    phone.get_by_label("Anything you want to say (you do not have to)").fill("I want to live near Beacon House")
    phone.get_by_label("Send me a text").check()
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("Sent. You will see the reply here.")
    request_url = phone.url.split("?")[0]

    phone.goto(f"{live.url}/me/leaving-care/trusted-adult")
    phone.get_by_label("Jo", exact=True).check()
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("Your personal adviser will see who you chose")
    context.close()

    # His personal adviser replies and arranges it.
    adviser = open_page(DESKTOP)
    sign_in_staff(adviser, live.url, live.sign_ins["practitioner"])
    adviser.get_by_role("link", name="Leaving care requests").click()
    expect(adviser.locator("main")).to_contain_text("Jordan")
    adviser.get_by_role("row").filter(has_text="Staying Close").get_by_role("link", name="Jordan Ellis").click()
    expect(adviser.locator("main")).to_contain_text("I want to live near Beacon House")
    adviser.get_by_label("Still working on it").check()
    adviser.get_by_label("Your reply to the young person").fill("Beacon House has a flat coming up. I will call you.")
    adviser.get_by_role("button", name="Send reply").click()
    expect(adviser.locator(".govuk-notification-banner")).to_contain_text("Reply sent")
    adviser.goto(f"{live.url}/practitioner/leaving-care")
    adviser.locator("h2:has-text('Trusted adults to arrange') + ul").get_by_role("link", name="Jordan Ellis").click()
    expect(adviser.locator("h1")).to_have_text("Trusted adult")
    adviser.get_by_label("Arranged", exact=True).check()
    adviser.get_by_role("button", name="Save").click()
    expect(adviser.locator(".govuk-notification-banner")).to_contain_text("Saved")

    # In Arabic, Jordan reads the reply and says how things are going.
    arabic = open_page(MOBILE, "ar")
    sign_in_young_person_in_any_language(arabic, live.url, jordan)
    arabic.goto(request_url)
    expect(arabic.locator("html")).to_have_attribute("dir", "rtl")
    expect(arabic.locator("main")).to_contain_text("Beacon House has a flat coming up. I will call you.")
    no_sideways_scroll(arabic)
    arabic.goto(f"{live.url}/me/leaving-care/how-are-things")
    arabic.locator("input[name=feeling][value=ok]").check()
    arabic.locator("textarea[name=words]").fill("الشقة باردة")
    arabic.locator("main form[method=post] [type=submit]").click()
    expect(arabic.locator(".govuk-notification-banner")).to_be_visible()
    expect(arabic.locator("#trusted-adult ~ p").first).to_contain_text("Jo")
    no_sideways_scroll(arabic)

    # The adviser sees how it is going, on Jordan's page.
    adviser.goto(f"{live.url}/practitioner/")
    adviser.get_by_role("link", name="Jordan Ellis").first.click()
    adviser.get_by_role("link", name="Leaving care and Staying Close").click()
    expect(adviser.locator("main")).to_contain_text("الشقة باردة")


def sign_in_young_person_in_any_language(page: Any, base: str, sign_in: Any) -> None:
    """The sign-in form by its field names, so it works whatever language the page is in."""
    page.goto(f"{base}/sign-in")
    page.locator("input[name=username]").fill(sign_in.sign_in_as)
    page.locator("input[name=password]").fill(sign_in.password)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"{base}/me/")
