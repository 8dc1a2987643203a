"""Family time through the Flask test client on a real database: a practitioner writes a plan, the young person
reads it, says how they feel, reports a missed session and asks for a change; the reviewing officer and the
advocate see only what is theirs; plans keep their versions; bad input changes nothing and loses nothing."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyOffer,
    AllocationKind,
    AuditAction,
    AuditEvent,
    EntryKind,
    FamilyTimeEntry,
    FamilyTimePlan,
    FamilyTimePlanVersion,
    FamilyTimeReply,
    OutboxMessage,
)
from app.roles import Role
from app.services import family_time
from app.services.errors import NotFound
from tests import factories
from tests.conftest import post_form

PLAN_URL = re.compile(r"/practitioner/family-time/([0-9a-f-]{36})")
KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')
VERSION = re.compile(r'name="version" type="hidden" value="([^"]*)"')


def _text(response) -> str:
    return response.get_data(as_text=True)


def _day(value: date) -> list[str]:
    return [str(value.day), str(value.month), str(value.year)]


@pytest.fixture
def world(app):
    """Maya (who chose to be told by email), her social worker Priya, reviewing officer Tom and advocate Sam; her
    brother Leo in her people who matter, shared with Priya; a spare practitioner and another council's too."""
    council = factories.CouncilFactory(name="Brightwater Council")
    maya = factories.young_person(council, first_name="Maya")
    factories.told_by_email(maya.user, "maya@example.org")
    staff = {
        Role.practitioner: factories.staff(Role.practitioner, council, first_name="Priya"),
        Role.reviewing_officer: factories.staff(Role.reviewing_officer, council, first_name="Tom"),
        Role.advocate: factories.staff(Role.advocate, council, first_name="Sam"),
    }
    factories.allocate(maya, staff[Role.practitioner], AllocationKind.social_worker)
    factories.allocate(maya, staff[Role.reviewing_officer], AllocationKind.reviewing_officer)
    factories.allocate(maya, staff[Role.advocate], AllocationKind.advocate)
    leo = factories.person_who_matters(maya, name="Leo", kind="brother", audiences=("practitioner",))
    secret = factories.person_who_matters(maya, name="Kez", kind="sister")  # not shared with anyone
    spare = factories.staff(Role.practitioner, council, first_name="Spare")
    other_council = factories.CouncilFactory()
    other = factories.young_person(other_council, first_name="Other")
    stranger = factories.staff(Role.practitioner, other_council, first_name="Stranger")
    factories.allocate(other, stranger, AllocationKind.social_worker)
    db.session.commit()
    return {
        "maya": maya,
        "staff": staff,
        "leo": leo,
        "secret": secret,
        "spare": spare,
        "other": other,
        "stranger": stranger,
    }


def _plan_form(**changes) -> dict:
    data = {
        "sibling": "other",
        "sibling_name": "Jo",
        "how_often": "every_two_weeks",
        "ways": ["in_person", "video"],
        "place": "family_centre",
        "who_else": "family_time_worker",
        "arranged_by": "worker",
        "next_on": _day(clock.today() + timedelta(days=10)),
        "review_on": _day(clock.today() + timedelta(days=90)),
        "live_apart": "yes",
        "why_apart": "When you both came into care there was no home with room for you both together.",
    }
    data.update(changes)
    return data


def _write_plan(client, young_person, **changes):
    url = f"/practitioner/young-people/{young_person.id}/family-time/new"
    key = KEY.search(_text(client.get(url))).group(1)
    return post_form(client, url, {"submission_key": key, **_plan_form(**changes)})


def _plans(young_person) -> list[FamilyTimePlan]:
    db.session.expire_all()
    return list(db.session.scalars(select(FamilyTimePlan).where(FamilyTimePlan.young_person_id == young_person.id)))


def _entries() -> list[FamilyTimeEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(FamilyTimeEntry).order_by(FamilyTimeEntry.created_at)))


def _send(client, plan, path: str, data: dict):
    url = f"/me/family-time/{plan.id}/{path}"
    page = _text(client.get(url))
    fields = {"submission_key": KEY.search(page).group(1), "version": VERSION.search(page).group(1)}
    return post_form(client, url, {**fields, **data})


def _outbox() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage)))


def _told(young_person) -> list[OutboxMessage]:
    """What waits for her: the address is hers alone, read when it is sent, so the row carries none."""
    return [m for m in _outbox() if m.user_id == young_person.user.id and m.to_address is None]


