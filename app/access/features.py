"""Each feature's object-level rules, used by services: who sees a young person's people who matter, their
reviews, advocacy requests, family time, leaving care requests and complaints. Each check on one row has a query
predicate beside it that says the same for lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app.access.young_people import (
    ALLOCATION_KINDS_FOR_ROLE,
    allocated_now,
    can_see_young_person,
    current_allocation_clause,
    is_current,
)
from app.models import (
    Allocation,
    AllocationKind,
    Audience,
    Council,
    PersonWhoMatters,
    ReconnectRequest,
    User,
    YoungPerson,
)
from app.models.advocacy import AdvocacyRequest
from app.models.complaints import Complaint
from app.models.family_time import EntryKind, FamilyTimeEntry, FamilyTimePlan
from app.models.leaving_care import SupportRequest
from app.roles import ADVOCACY, COUNCIL_STAFF, YOUNG_PEOPLE, Role

# People who matter ------------------------------------------------------------------------------------

# Which of a young person's sharing choices lets each role see a person. Other roles never see people.
AUDIENCE_FOR_ROLE: dict[Role, Audience] = {
    Role.advocate: Audience.advocate,
    Role.practitioner: Audience.practitioner,
    Role.reviewing_officer: Audience.review,
}

# The allocation that puts a name to each audience for the young person ("Priya, your social worker").
ALLOCATION_KINDS_FOR_AUDIENCE: dict[Audience, tuple[AllocationKind, ...]] = {
    Audience.advocate: (AllocationKind.advocate,),
    Audience.practitioner: (AllocationKind.social_worker, AllocationKind.personal_adviser),
    Audience.review: (AllocationKind.reviewing_officer,),
}


def people_audience(role: Role) -> Audience | None:
    return AUDIENCE_FOR_ROLE.get(role)


def owns_young_person(user: User, young_person: YoungPerson) -> bool:
    """Only the young person themselves adds, changes, shares, ends or deletes their people."""
    return user.role in YOUNG_PEOPLE and young_person.user_id == user.id


def on_their_own_record(
    user: User, record_young_person_id: Any, young_person: YoungPerson, staff_may: Callable[[], bool]
) -> bool:
    """A record belonging to one young person: never reached through another young person; the young person by
    ownership alone; staff only as `staff_may` says."""
    if record_young_person_id != young_person.id:
        return False
    if user.role in YOUNG_PEOPLE:
        return owns_young_person(user, young_person)
    return staff_may()


def can_see_person(
    user: User,
    person: PersonWhoMatters,
    young_person: YoungPerson,
    allocations: Iterable[Allocation],
    today: date,
) -> bool:
    """The young person sees all their own people; staff see a person only if it was shared with their role
    and they may see the young person at all (allocated now)."""

    def shared_with_them() -> bool:
        audience = people_audience(user.role)
        return (
            audience is not None
            and audience in person.audiences
            and can_see_young_person(user, young_person, allocations, today)
        )

    return on_their_own_record(user, person.young_person_id, young_person, shared_with_them)


def may_see_shared_people(
    user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> bool:
    """May this member of staff open a young person's "people who matter" page (showing only what was shared)?"""
    return people_audience(user.role) is not None and can_see_young_person(user, young_person, allocations, today)


def shared_with_clause(role: Role) -> ColumnElement[bool]:
    """The same rule as can_see_person's sharing part, as a predicate on PersonWhoMatters for queries."""
    audience = people_audience(role)
    if audience is None:
        return false()
    return getattr(PersonWhoMatters, f"shared_with_{audience.value}").is_(True)


def shared_with_anyone_clause() -> ColumnElement[bool]:
    return or_(*(getattr(PersonWhoMatters, f"shared_with_{a.value}").is_(True) for a in Audience))


