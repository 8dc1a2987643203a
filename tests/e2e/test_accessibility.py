"""axe (WCAG 2.2 A and AA) on every page, for everyone who can open it, at 320 px and desktop widths.

Pages are found by walking app.url_map for GET routes and reading each route's declared roles (app/access/routes.py),
so a new page is checked the moment it exists. Public pages are checked signed out; every other page as each
role that may open it. Public pages and young people's pages are checked in Arabic (right to left) too, and the
staff layout in Arabic as one staff role.

Each page is also checked for horizontal scrolling at 320 px and for having exactly one <h1>, and the forms in
SEND_EMPTY are sent empty on the small screen so their error messages and error summary are checked as well.

A page that needs more than a plain GET (something in the browser session first) is listed in _session_needs;
a page that redirects instead of showing fails the walk with a message saying so. URL parameters such as
<plan_id> are filled from the demo data by tests/e2e/conftest.py (see MODELS and MAKERS there).

ORBIT_SCREENSHOTS=/some/folder saves a full-page screenshot of every page checked.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Error as PlaywrightError

from app import clock
from app.access import RouteRule, rule_for
from app.roles import Role
from tests.e2e.conftest import DESKTOP, MOBILE, Live, shots_dir

pytestmark = pytest.mark.e2e

AXE_SCRIPT = Axe().axe_script
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
PARAM_VALUE = re.compile(r"[0-9a-f]{8}-[0-9a-f-]{27}|(?<=/staff/join/)[A-Za-z0-9_-]{20,}")
NOT_PAGES = {"public.asset"}
VISITOR = "visitor"
NEW_STAFF = "new_staff"  # signed in, second factor not set up yet
# Pages only one audience sees (for everyone else they redirect on purpose).
ONLY_FOR = {"auth.enrol_second_factor": NEW_STAFF}
# Forms that are also checked sent empty, showing their errors. Only forms that change nothing when sent
# empty belong here: the walk runs against data other tests use.
SEND_EMPTY = {
    "auth.sign_in",
    "auth.staff_sign_in",
    "auth.join",
    "auth.join_account",
    "auth.staff_second_factor",
    "auth.staff_join",
    "auth.change_password",
    "auth.enrol_second_factor",
    "admin.invite",
    "practitioner.add_young_person",
    "young_person.add_person",
}


def _session_needs(live: Live) -> dict[str, dict[str, Any]]:
    """What must be in the browser's session before these pages show (rather than redirect)."""
    return {
        "auth.join_account": {"join_code": "ABCD2345"},
        "auth.staff_second_factor": {
            "pending_second_factor": {"user": live.param("user_id", VISITOR), "at": clock.now().timestamp()}
        },
    }


# Pages that only show with something in the query string, or that are errors, checked as well.
VISITOR_EXTRAS = [
    ("/sign-in?ended=timeout", 200),
    ("/sign-in?ended=signed_out", 200),
    ("/staff/sign-in?ended=signed_out", 200),
    ("/staff/join/not-a-real-invite", 404),
    ("/e2e-no-such-page", 404),
]


@dataclass(frozen=True)
class Visit:
    url: str
    status: int = 200
    endpoint: str = ""
    session: dict[str, Any] = field(default_factory=dict)


