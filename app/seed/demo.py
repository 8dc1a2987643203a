"""The demo council: one council, one independent advocacy service, two young people and a worker in each role."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyService,
    Allocation,
    AllocationKind,
    Council,
    HomeKind,
    OfferReason,
    User,
    YoungPerson,
    people,
)
from app.models.reviews import Review, ReviewResponse, ReviewStatus, ReviewViews
from app.roles import Role
from app.services import advocacy, auth, security
from app.services.family_time.work import reply_due

DEMO_PASSWORD = "orbit-demo-sunrise"  # noqa: S105 - printed demo sign-in, refused in production
# The DfE local authority number on its SSDA903 files: no real council has 990.
DEMO_LA_CODE = "990"
DEMO_SLUG = "brightwater"


class DemoRefused(RuntimeError):
    pass


@dataclass(frozen=True)
class DemoSignIn:
    role: str
    name: str
    sign_in_as: str
    password: str
    totp_secret: str | None = None
    invite_code: str | None = None


def _staff(
    role: Role, first: str, last: str, email: str, council: Council | None, service: AdvocacyService | None
) -> User:
    now = clock.now()
    return User(
        role=role,
        first_name=first,
        last_name=last,
        email=email,
        password_hash=security.hash_password(DEMO_PASSWORD),
        password_changed_at=now,
        totp_secret=security.new_totp_secret(),
        totp_confirmed_at=now,
        council_id=council.id if council else None,
        advocacy_service_id=service.id if service else None,
    )


def _young_user(role: Role, first: str, username: str, council: Council) -> User:
    return User(
        role=role,
        first_name=first,
        username=username,
        password_hash=security.hash_password(DEMO_PASSWORD),
        council_id=council.id,
    )


def _young_person(
    council: Council, first: str, last: str, born: date, home_kind: HomeKind, home_since: date, **more: Any
) -> YoungPerson:
    return YoungPerson(
        council_id=council.id,
        first_name=first,
        last_name=last,
        date_of_birth=born,
        adult_on=clock.birthday_in_year(born, 18),
        home_kind=home_kind,
        home_since=home_since,
        **more,
    )


def _years_ago(years: int, days: int = 40) -> date:
    return clock.birthday_in_year(clock.today() - timedelta(days=days), -years)


def seed() -> list[DemoSignIn]:
    if current_app.config["ORBIT_SETTINGS"].production:
        raise DemoRefused("demo data is never loaded with production settings")
    if db.session.scalar(select(Council.id).where(Council.slug == DEMO_SLUG)):
        raise DemoRefused("the demo council is already loaded; use a fresh database to load it again")

    service = AdvocacyService(name="Open Door Advocacy", phone="0800 000 0000")
    db.session.add(service)
    db.session.flush()
    council = Council(
        name="Brightwater Council",
        slug=DEMO_SLUG,
        advocacy_service_id=service.id,
        duty_manager_email="duty.manager@brightwater.example",
        complaints_manager_email="complaints.manager@brightwater.example",
        la_code=DEMO_LA_CODE,
    )
    db.session.add(council)
    db.session.flush()

    staff = {
        Role.practitioner: _staff(Role.practitioner, "Priya", "Shah", "priya@brightwater.example", council, None),
        Role.reviewing_officer: _staff(
            Role.reviewing_officer, "Tom", "Okafor", "tom@brightwater.example", council, None
        ),
        Role.duty: _staff(Role.duty, "Dee", "Walsh", "duty@brightwater.example", council, None),
        Role.council_admin: _staff(Role.council_admin, "Alex", "Morgan", "admin@brightwater.example", council, None),
        Role.complaints_officer: _staff(
            Role.complaints_officer, "Robin", "Hale", "complaints@brightwater.example", council, None
        ),
        Role.advocate: _staff(Role.advocate, "Sam", "Reid", "sam@opendoor.example", None, service),
        Role.advocacy_manager: _staff(
            Role.advocacy_manager, "Leila", "Haddad", "leila@opendoor.example", None, service
        ),
    }
    db.session.add_all(staff.values())

    today = clock.today()
    maya_born = _years_ago(14)
    jordan_born = _years_ago(19)
    maya_user = _young_user(Role.young_person, "Maya", "maya", council)
    jordan_user = _young_user(Role.care_leaver, "Jordan", "jordan", council)
    db.session.add_all([maya_user, jordan_user])
    db.session.flush()
    maya = _young_person(
        council, "Maya", "Campbell", maya_born, HomeKind.foster_care, today - timedelta(days=400), user_id=maya_user.id
    )
    jordan_adult = clock.birthday_in_year(jordan_born, 18)
    jordan = _young_person(
        council,
        "Jordan",
        "Ellis",
        jordan_born,
        HomeKind.supported_lodgings,
        jordan_adult,
        left_care_from=HomeKind.childrens_home,
        left_care_on=jordan_adult,
        user_id=jordan_user.id,
    )
    sam = _young_person(council, "Sami", "Noor", _years_ago(12), HomeKind.childrens_home, today - timedelta(days=30))
    db.session.add_all([maya, jordan, sam])
    db.session.flush()

    started = today - timedelta(days=200)
    allocations = [
        (maya, Role.practitioner, AllocationKind.social_worker),
        (jordan, Role.practitioner, AllocationKind.personal_adviser),
        (sam, Role.practitioner, AllocationKind.social_worker),
        (maya, Role.reviewing_officer, AllocationKind.reviewing_officer),
        (sam, Role.reviewing_officer, AllocationKind.reviewing_officer),
        (maya, Role.advocate, AllocationKind.advocate),
        (jordan, Role.advocate, AllocationKind.advocate),
    ]
    for young_person, role, kind in allocations:
        db.session.add(
            Allocation(young_person_id=young_person.id, staff_id=staff[role].id, kind=kind, started_on=started)
        )
    db.session.flush()
    code, _invite = auth.create_young_person_invite(staff[Role.practitioner], sam)
    _demo_people(maya)
    _demo_leaving_care(council, jordan, staff[Role.practitioner])
    # Maya moved home lately: an advocate is offered by itself, and she has not answered yet.
    advocacy.offer_advocacy(maya, OfferReason.home_changed, made_by=staff[Role.practitioner])
    _demo_family_time(maya, staff[Role.practitioner])
    _demo_reviews(maya, staff[Role.reviewing_officer], jordan)
    _demo_complaint(jordan)
    db.session.commit()

    sign_ins = [
        DemoSignIn("young_person", "Maya (14, in foster care)", "maya", DEMO_PASSWORD),
        DemoSignIn("care_leaver", "Jordan (19, left a children's home)", "jordan", DEMO_PASSWORD),
        DemoSignIn("young_person (not joined yet)", "Sami (12)", "invite code", "", invite_code=code),
    ]
    for role, user in staff.items():
        sign_ins.append(DemoSignIn(role.value, user.full_name, user.email or "", DEMO_PASSWORD, user.totp_secret))
    return sign_ins


# Maya's people who matter: name, who, circle, emoji, colour, wish, ways, trust, help, lasting, shared with.
_MAYA_PEOPLE = [
    (
        "Nan",
        "grandparent",
        "closest",
        "heart",
        None,
        "more",
        "visits calls",
        "yes",
        "yes",
        "yes",
        "practitioner review",
    ),
    ("Leo", "brother", "closest", "football", "blue", "more", "visits video", "yes", "sometimes", "yes", "advocate"),
    ("Biscuit", "pet", "closest", "dog", None, "same", "visits", None, None, None, ""),
    ("Jess", "foster_carer", "close", None, "purple", "same", "", "yes", "yes", "not_sure", "practitioner"),
    ("Mr Khan", "teacher", "close", "book", None, "same", "", "sometimes", "yes", "no", ""),
    ("Sophie", "friend", "close", None, "pink", "more", "messages", "yes", "sometimes", "sometimes", ""),
    ("Mum", "mum", "further", None, "green", "not_sure", "calls", "sometimes", "no", "not_sure", ""),
    ("Aunty Rose", "aunt_or_uncle", "further", "flower", None, "more", "letters", None, None, None, ""),
    ("Dad", "dad", "further", None, None, "lost_touch", "", "not_sure", "not_sure", "not_sure", ""),
]


def _add_person(
    person: people.PersonWhoMatters, ways: frozenset[people.TouchWay], audiences: frozenset[people.Audience]
) -> None:
    """Keep a new person who matters with the first line of their history, "added" to their circle."""
    person.set_ways(ways)
    person.set_audiences(audiences)
    db.session.add(person)
    db.session.flush()
    db.session.add(
        people.PersonChange(
            person_id=person.id, at=person.created_at, kind=people.ChangeKind.added, value=person.circle.value
        )
    )


def _demo_people(young_person: YoungPerson) -> None:
    now = clock.now()
    for name, kind, circle, emoji, colour, wish, ways, trust, help_, lasting, audiences in _MAYA_PEOPLE:
        person = people.PersonWhoMatters(
            young_person_id=young_person.id,
            name=name,
            relationship_kind=people.RelationshipKind(kind),
            circle=people.Circle(circle),
            emoji=people.Emoji(emoji) if emoji else None,
            colour=people.Colour(colour) if colour else None,
            wish=people.Wish(wish),
            trust=people.Answer(trust) if trust else None,
            help=people.Answer(help_) if help_ else None,
            lasting=people.Answer(lasting) if lasting else None,
            version=1,
            created_at=now - timedelta(days=20),
            updated_at=now - timedelta(days=20),
        )
        _add_person(
            person,
            frozenset(people.TouchWay(way) for way in ways.split()),
            frozenset(people.Audience(a) for a in audiences.split()),
        )
        if name == "Dad":
            db.session.add(
                people.ReconnectRequest(
                    young_person_id=young_person.id,
                    person_id=person.id,
                    remembered="He used to live in Leeds. His name is Mark.",
                    status=people.ReconnectStatus.sent,
                    created_at=now - timedelta(days=2),
                    due_at=clock.add_working_days(now - timedelta(days=2), 5),
                )
            )


def _demo_family_time(young_person: YoungPerson, worker: User) -> None:
    """Maya's plan for family time with her brother Leo: changed last week, and what she said about it."""
    import uuid

    from app.models import (
        Arranger,
        EntryKind,
        FamilyTimeEntry,
        FamilyTimePlan,
        FamilyTimePlanVersion,
        Feeling,
        HowOften,
        Place,
        Way,
        WhoElse,
    )
    from app.models.family_time import PLAN_FIELDS

    now, today = clock.now(), clock.today()
    written, changed = now - timedelta(days=60), now - timedelta(days=5)
    plan = FamilyTimePlan(
        young_person_id=young_person.id,
        sibling_name="Leo",  # Maya shared Leo with her advocate only, so Priya wrote his first name
        how_often=HowOften.every_two_weeks,
        place=Place.family_centre,
        who_else=WhoElse.family_time_worker,
        arranged_by=Arranger.worker,
        next_on=today + timedelta(days=9),
        review_on=today + timedelta(days=80),
        live_apart=True,
        why_apart="When you both came into care, there was no foster home with room for you both together. "
        "We look at this again at every review, and you can always tell us what you want.",
        version=1,
        submission_key=uuid.uuid4(),
        created_at=written,
        created_by_id=worker.id,
        updated_at=written,
        updated_by_id=worker.id,
    )
    plan.set_ways(frozenset({Way.in_person, Way.video}))
    db.session.add(plan)
    db.session.flush()

    def keep(version: int, at: object, changed_groups: str | None) -> None:
        kept = FamilyTimePlanVersion(
            plan_id=plan.id, version=version, changed=changed_groups, saved_at=at, saved_by_id=worker.id
        )
        for name in PLAN_FIELDS:
            setattr(kept, name, getattr(plan, name))
        db.session.add(kept)

    keep(1, written, None)
    plan.how_often, plan.place, plan.version, plan.updated_at = HowOften.monthly, Place.out_somewhere, 2, changed
    keep(2, changed, "how_often,place")
    db.session.add(
        FamilyTimeEntry(
            plan_id=plan.id,
            young_person_id=young_person.id,
            kind=EntryKind.feeling,
            feeling=Feeling.more,
            words="I want to see Leo every week like before.",
            shared_with_review=True,
            shared_with_advocate=True,
            plan_version=2,
            submission_key=uuid.uuid4(),
            created_at=now - timedelta(days=3),
            # The reply clock every entry sent through Orbit has, so the demo's shows in Priya's queue too.
            reply_due_at=reply_due(now - timedelta(days=3)),
        )
    )


