"""Advocacy, opt-out: the whole loop (offer, no thanks, change of mind, request, acknowledge, allocate, message,
attend, close), flask tick turning passed offers into queue work and flagging overdue clocks, what council staff
may know, and the bad input the issue lists."""

from __future__ import annotations

import re
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import textstat
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyMessage,
    AdvocacyOffer,
    AdvocacyRequest,
    Allocation,
    AllocationKind,
    AuditAction,
    AuditEvent,
    OfferReason,
    OfferStatus,
    OutboxMessage,
    RequestOrigin,
    RequestStatus,
    YoungPerson,
)
from app.roles import Role
from app.services import advocacy, auth, tick
from tests import factories
from tests.conftest import POSTGRES_URL, post_form
from tests.integration.test_people import count_queries
from tests.integration.test_reading_level import MAX_GRADE, main_text

KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')
JARGON = ("placement", "LAC", "looked after child", "contact ")


def travel_to(when: datetime) -> None:
    clock.reset_travel()
    clock.travel(when - clock.now())


def assert_at(actual: datetime, expected: datetime) -> None:
    """Time travel is an offset from the real clock, so a moment is "now" to within the seconds a test takes."""
    assert abs(actual - expected) < timedelta(seconds=30), (actual, expected)


@pytest.fixture
def setting(app):
    """Brightwater Council, served by Open Door Advocacy: Maya (14) with her social worker and reviewing officer;
    Sam, an advocate, and Leila, the manager; and another service's advocate who must never see Maya's things."""
    service = factories.AdvocacyServiceFactory(name="Open Door Advocacy")
    council = factories.CouncilFactory(name="Brightwater Council", advocacy_service=service)
    maya = factories.young_person(council, first_name="Maya")
    worker = factories.staff(Role.practitioner, council, first_name="Priya")
    officer = factories.staff(Role.reviewing_officer, council, first_name="Tom")
    factories.allocate(maya, worker, AllocationKind.social_worker)
    factories.allocate(maya, officer, AllocationKind.reviewing_officer)
    sam = factories.staff(Role.advocate, service=service, first_name="Sam")
    ali = factories.staff(Role.advocate, service=service, first_name="Ali")
    leila = factories.staff(Role.advocacy_manager, service=service, first_name="Leila")
    elsewhere = factories.AdvocacyServiceFactory(name="Far Away Advocacy")
    stranger = factories.staff(Role.advocate, service=elsewhere, first_name="Stranger")
    db.session.commit()
    return {
        "maya": maya,
        "worker": worker,
        "officer": officer,
        "sam": sam,
        "ali": ali,
        "leila": leila,
        "stranger": stranger,
        "council": council,
    }


def _offer(person, *reasons: str) -> AdvocacyOffer:
    offer = advocacy.offer_advocacy(person, OfferReason(reasons[0]))
    for reason in reasons[1:]:
        advocacy.offer_advocacy(person, OfferReason(reason))
    db.session.commit()
    assert offer is not None
    return offer


def _answer(client, offer: AdvocacyOffer, answer: str) -> str:
    """The young person answers the offer ("yes" or "no"); the page they are sent on to."""
    said = post_form(client, f"/me/advocate/offers/{offer.id}", {"answer": answer})
    assert said.status_code == 303
    return client.get(said.headers["Location"]).get_data(as_text=True)


def _count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _ask(client, key: str | None = None, **fields):
    page = client.get("/me/advocate/ask").get_data(as_text=True)
    key = key or KEY.search(page).group(1)
    data = {"topic": "family_time", "ways": ["in_orbit"], "urgent": "no", "submission_key": key, **fields}
    return post_form(client, "/me/advocate/ask", data), key


def _request() -> AdvocacyRequest:
    db.session.expire_all()
    return db.session.scalars(select(AdvocacyRequest).order_by(AdvocacyRequest.created_at.desc())).first()


def _message(client, path: str, body: str, key: str | None = None):
    page = client.get(path).get_data(as_text=True)
    key = key or KEY.search(page).group(1)
    return post_form(client, f"{path}/message", {"body": body, "submission_key": key}), key


# Offers ---------------------------------------------------------------------------------------------------


def test_joining_orbit_makes_an_offer_the_young_person_sees_in_plain_words(app, client) -> None:
    service = factories.AdvocacyServiceFactory(name="Open Door Advocacy")
    council = factories.CouncilFactory(advocacy_service=service)
    person = factories.young_person(council, with_account=False, first_name="Sami")
    worker = factories.staff(Role.practitioner, council)
    factories.allocate(person, worker, AllocationKind.social_worker)
    code, _ = auth.create_young_person_invite(worker, person)
    db.session.commit()

    post_form(client, "/join", {"code": code})
    joined = post_form(
        client,
        "/join/account",
        {"username": "sami.k", "password": "purple otter rocket", "confirm_password": "purple otter rocket"},
    )
    assert joined.status_code == 303

    offer = db.session.scalar(select(AdvocacyOffer))
    assert offer.status is OfferStatus.open
    assert [r.reason.value for r in offer.reasons] == ["joined"]
    home = client.get("/me/").get_data(as_text=True)
    assert "Someone on your side" in home
    assert "Open Door Advocacy" in home and "not part of the council" in home
    assert "unless you say no thanks" in home and "you joined Orbit" in home
    assert 'value="yes"' in home and 'value="no"' in home
    assert ">Yes please<" in home and ">No thanks<" in home
    for word in JARGON:
        assert word not in home.split("<main", 1)[1], word


def test_offers_never_pile_up_a_new_moment_adds_a_reason(setting, signed_in) -> None:
    maya, worker = setting["maya"], setting["worker"]
    _offer(maya, "joined")
    client = signed_in(worker)
    assert post_form(client, f"/practitioner/young-people/{maya.id}/offer-advocacy").status_code == 303
    page = client.get(f"/practitioner/young-people/{maya.id}/home")
    assert page.status_code == 200
    moved = post_form(
        client,
        f"/practitioner/young-people/{maya.id}/home",
        {"home_kind": "childrens_home", "home_since": ["1", "11", "2026"]},
    )
    assert moved.status_code == 303, moved.get_data(as_text=True)

    assert _count(AdvocacyOffer) == 1
    offer = db.session.scalar(select(AdvocacyOffer))
    assert {r.reason.value for r in offer.reasons} == {"joined", "worker_asked", "home_changed"}
    assert offer.reasons[1].made_by_id == worker.id
    maya_home = signed_in(maya.user).get("/me/").get_data(as_text=True)
    assert "your worker asked us to" in maya_home and "your home changed" in maya_home


def test_no_thanks_is_recorded_without_questions_and_nobody_is_contacted(setting, signed_in) -> None:
    maya = setting["maya"]
    offer = _offer(maya, "home_changed")
    client = signed_in(maya.user)

    page = _answer(client, offer, "no")
    assert "Nobody will get in touch" in page and "change your mind any time" in page
    assert "<textarea" not in page  # no questions asked

    clock.travel(timedelta(days=10))
    assert tick.run().advocacy_offers_passed == 0
    assert _count(AdvocacyRequest) == 0
    assert "You said no thanks" in signed_in(maya.user).get("/me/").get_data(as_text=True)
    assert "Nothing is waiting" in signed_in(setting["sam"]).get("/advocate/").get_data(as_text=True)