def get_routes(app: Flask) -> list[tuple[str, str, RouteRule]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_PAGES or "GET" not in (rule.methods or set()):
            continue
        access = rule_for(app.view_functions[rule.endpoint])
        assert access is not None, f"{rule.endpoint} declares no roles"
        found.append((rule.endpoint, rule.rule, access))
    return sorted(found, key=lambda item: item[1])


def fill(live: Live, path: str, audience: str) -> str:
    return PARAM.sub(lambda match: live.param(match.group(1), audience), path)


def visits_for(live: Live, audience: str) -> tuple[list[Visit], list[str]]:
    """The pages to check as `audience`, and the pages that cannot be reached for want of demo data."""
    needs = _session_needs(live)
    visits = []
    unfilled = []
    refused: str | None = None
    for endpoint, path, access in get_routes(live.app):
        if audience == VISITOR:
            wanted = access.public
        elif audience == NEW_STAFF:
            wanted = not access.public and access.before_second_factor and access.allows(Role.practitioner)
        else:
            wanted = not access.public and access.allows(Role(audience))
            if not access.public and not access.allows(Role(audience)) and refused is None and "<" not in path:
                refused = path
        if not wanted or ONLY_FOR.get(endpoint, audience) != audience:
            continue
        try:
            url = fill(live, path, audience)
        except AssertionError as error:
            unfilled.append(f"{path}: {str(error).splitlines()[0]}")
            continue
        visits.append(Visit(url, endpoint=endpoint, session=needs.get(endpoint, {})))
    if audience == VISITOR:
        visits += [Visit(url, status) for url, status in VISITOR_EXTRAS]
    else:
        visits.append(Visit("/e2e-no-such-page", 404))
        if refused:
            visits.append(Visit(refused, 403))
    return visits, unfilled


# Checking one page ------------------------------------------------------------------------------------


def describe(violations: list[dict[str, Any]], where: str) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"      at {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"      …and {len(violation['nodes']) - 5} more")
    return lines


# The shape of a page: every element's tag, classes and accessibility attributes, and whether it holds text of
# its own, but not the words. Pages of the same shape (the password page for each staff role, say) give axe the
# same answers, so axe runs once per shape, width and language; every page still gets the other checks.
PAGE_SHAPE = """() => {
    const names = ['role', 'type', 'hidden', 'alt', 'title', 'aria-label', 'aria-labelledby', 'aria-describedby',
        'aria-hidden', 'aria-current', 'aria-expanded', 'aria-live', 'tabindex', 'for', 'scope', 'href', 'disabled'];
    const lines = [];
    const walk = (el, depth) => {
        const attrs = names.filter(name => el.hasAttribute(name)).join(',');
        const text = [...el.childNodes].some(node => node.nodeType === 3 && node.textContent.trim()) ? 'T' : '';
        lines.push(depth + el.tagName + '.' + (el.getAttribute('class') || '') + '[' + attrs + ']' + text);
        for (const child of el.children) walk(child, depth + 1);
    };
    walk(document.documentElement, 0);
    return lines.join('\\n');
}"""
AXE_ANSWERS: dict[tuple[int, str, str], bool | None] = {}  # None: being checked now
START_AXE = "options => { window.__orbitAxe = axe.run(options); }"  # axe comes from the context's init script
AXE_RESULT = "() => window.__orbitAxe"


def start_axe(page: Any, width: int) -> tuple[int, str, str] | None:
    """Set axe going on the page and say which shape it is checking; None if that shape is checked already."""
    shape = hashlib.sha256(page.evaluate(PAGE_SHAPE).encode()).hexdigest()
    key = (width, page.locator("html").get_attribute("lang") or "", shape)
    if key in AXE_ANSWERS:
        return None  # the same shape was checked already, and any problem reported there
    AXE_ANSWERS[key] = None
    page.evaluate(START_AXE, AXE_OPTIONS)
    return key


def finish_axe(page: Any, key: tuple[int, str, str] | None, where: str) -> list[str]:
    if key is None:
        return []
    problems = describe(page.evaluate(AXE_RESULT)["violations"], where)
    AXE_ANSWERS[key] = not problems
    return problems


def other_checks(page: Any, where: str, width: int) -> list[str]:
    problems = []
    headings = page.locator("h1").count()
    if headings != 1:
        problems.append(f"{where}: has {headings} <h1> elements; every page needs exactly one, naming it")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = page.evaluate(
            """(width) => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1 || el.getBoundingClientRect().left < -1)
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim()
                    .split(/ +/).join('.') : ''))""",
            width,
        )
        problems.append(f"{where}: scrolls sideways at {width} px (scrollWidth {scroll_width}); too wide: {wide}")
    return problems


def check_page(page: Any, where: str, width: int) -> list[str]:
    return finish_axe(page, start_axe(page, width), where) + other_checks(page, where, width)


def send_empty_form(page: Any) -> bool:
    """Send the first form in <main> that has a text box, with its text boxes empty. False if there is none."""
    form = page.locator(
        "main form[method=post]:has(input[type=text], input[type=password], input[type=email], textarea)"
    ).first
    if form.count() == 0:
        return False
    boxes = form.locator("input[type=text], input[type=password], input[type=email], textarea")
    for index in range(boxes.count()):
        if boxes.nth(index).is_visible():
            boxes.nth(index).fill("")
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()
    return True


# Languages besides English that every public and young person's page is walked in: Arabic, and Dari and Tigrinya
# (right to left in another Arabic-script language, and the Ethiopic script). Add a language here to walk it too.
WALK_LOCALES = ["ar", "fa_AF", "ti"]
RUNS = [(VISITOR, MOBILE, "en"), (VISITOR, DESKTOP, "en")]
for _locale in WALK_LOCALES:
    RUNS += [(VISITOR, MOBILE, _locale), (VISITOR, DESKTOP, _locale)]
for _role in Role:
    RUNS += [(_role.value, MOBILE, "en"), (_role.value, DESKTOP, "en")]
    # Young people's pages (and, for the staff layout, one staff role) in the other languages too.
    if _role in (Role.young_person, Role.practitioner):
        for _locale in WALK_LOCALES:
            RUNS += [(_role.value, MOBILE, _locale), (_role.value, DESKTOP, _locale)]
RUNS += [(NEW_STAFF, MOBILE, "en"), (NEW_STAFF, DESKTOP, "en")]


def test_forms_sent_empty_are_real_pages(live: Live) -> None:
    endpoints = {endpoint for endpoint, _path, _access in get_routes(live.app)}
    assert endpoints >= SEND_EMPTY, f"SEND_EMPTY names pages that no longer exist: {SEND_EMPTY - endpoints}"


# Pages checked side by side, each in a browser context of its own, so axe can use both cores of a quiet
# machine (ORBIT_E2E_LANES changes it; on a busy machine it makes little difference).
LANES = int(os.environ.get("ORBIT_E2E_LANES", "2"))


@pytest.mark.parametrize(("audience", "size", "locale"), RUNS, ids=[f"{a}-{s['width']}-{loc}" for a, s, loc in RUNS])
def test_every_page_passes_axe(
    live: Live, open_page: Callable[..., Any], audience: str, size: dict[str, int], locale: str
) -> None:
    lanes = [open_page(size, locale) for _ in range(LANES)]
    for lane in lanes:
        lane.context.add_init_script(script=AXE_SCRIPT)
    if audience == NEW_STAFF:
        signed_in = {"sid": live.new_staff_token}
    elif audience != VISITOR:
        signed_in = {"sid": live.start_session(audience)}
    else:
        signed_in = {}
    folder = shots_dir()
    width = size["width"]

    def shot(page: Any, where: str) -> None:
        if folder:
            where = PARAM_VALUE.sub("id", where)
            name = re.sub(r"[^a-z0-9]+", "-", f"{audience}-{locale}-{width}-{where}".lower()).strip("-")
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    def open_visit(page: Any, visit: Visit) -> str | None:
        """Open the page; None if it is a page to check, otherwise what was wrong ("" for nothing)."""
        page.context.add_cookies([live.session_cookie({**signed_in, **visit.session})])
        try:
            response = page.goto(live.url + visit.url)
        except PlaywrightError as error:
            if "Download is starting" not in str(error):
                raise
            # A file to save (a copy of someone's information), not a page: it only has to answer.
            download = page.context.request.get(live.url + visit.url)
            return "" if download.status == 200 else f"{visit.url}: answered {download.status}, not 200"
        if response is None or response.status != visit.status:
            return f"{visit.url}: answered {response.status if response else 'nothing'}, not {visit.status}"
        if live.path(page.url) != live.path(live.url + visit.url):
            return (
                f"{visit.url}: redirected to {live.path(page.url)} instead of showing; if {visit.endpoint} needs "
                "something in the session first, add it to _session_needs"
            )
        if not page.locator("html.govuk-template").count():
            return ""  # a piece of a page that htmx swaps in, not a page of its own
        return None

    visits, problems = visits_for(live, audience)
    checked = 0
    for first in range(0, len(visits), LANES):
        started = []
        for page, visit in zip(lanes, visits[first : first + LANES], strict=False):
            wrong = open_visit(page, visit)
            if wrong is None:
                started.append((page, visit, start_axe(page, width)))
            elif wrong:
                problems.append(wrong)
        for page, visit, axe_key in started:
            problems += finish_axe(page, axe_key, visit.url) + other_checks(page, visit.url, width)
            shot(page, visit.url)
            checked += 1
            # Error messages are checked on the small screen, where they are hardest to fit.
            if width == MOBILE["width"] and visit.endpoint in SEND_EMPTY and send_empty_form(page):
                where = f"{visit.url} (sent empty)"
                if page.locator(".govuk-error-summary").count() == 0:
                    problems.append(f"{where}: no error summary after sending the form empty")
                problems += check_page(page, where, width)
                shot(page, where)
                checked += 1
    assert checked, f"no pages checked for {audience}: " + "; ".join(problems[:5])
    assert not problems, f"{len(problems)} problem(s) as {audience} at {width} px in {locale}:\n" + "\n".join(problems)
