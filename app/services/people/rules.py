"""People who matter: the rules: checking details, what counts as a change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app import clock
from app.extensions import db
from app.models import (
    Answer,
    Audience,
    ChangeKind,
    Circle,
    Colour,
    Emoji,
    PersonChange,
    PersonWhoMatters,
    RelationshipKind,
    TouchWay,
    Wish,
)
from app.models.people import NAME_MAX, RELATIONSHIP_WORDS_MAX
from app.services._common import choice, choices, optional_choice, set_checked, typed_line
from app.services.errors import Refused

RECONNECT_FIRST_REPLY_WORKING_DAYS = 5
RECONNECT_NEXT_UPDATE_WORKING_DAYS = 20
MIN_GROUP_SIZE = 10


@dataclass(frozen=True)
class PersonDetails:
    """What a young person typed or chose about one person, as codes. The service checks every part."""

    name: str
    relationship_kind: str
    circle: str
    relationship_words: str = ""
    emoji: str = ""
    colour: str = ""
    wish: str = ""
    ways: frozenset[str] = frozenset()
    trust: str = ""
    help: str = ""
    lasting: str = ""


@dataclass(frozen=True)
class _Clean:
    name: str
    relationship_kind: RelationshipKind
    relationship_words: str | None
    circle: Circle
    emoji: Emoji | None
    colour: Colour | None
    wish: Wish | None
    ways: frozenset[TouchWay]
    trust: Answer | None
    help: Answer | None
    lasting: Answer | None


def check_details(details: PersonDetails) -> _Clean:
    name = typed_line(
        details.name, "name", most=NAME_MAX, too_long="person_name_too_long", missing="person_name_missing"
    )
    words = typed_line(
        details.relationship_words,
        "relationship_words",
        most=RELATIONSHIP_WORDS_MAX,
        too_long="relationship_words_too_long",
    )
    ways = choices(TouchWay, details.ways, "ways_unknown", "ways")
    return _Clean(
        name=name,
        relationship_kind=choice(
            RelationshipKind, details.relationship_kind, "relationship_missing", "relationship_kind"
        ),
        relationship_words=words or None,
        circle=choice(Circle, details.circle, "circle_missing", "circle"),
        emoji=optional_choice(Emoji, details.emoji, "emoji_unknown", "emoji"),
        colour=optional_choice(Colour, details.colour, "colour_unknown", "colour"),
        wish=optional_choice(Wish, details.wish, "wish_unknown", "wish"),
        ways=ways,
        trust=optional_choice(Answer, details.trust, "answer_unknown", "trust"),
        help=optional_choice(Answer, details.help, "answer_unknown", "help"),
        lasting=optional_choice(Answer, details.lasting, "answer_unknown", "lasting"),
    )


# Rules ------------------------------------------------------------------------------------------------


def is_enduring(person: PersonWhoMatters) -> bool:
    """The national enduring-relationships measure, in the child's words: "yes" to trust and to lasting."""
    return person.ended_at is None and person.trust is Answer.yes and person.lasting is Answer.yes


def needs_lasting_prompt(people: Iterable[PersonWhoMatters]) -> bool:
    """ "Who will be there for you when you're 25?" shows while fewer than two people have "yes" to both."""
    return sum(1 for person in people if is_enduring(person)) < 2


def _ways_code(ways: Iterable[TouchWay]) -> str | None:
    codes = sorted(way.value for way in ways)
    return ",".join(codes) or None


def _audiences_code(audiences: Iterable[Audience]) -> str:
    codes = sorted(audience.value for audience in audiences)
    return ",".join(codes) or "only_me"


def _changes(person: PersonWhoMatters, clean: _Clean) -> list[tuple[ChangeKind, str | None]]:
    """What differs between the saved person and what was sent, as plain codes for the history."""
    found: list[tuple[ChangeKind, str | None]] = []
    if person.name != clean.name:
        found.append((ChangeKind.name_changed, None))
    if (person.relationship_kind, person.relationship_words) != (clean.relationship_kind, clean.relationship_words):
        found.append((ChangeKind.relationship_changed, clean.relationship_kind.value))
    if person.circle is not clean.circle:
        found.append((ChangeKind.circle_changed, clean.circle.value))
    if (person.emoji, person.colour) != (clean.emoji, clean.colour):
        found.append((ChangeKind.look_changed, None))
    if person.wish != clean.wish:
        found.append((ChangeKind.wish_changed, clean.wish.value if clean.wish else None))
    if person.ways != clean.ways:
        found.append((ChangeKind.ways_changed, _ways_code(clean.ways)))
    for field, kind in (
        ("trust", ChangeKind.trust_changed),
        ("help", ChangeKind.help_changed),
        ("lasting", ChangeKind.lasting_changed),
    ):
        new = getattr(clean, field)
        if getattr(person, field) != new:
            found.append((kind, new.value if new else None))
    return found


def _apply(person: PersonWhoMatters, clean: _Clean) -> None:
    set_checked(person, clean, except_for={"ways"})
    person.set_ways(clean.ways)


def _history(person: PersonWhoMatters, kind: ChangeKind, value: str | None = None, note: str | None = None) -> None:
    db.session.add(PersonChange(person_id=person.id, at=clock.now(), kind=kind, value=value, note=note))


def _bump(person: PersonWhoMatters) -> None:
    person.version += 1
    person.updated_at = clock.now()


def _check_version(person: PersonWhoMatters, version: int | None) -> None:
    """A form sent from a page opened before the last change (another tab or phone) is refused, not saved."""
    if version != person.version:
        raise Refused("stale", "version")