def test_change_of_mind_after_no_thanks_sends_a_request(setting, signed_in) -> None:
    maya = setting["maya"]
    offer = _offer(maya, "home_changed")
    client = signed_in(maya.user)
    post_form(client, f"/me/advocate/offers/{offer.id}", {"answer": "no"})

    page = client.get("/me/advocate").get_data(as_text=True)
    assert "changed my mind" in page
    again = post_form(client, f"/me/advocate/offers/{offer.id}", {"answer": "yes"})

    assert again.status_code == 303
    request = _request()
    assert request.origin is RequestOrigin.offer_accepted
    assert request.topic.value == "moving_home"
    db.session.refresh(offer)
    assert offer.status is OfferStatus.accepted and offer.request_id == request.id
    assert "Sent" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_when_the_window_passes_the_offer_becomes_contact_work_around_weekends_and_bank_holidays(
    setting, signed_in
) -> None:
    # Thursday 24 December 2026, 10:00 in London: three working days on are 29, 30 and 31 December.
    travel_to(datetime(2026, 12, 24, 10, 0, tzinfo=UTC))
    maya = setting["maya"]
    offer = _offer(maya, "review_coming")
    assert_at(offer.due_at, datetime(2026, 12, 31, 10, 0, tzinfo=UTC))

    travel_to(datetime(2026, 12, 31, 9, 59, tzinfo=UTC))
    assert tick.run().advocacy_offers_passed == 0
    travel_to(datetime(2026, 12, 31, 10, 1, tzinfo=UTC))
    assert tick.run().advocacy_offers_passed == 1
    assert tick.run().advocacy_offers_passed == 0  # idempotent

    request = _request()
    assert request.origin is RequestOrigin.offer_passed
    assert request.topic.value == "my_review"
    # The clocks start when the window passed: 1 January is a bank holiday, so Monday 4 and Tuesday 5 January.
    assert_at(request.acknowledge_due_at, datetime(2027, 1, 4, 10, 0, tzinfo=UTC))
    assert_at(request.allocate_due_at, datetime(2027, 1, 5, 10, 0, tzinfo=UTC))
    queue = signed_in(setting["sam"]).get("/advocate/").get_data(as_text=True)
    assert "Maya" in queue and "Offer: no answer, contact them" in queue
    home = signed_in(maya.user).get("/me/").get_data(as_text=True)
    assert "will look at it by" in home


# An offer to a young person who already has an advocate --------------------------------------------------------

# Wednesday 2 December 2026, 10:00 in London: the offer's three working days run to Monday 7 December.
OFFERED_AT = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
STRANGER_WORDS = ("An advocate will get in touch", "An advocate is someone on your side. They listen to you")


def _offer_box(page: str) -> str:
    return re.search(r'<section class="orbit-offer" aria-labelledby="offer-title-.*?</section>', page, re.S).group(0)


def _sam_is_mayas_advocate(setting, signed_in, *reasons: str):
    """On OFFERED_AT, Sam is Maya's advocate and, given reasons, an offer is open: the allocation, the offer and
    Maya's signed-in client."""
    travel_to(OFFERED_AT)
    maya = setting["maya"]
    allocation = factories.allocate(maya, setting["sam"], AllocationKind.advocate)
    offer = _offer(maya, *reasons) if reasons else None
    return allocation, offer, signed_in(maya.user)


def _advocate_who_cannot_get_in_touch(setting, gone: str) -> None:
    """Maya had an advocate who cannot get in touch for her council's service now: their allocation "ended", they
    "left_the_service", or they work for an "other_service"."""
    advocate = setting["stranger"] if gone == "other_service" else setting["sam"]
    allocation = factories.allocate(setting["maya"], advocate, AllocationKind.advocate)
    if gone == "ended":
        allocation.ended_on = OFFERED_AT.date()  # ended today: no longer current
    elif gone == "left_the_service":
        advocate.disabled_at = OFFERED_AT
    db.session.commit()


def test_an_offer_names_the_advocate_they_already_have_and_does_not_introduce_a_stranger(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in, "home_changed")

    home = client.get("/me/").get_data(as_text=True)
    box = _offer_box(home)
    assert (
        "Your advocate, <bdi>Sam</bdi>, will get in touch with you by 7 December 2026, unless you say no thanks." in box
    )
    assert "Someone on your side" in box and "your home changed" in box
    assert ">Yes please<" in box and ">No thanks<" in box
    for words in (*STRANGER_WORDS, "not part of the council"):
        assert words not in box, words
    assert re.search(r"Your advocate</p>\s*<p class=\"orbit-who__name\">Sam</p>", home)  # "Who's who" agrees

    page = client.get("/me/advocate").get_data(as_text=True)
    box = _offer_box(page)
    assert ">Time to talk</h2>" in box and "An advocate for you" not in box
    assert "Your advocate, <bdi>Sam</bdi>, will get in touch with you by 7 December 2026" in box
    assert "An advocate will get in touch" not in box


def test_without_an_advocate_the_offer_still_introduces_one(setting, signed_in) -> None:
    travel_to(OFFERED_AT)
    maya = setting["maya"]
    _offer(maya, "home_changed")
    client = signed_in(maya.user)

    box = _offer_box(client.get("/me/").get_data(as_text=True))
    for words in STRANGER_WORDS:
        assert words in box, words
    assert "An advocate will get in touch with you by 7 December 2026, unless you say no thanks." in box
    assert "They come from Open Door Advocacy. They are not part of the council." in box
    assert "Your advocate," not in box and "Sam" not in box
    box = _offer_box(client.get("/me/advocate").get_data(as_text=True))
    assert ">An advocate for you</h2>" in box and "An advocate will get in touch" in box


# What the advocacy page says above the offer: who their advocate is, now, or who it would come from.
HAS_ADVOCATE = (
    "Your advocate is <bdi>Sam</bdi>, from Open Door Advocacy. They are not part of the council. They do not tell the"
    " council what you say, unless you or someone else is not safe."
)
WOULD_COME = (
    "Your advocate would come from Open Door Advocacy. They are not part of the council. They do not tell the council"
    " what you say, unless you or someone else is not safe."
)


def test_the_advocacy_page_names_the_advocate_they_have_and_the_box_does_not_repeat_itself(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in, "home_changed")

    page = client.get("/me/advocate").get_data(as_text=True)
    assert HAS_ADVOCATE in page
    assert "would come from" not in page
    box = _offer_box(page)
    assert re.search(r'id="offer-title-[^"]+">Time to talk</h2>\s*<p[^>]*>Your advocate, <bdi>Sam</bdi>, will get', box)
    assert ">Your advocate</h2>" not in page and "An advocate for you" not in page
    assert page.index(HAS_ADVOCATE) < page.index('<section class="orbit-offer"')
    grade = textstat.flesch_kincaid_grade(main_text(page))
    assert grade <= MAX_GRADE, grade


@pytest.mark.parametrize("offer", ["never", "declined"])
def test_the_advocacy_page_names_the_advocate_they_have_with_no_offer_open(setting, signed_in, offer) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in)
    if offer == "declined":
        _answer(client, _offer(setting["maya"], "home_changed"), "no")

    page = client.get("/me/advocate").get_data(as_text=True)
    assert HAS_ADVOCATE in page
    assert "would come from" not in page and 'class="orbit-offer"' not in page
    assert ("You said no thanks on 2 December 2026" in page) is (offer == "declined")
    # One main button: after "no thanks", "I've changed my mind: yes please" is it, and asking Sam is the other.
    asking = re.search(r'<a class="govuk-button([^"]*)" href="/me/advocate/ask">', page).group(1)
    assert (asking == " govuk-button--secondary") is (offer == "declined")


