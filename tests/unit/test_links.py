"""A list's links to its rows, built once a list (link_each), are the links Flask builds one at a time."""

from __future__ import annotations

import uuid

import pytest
from flask import url_for

from app import create_app
from app.web.templates import link_each


@pytest.mark.parametrize(
    ("endpoint", "id_name"),
    [("advocate.request_page", "advocacy_request_id"), ("admin.allocations", "young_person_id")],
)
def test_each_rows_link_is_the_link_flask_builds(endpoint: str, id_name: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context("/"):
        link = link_each(endpoint, id_name)
        for an_id in (uuid.uuid4(), uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)):
            assert link(an_id) == url_for(endpoint, **{id_name: an_id})
        with pytest.raises(TypeError):
            link("../../admin")  # type: ignore[arg-type]
