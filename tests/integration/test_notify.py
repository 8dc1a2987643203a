"""GOV.UK Notify and a young person's own messages, against a local stand-in for Notify's API (tests/notify_standin):
the official client sends real HTTP to 127.0.0.1, and the stand-in checks the key's JWT, the JSON and the template."""

from __future__ import annotations

import dataclasses
import re
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta

import jwt
import pytest
import requests
from flask import Flask, current_app
from sqlalchemy import func, select

from app import clock, create_app
from app.config import ConfigError, read_settings
from app.extensions import db
from app.models import (
    AllocationKind,
    AuditEvent,
    Channel,
    MessageChoice,
    OutboxKind,
    OutboxMessage,
    OutboxState,
)
from app.roles import Role
from app.services import advocacy, notifications, safety, tick
from app.services.notifications.outbox import choice_of
from tests import factories
from tests.conftest import POSTGRES_URL, post_form
from tests.notify_standin import API_KEY, EMAIL_TEMPLATE, SECRET, SERVICE_ID, SMS_TEMPLATE, NotifyStandIn

BASE = "https://orbit.example.gov.uk"
NUMBER = "+447700900123"
SENT_TEXT = f"You have something new in Orbit. Sign in to see it: {BASE}/"


@pytest.fixture
def notify(app: Flask) -> Iterator[NotifyStandIn]:
    standin = NotifyStandIn().start()
    before = app.config["ORBIT_SETTINGS"]
    app.config["ORBIT_SETTINGS"] = dataclasses.replace(
        before,
        mail_sender="notify",
        notify_api_key=API_KEY,
        notify_base_url=standin.base_url,
        notify_email_template_id=EMAIL_TEMPLATE,
        notify_sms_template_id=SMS_TEMPLATE,
        base_url=BASE,
    )
    yield standin
    standin.stop()
    app.config["ORBIT_SETTINGS"] = before


@pytest.fixture
def setting(app: Flask) -> dict:
    council = factories.CouncilFactory()
    advocate = factories.staff(Role.advocate, council)
    worker = factories.staff(Role.practitioner, council)
    maya = factories.young_person(council, first_name="Maya")
    factories.allocate(maya, worker, AllocationKind.social_worker)
    request = factories.advocacy_request(maya, advocate=advocate)
    db.session.commit()
    return {"council": council, "advocate": advocate, "worker": worker, "maya": maya, "request": request}


def _confirmed(user, channel: Channel = Channel.sms, address: str = NUMBER) -> MessageChoice:
    choice = MessageChoice(
        user_id=user.id, channel=channel, address=address, confirmed_at=clock.now(), quiet_from=21, quiet_until=8
    )
    db.session.add(choice)
    db.session.commit()
    return choice


def _advocate_writes(setting: dict, words: str = "Hello, I am your advocate") -> None:
    advocacy.send_advocate_message(setting["advocate"], setting["request"].id, words, uuid.uuid4())
    db.session.commit()


def _texts(standin: NotifyStandIn) -> list[dict]:
    return [r.body for r in standin.received if r.kind == "sms"]


def _travel_to_london_hour(hour: int) -> None:
    """On to the next time the clock in London shows `hour`:00 (the suite may start on any date)."""
    now = clock.now()
    local = now.astimezone(clock.LONDON)
    target = datetime.combine(local.date(), datetime.min.time().replace(hour=hour), clock.LONDON)
    if target <= local:
        target = datetime.combine(local.date() + timedelta(days=1), target.time(), clock.LONDON)
    clock.travel(target - now)


def _outbox() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.created_at)))


# The journey: set up a text, confirm it, be told, and not in quiet hours --------------------------------------


