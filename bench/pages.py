"""Which pages exist, who opens each one, and the URL each of them opens, read from the app itself.

Pages come from app.url_map: every rule answering GET, except served files, rules that need a one-off token, and
rules without an access declaration (the app refuses those). Each page is opened by a user of a role its access
declaration allows (app.access.rule_for): every declared role, except that a page for every signed-in person is
opened as a young person and as a practitioner only. URL parameters are filled from real rows the user may see,
by PARAM_FILLERS; a new kind of parameter needs one more entry there.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import and_, exists, or_, select

from app import clock
from app.access import (
    ALLOCATION_KINDS_FOR_ROLE,
    RouteRule,
    advocacy_request_scope,
    chaired_young_people,
    complaint_queue_clause,
    current_allocation_clause,
    leaving_care_queue_clause,
    rule_for,
    supported_young_people,
    young_person_scope,
)
from app.extensions import db
from app.models import (
    OPEN_RECONNECT,
    AdvocacyRequest,
    Allocation,
    AllocationKind,
    Council,
    InformationRequest,
    InformationRequestStatus,
    LocalOfferItem,
    PersonWhoMatters,
    ReconnectRequest,
    RequestStatus,
    SafetyAlert,
    SupportRequest,
    SupportStatus,
    User,
    Wish,
    YoungPerson,
)
from app.roles import ADVOCACY, COUNCIL_STAFF, STAFF, Role
from app.seed.scale import SLUG_PREFIX

PARAM = re.compile(r"<(?:[^:<>]+:)?([A-Za-z_][A-Za-z0-9_]*)>")
SERVED_FILES = frozenset({"static", "public.asset"})
ONE_OFF_TOKEN = {"auth.staff_join": "needs the one-off token from a staff invite email (a link, used once)"}
REPRESENTATIVES = (Role.young_person, Role.practitioner)
ROLE_ORDER = (
    Role.young_person,
    Role.care_leaver,
    Role.practitioner,
    Role.reviewing_officer,
    Role.advocate,
    Role.advocacy_manager,
    Role.duty,
    Role.council_admin,
    Role.complaints_officer,
)
# Extra query strings worth measuring as well as the plain page: searching, and a late page of a long list.
VARIANTS: dict[str, tuple[str, ...]] = {
    "duty.home": ("?q=ali",),
    "admin.young_people": ("?page=10",),
    "practitioner.family_time_waiting": ("?page=2",),
}
NEWCOMER = "practitioner, no second factor yet"


@dataclass(frozen=True)
class Page:
    endpoint: str
    rule: str
    params: tuple[str, ...]
    public: bool
    roles: tuple[Role, ...]
    before_second_factor: bool = False


@dataclass(frozen=True)
class Skipped:
    endpoint: str
    rule: str
    reason: str


def discover(app: Flask) -> tuple[list[Page], list[Skipped]]:
    pages: list[Page] = []
    skipped: list[Skipped] = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        reason = _skip_reason(app, rule.endpoint, rule.methods or set())
        if reason:
            skipped.append(Skipped(rule.endpoint, rule.rule, reason))
            continue
        access = rule_for(app.view_functions[rule.endpoint])
        assert access is not None
        params = tuple(PARAM.findall(rule.rule))
        pages.append(
            Page(rule.endpoint, rule.rule, params, access.public, roles_to_measure(access), access.before_second_factor)
        )
    return pages, skipped


def _skip_reason(app: Flask, endpoint: str, methods: set[str]) -> str | None:
    if endpoint in SERVED_FILES:
        return "a served file, not a page (assets are counted in the first-visit bytes)"
    if "GET" not in methods:
        return "no GET: " + "/".join(sorted(methods - {"OPTIONS", "HEAD"})) + " only"
    if endpoint in ONE_OFF_TOKEN:
        return ONE_OFF_TOKEN[endpoint]
    if endpoint.startswith("health."):
        return "a health check for the load balancer, rate limited per address (tests/integration/test_health.py)"
    if rule_for(app.view_functions[endpoint]) is None:
        return "no access declaration (the app refuses it)"
    return None


def roles_to_measure(access: RouteRule) -> tuple[Role, ...]:
    if access.public:
        return ()
    if access.roles >= STAFF:
        return tuple(role for role in REPRESENTATIVES if role in access.roles)
    return tuple(role for role in ROLE_ORDER if role in access.roles)


def fill(rule: str, values: dict[str, str]) -> str:
    return PARAM.sub(lambda match: values[match.group(1)], rule)


# People to sign in as -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    label: str
    role: Role | None
    user_id: uuid.UUID | None
    sign_in_as: str | None

    @property
    def staff(self) -> bool:
        return self.role is not None and self.role in STAFF


ANONYMOUS = Persona("anyone (signed out)", None, None, None)


def find_personas() -> dict[str, Persona]:
    """One user per role from the first scale council (in an app context), chosen to have real work to show."""
    council = db.session.scalar(
        select(Council).where(Council.slug.startswith(SLUG_PREFIX)).order_by(Council.slug).limit(1)
    )
    if council is None:
        raise LookupError("no scale council in this database: run `flask seed-scale` first")
    personas = {ANONYMOUS.label: ANONYMOUS}
    for role in ROLE_ORDER:
        user = _young_user(council, role) if role.is_young_person else _staff_user(council, role)
        if user is not None:
            personas[role.value] = _persona(role.value, user)
    newcomer = db.session.scalar(
        select(User)
        .where(User.council_id == council.id, User.role == Role.practitioner, User.totp_confirmed_at.is_(None))
        .where(User.disabled_at.is_(None))
        .order_by(User.email)
        .limit(1)
    )
    if newcomer is not None:
        personas[NEWCOMER] = _persona(NEWCOMER, newcomer)
    return personas


def _persona(label: str, user: User) -> Persona:
    return Persona(label, user.role, user.id, user.username or user.email)


def _current(kind_clause: Any) -> Any:
    return exists().where(kind_clause, current_allocation_clause(clock.today()))


def _young_user(council: Council, role: Role) -> User | None:
    """A young person who has joined, has sent a safety alert, has an advocate and people who matter: their pages
    show everything."""
    from app.models import FamilyTimePlan

    has_alert = exists().where(SafetyAlert.young_person_id == YoungPerson.id)
    has_advocate = _current(
        and_(Allocation.young_person_id == YoungPerson.id, Allocation.kind == AllocationKind.advocate)
    )
    has_people = exists().where(PersonWhoMatters.young_person_id == YoungPerson.id)
    asked_advocate = exists().where(
        AdvocacyRequest.young_person_id == YoungPerson.id, AdvocacyRequest.status != RequestStatus.closed
    )
    asked_support = exists().where(SupportRequest.young_person_id == YoungPerson.id)
    has_family_time = exists().where(FamilyTimePlan.young_person_id == YoungPerson.id)
    return db.session.scalar(
        select(User)
        .join(YoungPerson, YoungPerson.user_id == User.id)
        .where(YoungPerson.council_id == council.id, User.role == role)
        .order_by(
            has_alert.is_(False),
            asked_advocate.is_(False),
            asked_support.is_(False),
            has_advocate.is_(False),
            has_people.is_(False),
            has_family_time.is_(False),
            User.username,
        )
        .limit(1)
    )


def _staff_user(council: Council, role: Role) -> User | None:
    """An enrolled member of staff with young people allocated now (a practitioner with a request waiting)."""
    owner = (
        User.advocacy_service_id == council.advocacy_service_id if role in ADVOCACY else User.council_id == council.id
    )
    query = select(User).where(
        owner, User.role == role, User.totp_confirmed_at.is_not(None), User.disabled_at.is_(None)
    )
    kinds = ALLOCATION_KINDS_FOR_ROLE.get(role)
    if kinds:
        query = query.where(_current(and_(Allocation.staff_id == User.id, Allocation.kind.in_(kinds))))
    order: list[Any] = [User.email]
    if role is Role.practitioner:
        waiting = exists().where(
            ReconnectRequest.status.in_(OPEN_RECONNECT),
            ReconnectRequest.young_person_id.in_(
                select(Allocation.young_person_id).where(
                    Allocation.staff_id == User.id, current_allocation_clause(clock.today())
                )
            ),
        )
        order.insert(0, waiting.is_(False))
    return db.session.scalar(query.order_by(*order).limit(1))


# URL parameters -------------------------------------------------------------------------------------------------


def _young_person_id(user: User) -> uuid.UUID | None:
    """A young person this user may open (their own, for a young person), by the app's own rule.

    One who has joined comes first (most have, and only they have people who matter), so that every size opens
    the same kind of young person and the query counts compare.
    """
    return db.session.scalar(
        select(YoungPerson.id)
        .where(young_person_scope(user, clock.today()))
        .order_by(YoungPerson.user_id.is_(None), YoungPerson.first_name, YoungPerson.id)
        .limit(1)
    )


def _person_id(user: User) -> uuid.UUID | None:
    """One of a young person's own people: current, lost touch with and not asked about yet if there is one,
    so that every person page (change, sharing, end, find again, delete) opens in full."""
    asked = exists().where(
        ReconnectRequest.person_id == PersonWhoMatters.id, ReconnectRequest.status.in_(OPEN_RECONNECT)
    )
    return db.session.scalar(
        select(PersonWhoMatters.id)
        .join(YoungPerson, YoungPerson.id == PersonWhoMatters.young_person_id)
        .where(YoungPerson.user_id == user.id)
        .order_by(
            PersonWhoMatters.ended_at.is_not(None),
            PersonWhoMatters.wish != Wish.lost_touch,
            asked,
            PersonWhoMatters.name,
            PersonWhoMatters.id,
        )
        .limit(1)
    )


def _request_id(user: User) -> uuid.UUID | None:
    """An open request to find someone again from one of this practitioner's young people."""
    return db.session.scalar(
        select(ReconnectRequest.id)
        .join(YoungPerson, YoungPerson.id == ReconnectRequest.young_person_id)
        .where(young_person_scope(user, clock.today()), ReconnectRequest.status.in_(OPEN_RECONNECT))
        .order_by(ReconnectRequest.due_at, ReconnectRequest.id)
        .limit(1)
    )


