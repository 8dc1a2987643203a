"""'Who can see my things', the log of staff who looked, a copy of my information, and asking to correct it.

Built only from what Orbit holds about the young person themselves: never other people's private words.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import String, and_, case, cast, func, literal, or_, select, union_all
from sqlalchemy.orm import joinedload

from app import clock
from app.access import current_allocation_clause
from app.extensions import db
from app.models import (
    AdvocacyRequest,
    Allocation,
    AllocationKind,
    Audience,
    AuditAction,
    AuditEvent,
    EntryKind,
    FamilyTimeEntry,
    FamilyTimePlan,
    FamilyTimeReply,
    InformationRequest,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    ReviewNote,
    ReviewViews,
    SafetyAlert,
    User,
    YoungPerson,
)
from app.models.complaints import Complaint, LookAgainRequest
from app.models.leaving_care import CheckIn, LocalOfferAnswer, SupportRequest, TrustedAdult
from app.roles import STAFF, Role
from app.services import audit, notifications
from app.services.ownership import own_young_person

LOG_LIMIT = 200
WORDS_MAX = 2000
AUDIENCE_KINDS = {
    Audience.advocate: (AllocationKind.advocate,),
    Audience.practitioner: (AllocationKind.social_worker, AllocationKind.personal_adviser),
    Audience.review: (AllocationKind.reviewing_officer,),
}


@dataclass(frozen=True)
class Reader:
    """Someone who can see an item: a named worker (with the kind of job), or a team such as the duty team."""

    kind: str
    user: User | None = None


@dataclass(frozen=True)
class Item:
    kind: str
    label: str
    readers: list[Reader]
    person_id: uuid.UUID | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    who: User | None
    role: Role | None
    action: AuditAction


@dataclass
class MyInformation:
    young_person: YoungPerson
    items: list[Item] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    requests: list[InformationRequest] = field(default_factory=list)


def _current_workers(young_person_id: uuid.UUID) -> dict[AllocationKind, list[User]]:
    workers: dict[AllocationKind, list[User]] = {}
    rows = db.session.execute(
        select(Allocation.kind, User)
        .join(User, User.id == Allocation.staff_id)
        .where(Allocation.young_person_id == young_person_id, current_allocation_clause(clock.today()))
    ).all()
    for kind, user in rows:
        workers.setdefault(kind, []).append(user)
    return workers


def _readers_for(audiences: frozenset[Audience], workers: dict[AllocationKind, list[User]]) -> list[Reader]:
    readers: list[Reader] = []
    for audience in sorted(audiences, key=lambda a: a.value):
        named = [Reader(kind.value, user) for kind in AUDIENCE_KINDS[audience] for user in workers.get(kind, [])]
        readers.extend(named or [Reader(f"nobody_{audience.value}")])
    return readers


def _main_workers(workers: dict[AllocationKind, list[User]]) -> list[Reader]:
    return [
        Reader(kind.value, user)
        for kind in (AllocationKind.social_worker, AllocationKind.personal_adviser)
        for user in workers.get(kind, [])
    ]


def who_can_see(user: User) -> MyInformation:
    young_person = own_young_person(user)
    workers = _current_workers(young_person.id)
    info = MyInformation(young_person)
    people = db.session.scalars(
        select(PersonWhoMatters)
        .where(PersonWhoMatters.young_person_id == young_person.id)
        .order_by(PersonWhoMatters.ended_at.is_not(None), PersonWhoMatters.name)
    ).all()
    for person in people:
        info.items.append(Item("person", person.name, _readers_for(person.audiences, workers), person.id))
    asked, family_time, review_things, complaint_things = _asked_and_family_time(young_person.id)
    for name, at in asked:
        info.items.append(Item("reconnect", name, _main_workers(workers), at=at))
    for alert in _alerts(young_person.id):
        info.items.append(
            Item("alert", alert.feeling.value, [Reader("duty"), *_main_workers(workers)], at=alert.created_at)
        )
    for kind, at in review_things:
        info.items.append(Item(kind, "", _readers_for(frozenset({Audience.review}), workers), at=at))
    for kind, name, at, to_review, to_advocate in family_time:
        audiences = {Audience.practitioner}
        if to_review:
            audiences.add(Audience.review)
        if to_advocate:
            audiences.add(Audience.advocate)
        info.items.append(Item(f"family_time_{kind}", name, _readers_for(frozenset(audiences), workers), at=at))
    info.items.extend(_leaving_care_items(young_person.id, workers))
    info.items.extend(_advocacy_items(young_person.id))
    info.items.extend(_complaint_items(complaint_things, workers))
    info.requests = _information_requests(young_person.id)
    for request in info.requests:
        info.items.append(
            Item("information_request", request.kind.value, [Reader("council_admin")], at=request.created_at)
        )
    info.log = staff_log(young_person.id)
    return info


def _advocacy_items(young_person_id: uuid.UUID) -> list[Item]:
    """Requests for an advocate: the advocacy service sees them (never the council), but not the advocate they asked
    not to have; once an advocate is found, that advocate by name."""
    requests = db.session.scalars(
        select(AdvocacyRequest)
        .options(joinedload(AdvocacyRequest.advocate), joinedload(AdvocacyRequest.instead_of_advocate))
        .where(AdvocacyRequest.young_person_id == young_person_id)
        .order_by(AdvocacyRequest.created_at.desc())
    )
    return [
        Item(
            "advocacy_request",
            "",
            [_advocacy_service(request), *([Reader("advocate", request.advocate)] if request.advocate else [])],
            at=request.created_at,
        )
        for request in requests
    ]


def _advocacy_service(request: AdvocacyRequest) -> Reader:
    if request.instead_of_advocate is not None:
        return Reader("advocacy_service_not", request.instead_of_advocate)
    return Reader("advocacy_service")


COMPLAINT_KINDS = ("complaint", "look_again")


def _complaint_things(young_person_id: uuid.UUID) -> tuple[Any, Any]:
    """Complaints and requests to look again, as two selects in the shape of _asked_and_family_time's (kind, name,
    at, a flag, a flag), which asks for them in its one query: for a complaint the name says who works it
    ("service" or "council"), the first flag whether their worker may know of it, the second whether their advocate
    may read it."""
    complaints = select(
        literal("complaint"),
        case((Complaint.advocacy_service_id.is_not(None), literal("service")), else_=literal("council")),
        Complaint.created_at,
        Complaint.tell_social_worker,
        Complaint.share_with_advocate,
    ).where(Complaint.young_person_id == young_person_id)
    asked = select(
        literal("look_again"), literal(""), LookAgainRequest.created_at, literal(False), literal(False)
    ).where(LookAgainRequest.young_person_id == young_person_id)
    return complaints, asked


def _complaint_items(
    rows: list[tuple[str, str, datetime, bool, bool]], workers: dict[AllocationKind, list[User]]
) -> list[Item]:
    """Complaints: the complaints team (or, about the advocacy service, its managers), their advocate if they
    chose; their worker sees only that there is one and its stage, if they said yes. Requests to look again at a
    review decision: the person who runs their reviews."""
    items: list[Item] = []
    for kind, who, at, to_worker, to_advocate in rows:
        if kind == "look_again":
            items.append(Item(kind, "", _readers_for(frozenset({Audience.review}), workers), at=at))
            continue
        readers = [Reader("service_managers" if who == "service" else "complaints_team")]
        if to_advocate:
            readers.extend(_readers_for(frozenset({Audience.advocate}), workers))
        items.append(Item("complaint", "", readers, at=at))
        if to_worker:
            items.append(Item("complaint_stage", "", _main_workers(workers), at=at))
    return items


REVIEW_KINDS = ("review_views", "review_note")


def _review_things(young_person_id: uuid.UUID) -> tuple[Any, Any]:
    """Views sent to a review, and notes for the next one (the person who runs the review reads them), as two
    selects in the shape of _asked_and_family_time's, which asks for them in its one query. Drafts are not
    listed: only the young person can see a draft."""
    views = select(literal("review_views"), literal(""), ReviewViews.sent_at, literal(True), literal(False)).where(
        ReviewViews.young_person_id == young_person_id, ReviewViews.sent_at.is_not(None)
    )
    notes = select(literal("review_note"), literal(""), ReviewNote.created_at, literal(True), literal(False)).where(
        ReviewNote.young_person_id == young_person_id
    )
    return views, notes


def _utc(value: datetime | str) -> datetime:
    """A timestamp from a UNION (which SQLite hands back without the column's type) as an aware UTC datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


T = TypeVar("T")


def _newest_first(model: type[T], young_person_id: uuid.UUID) -> list[T]:
    """Every row of `model` (with young_person_id and created_at) that is this young person's, newest first."""
    row: Any = model
    query = select(model).where(row.young_person_id == young_person_id).order_by(row.created_at.desc())
    return list(db.session.scalars(query))


def _alerts(young_person_id: uuid.UUID) -> list[SafetyAlert]:
    return _newest_first(SafetyAlert, young_person_id)


def _asked_and_family_time(
    young_person_id: uuid.UUID,
) -> tuple[
    list[tuple[str, datetime]],
    list[tuple[str, str, datetime, bool, bool]],
    list[tuple[str, datetime]],
    list[tuple[str, str, datetime, bool, bool]],
]:
    """Requests to find someone again (who, when), what the young person said about family time (what, with whom
    by the name they use, when, whether it reaches their review, whether their advocate sees it), what reached
    their review, and their complaints and requests to look again, newest first, in one query."""
    asked = (
        select(
            literal("reconnect").label("kind"),
            PersonWhoMatters.name.label("name"),
            ReconnectRequest.created_at.label("at"),
            literal(False).label("to_review"),
            literal(False).label("to_advocate"),
        )
        .join(PersonWhoMatters, PersonWhoMatters.id == ReconnectRequest.person_id)
        .where(ReconnectRequest.young_person_id == young_person_id)
    )
    missed = FamilyTimeEntry.kind.in_([EntryKind.didnt_happen, EntryKind.cut_short])
    sent = and_(FamilyTimeEntry.kind == EntryKind.feeling, FamilyTimeEntry.shared_with_review.is_(True))
    said = (
        select(
            cast(FamilyTimeEntry.kind, String),
            func.coalesce(PersonWhoMatters.name, FamilyTimePlan.sibling_name),
            FamilyTimeEntry.created_at,
            or_(missed, sent),
            FamilyTimeEntry.shared_with_advocate,
        )
        .join(FamilyTimePlan, FamilyTimePlan.id == FamilyTimeEntry.plan_id)
        .outerjoin(PersonWhoMatters, PersonWhoMatters.id == FamilyTimePlan.person_id)
        .where(FamilyTimeEntry.young_person_id == young_person_id)
    )
    rows = sorted(
        (
            (kind, name, _utc(at), bool(review), bool(advocate))
            for kind, name, at, review, advocate in db.session.execute(
                union_all(asked, said, *_review_things(young_person_id), *_complaint_things(young_person_id))
            )
        ),
        key=lambda row: row[2],
        reverse=True,
    )
    return (
        [(name, at) for kind, name, at, _review, _advocate in rows if kind == "reconnect"],
        [row for row in rows if row[0] != "reconnect" and row[0] not in REVIEW_KINDS + COMPLAINT_KINDS],
        [(kind, at) for kind, _name, at, _review, _advocate in rows if kind in REVIEW_KINDS],
        [row for row in rows if row[0] in COMPLAINT_KINDS],
    )


def _information_requests(young_person_id: uuid.UUID) -> list[InformationRequest]:
    return _newest_first(InformationRequest, young_person_id)


def staff_log(young_person_id: uuid.UUID, limit: int = LOG_LIMIT) -> list[LogEntry]:
    """Every time a member of staff looked at or acted on this young person's things, newest first."""
    rows = db.session.execute(
        select(AuditEvent, User)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.subject_young_person_id == young_person_id, AuditEvent.actor_role.in_(STAFF))
        .order_by(AuditEvent.at.desc())
        .limit(limit)
    ).all()
    return [LogEntry(event.at, user, event.actor_role, event.action) for event, user in rows]


