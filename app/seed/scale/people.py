"""Scale data: the people who matter to each young person who joined, their history, requests to find them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from app.models import people as model
from app.seed.scale.core import FIRST_NAMES, Child, Context, CouncilData, _table

PEOPLE_PER_YOUNG_PERSON = (3, 13)  # about 8 each, for those who have joined (only they add people)
ENDED_SHARE = 0.08
SHARE_CHANCE = {"advocate": 0.3, "practitioner": 0.5, "review": 0.35}
OPEN_REQUEST_SHARE = 0.3  # of the people a young person has lost touch with
RELATIONSHIPS: tuple[tuple[model.RelationshipKind, int], ...] = (
    (model.RelationshipKind.mum, 10),
    (model.RelationshipKind.dad, 6),
    (model.RelationshipKind.brother, 8),
    (model.RelationshipKind.sister, 8),
    (model.RelationshipKind.half_brother, 3),
    (model.RelationshipKind.half_sister, 3),
    (model.RelationshipKind.grandparent, 8),
    (model.RelationshipKind.aunt_or_uncle, 6),
    (model.RelationshipKind.cousin, 5),
    (model.RelationshipKind.foster_carer, 8),
    (model.RelationshipKind.former_foster_carer, 4),
    (model.RelationshipKind.home_staff, 3),
    (model.RelationshipKind.teacher, 4),
    (model.RelationshipKind.youth_worker, 3),
    (model.RelationshipKind.friend, 15),
    (model.RelationshipKind.friends_parent, 2),
    (model.RelationshipKind.pet, 4),
    (model.RelationshipKind.someone_else, 2),
)
CIRCLES: tuple[tuple[model.Circle, int], ...] = (
    (model.Circle.closest, 35),
    (model.Circle.close, 40),
    (model.Circle.further, 25),
)
WISHES: tuple[tuple[model.Wish | None, int], ...] = (
    (model.Wish.more, 35),
    (model.Wish.same, 30),
    (model.Wish.less, 8),
    (model.Wish.lost_touch, 10),
    (model.Wish.not_sure, 12),
    (None, 5),
)
ANSWERS: tuple[tuple[model.Answer | None, int], ...] = (
    (model.Answer.yes, 45),
    (model.Answer.sometimes, 20),
    (model.Answer.no, 12),
    (model.Answer.not_sure, 10),
    (None, 13),
)
FAMILY_NAMES = {
    model.RelationshipKind.mum: ("Mum", "Mam", "Mama"),
    model.RelationshipKind.dad: ("Dad", "Baba", "Papa"),
    model.RelationshipKind.grandparent: ("Nan", "Nana", "Grandad", "Grandma"),
    model.RelationshipKind.pet: ("Biscuit", "Luna", "Max", "Pickle"),
}
END_REASONS = ("We fell out", "They moved away", "I do not want to see them now", "It was not good for me")


def _person_name(ctx: Context, kind: model.RelationshipKind) -> str:
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
        "relationship_words": "my best mate" if kind is model.RelationshipKind.friend and ctx.maybe(0.2) else None,
        "circle": ctx.pick(CIRCLES),
        "emoji": ctx.rng.choice(list(model.Emoji)) if ctx.maybe(0.6) else None,
        "colour": ctx.rng.choice(list(model.Colour)) if ctx.maybe(0.6) else None,
        "wish": ctx.pick(WISHES),
        **{f"touch_{way}": ctx.maybe(0.4) for way in model.TouchWay},
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


def _change_row(
    ctx: Context, person: dict[str, Any], kind: model.ChangeKind, at: datetime, **values: Any
) -> dict[str, Any]:
    return {"id": ctx.new_id(), "person_id": person["id"], "at": at, "kind": kind, "value": None, "note": None} | values


def _history_rows(ctx: Context, person: dict[str, Any]) -> None:
    table = _table(model.PersonChange)
    ctx.add(table, _change_row(ctx, person, model.ChangeKind.added, person["created_at"]))
    shared = sorted(a for a in SHARE_CHANCE if person[f"shared_with_{a}"])
    if shared:
        ctx.add(
            table,
            _change_row(ctx, person, model.ChangeKind.sharing_changed, person["created_at"], value=",".join(shared)),
        )
    if person["ended_at"]:
        ended = _change_row(ctx, person, model.ChangeKind.ended, person["ended_at"], note=person["end_reason"])
        ctx.add(table, ended)


def _reconnect_row(ctx: Context, child: Child, person: dict[str, Any]) -> dict[str, Any]:
    created = ctx.moment_ago(20)
    seen = ctx.maybe(0.4)
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "person_id": person["id"],
        "remembered": "We lived on the same road. She had a dog called Max.",
        "status": model.ReconnectStatus.seen if seen else model.ReconnectStatus.sent,
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
    people, requests = _table(model.PersonWhoMatters), _table(model.ReconnectRequest)
    for child in council.children:
        if child.user_id is None:
            continue
        for _ in range(ctx.rng.randint(*PEOPLE_PER_YOUNG_PERSON)):
            person = _person_row(ctx, child)
            ctx.add(people, person)
            _history_rows(ctx, person)
            lost = person["wish"] is model.Wish.lost_touch and person["ended_at"] is None
            if lost and ctx.maybe(OPEN_REQUEST_SHARE):
                ctx.add(requests, _reconnect_row(ctx, child, person))


# Safety alerts and information requests ------------------------------------------------------------------------