@pytest.mark.parametrize("advocate", ["none", "ended", "left_the_service", "other_service"])
@pytest.mark.parametrize("offer", ["open", "never"])
def test_without_an_advocate_the_advocacy_page_reads_as_before(setting, signed_in, advocate, offer) -> None:
    travel_to(OFFERED_AT)
    maya = setting["maya"]
    if advocate != "none":
        _advocate_who_cannot_get_in_touch(setting, advocate)
    if offer == "open":
        _offer(maya, "review_coming")

    page = signed_in(maya.user).get("/me/advocate").get_data(as_text=True)
    assert WOULD_COME in page
    assert "Your advocate is" not in page and "Sam" not in page and "Stranger" not in page
    assert "Time to talk" not in page
    if offer == "open":
        box = _offer_box(page)
        assert ">An advocate for you</h2>" in box and "An advocate will get in touch with you by 7 December 2026" in box
    else:
        assert 'class="orbit-offer"' not in page and ">Ask for an advocate</h2>" in page


def test_the_advocacy_page_asks_for_their_advocate_once(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in, "home_changed")
    client.get("/me/advocate")  # anything asked once per session is asked now

    with count_queries() as statements:
        page = client.get("/me/advocate").get_data(as_text=True)
    assert "Your advocate, <bdi>Sam</bdi>, will get in touch" in page
    assert sum("allocations" in statement for statement in statements) == 1, statements


@pytest.mark.parametrize("gone", ["ended", "left_the_service", "other_service"])
def test_an_advocate_who_cannot_get_in_touch_for_this_service_is_not_promised(setting, signed_in, gone) -> None:
    travel_to(OFFERED_AT)
    maya = setting["maya"]
    _advocate_who_cannot_get_in_touch(setting, gone)
    _offer(maya, "review_coming")

    box = _offer_box(signed_in(maya.user).get("/me/").get_data(as_text=True))
    assert "An advocate will get in touch with you by 7 December 2026" in box
    assert "Sam" not in box and "Stranger" not in box


def test_no_thanks_to_their_own_advocate_works_as_before(setting, signed_in) -> None:
    allocation, offer, client = _sam_is_mayas_advocate(setting, signed_in, "home_changed")

    page = _answer(client, offer, "no")
    assert "Nobody will get in touch about this" in page and "changed my mind" in page
    db.session.refresh(offer)
    assert offer.status is OfferStatus.declined
    home = client.get("/me/").get_data(as_text=True)
    assert "You said no thanks" in home and "will get in touch with you by" not in home

    travel_to(datetime(2026, 12, 8, 10, 0, tzinfo=UTC))  # the window has passed: nobody is contacted
    assert tick.run().advocacy_offers_passed == 0
    assert _count(AdvocacyRequest) == 0
    db.session.refresh(allocation)
    assert allocation.ended_on is None  # Sam is still her advocate: "no thanks" was to this offer only


def test_yes_please_to_their_own_advocate_sends_the_request_as_before(setting, signed_in) -> None:
    travel_to(OFFERED_AT)
    maya, sam = setting["maya"], setting["sam"]
    factories.allocate(maya, sam, AllocationKind.advocate)
    offer = _offer(maya, "home_changed")
    client = signed_in(maya.user)

    said = post_form(client, f"/me/advocate/offers/{offer.id}", {"answer": "yes"})
    assert said.status_code == 303
    request = _request()
    assert said.headers["Location"].startswith(f"/me/advocate/requests/{request.id}")
    assert request.origin is RequestOrigin.offer_accepted and request.topic.value == "moving_home"
    assert request.status is RequestStatus.sent and request.advocate_id is None
    db.session.refresh(offer)
    assert offer.status is OfferStatus.accepted and offer.request_id == request.id
    home = client.get("/me/").get_data(as_text=True)
    assert "will get in touch with you by" not in home and "will look at it by" in home

    # Sam takes it on: no one new, and Maya reads his name where the request is up to.
    assert post_form(signed_in(sam), f"/advocate/requests/{request.id}/accept").status_code == 303
    assert "Your advocate is <bdi>Sam</bdi>. They will get in touch with you." in client.get("/me/").get_data(
        as_text=True
    )
    assert (
        db.session.scalars(
            select(Allocation.staff_id).where(Allocation.young_person_id == maya.id, Allocation.ended_on.is_(None))
        )
        .all()
        .count(sam.id)
        == 1
    )


def test_the_service_sees_who_the_young_person_was_told_would_get_in_touch(setting, signed_in) -> None:
    travel_to(OFFERED_AT)
    maya, sam, ali, leila = setting["maya"], setting["sam"], setting["ali"], setting["leila"]
    factories.allocate(maya, sam, AllocationKind.advocate)
    _offer(maya, "home_changed")
    travel_to(datetime(2026, 12, 7, 10, 1, tzinfo=UTC))
    assert tick.run().advocacy_offers_passed == 1
    request = _request()
    assert request.origin is RequestOrigin.offer_passed and request.advocate_id is None
    path = f"/advocate/requests/{request.id}"

    manager = signed_in(leila).get(path).get_data(as_text=True)
    assert re.search(rf"Already their advocate</dt>\s*<dd[^>]*><bdi>{sam.full_name}</bdi></dd>", manager)
    assert re.search(rf'<option value="{sam.id}" selected', manager)  # giving it to Sam is one press
    assert re.search(
        rf"Already their advocate</dt>\s*<dd[^>]*><bdi>{sam.full_name}</bdi>",
        signed_in(sam).get(path).get_data(as_text=True),
    )
    # Another advocate still sees the work, as before, but not which young people their colleagues have.
    assert "Maya" in signed_in(ali).get("/advocate/").get_data(as_text=True)
    other = signed_in(ali).get(path).get_data(as_text=True)
    assert "Already their advocate" not in other and sam.full_name not in other

    assert post_form(signed_in(leila), f"{path}/reassign", {"advocate": str(sam.id)}).status_code == 303
    assert "Your advocate is <bdi>Sam</bdi>. They will get in touch with you." in signed_in(maya.user).get(
        "/me/"
    ).get_data(as_text=True)
    assert "Already their advocate" not in signed_in(leila).get(path).get_data(as_text=True)


def _told(address: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)))


def test_someone_with_an_advocate_asks_them_for_help_and_they_are_told(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in)

    home = client.get("/me/").get_data(as_text=True)
    assert "Ask your advocate for help with anything that matters to you." in home
    assert "Ask for an advocate" not in home
    page = client.get("/me/advocate").get_data(as_text=True)
    assert ">Ask <bdi>Sam</bdi> for help</h2>" in page
    assert "You can ask any time, about anything that matters to you. Orbit will tell <bdi>Sam</bdi>." in page
    assert re.search(r'<a class="govuk-button" href="/me/advocate/ask">Ask <bdi>Sam</bdi> for help</a>', page)
    assert "Ask for an advocate" not in page
    ask = client.get("/me/advocate/ask").get_data(as_text=True)
    assert re.search(r"<title>Ask for help", ask)  # a title names nobody: a phone may be shared
    assert ">Ask for help</h1>" in ask
    assert "<bdi>Sam</bdi> is your advocate. You can ask them, or someone else at Open Door Advocacy." in ask
    assert re.search(r'value="mine" checked', ask) and "Sam, your advocate" in ask  # Sam, unless they choose
    assert "Someone else at Open Door Advocacy" in ask
    assert "If you choose someone else, Sam is not told and cannot see it." in ask
    assert "only Open Door Advocacy, the advocacy service" in ask  # who sees it is said as before
    assert textstat.flesch_kincaid_grade(main_text(ask)) <= MAX_GRADE

    said, _key = _ask(client, wants="I want to see my brother Leo every week")
    assert said.status_code == 303
    request = _request()
    (to_sam,) = _told(setting["sam"].email)
    assert "Leo" not in to_sam.body and "week" not in to_sam.body  # what they typed stays in Orbit
    assert to_sam.body.startswith(
        "One of the young people you are the advocate for has asked for help. Sign in to see it: http"
    )
    assert to_sam.body.endswith(f"/advocate/requests/{request.id}")
    assert "Maya" not in to_sam.subject + to_sam.body  # an email names nobody
    (to_leila,) = _told(setting["leila"].email)
    assert "new work in your advocacy queue" in to_leila.body
    assert _told(setting["ali"].email) == []  # Ali is not Maya's advocate, and it is not urgent


