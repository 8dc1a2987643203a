"""People who matter through the Flask test client on a real database: the young person's pages, bad input,
sharing with staff, reconnect requests, the council count, and the query budget."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from app.extensions import db
from app.models import (
    AllocationKind,
    AuditAction,
    AuditEvent,
    ChangeKind,
    Circle,
    OutboxMessage,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    ReconnectStatus,
)
from app.roles import Role
from tests import factories
from tests.conftest import post_form

NEW_PERSON = {"name": "Nan", "relationship_kind": "grandparent", "circle": "closest"}
LOCATION_ID = re.compile(r"/me/people/([0-9a-f-]{36})")


@pytest.fixture
def world(app):
    """Maya, with her social worker Priya, reviewing officer Tom and advocate Sam; a stranger council too."""
    council = factories.CouncilFactory(reviewing_officer_title="Independent Reviewing Officer")
    maya = factories.young_person(council, first_name="Maya")
    staff = {
        Role.practitioner: factories.staff(Role.practitioner, council, first_name="Priya"),
        Role.reviewing_officer: factories.staff(Role.reviewing_officer, council, first_name="Tom"),
        Role.advocate: factories.staff(Role.advocate, council, first_name="Sam"),
    }
    factories.allocate(maya, staff[Role.practitioner], AllocationKind.social_worker)
    factories.allocate(maya, staff[Role.reviewing_officer], AllocationKind.reviewing_officer)
    factories.allocate(maya, staff[Role.advocate], AllocationKind.advocate)
    other = factories.young_person(factories.CouncilFactory(), first_name="Other")
    spare = factories.staff(Role.practitioner, council, first_name="Spare")
    db.session.commit()
    return {"maya": maya, "staff": staff, "other": other, "spare": spare, "council": council}


@pytest.fixture
def maya(world, signed_in):
    return signed_in(world["maya"].user)


def _text(response) -> str:
    return response.get_data(as_text=True)


def _people(young_person) -> list[PersonWhoMatters]:
    db.session.expire_all()
    return list(db.session.scalars(select(PersonWhoMatters).where(PersonWhoMatters.young_person_id == young_person.id)))


def _form(person: PersonWhoMatters, **changes) -> dict:
    data = {
        "name": person.name,
        "relationship_kind": person.relationship_kind.value,
        "circle": person.circle.value,
        "version": str(person.version),
    }
    data.update(changes)
    return data


@contextmanager
def count_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


# The young person's pages -------------------------------------------------------------------------------


def test_home_links_to_people_who_matter(world, maya) -> None:
    page = _text(maya.get("/me/"))
    assert 'href="/me/people"' in page


def test_an_empty_list_invites_adding_someone_and_shows_the_prompt(world, maya) -> None:
    page = _text(maya.get("/me/people"))
    assert "You have not added anyone yet." in page
    assert "Add a person" in page
    assert "Who will be there for you when you're 25?" in page
    assert "<svg" not in page


def test_adding_a_person_keeps_it_private_and_starts_its_history(world, maya) -> None:
    response = post_form(maya, "/me/people/add", {**NEW_PERSON, "wish": "more", "ways": ["visits", "calls"]})
    assert response.status_code == 303
    [person] = _people(world["maya"])
    assert person.audiences == frozenset()
    assert person.circle is Circle.closest
    assert LOCATION_ID.search(response.headers["Location"]).group(1) == str(person.id)
    page = _text(maya.get(response.headers["Location"]))
    assert "Only you." in page
    assert "Added to the closest circle" in page
    assert "Seeing them, Phone calls" in page


def test_the_list_shows_the_picture_with_the_list_as_its_text_alternative(world, maya) -> None:
    factories.person_who_matters(world["maya"], name="Nan", circle="closest", colour="blue")
    factories.person_who_matters(world["maya"], name="Leo", kind="brother", circle="close", emoji="football")
    factories.person_who_matters(world["maya"], name="Dad", kind="dad", circle="further")
    db.session.commit()
    page = _text(maya.get("/me/people"))
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="circles-title"' in svg
    assert '<title id="circles-title">' in svg
    assert "Closest: 1. Close: 1. A bit further out: 1." in svg
    assert svg.count("<circle") == 3 + 1 + 3  # rings, you, three people
    assert ">Nan</text>" in svg and ">Leo</text>" in svg and "\u26bd" in svg and 'fill="#1d70b8"' in svg
    after = page[page.index("</svg>") :]
    assert after.index("Who is in each circle") < after.index("Nan")
    assert 'class="govuk-tag govuk-tag--grey">Only you' in after


def test_an_empty_name_is_refused_with_a_message_and_nothing_typed_is_lost(world, maya) -> None:
    response = post_form(maya, "/me/people/add", {**NEW_PERSON, "name": "", "relationship_words": "my nanna"})
    page = _text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "Write the name you call them" in page
    assert 'value="my nanna"' in page
    assert "<title>Error: " in page
    assert _people(world["maya"]) == []


def test_a_500_character_name_is_refused_and_kept_in_the_box(world, maya) -> None:
    long_name = "Anastasia" * 55 + "Nan!!"
    response = post_form(maya, "/me/people/add", {**NEW_PERSON, "name": long_name})
    page = _text(response)
    assert response.status_code == 200
    assert "The name must be 80 letters or fewer" in page
    assert long_name in page
    assert _people(world["maya"]) == []


def test_script_tags_are_kept_as_words_and_never_run(world, maya) -> None:
    name = '<script>alert("x")</script>'
    response = post_form(maya, "/me/people/add", {**NEW_PERSON, "name": name})
    assert response.status_code == 303
    [person] = _people(world["maya"])
    assert person.name == name
    for path in ("/me/people", f"/me/people/{person.id}", f"/me/people/{person.id}/change"):
        page = _text(maya.get(path))
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(" in page


def test_emoji_and_right_to_left_names_are_kept_whole(world, maya) -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    for name in (f"{family} Mum", "جدّتي سلمى"):
        assert post_form(maya, "/me/people/add", {**NEW_PERSON, "name": name}).status_code == 303
    assert sorted(p.name for p in _people(world["maya"])) == sorted([f"{family} Mum", "جدّتي سلمى"])
    page = _text(maya.get("/me/people"))
    assert "<bdi>جدّتي سلمى</bdi>" in page
    assert 'direction="rtl"' in page  # the name under its dot in the picture
    assert f">{family}</span>" in page  # the whole emoji as the dot, never half of it


def test_bad_codes_from_a_tampered_form_are_refused(world, maya) -> None:
    response = post_form(maya, "/me/people/add", {**NEW_PERSON, "circle": "moon", "emoji": "skull"})
    assert response.status_code == 200
    assert _people(world["maya"]) == []


def test_changing_moves_circles_and_records_it(world, maya) -> None:
    person = factories.person_who_matters(world["maya"], circle="further")
    db.session.commit()
    page = _text(maya.get(f"/me/people/{person.id}/change"))
    assert 'value="Nan"' in page
    response = post_form(maya, f"/me/people/{person.id}/change", _form(person, circle="closest", trust="yes"))
    assert response.status_code == 303
    assert "done=changed" in response.headers["Location"]
    db.session.expire_all()
    assert person.circle is Circle.closest and person.version == 2
    page = _text(maya.get(f"/me/people/{person.id}"))
    assert "Moved to the closest circle" in page
    assert "Can you trust them? Yes" in page


def test_saving_with_nothing_different_changes_nothing(world, maya) -> None:
    person = factories.person_who_matters(world["maya"])
    db.session.commit()
    response = post_form(maya, f"/me/people/{person.id}/change", _form(person))
    assert "done=unchanged" in response.headers["Location"]
    db.session.expire_all()
    assert person.version == 1


def test_a_stale_form_is_not_saved_shows_what_is_saved_now_and_keeps_what_was_typed(world, maya) -> None:
    person = factories.person_who_matters(world["maya"], circle="close")
    db.session.commit()
    old = _form(person)
    # Changed on another phone first.
    assert post_form(maya, f"/me/people/{person.id}/change", {**old, "circle": "further"}).status_code == 303
    response = post_form(maya, f"/me/people/{person.id}/change", {**old, "name": "Nanna", "circle": "closest"})
    page = _text(response)
    assert response.status_code == 200
    assert "This was changed somewhere else after you opened it" in page
    assert "A bit further out" in page  # what is saved now
    assert 'value="Nanna"' in page  # what they typed
    assert 'name="version" type="hidden" value="2"' in page
    db.session.expire_all()
    assert (person.name, person.circle) == ("Nan", Circle.further)
    # Sent again from that page, it saves.
    again = post_form(maya, f"/me/people/{person.id}/change", {**old, "name": "Nanna", "version": "2"})
    assert again.status_code == 303
    db.session.expire_all()
    assert person.name == "Nanna"


def test_a_missing_or_broken_version_counts_as_stale(world, maya) -> None:
    person = factories.person_who_matters(world["maya"])
    db.session.commit()
    for version in ("", "abc", "99"):
        response = post_form(maya, f"/me/people/{person.id}/change", _form(person, name="X", version=version))
        assert response.status_code == 200
        assert "changed somewhere else" in _text(response)


def test_ending_keeps_the_person_and_their_reason_in_the_history(world, maya) -> None:
    person = factories.person_who_matters(world["maya"], name="Jade", kind="friend")
    db.session.commit()
    assert maya.get(f"/me/people/{person.id}/end").status_code == 200
    response = post_form(maya, f"/me/people/{person.id}/end", {"reason": "we fell out", "version": "1"})
    assert response.status_code == 303
    db.session.expire_all()
    assert person.ended_at is not None and person.end_reason == "we fell out"
    listing = _text(maya.get("/me/people"))
    assert "People from before" in listing
    assert "<svg" not in listing  # no one current, so no picture
    assert "Ended: we fell out" in _text(maya.get(f"/me/people/{person.id}"))
    # And back again.
    response = post_form(maya, f"/me/people/{person.id}/restart", {"version": "2"})
    assert "done=restarted" in response.headers["Location"]
    db.session.expire_all()
    assert person.ended_at is None
    assert "Brought back into your circles" in _text(maya.get(f"/me/people/{person.id}"))


def test_an_end_reason_that_is_too_long_is_refused_and_kept(world, maya) -> None:
    person = factories.person_who_matters(world["maya"])
    db.session.commit()
    reason = "because " * 40
    response = post_form(maya, f"/me/people/{person.id}/end", {"reason": reason, "version": "1"})
    assert response.status_code == 200
    assert "Write 200 letters or fewer" in _text(response)
    db.session.expire_all()
    assert person.ended_at is None


def test_deleting_asks_once_then_removes_everything_about_them(world, maya) -> None:
    person = factories.person_who_matters(world["maya"], wish="lost_touch")
    factories.reconnect_request(person)
    db.session.commit()
    person_id = person.id
    page = _text(maya.get(f"/me/people/{person_id}/delete"))
    assert "Only do this if you added them by mistake" in page
    assert "Yes, delete" in page and "No, keep them" in page
    response = post_form(maya, f"/me/people/{person_id}/delete")
    assert response.status_code == 303
    assert _people(world["maya"]) == []
    assert db.session.scalar(select(func.count()).select_from(PersonChange)) == 0
    assert db.session.scalar(select(func.count()).select_from(ReconnectRequest)) == 0
    assert "Deleted." in _text(maya.get(response.headers["Location"]))
    assert maya.get(f"/me/people/{person_id}").status_code == 404


def test_someone_elses_person_is_not_found_and_never_changed(world, maya) -> None:
    theirs = factories.person_who_matters(world["other"], name="Secret")
    db.session.commit()
    for path in ("", "/change", "/sharing", "/end", "/delete", "/find"):
        response = maya.get(f"/me/people/{theirs.id}{path}")
        assert response.status_code == 404, path
        assert "Secret" not in _text(response)
    for path, data in (
        ("/change", _form(theirs, name="Mine")),
        ("/sharing", {"audiences": ["practitioner"], "version": "1"}),
        ("/end", {"version": "1"}),
        ("/restart", {"version": "1"}),
        ("/delete", {}),
        ("/find", {"remembered": "x"}),
    ):
        assert post_form(maya, f"/me/people/{theirs.id}{path}", data).status_code == 404, path
    db.session.expire_all()
    assert theirs.name == "Secret" and theirs.ended_at is None and theirs.audiences == frozenset()
    assert maya.get("/me/people/not-a-uuid").status_code == 404


def test_the_prompt_goes_once_two_people_have_yes_to_trust_and_lasting(world, maya) -> None:
    factories.person_who_matters(world["maya"], name="Nan", trust="yes", lasting="yes")
    factories.person_who_matters(world["maya"], name="Leo", trust="yes", lasting="sometimes")
    db.session.commit()
    assert "when you're 25" in _text(maya.get("/me/people"))
    factories.person_who_matters(world["maya"], name="Jess", trust="yes", lasting="yes")
    db.session.commit()
    assert "when you're 25" not in _text(maya.get("/me/people"))


def test_sixty_people_work_within_the_query_budget(world, maya) -> None:
    factories.person_who_matters(world["maya"], name="First")
    db.session.commit()
    with count_queries() as one:
        assert maya.get("/me/people").status_code == 200
    circles_ = ["closest", "close", "further"]
    for n in range(59):
        factories.person_who_matters(world["maya"], name=f"Person {n}", circle=circles_[n % 3])
    db.session.commit()
    with count_queries() as sixty:
        response = maya.get("/me/people")
    page = _text(response)
    assert response.status_code == 200
    assert page.count('class="orbit-person"') == 60
    assert "+" in page[page.index("<svg") : page.index("</svg>")]  # a count for people the picture has no room for
    assert len(sixty) <= 10
    assert len(sixty) == len(one)
    person = _people(world["maya"])[0]
    for path in (f"/me/people/{person.id}", f"/me/people/{person.id}/change", f"/me/people/{person.id}/sharing"):
        with count_queries() as queries:
            assert maya.get(path).status_code == 200
        assert len(queries) <= 10, path


# Sharing ------------------------------------------------------------------------------------------------


def test_the_sharing_page_says_who_each_choice_is_by_name(world, maya) -> None:
    person = factories.person_who_matters(world["maya"])
    db.session.commit()
    page = _text(maya.get(f"/me/people/{person.id}/sharing"))
    assert "Priya, your social worker" in page
    assert "Sam, your advocate" in page
    assert "Tom, who runs your reviews (their job is called: Independent Reviewing Officer)" in page
    assert "Only me" in page and "Right now:" in page and "only you." in page


def test_sharing_without_a_worker_says_so(app, signed_in) -> None:
    lonely = factories.young_person(factories.CouncilFactory())
    person = factories.person_who_matters(lonely)
    db.session.commit()
    page = _text(signed_in(lonely.user).get(f"/me/people/{person.id}/sharing"))
    assert "You do not have an advocate right now" in page
    assert "No one has this job for you right now" in page


def test_staff_see_only_what_was_shared_with_their_role_and_every_look_is_audited(world, maya, signed_in) -> None:
    private = factories.person_who_matters(world["maya"], name="Private Pat")
    shared = factories.person_who_matters(world["maya"], name="Nan", trust="yes", lasting="yes")
    db.session.commit()
    response = post_form(maya, f"/me/people/{shared.id}/sharing", {"audiences": ["practitioner"], "version": "1"})
    assert "done=sharing" in response.headers["Location"]
    assert "Priya, your social worker" in _text(maya.get(f"/me/people/{shared.id}"))

    yp_id = world["maya"].id
    priya = signed_in(world["staff"][Role.practitioner])
    staff_page = _text(priya.get(f"/practitioner/young-people/{yp_id}"))
    assert f'href="/practitioner/young-people/{yp_id}/people"' in staff_page
    page = _text(priya.get(f"/practitioner/young-people/{yp_id}/people"))
    assert "Nan" in page and "Private Pat" not in page
    assert "<svg" in page and "Closest: 1." in page
    assert "1 person has “yes” to both" in page  # one person with yes to both questions
    tom = _text(
        signed_in(world["staff"][Role.reviewing_officer]).get(f"/reviewing-officer/young-people/{yp_id}/people")
    )
    assert "Nan" not in tom and "Private Pat" not in tom and "has not shared anyone with you" in tom
    sam = _text(signed_in(world["staff"][Role.advocate]).get(f"/advocate/young-people/{yp_id}/people"))
    assert "Nan" not in sam
    views = db.session.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.people_viewed)).all()
    assert {v.actor_id for v in views} == {world["staff"][r].id for r in world["staff"]}
    assert all(v.subject_young_person_id == yp_id for v in views)
    assert private.audiences == frozenset()


def test_only_me_takes_sharing_away_again(world, maya, signed_in) -> None:
    person = factories.person_who_matters(world["maya"], name="Nan", audiences=("practitioner", "review"))
    db.session.commit()
    response = post_form(
        maya, f"/me/people/{person.id}/sharing", {"audiences": ["review"], "only_me": "Only me", "version": "1"}
    )
    assert "done=sharing" in response.headers["Location"]
    db.session.expire_all()
    assert person.audiences == frozenset()
    last = db.session.scalars(select(PersonChange).where(PersonChange.kind == ChangeKind.sharing_changed)).one()
    assert last.value == "only_me"
    priya = signed_in(world["staff"][Role.practitioner])
    assert "Nan" not in _text(priya.get(f"/practitioner/young-people/{world['maya'].id}/people"))


def test_a_stale_sharing_form_is_not_saved(world, maya) -> None:
    person = factories.person_who_matters(world["maya"])
    db.session.commit()
    assert (
        post_form(maya, f"/me/people/{person.id}/sharing", {"audiences": ["review"], "version": "1"}).status_code == 303
    )
    response = post_form(maya, f"/me/people/{person.id}/sharing", {"audiences": ["advocate"], "version": "1"})
    assert response.status_code == 200
    page = _text(response)
    assert "changed somewhere else" in page and "Saved now: you and My review" in page
    db.session.expire_all()
    assert {a.value for a in person.audiences} == {"review"}


def test_staff_who_are_not_allocated_see_nothing(world, signed_in) -> None:
    factories.person_who_matters(world["maya"], audiences=("practitioner",))
    db.session.commit()
    spare = signed_in(world["spare"])
    before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    assert spare.get(f"/practitioner/young-people/{world['maya'].id}/people").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_the_staff_page_stays_within_the_query_budget(world, signed_in) -> None:
    for n in range(60):
        factories.person_who_matters(world["maya"], name=f"P{n}", audiences=("practitioner",))
    db.session.commit()
    priya = signed_in(world["staff"][Role.practitioner])
    with count_queries() as queries:
        assert priya.get(f"/practitioner/young-people/{world['maya'].id}/people").status_code == 200
    assert len(queries) <= 10


# Finding someone again ----------------------------------------------------------------------------------


def test_asking_to_find_someone_goes_to_the_worker_who_replies(world, maya, signed_in) -> None:
    person = factories.person_who_matters(world["maya"], name="Dad", kind="dad", wish="lost_touch")
    db.session.commit()
    page = _text(maya.get(f"/me/people/{person.id}"))
    assert "Ask for help to find them" in page
    find = _text(maya.get(f"/me/people/{person.id}/find"))
    assert "Priya, your social worker" in find
    response = post_form(maya, f"/me/people/{person.id}/find", {"remembered": "He lived in Leeds.\nHis name is Mark."})
    assert "done=asked" in response.headers["Location"]
    request = db.session.scalars(select(ReconnectRequest)).one()
    assert request.status is ReconnectStatus.sent and request.due_at > request.created_at
    [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.to_address == world["staff"][Role.practitioner].email
    assert "Dad" not in message.body and "Leeds" not in message.body and "Maya" not in message.body
    assert "Sent. Your worker should reply by" in _text(maya.get(f"/me/people/{person.id}"))
    # Asking twice is refused.
    post_form(maya, f"/me/people/{person.id}/find", {"remembered": "again"})
    assert db.session.scalar(select(func.count()).select_from(ReconnectRequest)) == 1

    priya = signed_in(world["staff"][Role.practitioner])
    queue = _text(priya.get("/practitioner/reconnect"))
    assert "Maya" in queue and f"/practitioner/reconnect/{request.id}" in queue
    detail = _text(priya.get(f"/practitioner/reconnect/{request.id}"))
    assert "Dad" in detail and "He lived in Leeds." in detail
    # "Not possible" needs a reason the young person can read.
    response = post_form(priya, f"/practitioner/reconnect/{request.id}", {"outcome": "not_possible", "reply": ""})
    assert response.status_code == 200 and "Write a reply the young person can read" in _text(response)
    reason = "We looked, but it is not safe to contact him right now. We can talk about it at your next visit."
    response = post_form(priya, f"/practitioner/reconnect/{request.id}", {"outcome": "not_possible", "reply": reason})
    assert response.status_code == 303
    db.session.expire_all()
    assert request.status is ReconnectStatus.not_possible and request.closed_at is not None
    page = _text(maya.get(f"/me/people/{person.id}"))
    assert "Your worker says it is not possible." in page and "not safe to contact him" in page
    assert "There are no open requests." in _text(priya.get("/practitioner/reconnect"))
    assert db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == AuditAction.reconnect_replied)
    )


def test_still_working_on_it_keeps_the_request_open_with_a_later_due_date(world, signed_in) -> None:
    person = factories.person_who_matters(world["maya"], wish="lost_touch")
    request = factories.reconnect_request(person)
    db.session.commit()
    first_due = request.due_at
    priya = signed_in(world["staff"][Role.practitioner])
    response = post_form(priya, f"/practitioner/reconnect/{request.id}", {"outcome": "seen", "reply": "On it."})
    assert response.status_code == 303
    db.session.expire_all()
    assert request.status is ReconnectStatus.seen and request.due_at > first_due and request.closed_at is None


def test_the_queue_is_ordered_by_due_date_and_shows_only_the_practitioners_young_people(world, signed_in) -> None:
    later = factories.reconnect_request(
        factories.person_who_matters(world["maya"], name="A", wish="lost_touch"), days_due=9
    )
    sooner = factories.reconnect_request(
        factories.person_who_matters(world["maya"], name="B", kind="cousin", wish="lost_touch"), days_due=1
    )
    elsewhere = factories.reconnect_request(factories.person_who_matters(world["other"], wish="lost_touch"))
    db.session.commit()
    queue = _text(signed_in(world["staff"][Role.practitioner]).get("/practitioner/reconnect"))
    assert queue.index(str(sooner.id)) < queue.index(str(later.id))
    assert str(elsewhere.id) not in queue
    assert "Cousin" in queue
    spare = signed_in(world["spare"])
    assert str(sooner.id) not in _text(spare.get("/practitioner/reconnect"))
    assert spare.get(f"/practitioner/reconnect/{sooner.id}").status_code == 404


def test_asking_needs_lost_touch(world, maya) -> None:
    person = factories.person_who_matters(world["maya"], wish="more")
    db.session.commit()
    page = _text(maya.get(f"/me/people/{person.id}/find"))
    assert "when you choose" in page
    response = post_form(maya, f"/me/people/{person.id}/find", {"remembered": "x"})
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(ReconnectRequest)) == 0


# The council count --------------------------------------------------------------------------------------


def _young_people_with(council, count: int, *, strong: int, audiences=("review",)) -> None:
    for n in range(count):
        person = factories.young_person(council, with_account=False)
        answers = {"trust": "yes", "lasting": "yes"} if n < strong else {"trust": "no", "lasting": "yes"}
        for k in range(2):
            factories.person_who_matters(person, name=f"P{k}", audiences=audiences, **answers)


def test_the_council_count_is_suppressed_below_ten_and_counts_only_what_was_shared(world, signed_in) -> None:
    council = world["council"]
    admin = signed_in(factories.staff(Role.council_admin, council))
    db.session.commit()
    page = _text(admin.get("/admin/people-who-matter"))
    assert "Not shown: fewer than 10 young people have shared anyone yet" in page
    _young_people_with(council, 9, strong=9)
    _young_people_with(council, 30, strong=30, audiences=())  # private: never counted
    db.session.commit()
    assert "Not shown" in _text(admin.get("/admin/people-who-matter"))
    _young_people_with(council, 16, strong=3)
    db.session.commit()
    page = _text(admin.get("/admin/people-who-matter"))
    assert '<p class="govuk-heading-xl govuk-!-margin-bottom-2">12</p>' in page
    assert "of 25 young people who shared anyone" in page
    assert db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == AuditAction.people_count_viewed)
    )


def test_a_small_side_hides_the_count_but_not_the_group(world, signed_in) -> None:
    admin = signed_in(factories.staff(Role.council_admin, world["council"]))
    _young_people_with(world["council"], 14, strong=12)
    db.session.commit()
    page = _text(admin.get("/admin/people-who-matter"))
    assert "14 young people shared someone." in page
    assert "The count is not shown" in page
    assert ">12<" not in page


def test_other_councils_are_never_counted(world, signed_in) -> None:
    _young_people_with(factories.CouncilFactory(), 40, strong=20)
    admin = signed_in(factories.staff(Role.council_admin, world["council"]))
    db.session.commit()
    assert "Not shown: fewer than 10" in _text(admin.get("/admin/people-who-matter"))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("سارة 12", "<bdi>سارة 12</bdi>"),  # a right-to-left name with Latin digits stays whole
        ("\u0301\u0308\u0301", "<bdi>\u0301\u0308\u0301</bdi>"),  # a name made only of combining marks
        ("ماما <b>Jo</b>", "<bdi>ماما &lt;b&gt;Jo&lt;/b&gt;</bdi>"),
    ],
)
def test_names_in_any_script_stay_whole_in_arabic_and_pashto(world, maya, name: str, shown: str) -> None:
    response = post_form(maya, "/me/people/add", {**NEW_PERSON, "name": name})
    assert response.status_code in (200, 303)
    for lang in ("ar", "ps"):
        post_form(maya, "/language", {"lang": lang, "next": "/me/people"})
        page = maya.get("/me/people")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        if response.status_code == 303:
            assert shown in text and 'dir="rtl"' in text
