"""Leaving care through the Flask test client on a real database: the local offer as a checklist, Staying Close
requests, the leaving care queue, trusted adults, arrangements, "how are things?", the admin's counts, bad input,
and the account that stays at 18 and at 25 (with time travel)."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    AuditAction,
    AuditEvent,
    ChecklistAnswer,
    HomeKind,
    LocalOfferAnswer,
    LocalOfferItem,
    OutboxMessage,
    StayingCloseArrangement,
    SupportArea,
    SupportKind,
    SupportReply,
    SupportRequest,
    SupportStatus,
    TrustedAdult,
    TrustedAdultStatus,
)
from app.roles import Role
from app.services import tick
from tests import factories
from tests.conftest import post_form, sign_in_as

SCRIPT = "<script>alert(1)</script>"


def _text(response) -> str:
    return response.get_data(as_text=True)


def _requests(young_person) -> list[SupportRequest]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(SupportRequest)
            .where(SupportRequest.young_person_id == young_person.id)
            .order_by(SupportRequest.created_at)
        )
    )


def _answer(young_person, item) -> LocalOfferAnswer | None:
    db.session.expire_all()
    return db.session.scalar(
        select(LocalOfferAnswer).where(
            LocalOfferAnswer.young_person_id == young_person.id, LocalOfferAnswer.item_id == item.id
        )
    )


@pytest.fixture
def world(app):
    """Jordan (19, left a children's home) with personal adviser Priya; Kai (19) with no personal adviser; Maya (14);
    Brightwater's offer; and another council with its own offer, adviser and admin."""
    council = factories.CouncilFactory(name="Brightwater Council")
    priya = factories.staff(Role.practitioner, council, first_name="Priya")
    colleague = factories.staff(Role.practitioner, council, first_name="Chris")
    admin = factories.staff(Role.council_admin, council, first_name="Alex")
    jordan = factories.young_person(council, first_name="Jordan", age_days=19 * 365 + 40)
    jordan.left_care_from = HomeKind.childrens_home
    factories.allocate(jordan, priya, AllocationKind.personal_adviser)
    kai = factories.young_person(council, first_name="Kai", age_days=19 * 365 + 80)
    maya = factories.young_person(council, first_name="Maya")
    factories.allocate(maya, priya, AllocationKind.social_worker)
    allowance = factories.offer_item(council, title="Leaving care allowance", category="money", from_age=18)
    tax = factories.offer_item(
        council, title="Council tax exemption", category="money", from_age=18, until_age=25, care_leavers_only=True
    )
    dental = factories.offer_item(council, title="Free dental care", category="health", until_age=25)
    leisure = factories.offer_item(council, title="Leisure pass", category="everyday_life")

    other_council = factories.CouncilFactory(name="Elsewhere Council")
    other_item = factories.offer_item(other_council, title="Elsewhere bus pass", category="everyday_life")
    other_adviser = factories.staff(Role.practitioner, other_council, first_name="Olu")
    other_admin = factories.staff(Role.council_admin, other_council, first_name="Ola")
    other_leaver = factories.young_person(other_council, first_name="Remi", age_days=20 * 365)
    db.session.commit()
    return {
        "council": council,
        "priya": priya,
        "colleague": colleague,
        "admin": admin,
        "jordan": jordan,
        "kai": kai,
        "maya": maya,
        "allowance": allowance,
        "tax": tax,
        "dental": dental,
        "leisure": leisure,
        "other_item": other_item,
        "other_adviser": other_adviser,
        "other_admin": other_admin,
        "other_leaver": other_leaver,
    }


def _press(client, item, answer: str, version: int | None = None):
    return post_form(
        client,
        f"/me/leaving-care/offer/{item.id}",
        {"answer": answer, "version": str(item.version if version is None else version)},
    )


# The local offer as a checklist ------------------------------------------------------------------------------


def test_a_care_leaver_works_through_the_checklist_and_need_help_reaches_their_adviser(world, signed_in) -> None:
    jordan, priya = world["jordan"], world["priya"]
    young = signed_in(jordan.user)
    page = _text(young.get("/me/leaving-care/offer"))
    for title in ("Leaving care allowance", "Council tax exemption", "Free dental care", "Leisure pass"):
        assert title in page
    assert "Elsewhere bus pass" not in page
    assert "Priya, your personal adviser" in page
    assert "You have got 0 of 4." in page

    saved = _press(young, world["allowance"], "got_it")
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith(f"#item-{world['allowance'].id}")
    assert _answer(jordan, world["allowance"]).answer is ChecklistAnswer.got_it
    assert "You have got 1 of 4." in _text(young.get(saved.headers["Location"]))

    _press(young, world["leisure"], "not_yet")
    asked = _press(young, world["tax"], "need_help")
    page = _text(young.get(asked.headers["Location"]))
    assert "Saved, and sent to Priya, your personal adviser." in page
    [request] = _requests(jordan)
    assert request.kind is SupportKind.offer_help and request.offer_item_id == world["tax"].id
    assert request.sent_to_id == priya.id
    assert request.due_at == clock.add_working_days(request.created_at, 5)
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.user_id == priya.id))

    # Pressing "I need help" again does not send a second request.
    _press(young, world["tax"], "need_help")
    assert len(_requests(jordan)) == 1

    staff = signed_in(priya)
    queue = _text(staff.get("/practitioner/leaving-care"))
    assert "Jordan" in queue and "Help with: Council tax exemption" in queue
    reply = post_form(
        staff,
        f"/practitioner/leaving-care/requests/{request.id}",
        {"status": "working_on_it", "words": "I will fill in the form with you on Monday."},
    )
    assert reply.status_code == 303
    db.session.expire_all()
    request = db.session.get(SupportRequest, request.id)
    assert request.status is SupportStatus.working_on_it
    assert request.due_at == clock.add_working_days(request.replied_at, 20)
    mine = _text(young.get(f"/me/leaving-care/requests/{request.id}"))
    assert "I will fill in the form with you on Monday." in mine
    assert "Working on it" in mine


