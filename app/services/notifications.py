"""The outbox and its senders. A young person's notification never says who or what: only that there is
something new. Staff messages carry links, never a young person's words."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol

from flask import current_app
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import OutboxMessage, User

log = logging.getLogger("orbit.outbox")

YOUNG_PERSON_SUBJECT = "You have something new in Orbit"
YOUNG_PERSON_BODY = "You have something new in Orbit. Sign in to see it."


class Sender(Protocol):
    def send(self, message: OutboxMessage) -> None: ...


class LogSender:
    def send(self, message: OutboxMessage) -> None:
        log.info("outbox message to %s: %s\n%s", message.to_address, message.subject, message.body)


class SmtpSender:
    def __init__(self, host: str, port: int, sender: str) -> None:
        self.host, self.port, self.sender = host, port, sender

    def send(self, message: OutboxMessage) -> None:
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.to_address
        email["Subject"] = message.subject
        email.set_content(message.body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(email)


def configured_sender() -> Sender:
    settings = current_app.config["ORBIT_SETTINGS"]
    if settings.mail_sender == "smtp" and settings.smtp_host:
        return SmtpSender(settings.smtp_host, settings.smtp_port, settings.mail_from)
    return LogSender()


def queue_to_address(to_address: str, subject: str, body: str, user: User | None = None) -> OutboxMessage:
    message = OutboxMessage(
        user_id=user.id if user else None,
        to_address=to_address,
        subject=subject,
        body=body,
        due_at=clock.now(),
    )
    db.session.add(message)
    return message


def queue_to_young_person(user: User) -> OutboxMessage | None:
    """Content-free, always: no name, no sender, no subject matter. Only young people with an address get one;
    everyone also sees "You have something new in Orbit" on their home page."""
    if not user.email or not user.is_active:
        return None
    return queue_to_address(user.email, YOUNG_PERSON_SUBJECT, YOUNG_PERSON_BODY, user)


def send_due(limit: int = 100) -> int:
    """Send what is due. Locks rows with SKIP LOCKED on PostgreSQL so several `flask tick`s never double-send."""
    sender = configured_sender()
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.due_at <= clock.now(), OutboxMessage.attempts < 5)
        .order_by(OutboxMessage.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    sent = 0
    for message in db.session.scalars(query):
        message.attempts += 1
        try:
            sender.send(message)
        except OSError:
            log.warning("outbox message %s not sent; will retry", message.id)
            continue
        message.sent_at = clock.now()
        sent += 1
    return sent
