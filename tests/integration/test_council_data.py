"""Council data in and out: the SSDA903 import (preview, errors, all or nothing, idempotence, the events it
fires) and the Reviews export round-trip, through the services and the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import (
    AdvocacyOffer,
    AdvocacyOfferReason,
    Allocation,
    AllocationKind,
    AuditAction,
    AuditEvent,
    CareEpisode,
    HomeKind,
    OfferReason,
    Review,
    ReviewStatus,
    YoungPerson,
)
from app.roles import Role
from app.services import council_data
from tests import factories

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
UASC = "CHILD,SEX,DOB,DUC\n"
NAMES = "CHILD,FIRST_NAME,SOCIAL_WORKER_EMAIL,REVIEWING_OFFICER_EMAIL,LANGUAGE\n"


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def world(app):
    council = factories.CouncilFactory(la_code="990")
    worker = factories.staff(Role.practitioner, council, email="sw@council.example")
    officer = factories.staff(Role.reviewing_officer, council, email="iro@council.example")
    admin = factories.staff(Role.council_admin, council, email="admin@council.example")
    other = factories.CouncilFactory(la_code="991")
    db.session.commit()
    return {"council": council, "worker": worker, "officer": officer, "admin": admin, "other": other}


def base_files(today: date, *, moved_on: date | None = None, ended: date | None = None) -> list[tuple[str, bytes]]:
    """Two children: A1 in foster care since 2024 (and moved on `moved_on` if given), B2 (17) in a children's home."""
    episodes = EPISODES + "A1,01/03/2024,S,C2,N1,U6,PR1,,,,,,\n"
    if moved_on:
        episodes = (
            EPISODES
            + f"A1,01/03/2024,S,C2,N1,U6,PR1,{dmy(moved_on)},X1,,,,\n"
            + f"A1,{dmy(moved_on)},P,C2,N1,K2,PR1,,,,,,\n"
        )
    b2_end = f"{dmy(ended)},E17" if ended else ","
    episodes += f"B2,10/05/2023,S,V2,N4,K2,PR1,{b2_end},,,,\n"
    return [
        ("a.csv", (HEADER + "A1,1,01/02/2012,WBRI,,,\nB2,2,20/11/2008,BAFR,,,\n").encode()),
        ("b.csv", episodes.encode()),
        ("c.csv", (REVIEWS + "A1,01/02/2012,10/09/2026,PN1\n").encode()),
        ("d.csv", (UASC + "B2,2,20/11/2008,\n").encode()),
        (
            "names.csv",
            (
                NAMES
                + "A1,Ayo,sw@council.example,iro@council.example,cy\nB2,Bea,SW@council.example,iro@council.example,\n"
            ).encode(),
        ),
    ]


def run(world, files, *, apply_it: bool):
    preview = council_data.import_files(world["council"], files, apply_it=apply_it)
    db.session.commit()
    return preview


def test_preview_changes_nothing_and_apply_adds_not_joined_young_people(world) -> None:
    today = clock.today()
    preview = run(world, base_files(today), apply_it=False)
    assert preview.errors == []
    assert [(child, name, kind) for child, name, kind in preview.added] == [
        ("A1", "Ayo", HomeKind.foster_care),
        ("B2", "Bea", HomeKind.childrens_home),
    ]
    assert db.session.scalar(select(func.count()).select_from(YoungPerson)) == 0

    preview = run(world, base_files(today), apply_it=True)
    people = {yp.council_child_id: yp for yp in db.session.scalars(select(YoungPerson))}
    assert set(people) == {"A1", "B2"}
    ayo = people["A1"]
    assert ayo.user_id is None  # not joined yet
    assert ayo.entered_care_on == date(2024, 3, 1)
    assert ayo.language == "cy"
    assert people["B2"].unaccompanied_asylum_seeking
    # The UASC row records the asylum claim, so the "18 with a claim undecided" moment can fire (flask tick).
    from app.models.complaints import ImmigrationChange, ImmigrationEvent

    claims = list(db.session.scalars(select(ImmigrationChange)))
    assert [(c.young_person_id, c.event) for c in claims] == [(people["B2"].id, ImmigrationEvent.claim_made)]
    kinds = {(a.young_person_id, a.kind) for a in db.session.scalars(select(Allocation))}
    assert (ayo.id, AllocationKind.social_worker) in kinds
    assert (ayo.id, AllocationKind.reviewing_officer) in kinds
    review = db.session.scalar(select(Review).where(Review.young_person_id == ayo.id))
    assert review.status is ReviewStatus.held and review.participation == "PN1" and review.imported
    assert db.session.scalar(select(func.count()).select_from(CareEpisode)) == 2
    # A first import fires nothing: no advocacy offers for history.
    assert db.session.scalar(select(func.count()).select_from(AdvocacyOffer)) == 0