def can_answer_reconnect(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """Reconnect requests go to the young person's social worker or personal adviser, who must reply."""
    return user.role is Role.practitioner and can_see_young_person(user, young_person, allocations, today)


def reconnect_scope(user: User, today: date) -> ColumnElement[bool]:
    """The same rule as can_answer_reconnect, as a predicate on ReconnectRequest for queries. Written as "the
    young person is one of mine" (an uncorrelated list of the practitioner's young people) so the database starts
    from the practitioner's few allocations, not from every open request in the country."""
    if user.role is not Role.practitioner:
        return false()
    mine = allocated_now(user, ALLOCATION_KINDS_FOR_ROLE[Role.practitioner], today)
    return ReconnectRequest.young_person_id.in_(mine)


def family_time_reply_scope(user: User, today: date) -> ColumnElement[bool]:
    """The same rule as can_write_family_time, as a predicate on FamilyTimeEntry for queries: the young person is
    one of the practitioner's, allocated now (an uncorrelated list, so the database starts from their few
    allocations)."""
    if user.role is not Role.practitioner:
        return false()
    mine = allocated_now(user, ALLOCATION_KINDS_FOR_ROLE[Role.practitioner], today)
    return FamilyTimeEntry.young_person_id.in_(mine)


def can_see_people_count(user: User) -> bool:
    """The council-level count of enduring relationships is for council admins only, and only as a count."""
    return user.role is Role.council_admin and user.council_id is not None


# Reviews ----------------------------------------------------------------------------------------------


def can_schedule_review(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """The young person's social worker or personal adviser keeps their review dates."""
    return user.role is Role.practitioner and can_see_young_person(user, young_person, allocations, today)


def can_chair_review(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """Only the reviewing officer allocated now reads the views, the review pack, and writes what was decided.
    A young person's views reach nobody else: not their worker, not the duty team, not advocates."""
    return user.role is Role.reviewing_officer and can_see_young_person(user, young_person, allocations, today)


def chaired_young_people(user: User, today: date) -> Any:
    """The same rule as can_chair_review, as an uncorrelated list of young person ids for queries (the database
    starts from the officer's own allocations, not from every review in the country)."""
    if user.role is not Role.reviewing_officer:
        return select(YoungPerson.id).where(false())
    return allocated_now(user, ALLOCATION_KINDS_FOR_ROLE[Role.reviewing_officer], today)


# Advocacy ---------------------------------------------------------------------------------------------
# Advocacy is independent of the council. Advocates and managers see requests from young people of councils
# their service works for now; once a request has an advocate, only that advocate and the managers see it.
# Council staff never see a request: only advocacy_summary_visible says what they may know.


def can_see_advocacy_request(user: User, request: AdvocacyRequest, council: Council) -> bool:
    if user.role in YOUNG_PEOPLE:
        return request.young_person.user_id == user.id
    if user.role not in ADVOCACY or user.advocacy_service_id is None:
        return False
    served = (
        request.advocacy_service_id == user.advocacy_service_id
        and council.id == request.council_id
        and council.advocacy_service_id == user.advocacy_service_id
    )
    if not served or request.instead_of_advocate_id == user.id:
        return False  # the young person asked for someone other than this advocate, who may not see it at all
    return user.role is Role.advocacy_manager or request.advocate_id in (None, user.id)


def advocacy_request_scope(user: User) -> ColumnElement[bool]:
    """The same rule as can_see_advocacy_request for staff, as a predicate on AdvocacyRequest for queries."""
    if user.role not in ADVOCACY or user.advocacy_service_id is None:
        return false()
    served = select(Council.id).where(Council.advocacy_service_id == user.advocacy_service_id)
    clause = and_(
        AdvocacyRequest.advocacy_service_id == user.advocacy_service_id,
        AdvocacyRequest.council_id.in_(served),
        or_(AdvocacyRequest.instead_of_advocate_id.is_(None), AdvocacyRequest.instead_of_advocate_id != user.id),
    )
    if user.role is Role.advocacy_manager:
        return clause
    return and_(clause, or_(AdvocacyRequest.advocate_id.is_(None), AdvocacyRequest.advocate_id == user.id))


def can_message_on_advocacy_request(user: User, request: AdvocacyRequest) -> bool:
    """The young person, their advocate once there is one, and the service's managers. Closed means closed."""
    if not request.is_open:
        return False
    if user.role in YOUNG_PEOPLE:
        return request.young_person.user_id == user.id
    return user.role is Role.advocacy_manager or (request.advocate_id is not None and request.advocate_id == user.id)


def can_reassign_advocacy(actor: User, request: AdvocacyRequest, advocate: User) -> bool:
    """Managers reassign within their own service only, to an advocate (or manager) who can work."""
    return (
        actor.role is Role.advocacy_manager
        and actor.advocacy_service_id is not None
        and request.advocacy_service_id == actor.advocacy_service_id
        and advocate.role in ADVOCACY
        and advocate.advocacy_service_id == actor.advocacy_service_id
        and advocate.disabled_at is None
        and advocate.id != request.instead_of_advocate_id
    )


def may_know_advocate_now(user: User, advocate: User) -> bool:
    """Who a young person's advocate is now, beside work on them that has no advocate yet: that advocate, and their
    service's managers (who may open the young person's page anyway). Other advocates do not see which young
    people their colleagues have."""
    return user.id == advocate.id or (
        user.role is Role.advocacy_manager
        and user.advocacy_service_id is not None
        and user.advocacy_service_id == advocate.advocacy_service_id
    )


def can_see_advocacy_figures(user: User) -> bool:
    return user.role is Role.advocacy_manager and user.advocacy_service_id is not None


def advocacy_summary_visible(user: User) -> bool:
    """Council staff may know only whether an advocate is involved and whether they will attend the review."""
    return user.role in COUNCIL_STAFF or user.role in ADVOCACY


def can_offer_advocacy(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """A young person's social worker or personal adviser can make an offer, and change their home."""
    return user.role is Role.practitioner and can_see_young_person(user, young_person, allocations, today)


# Family time -------------------------------------------------------------------------------------------

FAMILY_TIME_STAFF = frozenset({Role.practitioner, Role.reviewing_officer, Role.advocate})


def can_write_family_time(
    user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> bool:
    """Only the young person's social worker or personal adviser, allocated now, writes and changes their plans
    and replies to what they said."""
    return user.role is Role.practitioner and can_see_young_person(user, young_person, allocations, today)


def can_see_family_time(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """The young person sees their own plans; their practitioner, reviewing officer and advocate, allocated now,
    see what each is allowed (family_time_entry_visible). Duty, admins and advocacy managers see none."""
    if user.role in YOUNG_PEOPLE:
        return owns_young_person(user, young_person)
    return user.role in FAMILY_TIME_STAFF and can_see_young_person(user, young_person, allocations, today)


def family_time_entry_visible(role: Role, entry: FamilyTimeEntry) -> bool:
    """What the young person said, by who is looking: their worker sees all of it; the person who runs their
    reviews sees "didn't happen", "cut short" and feelings sent to the review; their advocate sees only what was
    shared with "my advocate". (The young person's own entries are checked by ownership, not here.)"""
    if role is Role.practitioner:
        return True
    if role is Role.reviewing_officer:
        return entry.reaches_review
    if role is Role.advocate:
        return entry.shared_with_advocate
    return False


def family_time_entry_clause(role: Role) -> ColumnElement[bool]:
    """The same rule as family_time_entry_visible, as a predicate on FamilyTimeEntry for queries."""
    if role is Role.practitioner:
        return FamilyTimeEntry.id.is_not(None)
    if role is Role.reviewing_officer:
        return or_(
            FamilyTimeEntry.kind.in_([EntryKind.didnt_happen, EntryKind.cut_short]),
            and_(FamilyTimeEntry.kind == EntryKind.feeling, FamilyTimeEntry.shared_with_review.is_(True)),
        )
    if role is Role.advocate:
        return FamilyTimeEntry.shared_with_advocate.is_(True)
    return false()


def family_time_plan_clause(role: Role) -> ColumnElement[bool]:
    """Which plans a member of staff sees: all of them, except an advocate, who sees only a plan the young person
    shared something about with them (so they know what it is about) and nothing else."""
    if role in (Role.practitioner, Role.reviewing_officer):
        return FamilyTimePlan.id.is_not(None)
    if role is Role.advocate:
        return exists().where(
            FamilyTimeEntry.plan_id == FamilyTimePlan.id, FamilyTimeEntry.shared_with_advocate.is_(True)
        )
    return false()


def family_time_sibling_name(
    user: User, plan: FamilyTimePlan, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> str:
    """The brother's or sister's first name as the viewer may know it: the name in the young person's own people
    who matter when the plan is linked to one and the viewer may see that person, otherwise the first name the
    plan was written with. Never anything else about the other child."""
    person = plan.person
    if person is not None and can_see_person(user, person, young_person, allocations, today):
        return person.name
    return plan.sibling_name


# Leaving care ------------------------------------------------------------------------------------------
# Staying Close and "I need help" requests go to the young person's personal adviser; whoever is allocated as their
# social worker or personal adviser now sees them too. A young person with no personal adviser asks the council's
# leaving care queue, which any practitioner of that council works (Orbit has no teams: social workers and
# personal advisers are both practitioners). Council admins keep the local offer and see only counts of 10 or
# more. Advocates, reviewing officers and the duty team see none of it.


def has_personal_adviser(allocations: Iterable[Allocation], today: date) -> bool:
    return any(a.kind is AllocationKind.personal_adviser and is_current(a, today) for a in allocations)


def can_support(user: User, young_person: YoungPerson, allocations: Iterable[Allocation], today: date) -> bool:
    """The young person's social worker or personal adviser: answers their requests, records their trusted adult
    and Staying Close arrangement, and reads how things are going."""
    return user.role is Role.practitioner and can_see_young_person(user, young_person, allocations, today)


def works_leaving_care_queue(user: User, council_id: Any) -> bool:
    return user.role is Role.practitioner and user.council_id is not None and user.council_id == council_id


def in_leaving_care_queue(request: SupportRequest, allocations: Iterable[Allocation], today: date) -> bool:
    """In the council's queue while nobody allocated has it: no personal adviser now, and it went to the queue (or
    to someone no longer allocated)."""
    allocations = list(allocations)
    if has_personal_adviser(allocations, today):
        return False
    return request.sent_to_id is None or not any(
        a.staff_id == request.sent_to_id and is_current(a, today) for a in allocations
    )


def can_see_support_request(
    user: User, request: SupportRequest, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> bool:

    def supports_or_queue_has_it() -> bool:
        allocated = list(allocations)
        if can_support(user, young_person, allocated, today):
            return True
        return works_leaving_care_queue(user, request.council_id) and in_leaving_care_queue(request, allocated, today)

    return on_their_own_record(user, request.young_person_id, young_person, supports_or_queue_has_it)


def supported_young_people(user: User, today: date) -> Any:
    """The same rule as can_support, as an uncorrelated list of young person ids for queries."""
    if user.role is not Role.practitioner:
        return select(YoungPerson.id).where(false())
    return allocated_now(user, ALLOCATION_KINDS_FOR_ROLE[Role.practitioner], today)


def leaving_care_queue_clause(user: User, today: date) -> ColumnElement[bool]:
    """The same rule as in_leaving_care_queue, for the council's practitioners, as a predicate on SupportRequest."""
    if user.role is not Role.practitioner or user.council_id is None:
        return false()
    has_adviser = exists().where(
        Allocation.young_person_id == SupportRequest.young_person_id,
        Allocation.kind == AllocationKind.personal_adviser,
        current_allocation_clause(today),
    )
    still_with_them = exists().where(
        Allocation.young_person_id == SupportRequest.young_person_id,
        Allocation.staff_id == SupportRequest.sent_to_id,
        current_allocation_clause(today),
    )
    return and_(
        SupportRequest.council_id == user.council_id,
        ~has_adviser,
        or_(SupportRequest.sent_to_id.is_(None), ~still_with_them),
    )


def can_keep_local_offer(user: User, council_id: Any) -> bool:
    """A council admin keeps their own council's local offer, and sees its counts (never who answered what)."""
    return user.role is Role.council_admin and user.council_id is not None and user.council_id == council_id


# Complaints ------------------------------------------------------------------------------------------
# A complaint's words: the council's complaints officers (or, for a complaint about the advocacy service, that
# service's managers, never the council) and, if the young person chose, their advocate allocated now. Their
# social worker or personal adviser, allocated now, may know only that a complaint exists and its stage, and only
# if the young person said yes. Nobody else: not the reviewing officer, duty, admins or other advocates.


def works_complaint(user: User, complaint: Complaint) -> bool:
    """May this member of staff work the complaint (read it, answer it, extend its clock)?"""
    if complaint.advocacy_service_id is not None:
        return user.role is Role.advocacy_manager and user.advocacy_service_id == complaint.advocacy_service_id
    return user.role is Role.complaints_officer and user.council_id == complaint.council_id


def complaint_queue_clause(user: User) -> ColumnElement[bool]:
    """The same rule as works_complaint, as a predicate on Complaint for queries."""
    if user.role is Role.complaints_officer and user.council_id is not None:
        return and_(Complaint.council_id == user.council_id, Complaint.advocacy_service_id.is_(None))
    if user.role is Role.advocacy_manager and user.advocacy_service_id is not None:
        return Complaint.advocacy_service_id == user.advocacy_service_id
    return false()


def may_read_complaint(
    user: User, complaint: Complaint, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> bool:

    def works_it_or_shared_with_advocate() -> bool:
        if works_complaint(user, complaint):
            return True
        return (
            user.role is Role.advocate
            and complaint.share_with_advocate
            and can_see_young_person(user, young_person, allocations, today)
        )

    return on_their_own_record(user, complaint.young_person_id, young_person, works_it_or_shared_with_advocate)


def may_know_complaint_stage(
    user: User, complaint: Complaint, young_person: YoungPerson, allocations: Iterable[Allocation], today: date
) -> bool:
    """Their social worker or personal adviser learns a complaint exists, and its stage: only with a yes."""
    return (
        complaint.young_person_id == young_person.id
        and complaint.tell_social_worker
        and user.role is Role.practitioner
        and can_see_young_person(user, young_person, allocations, today)
    )


def can_see_complaint_figures(user: User) -> bool:
    return (user.role is Role.complaints_officer and user.council_id is not None) or (
        user.role is Role.advocacy_manager and user.advocacy_service_id is not None
    )
