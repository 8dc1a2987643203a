"""Browser tests: the real app served on 127.0.0.1 from a migrated SQLite file with the demo council, driven by
Debian's Chromium through Playwright.

One server and one Chromium serve the whole run. Each test gets a fresh browser context (no cookies), so tests
do not share sign-ins. Pages record every request they make: a request to any other origin fails the test
(Orbit uses no third parties), and so does a JavaScript error or a Content-Security-Policy complaint.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from app import create_app
from app.extensions import db
from app.web import DIST

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MOBILE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
STAFF_PASSWORD_FOR_NEW_ACCOUNTS = "a new staff password for e2e"


@pytest.fixture(scope="session", autouse=True)
def _needs_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (`make chromium` installs it)")
    if not (DIST / "manifest.json").exists():
        pytest.fail("Assets are not built: run `npm run build` (or `make assets`) before the browser tests")


# The server -------------------------------------------------------------------------------------------


@dataclass
class Live:
    """The running app and what the demo gave us to sign in with."""

    app: Flask
    url: str
    sign_ins: dict[str, Any]  # role (or "invite") -> DemoSignIn
    fixed: dict[str, str] = field(default_factory=dict)  # URL parameter -> the same value for everyone
    ids: dict[str, dict[str, str]] = field(default_factory=dict)  # URL parameter -> audience -> value
    new_staff_token: str = ""  # a session token for a member of staff who has not set up their second factor

    @staticmethod
    def path(url: str) -> str:
        return urlsplit(url).path

    def param(self, name: str, audience: str) -> str:
        """A value for URL parameter `name` that `audience` may open, from the demo data (found once, then kept)."""
        if name in self.fixed:
            return self.fixed[name]
        key = audience if audience in ("young_person", "care_leaver") else "staff"
        values = self.ids.setdefault(name, {})
        if key not in values:
            with self.app.app_context():
                values[key] = _object_id(self, name, audience)
                db.session.commit()
        return values[key]

    def session_cookie(self, data: dict[str, Any]) -> dict[str, Any]:
        """A browser cookie holding this Flask session, signed like the app signs it."""
        value = self.app.session_interface.get_signing_serializer(self.app).dumps(dict(data))  # type: ignore[attr-defined]
        return {
            "name": self.app.config["SESSION_COOKIE_NAME"],
            "value": value,
            "url": self.url,
            "httpOnly": True,
            "sameSite": "Lax",
        }

    def signed_in_cookie(self, role: str) -> dict[str, Any]:
        """A real server-side session for the demo user in `role`, as its cookie (no second factor needed)."""
        return self.session_cookie({"sid": self.start_session(role)})

    def start_session(self, role: str) -> str:
        from sqlalchemy import select

        from app.models import User
        from app.services import auth

        with self.app.app_context():
            login = self.sign_ins[role].sign_in_as
            user = db.session.scalar(select(User).where((User.username == login) | (User.email == login)))
            assert user is not None, role
            token = auth.start_session(user)
            db.session.commit()
            return token


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="heads")  # features land as parallel migrations until they are chained
        db.engine.dispose()


def serve(app: Flask) -> tuple[BaseWSGIServer, str]:
    """Serve `app` with werkzeug on 127.0.0.1 and a free port, in a background thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    # Exit this page goes to a page of the test server, so no request leaves the machine.
    app.config["ORBIT_SETTINGS"] = dataclasses.replace(
        app.config["ORBIT_SETTINGS"], exit_url=f"{url}/help", base_url=url
    )
    threading.Thread(target=server.serve_forever, name=f"orbit-e2e-{server.server_port}", daemon=True).start()
    return server, url


def make_app(database_url: str, **overrides: Any) -> Flask:
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False, **overrides})


def _demo_extras(app: Flask, live: Live) -> None:
    """A staff invite still to use, a new member of staff half-way set up, and what fills URL parameters."""
    from sqlalchemy import select

    from app.models import User
    from app.roles import Role
    from app.services import admin, auth

    with app.app_context():
        admin_user = db.session.scalar(select(User).where(User.role == Role.council_admin))
        assert admin_user is not None
        tokens: list[str] = []
        for first, email in (("Nia", "nia@brightwater.example"), ("Omar", "omar@brightwater.example")):
            admin.invite_staff(
                admin_user,
                role=Role.practitioner,
                first_name=first,
                last_name="Test",
                email=email,
                join_url_for=lambda token: tokens.append(token) or token,
            )
        _user, live.new_staff_token = auth.accept_staff_invite(
            tokens[1], STAFF_PASSWORD_FOR_NEW_ACCOUNTS, STAFF_PASSWORD_FOR_NEW_ACCOUNTS
        )
        live.fixed.update(user_id=str(admin_user.id), token=tokens[0])
        db.session.commit()