def _user_id(user: User) -> uuid.UUID | None:
    """A member of staff this user manages (council admins and advocacy managers only)."""
    if user.role is Role.council_admin:
        owner, roles = User.council_id == user.council_id, COUNCIL_STAFF
    elif user.role is Role.advocacy_manager:
        owner, roles = User.advocacy_service_id == user.advocacy_service_id, ADVOCACY
    else:
        return None
    return db.session.scalar(
        select(User.id).where(owner, User.role.in_(roles), User.id != user.id).order_by(User.email).limit(1)
    )


def _alert_id(user: User) -> uuid.UUID | None:
    """A young person's own alert; for the duty team, one in their council still waiting if there is one."""
    if user.role in (Role.young_person, Role.care_leaver):
        mine = select(YoungPerson.id).where(YoungPerson.user_id == user.id)
        query = select(SafetyAlert.id).where(SafetyAlert.young_person_id.in_(mine))
    else:
        query = select(SafetyAlert.id).where(SafetyAlert.council_id == user.council_id)
    order = (SafetyAlert.acknowledged_at.is_not(None), SafetyAlert.created_at.desc(), SafetyAlert.id)
    return db.session.scalar(query.order_by(*order).limit(1))


def _information_request_id(user: User) -> uuid.UUID | None:
    """A request to correct or delete information in the council admin's council, one still open if any."""
    return db.session.scalar(
        select(InformationRequest.id)
        .where(InformationRequest.council_id == user.council_id)
        .order_by(InformationRequest.status != InformationRequestStatus.sent, InformationRequest.due_on)
        .limit(1)
    )


