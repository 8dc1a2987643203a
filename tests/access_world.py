"""Two councils, each with a young person and a worker in every role, for the access matrix.

Council A's young person is allocated to A's practitioner, reviewing officer and advocate. Everyone in council B
(and A's "spare" workers, who share a role but are not allocated) must be refused A's things.

Routes with object ids in their URL are covered automatically: OBJECT_PARAMS says, for each URL parameter
name, how to make or find council A's object. A new feature with a new parameter adds one entry here.

Things a young person owns (a person who matters) belong to one young person, so "own things open" needs one
for whoever is signed in: OWN_OBJECT_PARAMS makes it for Young A (role young_person) or Leaver A (care_leaver).
Everyone else is tested against Young A's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from app.extensions import db
from app.models import AllocationKind, Council, User, YoungPerson
from app.roles import YOUNG_PEOPLE, Role
from tests import factories

ALLOCATED = {
    Role.practitioner: AllocationKind.social_worker,
    Role.reviewing_officer: AllocationKind.reviewing_officer,
    Role.advocate: AllocationKind.advocate,
}


@dataclass
class Side:
    council: Council
    young_person: YoungPerson
    staff: dict[Role, User]
    spare: dict[Role, User] = field(default_factory=dict)

    def user(self, role: Role) -> User:
        if role is Role.young_person:
            assert self.young_person.user is not None
            return self.young_person.user
        return self.staff[role]


@dataclass
class World:
    a: Side
    b: Side
    cache: dict[str, uuid.UUID] = field(default_factory=dict)
    leaver_a: YoungPerson | None = None

    def own_young_person(self, role: Role) -> YoungPerson | None:
        """The young person whose things are "own things" for the given role's user in council A."""
        if role is Role.young_person:
            return self.a.young_person
        if role is Role.care_leaver:
            return self.leaver_a
        return None


def _side(label: str) -> Side:
    council = factories.CouncilFactory(name=f"Council {label}")
    person = factories.young_person(council, first_name=f"Young{label}")
    staff = {
        role: factories.staff(role, council, first_name=f"{role.value}{label}")
        for role in (
            Role.practitioner,
            Role.reviewing_officer,
            Role.duty,
            Role.council_admin,
            Role.advocate,
            Role.advocacy_manager,
            Role.complaints_officer,
        )
    }
    for role, kind in ALLOCATED.items():
        factories.allocate(person, staff[role], kind)
    spare = {role: factories.staff(role, council, first_name=f"spare{role.value}{label}") for role in ALLOCATED}
    return Side(council, person, staff, spare)


def build_world() -> World:
    world = World(a=_side("A"), b=_side("B"))
    leaver = factories.young_person(world.a.council, age_days=19 * 365, first_name="LeaverA")
    factories.allocate(leaver, world.a.staff[Role.practitioner], AllocationKind.personal_adviser)
    world.a.staff[Role.care_leaver] = leaver.user  # type: ignore[assignment]
    world.leaver_a = leaver
    other_leaver = factories.young_person(world.b.council, age_days=19 * 365, first_name="LeaverB")
    world.b.staff[Role.care_leaver] = other_leaver.user  # type: ignore[assignment]
    db.session.commit()
    return world


def _person(owner: YoungPerson) -> uuid.UUID:
    """A person who matters to `owner`, shared with everyone, who they have lost touch with (so every page about
    them shows, including asking to find them again)."""
    return factories.person_who_matters(
        owner, name="Nan", wish="lost_touch", audiences=("advocate", "practitioner", "review")
    ).id


def _reconnect_request(world: World) -> uuid.UUID:
    person = factories.person_who_matters(world.a.young_person, name="Dad", wish="lost_touch")
    return factories.reconnect_request(person).id


# URL parameter -> how to get council A's object id (made on first use, then cached per world).
def _alert(owner: YoungPerson) -> uuid.UUID:
    from app import clock
    from app.models import AlertFeeling, SafetyAlert

    alert = SafetyAlert(
        young_person_id=owner.id,
        council_id=owner.council_id,
        feeling=AlertFeeling.scared,
        submission_key=uuid.uuid4(),
        escalate_at=clock.now(),
    )
    db.session.add(alert)
    db.session.flush()
    return alert.id


def _information_request(world: World) -> uuid.UUID:
    from app import clock
    from app.models import InformationRequest, InformationRequestKind, InformationRequestStatus

    request = InformationRequest(
        young_person_id=world.a.young_person.id,
        council_id=world.a.council.id,
        kind=InformationRequestKind.correct,
        words="My birthday is wrong",
        status=InformationRequestStatus.sent,
        due_on=clock.today(),
    )
    db.session.add(request)
    db.session.flush()
    return request.id


def _advocacy_offer(owner: YoungPerson) -> uuid.UUID:
    return factories.advocacy_offer(owner).id


def _advocacy_request(world: World) -> uuid.UUID:
    """Council A's young person's request, with A's advocate: A's spare advocate (same service, not theirs) and
    everyone in B are strangers to it."""
    return factories.advocacy_request(world.a.young_person, advocate=world.a.staff[Role.advocate]).id


def _own_advocacy_request(owner: YoungPerson) -> uuid.UUID:
    return factories.advocacy_request(owner).id


def _review(owner: YoungPerson) -> uuid.UUID:
    """A review coming up for `owner`, with views sent (so every review page has something in it)."""
    held = factories.review(owner)
    factories.review_views(held, going_well="School is good", attendance="go")
    return held.id


