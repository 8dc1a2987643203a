"""How a message leaves Orbit: written to the log (local use), SMTP (email only) or GOV.UK Notify (email and text).

A sender raises `TemporaryFailure` for what may work later (Notify down, 429, 500, a timeout) and
`PermanentFailure` for what never will (Notify's 400: not a valid number, or the template is wrong). A 403 (the
key or the server's clock is wrong) is retried with the rest, so fixing the key sends what waited. Neither carries
the recipient or the content: the outbox records a short reason code, and the logs say only the message id.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from flask import current_app

from app.config import Settings
from app.models import Channel

log = logging.getLogger("orbit.outbox")


@dataclass(frozen=True)
class Outgoing:
    """One message as it leaves: perhaps several outbox rows gathered into one."""

    reference: str
    channel: Channel
    to_address: str
    subject: str
    body: str
    # A young person's number or address is never written to a log, not even the local one.
    private: bool = False


class TemporaryFailure(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PermanentFailure(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Sender(Protocol):
    def send(self, message: Outgoing) -> None: ...


class LogSender:
    """For local use: writes what would be sent to the log."""

    def send(self, message: Outgoing) -> None:
        to = "(a young person's own address, not logged)" if message.private else message.to_address
        log.info("outbox %s %s to %s: %s\n%s", message.channel, message.reference, to, message.subject, message.body)


class SmtpSender:
    def __init__(self, host: str, port: int, sender: str) -> None:
        self.host, self.port, self.sender = host, port, sender

    def send(self, message: Outgoing) -> None:
        if message.channel is not Channel.email:
            raise PermanentFailure("no_text_sender")
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.to_address
        email["Subject"] = message.subject
        email.set_content(message.body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
                smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentFailure("address_refused") from error
        except (OSError, smtplib.SMTPException) as error:
            raise TemporaryFailure("smtp_unavailable") from error


# Notify's answers, from its API documentation: 400 BadRequestError/ValidationError (never retried: the number,
# the address or the template is wrong), 403 AuthError (the key or the clock is wrong: retried, and shown to the
# council admin), 429 RateLimitError or TooManyRequestsError, and 500 (retried later). No answer is retried too.
NOTIFY_TIMEOUT_SECONDS = 10


class NotifySender:
    def __init__(self, api_key: str, base_url: str, email_template_id: str, sms_template_id: str | None) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=NOTIFY_TIMEOUT_SECONDS)
        self.email_template_id, self.sms_template_id = email_template_id, sms_template_id

    def send(self, message: Outgoing) -> None:
        from notifications_python_client.errors import APIError, TokenError

        try:
            if message.channel is Channel.sms:
                if not self.sms_template_id:
                    raise PermanentFailure("no_text_template")
                self.client.send_sms_notification(
                    phone_number=message.to_address,
                    template_id=self.sms_template_id,
                    personalisation={"body": message.body},
                    reference=message.reference,
                )
            else:
                self.client.send_email_notification(
                    email_address=message.to_address,
                    template_id=self.email_template_id,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=message.reference,
                )
        except APIError as error:
            raise _failure(error.status_code) from error
        except TokenError as error:
            raise TemporaryFailure("notify_key_refused") from error


def _failure(status: int) -> Exception:
    if status == 400:
        return PermanentFailure("notify_refused")
    if status == 403:
        return TemporaryFailure("notify_key_refused")
    if status == 429:
        return TemporaryFailure("notify_busy")
    return TemporaryFailure("notify_unavailable")


def configured_sender(settings: Settings | None = None) -> Sender:
    settings = settings or current_app.config["ORBIT_SETTINGS"]
    if settings.mail_sender == "notify" and settings.notify_api_key and settings.notify_email_template_id:
        return NotifySender(
            settings.notify_api_key,
            settings.notify_base_url,
            settings.notify_email_template_id,
            settings.notify_sms_template_id,
        )
    if settings.mail_sender == "smtp" and settings.smtp_host:
        return SmtpSender(settings.smtp_host, settings.smtp_port, settings.mail_from)
    return LogSender()
