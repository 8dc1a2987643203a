"""The start page and a young person's home work end to end on a real database."""

from app.extensions import db
from app.models import AllocationKind
from app.roles import Role
from tests import factories


def test_start_page_is_public(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Orbit" in response.get_data(as_text=True)


def test_young_person_home_greets_them_and_names_their_workers(app, signed_in):
    council = factories.CouncilFactory()
    person = factories.young_person(council)
    worker = factories.staff(Role.practitioner, council, first_name="Priya")
    factories.allocate(person, worker, AllocationKind.social_worker)
    db.session.commit()

    page = signed_in(person.user).get("/me/").get_data(as_text=True)

    assert f"Hello, {person.first_name}" in page
    assert "Priya" in page
    assert "You do not have an advocate at the moment" in page
