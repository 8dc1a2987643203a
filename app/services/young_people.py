"""Young people as their own homes and their workers' lists see them: who's who, caseloads, profiles."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, case, func, select, true
from sqlalchemy.orm import joinedload

from app import clock
from app.access import (
    ALLOCATION_KINDS_FOR_ROLE,
    can_invite_young_person,
    can_offer_advocacy,
    can_see_young_person,
    current_allocation_clause,
    young_person_scope,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    AuditAction,
    Council,
    HomeKind,
    Invite,
    OfferReason,
    User,
    YoungPerson,
)
from app.roles import YOUNG_PEOPLE, Role
from app.services import advocacy, audit
from app.services._common import choice, one_by_id, one_or_not_found
from app.services.errors import NotFound, Refused
from app.services.people import allocations_with_staff

PAGE_SIZE = 50
RECENT_CHANGE_DAYS = 60
NAME_MAX = 80


@dataclass(frozen=True)
class WhoItem:
    """One line of "Who's who": the kind of worker, who it is now, and who it was if that changed lately."""

    kind: AllocationKind
    current: User | None
    since: date | None
    previous: User | None


@dataclass(frozen=True)
class YoungPersonHome:
    young_person: YoungPerson
    council: Council
    who: list[WhoItem]
    reviewing_officer_title: str
    advocacy_service_name: str | None

    @property
    def has_advocate_now(self) -> bool:
        """Whether "Who's who" names an advocate who can get in touch for the council's service now: the rule of
        advocacy.advocate_now, read from the allocations already loaded (the home page asks nothing more)."""
        item = next((item for item in self.who if item.kind is AllocationKind.advocate), None)
        if item is None or item.current is None or item.since is None:
            return False
        advocate = item.current
        return (
            item.since <= clock.today()
            and advocate.disabled_at is None
            and advocate.advocacy_service_id is not None
            and advocate.advocacy_service_id == self.council.advocacy_service_id
        )


def _worker_kinds(role: Role) -> list[AllocationKind]:
    first = AllocationKind.personal_adviser if role is Role.care_leaver else AllocationKind.social_worker
    return [first, AllocationKind.reviewing_officer, AllocationKind.advocate]


def _latest_first(allocation: Allocation) -> tuple[date, datetime, str]:
    """The order "latest" means everywhere (advocacy.advocate_now too): started last, then made last, then by id."""
    return (allocation.started_on, allocation.created_at, str(allocation.id))


def _who_items(allocations: list[Allocation], kinds: list[AllocationKind], today: date) -> list[WhoItem]:
    items = []
    recent = today - timedelta(days=RECENT_CHANGE_DAYS)
    for kind in kinds:
        mine = sorted((a for a in allocations if a.kind is kind), key=_latest_first, reverse=True)
        current = next((a for a in mine if a.ended_on is None or a.ended_on > today), None)
        ended = next((a for a in mine if a.ended_on is not None and recent <= a.ended_on <= today), None)
        previous = ended.staff if ended and (current is None or ended.staff_id != current.staff_id) else None
        items.append(
            WhoItem(kind, current.staff if current else None, current.started_on if current else None, previous)
        )
    return items


def home_for(user: User) -> YoungPersonHome:
    young_person = one_or_not_found(
        select(YoungPerson)
        .options(joinedload(YoungPerson.council).joinedload(Council.advocacy_service))
        .where(YoungPerson.user_id == user.id)
    )
    today = clock.today()
    who = _who_items(allocations_with_staff(young_person.id), _worker_kinds(user.role), today)
    council = young_person.council
    return YoungPersonHome(
        young_person=young_person,
        council=council,
        who=who,
        reviewing_officer_title=council.reviewing_officer_title,
        advocacy_service_name=council.advocacy_service.name if council.advocacy_service else None,
    )


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    first_name: str
    last_name: str
    age: int
    home_kind: HomeKind
    care_leaver: bool
    joined: bool
    locale: str | None = None  # the language they chose in Orbit (None: not joined, or never chose)


@dataclass(frozen=True)
class Caseload:
    rows: list[CaseRow]
    total: int
    page: int
    pages: int


def caseload(user: User, *, page: int = 1, search: str = "") -> Caseload:
    """The young people this member of staff works with, a page at a time, in name order. A page past the end
    (a bookmark, or a list that got shorter) shows the last page."""
    if user.role in YOUNG_PEOPLE:
        raise NotFound
    today = clock.today()
    scope = young_person_scope(user, today)
    search = search.strip()[:NAME_MAX]
    if search:
        pattern = f"%{search.lower()}%"
        scope = and_(
            scope, func.lower(YoungPerson.first_name).like(pattern) | func.lower(YoungPerson.last_name).like(pattern)
        )
    page = max(page, 1)
    found = list(db.session.execute(_caseload_page(scope, page)))
    total = found[0].total if found else 0
    rows = [
        CaseRow(
            id=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            age=clock.age_on(row.date_of_birth, today),
            home_kind=row.home_kind,
            care_leaver=today >= row.adult_on,
            joined=row.user_id is not None,
            locale=row.locale,
        )
        for row in found
    ]
    pages = max(1, -(-total // PAGE_SIZE))
    return Caseload(rows=rows, total=total, page=min(page, pages), pages=pages)


def _caseload_page(scope: ColumnElement[bool], page: int) -> Select:
    """One query at every size for a page of the list and the list's size: the young people in scope are found
    once (a materialised CTE), counted, and the page asked for is kept, or the last page when it asks for more
    than there is."""
    scoped = (
        select(
            YoungPerson.id,
            YoungPerson.first_name,
            YoungPerson.last_name,
            YoungPerson.date_of_birth,
            YoungPerson.home_kind,
            YoungPerson.adult_on,
            YoungPerson.user_id,
        )
        .where(scope)
        .cte("scoped")
        .prefix_with("MATERIALIZED")
    )
    size = select(func.count().label("total")).select_from(scoped).cte("size")
    asked = (page - 1) * PAGE_SIZE
    start = case(
        (size.c.total == 0, 0),
        (size.c.total <= asked, (size.c.total - 1) // PAGE_SIZE * PAGE_SIZE),
        else_=asked,
    )
    in_order = (scoped.c.first_name, scoped.c.last_name, scoped.c.id)
    page_rows = (
        select(scoped, size.c.total)
        .select_from(scoped.join(size, true()))
        .order_by(*in_order)
        .limit(PAGE_SIZE)
        .offset(select(start).scalar_subquery())
        .subquery("page_rows")
    )
    # The language only for the page's rows: asked for beside the ORDER BY, SQLite looked it up for everyone in
    # scope before sorting (an advocacy manager's 750 young people, for a page of 50).
    locale = select(User.locale).where(User.id == page_rows.c.user_id).scalar_subquery().label("locale")
    return select(page_rows, locale).order_by(page_rows.c.first_name, page_rows.c.last_name, page_rows.c.id)


@dataclass(frozen=True)
class StaffView:
    young_person: YoungPerson
    age: int
    care_leaver: bool
    who: list[WhoItem]
    reviewing_officer_title: str
    may_invite: bool
    open_invite: Invite | None


def _load_for_staff(user: User, young_person_id: uuid.UUID) -> tuple[YoungPerson, list[Allocation]]:
    young_person = one_by_id(YoungPerson, young_person_id, joinedload(YoungPerson.council))
    allocations = allocations_with_staff(young_person.id)
    if user.role in YOUNG_PEOPLE or not can_see_young_person(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person, allocations


def view_for_staff(user: User, young_person_id: uuid.UUID) -> StaffView:
    """A young person's page for staff. Every look is written to the audit log."""
    young_person, allocations = _load_for_staff(user, young_person_id)
    today = clock.today()
    care_leaver = today >= young_person.adult_on
    kinds = _worker_kinds(Role.care_leaver if care_leaver else Role.young_person)
    may_invite = can_invite_young_person(user, young_person, allocations, today) and young_person.user_id is None
    open_invite = None
    if may_invite:
        open_invite = db.session.scalar(
            select(Invite).where(
                Invite.young_person_id == young_person.id,
                Invite.used_at.is_(None),
                Invite.revoked_at.is_(None),
                Invite.expires_at > clock.now(),
            )
        )
    audit.record_young_person(AuditAction.young_person_viewed, user, young_person.id, "young_person")
    return StaffView(
        young_person=young_person,
        age=clock.age_on(young_person.date_of_birth, today),
        care_leaver=care_leaver,
        who=_who_items(allocations, kinds, today),
        reviewing_officer_title=young_person.council.reviewing_officer_title,
        may_invite=may_invite,
        open_invite=open_invite,
    )