def test_answers_are_private_and_only_counts_of_ten_or_more_reach_the_admin(world, signed_in) -> None:
    council, tax = world["council"], world["tax"]
    for n in range(11):
        leaver = factories.young_person(council, first_name=f"Leaver{n}", age_days=20 * 365)
        db.session.add(
            LocalOfferAnswer(
                young_person_id=leaver.id,
                item_id=tax.id,
                answer=ChecklistAnswer.got_it if n < 10 else ChecklistAnswer.need_help,
                item_version=1,
            )
        )
    db.session.commit()
    admin = signed_in(world["admin"])
    page = _text(admin.get("/admin/local-offer"))
    row = page.split("Council tax exemption")[1].split("</tr>")[0]
    # 11 answered: 10 have it, 1 needs help. Both are hidden: one is under 10, the other could be worked out.
    assert ">11<" in row
    assert ">10<" not in row and ">1<" not in row
    assert row.count("not shown") == 3
    small = page.split("Leisure pass")[1].split("</tr>")[0]
    assert "Fewer than 10 answers: not shown" in small
    assert "Leaver" not in page
    # The practitioner does not see got it / not yet either: only requests.
    assert "Council tax exemption" not in _text(
        signed_in(world["priya"]).get(f"/practitioner/young-people/{world['jordan'].id}/leaving-care")
    )


def test_an_item_edited_while_someone_ticks_it_is_not_saved_and_says_so(world, signed_in) -> None:
    jordan, item = world["jordan"], world["allowance"]
    young = signed_in(jordan.user)
    young.get("/me/leaving-care/offer")  # opened before the edit: version 1
    admin = signed_in(world["admin"])
    edited = post_form(
        admin,
        f"/admin/local-offer/{item.id}",
        {
            "category": "money",
            "title": "Leaving care allowance",
            "what_you_get": "£3,000 to set up your first home.",
            "how_to_get_it": "Ask your personal adviser.",
            "from_age": "18",
            "until_age": "",
            "who_can_get": "everyone",
            "version": "1",
        },
    )
    assert edited.status_code == 303
    stale = _press(young, item, "got_it", version=1)
    assert "problem=local_offer_item_changed" in stale.headers["Location"]
    page = _text(young.get(stale.headers["Location"]))
    assert "This changed while you were reading it. Read it again, then choose" in page
    assert "£3,000 to set up your first home." in page
    assert _answer(jordan, item) is None
    assert _press(young, item, "got_it", version=2).status_code == 303
    assert _answer(jordan, item).item_version == 2

    # A later edit shows as "changed since you answered".
    post_form(
        admin,
        f"/admin/local-offer/{item.id}",
        {
            "category": "money",
            "title": "Leaving care allowance",
            "what_you_get": "£3,000 to set up your first home, paid in parts.",
            "how_to_get_it": "Ask your personal adviser.",
            "from_age": "18",
            "who_can_get": "everyone",
            "version": "2",
        },
    )
    assert "Changed since you answered" in _text(young.get("/me/leaving-care/offer"))


def test_two_admins_editing_at_once_keep_what_the_second_typed(world, signed_in) -> None:
    item = world["leisure"]
    admin = signed_in(world["admin"])
    form = {
        "category": "everyday_life",
        "title": "Leisure pass",
        "what_you_get": "Free gym and swimming.",
        "how_to_get_it": "Show your card.",
        "who_can_get": "everyone",
        "version": "1",
    }
    assert post_form(admin, f"/admin/local-offer/{item.id}", form).status_code == 303
    second = post_form(admin, f"/admin/local-offer/{item.id}", form | {"what_you_get": "Free swimming only."})
    assert second.status_code == 200
    page = _text(second)
    assert "Someone else changed this item after you opened it" in page
    assert "Free swimming only." in page
    assert 'name="version" type="hidden" value="2"' in page or 'value="2"' in page


