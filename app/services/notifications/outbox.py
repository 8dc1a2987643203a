"""The outbox: what waits to be sent, and `send_due`, which `flask tick` runs.

- Each message is one row; the council admin sees its state (waiting, sent, failed) and never its content.
- Staff news and a young person's "something new" go at most once an hour to each person: rows that fall due
  together are gathered into one message. Safety alerts, escalations and invites go at once (`urgent`).
- A young person's row carries no address and no words of its own: both are read from their choice when it is
  sent, in their language, outside their quiet hours. If they stopped messages, what waited is dropped.
- Sending locks one row (and what it gathers) with SKIP LOCKED and commits after each message, so two machines
  ticking at once never send a row twice, and a later failure never undoes an earlier send.
- What fails for now (Notify down, 429, 500) is retried with backoff, and the rest wait for the next tick; after
  MAX_ATTEMPTS, or at once for what can never work (Notify's 400), the row is failed with a short reason, and
  stays on the admin's page.
"""

from __future__ import annotations

import enum
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from babel.support import Translations
from flask import current_app
from sqlalchemy import delete, func, select

from app import clock
from app.extensions import db
from app.models import Channel, MessageChoice, OutboxKind, OutboxMessage, OutboxState, User, YoungPerson
from app.roles import YOUNG_PEOPLE
from app.services._common import base_url
from app.services.notifications.quiet_hours import quiet_hours_end
from app.services.notifications.senders import (
    Outgoing,
    PermanentFailure,
    Sender,
    TemporaryFailure,
    configured_sender,
)

log = logging.getLogger("orbit.outbox")

# The words stored with a young person's row: always these, whatever happened. What is sent is the same sentence
# in their language, with a link.
YOUNG_PERSON_SUBJECT = "You have something new in Orbit"
YOUNG_PERSON_BODY = "You have something new in Orbit. Sign in to see it."
GATHER = timedelta(hours=1)
MAX_ATTEMPTS = 12
MAX_BACKOFF = timedelta(hours=4)


def N_(text: str) -> str:  # the name pybabel looks for: words translated when they are sent
    return text


SOMETHING_NEW = N_("You have something new in Orbit")
SOMETHING_NEW_BODY = N_("You have something new in Orbit. Sign in to see it: %(link)s")
CODE_SUBJECT = N_("Your Orbit code")
CODE_BODY = N_("Your Orbit code is %(code)s. It works for 30 minutes. If you did not ask for it, you can ignore this.")


def backoff(attempts: int) -> timedelta:
    """1, 4, 16, 64 minutes, then every 4 hours: about 29 hours in all before a message is given up."""
    return min(timedelta(minutes=4 ** max(attempts - 1, 0)), MAX_BACKOFF)


# Queueing ---------------------------------------------------------------------------------------------------


def queue_to_address(
    to_address: str | None,
    subject: str,
    body: str,
    user: User | None = None,
    *,
    urgent: bool = False,
    channel: Channel = Channel.email,
    council_id: uuid.UUID | None = None,
) -> OutboxMessage | None:
    """A message to a staff address (a work email, or the duty manager's mobile). Staff news waits until an hour
    after the last message to that address, and is gathered with whatever else is due then."""
    if not to_address:
        return None
    now = clock.now()
    due = now
    if not urgent:
        last = db.session.scalar(
            select(func.max(OutboxMessage.sent_at)).where(
                OutboxMessage.to_address == to_address,
                OutboxMessage.kind == OutboxKind.staff,
                OutboxMessage.state == OutboxState.sent,
            )
        )
        if last is not None and last + GATHER > now:
            due = last + GATHER
    message = OutboxMessage(
        user_id=user.id if user else None,
        council_id=council_id or (user.council_id if user else None),
        kind=OutboxKind.urgent if urgent else OutboxKind.staff,
        channel=channel,
        to_address=to_address,
        subject=subject[:200],
        body=body,
        due_at=due,
        created_at=now,
    )
    db.session.add(message)
    return message


def queue_to_young_person(user: User) -> OutboxMessage | None:
    """'You have something new in Orbit', only to a young person who chose a text or an email and confirmed it.
    Never sooner than an hour after the last one, never in their quiet hours; one waiting message at a time."""
    if user.role not in YOUNG_PEOPLE or not user.is_active:
        return None
    choice = choice_of(user.id)
    if choice is None or not choice.active:
        return None
    waiting = db.session.scalar(
        select(OutboxMessage).where(
            OutboxMessage.user_id == user.id,
            OutboxMessage.kind == OutboxKind.young_person,
            OutboxMessage.state == OutboxState.waiting,
        )
    )
    if waiting is not None:
        return waiting
    now = clock.now()
    message = OutboxMessage(
        user_id=user.id,
        council_id=_council_of(user),
        kind=OutboxKind.young_person,
        channel=choice.channel,
        to_address=None,
        subject=YOUNG_PERSON_SUBJECT,
        body=YOUNG_PERSON_BODY,
        due_at=_young_person_due(choice, now),
        created_at=now,
    )
    db.session.add(message)
    return message


