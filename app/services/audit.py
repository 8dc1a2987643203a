"""Writing to the append-only audit log."""

from __future__ import annotations

import uuid
from typing import Protocol

from flask import g, has_request_context

from app import clock
from app.extensions import db
from app.models import AuditAction, AuditEvent, AuditOutcome, User


def record(
    action: AuditAction,
    *,
    actor: User | None = None,
    outcome: AuditOutcome = AuditOutcome.success,
    object_type: str | None = None,
    object_id: uuid.UUID | None = None,
    young_person_id: uuid.UUID | None = None,
) -> None:
    db.session.add(
        AuditEvent(
            at=clock.now(),
            actor_id=actor.id if actor else None,
            actor_role=actor.role if actor else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            subject_young_person_id=young_person_id,
            request_id=g.get("request_id") if has_request_context() else None,
            outcome=outcome,
        )
    )


class YoungPersonsRecord(Protocol):
    """Any row kept about one young person."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def young_person_id(self) -> uuid.UUID: ...


def record_about(action: AuditAction, actor: User | None, object_type: str, row: YoungPersonsRecord) -> None:
    """An event about one of a young person's records: the record is its object, the young person its subject."""
    record(action, actor=actor, object_type=object_type, object_id=row.id, young_person_id=row.young_person_id)


def record_young_person(action: AuditAction, actor: User | None, young_person_id: uuid.UUID, object_type: str) -> None:
    """An event about the young person as a whole (their page, their allocations): they are object and subject."""
    record(action, actor=actor, object_type=object_type, object_id=young_person_id, young_person_id=young_person_id)


def record_many(
    action: AuditAction, *, actor: User | None = None, object_type: str, young_person_ids: list[uuid.UUID]
) -> None:
    """The same event about many young people at once (an import adding a council's children), in one statement."""
    if not young_person_ids:
        return
    now = clock.now()
    request_id = g.get("request_id") if has_request_context() else None
    db.session.execute(
        AuditEvent.__table__.insert(),
        [
            {
                "id": uuid.uuid4(),
                "at": now,
                "actor_id": actor.id if actor else None,
                "actor_role": actor.role if actor else None,
                "action": action,
                "object_type": object_type,
                "object_id": young_person_id,
                "subject_young_person_id": young_person_id,
                "request_id": request_id,
                "outcome": AuditOutcome.success,
            }
            for young_person_id in young_person_ids
        ],
    )
