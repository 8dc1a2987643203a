"""Telling people that something is new: the outbox, its senders (log, SMTP, GOV.UK Notify), and a young
person's own choice of a text or an email. A young person's message never says who or what: only that there is
something new. Staff messages carry links, never a young person's words."""

from app.services.notifications.admin import (
    OutboxPage,
    OutboxRow,
    outbox_page,
    set_duty_manager,
)
from app.services.notifications.choices import (
    MessageSettings,
    choose,
    confirm,
    my_settings,
    send_new_code,
    set_quiet_hours,
    shown_mobile,
    stop,
    uk_mobile,
)
from app.services.notifications.outbox import (
    YOUNG_PERSON_BODY,
    YOUNG_PERSON_SUBJECT,
    queue_to_address,
    queue_to_young_person,
    send_due,
    tell_young_person,
)
from app.services.notifications.quiet_hours import in_quiet_hours, quiet_hours_end
from app.services.notifications.senders import (
    LogSender,
    NotifySender,
    Outgoing,
    PermanentFailure,
    SmtpSender,
    TemporaryFailure,
    configured_sender,
)

__all__ = [
    "YOUNG_PERSON_BODY",
    "YOUNG_PERSON_SUBJECT",
    "LogSender",
    "MessageSettings",
    "NotifySender",
    "OutboxPage",
    "OutboxRow",
    "Outgoing",
    "PermanentFailure",
    "SmtpSender",
    "TemporaryFailure",
    "choose",
    "configured_sender",
    "confirm",
    "in_quiet_hours",
    "my_settings",
    "outbox_page",
    "queue_to_address",
    "queue_to_young_person",
    "quiet_hours_end",
    "send_due",
    "send_new_code",
    "set_duty_manager",
    "set_quiet_hours",
    "shown_mobile",
    "stop",
    "tell_young_person",
    "uk_mobile",
]