def test_same_files_again_change_nothing(world) -> None:
    today = clock.today()
    run(world, base_files(today), apply_it=True)
    again = run(world, base_files(today), apply_it=True)
    assert (len(again.added), again.changed, again.unchanged) == (0, 0, 2)
    assert db.session.scalar(select(func.count()).select_from(CareEpisode)) == 2
    assert db.session.scalar(select(func.count()).select_from(Review)) == 1


def test_recent_home_change_offers_an_advocate_exactly_once(world) -> None:
    today = clock.today()
    run(world, base_files(today), apply_it=True)
    moved = today - timedelta(days=3)
    preview = run(world, base_files(today, moved_on=moved), apply_it=True)
    assert [(h.child, h.to_kind, h.fires) for h in preview.home_changes] == [("A1", HomeKind.childrens_home, True)]
    ayo = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "A1"))
    assert ayo.home_kind is HomeKind.childrens_home and ayo.home_since == moved
    reasons = list(db.session.scalars(select(AdvocacyOfferReason.reason)))
    assert reasons == [OfferReason.home_changed]
    # Next month's files carry the same move: nothing new fires.
    clock.travel(timedelta(days=30))
    later = run(world, base_files(clock.today(), moved_on=moved), apply_it=True)
    assert later.home_changes == [] and later.changed == 0
    assert db.session.scalar(select(func.count()).select_from(AdvocacyOfferReason)) == 1


def test_old_home_change_is_recorded_but_fires_nothing(world) -> None:
    today = clock.today()
    run(world, base_files(today), apply_it=True)
    moved = today - timedelta(days=15)  # older than import_event_days (14)
    preview = run(world, base_files(today, moved_on=moved), apply_it=True)
    assert [(h.child, h.fires) for h in preview.home_changes] == [("A1", False)]
    ayo = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "A1"))
    assert ayo.home_kind is HomeKind.childrens_home
    assert db.session.scalar(select(func.count()).select_from(AdvocacyOffer)) == 0


def test_care_ending_at_18_makes_the_account_a_care_leavers(world) -> None:
    today = clock.today()
    run(world, base_files(today), apply_it=True)
    bea = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "B2"))
    user = factories.UserFactory(role=Role.young_person, first_name="Bea", council=world["council"])
    bea.user_id = user.id
    db.session.commit()
    ended = date(2026, 11, 20) if today >= date(2026, 11, 20) else today
    preview = run(world, base_files(today, ended=ended), apply_it=True)
    assert [(c.child, c.care_leaver) for c in preview.care_ended] == [("B2", ended >= bea.adult_on)]
    db.session.refresh(bea)
    assert bea.left_care_on == ended
    if ended >= bea.adult_on:
        assert db.session.get(type(user), user.id).role is Role.care_leaver


def test_a_new_period_of_care_sets_the_review_pattern_start(world) -> None:
    today = clock.today()
    run(world, base_files(today), apply_it=True)
    restart = today - timedelta(days=2)
    files = base_files(today)
    files[1] = (
        "b.csv",
        (
            EPISODES
            + f"A1,01/03/2024,S,C2,N1,U6,PR1,{dmy(restart - timedelta(days=30))},E4A,,,,\n"
            + f"A1,{dmy(restart)},S,C2,N1,U4,PR1,,,,,,\n"
            + "B2,10/05/2023,S,V2,N4,K2,PR1,,,,,,\n"
        ).encode(),
    )
    preview = run(world, files, apply_it=True)
    assert preview.new_periods == [("A1", restart)]
    ayo = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "A1"))
    assert ayo.entered_care_on == restart
    assert ayo.left_care_on is None


