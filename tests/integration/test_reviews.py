"""Reviews through the Flask test client on a real database: dates on the statutory pattern, "my views" drafted
over two visits, the check page, sending (twice), notes, the reviewing officer's list, pack and PDF, what was
decided, agree and disagree, bad input, someone else's review, and the advocacy offer from tick."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import (
    AllocationKind,
    AuditAction,
    AuditEvent,
    OutboxMessage,
    PersonWhoMatters,
    Review,
    ReviewNote,
    ReviewResponse,
    ReviewStatus,
    ReviewViews,
)
from app.roles import Role
from app.services import reviews
from app.views.shared.review_pdf import language_text
from app.views.shared.review_words import STEP_SLUGS
from tests import factories
from tests.conftest import csrf_token, post_form, sign_in_as

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def world(app):
    """Maya (came into care 40 days ago) with social worker Priya, reviewing officer Tom and advocate Sam; Nan
    (shared with her review) and Jay (private) matter to her. A stranger council with its own officer."""
    council = factories.CouncilFactory(reviewing_officer_title="Independent Reviewing Officer")
    maya = factories.young_person(council, first_name="Maya", entered_care_on=clock.today() - timedelta(days=40))
    staff = {
        Role.practitioner: factories.staff(Role.practitioner, council, first_name="Priya"),
        Role.reviewing_officer: factories.staff(Role.reviewing_officer, council, first_name="Tom", last_name="Reed"),
        Role.advocate: factories.staff(Role.advocate, council, first_name="Sam"),
    }
    factories.allocate(maya, staff[Role.practitioner], AllocationKind.social_worker)
    factories.allocate(maya, staff[Role.reviewing_officer], AllocationKind.reviewing_officer)
    factories.allocate(maya, staff[Role.advocate], AllocationKind.advocate)
    nan = factories.person_who_matters(maya, name="Nan", wish="more", audiences=("review",))
    jay = factories.person_who_matters(maya, name="Jay", kind="brother", circle="close")
    other_council = factories.CouncilFactory()
    other = factories.young_person(other_council, first_name="Other")
    stranger_officer = factories.staff(Role.reviewing_officer, other_council, first_name="Stranger")
    factories.allocate(other, stranger_officer, AllocationKind.reviewing_officer)
    spare_officer = factories.staff(Role.reviewing_officer, council, first_name="Spare")
    db.session.commit()
    return {
        "maya": maya,
        "staff": staff,
        "nan": nan,
        "jay": jay,
        "other": other,
        "stranger_officer": stranger_officer,
        "spare_officer": spare_officer,
    }


def _text(response) -> str:
    return response.get_data(as_text=True)


def _schedule(client, world, days: int = 10, **extra) -> Review:
    held_on = clock.today() + timedelta(days=days)
    data = {
        "held_on": [str(held_on.day), str(held_on.month), str(held_on.year)],
        "starts_at": "10:30",
        "place": "At school",
        **extra,
    }
    response = post_form(client, f"/practitioner/young-people/{world['maya'].id}/reviews", data)
    assert response.status_code == 303, _text(response)
    db.session.expire_all()
    return db.session.scalar(
        select(Review).where(Review.young_person_id == world["maya"].id, Review.held_on == held_on)
    )


def _views(world) -> ReviewViews | None:
    db.session.expire_all()
    return db.session.scalar(select(ReviewViews).where(ReviewViews.young_person_id == world["maya"].id))


# The statutory pattern, as a practitioner sees it ----------------------------------------------------------


def test_the_practitioner_is_offered_the_statutory_date_and_late_reviews_are_flagged(world, signed_in) -> None:
    priya = signed_in(world["staff"][Role.practitioner])
    page = _text(priya.get(f"/practitioner/young-people/{world['maya'].id}/reviews"))
    due = clock.working_days_after(world["maya"].entered_care_on, 20)
    assert "Review 1 was due by" in page  # 40 calendar days in care: the first review is already late
    review = _schedule(priya, world, days=3)
    assert review.number == 1
    assert review.due_on == due
    assert review.is_late
    assert review.chair_id == world["staff"][Role.reviewing_officer].id
    page = _text(priya.get(f"/practitioner/young-people/{world['maya'].id}/reviews"))
    assert "Late" in page
    proposed = clock.add_months(review.held_on, 3)
    assert f'value="{proposed:%d}"' in page  # the second review is proposed 3 months after the first
    second = _schedule(priya, world, days=(proposed - clock.today()).days)
    assert second.number == 2 and second.due_on == proposed and not second.is_late


def test_the_date_they_came_into_care_can_be_added_when_setting_the_first_review(app, signed_in) -> None:
    council = factories.CouncilFactory()
    lee = factories.young_person(council, first_name="Lee")
    priya = factories.staff(Role.practitioner, council, first_name="Priya")
    factories.allocate(lee, priya, AllocationKind.social_worker)
    db.session.commit()
    client = signed_in(priya)
    page = _text(client.get(f"/practitioner/young-people/{lee.id}/reviews"))
    assert "cannot work out when review 1 is due" in page
    came = clock.today() - timedelta(days=5)
    held = clock.today() + timedelta(days=7)
    response = post_form(
        client,
        f"/practitioner/young-people/{lee.id}/reviews",
        {
            "held_on": [held.day, held.month, held.year],
            "entered_care_on": [came.day, came.month, came.year],
        },
    )
    assert response.status_code == 303
    db.session.expire_all()
    review = db.session.scalar(select(Review).where(Review.young_person_id == lee.id))
    assert review.due_on == clock.working_days_after(came, 20)


def test_bad_review_dates_are_refused_with_what_was_typed_kept(world, signed_in) -> None:
    priya = signed_in(world["staff"][Role.practitioner])
    url = f"/practitioner/young-people/{world['maya'].id}/reviews"
    past = clock.today() - timedelta(days=1)
    page = _text(
        post_form(
            priya,
            url,
            {"held_on": [past.day, past.month, past.year], "place": "Library"},
        )
    )
    assert "The review date must be today or later" in page
    assert 'value="Library"' in page
    page = _text(post_form(priya, url, {"held_on": ["31", "2", "2030"]}))
    assert "There is a problem" in page
    soon = clock.today() + timedelta(days=3)
    page = _text(
        post_form(
            priya,
            url,
            {"held_on": [soon.day, soon.month, soon.year], "starts_at": "25:99"},
        )
    )
    assert "Enter a time like 10:30" in page
    db.session.expire_all()
    assert db.session.scalar(select(Review)) is None


# The young person's views, over two visits -----------------------------------------------------------------


def test_views_are_drafted_over_two_visits_checked_and_sent_once(app, world, signed_in) -> None:
    review = _schedule(signed_in(world["staff"][Role.practitioner]), world)
    maya = signed_in(world["maya"].user)
    page = _text(maya.get("/me/review"))
    assert "Tom Reed" in page and "who runs your review (their job is called: Independent Reviewing Officer)" in page
    assert "Runs your review meetings" in page
    assert "10:30" in page and "At school" in page
    assert "LAC" not in page and "placement" not in page.lower()

    # First visit: two steps, one saved by htmx as she types, one with the plain button; then her phone dies.
    token = csrf_token(maya, "/me/review/views/going-well")
    response = maya.post(
        "/me/review/views/going-well",
        data={"csrf_token": token, "text": "I like my school"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Saved." in _text(response) and "<html" not in _text(response)
    response = post_form(maya, "/me/review/views/hard", {"text": f"Moving again {SCRIPT}", "save": "1"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/me/review/views/people")
    assert _views(world).sent_at is None

    # Second visit, on a new session: nothing lost.
    later = app.test_client()
    sign_in_as(later, world["maya"].user)
    page = _text(later.get("/me/review/views/hard"))
    assert "Moving again &lt;script&gt;" in page and SCRIPT not in page
    page = _text(later.get("/me/review/views/people"))
    assert "Nan" in page and "Jay" in page
    # Tell it once: Nan (already shared with "my review") is ticked, Jay is not.
    assert re.search(f'value="{world["nan"].id}"[^>]*checked', page)
    assert not re.search(f'value="{world["jay"].id}"[^>]*checked', page)
    post_form(later, "/me/review/views/people", {"people": [str(world["jay"].id)], "people_words": "Jay is my brother"})
    post_form(later, "/me/review/views/taking-part", {"attendance": "chair", "extras": ["with_advocate"]})
    post_form(later, "/me/review/views/change", {"text": "", "later": "1"})  # left empty: fine

    page = _text(later.get("/me/review/check"))
    assert "Tom Reed" in page and "No one else." in page
    assert "I like my school" in page and "Jay" in page
    assert "I want to run my review, or part of it" in page
    assert page.count("Change<span") == 6
    # Still private: the officer cannot see a draft.
    tom = signed_in(world["staff"][Role.reviewing_officer])
    assert "I like my school" not in _text(tom.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack"))

    response = post_form(later, "/me/review/send")
    assert response.status_code == 303 and "done=sent" in response.headers["Location"]
    views = _views(world)
    assert views.sent_at is not None and views.review_id == review.id
    db.session.expire_all()
    assert db.session.get(PersonWhoMatters, world["jay"].id).shared_with_review  # included: now shared
    assert not db.session.get(PersonWhoMatters, world["nan"].id).shared_with_review  # left out: no longer shared
    sent_at = views.sent_at

    # Sending twice (a double tap): the first sending stands, nothing changes.
    response = post_form(later, "/me/review/send")
    assert response.status_code == 303
    assert _views(world).sent_at == sent_at
    # Steps can no longer change what was sent.
    response = post_form(later, "/me/review/views/going-well", {"text": "Changed my mind"})
    assert "You already sent your views" in _text(response)
    assert _views(world).going_well == "I like my school"
    messages = db.session.scalars(select(OutboxMessage)).all()
    assert any("views have arrived" in m.subject for m in messages)
    assert all("Maya" not in m.body and "school" not in m.body for m in messages)


def test_sending_empty_views_is_refused_plainly(world, signed_in) -> None:
    _schedule(signed_in(world["staff"][Role.practitioner]), world)
    maya = signed_in(world["maya"].user)
    db.session.get(PersonWhoMatters, world["nan"].id).shared_with_review = False
    db.session.commit()
    for step in ("going-well", "hard", "family-time", "change"):
        post_form(maya, f"/me/review/views/{step}", {"text": "   "})
    page = _text(maya.get("/me/review/check"))
    assert "There is nothing to send yet" in page
    response = post_form(maya, "/me/review/send")
    assert response.status_code == 200
    assert "There is nothing to send yet" in _text(response)
    assert _views(world).sent_at is None


def test_too_long_answers_are_refused_and_kept(world, signed_in) -> None:
    _schedule(signed_in(world["staff"][Role.practitioner]), world)
    maya = signed_in(world["maya"].user)
    long = "a" * 2001
    response = post_form(maya, "/me/review/views/going-well", {"text": long})
    assert response.status_code == 200
    assert "Write 2000 letters or fewer" in _text(response)
    assert long in _text(response)
    token = csrf_token(maya, "/me/review/views/going-well")
    response = maya.post(
        "/me/review/views/going-well", data={"csrf_token": token, "text": long}, headers={"HX-Request": "true"}
    )
    assert "Not saved." in _text(response)
    views = _views(world)
    assert views is None or not views.going_well


def test_someone_elses_people_cannot_be_included(world, signed_in) -> None:
    _schedule(signed_in(world["staff"][Role.practitioner]), world)
    theirs = factories.person_who_matters(world["other"], name="Theirs")
    db.session.commit()
    maya = signed_in(world["maya"].user)
    page = _text(post_form(maya, "/me/review/views/people", {"people": [str(theirs.id)]}))
    assert "Choose people from the list" in page
    page = _text(post_form(maya, "/me/review/views/people", {"people": ["not-a-uuid"]}))
    assert "Choose people from the list" in page
    page = _text(post_form(maya, "/me/review/views/taking-part", {"attendance": "dance"}))
    assert "Choose one of the options shown" in page


def test_without_a_review_date_there_are_no_steps_but_notes_wait_for_one(world, signed_in) -> None:
    maya = signed_in(world["maya"].user)
    page = _text(maya.get("/me/review"))
    assert "There is no date for your next review yet" in page
    assert "There is no date for your next review yet" in _text(maya.get("/me/review/views/going-well"))
    assert "There is no date for your next review yet" in _text(maya.get("/me/review/check"))
    post_form(maya, "/me/review/views/going-well", {"text": "Nothing to save it to"})
    assert db.session.scalar(select(ReviewViews)) is None
    response = post_form(maya, "/me/review/note", {"words": "I want to see Jay more"})
    assert response.status_code == 303
    note = db.session.scalar(select(ReviewNote))
    assert note.review_id is None
    page = _text(post_form(maya, "/me/review/note", {"words": "   "}))
    assert "Write your note first" in page
    review = _schedule(signed_in(world["staff"][Role.practitioner]), world)
    db.session.expire_all()
    assert db.session.get(ReviewNote, note.id).review_id == review.id  # the note goes with the review set next


def test_moving_a_review_keeps_the_views_with_it(world, signed_in) -> None:
    priya = signed_in(world["staff"][Role.practitioner])
    review = _schedule(priya, world)
    maya = signed_in(world["maya"].user)
    post_form(maya, "/me/review/views/going-well", {"text": "Football"})
    post_form(maya, "/me/review/send")
    new_day = clock.today() + timedelta(days=20)
    response = post_form(
        priya,
        f"/practitioner/reviews/{review.id}/change",
        {"held_on": [new_day.day, new_day.month, new_day.year]},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Review, review.id).held_on == new_day
    assert _views(world).review_id == review.id
    page = _text(maya.get("/me/review"))
    assert "You sent your views" in page


# The reviewing officer ---------------------------------------------------------------------------------------


def _sent_views(world, signed_in, days: int = 10) -> Review:
    review = _schedule(signed_in(world["staff"][Role.practitioner]), world, days=days)
    maya = signed_in(world["maya"].user)
    post_form(maya, "/me/review/views/going-well", {"text": "Football on Saturdays"})
    post_form(maya, "/me/review/views/change", {"text": "I want to see Jay more"})
    post_form(maya, "/me/review/views/taking-part", {"attendance": "go", "extras": ["talk_before"]})
    post_form(maya, "/me/review/send")
    post_form(maya, "/me/review/note", {"words": "ليس لدي هاتف"})
    return review


def test_the_officer_sees_upcoming_reviews_the_pack_and_a_pdf(world, signed_in) -> None:
    _sent_views(world, signed_in)
    tom = signed_in(world["staff"][Role.reviewing_officer])
    page = _text(tom.get("/reviewing-officer/reviews"))
    assert "Maya" in page and "Arrived" in page
    assert "Not known yet" in page or "No" in page  # whether an advocate attends comes from the advocacy feature
    page = _text(tom.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack"))
    assert "Football on Saturdays" in page and "I want to see Jay more" in page
    assert "Wants to talk to you before the review" in page
    assert "Nan" in page  # shared with "my review"
    assert "Jay" not in page.split("People who matter shared")[1].split("Advocacy")[0]  # private
    assert "ليس لدي هاتف" in page
    response = tom.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == tom_id(world))).all()
    assert AuditAction.review_pack_viewed in actions and AuditAction.review_pack_downloaded in actions
    # Maya can see that Tom looked.
    maya = signed_in(world["maya"].user)
    things = _text(maya.get("/me/my-things"))
    assert "review pack" in things
    assert "Your views for your review, sent" in things and "A note for your review" in things
    assert things.count("Tom, who runs your reviews") >= 2


def test_reviews_waiting_for_what_was_decided_come_before_the_upcoming_list(world, signed_in) -> None:
    """A held review's answers are already due; on a phone the upcoming list is metres long, so the held ones lead."""
    held = factories.review(world["maya"], days_ahead=-3)
    others = [factories.young_person(world["maya"].council, first_name=f"Later{n}") for n in range(3)]
    for n, person in enumerate(others):
        factories.allocate(person, world["staff"][Role.reviewing_officer], AllocationKind.reviewing_officer)
        factories.review(person, days_ahead=5 + n)
    db.session.commit()
    page = _text(signed_in(world["staff"][Role.reviewing_officer]).get("/reviewing-officer/reviews"))
    waiting = page.index("Held, waiting for what was decided")
    assert f"/reviewing-officer/reviews/{held.id}/decisions" in page[waiting:]
    assert waiting < page.index("3 reviews in the next 30 days") < page.index("Later0")