def _advocacy_request_id(user: User) -> uuid.UUID | None:
    """A young person's own request for an advocate, or one an advocate or manager may open: open ones first, so
    that every page about it (change, stop, close) opens in full."""
    if user.role in (Role.young_person, Role.care_leaver):
        scope = AdvocacyRequest.young_person_id.in_(select(YoungPerson.id).where(YoungPerson.user_id == user.id))
    else:
        scope = advocacy_request_scope(user)
    return db.session.scalar(
        select(AdvocacyRequest.id)
        .where(scope)
        .order_by(AdvocacyRequest.status == RequestStatus.closed, AdvocacyRequest.created_at, AdvocacyRequest.id)
        .limit(1)
    )


def _review_id(user: User) -> uuid.UUID | None:
    """A review of a young person this user may open (their own, for a young person): one already answered first,
    so "you said / we did" and the answers page open in full."""
    from app.models import Review

    return db.session.scalar(
        select(Review.id)
        .join(YoungPerson, YoungPerson.id == Review.young_person_id)
        .where(young_person_scope(user, clock.today()))
        .order_by(Review.decisions_sent_at.is_(None), Review.held_on.desc(), Review.id)
        .limit(1)
    )


def _support_request_id(user: User) -> uuid.UUID | None:
    """A young person's own request for support; for a practitioner, one they may answer (their young people's,
    or the council's leaving care queue): open ones first, so the reply form shows."""
    today = clock.today()
    if user.role in (Role.young_person, Role.care_leaver):
        scope = SupportRequest.young_person_id.in_(select(YoungPerson.id).where(YoungPerson.user_id == user.id))
    else:
        scope = or_(
            SupportRequest.young_person_id.in_(supported_young_people(user, today)),
            leaving_care_queue_clause(user, today),
        )
    return db.session.scalar(
        select(SupportRequest.id)
        .where(scope)
        .order_by(SupportRequest.status == SupportStatus.done, SupportRequest.created_at, SupportRequest.id)
        .limit(1)
    )


