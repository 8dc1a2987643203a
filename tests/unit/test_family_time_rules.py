"""Family time rules that need no database: what a plan may say, what changed between versions, who sees what the
young person said, and that form codes match the model's."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.access import family_time_entry_visible
from app.forms import family_time as forms
from app.models import (
    Arranger,
    EntryKind,
    FamilyTimeEntry,
    FamilyTimePlanVersion,
    Feeling,
    HowOften,
    PersonWhoMatters,
    Place,
    RelationshipKind,
    Way,
    WhoElse,
)
from app.models.family_time import PLAN_FIELDS
from app.roles import Role
from app.services import family_time
from app.services.errors import Refused

TODAY = date(2026, 11, 24)


def _details(**changes) -> family_time.PlanDetails:
    base = {
        "sibling": family_time.OTHER_SIBLING,
        "sibling_name": "Jo",
        "how_often": "monthly",
        "ways": frozenset({"in_person"}),
        "place": "family_centre",
        "who_else": "family_time_worker",
        "arranged_by": "worker",
        "next_on": TODAY + timedelta(days=7),
        "review_on": TODAY + timedelta(days=90),
        "live_apart": "yes",
        "why_apart": "There was no foster home with room for you both.",
    }
    base.update(changes)
    return family_time.PlanDetails(**base)


def _refused(details: family_time.PlanDetails, people: dict | None = None) -> Refused:
    with pytest.raises(Refused) as refused:
        family_time.check_plan(details, people or {}, TODAY)
    return refused.value


# Addresses, postcodes and phone numbers never go in a plan ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "12 Acacia Avenue",
        "She lives at 4b Mill Lane now",
        "flat 3",
        "Flat 2, 5 Oak Rd",
        "LS1 4AB",
        "near sw1a1aa",
        "call 07700 900123",
        "+44 7700 900123",
        "jo@example.org",
    ],
)
def test_addresses_and_ways_to_reach_someone_are_caught(text: str) -> None:
    assert family_time.looks_like_contact_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "There was no foster home with room for you both.",
        "2 hours in the park",
        "1 hour at the park",
        "every 2 weeks",
        "3 times a year, and on birthdays",
        "Jo",
        "Mariam",
        "في الحديقة",
    ],
)
def test_ordinary_words_are_not_taken_for_addresses(text: str) -> None:
    assert not family_time.looks_like_contact_details(text)


# Checking a plan --------------------------------------------------------------------------------------------


def test_a_complete_plan_is_accepted_and_cleaned() -> None:
    clean = family_time.check_plan(
        _details(sibling_name="  Jo \u202e ", why_apart="Line one\r\n\r\n\r\nLine two"), {}, TODAY
    )
    assert clean.sibling_name == "Jo"
    assert clean.person is None
    assert clean.how_often is HowOften.monthly
    assert clean.ways == frozenset({Way.in_person})
    assert clean.why_apart == "Line one\n\nLine two"


def test_a_plan_links_to_a_brother_or_sister_the_worker_may_see_and_takes_their_name() -> None:
    person = PersonWhoMatters(id=uuid.uuid4(), name="Leo", relationship_kind=RelationshipKind.brother)
    clean = family_time.check_plan(_details(sibling=str(person.id), sibling_name=""), {str(person.id): person}, TODAY)
    assert clean.person is person
    assert clean.sibling_name == "Leo"


def test_someone_the_worker_may_not_link_to_is_refused() -> None:
    assert _refused(_details(sibling=str(uuid.uuid4()))).code == "sibling_unknown"
    assert _refused(_details(sibling="")).code == "sibling_missing"


@pytest.mark.parametrize(
    ("name", "code"),
    [("", "sibling_name_missing"), ("J" * 81, "sibling_name_too_long"), ("Jo 2", "sibling_first_name_only")],
)
def test_the_first_name_must_be_just_a_first_name(name: str, code: str) -> None:
    refused = _refused(_details(sibling_name=name))
    assert (refused.code, refused.field) == (code, "sibling_name")


def test_dates_in_the_past_are_refused() -> None:
    assert _refused(_details(next_on=TODAY - timedelta(days=1))).code == "plan_next_date_past"
    assert _refused(_details(review_on=TODAY - timedelta(days=1))).code == "plan_review_date_past"
    assert _refused(_details(review_on=None)).code == "plan_review_date_missing"
    assert _refused(_details(review_on=TODAY + timedelta(days=5000))).code == "plan_date_too_far"
    clean = family_time.check_plan(_details(next_on=TODAY, review_on=TODAY), {}, TODAY)
    assert clean.next_on == clean.review_on == TODAY


def test_the_next_date_can_be_not_fixed_yet() -> None:
    assert family_time.check_plan(_details(next_on=None), {}, TODAY).next_on is None


def test_living_apart_needs_a_reason_written_to_the_young_person() -> None:
    assert _refused(_details(why_apart="   ")).code == "why_apart_missing"
    assert _refused(_details(why_apart="x" * 1001)).code == "why_apart_too_long"
    assert _refused(_details(live_apart="")).code == "live_apart_missing"
    together = family_time.check_plan(_details(live_apart="no", why_apart="ignored"), {}, TODAY)
    assert together.live_apart is False
    assert together.why_apart is None


def test_an_address_in_the_reason_is_refused() -> None:
    refused = _refused(_details(why_apart="Jo lives at 12 Acacia Avenue with her nan"))
    assert (refused.code, refused.field) == ("contact_details_in_plan", "why_apart")


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"how_often": "other", "how_often_words": ""}, "how_often_words_missing", "how_often_words"),
        ({"who_else": "other", "who_else_words": ""}, "who_else_words_missing", "who_else_words"),
        ({"arranged_by": "other", "arranged_by_words": "x" * 101}, "plan_words_too_long", "arranged_by_words"),
        (
            {"who_else": "other", "who_else_words": "Her carer, 07700 900123"},
            "contact_details_in_plan",
            "who_else_words",
        ),
        ({"how_often": "daily"}, "how_often_missing", "how_often"),
        ({"ways": frozenset()}, "plan_ways_missing", "ways"),
        ({"ways": frozenset({"carrier_pigeon"})}, "plan_ways_unknown", "ways"),
        ({"place": "12 Acacia Avenue"}, "place_missing", "place"),
    ],
)
def test_each_part_is_checked(changes: dict, code: str, field: str) -> None:
    refused = _refused(_details(**changes))
    assert (refused.code, refused.field) == (code, field)


def test_words_for_other_are_kept_only_for_other() -> None:
    clean = family_time.check_plan(_details(how_often_words="on birthdays"), {}, TODAY)
    assert clean.how_often_words is None
    other = family_time.check_plan(_details(how_often="other", how_often_words="On birthdays"), {}, TODAY)
    assert other.how_often_words == "On birthdays"


@given(st.text(max_size=300))
def test_checking_never_fails_on_odd_text(text: str) -> None:
    with contextlib.suppress(Refused):
        family_time.check_plan(_details(sibling_name=text[:80], why_apart=text), {}, TODAY)


# What changed ----------------------------------------------------------------------------------------------


def _version(number: int, **changes) -> FamilyTimePlanVersion:
    version = FamilyTimePlanVersion(
        version=number,
        saved_at=datetime(2026, 11, number, tzinfo=UTC),
        sibling_name="Jo",
        how_often=HowOften.monthly,
        how_often_words=None,
        place=Place.family_centre,
        who_else=WhoElse.nobody,
        who_else_words=None,
        arranged_by=Arranger.worker,
        arranged_by_words=None,
        next_on=TODAY,
        review_on=TODAY,
        live_apart=True,
        why_apart="Because",
    )
    version.set_ways(frozenset({Way.in_person}))
    for name, value in changes.items():
        setattr(version, name, value)
    return version


def test_changed_groups_names_each_part_once_in_page_order() -> None:
    before = _version(1)
    after = _version(2, how_often=HowOften.weekly, way_video=True, place=Place.online, why_apart="Now this")
    assert family_time.changed_groups(before, after) == ["how_often", "ways", "place", "apart"]
    assert family_time.changed_groups(before, _version(2)) == []
    assert set(PLAN_FIELDS) == {name for fields in family_time.CHANGE_GROUPS.values() for name in fields}


def test_only_a_new_next_date_is_routine() -> None:
    assert family_time.is_routine(["next_on"])
    assert not family_time.is_routine(["next_on", "how_often"])
    assert not family_time.is_routine(["review_on"])


def test_changes_come_newest_first_with_what_was_there_before() -> None:
    versions = [
        _version(3, how_often=HowOften.weekly, next_on=TODAY + timedelta(days=1), changed="next_on"),
        _version(1),
        _version(2, how_often=HowOften.weekly, changed="how_often"),
    ]
    changes = family_time.changes_between(versions)
    assert [c.after.version for c in changes] == [3, 2]
    assert changes[0].groups == ("next_on",)
    assert changes[1].before.how_often is HowOften.monthly
    assert changes[1].after.how_often is HowOften.weekly
    assert family_time.changes_between([_version(1)]) == []


# Who sees what the young person said -------------------------------------------------------------------------


def _entry(kind: EntryKind, *, review: bool = False, advocate: bool = False) -> FamilyTimeEntry:
    return FamilyTimeEntry(
        kind=kind,
        feeling=Feeling.good if kind is EntryKind.feeling else None,
        shared_with_review=review,
        shared_with_advocate=advocate,
    )


@pytest.mark.parametrize(
    ("entry", "practitioner", "reviewing_officer", "advocate"),
    [
        (_entry(EntryKind.feeling), True, False, False),
        (_entry(EntryKind.feeling, review=True), True, True, False),
        (_entry(EntryKind.feeling, advocate=True), True, False, True),
        (_entry(EntryKind.didnt_happen), True, True, False),
        (_entry(EntryKind.cut_short, advocate=True), True, True, True),
        (_entry(EntryKind.change_request), True, False, False),
        # A change request is never the review's, whatever the flag says.
        (_entry(EntryKind.change_request, review=True), True, False, False),
    ],
)
def test_who_sees_what_the_young_person_said(entry, practitioner, reviewing_officer, advocate) -> None:
    assert family_time_entry_visible(Role.practitioner, entry) is practitioner
    assert family_time_entry_visible(Role.reviewing_officer, entry) is reviewing_officer
    assert family_time_entry_visible(Role.advocate, entry) is advocate
    for role in (Role.duty, Role.council_admin, Role.advocacy_manager):
        assert not family_time_entry_visible(role, entry)


# Forms and models agree ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "kind"),
    [
        (forms.HOW_OFTEN_LABELS, HowOften),
        (forms.WAY_LABELS, Way),
        (forms.PLACE_LABELS, Place),
        (forms.WHO_ELSE_LABELS, WhoElse),
        (forms.ARRANGER_LABELS, Arranger),
        (forms.ARRANGER_STAFF_LABELS, Arranger),
        (forms.FEELING_LABELS, Feeling),
    ],
)
def test_form_codes_match_the_model(labels: dict, kind: type) -> None:
    assert list(labels) == [member.value for member in kind]


def test_missed_codes_are_the_missed_kinds() -> None:
    assert set(forms.MISSED_LABELS) == {EntryKind.didnt_happen.value, EntryKind.cut_short.value}


def test_form_limits_match_the_model() -> None:
    from app.models import family_time as model

    assert forms.SIBLING_NAME_MAX == model.SIBLING_NAME_MAX
    assert forms.OTHER_WORDS_MAX == model.OTHER_WORDS_MAX
    assert forms.WHY_APART_MAX == model.WHY_APART_MAX
    assert forms.ENTRY_WORDS_MAX == model.ENTRY_WORDS_MAX
    assert forms.REPLY_MAX == model.REPLY_MAX


def test_the_sibling_name_a_viewer_sees() -> None:
    """The young person's own name for a linked brother or sister only for those they shared them with."""
    from app.access import family_time_sibling_name

    young = SimpleNamespace(id=uuid.uuid4(), user_id=uuid.uuid4())
    person = PersonWhoMatters(
        young_person_id=young.id, name="Leo the Great", relationship_kind=RelationshipKind.brother
    )
    person.set_audiences(frozenset())
    plan = SimpleNamespace(person=person, sibling_name="Leo")
    owner = SimpleNamespace(role=Role.young_person, id=young.user_id)
    worker = SimpleNamespace(role=Role.practitioner, id=uuid.uuid4())
    assert family_time_sibling_name(owner, plan, young, [], TODAY) == "Leo the Great"
    assert family_time_sibling_name(worker, plan, young, [], TODAY) == "Leo"


