"""Journeys in a real browser: signing in as everyone, joining with an invite code on a small phone, Exit this
page (button and Shift three times), the session warning, languages and right-to-left, and the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pyotp
import pytest
from playwright.sync_api import expect

from app import clock
from app.roles import Role
from app.web import HOME_ENDPOINTS
from tests.e2e.conftest import DESKTOP, MOBILE, Live, make_app, serve, wait_until

pytestmark = pytest.mark.e2e

HOME_HEADINGS = {
    Role.young_person: "Hello, Maya",
    Role.care_leaver: "Hello, Jordan",
    Role.practitioner: "Your young people",
    Role.reviewing_officer: "Your young people",
    Role.advocate: "Advocacy queue",
    Role.advocacy_manager: "Advocacy queue",
    Role.duty: "Young people in your council",
    Role.council_admin: "Staff accounts",
    Role.complaints_officer: "Complaints",
}


def home_path(live: Live, role: Role) -> str:
    with live.app.test_request_context():
        from flask import url_for

        return url_for(HOME_ENDPOINTS[role])


def sign_in_young_person(page: Any, base: str, sign_in: Any) -> None:
    page.goto(f"{base}/sign-in")
    page.get_by_label("Username").fill(sign_in.sign_in_as)
    page.get_by_label("Password", exact=True).fill(sign_in.password)
    page.get_by_role("button", name="Sign in").click()


def sign_in_staff(page: Any, base: str, sign_in: Any) -> None:
    page.goto(f"{base}/staff/sign-in")
    page.get_by_label("Email address").fill(sign_in.sign_in_as)
    page.get_by_label("Password", exact=True).fill(sign_in.password)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Enter the code from your authenticator app")
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(sign_in.totp_secret).now())
    page.get_by_role("button", name="Continue").click()


def no_sideways_scroll(page: Any) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page.url} scrolls sideways"


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_everyone_signs_in_and_lands_on_their_home(live: Live, open_page: Callable[..., Any], role: Role) -> None:
    if role.is_young_person:
        page = open_page(MOBILE)
        sign_in_young_person(page, live.url, live.sign_ins[role.value])
    else:
        page = open_page(DESKTOP)
        sign_in_staff(page, live.url, live.sign_ins[role.value])
    page.wait_for_url(f"{live.url}{home_path(live, role)}")
    expect(page.get_by_role("heading", name=HOME_HEADINGS[role], exact=True).first).to_be_visible()
    no_sideways_scroll(page)


def test_a_young_person_joins_with_their_invite_code_on_a_small_phone(live: Live, mobile_page: Any) -> None:
    page = mobile_page
    page.goto(live.url)
    page.get_by_role("link", name="I have an invite code").click()
    expect(page.locator("h1")).to_have_text("Join Orbit")
    no_sideways_scroll(page)
    page.get_by_label("Your invite code").fill(live.sign_ins["invite"].invite_code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Choose how you will sign in")
    no_sideways_scroll(page)
    page.get_by_label("Choose a username").fill("sami_n")
    page.get_by_label("Choose a password").fill("purple kites fly high")
    page.get_by_label("Type your password again").fill("purple kites fly high")
    page.get_by_role("button", name="Join Orbit").click()
    expect(page.locator("h1")).to_have_text("Hello, Sami")
    assert live.path(page.url) == "/me/"
    no_sideways_scroll(page)


def _signed_in_maya(live: Live, page: Any) -> None:
    sign_in_young_person(page, live.url, live.sign_ins["young_person"])
    expect(page.locator("h1")).to_have_text("Hello, Maya")


def _assert_exited(live: Live, page: Any) -> None:
    page.wait_for_url(live.app.config["ORBIT_SETTINGS"].exit_url)
    page.go_back()
    page.wait_for_load_state()
    assert live.path(page.url) == "/sign-in", f"going back showed {page.url}"
    page.goto(f"{live.url}/me/")
    assert live.path(page.url) == "/sign-in"


def test_exit_this_page_ends_the_session_and_leaves(live: Live, mobile_page: Any) -> None:
    page = mobile_page
    _signed_in_maya(live, page)
    page.get_by_role("button", name="Exit this page").click()
    _assert_exited(live, page)


def test_pressing_shift_three_times_exits_too(live: Live, mobile_page: Any) -> None:
    page = mobile_page
    _signed_in_maya(live, page)
    expect(page.get_by_text("Or press Shift 3 times")).to_be_visible()
    # Moving back with Shift+Tab, or Shift with any other key, is not "Shift on its own".
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")  # any other key starts the count again
    page.wait_for_timeout(300)
    assert live.path(page.url) == "/me/", "Shift with other keys must not exit"
    for _ in range(3):
        page.keyboard.press("Shift")
    _assert_exited(live, page)


@pytest.fixture
def short_sessions(live: Live, database_url: str) -> Iterator[str]:
    """A second server on the same database whose young people's sessions last 8 seconds, warning after 2."""
    rules = {**live.app.config["ORBIT_RULES"], "idle_minutes_young_person": 8 / 60, "warning_seconds": 6}
    server, url = serve(make_app(database_url, ORBIT_RULES=rules))
    yield url
    server.shutdown()


