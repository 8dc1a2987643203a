"""Scale data: the people who matter to each young person who joined, their history, requests to find them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from app.models import (
    Answer,
    ChangeKind,
    Circle,
    Colour,
    Emoji,
    PersonChange,
    PersonWhoMatters,
    ReconnectRequest,
    ReconnectStatus,
    RelationshipKind,
    TouchWay,
    Wish,
)
from app.seed.scale.core import FIRST_NAMES, Child, Context, CouncilData, _table

PEOPLE_PER_YOUNG_PERSON = (3, 13)  # about 8 each, for those who have joined (only they add people)
ENDED_SHARE = 0.08
SHARE_CHANCE = {"advocate": 0.3, "practitioner": 0.5, "review": 0.35}
OPEN_REQUEST_SHARE = 0.3  # of the people a young person has lost touch with
RELATIONSHIPS: tuple[tuple[RelationshipKind, int], ...] = (
    (RelationshipKind.mum, 10),
    (RelationshipKind.dad, 6),
    (RelationshipKind.brother, 8),
    (RelationshipKind.sister, 8),
    (RelationshipKind.half_brother, 3),
    (RelationshipKind.half_sister, 3),
    (RelationshipKind.grandparent, 8),
    (RelationshipKind.aunt_or_uncle, 6),
    (RelationshipKind.cousin, 5),
    (RelationshipKind.foster_carer, 8),
    (RelationshipKind.former_foster_carer, 4),
    (RelationshipKind.home_staff, 3),
    (RelationshipKind.teacher, 4),
    (RelationshipKind.youth_worker, 3),
    (RelationshipKind.friend, 15),
    (RelationshipKind.friends_parent, 2),
    (RelationshipKind.pet, 4),
    (RelationshipKind.someone_else, 2),
)
CIRCLES: tuple[tuple[Circle, int], ...] = ((Circle.closest, 35), (Circle.close, 40), (Circle.further, 25))
WISHES: tuple[tuple[Wish | None, int], ...] = (
    (Wish.more, 35),
    (Wish.same, 30),
    (Wish.less, 8),
    (Wish.lost_touch, 10),
    (Wish.not_sure, 12),
    (None, 5),
)
ANSWERS: tuple[tuple[Answer | None, int], ...] = (
    (Answer.yes, 45),
    (Answer.sometimes, 20),
    (Answer.no, 12),
    (Answer.not_sure, 10),
    (None, 13),
)
FAMILY_NAMES = {
    RelationshipKind.mum: ("Mum", "Mam", "Mama"),
    RelationshipKind.dad: ("Dad", "Baba", "Papa"),
    RelationshipKind.grandparent: ("Nan", "Nana", "Grandad", "Grandma"),
    RelationshipKind.pet: ("Biscuit", "Luna", "Max", "Pickle"),
}
END_REASONS = ("We fell out", "They moved away", "I do not want to see them now", "It was not good for me")


def _person_name(ctx: Context, kind: RelationshipKind) -> str:
    return ctx.rng.choice(FAMILY_NAMES.get(kind) or FIRST_NAMES)


def _person_row(ctx: Context, child: Child) -> dict[str, Any]:
    kind = ctx.pick(RELATIONSHIPS)
    created = ctx.moment_ago(600)
    ended = ctx.maybe(ENDED_SHARE)
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "name": _person_name(ctx, kind),
        "relationship_kind": kind,
        "relationship_words": "my best mate" if kind is RelationshipKind.friend and ctx.maybe(0.2) else None,
        "circle": ctx.pick(CIRCLES),
        "emoji": ctx.rng.choice(list(Emoji)) if ctx.maybe(0.6) else None,
        "colour": ctx.rng.choice(list(Colour)) if ctx.maybe(0.6) else None,
        "wish": ctx.pick(WISHES),
        **{f"touch_{way}": ctx.maybe(0.4) for way in TouchWay},
        "trust": ctx.pick(ANSWERS),
        "help": ctx.pick(ANSWERS),
        "lasting": ctx.pick(ANSWERS),
        **{f"shared_with_{audience}": ctx.maybe(chance) for audience, chance in SHARE_CHANCE.items()},
        "ended_at": created + timedelta(days=ctx.rng.randint(1, 60)) if ended else None,
        "end_reason": ctx.rng.choice(END_REASONS) if ended else None,
        "version": 1,
        "created_at": created,
        "updated_at": created,
    }


def _change_row(ctx: Context, person: dict[str, Any], kind: ChangeKind, at: datetime, **values: Any) -> dict[str, Any]:
    return {"id": ctx.new_id(), "person_id": person["id"], "at": at, "kind": kind, "value": None, "note": None} | values


def _history_rows(ctx: Context, person: dict[str, Any]) -> None:
    table = _table(PersonChange)
    ctx.add(table, _change_row(ctx, person, ChangeKind.added, person["created_at"]))
    shared = sorted(a for a in SHARE_CHANCE if person[f"shared_with_{a}"])
    if shared:
        ctx.add(
            table, _change_row(ctx, person, ChangeKind.sharing_changed, person["created_at"], value=",".join(shared))
        )
    if person["ended_at"]:
        ended = _change_row(ctx, person, ChangeKind.ended, person["ended_at"], note=person["end_reason"])
        ctx.add(table, ended)


def _reconnect_row(ctx: Context, child: Child, person: dict[str, Any]) -> dict[str, Any]:
    created = ctx.moment_ago(20)
    seen = ctx.maybe(0.4)
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "person_id": person["id"],
        "remembered": "We lived on the same road. She had a dog called Max.",
        "status": ReconnectStatus.seen if seen else ReconnectStatus.sent,
        "reply": "I am looking into this and will tell you what I find." if seen else None,
        "replied_by_id": None,
        "created_at": created,
        "due_at": created + timedelta(days=7),
        "replied_at": created + timedelta(days=2) if seen else None,
        "closed_at": None,
    }


def _people_who_matter(ctx: Context, council: CouncilData) -> None:
    """About eight people for each young person who has joined, with a line of history or two each, and a request
    to find someone again for some of those they have lost touch with."""
    people, requests = _table(PersonWhoMatters), _table(ReconnectRequest)
    for child in council.children:
        if child.user_id is None:
            continue
        for _ in range(ctx.rng.randint(*PEOPLE_PER_YOUNG_PERSON)):
            person = _person_row(ctx, child)
            ctx.add(people, person)
            _history_rows(ctx, person)
            lost = person["wish"] is Wish.lost_touch and person["ended_at"] is None
            if lost and ctx.maybe(OPEN_REQUEST_SHARE):
                ctx.add(requests, _reconnect_row(ctx, child, person))


# Safety alerts and information requests ------------------------------------------------------------------------