SEEN_BY_THE_SERVICE = "Open Door Advocacy has seen it."
SAM_WILL_GET_IN_TOUCH = "Your advocate, <bdi>Sam</bdi>, will get in touch with you by 4 December 2026."
STRANGER_WILL_BE_FOUND = "They will find an advocate for you by 4 December 2026."


def _allocation_queries(client, path: str) -> int:
    client.get(path)  # anything asked once per session is asked now
    with count_queries() as statements:
        client.get(path)
    return sum("FROM allocations" in statement for statement in statements)


def test_once_the_service_has_seen_it_they_read_that_their_advocate_will_get_in_touch(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in)  # Wednesday 2 December
    _ask(client)
    request = _request()
    assert _allocation_queries(client, "/me/") == 1  # "Who's who" only: a request just sent asks for no advocate
    assert post_form(signed_in(setting["leila"]), f"/advocate/requests/{request.id}/acknowledge").status_code == 303
    assert _allocation_queries(client, "/me/") == 2

    for path in ("/me/", "/me/advocate", f"/me/advocate/requests/{request.id}"):
        page = client.get(path).get_data(as_text=True)
        assert f"{SEEN_BY_THE_SERVICE} {SAM_WILL_GET_IN_TOUCH}" in page, path
        assert STRANGER_WILL_BE_FOUND not in page, path


def test_a_request_at_a_service_the_council_no_longer_uses_promises_no_one(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in)
    _ask(client)
    request = _request()
    assert post_form(signed_in(setting["leila"]), f"/advocate/requests/{request.id}/acknowledge").status_code == 303
    setting["council"].advocacy_service = setting["stranger"].advocacy_service  # the council changed service
    db.session.commit()

    page = client.get(f"/me/advocate/requests/{request.id}").get_data(as_text=True)
    assert "has seen it. They will find an advocate for you by 4 December 2026." in page
    assert "Sam" not in page


@pytest.mark.parametrize("gone", ["none", "ended", "left_the_service", "other_service"])
def test_without_an_advocate_who_can_get_in_touch_the_service_finds_one(setting, signed_in, gone) -> None:
    travel_to(OFFERED_AT)
    if gone != "none":
        _advocate_who_cannot_get_in_touch(setting, gone)
    client = signed_in(setting["maya"].user)
    _ask(client)
    request = _request()
    assert post_form(signed_in(setting["leila"]), f"/advocate/requests/{request.id}/acknowledge").status_code == 303

    for path in ("/me/", "/me/advocate", f"/me/advocate/requests/{request.id}"):
        page = client.get(path).get_data(as_text=True)
        assert f"{SEEN_BY_THE_SERVICE} {STRANGER_WILL_BE_FOUND}" in page, path
        assert "will get in touch with you by" not in page, path


@pytest.mark.parametrize("urgent", ["no", "yes"])
def test_asking_for_someone_else_keeps_it_from_their_advocate(setting, signed_in, urgent) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in)
    sam, ali, leila = setting["sam"], setting["ali"], setting["leila"]
    page = client.get("/me/advocate").get_data(as_text=True)
    assert 'href="/me/advocate/ask?who=someone_else">Ask for someone other than <bdi>Sam</bdi></a>' in page
    ask = client.get("/me/advocate/ask?who=someone_else").get_data(as_text=True)
    assert re.search(r'value="someone_else" checked', ask)

    said, _key = _ask(client, who="someone_else", urgent=urgent, wants="Sam keeps missing our meetings")
    assert said.status_code == 303
    request = _request()
    assert request.instead_of_advocate_id == sam.id
    assert _told(sam.email) == []  # not the note to their advocate, nor the one to every advocate when urgent
    assert len(_told(leila.email)) == 1 and len(_told(ali.email)) == (urgent == "yes")

    # Sam cannot see it anywhere; the service can, and is told not to give it to Sam.
    sams = signed_in(sam)
    assert "Maya" not in _queue_rows(sams)
    assert sams.get(f"/advocate/requests/{request.id}").status_code == 404
    assert post_form(sams, f"/advocate/requests/{request.id}/accept").status_code == 404
    row = _queue_rows(signed_in(ali))["Maya"]
    assert "They asked for someone other than their advocate" in row and "already" not in row.lower()
    manager = signed_in(leila)
    staff_page = manager.get(f"/advocate/requests/{request.id}").get_data(as_text=True)
    assert f"Someone other than their advocate, <bdi>{sam.full_name}</bdi>. Do not give it to them" in staff_page
    assert f'<option value="{sam.id}"' not in staff_page and "Already their advocate" not in staff_page
    refused = post_form(manager, f"/advocate/requests/{request.id}/reassign", {"advocate": str(sam.id)})
    assert refused.status_code == 200
    db.session.refresh(request)
    assert request.advocate_id is None

    # Maya reads who she asked for, and is not promised Sam, on the request and where she sees who can see her things.
    things = client.get("/me/my-things").get_data(as_text=True)
    assert "the advocacy service (not the council), but not Sam: you asked for someone else" in things
    assert post_form(manager, f"/advocate/requests/{request.id}/acknowledge").status_code == 303
    mine = client.get(f"/me/advocate/requests/{request.id}").get_data(as_text=True)
    assert "Someone other than <bdi>Sam</bdi>. <bdi>Sam</bdi> cannot see this." in mine
    assert "They will find an advocate for you by" in mine or urgent == "yes"
    assert "Your advocate, <bdi>Sam</bdi>, will get in touch" not in mine


def test_a_made_up_choice_of_who_is_refused_and_nothing_is_sent(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in)
    said, _key = _ask(client, who="<script>x</script>")
    assert said.status_code == 200 and "<script>x</script>" not in said.get_data(as_text=True)
    assert _count(AdvocacyRequest) == 0


def test_their_advocate_hears_when_an_offer_passes_to_the_queue(setting, signed_in) -> None:
    _sam_is_mayas_advocate(setting, signed_in, "home_changed")
    travel_to(datetime(2026, 12, 7, 10, 1, tzinfo=UTC))
    assert tick.run().advocacy_offers_passed == 1

    (to_sam,) = _told(setting["sam"].email)
    assert to_sam.body.startswith(
        "An offer of an advocate to one of the young people you are the advocate for has passed to your queue."
    )
    assert to_sam.body.endswith(f"/advocate/requests/{_request().id}")


def test_an_urgent_request_tells_their_advocate_once_with_the_link(setting, signed_in) -> None:
    _allocation, _offered, client = _sam_is_mayas_advocate(setting, signed_in)
    _ask(client, urgent="yes")

    (to_sam,) = _told(setting["sam"].email)
    assert to_sam.body.startswith("One of the young people you are the advocate for has asked for help.")
    assert to_sam.body.endswith(f"/advocate/requests/{_request().id}")
    assert_at(to_sam.due_at, OFFERED_AT)  # urgent: sent when asked, not held back to be gathered with other news
    assert len(_told(setting["ali"].email)) == 1 and len(_told(setting["leila"].email)) == 1