# The journey ------------------------------------------------------------------------------------------------


def test_a_plan_is_written_read_felt_about_reported_and_seen_by_the_review(world, signed_in) -> None:
    maya, priya, tom, sam = (
        world["maya"],
        world["staff"][Role.practitioner],
        world["staff"][Role.reviewing_officer],
        world["staff"][Role.advocate],
    )
    worker = signed_in(priya)

    # Priya links the plan to Leo, whom Maya shared with her; Kez (not shared) is never offered.
    form = _text(worker.get(f"/practitioner/young-people/{maya.id}/family-time/new"))
    assert "Leo" in form and "Kez" not in form
    written = _write_plan(worker, maya, sibling=str(world["leo"].id), sibling_name="")
    assert written.status_code == 303
    [plan] = _plans(maya)
    assert (plan.person_id, plan.sibling_name, plan.version) == (world["leo"].id, "Leo", 1)
    assert db.session.scalar(select(func.count()).select_from(FamilyTimePlanVersion)) == 1
    told = _told(maya)
    assert [(m.subject, m.body) for m in told] == [
        ("You have something new in Orbit", "You have something new in Orbit. Sign in to see it.")
    ]

    # Maya reads it as a card in plain words.
    young = signed_in(maya.user)
    assert "Family time" in _text(young.get("/me/"))
    card = _text(young.get("/me/family-time"))
    assert "Family time with Leo" in card
    assert "Every two weeks" in card and "Seeing each other, Video calls" in card
    assert "At a family centre" in card and "A family time worker" in card
    assert "there was no home with room for you both together" in card
    assert clock.today().year.__str__() in card

    # How she feels, sent to her review and not to her advocate.
    felt = _send(young, plan, "feelings", {"feeling": "more", "words": "I miss him", "share": ["review"]})
    assert felt.status_code == 303
    assert "Sent" in _text(young.get(felt.headers["Location"]))

    # This didn't happen: her worker and the reviewing officer are told at once, without her words or name.
    before = len(_outbox())
    missed_on = clock.today() - timedelta(days=1)
    reported = _send(
        young, plan, "did-not-happen", {"kind": "didnt_happen", "on_date": _day(missed_on), "words": "Nobody came"}
    )
    assert reported.status_code == 303
    new = _outbox()[before:]
    assert {m.to_address for m in new} == {priya.email, tom.email}
    assert all("Nobody came" not in m.body and "Maya" not in m.body and "Leo" not in m.body for m in new)

    # Her worker sees both and can reply; the reviewing officer sees both; her advocate sees neither.
    seen = _text(worker.get(f"/practitioner/young-people/{maya.id}/family-time"))
    assert "I miss him" in seen and "Nobody came" in seen and "2 waiting for a reply" in seen
    review = _text(signed_in(tom).get(f"/reviewing-officer/young-people/{maya.id}/family-time"))
    assert "I miss him" in review and "Nobody came" in review and "With Leo" in review
    advocate = _text(signed_in(sam).get(f"/advocate/young-people/{maya.id}/family-time"))
    assert "I miss him" not in advocate and "Nobody came" not in advocate and "Every two weeks" not in advocate

    # Every look by staff is in her log.
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == tom.id)))
    assert AuditAction.family_time_viewed in actions
    assert "looked at your family time" in _text(young.get("/me/my-things"))


def test_the_practitioner_replies_and_the_young_person_reads_it(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    plan = factories.family_time_plan(maya, priya)
    asked = factories.family_time_entry(plan, kind="change_request", feeling=None, words="Can we meet at the park?")
    db.session.commit()
    worker = signed_in(priya)

    assert "Can we meet at the park?" in _text(worker.get(f"/practitioner/family-time/entries/{asked.id}/reply"))
    empty = post_form(worker, f"/practitioner/family-time/entries/{asked.id}/reply", {"words": "  "})
    assert "Write a reply the young person can read" in _text(empty)
    sent = post_form(
        worker, f"/practitioner/family-time/entries/{asked.id}/reply", {"words": "Yes, I will ask the centre."}
    )
    assert sent.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(FamilyTimeReply)) == 1

    page = _text(signed_in(maya.user).get(f"/me/family-time/{plan.id}"))
    assert "Yes, I will ask the centre." in page
    assert "Priya replied on" in page
    assert _told(maya)