def _demo_complaint(leaver: YoungPerson) -> None:
    """Jordan's complaint about his leaving care grant, waiting at stage 1, so the complaints queue has one."""
    import uuid

    from app.models import Complaint, ComplaintStageRecord, ComplaintStatus, ComplaintTopic
    from app.services.complaints import rules

    started = clock.now() - timedelta(days=3)
    complaint = Complaint(
        young_person_id=leaver.id,
        council_id=leaver.council_id,
        topic=ComplaintTopic.leaving_care,
        words=(
            "I was told I would get help with a deposit for my flat. I asked three times and nobody has got back to me."
        ),
        wants="Someone to tell me if I can have the help and when.",
        wants_advocate=False,
        share_with_advocate=True,
        tell_social_worker=True,
        submission_key=uuid.uuid4(),
        stage=1,
        status=ComplaintStatus.waiting,
        created_at=started,
    )
    complaint.stages.append(ComplaintStageRecord(stage=1, started_at=started, due_at=rules.stage_due(1, started)))
    db.session.add(complaint)


def _review(young_person: YoungPerson, officer: User, held_on: date, *, set_days_ago: int, **columns: Any) -> Review:
    """A review the officer chairs, set `set_days_ago` days ago: held if its date has passed, else still to come."""
    now = clock.now()
    return Review(
        young_person_id=young_person.id,
        held_on=held_on,
        status=ReviewStatus.held if held_on < clock.today() else ReviewStatus.scheduled,
        chair_id=officer.id,
        created_at=now - timedelta(days=set_days_ago),
        updated_at=now,
        **columns,
    )


