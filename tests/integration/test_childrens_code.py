"""The Children's Code, checked on the real pages: private by default, no nudges, no location, nothing from any
other origin, no profiling, and no account for anyone who would watch a young person.

docs/childrens-code.md names these tests standard by standard; tests/unit/test_childrens_code_doc.py checks that
every test it names exists. Pages are read from app.url_map, so a new page is checked the moment it exists.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy import Boolean, delete, select, update

from app.access import rule_for
from app.extensions import db
from app.models import (
    AdvocacyRequest,
    FamilyTimeEntry,
    PersonWhoMatters,
    ReviewViews,
    ReviewViewsPerson,
)
from app.roles import YOUNG_PEOPLE, Role
from tests import factories
from tests.access_world import World, build_world
from tests.conftest import post_form, sign_in_as
from tests.integration.test_access_matrix import fill, routes

ROOT = Path(__file__).resolve().parents[2]
STAFF_ROLES = [role for role in Role if role not in YOUNG_PEOPLE]

# Choices that send something to someone, or agree to something: never ticked until the young person ticks them.
SHARING_CHOICES = {"audiences", "share", "people", "extras", "sharing", "wants_advocate"}
# The only boxes that may be ticked before a young person touches a page, and why.
TICKED_ON_PURPOSE = {
    # "How should your advocate get in touch?": inside Orbit is the choice that asks for no phone number.
    ("ways", "in_orbit"),
}
# A yes/no question answered with two buttons: the two look exactly the same.
ANSWER_PAIRS = ({"yes", "no"}, {"agree", "disagree"})
# Colour may say which button is the main one; size may not.
COLOUR_ONLY = {"govuk-button--secondary", "govuk-button--warning"}


# Reading pages -----------------------------------------------------------------------------------------------


@dataclass
class Action:
    tag: str
    classes: frozenset[str]
    submits: bool
    value: str | None
    text: str = ""


@dataclass
class Group:
    """The buttons and links that sit together: a govuk-button-group, or a form's own buttons."""

    where: str
    actions: list[Action] = field(default_factory=list)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    URL_ATTRIBUTES = ("src", "href", "action", "formaction", "poster", "srcset", "data", "background", "ping")

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.boxes: list[tuple[str, str, str, bool]] = []  # (type, name, value, checked)
        self.groups: list[Group] = []
        self._form: Group | None = None
        self._group_depth: list[int] = []
        self._depth = 0
        self._open: Action | None = None
        self.feed(html)
        self.close()

    def _current(self) -> Group | None:
        if self._group_depth:
            return self.groups[-1]
        return self._form

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = frozenset((found.get("class") or "").split())
        for name in self.URL_ATTRIBUTES:
            if found.get(name) is not None and (name != "data" or tag == "object"):
                self.urls.append((tag, name, found[name] or ""))
        if tag not in VOID:
            self._depth += 1
        if tag == "form":
            self._form = Group(where=f"form {found.get('action') or '(this page)'}")
            self.groups.append(self._form)
        if tag == "div" and "govuk-button-group" in classes:
            self.groups.append(Group(where="button group"))
            self._group_depth.append(self._depth)
        if tag == "input" and found.get("type") in ("checkbox", "radio"):
            self.boxes.append((found["type"], found.get("name") or "", found.get("value") or "", "checked" in found))
        group = self._current()
        if group is None:
            return
        submits = (tag == "button" and found.get("type", "submit") == "submit") or (
            tag == "input" and found.get("type") == "submit"
        )
        if submits or (tag == "a" and self._group_depth):
            action = Action(tag, classes, submits, found.get("value"))
            group.actions.append(action)
            self._open = action if tag in ("a", "button") else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("a", "button"):
            self._open = None
        if tag == "form":
            self._form = None
        if tag == "div" and self._group_depth and self._group_depth[-1] == self._depth:
            self._group_depth.pop()
        if tag not in VOID:
            self._depth -= 1


def _pages_for(app: Flask, world: World, client, role: Role | None):
    """Every GET page `role` may open (signed out: the public ones), with council A's things in the URL."""
    for endpoint, path, _params, methods in routes(app):
        rule = rule_for(app.view_functions[endpoint])
        if "GET" not in methods:
            continue
        if role is None and not rule.public:
            continue
        if role is not None and (rule.public or not rule.allows(role)):
            continue
        url = fill(path, world, signed_in_as=role)
        response = client.get(url)
        assert response.status_code in (200, 302, 303), f"{role} GET {endpoint}: {response.status_code}"
        if response.status_code == 200:  # a page that only sends on (joining without a code) has nothing to read
            yield endpoint, response