def test_an_item_with_no_category_is_refused_and_what_was_typed_stays(world, signed_in) -> None:
    admin = signed_in(world["admin"])
    before = db.session.scalar(select(func.count()).select_from(LocalOfferItem))
    response = post_form(
        admin,
        "/admin/local-offer/new",
        {"title": "Help with a deposit", "what_you_get": "We pay your deposit.", "how_to_get_it": "Ask your PA."},
    )
    page = _text(response)
    assert response.status_code == 200
    assert "Choose a category" in page and "There is a problem" in page
    assert "We pay your deposit." in page
    bogus = post_form(
        admin,
        "/admin/local-offer/new",
        {"category": "sweets", "title": "X", "what_you_get": "Y", "how_to_get_it": "Z", "who_can_get": "everyone"},
    )
    assert "Choose one of the options shown" in _text(bogus)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(LocalOfferItem)) == before


def test_admin_input_is_checked_ages_lengths_and_script_tags(world, signed_in) -> None:
    admin = signed_in(world["admin"])
    base = {
        "category": "home",
        "title": f"Deposit {SCRIPT}",
        "what_you_get": "We pay your deposit.",
        "how_to_get_it": "Ask.",
        "who_can_get": "care_leavers",
    }
    assert "Enter an age in numbers, like 18" in _text(
        post_form(admin, "/admin/local-offer/new", base | {"from_age": "eighteen"})
    )
    assert "Ages must be from 16 to 30" in _text(post_form(admin, "/admin/local-offer/new", base | {"from_age": "12"}))
    order = _text(post_form(admin, "/admin/local-offer/new", base | {"from_age": "21", "until_age": "18"}))
    assert "The upper age must be more than the “from” age" in order
    assert "Write 120 characters or fewer" in _text(
        post_form(admin, "/admin/local-offer/new", base | {"title": "x" * 121})
    )
    assert "Write 2000 characters or fewer" in _text(
        post_form(admin, "/admin/local-offer/new", base | {"what_you_get": "x" * 2001})
    )
    added = post_form(admin, "/admin/local-offer/new", base | {"from_age": "18", "until_age": "25"})
    assert added.status_code == 303
    item = db.session.scalar(select(LocalOfferItem).where(LocalOfferItem.title.like("Deposit%")))
    assert item.care_leavers_only and item.from_age == 18 and item.until_age == 25
    listing = _text(admin.get("/admin/local-offer"))
    assert SCRIPT not in listing and "&lt;script&gt;" in listing
    young = _text(signed_in(world["jordan"].user).get("/me/leaving-care/offer"))
    assert SCRIPT not in young and "&lt;script&gt;" in young


def test_another_councils_offer_is_never_shown_or_answered(world, signed_in) -> None:
    jordan, other_item = world["jordan"], world["other_item"]
    young = signed_in(jordan.user)
    assert _press(young, other_item, "got_it").status_code == 404
    assert _answer(jordan, other_item) is None
    assert signed_in(world["other_admin"]).get(f"/admin/local-offer/{world['tax'].id}").status_code == 404
    assert "Council tax exemption" not in _text(signed_in(world["other_admin"]).get("/admin/local-offer"))
    assert signed_in(world["admin"]).get(f"/admin/local-offer/{other_item.id}").status_code == 404
    assert signed_in(world["priya"]).get("/admin/local-offer").status_code == 403


def test_withdrawn_items_leave_the_checklist_but_answers_stay(world, signed_in) -> None:
    jordan, leisure = world["jordan"], world["leisure"]
    young = signed_in(jordan.user)
    _press(young, leisure, "got_it")
    admin = signed_in(world["admin"])
    assert post_form(admin, f"/admin/local-offer/{leisure.id}/withdraw").status_code == 303
    assert "Leisure pass" not in _text(young.get("/me/leaving-care/offer"))
    db.session.expire_all()
    refused = _press(young, leisure, "not_yet", version=db.session.get(LocalOfferItem, leisure.id).version)
    assert "problem=local_offer_item_gone" in refused.headers["Location"]
    assert _answer(jordan, leisure).answer is ChecklistAnswer.got_it
    assert post_form(admin, f"/admin/local-offer/{leisure.id}/restore").status_code == 303
    assert "Leisure pass" in _text(young.get("/me/leaving-care/offer"))


def test_under_16s_see_what_is_coming_but_do_not_tick_yet(world, signed_in) -> None:
    maya = world["maya"]
    young = signed_in(maya.user)
    page = _text(young.get("/me/leaving-care/offer"))
    assert "The list is for you from age 16" in page
    refused = _press(young, world["leisure"], "got_it")
    assert "problem=local_offer_not_for_you" in refused.headers["Location"]
    assert _answer(maya, world["leisure"]) is None
    assert "Leaving care" not in _text(young.get("/me/"))


