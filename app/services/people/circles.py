"""People who matter: a young person's circles, what they want, who they share each person with, its history,
reconnect requests to their worker, what staff may see, and the council-level count.

Every function takes the acting user. Young people only ever touch their own people. Staff see a person only if
the young person shared it with their role and they may see that young person now; every look is audited.
Nothing here commits: the request does, once.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import and_, case, delete, func, select
from sqlalchemy.orm import contains_eager, joinedload

from app import clock
from app.access import (
    ALLOCATION_KINDS_FOR_AUDIENCE,
    can_answer_reconnect,
    can_see_people_count,
    is_current,
    may_see_shared_people,
    owns_young_person,
    people_audience,
    reconnect_scope,
    shared_with_anyone_clause,
    shared_with_clause,
)
from app.extensions import db
from app.models import (
    OPEN_RECONNECT,
    Allocation,
    AllocationKind,
    Answer,
    Audience,
    AuditAction,
    ChangeKind,
    Circle,
    Colour,
    Emoji,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    ReconnectStatus,
    RelationshipKind,
    TouchWay,
    User,
    Wish,
    YoungPerson,
)
from app.models.people import END_REASON_MAX, NAME_MAX, RELATIONSHIP_WORDS_MAX, REMEMBERED_MAX, REPLY_MAX
from app.roles import YOUNG_PEOPLE, Role
from app.services import audit
from app.services.errors import NotFound, Refused
from app.services.notifications import queue_to_address
from app.services.ownership import own_young_person

RECONNECT_FIRST_REPLY_WORKING_DAYS = 5
RECONNECT_NEXT_UPDATE_WORKING_DAYS = 20
QUEUE_PAGE_SIZE = 50
MIN_GROUP_SIZE = 10
# Bidirectional embedding, override and isolate controls can make a name display as something else.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# Cleaning what people type ----------------------------------------------------------------------------


def clean_line(typed: str | None) -> str:
    """One line of text as typed, minus control characters, with runs of spaces made one. Any script, any
    emoji; nothing is escaped here (templates escape on the way out)."""
    text = unicodedata.normalize("NFC", typed or "")
    kept = []
    for ch in text:
        if ch in _BIDI_CONTROLS:
            continue
        kept.append(" " if unicodedata.category(ch) == "Cc" else ch)
    return " ".join("".join(kept).split())


def clean_text(typed: str | None) -> str:
    """Several lines of text: as clean_line, keeping line breaks (at most one blank line in a row)."""
    text = unicodedata.normalize("NFC", (typed or "").replace("\r\n", "\n").replace("\r", "\n"))
    lines = [clean_line(line) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _choice(kind: type, value: str | None, code: str, field: str, *, optional: bool = True):
    if not value:
        if optional:
            return None
        raise Refused(code, field)
    try:
        return kind(value)
    except ValueError as error:
        raise Refused(code, field) from error


@dataclass(frozen=True)
class PersonDetails:
    """What a young person typed or chose about one person, as codes. The service checks every part."""

    name: str
    relationship_kind: str
    circle: str
    relationship_words: str = ""
    emoji: str = ""
    colour: str = ""
    wish: str = ""
    ways: frozenset[str] = frozenset()
    trust: str = ""
    help: str = ""
    lasting: str = ""


@dataclass(frozen=True)
class _Clean:
    name: str
    relationship_kind: RelationshipKind
    relationship_words: str | None
    circle: Circle
    emoji: Emoji | None
    colour: Colour | None
    wish: Wish | None
    ways: frozenset[TouchWay]
    trust: Answer | None
    help: Answer | None
    lasting: Answer | None


def check_details(details: PersonDetails) -> _Clean:
    name = clean_line(details.name)
    if not name:
        raise Refused("person_name_missing", "name")
    if len(name) > NAME_MAX:
        raise Refused("person_name_too_long", "name")
    words = clean_line(details.relationship_words)
    if len(words) > RELATIONSHIP_WORDS_MAX:
        raise Refused("relationship_words_too_long", "relationship_words")
    try:
        ways = frozenset(TouchWay(way) for way in details.ways)
    except ValueError as error:
        raise Refused("ways_unknown", "ways") from error
    return _Clean(
        name=name,
        relationship_kind=_choice(
            RelationshipKind, details.relationship_kind, "relationship_missing", "relationship_kind", optional=False
        ),
        relationship_words=words or None,
        circle=_choice(Circle, details.circle, "circle_missing", "circle", optional=False),
        emoji=_choice(Emoji, details.emoji, "emoji_unknown", "emoji"),
        colour=_choice(Colour, details.colour, "colour_unknown", "colour"),
        wish=_choice(Wish, details.wish, "wish_unknown", "wish"),
        ways=ways,
        trust=_choice(Answer, details.trust, "answer_unknown", "trust"),
        help=_choice(Answer, details.help, "answer_unknown", "help"),
        lasting=_choice(Answer, details.lasting, "answer_unknown", "lasting"),
    )


# Rules ------------------------------------------------------------------------------------------------


def is_enduring(person: PersonWhoMatters) -> bool:
    """The national enduring-relationships measure, in the child's words: "yes" to trust and to lasting."""
    return person.ended_at is None and person.trust is Answer.yes and person.lasting is Answer.yes