def _user(world: World, role: Role):
    if role is Role.young_person:
        return world.a.young_person.user
    return world.a.staff[role]


def _client(app: Flask, world: World, role: Role):
    client = app.test_client()
    sign_in_as(client, _user(world, role))
    return client


@pytest.fixture
def world(app: Flask) -> World:
    return build_world()


@pytest.fixture
def private_world(app: Flask, world: World) -> World:
    """The access world with everything the young people own made as it is before they choose anything: nothing
    shared, their review views a draft, and an offer of an advocate waiting for a yes or no."""
    for role in YOUNG_PEOPLE:
        for _endpoint, path, params, _methods in routes(app):
            if params:
                fill(path, world, signed_in_as=role)
    db.session.execute(
        update(PersonWhoMatters).values(
            shared_with_advocate=False, shared_with_practitioner=False, shared_with_review=False
        )
    )
    db.session.execute(update(FamilyTimeEntry).values(shared_with_review=False, shared_with_advocate=False))
    db.session.execute(update(ReviewViews).values(sent_at=None, with_advocate=False, talk_before=False))
    db.session.execute(delete(ReviewViewsPerson))
    db.session.commit()
    return world


# Default settings: private until the young person chooses --------------------------------------------------


def test_no_sharing_choice_in_the_models_starts_as_yes(app: Flask) -> None:
    """Every yes/no column starts as no, except the few listed here with the reason they are not a choice to
    share anything."""
    not_a_sharing_choice = {
        # How an advocate gets in touch: in Orbit needs no phone number; phone, text and meeting start as no.
        ("advocacy_requests", "contact_in_orbit"),
        # A practitioner's plan says whether the brother or sister lives apart; it is not the young person's data.
        ("family_time_plans", "live_apart"),
        ("family_time_plan_versions", "live_apart"),
    }
    starts_yes = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, Boolean):
                continue
            default = column.default.arg if column.default is not None else None
            starts_as_yes = column.server_default is not None or default is True
            if starts_as_yes and (table.name, column.name) not in not_a_sharing_choice:
                starts_yes.append(f"{table.name}.{column.name}")
            if column.name.startswith("shared_with_"):
                assert default is False, f"{table.name}.{column.name} must start as not shared"
    assert starts_yes == [], f"yes/no columns that start as yes: {starts_yes}"


def test_a_person_added_with_nothing_ticked_is_seen_by_no_staff_role(app: Flask, world: World) -> None:
    """Added through the real form with no box ticked, a person who matters, a feeling about family time and a
    draft of review views reach no one, and a request for an advocate reaches only the advocacy service: every
    page of every staff role in the council and the service is read for them."""
    young = _client(app, world, Role.young_person)
    added = post_form(
        young, "/me/people/add", {"name": "Zephyrine Quill", "relationship_kind": "friend", "circle": "closest"}
    )
    assert added.status_code == 303
    person = db.session.scalars(select(PersonWhoMatters).where(PersonWhoMatters.name == "Zephyrine Quill")).one()
    assert person.audiences == frozenset()

    plan_path = fill("/me/family-time/<plan_id>", world, signed_in_as=Role.young_person)
    form = young.get(f"{plan_path}/feelings").get_data(as_text=True)
    hidden = dict(re.findall(r'name="(submission_key|version)"[^>]*value="([^"]*)"', form))
    felt = post_form(young, f"{plan_path}/feelings", {**hidden, "feeling": "more", "words": "Marmalade kites quietly"})
    assert felt.status_code == 303
    entry = db.session.scalars(select(FamilyTimeEntry).where(FamilyTimeEntry.words == "Marmalade kites quietly")).one()
    assert not entry.shared_with_review and not entry.shared_with_advocate

    draft = factories.review_views(factories.review(world.a.young_person, days_ahead=40), sent=False)
    draft.hard = "Velvet thunder draft"
    db.session.commit()

    # A request for an advocate, from the care leaver (Young A's own request is made by the access world).
    leaver = _client(app, world, Role.care_leaver)
    form = leaver.get("/me/advocate/ask").get_data(as_text=True)
    key = re.search(r'name="submission_key"[^>]*value="([^"]+)"', form).group(1)
    asked = post_form(
        leaver,
        "/me/advocate/ask",
        {
            "submission_key": key,
            "topic": "something_else",
            "wants": "Copper lantern wishes",
            "ways": ["in_orbit"],
            "urgent": "no",
        },
    )
    assert asked.status_code == 303

    # Their social worker reads every feeling about family time by design (the page says so before sending);
    # a request for an advocate goes to the advocacy service and never to the council.
    may_see = {
        "Marmalade kites quietly": {Role.practitioner},
        "Copper lantern wishes": {Role.advocate, Role.advocacy_manager},
    }
    secrets = ("Zephyrine Quill", "Marmalade kites quietly", "Velvet thunder draft", "Copper lantern wishes")
    seen_by_those_who_may = set()
    for role in STAFF_ROLES:
        client = _client(app, world, role)
        for endpoint, response in _pages_for(app, world, client, role):
            if response.mimetype == "application/pdf":
                continue  # the review pack as a PDF is made from the same service call as its page, read here
            text = response.get_data(as_text=True)
            for secret in secrets:
                if role in may_see.get(secret, set()):
                    if secret in text:
                        seen_by_those_who_may.add(secret)
                    continue
                assert secret not in text, f"{role} sees {secret!r} on {endpoint}"
    # The walk reaches the pages where these things are shown: those who may see them do.
    assert "Marmalade kites quietly" in seen_by_those_who_may
    request_id = db.session.scalars(
        select(AdvocacyRequest.id).where(AdvocacyRequest.wants == "Copper lantern wishes")
    ).one()
    manager = _client(app, world, Role.advocacy_manager)
    assert "Copper lantern wishes" in manager.get(f"/advocate/requests/{request_id}").get_data(as_text=True)