def _plan_id(user: User) -> uuid.UUID | None:
    """A family time plan of a young person this user may open (their own, for a young person): one that changed
    first, so "what changed" shows."""
    from app.models import FamilyTimePlan

    return db.session.scalar(
        select(FamilyTimePlan.id)
        .join(YoungPerson, YoungPerson.id == FamilyTimePlan.young_person_id)
        .where(young_person_scope(user, clock.today()))
        .order_by(FamilyTimePlan.version.desc(), FamilyTimePlan.created_at, FamilyTimePlan.id)
        .limit(1)
    )


def _entry_id(user: User) -> uuid.UUID | None:
    """Something one of this practitioner's young people said about family time, for the reply page."""
    from app.models import FamilyTimeEntry

    return db.session.scalar(
        select(FamilyTimeEntry.id)
        .join(YoungPerson, YoungPerson.id == FamilyTimeEntry.young_person_id)
        .where(young_person_scope(user, clock.today()))
        .order_by(FamilyTimeEntry.created_at.desc(), FamilyTimeEntry.id)
        .limit(1)
    )


def _offer_item_id(user: User) -> uuid.UUID | None:
    """An item of the council admin's local offer."""
    return db.session.scalar(
        select(LocalOfferItem.id)
        .where(LocalOfferItem.council_id == user.council_id)
        .order_by(LocalOfferItem.title, LocalOfferItem.id)
        .limit(1)
    )


