"""Plain words, measured: the Flesch-Kincaid grade (textstat) of each young person's page's own English text, the
words in <main> only (not the shared header and footer). Grade 5 is a reading age of about 10; a page above it
fails, and the table of every page's grade is printed (pytest -s, or in the failure message)."""

from __future__ import annotations

import html
import re

import textstat
from flask import Flask

from app.access import rule_for
from app.extensions import db
from app.roles import Role
from tests import factories
from tests.conftest import sign_in_as

MAX_GRADE = 5.0
MAIN = re.compile(r"<main\b[^>]*>(.*?)</main>", re.DOTALL)
HIDDEN = re.compile(r"<(script|style|template|noscript)\b.*?</\1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|dt|dd|td|th|label|legend|button|a|summary|caption|div)>")


def main_text(page: str) -> str:
    found = MAIN.search(page)
    text = HIDDEN.sub(" ", found.group(1) if found else "")
    text = BLOCK_END.sub(". ", text)  # a heading or button ends like a sentence, as a reader hears it
    text = html.unescape(TAG.sub(" ", text))
    text = re.sub(r"(\s*\.\s*){2,}", ". ", text)
    return " ".join(text.split())


PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


def _pages(app: Flask, ids: dict[str, str]) -> list[str]:
    """Young people's pages (an id in the address filled from `ids`; pages needing another id are left out), and
    the public pages they see before signing in."""
    found = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()) or rule.endpoint == "public.asset":
            continue
        if any(name not in ids for name in PARAM.findall(rule.rule)):
            continue
        access = rule_for(app.view_functions[rule.endpoint])
        if access is None:
            continue
        young = not access.public and access.allows(Role.young_person)
        public = access.public and (
            rule.endpoint.startswith("public.") or rule.endpoint in ("auth.sign_in", "auth.join")
        )
        if young or public:
            found.append(PARAM.sub(lambda match: ids[match.group(1)], rule.rule))
    return sorted(set(found))


def test_young_peoples_pages_read_at_grade_5_or_below(app: Flask, client) -> None:
    person = factories.young_person(factories.CouncilFactory())
    nan = factories.person_who_matters(person, name="Nan")
    db.session.commit()
    sign_in_as(client, person.user)
    rows = []
    for path in _pages(app, {"person_id": str(nan.id)}):
        response = client.get(path, headers={"Accept-Language": "en"})
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        text = main_text(response.get_data(as_text=True))
        if len(text.split()) < 5:
            continue
        rows.append((textstat.flesch_kincaid_grade(text), path, len(text.split())))
    assert len(rows) > 10, rows
    rows.sort(reverse=True)
    table = "\n".join(f"{grade:5.1f}  {words:4d} words  {path}" for grade, path, words in rows)
    print("\nFlesch-Kincaid grade of each page's own words:\n" + table)
    too_hard = [row for row in rows if row[0] > MAX_GRADE]
    assert not too_hard, f"{len(too_hard)} page(s) above grade {MAX_GRADE}; rewrite them in plainer words:\n{table}"