@pytest.mark.parametrize("gone", ["ended", "left_the_service", "other_service"])
def test_asking_without_an_advocate_who_can_get_in_touch_reads_as_before(setting, signed_in, gone) -> None:
    travel_to(OFFERED_AT)
    _advocate_who_cannot_get_in_touch(setting, gone)
    client = signed_in(setting["maya"].user)

    home = client.get("/me/").get_data(as_text=True)
    assert "Ask for an advocate: someone who helps you say what you want." in home
    assert "Ask your advocate" not in home
    page = client.get("/me/advocate").get_data(as_text=True)
    assert ">Ask for an advocate</h2>" in page and "for help</h2>" not in page
    ask = client.get("/me/advocate/ask").get_data(as_text=True)
    assert ">Ask for an advocate</h1>" in ask and "is your advocate" not in ask
    _ask(client)
    assert _told(setting["sam"].email) == [] and _told(setting["stranger"].email) == []


# The request, end to end ----------------------------------------------------------------------------------


def test_the_whole_loop(setting, signed_in) -> None:
    maya, sam, officer, worker = setting["maya"], setting["sam"], setting["officer"], setting["worker"]
    young = signed_in(maya.user)

    sent, _key = _ask(
        young,
        topic="immigration",
        wants="I want to see my brother Leo every week",
        ways=["in_orbit", "phone_call"],
        phone="07700 900123",
        good_times="after school",
    )
    assert sent.status_code == 303, sent.get_data(as_text=True)
    request = _request()
    assert request.status is RequestStatus.sent and request.origin is RequestOrigin.asked
    page = young.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Sent" in page and "Open Door Advocacy" in page

    # The service: the queue, acknowledge.
    advocate = signed_in(sam)
    queue = advocate.get("/advocate/").get_data(as_text=True)
    assert "Maya" in queue and "Immigration or status" in queue
    assert advocate.get(f"/advocate/requests/{request.id}").status_code == 200
    assert post_form(advocate, f"/advocate/requests/{request.id}/acknowledge").status_code == 303
    home = young.get("/me/").get_data(as_text=True)
    assert "You have something new in Orbit" in home and "has seen it" in home
    young.get(f"/me/advocate/requests/{request.id}")
    assert "You have something new in Orbit" not in young.get("/me/").get_data(as_text=True)

    # Accept: Sam is Maya's advocate, by first name, and may open her page.
    assert post_form(advocate, f"/advocate/requests/{request.id}/accept").status_code == 303
    assert "Your advocate is <bdi>Sam</bdi>" in young.get("/me/").get_data(as_text=True)
    allocation = db.session.scalar(
        select(Allocation).where(Allocation.young_person_id == maya.id, Allocation.kind == AllocationKind.advocate)
    )
    assert allocation.staff_id == sam.id
    assert advocate.get(f"/advocate/young-people/{maya.id}").status_code == 200

    # Messages both ways; the young person is told nothing but that there is something new.
    replied, _ = _message(advocate, f"/advocate/requests/{request.id}", "Hi Maya, I am Sam. When can we talk?")
    assert replied.status_code == 303
    mine = young.get(f"/me/advocate/requests/{request.id}").get_data(as_text=True)
    assert "When can we talk?" in mine
    back, _ = _message(young, f"/me/advocate/requests/{request.id}", "Tuesday after school")
    assert back.status_code == 303
    assert "Tuesday after school" in advocate.get(f"/advocate/requests/{request.id}").get_data(as_text=True)
    for message in db.session.scalars(select(OutboxMessage)):
        assert "Maya" not in message.body and "Tuesday" not in message.body and "talk" not in message.body

    # "I will attend the review": the reviewing officer sees that, and nothing else.
    assert post_form(advocate, f"/advocate/requests/{request.id}/attend", {"will_attend": "yes"}).status_code == 303
    assert "<bdi>Sam</bdi> will come to your review with you" in young.get(
        f"/me/advocate/requests/{request.id}"
    ).get_data(as_text=True)
    for staff, path in ((officer, "reviewing-officer"), (worker, "practitioner")):
        view = signed_in(staff).get(f"/{path}/young-people/{maya.id}").get_data(as_text=True)
        assert re.search(r"Advocate involved</dt>\s*<dd[^>]*>Yes", view)
        assert re.search(r"Advocate will attend the review</dt>\s*<dd[^>]*>Yes", view)
        for secret in ("brother Leo", "Tuesday", "When can we talk", "Immigration or status", "07700"):
            assert secret not in view

    # Close with an outcome Maya reads.
    assert post_form(advocate, f"/advocate/requests/{request.id}/close", {"outcome": ""}).status_code == 200
    closed = post_form(
        advocate,
        f"/advocate/requests/{request.id}/close",
        {"outcome": "Your social worker agreed weekly video calls with Leo."},
    )
    assert closed.status_code == 303
    mine = young.get(f"/me/advocate/requests/{request.id}").get_data(as_text=True)
    assert "weekly video calls with Leo" in mine and "Closed" in mine
    assert "ask for an advocate again" in mine
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == sam.id)))
    assert {
        AuditAction.advocacy_queue_viewed,
        AuditAction.advocacy_request_viewed,
        AuditAction.advocacy_acknowledged,
        AuditAction.advocacy_allocated,
        AuditAction.advocacy_message_sent,
        AuditAction.advocacy_attendance_set,
        AuditAction.advocacy_closed,
    } <= actions
    log = young.get("/me/my-things").get_data(as_text=True)
    assert "looked at your request for an advocate" in log and "Sam" in log


def test_yes_please_makes_one_request_however_often_it_is_pressed(setting, signed_in) -> None:
    maya = setting["maya"]
    offer = _offer(maya, "joined")
    client = signed_in(maya.user)
    first = post_form(client, f"/me/advocate/offers/{offer.id}", {"answer": "yes"})
    second = post_form(client, f"/me/advocate/offers/{offer.id}", {"answer": "yes"})
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"].split("?")[0] == second.headers["Location"].split("?")[0]
    assert _count(AdvocacyRequest) == 1


def test_sending_the_ask_form_twice_makes_one_request_and_asking_again_shows_the_first(setting, signed_in) -> None:
    client = signed_in(setting["maya"].user)
    first, key = _ask(client)
    again, _ = _ask(client, key=key)
    assert first.headers["Location"] == again.headers["Location"]
    other, _ = _ask(client)  # a new form while one is open
    assert other.status_code == 303 and other.headers["Location"].startswith(first.headers["Location"].split("?")[0])
    assert _count(AdvocacyRequest) == 1


def test_a_young_person_can_change_their_mind_and_stop_a_request(setting, signed_in) -> None:
    client = signed_in(setting["maya"].user)
    _ask(client)
    request = _request()
    assert client.get(f"/me/advocate/requests/{request.id}/stop").status_code == 200
    stopped = post_form(client, f"/me/advocate/requests/{request.id}/stop")
    assert stopped.status_code == 303
    assert _request().status is RequestStatus.closed and _request().withdrawn
    again, _ = _ask(client)
    assert again.status_code == 303
    assert _count(AdvocacyRequest) == 2


def test_stopping_a_request_ends_the_advocates_access(setting, signed_in) -> None:
    maya, sam = setting["maya"], setting["sam"]
    client = signed_in(maya.user)
    _ask(client)
    request = _request()
    advocate = signed_in(sam)
    assert post_form(advocate, f"/advocate/requests/{request.id}/accept").status_code == 303
    assert advocate.get(f"/advocate/young-people/{maya.id}").status_code == 200

    assert post_form(client, f"/me/advocate/requests/{request.id}/stop").status_code == 303
    assert advocate.get(f"/advocate/young-people/{maya.id}").status_code == 404
    assert "Maya" not in advocate.get("/advocate/young-people").get_data(as_text=True)
    summary = advocacy.summary_for_staff(setting["worker"], maya.id)
    assert summary is not None and not summary.involved