def _views(review: Review, *, written_days_ago: int, **columns: Any) -> ReviewViews:
    """The young person's views for a review, last written `written_days_ago` days ago (a draft unless sent_at)."""
    written = clock.now() - timedelta(days=written_days_ago)
    return ReviewViews(
        review_id=review.id, young_person_id=review.young_person_id, created_at=written, updated_at=written, **columns
    )


def _demo_reviews(young_person: YoungPerson, officer: User, leaver: YoungPerson) -> None:
    """Maya's last review, with what she said and what was decided, and her next one, her views half written;
    Jordan's last review from before he was 18."""
    from app.services import reviews

    now = clock.now()
    today = clock.today()
    young_person.entered_care_on = today - timedelta(days=400)
    held = _review(
        young_person,
        officer,
        today - timedelta(days=120),
        set_days_ago=150,
        decisions_sent_at=now - timedelta(days=115),
        participation="PN6",  # sent her views through Orbit and did not go
    )
    coming_on = today + timedelta(days=12)
    coming = _review(
        young_person, officer, coming_on, set_days_ago=30, advocacy_offer_due_at=reviews.advocacy_offer_due(coming_on)
    )
    earlier = _review(young_person, officer, today - timedelta(days=300), set_days_ago=330, participation="PN1")
    last_in_care = _review(
        leaver,
        officer,
        leaver.adult_on - timedelta(days=60),
        set_days_ago=400,
        number=4,
        decisions_sent_at=now - timedelta(days=300),
        participation="PN1",
    )
    db.session.add_all([earlier, held, coming, last_in_care])
    reviews.renumber(young_person.entered_care_on, [earlier, held, coming])
    db.session.flush()
    db.session.add(
        _views(
            held,
            written_days_ago=125,
            going_well="I like my school and football on Saturdays.",
            change="I want to see Jay every week.",
            sent_at=now - timedelta(days=124),
        )
    )
    for point, decided, why in (
        ("going_well", "You will keep going to football. Your carers will take you.", "You said it makes you happy."),
        ("change", "You will see Jay every two weeks.", "Jay lives far away. We will look at it again in March."),
    ):
        db.session.add(
            ReviewResponse(
                review_id=held.id,
                point=point,
                point_key=point,
                decided=decided,
                why=why,
                written_by_id=officer.id,
                updated_at=now - timedelta(days=115),
            )
        )
    db.session.add(
        _views(coming, written_days_ago=2, going_well="School is going well. I got a merit for my project about space.")
    )


