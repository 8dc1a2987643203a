"""My review in the browser: Maya's views saved as she types (htmx) and with the plain button without JavaScript,
kept over two visits, checked and sent; then her reviewing officer reads them in the review pack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, MOBILE, Live
from tests.e2e.test_journeys import no_sideways_scroll, sign_in_staff, sign_in_young_person

pytestmark = pytest.mark.e2e


def test_views_are_drafted_over_two_visits_sent_and_read_in_the_pack(
    live: Live, open_page: Callable[..., Any], browser: Any
) -> None:
    # First visit, on a small phone: the answer saves itself as she types.
    page = open_page(MOBILE)
    sign_in_young_person(page, live.url, live.sign_ins["young_person"])
    page.goto(f"{live.url}/me/review")
    expect(page.locator("h1")).to_have_text("Your review")
    page.get_by_role("link", name="Carry on").click()
    expect(page.get_by_label("What's going well?")).to_be_visible()
    no_sideways_scroll(page)
    # On a busy machine the box can be on screen before htmx has read the form, and typing then saves only when the
    # button is pressed (as without JavaScript). This step is about saving as she types: type once the page loaded.
    page.wait_for_load_state()
    page.get_by_label("What's going well?").fill("Football on Saturdays, and my space project")
    expect(page.locator("#save-status")).to_contain_text("Saved.", timeout=10_000)

    # Second visit, with JavaScript off: what she wrote is there, and the plain button saves the next step.
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    plain = context.new_page()
    sign_in_young_person(plain, live.url, live.sign_ins["young_person"])
    plain.goto(f"{live.url}/me/review/views/going-well")
    expect(plain.get_by_label("What's going well?")).to_have_value("Football on Saturdays, and my space project")
    plain.goto(f"{live.url}/me/review/views/change")
    plain.get_by_label("What do you want to change?").fill("I want to see my brother more")
    plain.get_by_role("button", name="Save and continue").click()
    expect(plain.locator("h1")).to_have_text("How do you want to take part?")
    plain.get_by_label("I want to go to my review").check()
    plain.get_by_role("button", name="Save and continue").click()
    expect(plain.locator("h1")).to_have_text("Check your views")
    expect(plain.locator("main")).to_contain_text("I want to see my brother more")
    plain.get_by_role("button", name="Send my views").click()
    expect(plain.locator(".govuk-notification-banner")).to_contain_text("can read your views now")
    context.close()

    # The reviewing officer reads them.
    officer = open_page(DESKTOP)
    sign_in_staff(officer, live.url, live.sign_ins["reviewing_officer"])
    officer.goto(f"{live.url}/reviewing-officer/reviews")
    expect(officer.locator("main")).to_contain_text("Arrived")
    officer.get_by_role("link", name="Maya").first.click()
    expect(officer.locator("main")).to_contain_text("Football on Saturdays, and my space project")
    expect(officer.locator("main")).to_contain_text("I want to see my brother more")