def test_a_16_year_old_in_care_sees_what_applies_now_and_what_comes_later(world, signed_in) -> None:
    sixteen = factories.young_person(world["council"], first_name="Sky", age_days=16 * 365 + 30)
    db.session.commit()
    young = signed_in(sixteen.user)
    page = _text(young.get("/me/leaving-care/offer"))
    assert "Free dental care" in page.split("For later")[0]
    later = page.split("For later")[1]
    assert "Leaving care allowance" in later and "From age 18" in later
    assert "Council tax exemption" in later
    home = _text(young.get("/me/"))
    assert "/me/leaving-care" in home


# Staying Close ------------------------------------------------------------------------------------------------


def test_staying_close_says_whether_it_may_be_for_you_and_always_lets_you_ask(world, signed_in) -> None:
    jordan_page = _text(signed_in(world["jordan"].user).get("/me/leaving-care/staying-close"))
    assert "It may well be for you" in jordan_page and "Ask for support" in jordan_page
    assert "Priya, your personal adviser" in jordan_page
    kai_page = _text(signed_in(world["kai"].user).get("/me/leaving-care/staying-close"))
    assert "It might be for you" in kai_page
    assert "The leaving care team at Brightwater Council" in kai_page
    maya_page = _text(signed_in(world["maya"].user).get("/me/leaving-care/staying-close"))
    assert "Ask anyway" in maya_page
    for page in (jordan_page, kai_page, maya_page):
        assert "/me/leaving-care/staying-close/ask" in page
        # The words a young person reads, not the markup: a random CSP nonce once held "LAC".
        words = re.sub(r"<[^>]*>", " ", page)
        for word in ("placement", "LAC", "former relevant child", "looked after"):
            assert word not in words


def test_asking_for_staying_close_support_reaches_the_adviser_and_the_reply_comes_back(world, signed_in) -> None:
    jordan, priya = world["jordan"], world["priya"]
    young = signed_in(jordan.user)
    form = _text(young.get("/me/leaving-care/staying-close/ask"))
    assert "What would you like help with?" in form and "How should they get in touch?" in form
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', form).group(1)
    data = {
        "areas": ["home", "old_home_people"],
        "words": "I want to live near Beacon House",
        "contact": "text_message",
        "contact_note": "After 4pm",
        "submission_key": key,
    }
    sent = post_form(young, "/me/leaving-care/staying-close/ask", data)
    assert sent.status_code == 303
    again = post_form(young, "/me/leaving-care/staying-close/ask", data)  # pressed twice
    assert again.headers["Location"] == sent.headers["Location"]
    [request] = _requests(jordan)
    assert request.areas == {SupportArea.home, SupportArea.old_home_people}
    assert request.sent_to_id == priya.id
    page = _text(young.get(sent.headers["Location"]))
    assert "Sent. You will see the reply here." in page
    assert "Priya, your personal adviser" in page

    staff = signed_in(priya)
    detail = _text(staff.get(f"/practitioner/leaving-care/requests/{request.id}"))
    assert "I want to live near Beacon House" in detail and "After 4pm" in detail
    done = post_form(
        staff,
        f"/practitioner/leaving-care/requests/{request.id}",
        {"status": "done", "words": "Beacon House has a flat for you from May."},
    )
    assert done.status_code == 303
    closed = post_form(staff, f"/practitioner/leaving-care/requests/{request.id}", {"status": "done", "words": "Again"})
    assert "This request is already closed" in _text(closed) or "This request is closed." in _text(closed)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(SupportReply)) == 1
    mine = _text(young.get(f"/me/leaving-care/requests/{request.id}"))
    assert "Beacon House has a flat for you from May." in mine and "Done" in mine
    log = _text(young.get("/me/my-things"))
    assert "looked at your request for support" in log


def test_a_request_with_nothing_chosen_is_refused_and_keeps_what_was_typed(world, signed_in) -> None:
    young = signed_in(world["jordan"].user)
    response = post_form(
        young,
        "/me/leaving-care/staying-close/ask",
        {"words": "Help with my flat please", "contact": "in_orbit", "submission_key": str(uuid.uuid4())},
    )
    page = _text(response)
    assert response.status_code == 200
    assert "Choose at least one thing you would like help with" in page
    assert "Help with my flat please" in page
    nothing = _text(post_form(young, "/me/leaving-care/staying-close/ask", {}))
    assert "Choose at least one thing you would like help with" in nothing
    assert "Choose how you want them to get in touch" in nothing
    wrong = _text(post_form(young, "/me/leaving-care/staying-close/ask", {"areas": ["sweets"], "contact": "pigeon"}))
    assert "Choose from the list" in wrong or "Choose one of the options shown" in wrong
    assert _requests(world["jordan"]) == []