# URL parameters ---------------------------------------------------------------------------------------
#
# A parameter like <plan_id> is filled with the id of a FamilyTimePlan found by its name (the model whose name is,
# or ends with, "Plan"). Things that belong to a young person are their own for young people and Maya's for staff
# (every demo worker and manager may see Maya). When the demo has none, MAKERS says how to make one; a name that
# fits several models (<request_id>) says which in MODELS.


def _make_person(user: Any) -> Any:
    from app.services import people

    details = people.PersonDetails(name="Aunty Rose", relationship_kind="aunt_or_uncle", circle="close")
    return people.add_person(user, details)


def _make_reconnect(user: Any) -> Any:
    from app.services import people

    details = people.PersonDetails(name="Gran", relationship_kind="grandparent", circle="further", wish="lost_touch")
    return people.ask_to_reconnect(user, people.add_person(user, details).id, "She lived near the park")


def _make_alert(user: Any) -> Any:
    import uuid

    from app.services import safety

    return safety.raise_alert(user, "scared", "Someone keeps shouting at night", uuid.uuid4())


def _make_information_request(user: Any) -> Any:
    from app.services import information_requests

    return information_requests.ask_to_correct(user, "correct", "My birthday is wrong")


def _make_advocacy_request(user: Any) -> Any:
    import uuid

    from app.services import advocacy

    details = advocacy.RequestDetails(
        topic="family_time", wants="To see my brother more", ways=frozenset({"in_orbit"}), urgent="no"
    )
    return advocacy.ask_for_advocate(user, details, uuid.uuid4())


def _make_family_time_plan(user: Any) -> Any:
    """A plan written by the young person's worker (Jordan has none in the demo)."""
    import uuid
    from datetime import timedelta

    from sqlalchemy import select

    from app import clock
    from app.models import Allocation, AllocationKind, User, YoungPerson
    from app.services import family_time

    young_person = db.session.scalar(select(YoungPerson).where(YoungPerson.user_id == user.id))
    worker = db.session.scalar(
        select(User)
        .join(Allocation, Allocation.staff_id == User.id)
        .where(
            Allocation.young_person_id == young_person.id,
            Allocation.kind.in_([AllocationKind.social_worker, AllocationKind.personal_adviser]),
        )
    )
    details = family_time.PlanDetails(
        sibling="other",
        sibling_name="Ash",
        how_often="monthly",
        ways=frozenset({"in_person", "phone"}),
        place="out_somewhere",
        who_else="nobody",
        arranged_by="young_person",
        review_on=clock.today() + timedelta(days=60),
        live_apart="yes",
        why_apart="You each have your own home now.",
    )
    return family_time.add_plan(worker, young_person.id, details, uuid.uuid4())


def _make_family_time_entry(user: Any) -> Any:
    import uuid

    from sqlalchemy import select

    from app.models import FamilyTimePlan, YoungPerson
    from app.services import family_time

    young_person = db.session.scalar(select(YoungPerson).where(YoungPerson.user_id == user.id))
    plan = db.session.scalar(select(FamilyTimePlan).where(FamilyTimePlan.young_person_id == young_person.id))
    plan = plan or _make_family_time_plan(user)
    return family_time.say_feeling(
        user, plan.id, plan.version, "good", "", to_review=True, to_advocate=True, submission_key=uuid.uuid4()
    )


def _make_support_request(user: Any) -> Any:
    """A Staying Close request (Maya, 14, may ask anyway: it goes to the council's leaving care queue)."""
    import uuid

    from app.services import leaving_care

    details = leaving_care.SupportDetails(areas=frozenset({"home", "someone_to_talk_to"}), contact="in_orbit")
    return leaving_care.ask_for_support(user, details, uuid.uuid4())