def test_the_session_warning_offers_to_stay_signed_in(
    live: Live, open_page: Callable[..., Any], short_sessions: str
) -> None:
    page = open_page(MOBILE, server=short_sessions)
    sign_in_young_person(page, short_sessions, live.sign_ins["young_person"])
    expect(page.locator("h1")).to_have_text("Hello, Maya")
    first_expiry = datetime.fromisoformat(page.locator("body").get_attribute("data-session-expires"))
    was_here = page.locator("main a").first
    was_here.focus()

    warning = page.get_by_role("alertdialog", name="You will be signed out soon")
    expect(warning).to_be_visible(timeout=8_000)
    stay = warning.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()
    expect(was_here).to_be_focused()  # back where they were

    # Past the time the session would have ended, it is still going.
    wait_until(lambda: clock.now() > first_expiry, 10, "the first expiry to pass")
    page.reload()
    expect(page.locator("h1")).to_have_text("Hello, Maya")
    assert datetime.fromisoformat(page.locator("body").get_attribute("data-session-expires")) > first_expiry

    # Left alone, it ends, and the page says so.
    page.wait_for_url(f"{short_sessions}/session/ended", timeout=10_000)
    expect(page.locator("h1")).to_have_text("You have been signed out")
    page.goto(f"{short_sessions}/me/")
    assert live.path(page.url) == "/sign-in"


def test_someone_typing_slowly_is_not_signed_out_and_keeps_their_words(
    live: Live, open_page: Callable[..., Any], short_sessions: str
) -> None:
    page = open_page(MOBILE, server=short_sessions)
    sign_in_young_person(page, short_sessions, live.sign_ins["young_person"])
    expect(page.locator("h1")).to_have_text("Hello, Maya")
    page.goto(f"{short_sessions}/me/people/add")
    first_expiry = datetime.fromisoformat(page.locator("body").get_attribute("data-session-expires"))
    name = page.get_by_label("What do you call them?")
    name.click()
    typed = ""
    # A letter a second, well past when an idle session (8 seconds here, warning at 6) would have ended.
    while clock.now() < first_expiry + timedelta(seconds=6):
        page.keyboard.type("a")
        typed += "a"
        page.wait_for_timeout(1_000)
    assert live.path(page.url) == "/me/people/add"
    expect(name).to_have_value(typed)
    expect(name).to_be_focused()
    expect(page.get_by_role("alertdialog", name="You will be signed out soon")).to_be_hidden()


def test_arabic_turns_the_page_right_to_left_and_stays_after_signing_in(live: Live, mobile_page: Any) -> None:
    page = mobile_page
    page.goto(f"{live.url}/sign-in")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert live.path(page.url) == "/sign-in"
    no_sideways_scroll(page)

    page.locator("#username").fill(live.sign_ins["care_leaver"].sign_in_as)
    page.locator("#password").fill(live.sign_ins["care_leaver"].password)
    page.locator("#password").press("Enter")  # the sign-in form itself: the language buttons are a form too
    page.wait_for_url(f"{live.url}/me/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    no_sideways_scroll(page)


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => { const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id || '', text: (el.innerText || el.value || '').trim()}; }"""
    )


def test_the_keyboard_alone_reaches_skip_link_exit_and_sign_in(live: Live, mobile_page: Any) -> None:
    page = mobile_page
    page.goto(f"{live.url}/sign-in")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        if stops[-1]["id"] == "username":
            break
    texts = [stop["text"] for stop in stops]
    assert texts[0] == "Skip to main content", texts
    assert stops[-1]["id"] == "username", f"never reached the username box: {texts}"
    assert "Exit this page" in texts, f"Exit this page should come before the form: {texts}"

    page.keyboard.type(live.sign_ins["young_person"].sign_in_as)
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "password"
    page.keyboard.type(live.sign_ins["young_person"].password)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Hello, Maya")


def test_the_skip_link_shows_when_focused_and_moves_past_the_header(live: Live, desktop_page: Any) -> None:
    page = desktop_page
    page.goto(f"{live.url}/sign-in")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 20, "the skip link is not visible when focused"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The languages come first on /sign-in (issue 14), then the form: nothing from the header in between.
    first = _focused(page)
    assert first["tag"] == "button" and first["text"] == "English", "after skipping, the next stop is the languages"
    for _ in range(len(live.app.config["ORBIT_LOCALES"])):
        page.keyboard.press("Tab")
    assert _focused(page)["id"] == "username", "after the languages, the next stop should be the form"


COVERED = """async () => {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    const x = Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (top && (top === el || el.contains(top) || top.contains(el))) return null;
    return (el.innerText || el.id || el.tagName).trim().slice(0, 40) + ' under ' + (top ? top.className : 'nothing');
}"""


@pytest.mark.parametrize("direction", ["Tab", "Shift+Tab"])
def test_the_safety_bar_never_hides_what_has_focus(live: Live, open_page: Callable[..., Any], direction: str) -> None:
    """WCAG 2.4.11: the sticky Exit this page bar must not cover the focused element, either way through a page."""
    page = open_page(MOBILE)
    page.context.add_cookies([live.signed_in_cookie("young_person")])
    page.goto(f"{live.url}/me/")
    if direction == "Shift+Tab":
        page.keyboard.press("End")
        page.locator("footer a").last.focus()
    hidden = []
    for _ in range(60):
        page.keyboard.press(direction)
        problem = page.evaluate(COVERED)
        if problem:
            hidden.append(problem)
    assert not hidden, "focused but covered: " + "; ".join(hidden)