def tom_id(world):
    return world["staff"][Role.reviewing_officer].id


def test_no_other_officer_or_worker_sees_the_views(world, signed_in) -> None:
    review = _sent_views(world, signed_in)
    for user in (world["stranger_officer"], world["spare_officer"]):
        client = signed_in(user)
        assert client.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack").status_code == 404
        assert client.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack.pdf").status_code == 404
        assert client.get(f"/reviewing-officer/reviews/{review.id}/decisions").status_code == 404
        assert "Maya" not in _text(client.get("/reviewing-officer/reviews"))
    priya = signed_in(world["staff"][Role.practitioner])
    assert priya.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack").status_code == 403
    assert "Football" not in _text(priya.get(f"/practitioner/young-people/{world['maya'].id}/reviews"))


def test_decisions_are_written_sent_and_agreed_or_challenged(world, signed_in) -> None:
    review = _sent_views(world, signed_in, days=2)
    tom = signed_in(world["staff"][Role.reviewing_officer])
    url = f"/reviewing-officer/reviews/{review.id}/decisions"
    assert "You can write what was decided from the day of the review" in _text(tom.get(url))
    clock.travel(timedelta(days=2))
    tom = signed_in(world["staff"][Role.reviewing_officer])  # two days on: a new session
    page = _text(tom.get(url))
    keys = re.findall(r'name="decided-([a-z0-9_-]+)"', page)
    assert keys[:4] == ["going_well", "people", "change", "taking_part"] and keys[-1] == "general"
    assert any(k.startswith("note-") for k in keys)
    # Sending with a point unanswered is refused, and what was typed stays.
    data = {"decided-going_well": "Keep football going", "why-going_well": "It makes you happy", "send": "1"}
    page = _text(post_form(tom, url, data))
    assert "Write what was decided" in page and "Keep football going" in page
    # Save a draft: Maya sees nothing yet.
    post_form(tom, url, {**{k: v for k, v in data.items() if k != "send"}, "save": "1"})
    maya = signed_in(world["maya"].user)  # two days on: a new session
    assert "Keep football going" not in _text(maya.get(f"/me/review/{review.id}"))
    answers = {
        f"{part}-{key}": f"{part} for {key} {SCRIPT}" for key in keys if key != "general" for part in ("decided", "why")
    }
    # How she took part is pre-selected from what Orbit knows (views sent, going herself: PN1), and needed to send.
    assert re.search(r'value="PN1"[^>]*checked', _text(tom.get(url)))
    page = _text(post_form(tom, url, {**answers, "send": "1"}))
    assert "Choose how they took part in the review" in page
    page = _text(post_form(tom, url, {**answers, "participation": "PN0", "send": "1"}))
    assert "only for a child under 4" in page
    response = post_form(tom, url, {**answers, "participation": "PN1", "send": "1"})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Review, review.id).participation == "PN1"
    db.session.expire_all()
    assert db.session.get(Review, review.id).status is ReviewStatus.held
    # Sent answers do not change.
    page = _text(post_form(tom, url, {**answers, "decided-change": "Something else", "send": "1"}))
    assert "cannot change" in page

    page = _text(maya.get(f"/me/review/{review.id}"))
    assert "You said" in page and "We decided" in page and "Because" in page
    assert "decided for change &lt;script&gt;" in page and SCRIPT not in page
    response_row = db.session.scalar(select(ReviewResponse).where(ReviewResponse.point_key == "change"))
    prefix = response_row.id.hex
    reply_url = f"/me/review/{review.id}/reply"
    token = {f"{prefix}-csrf_token": csrf_token(maya)}  # each answer's form has its own prefix
    result = post_form(
        maya,
        reply_url,
        {**token, "response": str(response_row.id), f"{prefix}-reaction": "disagree", f"{prefix}-words": "I want more"},
    )
    assert result.status_code == 303
    db.session.expire_all()
    row = db.session.get(ReviewResponse, response_row.id)
    assert row.reaction.value == "disagree" and row.reaction_words == "I want more"
    assert "Does not agree" in _text(tom.get(url)) and "I want more" in _text(tom.get(url))
    assert any("does not agree" in m.subject for m in db.session.scalars(select(OutboxMessage)))
    # She can change her mind; a made-up reaction is refused.
    post_form(maya, reply_url, {**token, "response": str(response_row.id), f"{prefix}-reaction": "agree"})
    db.session.expire_all()
    assert db.session.get(ReviewResponse, response_row.id).reaction.value == "agree"
    page = _text(post_form(maya, reply_url, {**token, "response": str(response_row.id), f"{prefix}-reaction": "maybe"}))
    assert "I agree" in page and "There is a problem" in page


