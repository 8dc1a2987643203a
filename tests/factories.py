"""factory_boy factories for tests and benchmarks. They add to db.session; callers commit."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from factory.alchemy import SQLAlchemyModelFactory

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyService,
    Allocation,
    AllocationKind,
    Answer,
    Audience,
    ChangeKind,
    Circle,
    Council,
    HomeKind,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    ReconnectStatus,
    RelationshipKind,
    User,
    Wish,
    YoungPerson,
)
from app.roles import YOUNG_PEOPLE, Role
from app.services import security

PASSWORD = "correct horse battery"
_PASSWORD_HASH = security.hash_password(PASSWORD)


class _Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class AdvocacyServiceFactory(_Base):
    class Meta:
        model = AdvocacyService

    name = factory.Sequence(lambda n: f"Advocacy Service {n}")


class CouncilFactory(_Base):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    advocacy_service = factory.SubFactory(AdvocacyServiceFactory)


class UserFactory(_Base):
    class Meta:
        model = User

    role = Role.practitioner
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Tester"
    password_hash = _PASSWORD_HASH
    council = None
    advocacy_service = None

    @factory.lazy_attribute
    def email(self) -> str | None:
        return None if self.role in YOUNG_PEOPLE else f"{self.first_name.lower()}@example.org"

    @factory.lazy_attribute
    def username(self) -> str | None:
        return self.first_name.lower() if self.role in YOUNG_PEOPLE else None

    @factory.lazy_attribute
    def totp_secret(self) -> str | None:
        return None if self.role in YOUNG_PEOPLE else security.new_totp_secret()

    @factory.lazy_attribute
    def totp_confirmed_at(self):
        return None if self.role in YOUNG_PEOPLE else clock.now()


def staff(role: Role, council: Council | None = None, service: AdvocacyService | None = None, **kwargs) -> User:
    """A member of staff of `council` (council roles) or `service` (advocacy roles)."""
    if role in (Role.advocate, Role.advocacy_manager):
        return UserFactory(
            role=role, advocacy_service=service or (council.advocacy_service if council else None), **kwargs
        )
    return UserFactory(role=role, council=council, **kwargs)


class YoungPersonFactory(_Base):
    class Meta:
        model = YoungPerson

    council = factory.SubFactory(CouncilFactory)
    first_name = factory.Sequence(lambda n: f"Young{n}")
    last_name = "Person"
    date_of_birth = factory.LazyFunction(lambda: clock.today() - timedelta(days=14 * 365 + 100))
    adult_on = factory.LazyAttribute(lambda o: clock.birthday_in_year(o.date_of_birth, 18))
    home_kind = HomeKind.foster_care
    home_since = factory.LazyFunction(lambda: clock.today() - timedelta(days=200))


def young_person(
    council: Council, *, age_days: int = 14 * 365 + 100, with_account: bool = True, **kwargs
) -> YoungPerson:
    """A young person in `council`, with their own account unless told otherwise."""
    born = clock.today() - timedelta(days=age_days)
    person = YoungPersonFactory(council=council, date_of_birth=born, **kwargs)
    if with_account:
        adult = clock.today() >= person.adult_on
        user = UserFactory(
            role=Role.care_leaver if adult else Role.young_person, first_name=person.first_name, council=council
        )
        person.user_id = user.id
        person.user = user
        db.session.flush()
    return person


def allocate(person: YoungPerson, worker: User, kind: AllocationKind, started: date | None = None) -> Allocation:
    allocation = Allocation(
        young_person_id=person.id,
        staff_id=worker.id,
        kind=kind,
        started_on=started or clock.today() - timedelta(days=30),
    )
    db.session.add(allocation)
    db.session.flush()
    return allocation


def person_who_matters(
    owner: YoungPerson,
    *,
    name: str = "Nan",
    kind: str = "grandparent",
    circle: str = "closest",
    wish: str | None = None,
    trust: str | None = None,
    help: str | None = None,
    lasting: str | None = None,
    audiences: tuple[str, ...] = (),
    ended: bool = False,
    **kwargs,
) -> PersonWhoMatters:
    """A person who matters to `owner`, private unless `audiences` says otherwise, with its "added" history."""
    now = clock.now()
    person = PersonWhoMatters(
        young_person_id=owner.id,
        name=name,
        relationship_kind=RelationshipKind(kind),
        circle=Circle(circle),
        wish=Wish(wish) if wish else None,
        trust=Answer(trust) if trust else None,
        help=Answer(help) if help else None,
        lasting=Answer(lasting) if lasting else None,
        version=1,
        created_at=now,
        updated_at=now,
        ended_at=now if ended else None,
        **kwargs,
    )
    person.set_ways(frozenset())
    person.set_audiences(frozenset(Audience(a) for a in audiences))
    db.session.add(person)
    db.session.flush()
    db.session.add(PersonChange(person_id=person.id, at=now, kind=ChangeKind.added, value=circle))
    db.session.flush()
    return person


def reconnect_request(person: PersonWhoMatters, *, days_due: int = 5, status: str = "sent") -> ReconnectRequest:
    now = clock.now()
    request = ReconnectRequest(
        young_person_id=person.young_person_id,
        person_id=person.id,
        remembered="She lived near the park",
        status=ReconnectStatus(status),
        created_at=now,
        due_at=now + timedelta(days=days_due),
    )
    db.session.add(request)
    db.session.flush()
    return request


def advocacy_offer(owner: YoungPerson, *, reasons: tuple[str, ...] = ("joined",), status: str = "open"):
    """An offer of an advocate to `owner`, from their council's advocacy service, due in 3 working days."""
    from app.models import AdvocacyOffer, AdvocacyOfferReason, OfferReason, OfferStatus

    now = clock.now()
    offer = AdvocacyOffer(
        young_person_id=owner.id,
        advocacy_service_id=owner.council.advocacy_service_id,
        status=OfferStatus(status),
        created_at=now,
        due_at=clock.add_working_days(now, 3),
    )
    offer.reasons = [AdvocacyOfferReason(reason=OfferReason(r), at=now) for r in reasons]
    db.session.add(offer)
    db.session.flush()
    return offer