# Nudge techniques: nothing ticked for them, and "no" as big as "yes" -----------------------------------------


def _young_peoples_pages(app: Flask, world: World):
    for role in sorted(YOUNG_PEOPLE):
        client = app.test_client()
        sign_in_as(client, world.own_young_person(role).user)
        for endpoint, response in _pages_for(app, world, client, role):
            if response.mimetype == "text/html":
                yield role, endpoint, Page(response.get_data(as_text=True))


def test_no_share_or_consent_box_is_ticked_before_the_young_person_chooses(app: Flask, private_world: World) -> None:
    seen_sharing_boxes = set()
    for role, endpoint, page in _young_peoples_pages(app, private_world):
        for kind, name, value, checked in page.boxes:
            if name in SHARING_CHOICES:
                seen_sharing_boxes.add(name)
                assert not checked, f"{role} {endpoint}: {name}={value} is ticked before they chose"
            if kind == "checkbox" and checked:
                assert (name, value) in TICKED_ON_PURPOSE, f"{role} {endpoint}: {name}={value} starts ticked"
    # The walk really reached every kind of sharing choice there is.
    assert seen_sharing_boxes == SHARING_CHOICES


def test_no_is_as_big_as_yes_on_every_choice_page(app: Flask, private_world: World) -> None:
    choices = 0
    answer_pairs = 0
    for role, endpoint, page in _young_peoples_pages(app, private_world):
        for group in page.groups:
            if len(group.actions) < 2 or not any(action.submits for action in group.actions):
                continue
            choices += 1
            sizes = {action.classes - COLOUR_ONLY for action in group.actions}
            assert len(sizes) == 1, (
                f"{role} {endpoint} ({group.where}): the choices are not the same size: "
                + "; ".join(f"{a.text.strip()!r} is {sorted(a.classes)}" for a in group.actions)
            )
            values = {action.value for action in group.actions if action.submits}
            for pair in ANSWER_PAIRS:
                if pair <= values:
                    answer_pairs += 1
                    looks = {action.classes for action in group.actions if action.value in pair}
                    assert len(looks) == 1, f"{role} {endpoint}: {sorted(pair)} do not look the same"
    assert choices >= 10, "expected the walk to reach the pages with choices on them"
    assert answer_pairs >= 1, "expected the walk to reach the offer of an advocate (yes please / no thanks)"


# Geolocation ---------------------------------------------------------------------------------------------------


LOCATION_WORDS = re.compile(r"geolocation|getCurrentPosition|watchPosition", re.IGNORECASE)
LOCATION_COLUMNS = {"latitude", "longitude", "lat", "lng", "postcode", "location", "geolocation", "ip_address"}


def test_nothing_asks_for_location(app: Flask, client, world: World) -> None:
    sources = [
        *ROOT.joinpath("app/static/src/js").rglob("*.js"),
        *ROOT.joinpath("app/templates").rglob("*.html"),
        *ROOT.joinpath("app/static/dist").glob("*.js"),
    ]
    assert any(path.suffix == ".js" for path in sources)
    asking = [str(path.relative_to(ROOT)) for path in sources if LOCATION_WORDS.search(path.read_text("utf-8"))]
    assert asking == []
    columns = {(table.name, column.name) for table in db.metadata.sorted_tables for column in table.columns}
    assert [f"{t}.{c}" for t, c in columns if c in LOCATION_COLUMNS] == []
    for path in ("/", "/sign-in", "/privacy", "/no-such-page"):
        policy = client.get(path).headers["Permissions-Policy"]
        assert "geolocation=()" in policy
    young = _client(app, world, Role.young_person)
    assert "geolocation=()" in young.get("/me/").headers["Permissions-Policy"]