def test_only_the_allocated_worker_writes_plans_and_only_allocated_staff_read_them() -> None:
    from app.access import can_see_family_time, can_write_family_time
    from app.models import Allocation, AllocationKind, Council, User, YoungPerson

    council = Council(id=uuid.uuid4(), name="C", slug="c")
    owner = User(id=uuid.uuid4(), role=Role.young_person, first_name="Maya")
    young = YoungPerson(id=uuid.uuid4(), council_id=council.id, council=council, user_id=owner.id)

    def staff(role: Role) -> User:
        return User(id=uuid.uuid4(), role=role, first_name=role.value, council_id=council.id)

    worker, officer, advocate = staff(Role.practitioner), staff(Role.reviewing_officer), staff(Role.advocate)
    duty, admin, other_worker = staff(Role.duty), staff(Role.council_admin), staff(Role.practitioner)
    started = TODAY - timedelta(days=3)
    allocations = [
        Allocation(young_person_id=young.id, staff_id=worker.id, kind=AllocationKind.social_worker, started_on=started),
        Allocation(
            young_person_id=young.id, staff_id=officer.id, kind=AllocationKind.reviewing_officer, started_on=started
        ),
        Allocation(young_person_id=young.id, staff_id=advocate.id, kind=AllocationKind.advocate, started_on=started),
    ]
    assert can_write_family_time(worker, young, allocations, TODAY)
    for reader in (officer, advocate, owner, duty, admin, other_worker):
        assert not can_write_family_time(reader, young, allocations, TODAY)
    for reader in (worker, officer, advocate, owner):
        assert can_see_family_time(reader, young, allocations, TODAY)
    for stranger in (duty, admin, other_worker, User(id=uuid.uuid4(), role=Role.young_person, first_name="Leo")):
        assert not can_see_family_time(stranger, young, allocations, TODAY)