def test_someone_elses_review_is_not_found(world, signed_in) -> None:
    review = _sent_views(world, signed_in)
    theirs = factories.review(world["other"])
    db.session.commit()
    maya = signed_in(world["maya"].user)
    assert maya.get(f"/me/review/{theirs.id}").status_code == 404
    other = signed_in(world["other"].user)
    assert other.get(f"/me/review/{review.id}").status_code == 404
    response = post_form(other, f"/me/review/{review.id}/reply", {"response": str(review.id), "x-reaction": "agree"})
    assert response.status_code == 404
    assert post_form(other, f"/me/review/{review.id}/reply", {"response": "nope"}).status_code == 404


def test_the_review_pages_keep_to_the_query_budget(world, signed_in) -> None:
    from tests.integration.test_people import count_queries

    def measure(client, url: str) -> None:
        client.get(url)
        with count_queries() as statements:
            assert client.get(url).status_code == 200, url
        assert len(statements) <= 10, (url, len(statements))

    _schedule(signed_in(world["staff"][Role.practitioner]), world)
    maya = signed_in(world["maya"].user)
    post_form(maya, "/me/review/views/going-well", {"text": "Football"})
    for url in ("/me/review", *(f"/me/review/views/{slug}" for slug in STEP_SLUGS.values()), "/me/review/check"):
        measure(maya, url)
    post_form(maya, "/me/review/send")
    tom = signed_in(world["staff"][Role.reviewing_officer])
    measure(maya, "/me/review")
    measure(tom, "/reviewing-officer/reviews")
    measure(tom, f"/reviewing-officer/young-people/{world['maya'].id}/review-pack")