def needs_lasting_prompt(people: Iterable[PersonWhoMatters]) -> bool:
    """ "Who will be there for you when you're 25?" shows while fewer than two people have "yes" to both."""
    return sum(1 for person in people if is_enduring(person)) < 2


def _ways_code(ways: Iterable[TouchWay]) -> str | None:
    codes = sorted(way.value for way in ways)
    return ",".join(codes) or None


def _audiences_code(audiences: Iterable[Audience]) -> str:
    codes = sorted(audience.value for audience in audiences)
    return ",".join(codes) or "only_me"


def _changes(person: PersonWhoMatters, clean: _Clean) -> list[tuple[ChangeKind, str | None]]:
    """What differs between the saved person and what was sent, as plain codes for the history."""
    found: list[tuple[ChangeKind, str | None]] = []
    if person.name != clean.name:
        found.append((ChangeKind.name_changed, None))
    if (person.relationship_kind, person.relationship_words) != (clean.relationship_kind, clean.relationship_words):
        found.append((ChangeKind.relationship_changed, clean.relationship_kind.value))
    if person.circle is not clean.circle:
        found.append((ChangeKind.circle_changed, clean.circle.value))
    if (person.emoji, person.colour) != (clean.emoji, clean.colour):
        found.append((ChangeKind.look_changed, None))
    if person.wish != clean.wish:
        found.append((ChangeKind.wish_changed, clean.wish.value if clean.wish else None))
    if person.ways != clean.ways:
        found.append((ChangeKind.ways_changed, _ways_code(clean.ways)))
    for field, kind in (
        ("trust", ChangeKind.trust_changed),
        ("help", ChangeKind.help_changed),
        ("lasting", ChangeKind.lasting_changed),
    ):
        new = getattr(clean, field)
        if getattr(person, field) != new:
            found.append((kind, new.value if new else None))
    return found


def _apply(person: PersonWhoMatters, clean: _Clean) -> None:
    person.name = clean.name
    person.relationship_kind = clean.relationship_kind
    person.relationship_words = clean.relationship_words
    person.circle = clean.circle
    person.emoji = clean.emoji
    person.colour = clean.colour
    person.wish = clean.wish
    person.set_ways(clean.ways)
    person.trust = clean.trust
    person.help = clean.help
    person.lasting = clean.lasting


def _history(person: PersonWhoMatters, kind: ChangeKind, value: str | None = None, note: str | None = None) -> None:
    db.session.add(PersonChange(person_id=person.id, at=clock.now(), kind=kind, value=value, note=note))


def _bump(person: PersonWhoMatters) -> None:
    person.version += 1
    person.updated_at = clock.now()