def test_each_reader_gets_the_plan_in_their_own_language(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    factories.family_time_plan(maya, priya)
    db.session.commit()
    worker = signed_in(priya)
    staff_page = f"/practitioner/young-people/{maya.id}/family-time"

    assert "Next date" in _text(worker.get(staff_page))
    priya.locale = "cy"
    db.session.commit()
    welsh = _text(worker.get(staff_page))
    assert "Dyddiad nesaf" in welsh and "Math o le" in welsh and "Next date" not in welsh
    assert "Pwy arall sydd yno" in _text(signed_in(maya.user).get("/me/family-time", headers={"Accept-Language": "cy"}))


def test_a_change_keeps_versions_tells_the_young_person_and_offers_an_advocate(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    plan = factories.family_time_plan(maya, priya, how_often="weekly")
    db.session.commit()
    worker = signed_in(priya)
    url = f"/practitioner/family-time/{plan.id}/change"
    assert "Jo" in _text(worker.get(url))

    changed = post_form(worker, url, {**_plan_form(how_often="monthly", place="out_somewhere"), "version": "1"})
    assert changed.status_code == 303
    db.session.expire_all()
    plan = db.session.get(FamilyTimePlan, plan.id)
    assert plan.version == 2
    versions = db.session.scalars(
        select(FamilyTimePlanVersion).where(FamilyTimePlanVersion.plan_id == plan.id).order_by("version")
    ).all()
    assert [v.how_often.value for v in versions] == ["weekly", "monthly"]
    assert "how_often" in versions[1].changed_fields and "place" in versions[1].changed_fields
    assert db.session.scalar(select(func.count()).select_from(AdvocacyOffer)) == 1
    events = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == plan.id)))
    assert AuditAction.family_time_plan_changed in events
    assert [m.body for m in _told(maya)] == ["You have something new in Orbit. Sign in to see it."]

    card = _text(signed_in(maya.user).get("/me/family-time"))
    assert "What changed on" in card
    assert "Every week" in card and "Every month" in card  # it was every week, now every month
    staff_page = _text(worker.get(f"/practitioner/family-time/{plan.id}"))
    assert "Version 2" in staff_page and "Version 1" in staff_page


def test_moving_only_the_next_date_is_routine(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    plan = factories.family_time_plan(maya, priya, how_often="every_two_weeks", place="family_centre")
    db.session.commit()
    worker = signed_in(priya)
    same = _plan_form(why_apart=plan.why_apart, ways=["in_person"], sibling_name="Jo")
    same["review_on"] = _day(plan.review_on)

    unchanged = post_form(
        worker, f"/practitioner/family-time/{plan.id}/change", {**same, "next_on": _day(plan.next_on), "version": "1"}
    )
    assert unchanged.headers["Location"].endswith("done=unchanged")
    moved = post_form(
        worker,
        f"/practitioner/family-time/{plan.id}/change",
        {**same, "next_on": _day(plan.next_on + timedelta(days=14)), "version": "1"},
    )
    assert moved.headers["Location"].endswith("done=changed")
    assert db.session.scalar(select(func.count()).select_from(AdvocacyOffer)) == 0
    events = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == plan.id)))
    assert AuditAction.family_time_date_changed in events
    assert AuditAction.family_time_plan_changed not in events


# Privacy ----------------------------------------------------------------------------------------------------