# Scheduled work ------------------------------------------------------------------------------------------------


def test_an_advocacy_offer_is_made_working_days_before_the_review(app, world, signed_in) -> None:
    review = _schedule(signed_in(world["staff"][Role.practitioner]), world, days=40)
    due = reviews.advocacy_offer_due(review.held_on)
    assert due.astimezone(clock.LONDON).date() == clock.working_days_before(review.held_on, 10)
    assert reviews.offer_advocacy_due() == 0
    clock.travel(due - clock.now() + timedelta(minutes=1))
    offered = reviews.offer_advocacy_due()
    db.session.commit()
    if reviews._hook("app.services.advocacy", "offer_advocacy") is None:
        assert offered == 0  # kept due until the advocacy feature is there
    else:
        assert offered == 1
        assert reviews.offer_advocacy_due() == 0


def test_statutory_dates_across_bank_holidays() -> None:
    # Came into care on Friday 11 December 2026: 20 working days skip Christmas Day, Boxing Day (Monday 28th),
    # and New Year's Day.
    assert reviews.statutory_due(1, date(2026, 12, 11), None) == date(2027, 1, 13)
    assert reviews.statutory_due(2, None, date(2027, 1, 13)) == date(2027, 4, 13)
    assert reviews.statutory_due(3, None, date(2027, 8, 31)) == date(2028, 2, 29)
    assert reviews.statutory_due(1, None, None) is None


