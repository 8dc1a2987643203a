"""Retention: `flask tick` deletes each kind of record on time, takes nothing else with it, and a legal hold
stops it. Time moves with the clock; nothing here reads the real date."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.config import ConfigError, retention_schedule
from app.extensions import db
from app.models import (
    AdvocacyMessage,
    AdvocacyOffer,
    AdvocacyOfferReason,
    AllocationKind,
    AuditEvent,
    InformationRequest,
    LegalHold,
    OutboxMessage,
    PersonWhoMatters,
    Review,
    ReviewViews,
    User,
    UserSession,
    YoungPerson,
)
from app.roles import Role
from app.services import auth, retention, tick
from tests import factories
from tests.conftest import post_form, sign_in_as

DAY = timedelta(days=1)


def _count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _days(key: str) -> int:
    return retention.schedule()[key]


def _tick() -> dict[str, int]:
    report = tick.run()
    db.session.expire_all()
    return report.deleted


@pytest.fixture
def council():
    council = factories.CouncilFactory()
    db.session.commit()
    return council


def test_ended_sessions_go_after_their_time_and_live_ones_stay(app, council) -> None:
    maya = factories.young_person(council, first_name="Maya")
    db.session.commit()
    auth.end_session(auth.start_session(maya.user))
    db.session.commit()
    clock.travel(timedelta(days=_days("ended_sessions_days")) + DAY)
    live = auth.start_session(maya.user)
    db.session.commit()
    assert _tick()["ended_sessions_days"] == 1
    assert _count(UserSession) == 1
    assert auth.load_session(live) is not None


def test_unsent_drafts_go_a_year_after_the_last_change_and_sent_views_stay(app, council) -> None:
    maya = factories.young_person(council, first_name="Maya")
    held = factories.review(maya, days_ahead=400)
    factories.review_views(held, sent=False, going_well="School is good")
    other = factories.review(maya, days_ahead=10, number=2)
    factories.review_views(other, sent=True, going_well="Football")
    db.session.commit()
    clock.travel(timedelta(days=_days("unsent_drafts_days")) + DAY)
    assert _tick()["unsent_drafts_days"] == 1
    assert _count(ReviewViews) == 1
    assert _count(ReviewViews, ReviewViews.sent_at.is_not(None)) == 1
    assert _count(Review) == 2  # the reviews themselves are not drafts


def test_sent_messages_go_after_six_years_and_only_theirs(app, council) -> None:
    maya = factories.young_person(council, first_name="Maya")
    request = factories.advocacy_request(maya)
    db.session.add(
        AdvocacyMessage(
            request_id=request.id,
            author_id=maya.user_id,
            from_young_person=True,
            body="Hello",
            submission_key=uuid.uuid4(),
        )
    )
    db.session.commit()
    clock.travel(timedelta(days=_days("sent_messages_and_views_days") - 10))
    sami = factories.young_person(council, first_name="Sami")
    later = factories.advocacy_request(sami)
    db.session.add(
        AdvocacyMessage(
            request_id=later.id, author_id=sami.user_id, from_young_person=True, body="Hi", submission_key=uuid.uuid4()
        )
    )
    db.session.commit()
    clock.travel(timedelta(days=11))
    deleted = _tick()
    assert deleted["sent_messages_and_views_days"] >= 1
    assert db.session.scalars(select(AdvocacyMessage.body)).all() == ["Hi"]
    assert _count(YoungPerson) == 2 and _count(User, User.role.in_([Role.young_person, Role.care_leaver])) == 2


def test_a_no_thanks_to_an_advocate_goes_after_six_years_and_an_open_offer_stays(app, council) -> None:
    maya = factories.young_person(council, first_name="Maya")
    declined = factories.advocacy_offer(maya, status="declined")
    declined.answered_at = clock.now()
    sami = factories.young_person(council, first_name="Sami")
    waiting = factories.advocacy_offer(sami)
    db.session.commit()
    declined_id, waiting_id = declined.id, waiting.id
    clock.travel(timedelta(days=_days("sent_messages_and_views_days") + 1))
    _tick()
    assert _count(AdvocacyOffer, AdvocacyOffer.id == declined_id) == 0
    assert _count(AdvocacyOfferReason, AdvocacyOfferReason.offer_id == declined_id) == 0
    assert _count(AdvocacyOffer, AdvocacyOffer.id == waiting_id) == 1
    assert _count(YoungPerson) == 2


def test_a_closed_complaint_and_its_stages_go_six_years_after_it_closed_and_an_open_one_stays(app, council) -> None:
    from app.models import Complaint, ComplaintStageRecord

    maya = factories.young_person(council, first_name="Maya")
    closed = factories.complaint(maya, stage=2)
    closed.closed_at = clock.now()
    sami = factories.young_person(council, first_name="Sami")
    still_open = factories.complaint(sami)
    db.session.commit()
    closed_id, open_id = closed.id, still_open.id
    clock.travel(timedelta(days=_days("sent_messages_and_views_days") - 1))
    _tick()
    assert _count(Complaint) == 2
    clock.travel(timedelta(days=2))
    _tick()
    assert _count(Complaint, Complaint.id == closed_id) == 0
    assert _count(ComplaintStageRecord, ComplaintStageRecord.complaint_id == closed_id) == 0
    assert _count(Complaint, Complaint.id == open_id) == 1
    assert _count(ComplaintStageRecord, ComplaintStageRecord.complaint_id == open_id) == 1
    assert _count(YoungPerson) == 2


def test_the_outbox_and_the_audit_log_keep_their_own_times(app, council) -> None:
    db.session.add(OutboxMessage(to_address="a@example.org", subject="s", body="b", due_at=clock.now()))
    maya = factories.young_person(council, first_name="Maya")
    old = AuditEvent(action="sign_in", outcome="success", subject_young_person_id=maya.id)
    db.session.add(old)
    db.session.commit()
    old_id = old.id
    clock.travel(timedelta(days=_days("outbox_days")) + DAY)
    assert _tick()["outbox_days"] == 1
    assert _count(OutboxMessage) == 0
    assert _count(AuditEvent, AuditEvent.id == old_id) == 1
    clock.travel(timedelta(days=_days("audit_events_days")))
    _tick()
    assert _count(AuditEvent, AuditEvent.id == old_id) == 0


def test_staff_who_left_are_anonymised_not_deleted(app, council) -> None:
    gone = factories.staff(Role.practitioner, council, first_name="Priya", email="priya@council.example")
    gone.disabled_at = clock.now()
    still = factories.staff(Role.practitioner, council, first_name="Tom")
    db.session.commit()
    clock.travel(timedelta(days=_days("staff_who_left_days")) + DAY)
    assert _tick()["staff_who_left_days"] == 1
    gone, still = db.session.get(User, gone.id), db.session.get(User, still.id)
    assert gone.first_name == "Former" and gone.email is None and gone.totp_secret is None
    assert gone.anonymised_at is not None
    assert still.first_name == "Tom"
    assert auth.sign_in_with_password("priya@council.example", "whatever-it-was", staff=True).user is None
    assert _tick()["staff_who_left_days"] == 0  # once


def _everything_of(young_person_id) -> int:
    return _count(PersonWhoMatters, PersonWhoMatters.young_person_id == young_person_id) + _count(
        Review, Review.young_person_id == young_person_id
    )


def test_after_25_and_two_quiet_years_the_account_and_everything_in_it_goes(app, council) -> None:
    worker = factories.staff(Role.practitioner, council)
    quiet = factories.young_person(council, first_name="Quiet", age_days=25 * 365 + 30)
    active = factories.young_person(council, first_name="Active", age_days=25 * 365 + 30)
    younger = factories.young_person(council, first_name="Younger", age_days=20 * 365)
    for person in (quiet, active, younger):
        factories.allocate(person, worker, AllocationKind.personal_adviser)
        factories.person_who_matters(person, name="Nan")
        factories.review(person)
    db.session.commit()
    auth.start_session(quiet.user)  # signed in once, long ago
    db.session.commit()
    clock.travel(timedelta(days=_days("young_person_after_25_days")) + DAY)
    auth.start_session(active.user)  # still using Orbit past 25: Orbit does not end
    db.session.commit()
    quiet_id, quiet_user_id, active_id, younger_id = quiet.id, quiet.user_id, active.id, younger.id
    worker_id = worker.id
    deleted = _tick()
    assert deleted["young_person_after_25_days"] == 1
    assert db.session.get(YoungPerson, quiet_id) is None
    assert db.session.get(User, quiet_user_id) is None
    assert _everything_of(quiet_id) == 0
    assert _everything_of(active_id) == 2 and _everything_of(younger_id) == 2
    assert db.session.get(User, worker_id) is not None


def test_a_legal_hold_keeps_everything_until_it_is_lifted(app, council, signed_in) -> None:
    admin = factories.staff(Role.council_admin, council)
    quiet = factories.young_person(council, first_name="Quiet", age_days=25 * 365 + 30)
    factories.person_who_matters(quiet, name="Nan")
    db.session.commit()
    quiet_id = quiet.id
    client = signed_in(admin)
    url = f"/admin/young-people/{quiet.id}/legal-hold"
    refused = post_form(client, url, {"reason": "   "})
    assert "Say why the hold is needed" in refused.get_data(as_text=True)
    assert _count(LegalHold) == 0
    assert post_form(client, url, {"reason": "Claim against the council, letter of 2 May"}).status_code == 303
    clock.travel(timedelta(days=_days("young_person_after_25_days") + _days("audit_events_days")) + DAY)
    deleted = _tick()
    assert deleted["young_person_after_25_days"] == 0
    assert db.session.get(YoungPerson, quiet_id) is not None
    assert _count(AuditEvent, AuditEvent.subject_young_person_id == quiet_id) > 0  # its audit is held too
    client = signed_in(admin)
    assert post_form(client, f"{url}/lift").status_code == 303
    assert _tick()["young_person_after_25_days"] == 1
    assert db.session.get(YoungPerson, quiet_id) is None


def test_asking_to_delete_while_on_hold_is_recorded_and_explained(app, council, signed_in) -> None:
    admin = factories.staff(Role.council_admin, council)
    maya = factories.young_person(council, first_name="Maya")
    db.session.add(LegalHold(young_person_id=maya.id, reason="Court case", set_by_id=admin.id))
    db.session.commit()
    client = signed_in(maya.user)
    response = post_form(client, "/me/my-things/ask", {"kind": "delete", "words": "Delete my old messages"})
    assert response.status_code == 303 and "asked=held" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "This is called a legal hold" in page
    assert _count(InformationRequest, InformationRequest.young_person_id == maya.id) == 1
    found = db.session.scalar(select(InformationRequest.id))
    admin_page = signed_in(admin).get(f"/admin/information-requests/{found}").get_data(as_text=True)
    assert "legal hold" in admin_page


def test_a_young_person_sees_how_long_things_are_kept_in_their_language(app, council, signed_in) -> None:
    maya = factories.young_person(council, first_name="Maya")
    db.session.commit()
    client = signed_in(maya.user)
    english = client.get("/me/my-things").get_data(as_text=True)
    assert "How long we keep your things" in english and "6 years" in english
    public = app.test_client().get("/privacy").get_data(as_text=True)
    assert "How long we keep your things" in public
    for locale in app.config["ORBIT_LOCALES"]:
        if locale == "en":
            continue
        translated = app.test_client().get("/privacy", headers={"Accept-Language": locale}).get_data(as_text=True)
        assert 'id="how-long"' in translated
        assert "How long we keep your things" not in translated, f"{locale} shows the English heading"


def test_the_first_page_after_joining_has_the_short_privacy_notice(app, council) -> None:
    maya = factories.young_person(council, first_name="Maya")
    db.session.commit()
    client = app.test_client()
    sign_in_as(client, maya.user)
    assert "Your privacy, in short" in client.get("/me/?joined=1").get_data(as_text=True)
    assert "Your privacy, in short" not in client.get("/me/").get_data(as_text=True)


@pytest.mark.parametrize("value", [0, -5, "ninety", 1.5, True])
def test_a_retention_value_that_is_not_a_positive_whole_number_stops_orbit_starting(value) -> None:
    with pytest.raises(ConfigError, match="outbox_days"):
        retention_schedule({"retention": {"ended_sessions_days": 30, "outbox_days": value}})


def test_a_closed_complaint_goes_six_years_after_closing_and_an_open_one_stays(app, council) -> None:
    from app.models import Complaint, ComplaintStageRecord

    maya = factories.young_person(council, first_name="Maya")
    closed = factories.complaint(maya)
    closed.closed_at = clock.now()
    still_open = factories.complaint(maya, words="Still waiting")
    db.session.commit()
    closed_id, open_id = closed.id, still_open.id
    clock.travel(timedelta(days=_days("complaints_days")) + DAY)
    assert _tick()["complaints_days"] == 1
    assert db.session.get(Complaint, closed_id) is None
    assert _count(ComplaintStageRecord, ComplaintStageRecord.complaint_id == closed_id) == 0
    assert db.session.get(Complaint, open_id) is not None