def test_a_message_written_as_the_request_closes_stays_on_the_page(setting, signed_in) -> None:
    client = signed_in(setting["maya"].user)
    _ask(client)
    request = _request()
    path = f"/me/advocate/requests/{request.id}"
    key = KEY.search(client.get(path).get_data(as_text=True)).group(1)
    advocacy.close(setting["leila"], request.id, "We sorted it out.")
    db.session.commit()

    refused = post_form(client, f"{path}/message", {"body": "Wait, one more thing", "submission_key": key})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "This request is closed" in page
    assert "Wait, one more thing" in page and 'id="body"' in page
    assert _count(AdvocacyMessage) == 0


def test_urgent_requests_are_due_in_four_hours_and_every_advocate_is_told(setting, signed_in) -> None:
    travel_to(datetime(2026, 11, 28, 22, 0, tzinfo=UTC))  # a Saturday night
    client = signed_in(setting["maya"].user)
    _ask(client, urgent="yes")
    request = _request()
    assert request.acknowledge_due_at == request.allocate_due_at
    assert_at(request.acknowledge_due_at, datetime(2026, 11, 29, 2, 0, tzinfo=UTC))
    told = set(db.session.scalars(select(OutboxMessage.to_address)))
    assert {setting["sam"].email, setting["ali"].email, setting["leila"].email} <= told
    assert setting["stranger"].email not in told


# Clocks and flask tick -----------------------------------------------------------------------------------


def test_overdue_clocks_are_flagged_once_and_stand_out_for_the_manager(setting, signed_in) -> None:
    travel_to(datetime(2026, 11, 27, 16, 0, tzinfo=UTC))  # Friday 16:00
    _ask(signed_in(setting["maya"].user))
    request = _request()
    assert_at(request.acknowledge_due_at, datetime(2026, 11, 30, 16, 0, tzinfo=UTC))  # Monday
    db.session.query(OutboxMessage).delete()
    db.session.commit()

    travel_to(datetime(2026, 11, 30, 15, 59, tzinfo=UTC))
    assert tick.run().advocacy_clocks_overdue == 0
    travel_to(datetime(2026, 11, 30, 16, 1, tzinfo=UTC))
    assert tick.run().advocacy_clocks_overdue == 1
    assert tick.run().advocacy_clocks_overdue == 0
    assert [m.to_address for m in db.session.scalars(select(OutboxMessage))] == [setting["leila"].email]

    manager = signed_in(setting["leila"]).get("/advocate/").get_data(as_text=True)
    assert "1 item is overdue" in manager and "orbit-queue__row--overdue" in manager and "Overdue" in manager

    travel_to(datetime(2026, 12, 1, 16, 1, tzinfo=UTC))  # Tuesday: the allocate clock runs out too
    assert tick.run().advocacy_clocks_overdue == 1


def test_the_queue_is_ordered_by_what_is_due_first_and_refreshes_in_place(setting, signed_in) -> None:
    council = setting["council"]
    later = factories.young_person(council, first_name="Later")
    sooner = factories.young_person(council, first_name="Sooner")
    factories.advocacy_request(later)
    factories.advocacy_request(sooner, urgent=True)
    db.session.commit()
    client = signed_in(setting["sam"])

    page = client.get("/advocate/queue").get_data(as_text=True)
    assert page.index("Sooner") < page.index("Later")
    fragment = client.get("/advocate/queue", headers={"HX-Request": "true", "X-Orbit-Background": "1"})
    text = fragment.get_data(as_text=True)
    assert text.lstrip().startswith('<div id="advocacy-queue"') and "<html" not in text
    assert "Sooner" in text


def test_a_queue_row_says_who_where_in_what_language_and_who_has_it(setting, signed_in) -> None:
    maya = setting["maya"]
    maya.last_name = "Okafor"
    maya.user.locale = "ps"
    factories.advocacy_request(maya, advocate=setting["ali"])
    no_account = factories.young_person(setting["council"], first_name="Jo", last_name="Bloggs", with_account=False)
    waiting = factories.advocacy_request(no_account)
    db.session.commit()

    page = signed_in(setting["leila"]).get("/advocate/").get_data(as_text=True)
    rows = re.findall(r'<tr class="govuk-table__row[^"]*">(.*?)</tr>', page, re.S)
    maya_row = next(row for row in rows if "Maya" in row)
    jo_row = next(row for row in rows if "Jo Bloggs" in row)
    assert "<bdi>Maya Okafor</bdi>" in maya_row and "Language: Pashto" in maya_row
    assert "Brightwater Council" in maya_row and f"{setting['ali'].full_name}</td>" in maya_row
    assert "No one yet" not in maya_row
    assert "Language:" not in jo_row and "No one yet" in jo_row and "Brightwater Council" in jo_row
    assert f'href="/advocate/requests/{waiting.id}"' in jo_row


def _queue_rows(client) -> dict[str, str]:
    """The queue's rows by young person's first name."""
    page = client.get("/advocate/").get_data(as_text=True)
    rows = re.findall(r'<tr class="govuk-table__row[^"]*">(.*?)</tr>', page, re.S)
    return {re.search(r"<bdi>(\w+)", row).group(1): row for row in rows if "<bdi>" in row}


def test_a_queue_row_with_no_advocate_says_who_is_already_their_advocate(setting, signed_in) -> None:
    maya, sam, ali, leila = setting["maya"], setting["sam"], setting["ali"], setting["leila"]
    factories.allocate(maya, sam, AllocationKind.advocate)
    factories.advocacy_request(maya)
    factories.advocacy_request(factories.young_person(setting["council"], first_name="Jo"))
    db.session.commit()

    rows = _queue_rows(signed_in(leila))
    already = rf"No one yet<br><span[^>]*>Already their advocate: <bdi>{sam.full_name}</bdi></span>"
    assert re.search(already, rows["Maya"])
    assert "No one yet</td>" in rows["Jo"] and "Already" not in rows["Jo"]
    rows = _queue_rows(signed_in(sam))
    assert 'No one yet<br><span class="orbit-origin">You are already their advocate</span>' in rows["Maya"]
    assert "already" not in rows["Jo"]
    rows = _queue_rows(signed_in(ali))  # other advocates do not learn who their colleagues' young people are
    assert "already" not in rows["Maya"].lower() and sam.full_name not in rows["Maya"]

    assert _allocation_queries(signed_in(leila), "/advocate/") == 1  # one for the whole page

    request = _request_for(maya)
    assert post_form(signed_in(sam), f"/advocate/requests/{request.id}/accept").status_code == 303
    rows = _queue_rows(signed_in(leila))
    assert f"{sam.full_name}</td>" in rows["Maya"] and "already" not in rows["Maya"].lower()
    jo = _request_for(next(p for p in db.session.scalars(select(YoungPerson)) if p.first_name == "Jo"))
    assert post_form(signed_in(ali), f"/advocate/requests/{jo.id}/accept").status_code == 303
    assert _allocation_queries(signed_in(leila), "/advocate/") == 0  # every row has an advocate: nothing asked


@pytest.mark.parametrize("gone", ["ended", "left_the_service", "other_service"])
def test_a_queue_row_names_no_advocate_who_cannot_get_in_touch(setting, signed_in, gone) -> None:
    travel_to(OFFERED_AT)
    _advocate_who_cannot_get_in_touch(setting, gone)
    factories.advocacy_request(setting["maya"])
    db.session.commit()

    row = _queue_rows(signed_in(setting["leila"]))["Maya"]
    assert "No one yet</td>" in row and "already" not in row.lower()


