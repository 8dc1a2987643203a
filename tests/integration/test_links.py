"""Links in templates: built once when they hold nothing but their endpoint, and never kept when they hold values."""

from __future__ import annotations

import uuid

from flask import url_for

from app.web.templates import link_to


def test_a_plain_link_is_built_once_for_each_mount_point(app) -> None:
    with app.test_request_context("/"):
        assert link_to("young_person.home") == url_for("young_person.home") == "/me/"
        assert link_to("young_person.home") == "/me/"
    with app.test_request_context("/", base_url="http://orbit.test/orbit"):
        assert link_to("young_person.home") == "/orbit/me/"
    kept = app.extensions["orbit_links"]
    assert kept[("", "young_person.home")] == "/me/"
    assert kept[("/orbit", "young_person.home")] == "/orbit/me/"


def test_links_with_values_are_built_each_time_and_not_kept(app) -> None:
    person = uuid.uuid4()
    with app.test_request_context("/"):
        link = link_to("young_person.person", person_id=person)
        assert link == url_for("young_person.person", person_id=person)
        assert str(person) in link
        assert link_to("auth.sign_in", next="/me/people") == "/sign-in?next=/me/people"
    kept = app.extensions.get("orbit_links", {})
    assert not any(str(person) in str(key) or "next" in str(key) for key in kept)