def _family_time_plan(owner: YoungPerson) -> uuid.UUID:
    """A family time plan for `owner`, written by their worker, with a feeling sent to their review and shared
    with their advocate (so every family time page has something in it)."""
    from sqlalchemy import select

    from app.models import Allocation

    worker = db.session.scalar(
        select(Allocation.staff_id).where(
            Allocation.young_person_id == owner.id,
            Allocation.kind.in_([AllocationKind.social_worker, AllocationKind.personal_adviser]),
        )
    )
    plan = factories.family_time_plan(owner, db.session.get(User, worker), name="Jo")
    factories.family_time_entry(plan, to_review=True, to_advocate=True)
    return plan.id


def _family_time_entry(world: World) -> uuid.UUID:
    from app.models import FamilyTimePlan

    plan = db.session.get(FamilyTimePlan, object_id(world, "plan_id"))
    return factories.family_time_entry(plan, kind="didnt_happen").id


def _offer_item(world: World) -> uuid.UUID:
    return factories.offer_item(world.a.council).id


def _pending_import(world: World) -> uuid.UUID:
    """Council A's admin has checked files and not yet confirmed them: only they (council A's admins) may open it."""
    import json
    import zlib
    from datetime import timedelta

    from app import clock
    from app.models import PendingImport
    from app.services.council_data.files import Files

    pending = PendingImport(
        council_id=world.a.council.id,
        created_by_id=world.a.staff[Role.council_admin].id,
        expires_at=clock.now() + timedelta(hours=1),
        payload=zlib.compress(json.dumps(Files().to_json()).encode()),
    )
    db.session.add(pending)
    db.session.flush()
    return pending.id


def _support_request(owner: YoungPerson) -> uuid.UUID:
    """A Staying Close request from `owner`, sent to the worker allocated to them: only that worker (and the young
    person) may open it. The council's leaving care queue, which any of its practitioners may work, is tested in
    tests/integration/test_leaving_care.py."""
    from sqlalchemy import select

    from app.models import Allocation

    worker = db.session.scalar(
        select(Allocation.staff_id).where(
            Allocation.young_person_id == owner.id,
            Allocation.kind.in_([AllocationKind.social_worker, AllocationKind.personal_adviser]),
        )
    )
    return factories.support_request(owner, sent_to=db.session.get(User, worker)).id


def _disagreed_response(owner: YoungPerson) -> uuid.UUID:
    """An answer at `owner`'s review (the one _review made for them) that they said they don't agree with."""
    from sqlalchemy import select

    from app.models import Review

    held = db.session.scalars(
        select(Review).where(Review.young_person_id == owner.id).order_by(Review.created_at.desc())
    ).first() or db.session.get(Review, _review(owner))
    return factories.review_response(held).id


def _look_again(world: World) -> uuid.UUID:
    from app import clock
    from app.models import LookAgainRequest, ReviewResponse

    response = db.session.get(ReviewResponse, object_id(world, "response_id"))
    asked = LookAgainRequest(
        young_person_id=world.a.young_person.id,
        review_id=response.review_id,
        response_id=response.id,
        words="Please think again",
        due_at=clock.now(),
    )
    db.session.add(asked)
    db.session.flush()
    return asked.id


def _complaint(owner: YoungPerson) -> uuid.UUID:
    """A complaint by `owner` to the council, shared with their advocate and known (by stage) to their worker."""
    return factories.complaint(owner, share_with_advocate=True, tell_social_worker=True).id


OBJECT_PARAMS: dict[str, Callable[[World], uuid.UUID]] = {
    "alert_id": lambda world: _alert(world.a.young_person),
    "information_request_id": _information_request,
    "young_person_id": lambda world: world.a.young_person.id,
    "user_id": lambda world: world.a.staff[Role.practitioner].id,
    "person_id": lambda world: _person(world.a.young_person),
    "request_id": _reconnect_request,
    "offer_item_id": _offer_item,
    "support_request_id": lambda world: _support_request(world.a.young_person),
    "offer_id": lambda world: _advocacy_offer(world.a.young_person),
    "advocacy_request_id": _advocacy_request,
    "review_id": lambda world: _review(world.a.young_person),
    "plan_id": lambda world: _family_time_plan(world.a.young_person),
    "entry_id": _family_time_entry,
    "response_id": lambda world: _disagreed_response(world.a.young_person),
    "look_again_id": _look_again,
    "complaint_id": lambda world: _complaint(world.a.young_person),
    # A complaint about the advocacy service: its managers work it, never the council.
    "service_complaint_id": lambda world: factories.complaint(world.a.young_person, about_service=True).id,
    "pending_id": _pending_import,
}

# URL parameter -> how to make one for a given young person, for things young people own.
OWN_OBJECT_PARAMS: dict[str, Callable[[YoungPerson], uuid.UUID]] = {
    "person_id": _person,
    "alert_id": _alert,
    "support_request_id": _support_request,
    "offer_id": _advocacy_offer,
    "advocacy_request_id": _own_advocacy_request,
    "review_id": _review,
    "plan_id": _family_time_plan,
    "response_id": _disagreed_response,
    "complaint_id": _complaint,
}


def object_id(world: World, param: str, signed_in_as: Role | None = None) -> uuid.UUID:
    """Council A's object for `param`; for a young person's own things and a young-person role, theirs."""
    owner = world.own_young_person(signed_in_as) if signed_in_as in YOUNG_PEOPLE else None
    if owner is not None and param in OWN_OBJECT_PARAMS and owner.id != world.a.young_person.id:
        key = f"{param}:{owner.id}"
        if key not in world.cache:
            world.cache[key] = OWN_OBJECT_PARAMS[param](owner)
            db.session.commit()
        return world.cache[key]
    if param not in world.cache:
        if param not in OBJECT_PARAMS:
            raise KeyError(f"tests/access_world.py: add OBJECT_PARAMS[{param!r}] so the access matrix covers it")
        world.cache[param] = OBJECT_PARAMS[param](world)
        db.session.commit()
    return world.cache[param]