def _check_version(person: PersonWhoMatters, version: int | None) -> None:
    """A form sent from a page opened before the last change (another tab or phone) is refused, not saved."""
    if version != person.version:
        raise Refused("stale", "version")


def _sorted(people: Iterable[PersonWhoMatters]) -> list[PersonWhoMatters]:
    order = {circle: index for index, circle in enumerate(Circle)}
    return sorted(people, key=lambda p: (order[p.circle], p.name.casefold(), p.created_at))


# Loading ----------------------------------------------------------------------------------------------


def _own_person(user: User, person_id: uuid.UUID, *, for_update: bool = False) -> PersonWhoMatters:
    """One of the acting young person's own people, or NotFound (whether it is someone else's or not there)."""
    if user.role not in YOUNG_PEOPLE:
        raise NotFound
    query = (
        select(PersonWhoMatters)
        .join(YoungPerson, YoungPerson.id == PersonWhoMatters.young_person_id)
        .options(contains_eager(PersonWhoMatters.young_person).joinedload(YoungPerson.council))
        .where(PersonWhoMatters.id == person_id, YoungPerson.user_id == user.id)
    )
    if for_update:
        # Lock the row and read it afresh, so two saves at once cannot both pass the version check.
        query = query.with_for_update(of=PersonWhoMatters).execution_options(populate_existing=True)
    person = db.session.scalar(query)
    if person is None or not owns_young_person(user, person.young_person):
        raise NotFound
    return person


def allocations_with_staff(young_person_id: uuid.UUID) -> list[Allocation]:
    """Every allocation of this young person (current and ended), with the worker loaded."""
    return list(
        db.session.scalars(
            select(Allocation)
            .options(joinedload(Allocation.staff))
            .where(Allocation.young_person_id == young_person_id)
        )
    )


# Who a young person would be sharing with --------------------------------------------------------------


@dataclass(frozen=True)
class AudienceChoice:
    """One sharing choice, with who that is now: "Priya, your social worker"."""

    audience: Audience
    kind: AllocationKind | None
    staff: User | None
    reviewing_officer_title: str


def _audience_choices(young_person: YoungPerson, allocations: list[Allocation], today: date) -> list[AudienceChoice]:
    choices = []
    for audience in Audience:
        kinds = ALLOCATION_KINDS_FOR_AUDIENCE[audience]
        current = sorted(
            (a for a in allocations if a.kind in kinds and is_current(a, today)),
            key=lambda a: a.started_on,
            reverse=True,
        )
        first = current[0] if current else None
        choices.append(
            AudienceChoice(
                audience=audience,
                kind=first.kind if first else None,
                staff=first.staff if first else None,
                reviewing_officer_title=young_person.council.reviewing_officer_title,
            )
        )
    return choices


def _practitioners(allocations: list[Allocation], today: date) -> list[User]:
    kinds = ALLOCATION_KINDS_FOR_AUDIENCE[Audience.practitioner]
    return [a.staff for a in allocations if a.kind in kinds and is_current(a, today)]


# The young person's own pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class MyPeople:
    young_person: YoungPerson
    current: list[PersonWhoMatters]
    ended: list[PersonWhoMatters]
    open_requests: dict[uuid.UUID, ReconnectRequest]
    show_prompt: bool
    age: int


def my_people(user: User) -> MyPeople:
    """The young person's circles: everyone current (for the picture and list), who has ended, and the prompt."""
    young_person = own_young_person(user)
    people = list(
        db.session.scalars(select(PersonWhoMatters).where(PersonWhoMatters.young_person_id == young_person.id))
    )
    requests = db.session.scalars(
        select(ReconnectRequest).where(
            ReconnectRequest.young_person_id == young_person.id, ReconnectRequest.status.in_(OPEN_RECONNECT)
        )
    )
    current = _sorted(p for p in people if p.ended_at is None)
    ended = sorted((p for p in people if p.ended_at is not None), key=lambda p: p.ended_at, reverse=True)
    return MyPeople(
        young_person=young_person,
        current=current,
        ended=ended,
        open_requests={r.person_id: r for r in requests},
        show_prompt=needs_lasting_prompt(current),
        age=clock.age_on(young_person.date_of_birth, clock.today()),
    )