def tell_young_person(young_person: YoungPerson) -> None:
    """Content-free: a young person with an account is told only that there is something new in Orbit."""
    if young_person.user_id is not None:
        user = db.session.get(User, young_person.user_id)
        if user is not None:
            queue_to_young_person(user)


def choice_of(user_id: uuid.UUID, *, for_update: bool = False) -> MessageChoice | None:
    query = select(MessageChoice).where(MessageChoice.user_id == user_id)
    return db.session.scalar(query.with_for_update() if for_update else query)


def _council_of(user: User) -> uuid.UUID | None:
    """A young person's council is on their record (their account may not carry it)."""
    return user.council_id or db.session.scalar(select(YoungPerson.council_id).where(YoungPerson.user_id == user.id))


def _young_person_due(choice: MessageChoice, now: datetime) -> datetime:
    due = now
    if choice.last_sent_at is not None and choice.last_sent_at + GATHER > due:
        due = choice.last_sent_at + GATHER
    return quiet_hours_end(due, choice.quiet_from, choice.quiet_until)


def retime_waiting(user_id: uuid.UUID, choice: MessageChoice) -> None:
    """New quiet hours: what waits for this young person is due by the new hours, sooner or later."""
    now = clock.now()
    for message in db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.user_id == user_id,
            OutboxMessage.kind == OutboxKind.young_person,
            OutboxMessage.state == OutboxState.waiting,
        )
    ):
        message.due_at = _young_person_due(choice, now)


def queue_code(user: User, code: str) -> OutboxMessage:
    """The confirmation code goes at once, to the number or address being confirmed (read when it is sent)."""
    drop_waiting(user.id, (OutboxKind.young_person_code,))
    now = clock.now()
    choice = choice_of(user.id)
    message = OutboxMessage(
        user_id=user.id,
        council_id=_council_of(user),
        kind=OutboxKind.young_person_code,
        channel=choice.pending_channel if choice and choice.pending_channel else Channel.email,
        to_address=None,
        subject=CODE_SUBJECT,
        body=code,  # only the code; blanked once sent
        due_at=now,
        created_at=now,
    )
    db.session.add(message)
    return message


def drop_waiting(user_id: uuid.UUID, kinds: Sequence[OutboxKind]) -> None:
    db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.user_id == user_id,
            OutboxMessage.kind.in_(list(kinds)),
            OutboxMessage.state == OutboxState.waiting,
        )
    )


# Sending ----------------------------------------------------------------------------------------------------


class _Outcome(enum.Enum):
    sent = "sent"
    failed = "failed"
    later = "later"


@dataclass
class _Prepared:
    outgoing: Outgoing | None = None
    # When nothing is sent now: None drops the rows (the young person stopped); a time postpones them.
    postpone_to: datetime | None = None
    choice: MessageChoice | None = None


def send_due(limit: int = 100, sender: Sender | None = None) -> int:
    """Send what is due, one message (and what it gathers) at a time, each in its own transaction."""
    sender = sender or configured_sender()
    sent = handled = 0
    while handled < limit:
        now = clock.now()
        head = db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.state == OutboxState.waiting, OutboxMessage.due_at <= now)
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if head is None:
            break
        group = _gather(head, now)
        handled += len(group)
        prepared = _prepare(head, now)
        if prepared.outgoing is None:
            _hold_or_drop(group, prepared.postpone_to)
            db.session.commit()
            continue
        outcome = _send_one(sender, prepared, group, now)
        db.session.commit()
        if outcome is _Outcome.sent:
            sent += 1
        elif outcome is _Outcome.later:
            # Notify (or the mail server) is down, busy or refusing the key: the rest wait for the next tick
            # rather than each waiting out a timeout now.
            break
    return sent


def _gather(head: OutboxMessage, now: datetime) -> list[OutboxMessage]:
    if head.kind not in (OutboxKind.staff, OutboxKind.young_person):
        return [head]
    same = (
        OutboxMessage.user_id == head.user_id
        if head.kind is OutboxKind.young_person
        else OutboxMessage.to_address == head.to_address
    )
    others = db.session.scalars(
        select(OutboxMessage)
        .where(
            same,
            OutboxMessage.id != head.id,
            OutboxMessage.kind == head.kind,
            OutboxMessage.channel == head.channel,
            OutboxMessage.state == OutboxState.waiting,
            OutboxMessage.due_at <= now,
        )
        .order_by(OutboxMessage.created_at)
        .with_for_update(skip_locked=True)
    ).all()
    return [head, *others]