def test_a_queue_row_names_the_latest_of_two_advocates_as_who_s_who_does(setting, signed_in) -> None:
    travel_to(OFFERED_AT)
    maya, sam, ali = setting["maya"], setting["sam"], setting["ali"]
    factories.allocate(maya, sam, AllocationKind.advocate).started_on = OFFERED_AT.date() - timedelta(days=2)
    factories.allocate(maya, ali, AllocationKind.advocate).started_on = OFFERED_AT.date() - timedelta(days=30)
    factories.advocacy_request(maya)
    db.session.commit()

    assert f"Already their advocate: <bdi>{sam.full_name}</bdi>" in _queue_rows(signed_in(setting["leila"]))["Maya"]
    assert "You are already their advocate" in _queue_rows(signed_in(sam))["Maya"]
    assert "already" not in _queue_rows(signed_in(ali))["Maya"].lower()


def test_two_advocates_from_the_same_day_the_one_allocated_last_is_named_everywhere(setting, signed_in) -> None:
    """A tie on the start day goes to the allocation made last, in "Who's who", the offer, the request and the queue
    alike, so Maya is never told one name while another advocate is told it is them."""
    travel_to(OFFERED_AT)
    maya, sam, ali = setting["maya"], setting["sam"], setting["ali"]
    same_day = OFFERED_AT.date() - timedelta(days=1)
    earlier = factories.allocate(maya, ali, AllocationKind.advocate)  # stored first, so a sort by day alone picks it
    later = factories.allocate(maya, sam, AllocationKind.advocate)
    for allocation, made in ((later, OFFERED_AT - timedelta(hours=1)), (earlier, OFFERED_AT - timedelta(hours=5))):
        allocation.started_on, allocation.created_at = same_day, made
    _offer(maya, "home_changed")
    client = signed_in(maya.user)

    home = client.get("/me/").get_data(as_text=True)
    assert re.search(r"Your advocate</p>\s*<p class=\"orbit-who__name\">Sam</p>", home)
    assert "Your advocate, <bdi>Sam</bdi>, will get in touch" in _offer_box(home)
    assert post_form(client, f"/me/advocate/offers/{_latest_offer_id(maya)}", {"answer": "yes"}).status_code == 303
    assert "You are already their advocate" in _queue_rows(signed_in(sam))["Maya"]
    assert "already" not in _queue_rows(signed_in(ali))["Maya"].lower()


def _latest_offer_id(person) -> uuid.UUID:
    db.session.expire_all()
    return db.session.scalars(select(AdvocacyOffer.id).where(AdvocacyOffer.young_person_id == person.id)).one()


def _request_for(person) -> AdvocacyRequest:
    db.session.expire_all()
    return db.session.scalars(select(AdvocacyRequest).where(AdvocacyRequest.young_person_id == person.id)).one()


def test_a_long_queue_comes_a_page_at_a_time_with_nothing_out_of_reach(setting, signed_in) -> None:
    for n in range(30):
        person = factories.young_person(setting["council"], first_name=f"Person{n:02d}")
        factories.advocacy_request(person, urgent=n == 29)
    db.session.commit()
    client = signed_in(setting["leila"])

    def names(path: str) -> set[str]:
        return set(re.findall(r"Person\d\d", client.get(path).get_data(as_text=True)))

    first = client.get("/advocate/").get_data(as_text=True)
    assert "30 open items" in first and "Showing the 25 due first of 30." in first and "Page 1 of 2" in first
    assert first.index("Person29") < first.index("Person00")  # urgent, so due first
    assert len(names("/advocate/")) == 25 and len(names("/advocate/?page=2")) == 5
    assert names("/advocate/") | names("/advocate/?page=2") == {f"Person{n:02d}" for n in range(30)}
    second = client.get("/advocate/?page=2").get_data(as_text=True)
    assert 'hx-get="/advocate/queue?page=2"' in second  # the refresh keeps the page being read
    assert names("/advocate/?page=99") == names("/advocate/?page=2")


def test_advocates_find_their_young_people_on_their_own_page(setting, signed_in) -> None:
    factories.allocate(setting["maya"], setting["sam"], AllocationKind.advocate)
    db.session.commit()
    sam = signed_in(setting["sam"])
    assert 'href="/advocate/young-people"' in sam.get("/advocate/").get_data(as_text=True)
    assert "Maya" in sam.get("/advocate/young-people").get_data(as_text=True)
    assert "Maya" not in sam.get("/advocate/young-people?q=zed").get_data(as_text=True)
    assert "Maya" in signed_in(setting["leila"]).get("/advocate/young-people").get_data(as_text=True)
    looks = db.session.scalars(
        select(AuditEvent.actor_id).where(AuditEvent.action == AuditAction.advocacy_young_people_viewed)
    ).all()
    assert sorted(looks) == sorted([setting["sam"].id, setting["sam"].id, setting["leila"].id])
    for outsider in ("ali", "stranger"):
        assert "Maya" not in signed_in(setting[outsider]).get("/advocate/young-people").get_data(as_text=True)


def test_the_manager_reassigns_within_the_service_only(setting, signed_in) -> None:
    maya, leila, ali, stranger = setting["maya"], setting["leila"], setting["ali"], setting["stranger"]
    request = factories.advocacy_request(maya, advocate=setting["sam"])
    factories.allocate(maya, setting["sam"], AllocationKind.advocate)
    db.session.commit()
    client = signed_in(leila)

    refused = post_form(client, f"/advocate/requests/{request.id}/reassign", {"advocate": str(stranger.id)})
    assert refused.status_code == 200
    assert "Choose an advocate from your own service" in refused.get_data(as_text=True)
    junk = post_form(client, f"/advocate/requests/{request.id}/reassign", {"advocate": "<script>x</script>"})
    assert junk.status_code == 200 and "<script>x</script>" not in junk.get_data(as_text=True)
    assert _request().advocate_id == setting["sam"].id

    moved = post_form(client, f"/advocate/requests/{request.id}/reassign", {"advocate": str(ali.id)})
    assert moved.status_code == 303
    assert _request().advocate_id == ali.id
    current = db.session.scalars(
        select(Allocation.staff_id).where(
            Allocation.young_person_id == maya.id,
            Allocation.kind == AllocationKind.advocate,
            (Allocation.ended_on.is_(None)) | (Allocation.ended_on > clock.today()),
        )
    ).all()
    assert current == [ali.id]
    # Sam no longer has it, so no longer sees it; an advocate may not reassign at all.
    assert signed_in(setting["sam"]).get(f"/advocate/requests/{request.id}").status_code == 404
    assert (
        post_form(signed_in(ali), f"/advocate/requests/{request.id}/reassign", {"advocate": str(ali.id)}).status_code
        == 403
    )


def test_the_managers_figures(setting, signed_in) -> None:
    maya = setting["maya"]
    offer = _offer(maya, "joined")
    advocacy.answer_offer(maya.user, offer.id, "no")
    other = factories.young_person(setting["council"], first_name="Kai")
    request = factories.advocacy_request(other, topic="immigration")
    request.acknowledged_at = request.created_at + timedelta(hours=3)
    db.session.commit()

    page = signed_in(setting["leila"]).get("/advocate/figures").get_data(as_text=True)
    assert "Immigration or status" in page
    assert re.search(r"Declined \(no thanks\)</dt><dd[^>]*>1<", page)
    assert "3 hours 0 minutes" in page
    assert signed_in(setting["sam"]).get("/advocate/figures").status_code == 403
    assert signed_in(setting["leila"]).get("/advocate/figures?months=<script>").status_code == 200