def young_person_for_invite(user: User, young_person_id: uuid.UUID) -> YoungPerson:
    young_person, allocations = _load_for_staff(user, young_person_id)
    if not can_invite_young_person(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person


def add_young_person(
    actor: User,
    *,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    home_kind: str,
    home_since: date | None,
    entered_care_on: date | None = None,
) -> YoungPerson:
    """A practitioner adds a young person to their council; they become that young person's allocated worker."""
    if actor.role is not Role.practitioner or actor.council_id is None:
        raise NotFound
    today = clock.today()
    first, last = first_name.strip(), last_name.strip()
    if not first:
        raise Refused("first_name_missing", "first_name")
    kind_of_home = choice(HomeKind, home_kind, "home_kind_unknown", "home_kind")
    if len(first) > NAME_MAX or len(last) > NAME_MAX:
        raise Refused("name_too_long", "first_name" if len(first) > NAME_MAX else "last_name")
    age = clock.age_on(date_of_birth, today)
    if date_of_birth > today or age >= 26:
        raise Refused("date_of_birth_range", "date_of_birth")
    if home_since is not None and (home_since > today or home_since < date_of_birth):
        raise Refused("home_since_range", "home_since")
    if entered_care_on is not None and (entered_care_on > today or entered_care_on < date_of_birth):
        raise Refused("entered_care_range", "entered_care_on")
    adult_on = clock.birthday_in_year(date_of_birth, 18)
    young_person = YoungPerson(
        council_id=actor.council_id,
        first_name=first,
        last_name=last,
        date_of_birth=date_of_birth,
        adult_on=adult_on,
        home_kind=kind_of_home,
        home_since=home_since,
        entered_care_on=entered_care_on,
    )
    db.session.add(young_person)
    db.session.flush()
    kind = AllocationKind.personal_adviser if today >= adult_on else AllocationKind.social_worker
    db.session.add(Allocation(young_person_id=young_person.id, staff_id=actor.id, kind=kind, started_on=today))
    audit.record_young_person(AuditAction.young_person_added, actor, young_person.id, "young_person")
    return young_person


def count_current_allocations(staff: User) -> int:
    kinds = ALLOCATION_KINDS_FOR_ROLE.get(staff.role, frozenset())
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Allocation)
            .where(
                Allocation.staff_id == staff.id,
                Allocation.kind.in_(kinds),
                current_allocation_clause(clock.today()),
            )
        )
        or 0
    )