# A copy of my information -------------------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _messages_data(user: User) -> dict[str, Any]:
    """How they chose to be told (theirs alone, so in their copy): the channel, the address and quiet hours."""
    settings = notifications.my_settings(user)
    return {
        "messages_by": settings.channel.value if settings.channel else None,
        "messages_to": settings.address,
        "quiet_hours": f"{settings.quiet_from:02d}:00-{settings.quiet_until:02d}:00",
    }


def copy_of_my_information(user: User) -> dict[str, Any]:
    """Everything Orbit holds about this young person that is theirs to have, as plain data."""
    young_person = own_young_person(user)
    workers = _current_workers(young_person.id)
    people = db.session.scalars(
        select(PersonWhoMatters)
        .where(PersonWhoMatters.young_person_id == young_person.id)
        .order_by(PersonWhoMatters.name)
    ).all()
    history = db.session.scalars(
        select(PersonChange).where(PersonChange.person_id.in_([p.id for p in people])).order_by(PersonChange.at)
    ).all()
    requests = db.session.scalars(
        select(ReconnectRequest).where(ReconnectRequest.young_person_id == young_person.id)
    ).all()
    copy = {
        "made_at": clock.now().isoformat(),
        "you": {
            "first_name": young_person.first_name,
            "last_name": young_person.last_name,
            "date_of_birth": _iso(young_person.date_of_birth),
            "home": young_person.home_kind.value,
            "home_since": _iso(young_person.home_since),
            "username": user.username,
            "language": user.locale,
            "joined_orbit": _iso(user.created_at),
            **_messages_data(user),
        },
        "workers": [
            {"job": kind.value, "name": worker.full_name} for kind, users in workers.items() for worker in users
        ],
        "people_who_matter": [_person_data(person, history) for person in people],
        "requests_to_find_someone": [
            {
                "person": next((p.name for p in people if p.id == request.person_id), None),
                "what_you_remembered": request.remembered,
                "status": request.status.value,
                "reply": request.reply,
                "sent": _iso(request.created_at),
            }
            for request in requests
        ],
        "safety_alerts": [
            {
                "you_said": alert.feeling.value,
                "your_words": alert.words,
                "sent": _iso(alert.created_at),
                "seen_by_duty_team": _iso(alert.acknowledged_at),
            }
            for alert in _alerts(young_person.id)
        ],
        "family_time": _family_time_data(young_person.id),
        **_leaving_care_data(young_person.id),
        "requests_to_correct_or_delete": [
            {
                "asked_to": request.kind.value,
                "your_words": request.words,
                "status": request.status.value,
                "reply": request.reply,
                "due": _iso(request.due_on),
            }
            for request in _information_requests(young_person.id)
        ],
        "who_looked": [
            {
                "when": _iso(entry.at),
                "who": entry.who.full_name if entry.who else None,
                "role": entry.role,
                "did": entry.action,
            }
            for entry in staff_log(young_person.id, limit=10_000)
        ],
    }
    audit.record(AuditAction.information_copied, actor=user, young_person_id=young_person.id)
    return copy


