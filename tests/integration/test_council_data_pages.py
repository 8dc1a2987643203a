"""The council admin's council data pages: upload, check, confirm or cancel, and the Reviews download."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import AuditAction, AuditEvent, PendingImport, YoungPerson
from app.roles import Role
from tests import factories
from tests.conftest import csrf_token
from tests.integration.test_council_data import base_files


def _setup(app):
    council = factories.CouncilFactory(la_code="990")
    factories.staff(Role.practitioner, council, email="sw@council.example")
    factories.staff(Role.reviewing_officer, council, email="iro@council.example")
    admin = factories.staff(Role.council_admin, council, email="admin@council.example")
    db.session.commit()
    return council, admin


def _upload(client, files):
    data = {"csrf_token": csrf_token(client, "/admin/council-data")}
    data["files"] = [(io.BytesIO(raw), name) for name, raw in files]
    return client.post("/admin/council-data/preview", data=data, content_type="multipart/form-data")


def test_upload_check_and_import_from_the_admin_page(app, signed_in) -> None:
    _council, admin = _setup(app)
    client = signed_in(admin)
    page = client.get("/admin/council-data")
    assert page.status_code == 200 and "990" in page.get_data(as_text=True)
    response = _upload(client, base_files(clock.today()))
    assert response.status_code == 303
    preview = client.get(response.headers["Location"])
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Ayo" in text and "Young people to add" in text
    assert db.session.scalar(select(func.count()).select_from(YoungPerson)) == 0
    pending_id = response.headers["Location"].rstrip("/").split("/")[-1]
    done = client.post(
        f"/admin/council-data/preview/{pending_id}/apply",
        data={"csrf_token": csrf_token(client, "/admin/council-data")},
    )
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(YoungPerson)) == 2
    assert db.session.scalar(select(func.count()).select_from(PendingImport)) == 0  # nothing of the files kept
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {AuditAction.council_data_previewed, AuditAction.council_data_imported} <= actions
    # The same files again: nothing to add.
    again = client.get(_upload(client, base_files(clock.today())).headers["Location"])
    assert "Unchanged" in again.get_data(as_text=True)


def test_bad_files_are_listed_with_file_and_row_and_nothing_kept(app, signed_in) -> None:
    _council, admin = _setup(app)
    client = signed_in(admin)
    files = base_files(clock.today())
    files[0] = ("header.csv", files[0][1].replace(b"01/02/2012", b"2012-02-01"))
    response = _upload(client, files)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "header.csv:2" in text and "yyyy-mm-dd" in text and "There is a problem" in text
    assert db.session.scalar(select(func.count()).select_from(PendingImport)) == 0
    assert "<script>" not in _upload(client, [("<script>.csv", b"<script>alert(1)</script>")]).get_data(as_text=True)


def test_cancel_keeps_nothing(app, signed_in) -> None:
    _council, admin = _setup(app)
    client = signed_in(admin)
    location = _upload(client, base_files(clock.today())).headers["Location"]
    pending_id = location.rstrip("/").split("/")[-1]
    client.post(
        f"/admin/council-data/preview/{pending_id}/cancel",
        data={"csrf_token": csrf_token(client, "/admin/council-data")},
    )
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PendingImport)) == 0
    assert client.get(location).status_code == 404


def test_dfe_number_is_three_digits_and_unique(app, signed_in) -> None:
    council, admin = _setup(app)
    factories.CouncilFactory(la_code="931")
    db.session.commit()
    client = signed_in(admin)
    for bad, message in (("12", "three digits"), ("<script>", "three digits"), ("931", "already has")):
        response = client.post(
            "/admin/council-data/number", data={"csrf_token": csrf_token(client, "/admin/council-data"), "la_code": bad}
        )
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    response = client.post(
        "/admin/council-data/number", data={"csrf_token": csrf_token(client, "/admin/council-data"), "la_code": "932"}
    )
    assert response.status_code == 303
    db.session.refresh(council)
    assert council.la_code == "932"


def test_reviews_download_is_csv_and_audited(app, signed_in) -> None:
    _council, admin = _setup(app)
    client = signed_in(admin)
    year = clock.today().year if clock.today().month >= 4 else clock.today().year - 1
    page = client.get(f"/admin/council-data/reviews?year={year}")
    assert page.status_code == 200
    download = client.get(f"/admin/council-data/reviews?year={year}&download=1")
    assert download.mimetype == "text/csv"
    assert download.get_data(as_text=True).startswith("CHILD,DOB,REVIEW,REVIEW_CODE")
    assert client.get("/admin/council-data/reviews?year=1999").status_code == 404
    assert client.get("/admin/council-data/reviews?year=abc").status_code == 200  # the latest year
    assert client.get("/admin/council-data/reviews").status_code == 200


def test_files_bigger_than_the_usual_request_limit_upload(app, signed_in) -> None:
    """The app refuses requests over 256 KB; this page takes up to six files of 50 MB."""
    from bench.import903 import generate

    council, admin = _setup(app)
    factories.staff(Role.practitioner, council, email="sw@bench.example")
    factories.staff(Role.reviewing_officer, council, email="iro@bench.example")
    db.session.commit()
    files = generate(800, 6000, clock.today())
    assert sum(len(raw) for _name, raw in files) > 400 * 1024
    response = _upload(signed_in(admin), files)
    assert response.status_code == 303, response.get_data(as_text=True)[-500:]


def test_home_counts_this_councils_young_people_without_a_child_id(app, signed_in) -> None:
    council, admin = _setup(app)
    other = factories.CouncilFactory(la_code="991")
    factories.young_person(council, with_account=False)
    factories.young_person(council, with_account=False)
    factories.young_person(council, with_account=False, council_child_id="C1")
    factories.young_person(other, with_account=False)
    db.session.commit()
    text = signed_in(admin).get("/admin/council-data").get_data(as_text=True)
    assert "2 young people in Orbit have no council child ID" in text
