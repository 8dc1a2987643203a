"""Form fields kept once rendered (app.forms.widgets) show exactly what a fresh render shows, and keep nothing typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from govuk_frontend_wtf.gov_form_base import GovFormBase
from wtforms import DateField, Form, RadioField, StringField, TextAreaField

from app import create_app
from app.forms import widgets
from app.forms.widgets import DateInput, RadioInput, TextArea, TextInput

TRICKY = [
    "",
    "Nan",
    '<script>alert("x")</script>',
    'Tom & Jerry\'s "mum"',
    "orbittyped0x",  # looks like a marker, but is not this process's marker
    "ŵ ي ሰ 👍",
    "x" * 5000,
]


class Sample(Form):
    name = StringField("What do you call them?", widget=TextInput(), description="A first name is enough.")
    words = TextAreaField("Anything else?", widget=TextArea())
    circle = RadioField("Which circle?", widget=RadioInput(), choices=[("close", "Close"), ("far", "Further out")])
    day = DateField("When?", widget=DateInput(), format="%d %m %Y")


@pytest.fixture
def plain_app() -> Iterator[Flask]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context("/"):
        yield app


def _fresh(field: Any) -> str:
    """The field as govuk-frontend-wtf itself renders it (Flask's render_template, nothing kept)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(widgets._Rendered, "render", GovFormBase.render)
        return str(field())


@pytest.mark.parametrize("typed", TRICKY)
def test_a_kept_field_shows_what_a_fresh_render_shows(plain_app: Flask, typed: str) -> None:
    for _ in range(2):  # the first render keeps it, the second uses what was kept
        form = Sample(
            data={"name": typed, "words": typed, "circle": "far" if typed else None},
            meta={"csrf": False},
        )
        form.day.raw_data = [typed[:20], "2", "2027"]
        for field in (form.name, form.words, form.circle, form.day):
            assert str(field()) == _fresh(field)
    if typed:
        html = str(Sample(data={"name": typed}, meta={"csrf": False}).name())
        assert str(widgets.escape(typed)) in html
        assert widgets.MARKER not in html


def test_typed_words_take_their_own_direction_and_chosen_answers_do_not_need_to(plain_app: Flask) -> None:
    """English typed on a Pashto page (or Pashto on an English one) reads the right way round: the box takes the
    direction of what is typed in it."""
    form = Sample(data={"name": "Leo", "words": "ورور مې", "circle": "far"}, meta={"csrf": False})
    for _ in range(2):  # fresh, then kept
        line = re.search(r'<input class="govuk-input"[^>]*value="Leo"[^>]*>', str(form.name()))
        assert line and 'dir="auto"' in line.group(0)
        assert re.search(r'<textarea class="govuk-textarea"[^>]* dir="auto">ورور مې</textarea>', str(form.words()))
    assert 'dir="auto"' not in str(form.circle())


def test_errors_are_shown_and_kept_apart(plain_app: Flask) -> None:
    form = Sample(data={"name": "Sam"}, meta={"csrf": False})
    quiet = str(form.name())
    form.name.errors = ["Write the name you call them"]
    loud = str(form.name())
    assert "Write the name you call them" in loud
    assert "Write the name you call them" not in quiet
    assert str(form.name()) == _fresh(form.name)


def test_nothing_typed_is_kept(plain_app: Flask) -> None:
    secret = "Auntie Secretname"
    form = Sample(data={"name": secret, "words": secret}, meta={"csrf": False})
    form.day.raw_data = ["17", "3", "2011"]
    assert secret in str(form.name()) and secret in str(form.words())
    assert 'value="2011"' in str(form.day())
    kept = plain_app.extensions["orbit_rendered_fields"]
    assert kept
    everything = repr(list(kept.items()))
    assert secret not in everything
    assert "2011" not in everything


def test_at_most_so_many_fields_are_kept(plain_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(widgets, "KEPT_AT_MOST", 3)
    for label in ("One", "Two", "Three", "Four", "Five"):

        class Labelled(Form):
            circle = RadioField(label, widget=RadioInput(), choices=[("a", "A")])

        Labelled(meta={"csrf": False}).circle()
    assert len(plain_app.extensions["orbit_rendered_fields"]) == 3
