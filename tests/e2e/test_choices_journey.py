"""No nudges, measured in Chromium: on a young person's pages where they decide something, "no", "keep them" and
"go back without sending" are drawn at least as big as "yes" (as tall and as wide), at 320 px and on a
desktop screen. tests/integration/test_childrens_code.py checks the same from the HTML on every page; this checks
what a young person actually sees on the pages where the choice matters most.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import DESKTOP, MOBILE, Live
from tests.e2e.test_journeys import sign_in_young_person

pytestmark = pytest.mark.e2e

# (page, the words on "yes", the words on "no")
CHOICES = (
    ("/me/people/{person_id}/delete", "Yes, delete", "No, keep them"),
    ("/me/people/{person_id}/end", "Move out of my circles", "No, keep them in my circles"),
    ("/me/people/{person_id}/sharing", "Save who can see", "Only me"),
    ("/me/family-time/{plan_id}/feelings", "Send", "Go back without sending"),
    ("/me/review/note", "Send my note", "Go back without sending"),
)


def _box(page: Any, words: str) -> dict[str, float]:
    control = page.locator("main").get_by_role("button", name=words, exact=True)
    if control.count() == 0:
        control = page.locator("main").get_by_role("link", name=words, exact=True)
    assert control.count() == 1, f"{page.url}: expected one {words!r}"
    box = control.bounding_box()
    assert box is not None, f"{page.url}: {words!r} is not shown"
    return box


@pytest.mark.parametrize("size", [MOBILE, DESKTOP], ids=["320px", "desktop"])
def test_no_is_drawn_as_big_as_yes(live: Live, open_page: Callable[..., Any], size: dict[str, int]) -> None:
    page = open_page(size)
    sign_in_young_person(page, live.url, live.sign_ins["young_person"])
    page.wait_for_url(f"{live.url}/me/")
    ids = {name: live.param(name, "young_person") for name in ("person_id", "plan_id")}
    for path, yes, no in CHOICES:
        page.goto(live.url + path.format(**ids))
        yes_box, no_box = _box(page, yes), _box(page, no)
        where = f"{path} at {size['width']}px"
        assert no_box["height"] >= yes_box["height"] - 1, f"{where}: {no!r} is not as tall as {yes!r}"
        assert no_box["width"] >= yes_box["width"] - 1, f"{where}: {no!r} is narrower than {yes!r}"