def young_person_for_home_change(user: User, young_person_id: uuid.UUID) -> YoungPerson:
    """The young person whose home their social worker or personal adviser is about to change."""
    young_person, allocations = _load_for_staff(user, young_person_id)
    if not can_offer_advocacy(user, young_person, allocations, clock.today()):
        raise NotFound
    return young_person


def change_home(user: User, young_person_id: uuid.UUID, *, home_kind: str, home_since: date | None) -> YoungPerson:
    """Record a new home. Moving home is a moment that matters, so an advocate is offered by itself."""
    young_person = young_person_for_home_change(user, young_person_id)
    kind_of_home = choice(HomeKind, home_kind, "home_kind_unknown", "home_kind")
    today = clock.today()
    if home_since is None:
        raise Refused("home_since_missing", "home_since")
    if home_since > today or home_since < young_person.date_of_birth:
        raise Refused("home_since_range", "home_since")
    if young_person.home_kind is kind_of_home and young_person.home_since == home_since:
        return young_person
    young_person.home_kind = kind_of_home
    young_person.home_since = home_since
    audit.record_young_person(AuditAction.home_changed, user, young_person.id, "young_person")
    advocacy.offer_advocacy(young_person, OfferReason.home_changed, made_by=user)
    return young_person


def chosen_language(young_person: YoungPerson) -> str | None:
    """The language a young person chose in Orbit, for staff arranging an interpreter (None: not joined, or never
    chose). Always one small query, joined or not, so a page's query count does not depend on the data."""
    return db.session.scalar(select(User.locale).where(User.id == young_person.user_id))