@dataclass(frozen=True)
class PersonPage:
    person: PersonWhoMatters
    history: list[PersonChange]
    requests: list[ReconnectRequest]
    audiences: list[AudienceChoice]

    @property
    def open_request(self) -> ReconnectRequest | None:
        return next((r for r in self.requests if r.is_open), None)

    @property
    def latest_request(self) -> ReconnectRequest | None:
        return self.requests[0] if self.requests else None


def person_page(user: User, person_id: uuid.UUID) -> PersonPage:
    """One of the young person's own people, with its history, requests and who each sharing choice is."""
    person = _own_person(user, person_id)
    history = db.session.scalars(
        select(PersonChange)
        .where(PersonChange.person_id == person.id)
        .order_by(PersonChange.at.desc(), PersonChange.id)
    )
    requests = db.session.scalars(
        select(ReconnectRequest)
        .where(ReconnectRequest.person_id == person.id)
        .order_by(ReconnectRequest.created_at.desc())
    )
    allocations = allocations_with_staff(person.young_person_id)
    return PersonPage(
        person=person,
        history=list(history),
        requests=list(requests),
        audiences=_audience_choices(person.young_person, allocations, clock.today()),
    )


def sharing_choices(user: User) -> list[AudienceChoice]:
    """Who each sharing choice means for this young person now, by name (for the add form)."""
    young_person = own_young_person(user)
    return _audience_choices(young_person, allocations_with_staff(young_person.id), clock.today())


def add_person(user: User, details: PersonDetails) -> PersonWhoMatters:
    young_person = own_young_person(user)
    clean = check_details(details)
    now = clock.now()
    person = PersonWhoMatters(young_person_id=young_person.id, version=1, created_at=now, updated_at=now)
    _apply(person, clean)
    person.set_audiences(frozenset())
    db.session.add(person)
    db.session.flush()
    _history(person, ChangeKind.added, clean.circle.value)
    audit.record(
        AuditAction.person_added,
        actor=user,
        object_type="person",
        object_id=person.id,
        young_person_id=young_person.id,
    )
    return person


def change_person(user: User, person_id: uuid.UUID, version: int | None, details: PersonDetails) -> bool:
    """Save changes; returns False if nothing was different. A stale version is refused with code "stale"."""
    person = _own_person(user, person_id, for_update=True)
    _check_version(person, version)
    clean = check_details(details)
    changes = _changes(person, clean)
    if not changes:
        return False
    _apply(person, clean)
    for kind, value in changes:
        _history(person, kind, value)
    _bump(person)
    audit.record(
        AuditAction.person_changed,
        actor=user,
        object_type="person",
        object_id=person.id,
        young_person_id=person.young_person_id,
    )
    return True


def set_sharing(user: User, person_id: uuid.UUID, version: int | None, audiences: Iterable[str]) -> bool:
    """Choose who sees this person. No choices means only the young person (the default)."""
    person = _own_person(user, person_id, for_update=True)
    _check_version(person, version)
    try:
        chosen = frozenset(Audience(code) for code in audiences)
    except ValueError as error:
        raise Refused("audience_unknown", "audiences") from error
    if chosen == person.audiences:
        return False
    person.set_audiences(chosen)
    _history(person, ChangeKind.sharing_changed, _audiences_code(chosen))
    _bump(person)
    audit.record(
        AuditAction.person_sharing_changed,
        actor=user,
        object_type="person",
        object_id=person.id,
        young_person_id=person.young_person_id,
    )
    return True