def test_two_siblings_who_both_use_orbit_have_their_own_plans_and_never_see_each_others_words(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    leo = factories.young_person(maya.council, first_name="Leo")
    factories.allocate(leo, priya, AllocationKind.social_worker)
    mayas = factories.family_time_plan(maya, priya, name="Leo")
    leos = factories.family_time_plan(leo, priya, name="Maya")
    factories.family_time_entry(mayas, words="Mayas private words", to_review=True)
    factories.family_time_entry(leos, words="Leos private words", to_review=True)
    db.session.commit()

    as_maya, as_leo = signed_in(maya.user), signed_in(leo.user)
    assert "Mayas private words" in _text(as_maya.get(f"/me/family-time/{mayas.id}"))
    assert "Leos private words" not in _text(as_maya.get("/me/family-time"))
    assert "Leos private words" not in _text(as_maya.get("/me/my-things/copy"))
    assert as_maya.get(f"/me/family-time/{leos.id}").status_code == 404
    assert as_leo.get(f"/me/family-time/{mayas.id}/feelings").status_code == 404
    assert _send(as_leo, leos, "feelings", {"feeling": "good"}).status_code == 303
    refused = post_form(
        as_leo, f"/me/family-time/{mayas.id}/feelings", {"feeling": "good", "version": "1", "submission_key": ""}
    )
    assert refused.status_code == 404
    assert sum(1 for e in _entries() if e.plan_id == mayas.id) == 1


def test_a_plan_shows_nothing_about_the_other_child_beyond_their_first_name(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    world["leo"].relationship_words = "my big brother who lives in Leeds"
    plan = factories.family_time_plan(maya, priya, person=world["leo"])
    factories.family_time_entry(plan, to_review=True)
    db.session.commit()
    tom = signed_in(world["staff"][Role.reviewing_officer])
    page = _text(tom.get(f"/reviewing-officer/young-people/{maya.id}/family-time"))
    assert "With Leo" in page
    assert "Leeds" not in page and "big brother" not in page


def test_the_advocate_sees_only_what_was_shared_with_my_advocate(world, signed_in) -> None:
    maya, priya, sam = world["maya"], world["staff"][Role.practitioner], world["staff"][Role.advocate]
    private_plan = factories.family_time_plan(maya, priya, name="Kez", how_often="weekly")
    shared_plan = factories.family_time_plan(maya, priya, name="Jo", how_often="monthly")
    factories.family_time_entry(private_plan, words="only for my worker", to_review=True)
    factories.family_time_entry(shared_plan, words="for Sam too", to_advocate=True)
    factories.family_time_entry(shared_plan, kind="didnt_happen", feeling=None, words="not for Sam")
    db.session.commit()

    page = _text(signed_in(sam).get(f"/advocate/young-people/{maya.id}/family-time"))
    assert "for Sam too" in page and "With Jo" in page
    words = re.sub(r"<[^>]*>", " ", page)  # what is read, not the markup: a random nonce could hold "Kez"
    assert "only for my worker" not in words and "not for Sam" not in words and "Kez" not in words
    # An advocacy manager and the duty team have no family time page at all.
    manager = factories.staff(Role.advocacy_manager, maya.council)
    db.session.commit()
    assert signed_in(manager).get(f"/advocate/young-people/{maya.id}/family-time").status_code == 403


def test_who_can_see_my_things_lists_what_i_said_and_who_sees_it(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    plan = factories.family_time_plan(maya, priya, name="Jo")
    factories.family_time_entry(plan, to_review=True, words="my feeling")
    factories.family_time_entry(plan, kind="cut_short", feeling=None, to_advocate=True)
    db.session.commit()
    young = signed_in(maya.user)
    page = _text(young.get("/me/my-things"))
    assert "How you feel about family time with Jo" in page
    assert "Family time with Jo that was cut short" in page
    assert "Priya, your social worker" in page and "Sam, your advocate" in page
    copy = young.get("/me/my-things/copy.json").get_json()
    [saved] = copy["family_time"]
    assert saved["with"] == "Jo"
    assert {said["your_words"] for said in saved["what_you_said"]} >= {"my feeling"}


# What the review pack reads -----------------------------------------------------------------------------------


def test_family_time_for_review_gives_plans_feelings_sent_to_review_and_missed_sessions_since(world, app) -> None:
    maya, priya, tom = world["maya"], world["staff"][Role.practitioner], world["staff"][Role.reviewing_officer]
    plan = factories.family_time_plan(maya, priya, name="Jo")
    factories.family_time_entry(plan, words="kept private", to_review=False)
    old = factories.family_time_entry(plan, words="said long ago", to_review=True)
    old.created_at = clock.now() - timedelta(days=200)
    factories.family_time_entry(plan, words="said lately", to_review=True)
    factories.family_time_entry(plan, kind="didnt_happen", feeling=None, on_days_ago=3)
    factories.family_time_entry(plan, kind="change_request", feeling=None, words="a change")
    db.session.commit()

    with app.test_request_context():
        everything = family_time.family_time_for_review(tom, maya.id)
        since = family_time.family_time_for_review(tom, maya.id, since=clock.today() - timedelta(days=30))
        [row] = everything.plans
        assert row.name == "Jo"
        assert {e.words for e in everything.feelings} == {"said long ago", "said lately"}
        assert {e.words for e in since.feelings} == {"said lately"}
        assert [e.kind for e in since.missed] == [EntryKind.didnt_happen]
        with pytest.raises(NotFound):
            family_time.family_time_for_review(world["spare"], maya.id)
        with pytest.raises(NotFound):
            family_time.family_time_for_review(world["staff"][Role.advocate], maya.id)


# Bad input --------------------------------------------------------------------------------------------------


def test_a_plan_for_someone_elses_young_person_is_refused_and_nothing_is_saved(world, signed_in) -> None:
    maya, other = world["maya"], world["other"]
    for stranger in (world["spare"], world["stranger"]):
        client = signed_in(stranger)
        assert client.get(f"/practitioner/young-people/{maya.id}/family-time/new").status_code == 404
        data = {"submission_key": "", **_plan_form()}
        assert post_form(client, f"/practitioner/young-people/{maya.id}/family-time/new", data).status_code == 404
    mine = signed_in(world["staff"][Role.practitioner])
    assert mine.get(f"/practitioner/young-people/{other.id}/family-time").status_code == 404
    assert _plans(maya) == [] and _plans(other) == []
    # Reviewing officers and advocates read, never write.
    tom = signed_in(world["staff"][Role.reviewing_officer])
    assert tom.get(f"/practitioner/young-people/{maya.id}/family-time/new").status_code == 403


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"why_apart": "Jo lives at 12 Acacia Avenue, LS1 4AB"}, "looks like an address"),
        ({"why_apart": ""}, "Say why they do not live together"),
        ({"why_apart": "x" * 1001}, "1000 characters or fewer"),
        ({"next_on": -3}, "next date cannot be in the past"),
        ({"review_on": -1}, "cannot be before today"),
        ({"review_on": ["31", "2", "2030"]}, "Enter a real date"),
        ({"review_on": "not a date"}, "Enter a real date"),
        ({"sibling_name": "", "sibling": "other"}, "Write their first name"),
        ({"sibling": "00000000-0000-0000-0000-000000000000"}, "Choose who the plan is with"),
        ({"ways": []}, "Choose at least one way"),
        ({"sibling_name": "J" * 81}, "80 characters or fewer"),
    ],
)
def test_bad_plans_are_refused_with_a_clear_message_and_nothing_is_lost(world, signed_in, changes, message) -> None:
    worker = signed_in(world["staff"][Role.practitioner])
    # A whole number is days from the suite's today, which is only known once its clock is set.
    changes = {k: _day(clock.today() + timedelta(days=v)) if isinstance(v, int) else v for k, v in changes.items()}
    response = _write_plan(worker, world["maya"], **changes)
    page = _text(response)
    assert response.status_code == 200
    assert message in page
    assert "There is a problem" in page
    if changes.get("why_apart"):
        assert changes["why_apart"][:40].replace("'", "&#39;") in page  # what was typed is still there
    assert _plans(world["maya"]) == []