def _demo_leaving_care(council: Council, jordan: YoungPerson, adviser: User) -> None:
    """Brightwater's local offer, and Jordan's start on it: a few answers, people from the children's home he
    left (one of them someone he could choose to trust), and help asked for with council tax, replied to."""
    from app.models import (
        ChecklistAnswer,
        LocalOfferAnswer,
        LocalOfferItem,
        SupportContact,
        SupportKind,
        SupportReply,
        SupportRequest,
        SupportStatus,
    )
    from app.seed.local_offer_example import EXAMPLE_OFFER

    now = clock.now()
    items = {}
    for example in EXAMPLE_OFFER:
        item = LocalOfferItem(
            council_id=council.id,
            **example.columns(),
            version=1,
            created_at=now - timedelta(days=300),
            updated_at=now - timedelta(days=300),
        )
        db.session.add(item)
        items[example.title] = item
    db.session.flush()
    for title, answer in (
        ("Leaving care allowance", ChecklistAnswer.got_it),
        ("Free prescriptions", ChecklistAnswer.got_it),
        ("Leisure pass", ChecklistAnswer.not_yet),
        ("Council tax exemption", ChecklistAnswer.need_help),
    ):
        db.session.add(
            LocalOfferAnswer(
                young_person_id=jordan.id,
                item_id=items[title].id,
                answer=answer,
                item_version=1,
                answered_at=now - timedelta(days=6),
            )
        )
    asked = now - timedelta(days=6)
    request = SupportRequest(
        young_person_id=jordan.id,
        council_id=council.id,
        kind=SupportKind.offer_help,
        offer_item_id=items["Council tax exemption"].id,
        contact=SupportContact.in_orbit,
        sent_to_id=adviser.id,
        status=SupportStatus.working_on_it,
        created_at=asked,
        due_at=clock.add_working_days(now - timedelta(days=4), 20),
        replied_at=now - timedelta(days=4),
    )
    request.set_areas(frozenset())
    db.session.add(request)
    db.session.flush()
    db.session.add(
        SupportReply(
            request_id=request.id,
            author_id=adviser.id,
            words="I have asked the council tax team to add your exemption. I will tell you when it is done.",
            status=SupportStatus.working_on_it,
            created_at=now - timedelta(days=4),
        )
    )
    for name, kind, circle in (
        ("Jo", people.RelationshipKind.former_home_staff, people.Circle.closest),
        ("Aunty Bev", people.RelationshipKind.aunt_or_uncle, people.Circle.close),
        ("Marcus", people.RelationshipKind.friend, people.Circle.close),
    ):
        person = people.PersonWhoMatters(
            young_person_id=jordan.id,
            name=name,
            relationship_kind=kind,
            circle=circle,
            version=1,
            created_at=now - timedelta(days=60),
            updated_at=now - timedelta(days=60),
        )
        _add_person(person, frozenset(), frozenset())


def as_dicts(sign_ins: list[DemoSignIn]) -> list[dict]:
    return [asdict(item) for item in sign_ins]