def test_over_long_words_and_script_tags(world, signed_in) -> None:
    jordan, priya = world["jordan"], world["priya"]
    young = signed_in(jordan.user)
    long = post_form(
        young,
        "/me/leaving-care/staying-close/ask",
        {"areas": ["money"], "contact": "in_orbit", "words": "x" * 1001, "contact_note": "y" * 201},
    )
    page = _text(long)
    assert "Write 1000 letters or fewer" in page and "Write 200 letters or fewer" in page
    assert _requests(jordan) == []
    sent = post_form(
        young,
        "/me/leaving-care/staying-close/ask",
        {"areas": ["money"], "contact": "in_orbit", "words": SCRIPT, "submission_key": str(uuid.uuid4())},
    )
    assert sent.status_code == 303
    [request] = _requests(jordan)
    for page in (
        _text(young.get(f"/me/leaving-care/requests/{request.id}")),
        _text(signed_in(priya).get(f"/practitioner/leaving-care/requests/{request.id}")),
    ):
        assert SCRIPT not in page and "&lt;script&gt;" in page
    staff = signed_in(priya)
    too_long = post_form(
        staff, f"/practitioner/leaving-care/requests/{request.id}", {"status": "done", "words": "z" * 2001}
    )
    assert "Replies must be 2000 characters or fewer" in _text(too_long)
    check = post_form(young, "/me/leaving-care/how-are-things", {"feeling": "ok", "words": "w" * 1001})
    assert "Write 1000 letters or fewer" in _text(check)


def test_no_personal_adviser_sends_the_request_to_the_leaving_care_queue_and_says_so(world, signed_in) -> None:
    kai = world["kai"]
    young = signed_in(kai.user)
    form = _text(young.get("/me/leaving-care/staying-close/ask"))
    assert "The leaving care team at Brightwater Council, because you do not have a personal adviser right now" in form
    sent = post_form(
        young,
        "/me/leaving-care/staying-close/ask",
        {"areas": ["someone_to_talk_to"], "contact": "phone_call", "submission_key": str(uuid.uuid4())},
    )
    [request] = _requests(kai)
    assert request.sent_to_id is None
    page = _text(young.get(sent.headers["Location"]))
    assert "The leaving care team at Brightwater Council" in page

    colleague = signed_in(world["colleague"])
    team = _text(colleague.get("/practitioner/leaving-care/team"))
    assert "Kai" in team
    assert "Kai" not in _text(colleague.get("/practitioner/leaving-care"))
    assert colleague.get(f"/practitioner/leaving-care/requests/{request.id}").status_code == 200
    replied = post_form(
        colleague,
        f"/practitioner/leaving-care/requests/{request.id}",
        {"status": "working_on_it", "words": "I am Chris from the leaving care team. I will call you tomorrow."},
    )
    assert replied.status_code == 303
    assert "I will call you tomorrow." in _text(young.get(f"/me/leaving-care/requests/{request.id}"))

    # Another council's practitioner never sees it.
    other = signed_in(world["other_adviser"])
    assert "Kai" not in _text(other.get("/practitioner/leaving-care/team"))
    assert other.get(f"/practitioner/leaving-care/requests/{request.id}").status_code == 404
    # Once a personal adviser is allocated, it is theirs and leaves the team queue.
    factories.allocate(kai, world["priya"], AllocationKind.personal_adviser)
    db.session.commit()
    assert "Kai" not in _text(colleague.get("/practitioner/leaving-care/team"))
    assert colleague.get(f"/practitioner/leaving-care/requests/{request.id}").status_code == 404
    assert "Kai" in _text(signed_in(world["priya"]).get("/practitioner/leaving-care"))


def test_a_request_whose_adviser_left_goes_back_to_the_queue(world, signed_in) -> None:
    jordan, priya = world["jordan"], world["priya"]
    request = factories.support_request(jordan, sent_to=priya)
    for allocation in db.session.scalars(select(Allocation).where(Allocation.young_person_id == jordan.id)):
        allocation.ended_on = clock.today()
    db.session.commit()
    assert "Jordan" in _text(signed_in(world["colleague"]).get("/practitioner/leaving-care/team"))
    # Priya, like any practitioner of the council, can still answer it from the queue; another council cannot.
    assert signed_in(priya).get(f"/practitioner/leaving-care/requests/{request.id}").status_code == 200
    assert signed_in(world["other_adviser"]).get(f"/practitioner/leaving-care/requests/{request.id}").status_code == 404


def test_overdue_requests_are_marked_for_staff_and_the_young_person(world, signed_in) -> None:
    request = factories.support_request(world["jordan"], sent_to=world["priya"])
    db.session.commit()
    clock.travel(timedelta(days=10))
    queue = _text(signed_in(world["priya"]).get("/practitioner/leaving-care"))
    assert "Overdue" in queue
    mine = _text(signed_in(world["jordan"].user).get(f"/me/leaving-care/requests/{request.id}"))
    assert "They should have replied by now" in mine