# Bad input --------------------------------------------------------------------------------------------------


def test_empty_long_and_script_messages(setting, signed_in) -> None:
    maya = setting["maya"]
    request = factories.advocacy_request(maya, advocate=setting["sam"])
    db.session.commit()
    young = signed_in(maya.user)
    path = f"/me/advocate/requests/{request.id}"

    empty, _ = _message(young, path, "   ")
    assert empty.status_code == 200 and "Write a message" in empty.get_data(as_text=True)
    long, _ = _message(young, path, "x" * 2001)
    assert long.status_code == 200 and "2000 letters or fewer" in long.get_data(as_text=True)
    assert "x" * 2001 in long.get_data(as_text=True)  # nothing typed is lost
    assert _count(AdvocacyMessage) == 0

    script, key = _message(young, path, "<script>alert('hi')</script>")
    again = post_form(young, f"{path}/message", {"body": "<script>alert('hi')</script>", "submission_key": key})
    assert script.status_code == again.status_code == 303
    assert _count(AdvocacyMessage) == 1
    seen = signed_in(setting["sam"]).get(f"/advocate/requests/{request.id}").get_data(as_text=True)
    assert "<script>alert('hi')</script>" not in seen and "&lt;script&gt;" in seen


def test_bad_ask_forms_keep_what_was_typed(setting, signed_in) -> None:
    client = signed_in(setting["maya"].user)
    bad_topic, _ = _ask(client, topic="<script>", wants="keep me")
    assert bad_topic.status_code == 200 and "Choose what it is about" in bad_topic.get_data(as_text=True)
    assert "keep me" in bad_topic.get_data(as_text=True)
    no_phone, _ = _ask(client, ways=["phone_call"])
    assert "Write your phone number" in no_phone.get_data(as_text=True)
    bad_phone, _ = _ask(client, ways=["text"], phone="call me maybe")
    assert "using numbers" in bad_phone.get_data(as_text=True)
    made_up, _ = _ask(client, ways=["pigeon"])
    assert "Choose ways from the list" in made_up.get_data(as_text=True)
    too_long, _ = _ask(client, wants="y" * 1001)
    assert "1000 letters or fewer" in too_long.get_data(as_text=True)
    assert _count(AdvocacyRequest) == 0


def test_someone_elses_young_person_is_not_found(setting, signed_in) -> None:
    maya, stranger = setting["maya"], setting["stranger"]
    request = factories.advocacy_request(maya)
    offer = factories.advocacy_offer(maya)
    other_council = factories.CouncilFactory()
    other = factories.young_person(other_council, first_name="Zed")
    db.session.commit()
    zed = signed_in(other.user)

    assert zed.get(f"/me/advocate/requests/{request.id}").status_code == 404
    assert post_form(zed, f"/me/advocate/offers/{offer.id}", {"answer": "no"}).status_code == 404
    assert post_form(zed, f"/me/advocate/requests/{request.id}/message", {"body": "hi"}).status_code == 404
    assert post_form(zed, f"/me/advocate/requests/{request.id}/stop").status_code == 404
    far = signed_in(stranger)
    assert far.get(f"/advocate/requests/{request.id}").status_code == 404
    assert post_form(far, f"/advocate/requests/{request.id}/accept").status_code == 404
    assert "Maya" not in far.get("/advocate/").get_data(as_text=True)
    assert "Maya" not in far.get("/advocate/young-people").get_data(as_text=True)
    db.session.refresh(offer)
    assert offer.status is OfferStatus.open and _request().advocate_id is None


def test_a_service_no_longer_working_for_a_council_sees_nothing(setting, signed_in) -> None:
    request = factories.advocacy_request(setting["maya"])
    setting["council"].advocacy_service_id = setting["stranger"].advocacy_service_id
    db.session.commit()
    assert signed_in(setting["sam"]).get(f"/advocate/requests/{request.id}").status_code == 404
    leila = signed_in(setting["leila"])
    assert "Maya" not in leila.get("/advocate/").get_data(as_text=True)
    assert "Maya" not in leila.get("/advocate/young-people").get_data(as_text=True)


def test_two_advocates_accepting_leaves_one_advocate(setting, signed_in) -> None:
    request = factories.advocacy_request(setting["maya"])
    db.session.commit()
    assert post_form(signed_in(setting["sam"]), f"/advocate/requests/{request.id}/accept").status_code == 303
    late = post_form(signed_in(setting["ali"]), f"/advocate/requests/{request.id}/accept")
    assert late.status_code == 404  # Sam has it now: Ali no longer sees it
    assert _request().advocate_id == setting["sam"].id


def test_an_advocate_cannot_message_before_taking_it_on(setting, signed_in) -> None:
    request = factories.advocacy_request(setting["maya"])
    db.session.commit()
    client = signed_in(setting["sam"])
    response = post_form(
        client, f"/advocate/requests/{request.id}/message", {"body": "hello", "submission_key": str(uuid.uuid4())}
    )
    assert response.status_code == 200 and "Take this on first" in response.get_data(as_text=True)
    assert _count(AdvocacyMessage) == 0


def test_a_decline_after_an_accept_in_another_tab_leaves_one_state(setting, signed_in) -> None:
    maya = setting["maya"]
    offer = _offer(maya, "joined")
    tab_one, tab_two = signed_in(maya.user), signed_in(maya.user)
    assert post_form(tab_one, f"/me/advocate/offers/{offer.id}", {"answer": "yes"}).status_code == 303
    assert post_form(tab_two, f"/me/advocate/offers/{offer.id}", {"answer": "no"}).status_code == 303
    db.session.refresh(offer)
    assert offer.status is OfferStatus.declined
    assert _count(AdvocacyRequest, AdvocacyRequest.status != RequestStatus.closed) == 0
    # Once an advocate is working with them, a stale "no thanks" says where to go instead.
    assert post_form(tab_one, f"/me/advocate/offers/{offer.id}", {"answer": "yes"}).status_code == 303
    request = _request()
    advocacy.accept(setting["sam"], request.id)
    db.session.commit()
    stale = post_form(tab_two, f"/me/advocate/offers/{offer.id}", {"answer": "no"})
    assert stale.status_code == 409 and "already working with you" in stale.get_data(as_text=True)
    assert _request().status is RequestStatus.allocated


@pytest.mark.skipif(not POSTGRES_URL, reason="a real race needs PostgreSQL's row locks")
def test_a_decline_and_an_accept_racing_leave_exactly_one_state(app, setting) -> None:
    maya = setting["maya"]
    offer = _offer(maya, "joined")
    user_id, offer_id = maya.user.id, offer.id
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def answer(which: str) -> None:
        with app.app_context():
            from app.models import User

            user = db.session.get(User, user_id)
            barrier.wait()
            try:
                outcomes[which] = advocacy.answer_offer(user, offer_id, which)
                db.session.commit()
            except Exception as error:  # a refusal is a clear outcome too
                db.session.rollback()
                outcomes[which] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=answer, args=(which,)) for which in ("yes", "no")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    db.session.expire_all()
    offer = db.session.get(AdvocacyOffer, offer_id)
    open_requests = _count(AdvocacyRequest, AdvocacyRequest.status != RequestStatus.closed)
    if offer.status is OfferStatus.accepted:
        assert open_requests == 1
    else:
        assert offer.status is OfferStatus.declined and open_requests == 0
    assert _count(AdvocacyRequest) <= 1
