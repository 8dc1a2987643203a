"""Being heard, all the way, in the browser: a young person says "I don't agree" with a review decision, sees the
three next steps, makes a complaint; the complaints officer answers stage 1; the young person asks for stage 2;
the officer answers it; the young person reads it. At 320 px, without JavaScript, in English and in Arabic.

Fields are found by their names, not their words, so the same journey runs in both languages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests.e2e.conftest import MOBILE, Live
from tests.e2e.test_journeys import no_sideways_scroll

pytestmark = pytest.mark.e2e


def _fresh_decision(live: Live, username: str) -> tuple[str, str]:
    """A review held today for this young person, with one decision sent to them (review id, response id)."""
    from sqlalchemy import select

    from app import clock
    from app.models import Point, Review, ReviewResponse, ReviewStatus, User, YoungPerson

    with live.app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        young_person = db.session.scalar(select(YoungPerson).where(YoungPerson.user_id == user.id))
        held = Review(
            young_person_id=young_person.id,
            held_on=clock.today(),
            status=ReviewStatus.held,
            decisions_sent_at=clock.now(),
            updated_at=clock.now(),
        )
        db.session.add(held)
        db.session.flush()
        response = ReviewResponse(
            review_id=held.id,
            point=Point.general,
            point_key=Point.general.value,
            decided="You will move to a new home in the spring.",
            why="Your carers are retiring.",
        )
        db.session.add(response)
        db.session.commit()
        return str(held.id), str(response.id)


def _plain_page(browser: Any, live: Live, locale: str) -> tuple[Any, Any]:
    """A small phone with JavaScript off, in `locale`."""
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False, locale="en-GB")
    context.add_cookies([{"name": "orbit_lang", "value": locale, "url": live.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _submit(page: Any, form: str = "main form") -> None:
    page.locator(f"{form} button[type=submit], {form} input[type=submit]").first.click()


def _sign_in_young_person(page: Any, live: Live, who: str) -> None:
    sign_in = live.sign_ins[who]
    page.goto(f"{live.url}/sign-in")
    page.locator("input[name=username]").fill(sign_in.sign_in_as)
    page.locator("input[name=password]").fill(sign_in.password)
    _submit(page, "form:has(input[name=username])")
    page.wait_for_load_state()
    assert "/me" in page.url, f"signed in to {page.url}: {page.locator('main').inner_text()[:300]}"


def _sign_in_officer(page: Any, live: Live) -> None:
    """A real server-side session for the demo complaints officer (signing in with the authenticator is in
    test_journeys; doing it twice within 30 seconds would reuse a code, which Orbit refuses)."""
    page.context.add_cookies([live.signed_in_cookie("complaints_officer")])
    page.goto(f"{live.url}/complaints-team/")


def _answer(officer: Any, live: Live, complaint_url: str, words: str) -> None:
    officer.goto(complaint_url)
    no_sideways_scroll(officer)
    officer.locator("textarea[name=answer]").fill(words)
    _submit(officer, "form[action$='/answer']")
    expect(officer.locator(".govuk-notification-banner")).to_be_visible()


@pytest.mark.parametrize(("locale", "who"), [("en", "young_person"), ("ar", "care_leaver")])
def test_disagree_next_steps_complaint_two_stages_without_javascript(
    live: Live, browser: Any, open_page: Callable[..., Any], locale: str, who: str
) -> None:
    review_id, response_id = _fresh_decision(live, live.sign_ins[who].sign_in_as)
    context, page = _plain_page(browser, live, locale)
    try:
        _sign_in_young_person(page, live, who)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if locale == "ar" else "ltr")
        # Help at Hand and "Something's not right?" are on every young person's page.
        expect(page.locator(".orbit-not-right")).to_contain_text("0800 528 0731")

        # "I don't agree" leads to the three next steps, not a dead end.
        page.goto(f"{live.url}/me/review/{review_id}")
        hex_id = response_id.replace("-", "")
        page.locator(f"#point-{hex_id} button[value=disagree]").click()
        page.wait_for_url(f"{live.url}/me/review/not-agreed/{response_id}")
        no_sideways_scroll(page)
        expect(page.locator("main h2")).to_have_count(4)  # the three steps and Help at Hand
        expect(page.locator("main")).to_contain_text("0800 528 0731")
        page.locator(f"main a[href*='/me/complaints/new?response={response_id}']").click()
        # Wait for the complaint form itself: measured mid-navigation, the page has no document to measure yet.
        page.wait_for_url(f"{live.url}/me/complaints/new?response={response_id}")

        # The complaint: empty first (a clear error, nothing lost), then sent.
        no_sideways_scroll(page)
        page.locator("input[name=topic][value=my_review]").check()
        page.locator("input[name=wants_advocate][value=yes]").check()
        _submit(page, "main form[action$='/complaints/new']")
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        expect(page.locator("input[name=topic][value=my_review]")).to_be_checked()
        words = "لم يسألني أحد عن رأيي" if locale == "ar" else "Nobody asked me what I think about moving."
        page.locator("textarea[name=words]").fill(words)
        page.locator("input[name=sharing][value=advocate]").check()
        _submit(page, "main form[action$='/complaints/new']")
        page.wait_for_url(f"{live.url}/me/complaints/*")
        complaint_id = page.url.split("/me/complaints/")[1].split("?")[0]
        expect(page.locator("main")).to_contain_text(words)
        no_sideways_scroll(page)

        # The complaints officer answers stage 1 (on a small phone, without JavaScript too).
        officer_context, officer = _plain_page(browser, live, locale)
        try:
            _sign_in_officer(officer, live)
            expect(officer.locator(f"main a[href$='/complaints/{complaint_id}']")).to_be_visible()
            complaint_url = f"{live.url}/complaints-team/complaints/{complaint_id}"
            _answer(officer, live, complaint_url, "We are sorry nobody asked you. Your social worker will visit.")

            # The young person reads it and asks for stage 2.
            page.goto(f"{live.url}/me/complaints/{complaint_id}")
            expect(page.locator("main")).to_contain_text("We are sorry nobody asked you.")
            _submit(page, "main form[action$='/next-stage']")
            expect(page.locator(".govuk-notification-banner")).to_be_visible()
            expect(page.locator("#stage-2")).to_be_visible()

            _answer(officer, live, complaint_url, "We looked again with someone new. You will stay until summer.")
        finally:
            officer_context.close()

        page.goto(f"{live.url}/me/complaints/{complaint_id}")
        expect(page.locator("main")).to_contain_text("You will stay until summer.")
        expect(page.locator("main form[action$='/next-stage']")).to_be_visible()  # stage 3 can still be asked
        no_sideways_scroll(page)
    finally:
        context.close()


def test_english_words_on_a_right_to_left_page_line_up_where_they_start(live: Live, browser: Any) -> None:
    """A young person reading Arabic types their complaint in English: their words read left to right and sit on
    the left of their box, not pushed to the right like the Arabic around them."""
    context, page = _plain_page(browser, live, "ar")
    try:
        _sign_in_young_person(page, live, "care_leaver")
        page.goto(f"{live.url}/me/complaints/new")
        page.locator("input[name=topic]").first.check()
        page.locator("input[name=wants_advocate][value=no]").check()
        words = "My flat has had no heating since Monday."
        page.locator("textarea[name=words]").fill(words)
        _submit(page, "main form[action$='/complaints/new']")
        page.wait_for_url(f"{live.url}/me/complaints/*")
        said = page.locator("main .orbit-said", has_text=words)
        expect(said).to_have_count(1)
        gap = said.evaluate(
            """el => { const range = document.createRange(); range.selectNodeContents(el);
                return [getComputedStyle(el).direction,
                        Math.round(range.getClientRects()[0].left - el.getBoundingClientRect().left)]; }"""
        )
        assert gap == ["ltr", 0], gap
        no_sideways_scroll(page)
    finally:
        context.close()