def test_young_people_never_see_each_others_requests(world, signed_in) -> None:
    request = factories.support_request(world["jordan"], sent_to=world["priya"])
    db.session.commit()
    assert signed_in(world["kai"].user).get(f"/me/leaving-care/requests/{request.id}").status_code == 404
    assert signed_in(world["other_leaver"].user).get(f"/me/leaving-care/requests/{request.id}").status_code == 404
    assert signed_in(world["admin"]).get(f"/practitioner/leaving-care/requests/{request.id}").status_code == 403


# A trusted adult, the arrangement and "how are things?" ------------------------------------------------------


def test_choosing_a_trusted_adult_and_the_adviser_recording_it(world, signed_in) -> None:
    jordan, priya = world["jordan"], world["priya"]
    jo = factories.person_who_matters(jordan, name="Jo", kind="former_home_staff")
    factories.person_who_matters(jordan, name="Biscuit", kind="pet")
    gone = factories.person_who_matters(jordan, name="Old friend", kind="friend", ended=True)
    db.session.commit()
    young = signed_in(jordan.user)
    page = _text(young.get("/me/leaving-care/trusted-adult"))
    assert "Jo" in page and "Biscuit" not in page and "Old friend" not in page
    assert "Priya, your personal adviser, will see their name" in page
    assert "Choose someone from the list" in _text(
        post_form(young, "/me/leaving-care/trusted-adult", {"person": str(gone.id)})
    )
    chosen = post_form(young, "/me/leaving-care/trusted-adult", {"person": str(jo.id)})
    assert chosen.status_code == 303
    db.session.expire_all()
    trusted = db.session.scalar(select(TrustedAdult))
    assert trusted.person_id == jo.id and trusted.status is TrustedAdultStatus.waiting

    staff = signed_in(priya)
    assert "Jordan" in _text(staff.get("/practitioner/leaving-care"))
    form = _text(staff.get(f"/practitioner/young-people/{jordan.id}/trusted-adult"))
    assert "Jo" in form and "Staff from a home before" in form
    saved = post_form(
        staff,
        f"/practitioner/young-people/{jordan.id}/trusted-adult",
        {"status": "arranged", "note": "Jo will meet you every other Saturday.", "trusted_adult": str(trusted.id)},
    )
    assert saved.status_code == 303
    page = _text(young.get("/me/leaving-care/staying-close"))
    assert "Arranged" in page and "Jo will meet you every other Saturday." in page

    # Choosing no one ends the choice; it is kept, and the adviser can no longer record against it.
    post_form(young, "/me/leaving-care/trusted-adult", {"person": "none"})
    db.session.expire_all()
    assert db.session.get(TrustedAdult, trusted.id).ended_at is not None
    late = post_form(
        staff,
        f"/practitioner/young-people/{jordan.id}/trusted-adult",
        {"status": "not_possible", "trusted_adult": str(trusted.id)},
    )
    assert late.status_code == 200


def test_the_adviser_records_the_arrangement_and_the_young_person_says_how_it_is_going(world, signed_in) -> None:
    jordan, priya = world["jordan"], world["priya"]
    staff = signed_in(priya)
    review = clock.today() + timedelta(days=90)
    data = {
        "key_contact": "Jo, key worker at Beacon House",
        "home": "near_old_home",
        "support": "Jo visits each week. Help with bills.",
        "review_on": [str(review.day), str(review.month), str(review.year)],
        "version": "",
    }
    assert (
        post_form(staff, f"/practitioner/young-people/{jordan.id}/staying-close-arrangement", data).status_code == 303
    )
    past = post_form(
        staff,
        f"/practitioner/young-people/{jordan.id}/staying-close-arrangement",
        data | {"review_on": [str(review.day), str(review.month), str(review.year - 2)], "version": "1"},
    )
    assert "The date must be today or later" in _text(past)
    stale = post_form(
        staff,
        f"/practitioner/young-people/{jordan.id}/staying-close-arrangement",
        data | {"support": "Typed in another tab", "version": ""},
    )
    assert "Someone else changed this arrangement" in _text(stale) and "Typed in another tab" in _text(stale)
    db.session.expire_all()
    arrangement = db.session.scalar(select(StayingCloseArrangement))
    assert arrangement.version == 1 and arrangement.support == "Jo visits each week. Help with bills."

    young = signed_in(jordan.user)
    page = _text(young.get("/me/leaving-care/staying-close"))
    assert "Jo, key worker at Beacon House" in page and "A home near your old children's home" in page
    check = _text(young.get("/me/leaving-care/how-are-things"))
    assert "Priya, your personal adviser, will see this." in check
    assert "Choose good, OK or not good" in _text(post_form(young, "/me/leaving-care/how-are-things", {}))
    sent = post_form(
        young, "/me/leaving-care/how-are-things", {"feeling": "not_good", "words": "The heating is broken"}
    )
    assert sent.status_code == 303
    overview = _text(staff.get(f"/practitioner/young-people/{jordan.id}/leaving-care"))
    assert "Not good" in overview and "The heating is broken" in overview