def advocacy_request(
    owner: YoungPerson,
    *,
    advocate: User | None = None,
    topic: str | None = "family_time",
    urgent: bool = False,
    status: str | None = None,
    origin: str = "asked",
):
    """A request for an advocate from `owner`; with `advocate`, allocated to them (and acknowledged)."""
    from app.models import AdvocacyRequest, RequestOrigin, RequestStatus, RequestTopic

    now = clock.now()
    request = AdvocacyRequest(
        young_person_id=owner.id,
        council_id=owner.council_id,
        advocacy_service_id=owner.council.advocacy_service_id,
        origin=RequestOrigin(origin),
        topic=RequestTopic(topic) if topic else None,
        wants="I want to see my brother more",
        urgent=urgent,
        status=RequestStatus(status or ("allocated" if advocate else "sent")),
        created_at=now,
        acknowledge_due_at=now + timedelta(hours=4) if urgent else clock.add_working_days(now, 1),
        allocate_due_at=now + timedelta(hours=4) if urgent else clock.add_working_days(now, 2),
        acknowledged_at=now if advocate else None,
        allocated_at=now if advocate else None,
        advocate_id=advocate.id if advocate else None,
    )
    request.set_ways(frozenset())
    request.contact_in_orbit = True
    db.session.add(request)
    db.session.flush()
    return request