def end_person(user: User, person_id: uuid.UUID, version: int | None, reason: str) -> PersonWhoMatters:
    """End a relationship. Nothing is deleted: the person moves to "before", with the reason in the history."""
    person = _own_person(user, person_id, for_update=True)
    _check_version(person, version)
    if person.ended_at is not None:
        raise Refused("person_already_ended")
    why = clean_line(reason)
    if len(why) > END_REASON_MAX:
        raise Refused("end_reason_too_long", "reason")
    person.ended_at = clock.now()
    person.end_reason = why or None
    _history(person, ChangeKind.ended, note=why or None)
    _bump(person)
    audit.record(
        AuditAction.person_ended,
        actor=user,
        object_type="person",
        object_id=person.id,
        young_person_id=person.young_person_id,
    )
    return person


def restart_person(user: User, person_id: uuid.UUID, version: int | None) -> PersonWhoMatters:
    """Bring an ended person back into the circles (the history keeps that it ended, and why)."""
    person = _own_person(user, person_id, for_update=True)
    _check_version(person, version)
    if person.ended_at is None:
        raise Refused("person_not_ended")
    person.ended_at = None
    person.end_reason = None
    _history(person, ChangeKind.restarted, person.circle.value)
    _bump(person)
    audit.record(
        AuditAction.person_restarted,
        actor=user,
        object_type="person",
        object_id=person.id,
        young_person_id=person.young_person_id,
    )
    return person


def person_for_delete(user: User, person_id: uuid.UUID) -> PersonWhoMatters:
    return _own_person(user, person_id)


def delete_person(user: User, person_id: uuid.UUID) -> None:
    """Delete an entry made by mistake: the person, their history and any request to find them, all gone."""
    person = _own_person(user, person_id, for_update=True)
    young_person_id = person.young_person_id
    db.session.execute(delete(ReconnectRequest).where(ReconnectRequest.person_id == person.id))
    db.session.execute(delete(PersonChange).where(PersonChange.person_id == person.id))
    db.session.delete(person)
    audit.record(
        AuditAction.person_deleted,
        actor=user,
        object_type="person",
        object_id=person_id,
        young_person_id=young_person_id,
    )


# Reconnect requests -----------------------------------------------------------------------------------


def may_ask_to_reconnect(person: PersonWhoMatters, open_request: ReconnectRequest | None) -> bool:
    return person.ended_at is None and person.wish is Wish.lost_touch and open_request is None


def ask_to_reconnect(user: User, person_id: uuid.UUID, remembered: str) -> ReconnectRequest:
    """ "I've lost touch and want to find them again" becomes a request to the young person's worker."""
    person = _own_person(user, person_id, for_update=True)
    open_request = db.session.scalar(
        select(ReconnectRequest).where(
            ReconnectRequest.person_id == person.id, ReconnectRequest.status.in_(OPEN_RECONNECT)
        )
    )
    if open_request is not None:
        raise Refused("reconnect_already_asked")
    if person.ended_at is not None or person.wish is not Wish.lost_touch:
        raise Refused("reconnect_not_lost_touch")
    memory = clean_text(remembered)
    if len(memory) > REMEMBERED_MAX:
        raise Refused("remembered_too_long", "remembered")
    now = clock.now()
    request = ReconnectRequest(
        young_person_id=person.young_person_id,
        person_id=person.id,
        remembered=memory or None,
        status=ReconnectStatus.sent,
        created_at=now,
        due_at=clock.add_working_days(now, RECONNECT_FIRST_REPLY_WORKING_DAYS),
    )
    db.session.add(request)
    db.session.flush()
    audit.record(
        AuditAction.reconnect_requested,
        actor=user,
        object_type="reconnect_request",
        object_id=request.id,
        young_person_id=person.young_person_id,
    )
    base_url = current_app.config["ORBIT_SETTINGS"].base_url.rstrip("/")
    for worker in _practitioners(allocations_with_staff(person.young_person_id), clock.today()):
        if worker.email and worker.is_active:
            # Staff messages carry a link, never the young person's words or names.
            queue_to_address(
                worker.email,
                "A request to find someone in Orbit",
                "A young person you work with has asked for help to find someone who matters to them. "
                f"Please reply within {RECONNECT_FIRST_REPLY_WORKING_DAYS} working days: "
                f"{base_url}/practitioner/reconnect",
                worker,
            )
    return request