def test_only_allocated_workers_open_a_young_persons_leaving_care_page(world, signed_in) -> None:
    jordan = world["jordan"]
    assert signed_in(world["priya"]).get(f"/practitioner/young-people/{jordan.id}/leaving-care").status_code == 200
    assert signed_in(world["colleague"]).get(f"/practitioner/young-people/{jordan.id}/leaving-care").status_code == 404
    assert (
        signed_in(world["other_adviser"]).get(f"/practitioner/young-people/{jordan.id}/leaving-care").status_code == 404
    )
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.leaving_care_viewed)).all()
    assert len(events) == 1


def test_who_can_see_my_things_lists_leaving_care_and_the_copy_holds_it(world, signed_in) -> None:
    jordan = world["jordan"]
    factories.support_request(jordan, sent_to=world["priya"], words="Please help with rent")
    jo = factories.person_who_matters(jordan, name="Jo", kind="former_home_staff")
    db.session.add(TrustedAdult(young_person_id=jordan.id, person_id=jo.id, status=TrustedAdultStatus.arranged))
    db.session.add(
        StayingCloseArrangement(
            young_person_id=jordan.id,
            key_contact="Jo at Beacon House",
            home="near_old_home",
            support="Weekly visits",
            review_on=clock.today() + timedelta(days=30),
        )
    )
    db.session.commit()
    young = signed_in(jordan.user)
    post_form(young, "/me/leaving-care/how-are-things", {"feeling": "good"})
    _press(young, world["leisure"], "got_it")
    things = _text(young.get("/me/my-things"))
    assert "Asking for support" in things and "How things are going" in things
    assert "Your answers to the local offer list" in things
    copy = young.get("/me/my-things/copy.json").get_json()
    assert copy["requests_for_support"][0]["your_words"] == "Please help with rent"
    assert copy["how_things_are"][0]["you_said"] == "good"
    assert copy["local_offer_answers"][0]["item"] == "Leisure pass"
    assert copy["trusted_adults"] == [
        {
            "person": "Jo",
            "chosen": copy["trusted_adults"][0]["chosen"],
            "ended": None,
            "arranged": "arranged",
            "note": None,
        }
    ]
    assert copy["staying_close_support"]["key_contact"] == "Jo at Beacon House"
    assert copy["staying_close_support"]["looked_at_again"] == (clock.today() + timedelta(days=30)).isoformat()
    assert "Someone you trust for Staying Close: Jo" in things
    html = _text(young.get("/me/my-things/copy"))
    assert "Your Staying Close support" in html and "Weekly visits" in html


# The account stays: 18 and 25 ----------------------------------------------------------------------------------


def test_at_18_the_account_stays_and_at_25_nothing_closes(world, app) -> None:
    council = world["council"]
    sam = factories.young_person(council, first_name="Sam", age_days=18 * 365 - 3)
    factories.allocate(sam, world["priya"], AllocationKind.social_worker)
    factories.person_who_matters(sam, name="Jo", kind="former_home_staff")
    db.session.commit()
    client = app.test_client()
    sign_in_as(client, sam.user)
    _press(client, world["dental"], "got_it")
    before = _text(client.get("/me/leaving-care/offer"))
    assert "Council tax exemption" in before.split("For later")[1]

    while clock.today() < sam.adult_on:
        clock.travel(timedelta(days=1))
    tick.run()
    db.session.refresh(sam.user)
    assert sam.user.role is Role.care_leaver
    client = app.test_client()
    sign_in_as(client, sam.user)
    after = _text(client.get("/me/leaving-care/offer"))
    assert "For later" not in after
    assert "Council tax exemption" in after and "Leaving care allowance" in after
    assert _answer(sam, world["dental"]).answer is ChecklistAnswer.got_it

    twenty_fifth = clock.birthday_in_year(sam.date_of_birth, 25)
    clock.travel(twenty_fifth - clock.today())
    client = app.test_client()
    sign_in_as(client, sam.user)
    offer = _text(client.get("/me/leaving-care/offer"))
    stopped = offer.split("Stopped because of your age")[1]
    assert "Council tax exemption" in stopped and "Free dental care" in stopped
    assert "You said: I&#39;ve got this" in stopped or "You said: I've got this" in stopped
    assert "Leisure pass" in offer.split("Stopped because of your age")[0]
    home = _text(client.get("/me/leaving-care"))
    assert "Orbit is still here for you" in home and "Your people who matter: 1 person" in home
    assert "2 things in the offer stopped at an age you have reached" in home
    close = _text(client.get("/me/leaving-care/staying-close"))
    assert "You can still ask" in close and "Ask anyway" in close
    assert "Jo" in _text(client.get("/me/people"))
    sent = post_form(
        client,
        "/me/leaving-care/staying-close/ask",
        {"areas": ["someone_to_talk_to"], "contact": "in_orbit", "submission_key": str(uuid.uuid4())},
    )
    assert sent.status_code == 303