def _person_data(person: PersonWhoMatters, history: list[PersonChange]) -> dict[str, Any]:
    return {
        "name": person.name,
        "who_they_are": person.relationship_words or person.relationship_kind.value,
        "circle": person.circle.value,
        "what_you_want": person.wish.value if person.wish else None,
        "keep_in_touch_by": [
            way for way in ("visits", "calls", "video", "messages", "letters") if getattr(person, f"touch_{way}")
        ],
        "can_you_trust_them": person.trust.value if person.trust else None,
        "do_they_help_when_things_are_hard": person.help.value if person.help else None,
        "will_you_still_know_them_when_grown_up": person.lasting.value if person.lasting else None,
        "shared_with": sorted(audience.value for audience in person.audiences),
        "ended": _iso(person.ended_at),
        "why_it_ended": person.end_reason,
        "history": [
            {"when": _iso(change.at), "change": change.kind.value, "to": change.value, "note": change.note}
            for change in history
            if change.person_id == person.id
        ],
    }


def _family_time_data(young_person_id: uuid.UUID) -> list[dict[str, Any]]:
    """Each family time plan as it is now, and everything the young person said about it, with the replies (one
    query: plans, what was said and replies joined)."""
    plans: dict[uuid.UUID, FamilyTimePlan] = {}
    entries: dict[uuid.UUID, FamilyTimeEntry] = {}
    replies: list[FamilyTimeReply] = []
    for plan, entry, reply in db.session.execute(
        select(FamilyTimePlan, FamilyTimeEntry, FamilyTimeReply)
        .options(joinedload(FamilyTimePlan.person))
        .outerjoin(FamilyTimeEntry, FamilyTimeEntry.plan_id == FamilyTimePlan.id)
        .outerjoin(FamilyTimeReply, FamilyTimeReply.entry_id == FamilyTimeEntry.id)
        .where(FamilyTimePlan.young_person_id == young_person_id)
        .order_by(FamilyTimePlan.created_at, FamilyTimeEntry.created_at.desc(), FamilyTimeReply.created_at)
    ):
        plans.setdefault(plan.id, plan)
        if entry is not None:
            entries.setdefault(entry.id, entry)
        if reply is not None:
            replies.append(reply)
    return [
        {
            "with": plan.person.name if plan.person is not None else plan.sibling_name,
            "how_often": plan.how_often_words or plan.how_often.value,
            "how": sorted(way.value for way in plan.ways),
            "where": plan.place.value,
            "someone_else_there": plan.who_else_words or plan.who_else.value,
            "who_arranges_it": plan.arranged_by_words or plan.arranged_by.value,
            "next_time": _iso(plan.next_on),
            "plan_looked_at_again": _iso(plan.review_on),
            "why_you_do_not_live_together": plan.why_apart if plan.live_apart else None,
            "version": plan.version,
            "changed": _iso(plan.updated_at) if plan.version > 1 else None,
            "what_you_said": [
                {
                    "when": _iso(entry.created_at),
                    "said": entry.feeling.value if entry.feeling else entry.kind.value,
                    "date": _iso(entry.on_date),
                    "your_words": entry.words,
                    "sent_to_your_review": entry.reaches_review,
                    "shared_with_your_advocate": entry.shared_with_advocate,
                    "replies": [
                        {"when": _iso(reply.created_at), "reply": reply.words}
                        for reply in replies
                        if reply.entry_id == entry.id
                    ],
                }
                for entry in entries.values()
                if entry.plan_id == plan.id
            ],
        }
        for plan in plans.values()
    ]