@dataclass(frozen=True)
class ReconnectRow:
    request: ReconnectRequest
    young_person: YoungPerson
    relationship_kind: RelationshipKind
    overdue: bool


@dataclass(frozen=True)
class ReconnectQueue:
    rows: list[ReconnectRow]
    total: int


def reconnect_queue(user: User) -> ReconnectQueue:
    """Open requests from the practitioner's young people, the one due first at the top."""
    if user.role is not Role.practitioner:
        raise NotFound
    scope = and_(reconnect_scope(user, clock.today()), ReconnectRequest.status.in_(OPEN_RECONNECT))
    base = (
        select(ReconnectRequest, YoungPerson, PersonWhoMatters.relationship_kind)
        .join(YoungPerson, YoungPerson.id == ReconnectRequest.young_person_id)
        .join(PersonWhoMatters, PersonWhoMatters.id == ReconnectRequest.person_id)
        .where(scope)
    )
    total = db.session.scalar(
        select(func.count())
        .select_from(ReconnectRequest)
        .join(YoungPerson, YoungPerson.id == ReconnectRequest.young_person_id)
        .where(scope)
    )
    now = clock.now()
    rows = [
        ReconnectRow(request=r, young_person=yp, relationship_kind=kind, overdue=r.due_at < now)
        for r, yp, kind in db.session.execute(
            base.order_by(ReconnectRequest.due_at, ReconnectRequest.created_at, ReconnectRequest.id).limit(
                QUEUE_PAGE_SIZE
            )
        )
    ]
    # The list shows names and who they want to find (not what they wrote), so one event records the look.
    audit.record(AuditAction.reconnect_queue_viewed, actor=user, object_type="reconnect_queue")
    return ReconnectQueue(rows=rows, total=total or 0)


def _reconnect_for_practitioner(
    user: User, request_id: uuid.UUID, *, for_update: bool = False
) -> tuple[ReconnectRequest, list[Allocation]]:
    if user.role is not Role.practitioner:
        raise NotFound
    query = (
        select(ReconnectRequest)
        .options(
            joinedload(ReconnectRequest.young_person).joinedload(YoungPerson.council),
            joinedload(ReconnectRequest.person),
        )
        .where(ReconnectRequest.id == request_id)
    )
    if for_update:
        query = query.with_for_update(of=ReconnectRequest).execution_options(populate_existing=True)
    request = db.session.scalar(query)
    if request is None:
        raise NotFound
    allocations = allocations_with_staff(request.young_person_id)
    if not can_answer_reconnect(user, request.young_person, allocations, clock.today()):
        raise NotFound
    return request, allocations


