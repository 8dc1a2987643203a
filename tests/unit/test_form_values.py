"""details(form, kind): a service's details read from the form fields of the same names, and nothing typed turned
into something else on the way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, DateField, Form, SelectMultipleField, StringField

from app.views.shared.form_values import details


class PlanForm(Form):
    where = StringField()
    who = SelectMultipleField(choices=[("mum", "Mum"), ("nan", "Nan")])
    when = DateField()
    urgent = BooleanField()


@dataclass(frozen=True)
class Plan:
    where: str
    who: frozenset[str]
    when: date | None
    note: str


@dataclass(frozen=True)
class UrgentPlan:
    where: str
    urgent: bool


def test_words_ticks_and_dates_come_from_their_fields() -> None:
    form = PlanForm(MultiDict([("where", "The park"), ("who", "mum"), ("who", "nan"), ("when", "2027-03-04")]))
    assert details(form, Plan, note="worked out") == Plan(
        where="The park", who=frozenset({"mum", "nan"}), when=date(2027, 3, 4), note="worked out"
    )


def test_empty_fields_are_empty_words_no_ticks_and_no_date() -> None:
    assert details(PlanForm(MultiDict()), Plan, note="") == Plan(where="", who=frozenset(), when=None, note="")


def test_a_tick_box_is_never_read_as_words() -> None:
    form = PlanForm(MultiDict([("where", "Home")]))
    with pytest.raises(TypeError, match=r"UrgentPlan\.urgent"):
        details(form, UrgentPlan)
    assert details(form, UrgentPlan, urgent=bool(form.urgent.data)) == UrgentPlan(where="Home", urgent=False)