def test_a_young_person_sets_up_a_text_confirms_it_and_is_told_but_not_in_quiet_hours(
    setting, notify, signed_in
) -> None:
    maya = setting["maya"]
    _travel_to_london_hour(10)
    young = signed_in(maya.user)
    page = young.get("/me/messages").get_data(as_text=True)
    assert "Messages from Orbit" in page and "No messages." in page

    chosen = post_form(young, "/me/messages", {"channel": "sms", "mobile": "07700 900 123", "email": ""})
    assert chosen.status_code == 303 and chosen.headers["Location"].endswith("/me/messages/confirm")
    assert "07700 900123" in young.get("/me/messages/confirm").get_data(as_text=True)

    # The code goes at once, through Notify, to the number being confirmed.
    assert tick.run().messages_sent == 1
    [code_text] = _texts(notify)
    assert code_text["phone_number"] == NUMBER and code_text["template_id"] == SMS_TEMPLATE
    code = re.search(r"\b(\d{6})\b", code_text["personalisation"]["body"]).group(1)
    assert [m.body for m in _outbox()] == [""]  # the code is not kept once sent

    # Nothing is sent for the advocate's message until the number is confirmed.
    _advocate_writes(setting)
    assert not [m for m in _outbox() if m.kind is OutboxKind.young_person]

    confirmed = post_form(young, "/me/messages/confirm", {"code": code})
    assert confirmed.status_code == 303
    assert "A text message to 07700 900123" in young.get("/me/messages").get_data(as_text=True)

    # Her advocate writes: one text, content-free, with a link, through Notify.
    _advocate_writes(setting, "Can we meet on Tuesday?")
    assert tick.run().messages_sent == 1
    told = _texts(notify)[-1]
    assert told["personalisation"] == {"body": SENT_TEXT}
    assert told["phone_number"] == NUMBER
    assert "Tuesday" not in str(told) and "advocate" not in str(told).lower() and "Maya" not in str(told)
    [row] = [m for m in _outbox() if m.kind is OutboxKind.young_person]
    assert (row.state, row.to_address, row.channel) == (OutboxState.sent, None, Channel.sms)

    # At 10pm (London), she is in her quiet hours: nothing is sent until 8am.
    _travel_to_london_hour(22)
    _advocate_writes(setting, "One more thing")
    assert tick.run().messages_sent == 0
    waiting = [m for m in _outbox() if m.state is OutboxState.waiting]
    assert len(waiting) == 1
    assert waiting[0].due_at.astimezone(clock.LONDON).hour == 8
    _travel_to_london_hour(7)
    assert tick.run().messages_sent == 0
    _travel_to_london_hour(8)
    assert tick.run().messages_sent == 1
    assert len(_texts(notify)) == 3

    # Two things within the hour are gathered into one message, an hour after the last.
    _advocate_writes(setting, "a")
    _advocate_writes(setting, "b")
    assert tick.run().messages_sent == 0
    clock.travel(timedelta(hours=1, minutes=1))
    assert tick.run().messages_sent == 1
    assert tick.run().messages_sent == 0
    assert len(_texts(notify)) == 4


def test_the_message_is_in_her_language(setting, notify) -> None:
    maya = setting["maya"]
    maya.user.locale = "cy"
    _confirmed(maya.user, Channel.email, "maya@example.org")
    _travel_to_london_hour(12)
    _advocate_writes(setting)
    assert tick.run().messages_sent == 1
    [email] = [r.body for r in notify.received]
    assert email["email_address"] == "maya@example.org" and email["template_id"] == EMAIL_TEMPLATE
    assert email["personalisation"]["subject"] != "You have something new in Orbit"
    assert "Orbit" in email["personalisation"]["subject"] and f"{BASE}/" in email["personalisation"]["body"]


def test_notify_refusing_her_address_is_shown_to_her_and_a_new_address_gets_what_waited(
    setting, notify, signed_in
) -> None:
    maya = setting["maya"]
    _confirmed(maya.user)
    _travel_to_london_hour(12)
    before = notify.received[:]
    good = current_app.config["ORBIT_SETTINGS"]
    current_app.config["ORBIT_SETTINGS"] = dataclasses.replace(good, notify_sms_template_id=str(uuid.uuid4()))
    _advocate_writes(setting)
    tick.run()
    current_app.config["ORBIT_SETTINGS"] = good
    assert notify.received == before
    young = signed_in(maya.user)
    assert "We could not send a message to you" in young.get("/me/messages").text

    # She changes to an email; news that waits meanwhile goes to the new address once it is confirmed.
    clock.travel(timedelta(hours=2))
    young = signed_in(maya.user)
    post_form(young, "/me/messages", {"channel": "email", "email": "maya@example.org"})
    tick.run()
    code = re.search(r"\b(\d{6})\b", notify.received[-1].body["personalisation"]["body"]).group(1)
    clock.travel(timedelta(minutes=5))
    _advocate_writes(setting)
    assert post_form(young, "/me/messages/confirm", {"code": code}).status_code == 303
    assert "We could not send a message to you" not in young.get("/me/messages").text
    assert tick.run().messages_sent == 1
    assert notify.received[-1].body["email_address"] == "maya@example.org"


