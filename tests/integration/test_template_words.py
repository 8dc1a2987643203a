"""How templates turn words, dates and times into the reader's language: the fast paths in app.web must say
exactly what Flask-Babel and Jinja would, on England's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask, render_template_string

from app import clock
from app.web import format_clock_time, format_day


def _render(app: Flask, source: str, language: str = "en", **context: object) -> str:
    with app.app_context(), app.test_request_context("/", headers={"Accept-Language": language}):
        return render_template_string(source, **context)


def test_times_are_on_englands_clock_in_summer_and_winter(app: Flask) -> None:
    with app.app_context(), app.test_request_context("/"):
        # 10:30 UTC is 11:30 in London in July (BST) and 10:30 in January (GMT).
        assert format_clock_time(datetime(2026, 7, 20, 10, 30, tzinfo=UTC)) == "20 Jul, 11:30"
        assert format_clock_time(datetime(2027, 1, 20, 10, 30, tzinfo=UTC)) == "20 Jan, 10:30"
        # 23:30 UTC on 20 July is already 21 July in London.
        assert format_day(datetime(2026, 7, 20, 23, 30, tzinfo=UTC)) == "21 July 2026"
        assert format_day(date(2027, 3, 4)) == "4 March 2027"


def test_a_time_today_leaves_the_day_out(app: Flask) -> None:
    now = clock.now()
    assert _render(app, "{{ when|format_time }}", when=now) == now.astimezone(clock.LONDON).strftime("%H:%M")


def test_dates_and_times_follow_the_readers_language(app: Flask) -> None:
    when = datetime(2026, 7, 20, 10, 30, tzinfo=UTC)
    source = "{{ when|format_date }} {{ when|format_time }}"
    assert _render(app, source, "cy", when=when) == "20 Gorffennaf 2026 20 Gorff, 11:30"
    assert "يوليو" in _render(app, source, "ar", when=when)


def test_each_request_gets_its_own_language(client) -> None:
    # The catalogue is looked up once per request: a Welsh reader must not get the English one from before.
    assert "Get help now" in client.get("/help", headers={"Accept-Language": "en"}).get_data(as_text=True)
    welsh = client.get("/help", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert "Cael help nawr" in welsh and "Get help now" not in welsh
    arabic = client.get("/help", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert "احصل على مساعدة الآن" in arabic


def test_template_words_escape_what_is_put_into_them_and_keep_their_own_percent_signs(app: Flask) -> None:
    assert _render(app, '{{ _("Hello %(name)s", name=name) }}', name="<script>") == "Hello &lt;script&gt;"
    assert _render(app, '{{ _("up to 400%% wide") }}') == "up to 400% wide"
    assert _render(app, '{{ _("Nothing to fill in") }}') == "Nothing to fill in"
    assert _render(app, '{{ ngettext("%(num)s item", "%(num)s items", 3) }}') == "3 items"