def _prepare(head: OutboxMessage, now: datetime) -> _Prepared:
    reference = str(head.id)
    if head.kind not in (OutboxKind.young_person, OutboxKind.young_person_code):
        return _Prepared(Outgoing(reference, head.channel, head.to_address or "", head.subject, head.body))
    user = db.session.get(User, head.user_id) if head.user_id else None
    choice = choice_of(head.user_id, for_update=True) if head.user_id else None
    if user is None or not user.is_active or choice is None:
        return _Prepared()
    words = _translations(user.locale)
    if head.kind is OutboxKind.young_person_code:
        if not choice.pending_address or choice.pending_channel is None or not head.body:
            return _Prepared()
        body = words.gettext(CODE_BODY) % {"code": head.body}
        outgoing = Outgoing(
            reference, choice.pending_channel, choice.pending_address, words.gettext(CODE_SUBJECT), body, True
        )
        return _Prepared(outgoing, choice=choice)
    if not choice.active or choice.channel is None:
        return _Prepared()
    head.channel = choice.channel  # she may have changed from a text to an email since it was queued
    due = _young_person_due(choice, now)
    if due > now:
        return _Prepared(postpone_to=due)
    body = words.gettext(SOMETHING_NEW_BODY) % {"link": base_url() + "/"}
    outgoing = Outgoing(reference, choice.channel, choice.address or "", words.gettext(SOMETHING_NEW), body, True)
    return _Prepared(outgoing, choice=choice)


def _translations(locale: str | None) -> Translations:
    directory = current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
    return Translations.load(directory, [locale or "en", "en"])


def _hold_or_drop(group: list[OutboxMessage], postpone_to: datetime | None) -> None:
    for message in group:
        if postpone_to is None:
            db.session.delete(message)
        else:
            message.due_at = postpone_to


def _send_one(sender: Sender, prepared: _Prepared, group: list[OutboxMessage], now: datetime) -> _Outcome:
    outgoing = prepared.outgoing
    assert outgoing is not None
    if len(group) > 1 and group[0].kind is OutboxKind.staff:
        outgoing = _gathered(outgoing, group)
    ids = ", ".join(str(m.id) for m in group)
    try:
        sender.send(outgoing)
    except PermanentFailure as failure:
        log.warning("outbox %s failed for good: %s", ids, failure.reason)
        for message in group:
            _fail(message, failure.reason, now)
        if prepared.choice is not None:
            prepared.choice.problem_at = now
        return _Outcome.failed
    except TemporaryFailure as failure:
        _retry(group, failure.reason, now, ids)
        return _Outcome.later
    except Exception:
        log.exception("outbox %s: the sender broke; will retry", ids)
        _retry(group, "sender_error", now, ids)
        return _Outcome.failed
    for message in group:
        _settle(message, OutboxState.sent, now, None)
    if prepared.choice is not None:
        prepared.choice.problem_at = None
        if group[0].kind is OutboxKind.young_person:
            prepared.choice.last_sent_at = now
    return _Outcome.sent


def _gathered(outgoing: Outgoing, group: list[OutboxMessage]) -> Outgoing:
    bodies: list[str] = []
    for message in group:
        if message.body not in bodies:
            bodies.append(message.body)
    subject = outgoing.subject if len(bodies) == 1 else f"Orbit: {len(group)} new things for you"
    return Outgoing(outgoing.reference, outgoing.channel, outgoing.to_address, subject, "\n\n".join(bodies))


def _fail(message: OutboxMessage, reason: str, now: datetime) -> None:
    _settle(message, OutboxState.failed, now, reason)


def _settle(message: OutboxMessage, state: OutboxState, now: datetime, failure: str | None) -> None:
    """The last attempt: sent, or failed for good. A sign-in code is not kept once it is settled."""
    message.attempts += 1
    message.state = state
    if state is OutboxState.sent:
        message.sent_at = now
    else:
        message.failed_at = now
    message.failure = failure
    if message.kind is OutboxKind.young_person_code:
        message.body = ""


def _retry(group: list[OutboxMessage], reason: str, now: datetime, ids: str) -> None:
    log.warning("outbox %s not sent (%s); will retry", ids, reason)
    for message in group:
        message.attempts += 1
        message.failure = reason
        if message.attempts >= MAX_ATTEMPTS:
            _give_up(message, now)
        else:
            message.due_at = now + backoff(message.attempts)


def _give_up(message: OutboxMessage, now: datetime) -> None:
    message.state = OutboxState.failed
    message.failed_at = now
    message.failure = f"gave_up_{message.failure}"[:40] if message.failure else "gave_up"
    if message.kind is OutboxKind.young_person_code:
        message.body = ""