def test_stopping_drops_what_waits_and_no_message_is_the_default(setting, notify, signed_in) -> None:
    maya = setting["maya"]
    _advocate_writes(setting)
    assert _outbox() == [] or all(m.kind is not OutboxKind.young_person for m in _outbox())
    _confirmed(maya.user)
    _travel_to_london_hour(22)
    _advocate_writes(setting)
    assert any(m.kind is OutboxKind.young_person for m in _outbox())
    stopped = post_form(signed_in(maya.user), "/me/messages/stop")
    assert stopped.status_code == 303
    assert not any(m.kind is OutboxKind.young_person for m in _outbox())
    _travel_to_london_hour(9)
    tick.run()
    assert _texts(notify) == []
    choice = choice_of(maya.user.id)
    assert choice.address is None and choice.channel is None


def test_a_safety_alert_never_sends_the_young_person_anything(setting, notify) -> None:
    maya, council = setting["maya"], setting["council"]
    _confirmed(maya.user)
    council.duty_manager_email = "duty.manager@council.example"
    council.duty_manager_mobile = "+447700900999"
    factories.staff(Role.duty, council)
    db.session.commit()
    _travel_to_london_hour(12)
    safety.raise_alert(maya.user, "unsafe", "", uuid.uuid4())
    db.session.commit()
    assert not [m for m in _outbox() if m.user_id == maya.user.id]
    tick.run()
    assert NUMBER not in {r.body.get("phone_number") for r in notify.received}

    # Not acknowledged in time: the duty manager gets an email and a text, at once.
    clock.travel(timedelta(minutes=16))
    tick.run()
    texts = _texts(notify)
    assert [t["phone_number"] for t in texts] == ["+447700900999"]
    assert "safety alert" in texts[0]["personalisation"]["body"] and "Maya" not in str(texts[0])
    assert "duty.manager@council.example" in {r.body.get("email_address") for r in notify.received}
    assert not [m for m in _outbox() if m.user_id == maya.user.id]


# The outbox survives Notify: down, 429, 500, 400, 403 ----------------------------------------------------------


def test_the_outbox_survives_notify_being_down_and_sends_once(app, notify) -> None:
    notifications.queue_to_address("priya@council.example", "Orbit: something new", "Sign in", urgent=True)
    db.session.commit()
    notify.stop()
    assert tick.run().messages_sent == 0
    [row] = _outbox()
    assert (row.state, row.attempts, row.failure) == (OutboxState.waiting, 1, "notify_unavailable")
    assert row.due_at > clock.now()

    notify.start()  # back, on the same port
    assert tick.run().messages_sent == 0  # not due yet: backoff
    notify.next_answers = [429, 500]
    clock.travel(timedelta(minutes=2))
    assert tick.run().messages_sent == 0
    assert _outbox()[0].failure == "notify_busy"
    clock.travel(timedelta(minutes=5))
    assert tick.run().messages_sent == 0
    assert _outbox()[0].failure == "notify_unavailable"
    clock.travel(timedelta(minutes=17))
    assert tick.run().messages_sent == 1
    clock.travel(timedelta(hours=5))
    assert tick.run().messages_sent == 0
    assert [r.body["email_address"] for r in notify.received] == ["priya@council.example"]
    [row] = _outbox()
    assert (row.state, row.attempts) == (OutboxState.sent, 4)
    assert [status for status, _message in notify.refused] == [429, 500]


def test_when_notify_is_down_one_tick_tries_once_and_the_rest_wait(app, notify) -> None:
    for n in range(3):
        notifications.queue_to_address(f"worker{n}@council.example", "Orbit", "Sign in", urgent=True)
    db.session.commit()
    notify.next_answers = [500]
    assert tick.run().messages_sent == 0
    assert sorted(m.attempts for m in _outbox()) == [0, 0, 1]
    assert len(notify.refused) == 1
    assert tick.run().messages_sent == 2  # the next tick: Notify is back; the one that failed waits its turn
    clock.travel(timedelta(minutes=1))
    assert tick.run().messages_sent == 1
    assert len(notify.received) == 3