def test_no_page_asks_for_the_camera_or_microphone(client) -> None:
    scripts = [*ROOT.joinpath("app/static/src/js").rglob("*.js"), *ROOT.joinpath("app/static/dist").glob("*.js")]
    assert [p.name for p in scripts if re.search(r"getUserMedia|mediaDevices", p.read_text("utf-8"))] == []
    policy = client.get("/").headers["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy


# Data sharing: nothing goes to, or is fetched from, another origin -------------------------------------------


def _same_origin(url: str) -> bool:
    url = url.strip()
    if url.startswith(("#", "tel:", "mailto:", "sms:")):
        return True  # no request: a place on the page, or the phone's own dialler
    if url.startswith("data:"):
        return True
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def test_no_page_sends_a_request_to_another_origin(app: Flask, client, world: World) -> None:
    """Every src, href and action in every page, for every role and signed out, stays on Orbit's own origin."""
    pages = 0
    for role in [None, *Role]:
        visitor = client if role is None else _client(app, world, role)
        for endpoint, response in _pages_for(app, world, visitor, role):
            if response.mimetype != "text/html":
                continue
            pages += 1
            for tag, attribute, url in Page(response.get_data(as_text=True)).urls:
                for one in url.split(",") if attribute == "srcset" else [url]:
                    assert _same_origin(one.split()[0] if one.strip() else one), (
                        f"{role} {endpoint}: <{tag} {attribute}={url!r}> goes to another origin"
                    )
    assert pages > 50


def test_the_content_security_policy_forbids_every_other_origin(app: Flask, client) -> None:
    exit_origin = "{0.scheme}://{0.netloc}".format(urlsplit(app.config["ORBIT_SETTINGS"].exit_url))
    for path in ("/", "/sign-in", "/privacy", "/no-such-page"):
        policy = client.get(path).headers["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["default-src"] == "'self'"
        for name, sources in directives.items():
            for source in sources.split():
                allowed = {"'self'", "'none'"} | ({"data:"} if name == "img-src" else set())
                if name == "form-action":
                    # "Exit this page" ends the session on Orbit, which then sends the browser to the exit site.
                    allowed.add(exit_origin)
                assert source in allowed or source.startswith("'nonce-"), f"{path}: {name} allows {source}"


def test_the_stylesheet_loads_nothing_from_another_origin() -> None:
    sheets = list(ROOT.joinpath("app/static/dist").glob("*.css"))
    assert sheets, "run `make assets` first"
    for sheet in sheets:
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text("utf-8")):
            assert _same_origin(url), f"{sheet.name} loads {url}"
        assert "@import url(http" not in sheet.read_text("utf-8")


# Profiling ----------------------------------------------------------------------------------------------------


PROFILING_WORDS = re.compile(
    r"score|rank|risk|rating|segment|propensit|predict|profil|engagement|sentiment|cluster|persona|vulnerab"
)
MODELLING_PACKAGES = ("scikit-learn", "sklearn", "tensorflow", "torch", "xgboost", "lightgbm", "statsmodels")


def test_nothing_in_the_models_scores_or_ranks_young_people(app: Flask) -> None:
    named = [
        f"{table.name}.{column.name}"
        for table in db.metadata.sorted_tables
        for column in table.columns
        if PROFILING_WORDS.search(column.name) or PROFILING_WORDS.search(table.name)
    ]
    assert named == []
    project = tomllib.loads(ROOT.joinpath("pyproject.toml").read_text("utf-8"))["project"]
    extras = [name for group in project.get("optional-dependencies", {}).values() for name in group]
    wanted = " ".join([*project["dependencies"], *extras])
    assert [name for name in MODELLING_PACKAGES if name in wanted.lower()] == []


# Parental controls: nobody watches a young person ------------------------------------------------------------


def test_carers_and_parents_have_no_account_and_nothing_watches_a_young_person(app: Flask) -> None:
    watchers = ("parent", "carer", "guardian")
    assert [role.value for role in Role if any(word in role.value for word in watchers)] == []
    # Everyone who is not a young person is staff of a council or an advocacy service, and signs in with a
    # second factor; there is no other kind of account.
    assert all(role in YOUNG_PEOPLE or not role.is_young_person for role in Role)
    paths = [rule.rule for rule in app.url_map.iter_rules()]
    assert [p for p in paths if any(word in p for word in watchers)] == []