def family_time_plan(
    owner: YoungPerson,
    by: User,
    *,
    person: PersonWhoMatters | None = None,
    name: str = "Jo",
    how_often: str = "monthly",
    ways: tuple[str, ...] = ("in_person",),
    place: str = "family_centre",
    who_else: str = "family_time_worker",
    arranged_by: str = "worker",
    next_in_days: int | None = 10,
    review_in_days: int = 90,
    why_apart: str | None = "Your brother lives with his dad, and there was not a home for you both together.",
):
    """A family time plan for `owner` written by `by` (version 1, with its first version kept)."""
    import uuid

    from app.models import Arranger, FamilyTimePlan, FamilyTimePlanVersion, HowOften, Place, Way, WhoElse
    from app.models.family_time import PLAN_FIELDS

    now = clock.now()
    plan = FamilyTimePlan(
        young_person_id=owner.id,
        person_id=person.id if person else None,
        sibling_name=person.name if person else name,
        how_often=HowOften(how_often),
        place=Place(place),
        who_else=WhoElse(who_else),
        arranged_by=Arranger(arranged_by),
        next_on=clock.today() + timedelta(days=next_in_days) if next_in_days is not None else None,
        review_on=clock.today() + timedelta(days=review_in_days),
        live_apart=why_apart is not None,
        why_apart=why_apart,
        version=1,
        submission_key=uuid.uuid4(),
        created_at=now,
        created_by_id=by.id,
        updated_at=now,
        updated_by_id=by.id,
    )
    plan.set_ways(frozenset(Way(way) for way in ways))
    db.session.add(plan)
    db.session.flush()
    first = FamilyTimePlanVersion(plan_id=plan.id, version=1, saved_at=now, saved_by_id=by.id)
    for field in PLAN_FIELDS:
        setattr(first, field, getattr(plan, field))
    db.session.add(first)
    db.session.flush()
    return plan