def test_it_gives_up_after_many_tries_and_the_admin_sees_why(app, notify, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    worker = factories.staff(Role.practitioner, council)
    db.session.commit()
    notifications.queue_to_address(worker.email, "Orbit: new", "Sign in", worker)
    db.session.commit()
    notify.stop()
    for _ in range(notifications.outbox.MAX_ATTEMPTS):
        tick.run()
        clock.travel(timedelta(hours=4, minutes=1))
    [row] = _outbox()
    assert row.state is OutboxState.failed and row.failure == "gave_up_notify_unavailable"
    page = signed_in(admin).get("/admin/outbox").get_data(as_text=True)
    assert "Failed" in page and "could not be reached" in page and "Sign in" not in page


def test_notify_refusing_a_message_is_failed_at_once_and_shown_to_the_admin(app, notify, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    worker = factories.staff(Role.practitioner, council)
    db.session.commit()
    app.config["ORBIT_SETTINGS"] = dataclasses.replace(
        app.config["ORBIT_SETTINGS"], notify_email_template_id=str(uuid.uuid4())
    )
    notifications.queue_to_address(worker.email, "Orbit: a review date", "Secret words", worker)
    db.session.commit()
    assert tick.run().messages_sent == 0
    [row] = _outbox()
    assert (row.state, row.failure, row.attempts) == (OutboxState.failed, "notify_refused", 1)
    assert notify.refused == [(400, "Template not found")]
    clock.travel(timedelta(days=1))
    tick.run()
    assert len(notify.refused) == 1  # never retried
    page = signed_in(admin).get("/admin/outbox?state=failed").get_data(as_text=True)
    assert "GOV.UK Notify refused it" in page and "Secret words" not in page and worker.email not in page


def test_a_wrong_key_is_refused_by_the_standin_and_retried(app, notify) -> None:
    app.config["ORBIT_SETTINGS"] = dataclasses.replace(
        app.config["ORBIT_SETTINGS"], notify_api_key=f"orbit_test-{SERVICE_ID}-{uuid.uuid4()}"
    )
    notifications.queue_to_address("priya@council.example", "Orbit", "Sign in", urgent=True)
    db.session.commit()
    assert tick.run().messages_sent == 0
    assert notify.refused == [(403, "Invalid token: signature, api token not found")]
    [row] = _outbox()
    assert (row.state, row.failure) == (OutboxState.waiting, "notify_key_refused")


def test_the_standin_checks_what_notify_checks(notify) -> None:
    url = f"{notify.base_url}/v2/notifications/sms"
    body = {"phone_number": NUMBER, "template_id": SMS_TEMPLATE, "personalisation": {"body": "x"}}

    def token(**claims) -> str:
        return jwt.encode({"iss": SERVICE_ID, "iat": int(time.time()), **claims}, SECRET, algorithm="HS256")

    def post(payload, bearer: str | None) -> requests.Response:
        headers = {"Content-Type": "application/json"}
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        return requests.post(url, json=payload, headers=headers, timeout=5)

    assert post(body, None).status_code == 401
    old = post(body, token(iat=int(time.time()) - 60))
    assert old.status_code == 403 and "30 seconds" in old.json()["errors"][0]["message"]
    assert post(body, token(iss=str(uuid.uuid4()))).status_code == 403
    forged = jwt.encode({"iss": SERVICE_ID, "iat": int(time.time())}, "wrong-" * 8, algorithm="HS256")
    assert post(body, forged).status_code == 403
    missing = post({**body, "personalisation": {}}, token())
    assert missing.status_code == 400 and missing.json()["errors"][0]["message"] == "Missing personalisation: body"
    assert post({**body, "phone_number": "+15551234567"}, token()).status_code == 400
    assert post({**body, "template_id": EMAIL_TEMPLATE}, token()).status_code == 400
    created = post(body, token())
    assert created.status_code == 201 and created.json()["template"]["id"] == SMS_TEMPLATE


@pytest.mark.skipif(not POSTGRES_URL, reason="SKIP LOCKED needs PostgreSQL")
def test_two_machines_ticking_at_once_never_send_a_message_twice(app, notify) -> None:
    for n in range(12):
        notifications.queue_to_address(f"worker{n}@council.example", "Orbit", f"Sign in {n}", urgent=True)
    db.session.commit()
    notify.delay = 0.05
    results: list[int] = []

    def machine() -> None:
        with app.app_context():
            results.append(notifications.send_due())
            db.session.remove()

    machines = [threading.Thread(target=machine) for _ in range(3)]
    for m in machines:
        m.start()
    for m in machines:
        m.join(timeout=60)
    addresses = [r.body["email_address"] for r in notify.received]
    assert sorted(addresses) == sorted(f"worker{n}@council.example" for n in range(12))
    assert sum(results) == 12 and len([r for r in results if r]) >= 2  # shared between machines
    assert all(m.state is OutboxState.sent and m.attempts == 1 for m in _outbox())


# Staff: gathered, at most one an hour --------------------------------------------------------------------------


def test_staff_news_is_gathered_into_one_email_an_hour(app, notify) -> None:
    notifications.queue_to_address("priya@council.example", "Orbit: one", "First thing")
    notifications.queue_to_address("priya@council.example", "Orbit: two", "Second thing")
    db.session.commit()
    assert tick.run().messages_sent == 1
    [email] = [r.body for r in notify.received]
    assert "First thing" in email["personalisation"]["body"] and "Second thing" in email["personalisation"]["body"]
    notifications.queue_to_address("priya@council.example", "Orbit: three", "Third thing")
    db.session.commit()
    assert tick.run().messages_sent == 0
    clock.travel(timedelta(hours=1))
    assert tick.run().messages_sent == 1
    assert len(notify.received) == 2


# Bad input in the settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mobile", "message"),
    [
        ("", "Enter your mobile number"),
        ("0161 496 0000", "Enter a UK mobile number"),
        ("+1 555 123 4567", "Enter a UK mobile number"),
        ("<script>alert(1)</script>", "Enter a UK mobile number"),
        ("0" * 40, "Enter a UK mobile number"),
    ],
)
def test_only_uk_mobiles(setting, notify, signed_in, mobile, message) -> None:
    young = signed_in(setting["maya"].user)
    page = post_form(young, "/me/messages", {"channel": "sms", "mobile": mobile}).get_data(as_text=True)
    assert message in page and "govuk-error-summary" in page
    assert "<script>alert(1)</script>" not in page
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_emails_are_checked_and_the_channel_must_be_one_of_ours(setting, notify, signed_in) -> None:
    young = signed_in(setting["maya"].user)
    assert "Enter an email address" in post_form(young, "/me/messages", {"channel": "email", "email": "maya@"}).text
    assert "Enter your email address" in post_form(young, "/me/messages", {"channel": "email", "email": " "}).text
    assert "Choose one of the options" in post_form(young, "/me/messages", {"channel": "pigeon"}).text
    assert post_form(young, "/me/messages", {"channel": "email", "email": "Maya@Example.org"}).status_code == 303


def test_five_wrong_codes_then_wait(setting, notify, signed_in) -> None:
    young = signed_in(setting["maya"].user)
    post_form(young, "/me/messages", {"channel": "sms", "mobile": "07700900123"})
    tick.run()
    code = re.search(r"\b(\d{6})\b", _texts(notify)[0]["personalisation"]["body"]).group(1)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        assert "That code is not right" in post_form(young, "/me/messages/confirm", {"code": wrong}).text
    assert "Too many tries" in post_form(young, "/me/messages/confirm", {"code": wrong}).text
    assert "Too many tries" in post_form(young, "/me/messages/confirm", {"code": code}).text  # even the right one
    assert "Too many tries" in post_form(young, "/me/messages/new-code").text
    clock.travel(timedelta(minutes=10))
    assert "Too many tries" in young.get("/me/messages/confirm").text  # and her session stays alive
    clock.travel(timedelta(minutes=6))
    assert post_form(young, "/me/messages/new-code").status_code == 303
    tick.run()
    new_code = re.search(r"\b(\d{6})\b", _texts(notify)[-1]["personalisation"]["body"]).group(1)
    assert post_form(young, "/me/messages/confirm", {"code": new_code}).status_code == 303
    assert choice_of(setting["maya"].user.id).active


def test_quiet_hours_are_hers_to_choose(setting, notify, signed_in) -> None:
    young = signed_in(setting["maya"].user)
    assert "9 PM" in young.get("/me/messages").text
    same = post_form(young, "/me/messages/quiet-hours", {"quiet_from": "22", "quiet_until": "22"})
    assert "Choose a different time" in same.text
    assert (
        "Choose one of the options"
        in post_form(young, "/me/messages/quiet-hours", {"quiet_from": "25", "quiet_until": "7"}).text
    )
    saved = post_form(young, "/me/messages/quiet-hours", {"quiet_from": "20", "quiet_until": "9"})
    assert saved.status_code == 303
    choice = choice_of(setting["maya"].user.id)
    assert (choice.quiet_from, choice.quiet_until) == (20, 9)


def test_new_quiet_hours_move_what_waits(setting, notify, signed_in) -> None:
    _confirmed(setting["maya"].user)
    _travel_to_london_hour(22)
    _advocate_writes(setting)
    [waiting] = [m for m in _outbox() if m.kind is OutboxKind.young_person]
    assert waiting.due_at.astimezone(clock.LONDON).hour == 8
    young = signed_in(setting["maya"].user)
    assert post_form(young, "/me/messages/quiet-hours", {"quiet_from": "23", "quiet_until": "7"}).status_code == 303
    assert tick.run().messages_sent == 1  # 10pm is no longer quiet for her
    assert _texts(notify)[0]["phone_number"] == NUMBER


def test_her_copy_of_her_information_has_her_choice(setting, signed_in) -> None:
    _confirmed(setting["maya"].user)
    young = signed_in(setting["maya"].user)
    data = young.get("/me/my-things/copy.json").get_json()
    assert (data["you"]["messages_by"], data["you"]["messages_to"]) == ("sms", NUMBER)
    assert data["you"]["quiet_hours"] == "21:00-08:00"


# Only she sees it ---------------------------------------------------------------------------------------------


def test_staff_pages_the_outbox_and_the_audit_never_carry_her_number(setting, notify, signed_in) -> None:
    maya, council = setting["maya"], setting["council"]
    admin = factories.staff(Role.council_admin, council)
    db.session.commit()
    young = signed_in(maya.user)
    post_form(young, "/me/messages", {"channel": "sms", "mobile": "07700 900123"})
    tick.run()
    code = re.search(r"\b(\d{6})\b", _texts(notify)[0]["personalisation"]["body"]).group(1)
    post_form(young, "/me/messages/confirm", {"code": code})
    _advocate_writes(setting)
    tick.run()
    pages = [
        signed_in(admin).get("/admin/outbox").text,
        signed_in(setting["worker"]).get(f"/practitioner/young-people/{maya.id}").text,
        signed_in(setting["advocate"]).get(f"/advocate/requests/{setting['request'].id}").text,
    ]
    assert "A young person" in pages[0]
    for page in pages:
        assert "900123" not in page and "7700900123" not in page
    for event in db.session.scalars(select(AuditEvent)):
        assert "900123" not in str([getattr(event, c.key) for c in AuditEvent.__table__.columns])
    assert all(m.to_address is None for m in _outbox() if m.user_id == maya.user.id)


# Configuration --------------------------------------------------------------------------------------------------


def test_production_refuses_to_start_with_notify_and_no_key(monkeypatch) -> None:
    production = {"ORBIT_ENV": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": "postgresql://x/y"}
    with pytest.raises(ConfigError, match="NOTIFY_API_KEY"):
        read_settings({**production, "MAIL_SENDER": "notify"})
    with pytest.raises(ConfigError, match="does not look like"):
        read_settings({**production, "MAIL_SENDER": "notify", "NOTIFY_API_KEY": "nonsense"})
    with pytest.raises(ConfigError, match="NOTIFY_SMS_TEMPLATE_ID"):
        read_settings(
            {
                **production,
                "MAIL_SENDER": "notify",
                "NOTIFY_API_KEY": API_KEY,
                "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE,
            }
        )
    with pytest.raises(ConfigError, match="MAIL_SENDER must be one of"):
        read_settings({"MAIL_SENDER": "pigeon"})
    ready = read_settings(
        {
            **production,
            "MAIL_SENDER": "notify",
            "NOTIFY_API_KEY": API_KEY,
            "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE,
            "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE,
        }
    )
    assert ready.mail_sender == "notify" and ready.sends_texts
    for name, value in {**production, "MAIL_SENDER": "notify"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NOTIFY_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="NOTIFY_API_KEY"):
        create_app()


def test_outbox_rows_are_kept_90_days_by_the_retention_schedule(app) -> None:
    notifications.queue_to_address("priya@council.example", "Orbit", "Sign in", urgent=True)
    db.session.commit()
    tick.run()
    clock.travel(timedelta(days=89))
    assert tick.run().deleted.get("outbox_days", 0) == 0
    clock.travel(timedelta(days=2))
    assert tick.run().deleted["outbox_days"] == 1
    assert _outbox() == []


def test_the_duty_managers_mobile_is_checked(app, signed_in) -> None:
    council = factories.CouncilFactory()
    admin = factories.staff(Role.council_admin, council)
    db.session.commit()
    client = signed_in(admin)
    bad = post_form(client, "/admin/outbox/duty-manager", {"email": "", "mobile": "01614960000"})
    assert "Enter a UK mobile number" in bad.text
    good = post_form(client, "/admin/outbox/duty-manager", {"email": "dm@council.example", "mobile": "07700 900999"})
    assert good.status_code == 303
    db.session.refresh(council)
    assert (council.duty_manager_email, council.duty_manager_mobile) == ("dm@council.example", "+447700900999")