def test_the_reply_clock_and_the_staying_close_age_are_settings(world, app, signed_in) -> None:
    app.config["ORBIT_RULES"] = {
        **app.config["ORBIT_RULES"],
        "support_reply_working_days": 3,
        "staying_close_max_age": 19,
    }
    young = signed_in(world["jordan"].user)
    page = _text(young.get("/me/leaving-care/staying-close"))
    assert "usually for young people up to age 19" in page and "Ask anyway" in page
    post_form(
        young,
        "/me/leaving-care/staying-close/ask",
        {"areas": ["money"], "contact": "in_orbit", "submission_key": str(uuid.uuid4())},
    )
    [request] = _requests(world["jordan"])
    assert request.due_at == clock.add_working_days(request.created_at, 3)
    assert "within 3 working days" in _text(signed_in(world["priya"]).get("/practitioner/leaving-care"))


def test_in_care_at_16_a_request_goes_to_the_queue_and_their_social_worker_sees_it_too(world, signed_in) -> None:
    sky = factories.young_person(world["council"], first_name="Sky", age_days=16 * 365 + 30)
    factories.allocate(sky, world["priya"], AllocationKind.social_worker)
    db.session.commit()
    young = signed_in(sky.user)
    form = _text(young.get("/me/leaving-care/staying-close/ask"))
    assert "Priya, your social worker, can see it too." in form
    post_form(
        young,
        "/me/leaving-care/staying-close/ask",
        {"areas": ["home"], "contact": "meet", "submission_key": str(uuid.uuid4())},
    )
    [request] = _requests(sky)
    assert request.sent_to_id is None
    assert "Sky" in _text(signed_in(world["priya"]).get("/practitioner/leaving-care"))
    assert "Sky" in _text(signed_in(world["colleague"]).get("/practitioner/leaving-care/team"))


def test_pages_stay_within_the_query_budget(world, signed_in) -> None:
    """The leaving care pages send a fixed, small number of queries however much is in them (bench/ measures it at
    scale; this is the quick check)."""
    from sqlalchemy import event

    jordan, priya = world["jordan"], world["priya"]
    for n in range(3):
        request = factories.support_request(jordan, sent_to=priya, words=f"Request {n}")
        db.session.add(
            SupportReply(request_id=request.id, author_id=priya.id, words="OK", status=SupportStatus.working_on_it)
        )
    db.session.commit()
    young, staff, admin = signed_in(jordan.user), signed_in(priya), signed_in(world["admin"])
    pages = [
        (young, "/me/leaving-care"),
        (young, "/me/leaving-care/offer"),
        (young, "/me/leaving-care/staying-close"),
        (young, "/me/leaving-care/staying-close/ask"),
        (young, "/me/leaving-care/trusted-adult"),
        (young, "/me/leaving-care/how-are-things"),
        (young, f"/me/leaving-care/requests/{request.id}"),
        (staff, "/practitioner/leaving-care"),
        (staff, "/practitioner/leaving-care/team"),
        (staff, f"/practitioner/leaving-care/requests/{request.id}"),
        (staff, f"/practitioner/young-people/{jordan.id}/leaving-care"),
        (admin, "/admin/local-offer"),
    ]
    for client, path in pages:
        client.get(path)  # a first look may write the session; count the second
        statements: list[str] = []

        def count(*args, statements=statements) -> None:
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(path).status_code == 200, path
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert len(statements) <= 10, (path, len(statements))


def test_deleting_the_person_chosen_as_trusted_adult_takes_the_choice_with_it(world, signed_in) -> None:
    jordan, priya = world["jordan"], world["priya"]
    jo = factories.person_who_matters(jordan, name="Jo", kind="former_home_staff")
    db.session.commit()
    young = signed_in(jordan.user)
    post_form(young, "/me/leaving-care/trusted-adult", {"person": str(jo.id)})
    assert "chose Staff from a home before" in _text(signed_in(priya).get("/practitioner/leaving-care"))
    assert post_form(young, f"/me/people/{jo.id}/delete").status_code == 303
    page = _text(young.get("/me/leaving-care/staying-close"))
    assert "Choose someone you trust" in page
    assert "chose Staff from a home before" not in _text(signed_in(priya).get("/practitioner/leaving-care"))
    assert signed_in(priya).get(f"/practitioner/young-people/{jordan.id}/leaving-care").status_code == 200
    assert young.get("/me/my-things").status_code == 200
    assert young.get("/me/my-things/copy.json").status_code == 200