# Leaving care -----------------------------------------------------------------------------------------------


def _leaving_care_items(young_person_id: uuid.UUID, workers: dict[AllocationKind, list[User]]) -> list[Item]:
    """Requests for support and "how are things?" reach their social worker or personal adviser (and the council's
    leaving care team while they have no personal adviser); the trusted adult they chose too. Checklist answers
    are theirs alone. One query for all four."""
    mine = young_person_id
    rows = db.session.execute(
        union_all(
            select(
                literal("support_request").label("kind"), literal("").label("label"), SupportRequest.created_at
            ).where(SupportRequest.young_person_id == mine),
            select(literal("trusted_adult"), PersonWhoMatters.name, TrustedAdult.chosen_at)
            .join(PersonWhoMatters, PersonWhoMatters.id == TrustedAdult.person_id)
            .where(TrustedAdult.young_person_id == mine, TrustedAdult.ended_at.is_(None)),
            select(literal("check_ins"), literal(""), func.max(CheckIn.created_at)).where(
                CheckIn.young_person_id == mine
            ),
            select(literal("local_offer_answers"), literal(""), func.max(LocalOfferAnswer.answered_at)).where(
                LocalOfferAnswer.young_person_id == mine
            ),
        )
    ).all()
    main = _main_workers(workers)
    readers = {
        "support_request": main
        if workers.get(AllocationKind.personal_adviser)
        else [*main, Reader("leaving_care_team")],
        "trusted_adult": main,
        "check_ins": main,
        "local_offer_answers": [],
    }
    order = list(readers)
    found = sorted(
        (row for row in rows if row[2] is not None), key=lambda row: (order.index(row[0]), -row[2].timestamp())
    )
    return [Item(kind, label, readers[kind], at=at) for kind, label, at in found]


def _leaving_care_data(young_person_id: uuid.UUID) -> dict[str, Any]:
    from app.services import leaving_care  # the leaving care part of the copy is kept with leaving care

    return leaving_care.copy_data(young_person_id)