def family_time_entry(
    plan,
    *,
    kind: str = "feeling",
    feeling: str | None = "more",
    words: str | None = "I miss him",
    on_days_ago: int | None = None,
    to_review: bool = False,
    to_advocate: bool = False,
):
    """Something the plan's young person said about it: a feeling by default, or "didnt_happen"/"cut_short"
    (for a date `on_days_ago`, 2 days ago unless told) or "change_request"."""
    import uuid

    from app.models import EntryKind, FamilyTimeEntry, Feeling

    chosen = EntryKind(kind)
    missed = chosen in (EntryKind.didnt_happen, EntryKind.cut_short)
    entry = FamilyTimeEntry(
        plan_id=plan.id,
        young_person_id=plan.young_person_id,
        kind=chosen,
        feeling=Feeling(feeling) if chosen is EntryKind.feeling and feeling else None,
        on_date=clock.today() - timedelta(days=on_days_ago if on_days_ago is not None else 2) if missed else None,
        words=words,
        shared_with_review=to_review or missed,
        shared_with_advocate=to_advocate,
        plan_version=plan.version,
        submission_key=uuid.uuid4(),
        created_at=clock.now(),
        reply_due_at=clock.add_working_days(clock.now(), 5),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def review(owner: YoungPerson, *, days_ahead: int = 14, status: str = "scheduled", number: int = 1, **kwargs):
    """A review of `owner`'s, `days_ahead` days from today (negative: in the past)."""
    from app.models import Review, ReviewStatus

    now = clock.now()
    held = Review(
        young_person_id=owner.id,
        held_on=clock.today() + timedelta(days=days_ahead),
        status=ReviewStatus(status),
        number=number,
        created_at=now,
        updated_at=now,
        **kwargs,
    )
    db.session.add(held)
    db.session.flush()
    return held


def review_views(held, *, sent: bool = True, **fields):
    """`held`'s views from its young person, sent unless told otherwise."""
    from app.models import ReviewViews

    now = clock.now()
    views = ReviewViews(
        review_id=held.id,
        young_person_id=held.young_person_id,
        with_advocate=fields.pop("with_advocate", False),
        talk_before=fields.pop("talk_before", False),
        created_at=now,
        updated_at=now,
        sent_at=now if sent else None,
        **fields,
    )
    db.session.add(views)
    db.session.flush()
    return views


def offer_item(council: Council, *, title: str = "Leaving care allowance", category: str = "money", **kwargs):
    """An item of `council`'s local offer, for everyone from 16 unless told otherwise."""
    from app.models import LocalOfferItem, OfferCategory

    now = clock.now()
    fields = {
        "what_you_get": "Money to set up your first home.",
        "how_to_get_it": "Ask your personal adviser.",
        "care_leavers_only": False,
        "version": 1,
    } | kwargs
    item = LocalOfferItem(
        council_id=council.id, category=OfferCategory(category), title=title, created_at=now, updated_at=now, **fields
    )
    db.session.add(item)
    db.session.flush()
    return item


def support_request(owner: YoungPerson, *, sent_to: User | None = None, areas: tuple[str, ...] = ("home",), **kwargs):
    """A Staying Close request from `owner`, sent to `sent_to` (None: the council's leaving care queue)."""
    from app.models import SupportArea, SupportContact, SupportKind, SupportRequest, SupportStatus

    now = clock.now()
    fields = {
        "kind": SupportKind.staying_close,
        "words": "I need help finding a flat near my old home",
        "contact": SupportContact.in_orbit,
        "status": SupportStatus.sent,
        "created_at": now,
        "due_at": clock.add_working_days(now, 5),
    } | kwargs
    request = SupportRequest(
        young_person_id=owner.id, council_id=owner.council_id, sent_to_id=sent_to.id if sent_to else None, **fields
    )
    request.set_areas(frozenset(SupportArea(a) for a in areas))
    db.session.add(request)
    db.session.flush()
    return request


def review_response(held, *, decided: str = "You will stay where you live now", reaction: str | None = "disagree"):
    """An answer written for `held`'s young person ("what we decided"), sent, with their reaction."""
    from app.models import Point, Reaction, ReviewResponse

    held.decisions_sent_at = held.decisions_sent_at or clock.now()
    response = ReviewResponse(
        review_id=held.id,
        point=Point.general,
        point_key=Point.general.value,
        decided=decided,
        why="Because it is working well",
        reaction=Reaction(reaction) if reaction else None,
        reacted_at=clock.now() if reaction else None,
    )
    db.session.add(response)
    db.session.flush()
    return response


def complaint(owner: YoungPerson, *, about_service: bool = False, stage: int = 1, **kwargs):
    """A complaint by `owner`, waiting at `stage` with its clock running from now."""
    import uuid

    from app.models import Complaint, ComplaintStageRecord, ComplaintStatus, ComplaintTopic
    from app.services.complaints import rules

    now = clock.now()
    made = Complaint(
        young_person_id=owner.id,
        council_id=owner.council_id,
        advocacy_service_id=owner.council.advocacy_service_id if about_service else None,
        topic=ComplaintTopic.advocacy_service if about_service else ComplaintTopic(kwargs.pop("topic", "my_home")),
        words=kwargs.pop("words", "Nobody listens to me about where I live"),
        wants=kwargs.pop("wants", None),
        wants_advocate=kwargs.pop("wants_advocate", False),
        share_with_advocate=kwargs.pop("share_with_advocate", not about_service),
        tell_social_worker=kwargs.pop("tell_social_worker", True),
        submission_key=uuid.uuid4(),
        stage=stage,
        status=ComplaintStatus.waiting,
        created_at=now,
        **kwargs,
    )
    for number in range(1, stage + 1):
        done = number < stage
        made.stages.append(
            ComplaintStageRecord(
                stage=number,
                started_at=now,
                due_at=rules.stage_due(number, now),
                answer="We looked at it" if done else None,
                answered_at=now if done else None,
            )
        )
    db.session.add(made)
    db.session.flush()
    return made


def told_by_email(user: User, address: str) -> None:
    """A young person who chose to be told by email and confirmed the address (as /me/messages does)."""
    from app.models import Channel, MessageChoice

    db.session.add(
        MessageChoice(
            user_id=user.id,
            channel=Channel.email,
            address=address,
            confirmed_at=clock.now(),
            quiet_from=21,
            quiet_until=8,
        )
    )
    db.session.flush()
