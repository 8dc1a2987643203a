"""The demo council: one council, one independent advocacy service, two young people and a worker in each role."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import (
    AdvocacyService,
    Allocation,
    AllocationKind,
    Answer,
    Audience,
    ChangeKind,
    Circle,
    Colour,
    Council,
    Emoji,
    HomeKind,
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
from app.roles import Role
from app.services import auth, clock, security

DEMO_PASSWORD = "orbit-demo-sunrise"  # noqa: S105 - printed demo sign-in, refused in production
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
        Role.advocate: _staff(Role.advocate, "Sam", "Reid", "sam@opendoor.example", None, service),
        Role.advocacy_manager: _staff(
            Role.advocacy_manager, "Leila", "Haddad", "leila@opendoor.example", None, service
        ),
    }
    db.session.add_all(staff.values())

    today = clock.today()
    maya_born = _years_ago(14)
    jordan_born = _years_ago(19)
    maya_user = User(
        role=Role.young_person,
        first_name="Maya",
        username="maya",
        password_hash=security.hash_password(DEMO_PASSWORD),
        council_id=council.id,
    )
    jordan_user = User(
        role=Role.care_leaver,
        first_name="Jordan",
        username="jordan",
        password_hash=security.hash_password(DEMO_PASSWORD),
        council_id=council.id,
    )
    db.session.add_all([maya_user, jordan_user])
    db.session.flush()
    maya = YoungPerson(
        council_id=council.id,
        first_name="Maya",
        last_name="Campbell",
        date_of_birth=maya_born,
        adult_on=clock.birthday_in_year(maya_born, 18),
        home_kind=HomeKind.foster_care,
        home_since=today - timedelta(days=400),
        user_id=maya_user.id,
    )
    jordan_adult = clock.birthday_in_year(jordan_born, 18)
    jordan = YoungPerson(
        council_id=council.id,
        first_name="Jordan",
        last_name="Ellis",
        date_of_birth=jordan_born,
        adult_on=jordan_adult,
        home_kind=HomeKind.supported_lodgings,
        home_since=jordan_adult,
        left_care_from=HomeKind.childrens_home,
        left_care_on=jordan_adult,
        user_id=jordan_user.id,
    )
    sam_born = _years_ago(12)
    sam = YoungPerson(
        council_id=council.id,
        first_name="Sami",
        last_name="Noor",
        date_of_birth=sam_born,
        adult_on=clock.birthday_in_year(sam_born, 18),
        home_kind=HomeKind.childrens_home,
        home_since=today - timedelta(days=30),
    )
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


def _demo_people(young_person: YoungPerson) -> None:
    now = clock.now()
    for name, kind, circle, emoji, colour, wish, ways, trust, help_, lasting, audiences in _MAYA_PEOPLE:
        person = PersonWhoMatters(
            young_person_id=young_person.id,
            name=name,
            relationship_kind=RelationshipKind(kind),
            circle=Circle(circle),
            emoji=Emoji(emoji) if emoji else None,
            colour=Colour(colour) if colour else None,
            wish=Wish(wish),
            trust=Answer(trust) if trust else None,
            help=Answer(help_) if help_ else None,
            lasting=Answer(lasting) if lasting else None,
            version=1,
            created_at=now - timedelta(days=20),
            updated_at=now - timedelta(days=20),
        )
        person.set_ways(frozenset(TouchWay(way) for way in ways.split()))
        person.set_audiences(frozenset(Audience(a) for a in audiences.split()))
        db.session.add(person)
        db.session.flush()
        db.session.add(PersonChange(person_id=person.id, at=person.created_at, kind=ChangeKind.added, value=circle))
        if name == "Dad":
            db.session.add(
                ReconnectRequest(
                    young_person_id=young_person.id,
                    person_id=person.id,
                    remembered="He used to live in Leeds. His name is Mark.",
                    status=ReconnectStatus.sent,
                    created_at=now - timedelta(days=2),
                    due_at=clock.add_working_days(now - timedelta(days=2), 5),
                )
            )


def as_dicts(sign_ins: list[DemoSignIn]) -> list[dict]:
    return [asdict(item) for item in sign_ins]
