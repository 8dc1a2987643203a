"""Being heard, all the way, through the Flask test client on a real database: "I don't agree" and its three next
steps, "please look again" and its clock, complaints through the statutory stages with time travel, bad input
(empty, too long, a double submit, a next stage asked too late, someone else's complaint, a complaints officer of
another council), who sees what, the advocacy moments firing once and only once, tick, and the figures."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyOffer,
    AdvocacyOfferReason,
    AllocationKind,
    AuditAction,
    AuditEvent,
    Complaint,
    LookAgainRequest,
    OfferReason,
    OutboxMessage,
    ReviewResponse,
)
from app.models.complaints import AdvocacyMoment, ComplaintStageRecord
from app.roles import Role
from app.services import complaints, moments, tick, work_queue
from tests import factories
from tests.conftest import csrf_token, post_form

SCRIPT = "<script>alert('x')</script>"


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def world(app):
    """Maya with social worker Priya, reviewing officer Tom and advocate Sam; Robin in the council's complaints
    team; Leila manages the advocacy service. Another council with its own complaints officer and young person."""
    council = factories.CouncilFactory(name="Brightwater", complaints_manager_email="manager@council.example")
    maya = factories.young_person(council, first_name="Maya")
    staff = {
        Role.practitioner: factories.staff(Role.practitioner, council, first_name="Priya"),
        Role.reviewing_officer: factories.staff(Role.reviewing_officer, council, first_name="Tom"),
        Role.advocate: factories.staff(Role.advocate, council, first_name="Sam"),
        Role.advocacy_manager: factories.staff(Role.advocacy_manager, council, first_name="Leila"),
        Role.complaints_officer: factories.staff(Role.complaints_officer, council, first_name="Robin"),
        Role.duty: factories.staff(Role.duty, council, first_name="Dee"),
    }
    factories.allocate(maya, staff[Role.practitioner], AllocationKind.social_worker)
    factories.allocate(maya, staff[Role.reviewing_officer], AllocationKind.reviewing_officer)
    factories.allocate(maya, staff[Role.advocate], AllocationKind.advocate)
    other_council = factories.CouncilFactory(name="Elsewhere")
    other = factories.young_person(other_council, first_name="Other")
    stranger = factories.staff(Role.complaints_officer, other_council, first_name="Stranger")
    held = factories.review(maya, days_ahead=-10, status="held")
    response = factories.review_response(held, reaction=None)
    db.session.commit()
    return {"maya": maya, "staff": staff, "other": other, "stranger": stranger, "review": held, "response": response}


def _complaint_form(**fields) -> dict:
    return {
        "topic": "my_home",
        "words": "Nobody told me I was moving",
        "wants": "",
        "wants_advocate": "yes",
        "submission_key": str(uuid.uuid4()),
        **fields,
    }


def _offer_reasons(young_person) -> list[OfferReason]:
    return list(
        db.session.scalars(
            select(AdvocacyOfferReason.reason)
            .join(AdvocacyOffer, AdvocacyOffer.id == AdvocacyOfferReason.offer_id)
            .where(AdvocacyOffer.young_person_id == young_person.id)
        )
    )


def _moments(young_person, reason: OfferReason) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(AdvocacyMoment)
        .where(AdvocacyMoment.young_person_id == young_person.id, AdvocacyMoment.reason == reason)
    )


# "I don't agree" and its next steps ---------------------------------------------------------------------------


def test_disagreeing_leads_to_three_next_steps_and_look_again_with_its_clock(world, signed_in) -> None:
    maya = signed_in(world["maya"].user)
    review, response = world["review"], world["response"]
    prefix = response.id.hex
    token = {f"{prefix}-csrf_token": csrf_token(maya)}  # each answer's form has its own prefix
    reply = post_form(
        maya,
        f"/me/review/{review.id}/reply",
        {**token, "response": str(response.id), f"{prefix}-reaction": "disagree"},
    )
    assert reply.status_code == 303
    steps_url = f"/me/review/not-agreed/{response.id}"
    assert reply.headers["Location"].endswith(steps_url)
    page = _text(maya.get(steps_url))
    for step in ("1. Talk to an advocate", "2. Ask them to look again", "3. Make a complaint", "0800 528 0731"):
        assert step in page
    assert "within 5 working days" in page
    # Disagreeing is a moment that brings an advocate: once for this decision, however often they say it.
    assert OfferReason.review_disagreed in _offer_reasons(world["maya"])
    assert _moments(world["maya"], OfferReason.review_disagreed) == 1
    post_form(
        maya, f"/me/review/{review.id}/reply", {**token, "response": str(response.id), f"{prefix}-reaction": "agree"}
    )
    post_form(
        maya, f"/me/review/{review.id}/reply", {**token, "response": str(response.id), f"{prefix}-reaction": "disagree"}
    )
    assert _moments(world["maya"], OfferReason.review_disagreed) == 1
    assert _offer_reasons(world["maya"]).count(OfferReason.review_disagreed) == 1

    asked = post_form(maya, f"{steps_url}/look-again", {"words": f"Please think again {SCRIPT}"})
    assert asked.status_code == 303
    post_form(maya, f"{steps_url}/look-again", {"words": "again"})  # a double submit: one request
    assert db.session.scalar(select(func.count()).select_from(LookAgainRequest)) == 1
    row = db.session.scalar(select(LookAgainRequest))
    assert row.due_at == clock.add_working_days(row.created_at, 5)
    assert "Waiting" in _text(maya.get(steps_url))
    assert any("look again" in m.subject for m in db.session.scalars(select(OutboxMessage)))

    tom = signed_in(world["staff"][Role.reviewing_officer])
    home = _text(tom.get("/reviewing-officer/"))
    assert "1 waiting for a reply" in home and "is overdue" not in home  # said beside "Asked to look again"
    clock.travel(timedelta(days=8))  # past the 5 working days
    waiting = work_queue.counted({"asked": complaints.look_again_waiting(world["staff"][Role.reviewing_officer])})
    assert waiting["asked"] == work_queue.Waiting(1, 1)
    clock.reset_travel()
    listed = _text(tom.get("/reviewing-officer/look-again"))
    assert "Maya" in listed
    page = _text(tom.get(f"/reviewing-officer/look-again/{row.id}"))
    assert "Please think again &lt;script&gt;" in page and SCRIPT not in page
    assert post_form(tom, f"/reviewing-officer/look-again/{row.id}", {"answer": ""}).status_code == 400
    assert (
        post_form(tom, f"/reviewing-officer/look-again/{row.id}", {"answer": "We will talk again"}).status_code == 303
    )
    assert "We will talk again" in _text(maya.get(steps_url))
    assert "waiting for a reply" not in _text(tom.get("/reviewing-officer/"))
    # Another council's officer, and the young person's worker, cannot open it.
    assert (
        signed_in(world["staff"][Role.practitioner]).get(f"/reviewing-officer/look-again/{row.id}").status_code == 403
    )


def test_next_steps_only_after_disagreeing_and_only_for_your_own_answer(world, signed_in) -> None:
    maya = signed_in(world["maya"].user)
    url = f"/me/review/not-agreed/{world['response'].id}"
    assert maya.get(url).status_code == 404  # no "I don't agree" yet
    world["response"].reaction = ReviewResponse.reaction.type.enum_class("disagree")
    db.session.commit()
    assert maya.get(url).status_code == 200
    assert signed_in(world["other"].user).get(url).status_code == 404


# Complaints --------------------------------------------------------------------------------------------------


def test_a_complaint_through_three_stages_with_answers_in_plain_words(world, signed_in) -> None:
    maya = signed_in(world["maya"].user)
    form = _complaint_form(sharing=["advocate", "social_worker"], words=f"Nobody told me {SCRIPT}")
    page = _text(maya.get("/me/complaints/new"))
    assert "the complaints team at Brightwater" in page and "<bdi>Sam</bdi>, your advocate" in page
    made = post_form(maya, "/me/complaints/new", form)
    assert made.status_code == 303
    again = post_form(maya, "/me/complaints/new", form)  # a double submit: the same complaint
    assert again.headers["Location"] == made.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 1
    complaint = db.session.scalar(select(Complaint))
    assert complaint.current.due_at == clock.add_working_days(complaint.created_at, 10)
    # The s26A moment: an advocate offered once for this complaint.
    assert OfferReason.complaint_made in _offer_reasons(world["maya"])
    assert _moments(world["maya"], OfferReason.complaint_made) == 1
    assert any("complaint" in m.subject for m in db.session.scalars(select(OutboxMessage)))

    robin = signed_in(world["staff"][Role.complaints_officer])
    queue = _text(robin.get("/complaints-team/"))
    assert "Maya" in queue and "1 complaint waiting" in queue
    page = _text(robin.get(f"/complaints-team/complaints/{complaint.id}"))
    assert "Nobody told me &lt;script&gt;" in page and SCRIPT not in page
    # More time once, with a reason Maya reads; a second extension is refused.
    assert (
        post_form(robin, f"/complaints-team/complaints/{complaint.id}/extend", {"reason": "", "stage": "1"}).status_code
        == 400
    )
    extended = post_form(
        robin,
        f"/complaints-team/complaints/{complaint.id}/extend",
        {"reason": "We need to talk to your carer", "stage": "1"},
    )
    assert extended.status_code == 303
    db.session.expire_all()
    stage = db.session.get(Complaint, complaint.id).current
    assert stage.due_at == clock.add_working_days(stage.started_at, 20)
    assert "We need to talk to your carer" in _text(maya.get(f"/me/complaints/{complaint.id}"))
    again = post_form(robin, f"/complaints-team/complaints/{complaint.id}/extend", {"reason": "More", "stage": "1"})
    assert "cannot be given more time" in _text(again)

    answered = post_form(
        robin,
        f"/complaints-team/complaints/{complaint.id}/answer",
        {"answer": "We are sorry. You will hear first.", "stage": "1"},
    )
    assert answered.status_code == 303
    twice = post_form(robin, f"/complaints-team/complaints/{complaint.id}/answer", {"answer": "Again", "stage": "1"})
    assert "already been answered" in _text(twice)
    page = _text(maya.get(f"/me/complaints/{complaint.id}"))
    assert "We are sorry. You will hear first." in page and "Ask for the next step" in page
    assert "Ombudsman" not in page

    for stage_number in (1, 2):
        asked = post_form(maya, f"/me/complaints/{complaint.id}/next-stage", {"stage": str(stage_number)})
        assert asked.status_code == 303
        post_form(maya, f"/me/complaints/{complaint.id}/next-stage", {"stage": str(stage_number)})  # twice: once
        db.session.expire_all()
        assert db.session.get(Complaint, complaint.id).stage == stage_number + 1
        answer = {"answer": f"Stage {stage_number + 1} answer", "stage": str(stage_number + 1)}
        assert post_form(robin, f"/complaints-team/complaints/{complaint.id}/answer", answer).status_code == 303
    db.session.expire_all()
    done = db.session.get(Complaint, complaint.id)
    assert done.status.value == "closed" and len(done.stages) == 3
    assert done.stages[1].due_at == clock.add_working_days(done.stages[1].started_at, 25)
    assert done.stages[2].due_at == clock.add_working_days(done.stages[2].started_at, 30)
    page = _text(maya.get(f"/me/complaints/{complaint.id}"))
    assert "Stage 3 answer" in page and "Local Government and Social Care Ombudsman" in page
    assert "0800 528 0731" in page and "Ask for the next step" not in page

    # Every staff look is on "Who can see my things".
    mine = _text(maya.get("/me/my-things"))
    assert "read your complaint" in mine and "answered your complaint" in mine
    assert "the complaints team at your council" in mine


def test_bad_complaints_keep_what_was_typed(world, signed_in) -> None:
    maya = signed_in(world["maya"].user)
    empty = post_form(maya, "/me/complaints/new", _complaint_form(words="   "))
    assert empty.status_code == 400 and "Write what is not right" in _text(empty)
    long_words = "x" * 3001
    too_long = post_form(maya, "/me/complaints/new", _complaint_form(words=long_words))
    page = _text(too_long)
    assert too_long.status_code == 400 and "Write 3000 letters or fewer" in page and long_words in page
    missing = post_form(maya, "/me/complaints/new", _complaint_form(topic="made_up", wants_advocate=""))
    assert missing.status_code == 400 and "Choose what it is about" in _text(missing)
    assert db.session.scalar(select(func.count()).select_from(Complaint)) == 0


def test_asking_for_the_next_stage_too_late_is_explained_with_help_at_hand(world, signed_in) -> None:
    complaint = factories.complaint(world["maya"])
    db.session.commit()
    complaints.answer(world["staff"][Role.complaints_officer], complaint.id, "Our answer", 1)
    db.session.commit()
    clock.travel(timedelta(days=35))  # more than 20 working days later
    maya = signed_in(world["maya"].user)
    late = post_form(maya, f"/me/complaints/{complaint.id}/next-stage", {"stage": "1"})
    page = _text(late)
    assert late.status_code == 409
    assert "The time to ask for the next step has passed" in page and "0800 528 0731" in page
    db.session.expire_all()
    assert db.session.get(Complaint, complaint.id).stage == 1


def test_someone_elses_complaint_and_another_councils_officer_get_404(world, signed_in) -> None:
    complaint = factories.complaint(world["maya"])
    db.session.commit()
    assert signed_in(world["other"].user).get(f"/me/complaints/{complaint.id}").status_code == 404
    stranger = signed_in(world["stranger"])
    assert stranger.get(f"/complaints-team/complaints/{complaint.id}").status_code == 404
    assert "Maya" not in _text(stranger.get("/complaints-team/"))
    answer = post_form(stranger, f"/complaints-team/complaints/{complaint.id}/answer", {"answer": "x", "stage": "1"})
    assert answer.status_code == 404


def test_who_sees_what(world, signed_in) -> None:
    private = factories.complaint(
        world["maya"], words="Private words", share_with_advocate=False, tell_social_worker=False
    )
    shared = factories.complaint(world["maya"], words="Shared words", share_with_advocate=True, tell_social_worker=True)
    db.session.commit()
    maya_id = world["maya"].id
    priya = _text(signed_in(world["staff"][Role.practitioner]).get(f"/practitioner/young-people/{maya_id}"))
    assert "Stage 1: local resolution" in priya and priya.count("Stage 1: local resolution") == 1
    assert "Shared words" not in priya and "Private words" not in priya
    sam = signed_in(world["staff"][Role.advocate])
    assert "Shared words" in _text(sam.get(f"/complaints-team/shared/{shared.id}"))
    assert sam.get(f"/complaints-team/shared/{private.id}").status_code == 404
    tom = _text(signed_in(world["staff"][Role.reviewing_officer]).get(f"/reviewing-officer/young-people/{maya_id}"))
    assert "Stage 1" not in tom
    assert signed_in(world["staff"][Role.duty]).get(f"/complaints-team/complaints/{shared.id}").status_code == 403
    looks = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action == AuditAction.complaint_viewed, AuditEvent.subject_young_person_id == maya_id)
    )
    assert looks == 1


def test_a_complaint_about_the_advocacy_service_goes_to_its_manager_not_the_council(world, signed_in) -> None:
    maya = signed_in(world["maya"].user)
    post_form(maya, "/me/complaints/new", _complaint_form(topic="advocacy_service", sharing=["advocate"]))
    complaint = db.session.scalar(select(Complaint))
    assert complaint.advocacy_service_id == world["maya"].council.advocacy_service_id
    assert complaint.share_with_advocate is False  # the service they complain about does not read it as advocate
    robin = signed_in(world["staff"][Role.complaints_officer])
    assert "Maya" not in _text(robin.get("/complaints-team/"))
    assert robin.get(f"/complaints-team/complaints/{complaint.id}").status_code == 404
    leila = signed_in(world["staff"][Role.advocacy_manager])
    assert "Maya" in _text(leila.get("/complaints-team/"))
    assert "Nobody told me" in _text(leila.get(f"/complaints-team/service/{complaint.id}"))
    told = set(db.session.scalars(select(OutboxMessage.to_address)))
    assert world["staff"][Role.advocacy_manager].email in told
    assert world["staff"][Role.complaints_officer].email not in told


# flask tick ----------------------------------------------------------------------------------------------------


def test_tick_flags_an_overdue_stage_to_the_complaints_manager_once(world) -> None:
    complaint = factories.complaint(world["maya"])
    db.session.commit()
    clock.travel(timedelta(days=16))  # past 10 working days
    first = tick.run()
    second = tick.run()
    assert first.complaint_stages_overdue == 1 and second.complaint_stages_overdue == 0
    told = [m for m in db.session.scalars(select(OutboxMessage)) if "overdue" in m.subject]
    assert [m.to_address for m in told] == ["manager@council.example"]
    stage = db.session.scalar(select(ComplaintStageRecord).where(ComplaintStageRecord.complaint_id == complaint.id))
    assert stage.overdue_flagged_at is not None


def test_tick_flags_a_late_look_again_reply_once(world) -> None:
    world["response"].reaction = ReviewResponse.reaction.type.enum_class("disagree")
    db.session.commit()
    complaints.ask_look_again(world["maya"].user, world["response"].id, "")
    db.session.commit()
    clock.travel(timedelta(days=8))
    assert tick.run().look_again_overdue == 1
    assert tick.run().look_again_overdue == 0


# The advocacy moments, each once and only once -------------------------------------------------------------------


def test_immigration_changes_fire_once_each(world, signed_in) -> None:
    priya = signed_in(world["staff"][Role.practitioner])
    url = f"/practitioner/young-people/{world['maya'].id}/immigration"
    day = clock.today() - timedelta(days=2)
    data = {"event": "claim_made", "happened_on": [str(day.day), str(day.month), str(day.year)]}
    assert post_form(priya, url, data).status_code == 303
    assert _moments(world["maya"], OfferReason.immigration_changed) == 1
    assert OfferReason.immigration_changed in _offer_reasons(world["maya"])
    assert post_form(priya, url, {**data, "event": "nonsense"}).status_code == 400
    future = clock.today() + timedelta(days=3)
    future_data = {**data, "happened_on": [str(future.day), str(future.month), str(future.year)]}
    assert "today or in the past" in _text(post_form(priya, url, future_data))
    assert _moments(world["maya"], OfferReason.immigration_changed) == 1
    # Someone else's young person: 404.
    other = f"/practitioner/young-people/{world['other'].id}/immigration"
    assert priya.get(other).status_code == 404


def test_birthday_moments_fire_once_from_tick(app) -> None:
    council = factories.CouncilFactory()
    today = clock.today()
    sixteen = factories.young_person(council, age_days=0, first_name="Sixteen")
    sixteen.date_of_birth = clock.birthday_in_year(today, -16)
    sixteen.adult_on = clock.birthday_in_year(sixteen.date_of_birth, 18)
    soon = factories.young_person(council, age_days=0, first_name="Soon")
    soon.adult_on = clock.add_months(today, 6)
    soon.date_of_birth = clock.birthday_in_year(soon.adult_on, -18)
    younger = factories.young_person(council, age_days=10 * 365, first_name="Ten")
    db.session.commit()
    first = tick.run()
    second = tick.run()
    assert first.advocacy_moments == 2 and second.advocacy_moments == 0
    assert _moments(sixteen, OfferReason.turned_16) == 1
    assert _moments(soon, OfferReason.turning_18_soon) == 1
    assert _moments(younger, OfferReason.turned_16) == 0
    clock.travel(timedelta(days=3))
    assert tick.run().advocacy_moments == 0


def test_turning_18_with_a_claim_undecided_fires_once(app) -> None:
    council = factories.CouncilFactory()
    leaver = factories.young_person(council, age_days=0, first_name="Eighteen")
    leaver.adult_on = clock.today()
    leaver.date_of_birth = clock.birthday_in_year(clock.today(), -18)
    db.session.flush()
    from app.models import ImmigrationEvent

    moments.record_immigration_event(leaver, ImmigrationEvent.claim_made, clock.today() - timedelta(days=100))
    db.session.commit()
    assert _moments(leaver, OfferReason.immigration_changed) == 1  # the claim itself
    tick.run()
    tick.run()
    assert _moments(leaver, OfferReason.immigration_changed) == 2  # and 18 with it undecided, once


def test_a_moment_switched_off_in_configuration_does_not_fire(app, world) -> None:
    app.config["ORBIT_RULES"] = {**app.config["ORBIT_RULES"], "advocacy_moments": []}
    assert not moments.fire(world["maya"], OfferReason.complaint_made, "x")
    assert _moments(world["maya"], OfferReason.complaint_made) == 0


# Figures ----------------------------------------------------------------------------------------------------------


def test_figures_suppress_groups_under_ten(world, signed_in) -> None:
    for _ in range(11):
        factories.complaint(world["maya"], topic="my_home")
    factories.complaint(world["maya"], topic="family_time")
    db.session.commit()
    page = _text(signed_in(world["staff"][Role.complaints_officer]).get("/complaints-team/figures"))
    assert "Complaints made: 12" in " ".join(page.split())
    assert "fewer than 10" in page
    assert signed_in(world["stranger"]).get("/complaints-team/figures").status_code == 200
    stranger_page = _text(signed_in(world["stranger"]).get("/complaints-team/figures"))
    assert "12" not in stranger_page.split("Complaints made:")[1][:40]


# Retention --------------------------------------------------------------------------------------------------------


def test_a_finished_complaint_goes_six_years_later_and_nothing_else_with_it(world) -> None:
    from app.services import retention

    finished = factories.complaint(world["maya"])
    waiting = factories.complaint(world["maya"], words="Still waiting")
    db.session.commit()
    finished_id, waiting_id = finished.id, waiting.id
    complaints.answer(world["staff"][Role.complaints_officer], finished_id, "Our answer", 1)
    db.session.commit()
    clock.travel(timedelta(days=30))  # the time to ask for stage 2 runs out: the complaint is finished
    tick.run()
    db.session.expire_all()
    closed = db.session.get(Complaint, finished_id)
    assert closed.status.value == "closed" and closed.closed_at == closed.current.next_stage_by
    clock.travel(timedelta(days=retention.schedule()["complaints_days"] + 1))
    deleted = tick.run().deleted
    db.session.expire_all()
    assert deleted["complaints_days"] == 1
    assert db.session.get(Complaint, finished_id) is None
    assert db.session.get(Complaint, waiting_id) is not None
    assert db.session.scalar(select(func.count()).select_from(ComplaintStageRecord)) == 1


def test_when_a_stage_started_and_is_due_says_the_day_once(world, signed_in) -> None:
    """A date followed by a time on another day: the time alone, not "18 November 2026 18 Nov, 10:30"."""
    made = post_form(signed_in(world["maya"].user), "/me/complaints/new", _complaint_form())
    assert made.status_code == 303
    complaint = db.session.scalar(select(Complaint))
    started = complaint.stages[0].started_at.astimezone(clock.LONDON)
    due = clock.add_working_days(complaint.stages[0].started_at, 10).astimezone(clock.LONDON)  # ten working days
    clock.travel(timedelta(days=2))
    page = _text(signed_in(world["staff"][Role.complaints_officer]).get(f"/complaints-team/complaints/{complaint.id}"))
    for moment in (started, due):
        assert f">{moment.day} {moment:%B} {moment.year} {moment:%H:%M}</dd>" in page
        assert f"{moment.day} {moment:%b}," not in page
