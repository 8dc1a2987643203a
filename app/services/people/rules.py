"""People who matter: the rules: checking details, what counts as a change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app import clock
from app.extensions import db
from app.models import people as model
from app.services._common import choice, choices, optional_choice, set_checked, typed_line
from app.services.errors import Refused

RECONNECT_FIRST_REPLY_WORKING_DAYS = 5
RECONNECT_NEXT_UPDATE_WORKING_DAYS = 20


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
    relationship_kind: model.RelationshipKind
    relationship_words: str | None
    circle: model.Circle
    emoji: model.Emoji | None
    colour: model.Colour | None
    wish: model.Wish | None
    ways: frozenset[model.TouchWay]
    trust: model.Answer | None
    help: model.Answer | None
    lasting: model.Answer | None


def check_details(details: PersonDetails) -> _Clean:
    name = typed_line(
        details.name, "name", most=model.NAME_MAX, too_long="person_name_too_long", missing="person_name_missing"
    )
    words = typed_line(
        details.relationship_words,
        "relationship_words",
        most=model.RELATIONSHIP_WORDS_MAX,
        too_long="relationship_words_too_long",
    )
    ways = choices(model.TouchWay, details.ways, "ways_unknown", "ways")
    return _Clean(
        name=name,
        relationship_kind=choice(
            model.RelationshipKind, details.relationship_kind, "relationship_missing", "relationship_kind"
        ),
        relationship_words=words or None,
        circle=choice(model.Circle, details.circle, "circle_missing", "circle"),
        emoji=optional_choice(model.Emoji, details.emoji, "emoji_unknown", "emoji"),
        colour=optional_choice(model.Colour, details.colour, "colour_unknown", "colour"),
        wish=optional_choice(model.Wish, details.wish, "wish_unknown", "wish"),
        ways=ways,
        trust=optional_choice(model.Answer, details.trust, "answer_unknown", "trust"),
        help=optional_choice(model.Answer, details.help, "answer_unknown", "help"),
        lasting=optional_choice(model.Answer, details.lasting, "answer_unknown", "lasting"),
    )


# Rules ------------------------------------------------------------------------------------------------


def is_enduring(person: model.PersonWhoMatters) -> bool:
    """The national enduring-relationships measure, in the child's words: "yes" to trust and to lasting."""
    return person.ended_at is None and person.trust is model.Answer.yes and person.lasting is model.Answer.yes


def needs_lasting_prompt(people: Iterable[model.PersonWhoMatters]) -> bool:
    """ "Who will be there for you when you're 25?" shows while fewer than two people have "yes" to both."""
    return sum(1 for person in people if is_enduring(person)) < 2


def _ways_code(ways: Iterable[model.TouchWay]) -> str | None:
    codes = sorted(way.value for way in ways)
    return ",".join(codes) or None


def _audiences_code(audiences: Iterable[model.Audience]) -> str:
    codes = sorted(audience.value for audience in audiences)
    return ",".join(codes) or "only_me"


def _changes(person: model.PersonWhoMatters, clean: _Clean) -> list[tuple[model.ChangeKind, str | None]]:
    """What differs between the saved person and what was sent, as plain codes for the history."""
    found: list[tuple[model.ChangeKind, str | None]] = []
    if person.name != clean.name:
        found.append((model.ChangeKind.name_changed, None))
    if (person.relationship_kind, person.relationship_words) != (clean.relationship_kind, clean.relationship_words):
        found.append((model.ChangeKind.relationship_changed, clean.relationship_kind.value))
    if person.circle is not clean.circle:
        found.append((model.ChangeKind.circle_changed, clean.circle.value))
    if (person.emoji, person.colour) != (clean.emoji, clean.colour):
        found.append((model.ChangeKind.look_changed, None))
    if person.wish != clean.wish:
        found.append((model.ChangeKind.wish_changed, clean.wish.value if clean.wish else None))
    if person.ways != clean.ways:
        found.append((model.ChangeKind.ways_changed, _ways_code(clean.ways)))
    for field, kind in (
        ("trust", model.ChangeKind.trust_changed),
        ("help", model.ChangeKind.help_changed),
        ("lasting", model.ChangeKind.lasting_changed),
    ):
        new = getattr(clean, field)
        if getattr(person, field) != new:
            found.append((kind, new.value if new else None))
    return found


def _apply(person: model.PersonWhoMatters, clean: _Clean) -> None:
    set_checked(person, clean, except_for={"ways"})
    person.set_ways(clean.ways)


def _history(
    person: model.PersonWhoMatters, kind: model.ChangeKind, value: str | None = None, note: str | None = None
) -> None:
    db.session.add(model.PersonChange(person_id=person.id, at=clock.now(), kind=kind, value=value, note=note))


def _bump(person: model.PersonWhoMatters) -> None:
    person.version += 1
    person.updated_at = clock.now()


def _check_version(person: model.PersonWhoMatters, version: int | None) -> None:
    """A form sent from a page opened before the last change (another tab or phone) is refused, not saved."""
    if version != person.version:
        raise Refused("stale", "version")