def _complaint_id(user: User, about_service: bool = False) -> uuid.UUID | None:
    """A young person's own complaint; for the complaints team, one of their council's waiting for an answer; for an
    advocate, one a young person shared with them; for an advocacy manager, one about their service."""
    from app.models import Complaint, ComplaintStatus

    if user.role in (Role.young_person, Role.care_leaver):
        scope = Complaint.young_person_id.in_(select(YoungPerson.id).where(YoungPerson.user_id == user.id))
    elif user.role is Role.advocate:
        scope = and_(
            Complaint.share_with_advocate.is_(True),
            Complaint.young_person_id.in_(select(YoungPerson.id).where(young_person_scope(user, clock.today()))),
        )
    else:
        scope = complaint_queue_clause(user)
    kind = Complaint.advocacy_service_id.is_not(None) if about_service else Complaint.advocacy_service_id.is_(None)
    return db.session.scalar(
        select(Complaint.id)
        .where(scope, kind)
        .order_by(Complaint.status != ComplaintStatus.waiting, Complaint.created_at, Complaint.id)
        .limit(1)
    )


def _response_id(user: User) -> uuid.UUID | None:
    """A decision at one of the young person's own reviews that they said they don't agree with."""
    from app.models import Reaction, Review, ReviewResponse

    return db.session.scalar(
        select(ReviewResponse.id)
        .join(Review, Review.id == ReviewResponse.review_id)
        .join(YoungPerson, YoungPerson.id == Review.young_person_id)
        .where(YoungPerson.user_id == user.id, ReviewResponse.reaction == Reaction.disagree)
        .order_by(ReviewResponse.id)
        .limit(1)
    )


def _look_again_id(user: User) -> uuid.UUID | None:
    """A request to look again from one of the reviewing officer's young people, waiting first."""
    from app.models import LookAgainRequest

    return db.session.scalar(
        select(LookAgainRequest.id)
        .where(LookAgainRequest.young_person_id.in_(chaired_young_people(user, clock.today())))
        .order_by(LookAgainRequest.answered_at.is_not(None), LookAgainRequest.due_at, LookAgainRequest.id)
        .limit(1)
    )


def _pending_id(user: User) -> uuid.UUID | None:
    """A council admin's checked files waiting for their confirm (made here: previews are short-lived)."""
    import json
    import zlib
    from datetime import timedelta

    from app import clock
    from app.models import PendingImport
    from app.services.council_data.files import Files

    if user.council_id is None:
        return None
    pending = PendingImport(
        council_id=user.council_id,
        created_by_id=user.id,
        expires_at=clock.now() + timedelta(days=365),
        payload=zlib.compress(json.dumps(Files(names_of={"Header": "header.csv"}).to_json()).encode()),
    )
    db.session.add(pending)
    db.session.commit()
    return pending.id


PARAM_FILLERS: dict[str, Callable[[User], uuid.UUID | None]] = {
    "pending_id": _pending_id,
    "young_person_id": _young_person_id,
    "user_id": _user_id,
    "person_id": _person_id,
    "request_id": _request_id,
    "alert_id": _alert_id,
    "information_request_id": _information_request_id,
    "advocacy_request_id": _advocacy_request_id,
    "review_id": _review_id,
    "support_request_id": _support_request_id,
    "offer_item_id": _offer_item_id,
    "plan_id": _plan_id,
    "entry_id": _entry_id,
    "complaint_id": _complaint_id,
    "service_complaint_id": lambda user: _complaint_id(user, about_service=True),
    "response_id": _response_id,
    "look_again_id": _look_again_id,
}


def url_for_persona(page: Page, persona: Persona) -> tuple[str | None, str | None]:
    """(url, None), or (None, why not) when a parameter cannot be filled for this user. In an app context."""
    if not page.params:
        return page.rule, None
    user = db.session.get(User, persona.user_id) if persona.user_id else None
    values: dict[str, str] = {}
    for param in page.params:
        filler = PARAM_FILLERS.get(param)
        if filler is None:
            return None, f"no way to fill <{param}>: add it to bench.pages.PARAM_FILLERS"
        value = filler(user) if user is not None else None
        if value is None:
            return None, f"{persona.label} has no <{param}> to open"
        values[param] = str(value)
    return fill(page.rule, values), None