TWO = "A1,1,01/02/2012,WBRI,,,\nB2,2,20/11/2008,BAFR,,,\n"
B2_EPISODE = "B2,10/05/2023,S,V2,N4,K2,PR1,,,,,,\n"
BAD_INPUT = [
    (0, "a.csv", b"", "a.csv:0: the file is empty"),
    (0, "a.csv", b"x" * (council_data.MAX_BYTES + 1), "a.csv:0: the file is over 50 MB"),
    (0, "a.csv", (HEADER + TWO).replace("CHILD,", "CHLD,").encode(), "a.csv:1: looks like the Header file"),
    (0, "a.csv", (HEADER + TWO).replace(",SEX", "").encode(), "a.csv:1: looks like the Header file"),
    (0, "a.csv", (HEADER + TWO).replace("01/02/2012", "2012-02-01").encode(), "a.csv:2: DOB is written as yyyy-mm-dd"),
    (0, "a.csv", (HEADER + TWO).replace("01/02/2012", "31/02/2012").encode(), "a.csv:2: DOB is not a real date"),
    (
        0,
        "a.csv",
        (HEADER + TWO + "C3,1,01/01/2010,Zoë,,,\n").encode("cp1252"),
        "a.csv:4: the file is in Windows-1252",
    ),
    (
        1,
        "b.csv",
        (
            EPISODES
            + "A1,01/03/2024,S,C2,N1,U6,PR1,01/06/2024,X1,,,,\n"
            + "A1,01/05/2024,P,C2,N1,U4,PR1,,,,,,\n"
            + B2_EPISODE
        ).encode(),
        "b.csv:3: this episode overlaps the one on row 2 for CHILD A1",
    ),
    (1, "b.csv", (EPISODES + "Z9,01/03/2024,S,C2,N1,U6,PR1,,,,,,\n").encode(), "b.csv:2: CHILD Z9 is not in the"),
    (1, "b.csv", (EPISODES + "A1,01/03/2024,Q,C2,N1,U6,PR1,,,,,,\n").encode(), "b.csv:2: RNE Q is not a 903 code"),
    (
        4,
        "names.csv",
        (
            NAMES
            + "A1,Ayo,nobody@else.example,iro@council.example,\n"
            + "B2,Bea,sw@council.example,iro@council.example,\n"
        ).encode(),
        "names.csv:2: SOCIAL_WORKER_EMAIL nobody@else.example is not a practitioner of this council",
    ),
]


@pytest.mark.parametrize(("index", "name", "raw", "expected"), BAD_INPUT)
def test_bad_input_is_named_by_file_and_row_and_nothing_is_applied(world, index, name, raw, expected) -> None:
    files = base_files(clock.today())
    files[index] = (name, raw)
    preview = run(world, files, apply_it=True)
    assert any(str(problem).startswith(expected) for problem in preview.errors), [str(p) for p in preview.errors]
    assert db.session.scalar(select(func.count()).select_from(YoungPerson)) == 0


def test_a_child_used_by_another_council_is_refused(world) -> None:
    factories.young_person(world["other"], with_account=False, council_child_id="A1")
    db.session.commit()
    preview = run(world, base_files(clock.today()), apply_it=True)
    assert "a.csv:2: CHILD A1 is already used by another council" in [str(p) for p in preview.errors]
    assert (
        db.session.scalar(
            select(func.count()).select_from(YoungPerson).where(YoungPerson.council_id == world["council"].id)
        )
        == 0
    )


def test_bom_and_crlf_read_as_the_same_files(world) -> None:
    today = clock.today()
    files = [(name, b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")) for name, raw in base_files(today)]
    preview = run(world, files, apply_it=False)
    assert preview.errors == [] and len(preview.added) == 2


def test_command_line_previews_applies_and_prints_json(app, world, tmp_path) -> None:
    paths = []
    for name, raw in base_files(clock.today()):
        path = tmp_path / name
        path.write_bytes(raw)
        paths.append(str(path))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import-903", "--council", "990", *paths, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["added"], data["changed"], data["unchanged"], data["errors"]) == (2, 0, 0, [])
    assert db.session.scalar(select(func.count()).select_from(YoungPerson)) == 0
    result = runner.invoke(args=["import-903", "--council", "990", *paths, "--apply"])
    assert result.exit_code == 0, result.output
    assert "2 to add" in result.output
    assert db.session.scalar(select(func.count()).select_from(YoungPerson)) == 2
    (tmp_path / "a.csv").write_bytes(b"")
    result = runner.invoke(args=["import-903", "--council", "990", *paths, "--apply", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["errors"] == ["a.csv:0: the file is empty"]
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == AuditAction.council_data_imported)
        )
        == 1
    )


def test_export_round_trips_a_year_of_reviews(app, world, tmp_path) -> None:
    today = clock.today()
    run(world, base_files(today), apply_it=True)
    ayo = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "A1"))
    codes = ["PN1", "PN2", "PN5", "PN6", "PN7"]
    for offset, code in enumerate(codes):
        db.session.add(
            Review(
                young_person_id=ayo.id,
                held_on=date(2025, 5, 1) + timedelta(days=60 * offset),
                status=ReviewStatus.held,
                participation=code,
            )
        )
    unnamed = factories.young_person(world["council"], with_account=False)
    db.session.add(
        Review(young_person_id=unnamed.id, held_on=date(2025, 6, 1), status=ReviewStatus.held, participation="PN1")
    )
    db.session.add(
        Review(young_person_id=ayo.id, held_on=date(2026, 4, 2), status=ReviewStatus.held, participation="PN3")
    )
    # In the year but not held: left out of the export.
    db.session.add(
        Review(young_person_id=ayo.id, held_on=date(2026, 3, 1), status=ReviewStatus.scheduled, participation="PN4")
    )
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["export-903-reviews", "--council", "990", "--year", "2025"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
    assert [row[3] for row in rows[1:]] == codes
    assert all(row[0] == "A1" and row[1] == "01/02/2012" for row in rows[1:])
    assert "no council child ID" in result.stderr and result.exit_code == 1
    # The exported table imports back into the same reviews, unchanged.
    out = tmp_path / "reviews.csv"
    out.write_text(result.stdout)
    files = base_files(today)
    files[2] = ("reviews.csv", out.read_bytes())
    again = run(world, files, apply_it=True)
    assert again.errors == [] and again.reviews_held == []


def test_export_validation_rules_and_neutralised_cells() -> None:
    assert council_data.validate([("A1", "01/01/2020", "01/06/2025", "PN0")]) == ["row 2: rule 440"]
    assert council_data.validate([("A1", "01/01/2023", "01/06/2025", "PN1")]) == ["row 2: rule 441"]
    assert council_data.validate([("A1", "01/01/2010", "31/02/2025", "PN9")]) == ["row 2: rule 166", "row 2: rule 167"]
    assert [council_data.neutralise(c) for c in ("=1+1", "+1", "-1", "@SUM", "A1")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM",
        "A1",
    ]


def test_imported_young_person_joins_with_an_invite_from_their_worker_in_their_language(world) -> None:
    from app.services import auth, young_people

    run(world, base_files(clock.today()), apply_it=True)
    ayo = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "A1"))
    # Their social worker, allocated by the import, may hand over an invite code.
    person = young_people.young_person_for_invite(world["worker"], ayo.id)
    code, _invite = auth.create_young_person_invite(world["worker"], person)
    db.session.commit()
    user, _token = auth.redeem_young_person_invite(code, "ayo2012", "a long password here", "a long password here")
    db.session.commit()
    assert user.locale == "cy" and user.role is Role.young_person


