"""Rules for people who matter that need no database: the prompt, the count's suppression, cleaning what people
type, the history's codes, the circles picture's layout, and that form codes match the model's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.forms import people as forms
from app.models import (
    Answer,
    Audience,
    ChangeKind,
    Circle,
    Colour,
    Emoji,
    PersonWhoMatters,
    ReconnectStatus,
    RelationshipKind,
    TouchWay,
    Wish,
)
from app.services import people
from app.services.errors import Refused
from app.views.shared import circles


def _person(**kwargs) -> PersonWhoMatters:
    person = PersonWhoMatters(
        name=kwargs.pop("name", "Nan"),
        relationship_kind=RelationshipKind.grandparent,
        circle=kwargs.pop("circle", Circle.closest),
        **kwargs,
    )
    person.set_ways(frozenset())
    person.set_audiences(frozenset())
    return person


# The gentle prompt --------------------------------------------------------------------------------------


def test_the_prompt_shows_until_two_people_have_yes_to_trust_and_to_lasting() -> None:
    strong = [_person(trust=Answer.yes, lasting=Answer.yes) for _ in range(2)]
    assert people.needs_lasting_prompt([])
    assert people.needs_lasting_prompt(strong[:1])
    assert not people.needs_lasting_prompt(strong)


def test_the_prompt_counts_only_yes_to_both_questions_and_only_people_still_in_the_circles() -> None:
    ended = _person(trust=Answer.yes, lasting=Answer.yes, ended_at=datetime(2026, 1, 1, tzinfo=UTC))
    half = _person(trust=Answer.yes, lasting=Answer.sometimes)
    helps_only = _person(trust=Answer.sometimes, help=Answer.yes, lasting=Answer.yes)
    one = _person(trust=Answer.yes, lasting=Answer.yes)
    assert people.needs_lasting_prompt([ended, half, helps_only, one])
    assert not people.is_enduring(ended)


# The council count --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("with_two", "group", "group_shown", "count_shown"),
    [
        (0, 0, False, False),
        (9, 9, False, False),
        (5, 9, False, False),
        (9, 30, True, False),  # too few with two: hidden
        (25, 30, True, False),  # too few without: hidden (30 - 25 = 5)
        (0, 30, True, False),
        (10, 20, True, True),
        (12, 40, True, True),
    ],
)
def test_the_count_is_never_shown_for_fewer_than_ten_young_people(
    with_two: int, group: int, group_shown: bool, count_shown: bool
) -> None:
    result = people.suppress(with_two, group)
    assert result.group_shown is group_shown
    assert result.count_shown is count_shown
    if count_shown:
        assert (result.with_two, result.group) == (with_two, group)


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_any_shown_number_describes_at_least_ten_young_people_on_each_side(a: int, b: int) -> None:
    with_two, group = min(a, b), max(a, b)
    result = people.suppress(with_two, group)
    if result.group is not None:
        assert result.group >= people.MIN_GROUP_SIZE
    if result.with_two is not None:
        assert result.with_two >= people.MIN_GROUP_SIZE
        assert group - result.with_two >= people.MIN_GROUP_SIZE


# Cleaning what people type ------------------------------------------------------------------------------


def test_names_keep_any_script_and_emoji_but_lose_control_characters() -> None:
    assert people.clean_line("  Nan\t \n Rose ") == "Nan Rose"
    assert people.clean_line("\u202eevil\u202c") == "evil"
    assert people.clean_line("جدّتي") == "جدّتي"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert people.clean_line(f"{family} Mum") == f"{family} Mum"
    assert people.clean_line("<script>alert(1)</script>") == "<script>alert(1)</script>"  # escaped on output


def test_longer_text_keeps_its_lines() -> None:
    assert people.clean_text("line one\r\n\r\n\r\nline two\x00") == "line one\n\nline two"


@given(st.text(max_size=200))
def test_cleaning_never_crashes_and_never_leaves_controls(typed: str) -> None:
    cleaned = people.clean_line(typed)
    assert cleaned == cleaned.strip()
    assert not any(ch in cleaned for ch in "\n\r\t\x00\u202e\u2066")


def test_details_are_checked_code_by_code() -> None:
    good = people.PersonDetails(
        name="Nan", relationship_kind="grandparent", circle="closest", ways=frozenset({"calls"})
    )
    assert people.check_details(good).ways == frozenset({TouchWay.calls})
    cases = [
        (people.PersonDetails(name="  ", relationship_kind="grandparent", circle="close"), "person_name_missing"),
        (people.PersonDetails(name="x" * 81, relationship_kind="grandparent", circle="close"), "person_name_too_long"),
        (people.PersonDetails(name="Nan", relationship_kind="queen", circle="close"), "relationship_missing"),
        (people.PersonDetails(name="Nan", relationship_kind="grandparent", circle="moon"), "circle_missing"),
        (people.PersonDetails(name="Nan", relationship_kind="pet", circle="close", trust="maybe"), "answer_unknown"),
        (
            people.PersonDetails(name="Nan", relationship_kind="pet", circle="close", ways=frozenset({"pigeon"})),
            "ways_unknown",
        ),
    ]
    for details, code in cases:
        with pytest.raises(Refused) as refused:
            people.check_details(details)
        assert refused.value.code == code


# History codes ------------------------------------------------------------------------------------------


def test_changes_are_recorded_as_plain_codes() -> None:
    person = _person(circle=Circle.close, trust=Answer.no)
    details = people.PersonDetails(
        name="Nanna",
        relationship_kind="grandparent",
        circle="closest",
        trust="yes",
        ways=frozenset({"visits", "calls"}),
    )
    changes = people._changes(person, people.check_details(details))
    assert (ChangeKind.name_changed, None) in changes
    assert (ChangeKind.circle_changed, "closest") in changes
    assert (ChangeKind.trust_changed, "yes") in changes
    assert (ChangeKind.ways_changed, "calls,visits") in changes
    assert all(value is None or " " not in value for _kind, value in changes)  # codes, never what was typed


def test_history_lines_read_plainly(app) -> None:
    def line(kind: str, value: str | None = None, note: str | None = None) -> str:
        from app.views.shared.people_words import change_text

        return change_text(SimpleNamespace(kind=kind, value=value, note=note))

    with app.test_request_context():
        assert line("circle_changed", "closest") == "Moved to the closest circle"
        assert line("ended", note="we fell out") == "Ended: we fell out"
        assert line("sharing_changed", "only_me") == "Who can see: only you"
        assert line("trust_changed", "yes") == "Can you trust them? Yes"


# The picture --------------------------------------------------------------------------------------------


@dataclass
class _Drawn:
    name: str
    circle: str = "closest"
    emoji: str | None = None
    colour: str | None = None


def test_initials_keep_whole_characters() -> None:
    assert circles.initials("Uncle Joe") == "UJ"
    assert circles.initials("nan") == "N"
    assert circles.initials("أم محمد") == "أ"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert circles.initials(f"{family} Rex") == family
    assert circles.initials("\U0001f44b\U0001f3fd hi") == "\U0001f44b\U0001f3fd"
    assert circles.initials("") == "?"


def test_names_under_dots_are_cut_at_whole_characters() -> None:
    assert circles.short_label("Nan") == "Nan"
    assert circles.short_label("Aunty Rosemary") == "Aunty Ro\u2026"
    assert circles.short_label("x" * 9) == "x" * 9


def test_the_picture_places_everyone_inside_it_with_names_while_there_is_room() -> None:
    picture = circles.layout([_Drawn("Nan"), _Drawn("Leo", "close", emoji="football"), _Drawn("Dad", "further")])
    assert [m.label for m in picture.markers] == ["Nan", "Leo", "Dad"]
    assert picture.markers[1].emoji == forms.EMOJI["football"]
    assert picture.counts == {"closest": 1, "close": 1, "further": 1}
    for marker in picture.markers:
        assert marker.x - circles.MARKER_RADIUS >= 0 and marker.x + circles.MARKER_RADIUS <= picture.width
        assert 10 <= marker.label_y <= picture.height - 4


def test_sixty_people_in_one_circle_still_fit_with_a_count_for_the_rest() -> None:
    picture = circles.layout([_Drawn(f"Person {n}") for n in range(60)])
    room = circles.capacity(0, named=False)
    assert len(picture.markers) == room
    assert picture.markers[-1].more == 60 - (room - 1)
    assert all(marker.label is None for marker in picture.markers)  # no room for names: the list has them
    assert picture.counts["closest"] == 60


def test_right_to_left_names_are_marked_and_stay_inside_the_picture() -> None:
    picture = circles.layout([_Drawn(name, "further") for name in ("سارة", "Ana", "محمد", "Bo", "Ali", "Zed")])
    assert [m.rtl for m in picture.markers][:3] == [True, False, True]
    for marker in picture.markers:
        assert marker.anchor in ("start", "middle", "end")


# Codes stay in step -------------------------------------------------------------------------------------


def test_form_codes_match_the_models() -> None:
    assert set(forms.RELATIONSHIP_LABELS) == {k.value for k in RelationshipKind}
    assert set(forms.CIRCLE_LABELS) == {c.value for c in Circle}
    assert set(forms.WISH_LABELS) == {w.value for w in Wish}
    assert set(forms.WAY_LABELS) == {w.value for w in TouchWay}
    assert set(forms.ANSWER_LABELS) == {a.value for a in Answer}
    assert set(forms.EMOJI) == set(forms.EMOJI_LABELS) == {e.value for e in Emoji}
    assert set(forms.COLOURS) == set(forms.COLOUR_LABELS) == {c.value for c in Colour}
    assert set(forms.AUDIENCES) == {a.value for a in Audience}
    assert set(forms.RECONNECT_OUTCOME_LABELS) == {s.value for s in ReconnectStatus} - {"sent"}
    assert tuple(c.value for c in Circle) == circles.CIRCLES


def test_a_reply_gives_an_open_request_any_status_but_sent() -> None:
    codes = {"closed": "reconnect_closed", "missing": "reconnect_outcome_missing", "field": "outcome"}
    open_request = SimpleNamespace(is_open=True)
    assert people.reply_status(open_request, ReconnectStatus, "seen", **codes) is ReconnectStatus.seen
    for chosen in ("sent", "", "maybe"):
        with pytest.raises(Refused) as refused:
            people.reply_status(open_request, ReconnectStatus, chosen, **codes)
        assert (refused.value.code, refused.value.field) == ("reconnect_outcome_missing", "outcome")
    with pytest.raises(Refused) as refused:
        people.reply_status(SimpleNamespace(is_open=False), ReconnectStatus, "seen", **codes)
    assert refused.value.code == "reconnect_closed"
