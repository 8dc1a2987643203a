"""'Listen' in a real browser. Headless Chromium may have no voices, so speechSynthesis is replaced by a stub (an
init script) that records what the page asks of it; voices can be made to arrive late, as they do on phones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MOBILE, Live

pytestmark = pytest.mark.e2e

STUB = """(() => {
  const calls = [];
  window.__speech = calls;
  const listeners = [];
  let voices = [];
  window.__setVoices = (langs) => {
    voices = langs.map((lang) => ({ lang, name: 'stub ' + lang, localService: true, default: false }));
    listeners.forEach((listener) => listener(new Event('voiceschanged')));
  };
  const synth = {
    getVoices: () => voices,
    speak: (u) => calls.push(['speak', u.lang, u.text, u.voice && u.voice.lang]),
    pause: () => calls.push(['pause']),
    resume: () => calls.push(['resume']),
    cancel: () => calls.push(['cancel']),
    addEventListener: (name, listener) => { if (name === 'voiceschanged') listeners.push(listener); },
    speaking: false,
    paused: false,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.voice = null; };
  const initial = VOICES;
  if (initial.length) window.__setVoices(initial);
})();"""


def _young_page(live: Live, open_page: Callable[..., Any], locale: str, voices: list[str]) -> Any:
    page = open_page(MOBILE, locale)
    page.context.add_init_script(script=STUB.replace("VOICES", repr(voices)))
    page.context.add_cookies([live.signed_in_cookie("young_person")])
    return page


def test_listen_reads_main_in_the_pages_language_with_pause_and_stop(live: Live, open_page: Callable) -> None:
    page = _young_page(live, open_page, "ar", ["ar-SA", "en-GB"])
    page.goto(f"{live.url}/me/people")
    listen = page.get_by_role("button", name="استمع")
    expect(listen).to_be_visible()
    expect(listen).to_have_attribute("aria-pressed", "false")
    listen.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works
    expect(listen).to_have_attribute("aria-pressed", "true")
    calls = page.evaluate("window.__speech")
    spoken = [call for call in calls if call[0] == "speak"]
    heading = page.locator("main h1").inner_text().strip()
    assert spoken and all(call[1] == "ar-SA" and call[3] == "ar-SA" for call in spoken)
    assert any(heading in call[2] for call in spoken)
    assert not any("Childline" in call[2] or "0800 1111" in call[2] for call in spoken)  # <main> only
    status = page.locator(".orbit-listen__status")
    assert status.get_attribute("role") == "status" and status.inner_text().strip()

    pause = page.locator(".orbit-listen__pause")
    pause.click()
    expect(pause).to_have_attribute("aria-pressed", "true")
    pause.click()
    expect(pause).to_have_attribute("aria-pressed", "false")
    page.locator(".orbit-listen__stop").click()
    expect(listen).to_have_attribute("aria-pressed", "false")
    assert [call[0] for call in page.evaluate("window.__speech")][-3:] == ["pause", "resume", "cancel"]


def test_listen_waits_for_voices_and_is_absent_without_a_voice(live: Live, open_page: Callable) -> None:
    page = _young_page(live, open_page, "ti", [])
    page.goto(f"{live.url}/me/")
    assert page.locator(".orbit-listen").count() == 0  # no Tigrinya voice: no button
    page.evaluate("window.__setVoices(['en-GB', 'ar'])")
    assert page.locator(".orbit-listen").count() == 0  # voices arrived, but none for Tigrinya
    page.evaluate("window.__setVoices(['ti-ER'])")
    expect(page.locator(".orbit-listen__start")).to_be_visible()


def test_exit_this_page_stops_speaking_at_once(live: Live, open_page: Callable) -> None:
    page = _young_page(live, open_page, "en", ["en-GB"])
    page.route("**/exit", lambda route: route.fulfill(status=204))  # stay on the page to read the stub's record
    page.goto(f"{live.url}/me/")
    page.get_by_role("button", name="Listen").click()
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_function("window.__speech.some(call => call[0] === 'cancel')")


def test_without_javascript_there_is_no_listen_button(live: Live, browser: Any) -> None:
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    try:
        context.add_cookies([live.signed_in_cookie("young_person")])
        page = context.new_page()
        page.goto(f"{live.url}/me/")
        assert page.get_by_role("button", name="Listen").count() == 0
        assert page.locator("template#orbit-listen-template").count() == 1
    finally:
        context.close()


def test_changing_language_while_writing_views_keeps_what_was_typed(live: Live, open_page: Callable) -> None:
    """Typed, then straight to Change language before the save-as-you-type delay: the draft is saved on the way."""
    page = open_page(MOBILE)
    page.context.add_cookies([live.signed_in_cookie("young_person")])
    page.goto(f"{live.url}/me/review/views/change")
    words = "ማያ ንሓዋ ክትርኢ ትደሊ, and Jay 2"
    page.get_by_label("What do you want to change?").fill(words)
    page.locator("footer").get_by_role("link", name="Change language").click()
    page.get_by_role("button", name="ትግርኛ").click()
    page.wait_for_url("**/me/review/views/change")
    assert page.locator("html").get_attribute("lang") == "ti"
    expect(page.locator("textarea")).to_have_value(words)
    _forget_language(live)


def _forget_language(live: Live) -> None:
    """The other tests share the demo account and choose their language by cookie: take the account's choice away."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import User

    with live.app.app_context():
        user = db.session.scalar(select(User).where(User.username == live.sign_ins["young_person"].sign_in_as))
        user.locale = None
        db.session.commit()