def reconnect_for_staff(user: User, request_id: uuid.UUID) -> ReconnectRequest:
    """A practitioner opens one request (what the young person remembers). Every look is audited."""
    request, _allocations = _reconnect_for_practitioner(user, request_id)
    audit.record(
        AuditAction.reconnect_viewed,
        actor=user,
        object_type="reconnect_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    return request


def reply_to_reconnect(user: User, request_id: uuid.UUID, outcome: str, reply: str) -> ReconnectRequest:
    """Reply in words the young person reads: still working on it, done, or not possible (and why)."""
    request, _allocations = _reconnect_for_practitioner(user, request_id, for_update=True)
    if not request.is_open:
        raise Refused("reconnect_closed")
    status = _choice(ReconnectStatus, outcome, "reconnect_outcome_missing", "outcome", optional=False)
    if status is ReconnectStatus.sent:
        raise Refused("reconnect_outcome_missing", "outcome")
    words = clean_text(reply)
    if not words:
        raise Refused(
            "reconnect_not_possible_reason" if status is ReconnectStatus.not_possible else "reply_missing", "reply"
        )
    if len(words) > REPLY_MAX:
        raise Refused("reply_too_long", "reply")
    now = clock.now()
    request.status = status
    request.reply = words
    request.replied_at = now
    request.replied_by_id = user.id
    if status is ReconnectStatus.seen:
        request.due_at = clock.add_working_days(now, RECONNECT_NEXT_UPDATE_WORKING_DAYS)
    else:
        request.closed_at = now
    audit.record(
        AuditAction.reconnect_replied,
        actor=user,
        object_type="reconnect_request",
        object_id=request.id,
        young_person_id=request.young_person_id,
    )
    return request


# What staff see ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedPeople:
    young_person: YoungPerson
    audience: Audience
    current: list[PersonWhoMatters]
    ended: list[PersonWhoMatters]

    @property
    def enduring(self) -> int:
        return sum(1 for person in self.current if is_enduring(person))


def shared_people_for_staff(user: User, young_person_id: uuid.UUID) -> SharedPeople:
    """Only the people this young person shared with the viewer's role; never how many are kept private."""
    audience = people_audience(user.role)
    if audience is None:
        raise NotFound
    young_person = db.session.scalar(
        select(YoungPerson).options(joinedload(YoungPerson.council)).where(YoungPerson.id == young_person_id)
    )
    if young_person is None:
        raise NotFound
    allocations = allocations_with_staff(young_person.id)
    if not may_see_shared_people(user, young_person, allocations, clock.today()):
        raise NotFound
    people = list(
        db.session.scalars(
            select(PersonWhoMatters).where(
                PersonWhoMatters.young_person_id == young_person.id, shared_with_clause(user.role)
            )
        )
    )
    audit.record(
        AuditAction.people_viewed,
        actor=user,
        object_type="young_person",
        object_id=young_person.id,
        young_person_id=young_person.id,
    )
    return SharedPeople(
        young_person=young_person,
        audience=audience,
        current=_sorted(p for p in people if p.ended_at is None),
        ended=sorted((p for p in people if p.ended_at is not None), key=lambda p: p.ended_at, reverse=True),
    )


# The council-level count ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleCount:
    """How many young people have at least two people with "yes" to trust and to lasting, over shared people.

    `group` is the young people who shared anyone at all. Nothing is shown when the group is under
    MIN_GROUP_SIZE; the count is hidden when it, or the rest of the group, is under MIN_GROUP_SIZE (either
    would let someone work out a few young people's answers)."""

    group: int | None
    with_two: int | None

    @property
    def group_shown(self) -> bool:
        return self.group is not None

    @property
    def count_shown(self) -> bool:
        return self.with_two is not None


def suppress(with_two: int, group: int, minimum: int = MIN_GROUP_SIZE) -> PeopleCount:
    if group < minimum:
        return PeopleCount(group=None, with_two=None)
    if with_two < minimum or group - with_two < minimum:
        return PeopleCount(group=group, with_two=None)
    return PeopleCount(group=group, with_two=with_two)


def council_people_count(user: User) -> PeopleCount:
    if not can_see_people_count(user):
        raise NotFound
    strong = case(
        (and_(PersonWhoMatters.trust == Answer.yes, PersonWhoMatters.lasting == Answer.yes), 1),
        else_=0,
    )
    per_young_person = (
        select(PersonWhoMatters.young_person_id, func.sum(strong).label("strong"))
        .join(YoungPerson, YoungPerson.id == PersonWhoMatters.young_person_id)
        .where(
            YoungPerson.council_id == user.council_id,
            PersonWhoMatters.ended_at.is_(None),
            shared_with_anyone_clause(),
        )
        .group_by(PersonWhoMatters.young_person_id)
        .subquery()
    )
    group, with_two = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((per_young_person.c.strong >= 2, 1), else_=0)), 0),
        ).select_from(per_young_person)
    ).one()
    audit.record(AuditAction.people_count_viewed, actor=user, object_type="council", object_id=user.council_id)
    return suppress(int(with_two or 0), int(group or 0))