def test_the_council_child_id_is_never_shown_to_the_young_person(app, world, signed_in) -> None:
    from app.access import rule_for

    run(world, base_files(clock.today()), apply_it=True)
    ayo = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "A1"))
    ayo.council_child_id = "SECRET903"
    user = factories.UserFactory(role=Role.young_person, first_name="Ayo", council=world["council"])
    ayo.user_id = user.id
    db.session.commit()
    client = signed_in(user)
    seen = 0
    for rule in app.url_map.iter_rules():
        access = rule_for(app.view_functions[rule.endpoint])
        if (
            rule.arguments
            or "GET" not in (rule.methods or ())
            or access is None
            or not access.allows(Role.young_person)
        ):
            continue
        response = client.get(rule.rule)
        assert "SECRET903" not in response.get_data(as_text=True), rule.rule
        seen += 1
    assert seen > 10


@pytest.mark.parametrize(
    ("attendance", "advocate", "with_advocate", "views", "age_days", "expected"),
    [
        ("go", False, False, True, 14 * 365, "PN1"),
        ("go", True, True, True, 14 * 365, "PN2"),
        ("go", True, False, True, 14 * 365, "PN1"),  # they said they did not want their advocate there
        ("views_only", True, True, True, 14 * 365, "PN5"),
        ("views_only", False, False, True, 14 * 365, "PN6"),
        (None, True, False, False, 14 * 365, "PN5"),
        (None, False, False, False, 14 * 365, None),
        (None, False, False, False, 3 * 365, "PN0"),
    ],
)
def test_participation_is_pre_selected_from_what_orbit_knows(
    world, attendance, advocate, with_advocate, views, age_days, expected
) -> None:
    from app.models import Allocation
    from app.services import reviews

    person = factories.young_person(world["council"], age_days=age_days)
    factories.allocate(person, world["officer"], AllocationKind.reviewing_officer)
    if advocate:
        factories.allocate(person, factories.staff(Role.advocate, world["council"]), AllocationKind.advocate)
    held = factories.review(person, days_ahead=0)
    sent = factories.review_views(held, attendance=attendance, with_advocate=with_advocate) if views else None
    db.session.commit()
    allocations = list(db.session.scalars(select(Allocation).where(Allocation.young_person_id == person.id)))
    assert reviews.suggest_participation(person, held, sent, allocations) == expected


def test_a_uasc_row_lets_the_18_with_a_claim_undecided_moment_fire(world) -> None:
    from app.services import moments

    run(world, base_files(clock.today()), apply_it=True)
    bea = db.session.scalar(select(YoungPerson).where(YoungPerson.council_child_id == "B2"))
    clock.travel(timedelta(days=(bea.adult_on - clock.today()).days + 1))
    moments.run_due()
    db.session.commit()
    reasons = list(
        db.session.scalars(
            select(AdvocacyOfferReason.reason)
            .join(AdvocacyOffer, AdvocacyOffer.id == AdvocacyOfferReason.offer_id)
            .where(AdvocacyOffer.young_person_id == bea.id)
        )
    )
    assert OfferReason.immigration_changed in reasons