def test_script_tags_are_shown_as_text_never_run(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    worker = signed_in(priya)
    attack = "<script>alert(1)</script>"
    assert _write_plan(worker, maya, sibling_name="Jo", why_apart=f"Because {attack}").status_code == 303
    [plan] = _plans(maya)
    young = signed_in(maya.user)
    assert _send(young, plan, "feelings", {"feeling": "good", "words": attack}).status_code == 303
    for page in (
        _text(young.get("/me/family-time")),
        _text(young.get(f"/me/family-time/{plan.id}")),
        _text(worker.get(f"/practitioner/young-people/{maya.id}/family-time")),
    ):
        assert attack not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_over_long_words_from_the_young_person_are_refused_and_kept(world, signed_in) -> None:
    maya = world["maya"]
    plan = factories.family_time_plan(maya, world["staff"][Role.practitioner])
    db.session.commit()
    young = signed_in(maya.user)
    long = "a" * 1001
    response = _send(young, plan, "ask", {"words": long})
    assert response.status_code == 200
    assert "Write 1000 letters or fewer" in _text(response)
    assert long in _text(response)
    assert _send(young, plan, "ask", {"words": "   "}).status_code == 200
    assert _entries() == []


def test_a_missed_date_in_the_future_or_no_choice_is_refused(world, signed_in) -> None:
    maya = world["maya"]
    plan = factories.family_time_plan(maya, world["staff"][Role.practitioner])
    db.session.commit()
    young = signed_in(maya.user)
    soon = _day(clock.today() + timedelta(days=5))
    future = _send(young, plan, "did-not-happen", {"kind": "didnt_happen", "on_date": soon})
    assert "cannot be in the future" in _text(future)
    nothing = _send(young, plan, "did-not-happen", {"on_date": _day(clock.today())})
    assert "Choose what happened" in _text(nothing)
    made_up = _send(young, plan, "feelings", {"feeling": "furious"})
    assert "Choose how you feel" in _text(made_up)
    assert _entries() == []


def test_sending_the_same_form_twice_saves_it_once(world, signed_in) -> None:
    maya = world["maya"]
    plan = factories.family_time_plan(maya, world["staff"][Role.practitioner])
    db.session.commit()
    young = signed_in(maya.user)
    page = _text(young.get(f"/me/family-time/{plan.id}/feelings"))
    data = {"submission_key": KEY.search(page).group(1), "version": "1", "feeling": "good"}
    first = post_form(young, f"/me/family-time/{plan.id}/feelings", data)
    again = post_form(young, f"/me/family-time/{plan.id}/feelings", data)
    assert first.status_code == again.status_code == 303
    assert len(_entries()) == 1


def test_a_young_persons_form_from_before_the_plan_changed_is_held_and_kept(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    plan = factories.family_time_plan(maya, priya, how_often="weekly")
    db.session.commit()
    young = signed_in(maya.user)
    page = _text(young.get(f"/me/family-time/{plan.id}/feelings"))
    key = KEY.search(page).group(1)

    # Meanwhile Priya changes the plan.
    post_form(signed_in(priya), f"/practitioner/family-time/{plan.id}/change", {**_plan_form(), "version": "1"})

    data = {"submission_key": key, "version": "1", "feeling": "more", "words": "I want more"}
    held = post_form(young, f"/me/family-time/{plan.id}/feelings", data)
    text = _text(held)
    assert held.status_code == 200
    assert "The plan changed after you opened this page" in text
    assert "I want more" in text and "What changed on" in text
    assert _entries() == []
    sent = post_form(young, f"/me/family-time/{plan.id}/feelings", {**data, "version": VERSION.search(text).group(1)})
    assert sent.status_code == 303
    assert len(_entries()) == 1


def test_an_expired_form_keeps_what_the_young_person_typed(world, signed_in) -> None:
    maya = world["maya"]
    plan = factories.family_time_plan(maya, world["staff"][Role.practitioner])
    db.session.commit()
    young = signed_in(maya.user)
    response = young.post(
        f"/me/family-time/{plan.id}/ask", data={"csrf_token": "stale", "version": "1", "words": "Please, more"}
    )
    assert response.status_code == 200
    assert "This page was open too long" in _text(response)
    assert "Please, more" in _text(response)
    assert _entries() == []


def test_two_practitioners_changing_one_plan_at_once_the_second_is_told_and_nothing_is_overwritten(
    world, signed_in
) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    colleague = factories.staff(Role.practitioner, maya.council, first_name="Kofi")
    factories.allocate(maya, colleague, AllocationKind.social_worker)
    plan = factories.family_time_plan(maya, priya, how_often="weekly")
    db.session.commit()
    first, second = signed_in(priya), signed_in(colleague)
    url = f"/practitioner/family-time/{plan.id}/change"
    first.get(url), second.get(url)

    assert post_form(first, url, {**_plan_form(how_often="monthly"), "version": "1"}).status_code == 303
    late = post_form(second, url, {**_plan_form(how_often="few_times_a_year"), "version": "1"})
    text = _text(late)
    assert late.status_code == 200
    assert "Someone else changed this plan after you opened it" in text
    assert 'value="few_times_a_year" checked' in text  # what they chose is still there
    db.session.expire_all()
    assert db.session.get(FamilyTimePlan, plan.id).how_often.value == "monthly"
    # Saving again, now against version 2, works and keeps every version.
    again = post_form(second, url, {**_plan_form(how_often="few_times_a_year"), "version": "2"})
    assert again.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(FamilyTimePlanVersion)) == 3


def test_strangers_cannot_reply_or_change(world, signed_in) -> None:
    maya, priya = world["maya"], world["staff"][Role.practitioner]
    plan = factories.family_time_plan(maya, priya)
    entry = factories.family_time_entry(plan)
    db.session.commit()
    for stranger in (world["spare"], world["stranger"]):
        client = signed_in(stranger)
        replied = post_form(client, f"/practitioner/family-time/entries/{entry.id}/reply", {"words": "hi"})
        changed = post_form(client, f"/practitioner/family-time/{plan.id}/change", {**_plan_form(), "version": "1"})
        assert replied.status_code == changed.status_code == 404
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(FamilyTimeReply)) == 0
    assert db.session.get(FamilyTimePlan, plan.id).version == 1
