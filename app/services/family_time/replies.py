"""A worker's reply to what a young person said about family time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    can_write_family_time,
    family_time_sibling_name,
)
from app.extensions import db
from app.models import (
    Allocation,
    AuditAction,
    FamilyTimeEntry,
    FamilyTimePlan,
    FamilyTimeReply,
    User,
    YoungPerson,
)
from app.models.family_time import (
    REPLY_MAX,
)
from app.services import audit
from app.services._common import typed_text
from app.services.family_time._core import _audit_view, _replies_to
from app.services.notifications import tell_young_person
from app.services.people import record_for_practitioner


@dataclass(frozen=True)
class EntryForReply:
    entry: FamilyTimeEntry
    plan: FamilyTimePlan
    name: str
    replies: list[FamilyTimeReply]


def _entry_for_practitioner(user: User, entry_id: uuid.UUID) -> tuple[FamilyTimeEntry, list[Allocation]]:
    return record_for_practitioner(
        user,
        FamilyTimeEntry,
        entry_id,
        (
            joinedload(FamilyTimeEntry.plan).joinedload(FamilyTimePlan.young_person).joinedload(YoungPerson.user),
            joinedload(FamilyTimeEntry.plan).joinedload(FamilyTimePlan.person),
        ),
        lambda entry, allocations: (
            entry.plan.young_person_id == entry.young_person_id
            and can_write_family_time(user, entry.plan.young_person, allocations, clock.today())
        ),
    )


def entry_for_reply(user: User, entry_id: uuid.UUID) -> EntryForReply:
    """One thing the young person said, with the replies so far, for their practitioner to answer. Audited."""
    entry, allocations = _entry_for_practitioner(user, entry_id)
    replies = _replies_to(FamilyTimeEntry.id == entry.id)
    _audit_view(user, entry.young_person_id, "family_time_entry", entry.id)
    name = family_time_sibling_name(user, entry.plan, entry.plan.young_person, allocations, clock.today())
    return EntryForReply(entry, entry.plan, name, replies.get(entry.id, []))


def reply(user: User, entry_id: uuid.UUID, words: str) -> FamilyTimeEntry:
    """A reply in words the young person reads; returns what it answers. They are told something is new (never
    what)."""
    entry, _allocations = _entry_for_practitioner(user, entry_id)
    clean = typed_text(words, "words", most=REPLY_MAX, too_long="reply_too_long", missing="reply_missing")
    answer = FamilyTimeReply(entry_id=entry.id, words=clean, by_id=user.id, created_at=clock.now())
    if entry.replied_at is None:
        entry.replied_at = answer.created_at  # the first reply stops the clock
    db.session.add(answer)
    db.session.flush()
    audit.record_about(AuditAction.family_time_replied, user, "family_time_entry", entry)
    tell_young_person(entry.plan.young_person)
    return entry
