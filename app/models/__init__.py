"""All models, imported so that Alembic and the app see the whole schema."""

from app.models.accounts import (
    AdvocacyService,
    Allocation,
    AllocationKind,
    Council,
    HomeKind,
    Invite,
    InviteKind,
    LoginThrottle,
    User,
    UserSession,
    YoungPerson,
)
from app.models.audit import AuditAction, AuditEvent, AuditOutcome
from app.models.notifications import OutboxMessage

__all__ = [
    "AdvocacyService",
    "Allocation",
    "AllocationKind",
    "AuditAction",
    "AuditEvent",
    "AuditOutcome",
    "Council",
    "HomeKind",
    "Invite",
    "InviteKind",
    "LoginThrottle",
    "OutboxMessage",
    "User",
    "UserSession",
    "YoungPerson",
]