def test_a_new_young_person_can_come_with_the_date_they_came_into_care(world, signed_in) -> None:
    from app.models import YoungPerson

    priya = signed_in(world["staff"][Role.practitioner])
    born, came = clock.today() - timedelta(days=12 * 365), clock.today() - timedelta(days=3)
    form = {
        "first_name": "Ola",
        "date_of_birth": [born.day, born.month, born.year],
        "home_kind": "foster_care",
        "entered_care_on": [came.day, came.month, came.year],
    }
    assert post_form(priya, "/practitioner/young-people/new", form).status_code == 303
    assert db.session.scalar(select(YoungPerson).where(YoungPerson.first_name == "Ola")).entered_care_on == came
    future = clock.today() + timedelta(days=3)
    later = {**form, "entered_care_on": [future.day, future.month, future.year]}
    page = _text(post_form(priya, "/practitioner/young-people/new", later))
    assert "The date they came into care must be after their birth and not in the future" in page


def test_a_language_switched_while_writing_views_loses_nothing(world, signed_in) -> None:
    """Drafts live on the server: a long answer in Tigrinya saved as she types is there after she switches the
    page to Tigrinya, and after switching to Pashto in the middle of the next step."""
    _schedule(signed_in(world["staff"][Role.practitioner]), world)
    maya = signed_in(world["maya"].user)
    words = ("ሰላም " * 500).strip()  # 1,999 characters: nearly the most a step takes
    token = csrf_token(maya, "/me/review/views/going-well")
    saved = maya.post(
        "/me/review/views/going-well", data={"csrf_token": token, "text": words}, headers={"HX-Request": "true"}
    )
    assert saved.status_code == 200 and "Saved." in _text(saved)
    post_form(maya, "/language", {"lang": "ti", "next": "/me/review/views/going-well"})
    page = _text(maya.get("/me/review/views/going-well"))
    assert '<html lang="ti"' in page and words in page
    post_form(maya, "/me/review/views/hard", {"text": "مرحبا Jay 2", "later": "1"})
    post_form(maya, "/language", {"lang": "ps", "next": "/me/review/views/hard"})
    page = _text(maya.get("/me/review/views/hard"))
    assert 'dir="rtl"' in page and "مرحبا Jay 2" in page
    assert _views(world).sent_at is None


def test_staff_see_the_language_a_young_person_uses(app, world, signed_in) -> None:
    """So the service can arrange an interpreter: on the caseload, their page, the review list and the pack."""
    world["maya"].user.locale = "fa_AF"
    db.session.commit()
    _schedule(signed_in(world["staff"][Role.practitioner]), world)
    priya = signed_in(world["staff"][Role.practitioner])
    dari = 'Dari (<span lang="fa-AF" dir="rtl">دری</span>)'
    assert dari in _text(priya.get("/practitioner/"))
    assert dari in _text(priya.get(f"/practitioner/young-people/{world['maya'].id}"))
    assert dari in _text(priya.get(f"/practitioner/young-people/{world['maya'].id}/reviews"))
    tom = signed_in(world["staff"][Role.reviewing_officer])
    assert dari in _text(tom.get("/reviewing-officer/reviews"))
    assert dari in _text(tom.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack"))
    pdf = tom.get(f"/reviewing-officer/young-people/{world['maya'].id}/review-pack.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    with app.test_request_context():
        assert language_text("fa_AF") == "Dari (دری)" and language_text(None) == "Not chosen (English)"
        assert language_text("vi") == "Vietnamese (Tiếng Việt)" and language_text("en") == "English"