def _disagreed_response(user: Any, young_person: Any) -> Any:
    """An answer at the young person's last review that they said they don't agree with (made when missing)."""
    from sqlalchemy import select

    from app import clock
    from app.models import Point, Reaction, Review, ReviewResponse

    held = db.session.scalar(
        select(Review)
        .where(Review.young_person_id == young_person.id, Review.decisions_sent_at.is_not(None))
        .order_by(Review.held_on.desc())
    )
    if held is None:
        from app.models import ReviewStatus

        held = Review(
            young_person_id=young_person.id,
            held_on=clock.today(),
            status=ReviewStatus.held,
            decisions_sent_at=clock.now(),
            updated_at=clock.now(),
        )
        db.session.add(held)
        db.session.flush()
    response = db.session.scalar(
        select(ReviewResponse).where(ReviewResponse.review_id == held.id, ReviewResponse.decided.is_not(None))
    )
    if response is None:
        response = ReviewResponse(
            review_id=held.id,
            point=Point.general,
            point_key=Point.general.value,
            decided="You will stay at home",
            why="It is going well",
        )
        db.session.add(response)
    response.reaction = Reaction.disagree
    db.session.flush()
    return response


def _complaint_for(user: Any, young_person: Any, about_service: bool) -> Any:
    """The young person's complaint to the council (or about the advocacy service), made when missing, shared with
    their advocate and known to their worker so every page about it shows."""
    import uuid

    from sqlalchemy import select

    from app.models import Complaint
    from app.services import complaints

    found = db.session.scalar(
        select(Complaint).where(
            Complaint.young_person_id == young_person.id,
            Complaint.advocacy_service_id.is_not(None) if about_service else Complaint.advocacy_service_id.is_(None),
        )
    )
    if found is not None:
        return found
    details = complaints.ComplaintDetails(
        topic="advocacy_service" if about_service else "my_home",
        words="Nobody told me I was moving",
        wants_advocate="no",
        share_with_advocate=True,
        tell_social_worker=True,
    )
    return complaints.make_complaint(user, details, uuid.uuid4())


def _look_again(user: Any, young_person: Any) -> Any:
    from app.services import complaints

    return complaints.ask_look_again(user, _disagreed_response(user, young_person).id, "Please look again")


# URL parameters filled by a function of the young person whose things they are (user, young person).
SPECIAL: dict[str, Callable[[Any, Any], Any]] = {
    "response_id": _disagreed_response,
    "complaint_id": lambda user, young_person: _complaint_for(user, young_person, about_service=False),
    "service_complaint_id": lambda user, young_person: _complaint_for(user, young_person, about_service=True),
    "look_again_id": _look_again,
}


def _make_pending_import(user: Any) -> Any:
    """The demo council admin's checked files, waiting for their confirm: two children to add."""
    from sqlalchemy import select

    from app import clock
    from app.models import User
    from app.roles import Role
    from app.services import council_data
    from app.services.council_data.files import read

    admin = db.session.scalar(select(User).where(User.role == Role.council_admin, User.council_id == user.council_id))
    files = [
        (
            "header.csv",
            b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nE2E1,1,01/02/2012,WBRI,,,\nE2E2,2,03/04/2010,BAFR,,,\n",
        ),
        (
            "episodes.csv",
            b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
            b"E2E1,01/03/2024,S,C2,N1,U6,PR1,,,,,,\nE2E2,10/05/2023,S,V2,N4,K2,PR1,,,,,,\n",
        ),
        (
            "names.csv",
            b"CHILD,FIRST_NAME,SOCIAL_WORKER_EMAIL,REVIEWING_OFFICER_EMAIL\n"
            b"E2E1,Ade,priya@brightwater.example,tom@brightwater.example\n"
            b"E2E2,Bo,priya@brightwater.example,tom@brightwater.example\n",
        ),
    ]
    assert read(files, clock.today()).problems == []
    pending_id, preview = council_data.start_preview(admin, files)
    assert pending_id is not None, [str(p) for p in preview.errors]
    return type("Made", (), {"id": pending_id})


MODELS = {
    "pending_id": "PendingImport",
    "request_id": "ReconnectRequest",
    "person_id": "PersonWhoMatters",
    "plan_id": "FamilyTimePlan",
    "entry_id": "FamilyTimeEntry",
}
MAKERS: dict[str, Callable[[Any], Any]] = {
    "PersonWhoMatters": _make_person,
    "ReconnectRequest": _make_reconnect,
    "SafetyAlert": _make_alert,
    "InformationRequest": _make_information_request,
    "AdvocacyRequest": _make_advocacy_request,
    "FamilyTimePlan": _make_family_time_plan,
    "FamilyTimeEntry": _make_family_time_entry,
    "SupportRequest": _make_support_request,
    "PendingImport": _make_pending_import,
}


