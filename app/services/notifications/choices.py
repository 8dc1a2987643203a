"""A young person's own choice of how to be told that something is new: no messages (the default), a text to a
UK mobile, or an email. Confirmed with a code before anything else is sent; five wrong codes and they wait.

Only the young person reads or changes this. Nothing here is audited with the address, and no staff service
reads `MessageChoice`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app

from app import clock
from app.extensions import db
from app.models import Channel, MessageChoice, OutboxKind, User
from app.roles import YOUNG_PEOPLE
from app.services.errors import NotFound, Refused
from app.services.notifications.outbox import choice_of, drop_waiting, queue_code, retime_waiting
from app.services.notifications.quiet_hours import DEFAULT_FROM, DEFAULT_UNTIL

CODE_MINUTES = 30
CODE_TRIES = 5
LOCK_MINUTES = 15
RESEND_SECONDS = 60
ADDRESS_MAX = 254
_SEPARATORS = re.compile(r"[\s\-().]")
_UK_MOBILE = re.compile(r"^(?:\+44|0044|44|0)(7\d{9})$")


def uk_mobile(typed: str) -> str | None:
    """A UK mobile number as +447…, or None. Spaces, dashes and brackets are fine; 07… and +447… both work."""
    match = _UK_MOBILE.match(_SEPARATORS.sub("", typed or ""))
    return f"+44{match.group(1)}" if match else None


def shown_mobile(number: str) -> str:
    """+447700900123 as 07700 900123, the way people write it."""
    local = "0" + number[3:] if number.startswith("+44") else number
    return f"{local[:5]} {local[5:]}" if len(local) == 11 else local


def email_address(typed: str) -> str | None:
    typed = (typed or "").strip()
    if not typed or len(typed) > ADDRESS_MAX:
        return None
    try:
        return validate_email(typed, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@dataclass(frozen=True)
class MessageSettings:
    channel: Channel | None
    address: str | None
    pending_channel: Channel | None
    pending_address: str | None
    locked_until: datetime | None
    quiet_from: int
    quiet_until: int
    problem: bool
    can_text: bool

    @property
    def shown_address(self) -> str | None:
        return _shown(self.channel, self.address)

    @property
    def shown_pending(self) -> str | None:
        return _shown(self.pending_channel, self.pending_address)


def _shown(channel: Channel | None, address: str | None) -> str | None:
    if address is None:
        return None
    return shown_mobile(address) if channel is Channel.sms else address


def _own(user: User) -> None:
    if user.role not in YOUNG_PEOPLE:
        raise NotFound


def _choice(user: User, *, for_update: bool = False) -> MessageChoice:
    choice = choice_of(user.id, for_update=for_update)
    if choice is None:
        choice = MessageChoice(
            user_id=user.id, quiet_from=DEFAULT_FROM, quiet_until=DEFAULT_UNTIL, code_tries=0, updated_at=clock.now()
        )
        db.session.add(choice)
    return choice


def texts_possible() -> bool:
    return bool(current_app.config["ORBIT_SETTINGS"].sends_texts)


def my_settings(user: User) -> MessageSettings:
    _own(user)
    choice = choice_of(user.id)
    now = clock.now()
    if choice is None:
        return MessageSettings(None, None, None, None, None, DEFAULT_FROM, DEFAULT_UNTIL, False, texts_possible())
    locked = choice.code_locked_until if choice.code_locked_until and choice.code_locked_until > now else None
    return MessageSettings(
        choice.channel if choice.active else None,
        choice.address if choice.active else None,
        choice.pending_channel,
        choice.pending_address,
        locked,
        choice.quiet_from,
        choice.quiet_until,
        choice.problem_at is not None,
        texts_possible(),
    )


def _hash(user: User, code: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, f"{user.id}:{code}".encode(), hashlib.sha256).hexdigest()


def choose(user: User, channel: str, mobile: str, email: str) -> MessageSettings:
    """Start using a text or an email: the number or address waits for its code. "none" stops messages."""
    _own(user)
    if channel == "none":
        stop(user)
        return my_settings(user)
    if channel == Channel.sms.value:
        if not texts_possible():
            raise Refused("message_channel_unknown", "channel")
        address = uk_mobile(mobile)
        if address is None:
            raise Refused("mobile_not_uk" if (mobile or "").strip() else "mobile_missing", "mobile")
        chosen = Channel.sms
    elif channel == Channel.email.value:
        address = email_address(email)
        if address is None:
            raise Refused("email_not_valid" if (email or "").strip() else "email_missing", "email")
        chosen = Channel.email
    else:
        raise Refused("message_channel_unknown", "channel")
    choice = _choice(user, for_update=True)
    now = clock.now()
    if choice.code_locked_until and choice.code_locked_until > now:
        raise Refused("message_code_locked", "channel")
    if (
        choice.pending_address == address
        and choice.code_sent_at is not None
        and choice.code_sent_at + timedelta(seconds=RESEND_SECONDS) > now
    ):
        return my_settings(user)  # pressed twice: one code is enough
    choice.pending_channel, choice.pending_address = chosen, address
    _new_code(user, choice, now)
    return my_settings(user)


def _new_code(user: User, choice: MessageChoice, now: datetime) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    choice.code_hash = _hash(user, code)
    choice.code_sent_at = now
    choice.code_tries = 0
    choice.code_locked_until = None
    choice.updated_at = now
    db.session.flush()
    queue_code(user, code)


def send_new_code(user: User) -> None:
    _own(user)
    choice = _choice(user, for_update=True)
    now = clock.now()
    if not choice.pending_address:
        raise Refused("message_nothing_to_confirm")
    if choice.code_locked_until and choice.code_locked_until > now:
        raise Refused("message_code_locked", "code")
    if choice.code_sent_at and choice.code_sent_at + timedelta(seconds=RESEND_SECONDS) > now:
        raise Refused("message_code_wait", "code")
    _new_code(user, choice, now)


def confirm(user: User, typed: str) -> MessageSettings:
    """The code sent to the new number or address. Five wrong tries: wait 15 minutes and ask for a new code."""
    _own(user)
    choice = _choice(user, for_update=True)
    now = clock.now()
    if not choice.pending_address or not choice.code_hash:
        raise Refused("message_nothing_to_confirm", "code")
    if choice.code_locked_until and choice.code_locked_until > now:
        raise Refused("message_code_locked", "code")
    code = re.sub(r"\s", "", typed or "")
    if not code:
        raise Refused("message_code_missing", "code")
    if choice.code_sent_at is None or choice.code_sent_at + timedelta(minutes=CODE_MINUTES) < now:
        choice.code_hash = None
        raise Refused("message_code_old", "code")
    if not (code.isdigit() and len(code) == 6 and hmac.compare_digest(_hash(user, code), choice.code_hash)):
        choice.code_tries += 1
        if choice.code_tries >= CODE_TRIES:
            choice.code_locked_until = now + timedelta(minutes=LOCK_MINUTES)
            choice.code_hash = None  # a new code is needed after the wait
            raise Refused("message_code_locked", "code")
        raise Refused("message_code_wrong", "code")
    choice.channel, choice.address = choice.pending_channel, choice.pending_address
    choice.confirmed_at = now
    choice.pending_channel = choice.pending_address = choice.code_hash = None
    choice.code_tries = 0
    choice.problem_at = None
    choice.updated_at = now
    drop_waiting(user.id, (OutboxKind.young_person_code,))  # news already waiting goes to the new address
    return my_settings(user)


def set_quiet_hours(user: User, start: str, end: str) -> MessageSettings:
    _own(user)
    try:
        start_hour, end_hour = int(start), int(end)
    except (TypeError, ValueError):
        raise Refused("quiet_hours_unknown", "quiet_from") from None
    if not (0 <= start_hour <= 23 and 0 <= end_hour <= 23):
        raise Refused("quiet_hours_unknown", "quiet_from")
    if start_hour == end_hour:
        raise Refused("quiet_hours_same", "quiet_until")
    choice = _choice(user, for_update=True)
    choice.quiet_from, choice.quiet_until = start_hour, end_hour
    choice.updated_at = clock.now()
    retime_waiting(user.id, choice)
    return my_settings(user)


def stop(user: User) -> None:
    """No more messages, at once: the number or address is forgotten, and nothing waiting is sent."""
    _own(user)
    choice = choice_of(user.id, for_update=True)
    if choice is not None:
        choice.channel = choice.address = choice.confirmed_at = None
        choice.pending_channel = choice.pending_address = choice.code_hash = None
        choice.code_tries = 0
        choice.problem_at = None
        choice.updated_at = clock.now()
    drop_waiting(user.id, (OutboxKind.young_person, OutboxKind.young_person_code))