def _model_for(name: str) -> Any:
    classes = {mapper.class_.__name__: mapper.class_ for mapper in db.Model.registry.mappers}
    if name in MODELS:
        return classes[MODELS[name]]
    stem = name.removesuffix("_id").replace("_", "")
    exact = [cls for cls_name, cls in classes.items() if cls_name.lower() == stem]
    ending = [cls for cls_name, cls in classes.items() if cls_name.lower().endswith(stem)]
    found = exact or ending
    names = sorted(cls.__name__ for cls in found) or "no model"
    assert len(found) == 1, f"URL parameter <{name}> could mean {names}: say which in MODELS (tests/e2e/conftest.py)"
    return found[0]


def _object_id(live: Live, name: str, audience: str) -> str:
    from sqlalchemy import select

    from app.models import User, YoungPerson

    model = None if name in SPECIAL else _model_for(name)
    login = audience if audience in ("young_person", "care_leaver") else "young_person"
    user = db.session.scalar(select(User).where(User.username == live.sign_ins[login].sign_in_as))
    young_person = db.session.scalar(select(YoungPerson).where(YoungPerson.user_id == user.id))
    assert user is not None and young_person is not None
    if name in SPECIAL:
        return str(SPECIAL[name](user, young_person).id)
    if model is YoungPerson:
        return str(young_person.id)
    query = select(model.id).order_by(model.id).limit(1)
    whose = ""
    if "young_person_id" in model.__table__.c:
        query = query.where(model.young_person_id == young_person.id)
        whose = f" for {user.first_name}"
    object_id = db.session.scalar(query)
    if object_id is None:
        make = MAKERS.get(model.__name__)
        assert make, (
            f"the demo has no {model.__name__}{whose} (for <{name}>): add one to the demo seed, "
            "or a maker to MAKERS in tests/e2e/conftest.py"
        )
        object_id = make(user).id
    return str(object_id)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("e2e") / "orbit.sqlite"
    url = f"sqlite:///{path}"
    _migrate(url)
    return url


@pytest.fixture(scope="session")
def live(database_url: str, _needs_chromium: None) -> Iterator[Live]:
    from app.seed import demo

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = make_app(database_url)
    with app.app_context():
        sign_ins = demo.seed()
    by_role = {item.role: item for item in sign_ins}
    by_role["invite"] = next(item for item in sign_ins if item.invite_code)
    server, url = serve(app)
    live = Live(app=app, url=url, sign_ins=by_role)
    _demo_extras(app, live)
    yield live
    server.shutdown()


# The browser ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(_needs_chromium: None) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did that it should not: requests to other origins, script errors, CSP complaints."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def request(self, request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)

    def response(self, response: Any) -> None:
        # Pages answer errors on purpose (the walk checks each page's own status); their parts must not.
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} for {response.url}")

    def console(self, message: Any) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def page_error(self, error: Any) -> None:
        self.errors.append(f"script error: {error}")

    def problems(self) -> list[str]:
        return [f"request to another origin: {url}" for url in self.foreign] + self.errors


@pytest.fixture
def open_page(browser: Any, live: Live) -> Iterator[Callable[..., Any]]:
    """`open_page(size, locale="en")`: a page in a new, empty browser context, watched for other origins."""
    contexts: list[Any] = []
    watches: list[Watch] = []

    def make(size: dict[str, int], locale: str = "en", server: str | None = None) -> Any:
        context = browser.new_context(viewport=size, locale="en-GB", reduced_motion="reduce")
        origin = server or live.url
        if locale != "en":
            context.add_cookies([{"name": "orbit_lang", "value": locale, "url": origin}])
        page = context.new_page()
        page.set_default_timeout(10_000)
        watch = Watch(origin)
        page.on("request", watch.request)
        page.on("response", watch.response)
        page.on("console", watch.console)
        page.on("pageerror", watch.page_error)
        contexts.append(context)
        watches.append(watch)
        return page

    yield make
    problems = [problem for watch in watches for problem in watch.problems()]
    for context in contexts:
        context.close()
    assert not problems, "The page did something it should not:\n  " + "\n  ".join(problems)


@pytest.fixture
def mobile_page(open_page: Callable[..., Any]) -> Any:
    return open_page(MOBILE)


@pytest.fixture
def desktop_page(open_page: Callable[..., Any]) -> Any:
    return open_page(DESKTOP)


def shots_dir() -> Path | None:
    """Set ORBIT_SCREENSHOTS=/some/folder to save a screenshot of every page the accessibility walk checks."""
    folder = os.environ.get("ORBIT_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")
