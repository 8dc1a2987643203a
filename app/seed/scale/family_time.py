"""Family time for the scale data (`flask seed-scale`): one step of app.seed.scale.seeding.council_steps().

About a third of young people who joined have a plan for family time with a brother or sister (some two), written
by their worker; about a third of plans have changed since (two versions kept). Some young people said how they
feel (some sent to their review, some shared with their advocate), reported a date that didn't happen or was cut
short, or asked for a change, and their worker replied to some. The first child and the first care leaver who
joined in each council have one of each, so every family time page has something to show.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.models import family_time as model
from app.roles import Role
from app.seed.scale.core import FIRST_NAMES, Child, Context, CouncilData, _table

PLAN_SHARE = 0.33
SECOND_PLAN_SHARE = 0.25
CHANGED_SHARE = 0.3
FEELING_SHARE = 0.5
MISSED_SHARE = 0.2
ASKED_SHARE = 0.15
REPLIED_SHARE = 0.6
WHY_APART = (
    "When you both came into care, there was no foster home with room for you both together. We look at this "
    "again at every review, and you can always tell us what you want."
)
HOW_OFTEN: tuple[tuple[model.HowOften, int], ...] = (
    (model.HowOften.weekly, 15),
    (model.HowOften.every_two_weeks, 25),
    (model.HowOften.monthly, 40),
    (model.HowOften.few_times_a_year, 15),
    (model.HowOften.other, 5),
)


def _plan_row(ctx: Context, child: Child, worker_id: Any) -> dict[str, Any]:
    written = ctx.moment_ago(400)
    ways = (
        {model.Way.in_person}
        | ({model.Way.video} if ctx.maybe(0.4) else set())
        | ({model.Way.letters} if ctx.maybe(0.2) else set())
    )
    how_often = ctx.pick(HOW_OFTEN)
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "person_id": None,
        "sibling_name": ctx.rng.choice(FIRST_NAMES),
        "how_often": how_often,
        "how_often_words": "On birthdays and in the holidays" if how_often is model.HowOften.other else None,
        **{f"way_{way.value}": way in ways for way in model.Way},
        "place": ctx.rng.choice(list(model.Place)),
        "who_else": ctx.rng.choice(list(model.WhoElse)[:-1]),
        "who_else_words": None,
        "arranged_by": ctx.rng.choice(list(model.Arranger)[:-1]),
        "arranged_by_words": None,
        "next_on": ctx.today + timedelta(days=ctx.rng.randint(1, 40)) if ctx.maybe(0.85) else None,
        "review_on": ctx.today + timedelta(days=ctx.rng.randint(20, 180)),
        "live_apart": True,
        "why_apart": WHY_APART,
        "version": 1,
        "submission_key": ctx.new_id(),
        "created_at": written,
        "created_by_id": worker_id,
        "updated_at": written,
        "updated_by_id": worker_id,
    }


def _version_row(ctx: Context, plan: dict[str, Any], changed: str | None) -> dict[str, Any]:
    return {
        "id": ctx.new_id(),
        "plan_id": plan["id"],
        "version": plan["version"],
        "changed": changed,
        "saved_at": plan["updated_at"],
        "saved_by_id": plan["updated_by_id"],
        **{name: plan[name] for name in model.PLAN_FIELDS},
    }


def _entry_row(ctx: Context, plan: dict[str, Any], kind: model.EntryKind) -> dict[str, Any]:
    return {
        "id": ctx.new_id(),
        "plan_id": plan["id"],
        "young_person_id": plan["young_person_id"],
        "kind": kind,
        "feeling": ctx.rng.choice(list(model.Feeling)) if kind is model.EntryKind.feeling else None,
        "on_date": ctx.days_ago(1, 60) if kind in model.MISSED_KINDS else None,
        "words": {
            model.EntryKind.feeling: "I want to see them more. It goes too fast.",
            model.EntryKind.didnt_happen: "Nobody came to pick me up",
            model.EntryKind.cut_short: "We only had half an hour",
            model.EntryKind.change_request: "Can we meet at the park instead of the centre?",
        }[kind]
        if ctx.maybe(0.7) or kind is model.EntryKind.change_request
        else None,
        "shared_with_review": kind in model.MISSED_KINDS or (kind is model.EntryKind.feeling and ctx.maybe(0.5)),
        "shared_with_advocate": ctx.maybe(0.3),
        "plan_version": plan["version"],
        "submission_key": ctx.new_id(),
        "created_at": ctx.moment_ago(60),
    }


def _reply_row(ctx: Context, entry: dict[str, Any], worker_id: Any) -> dict[str, Any]:
    return {
        "id": ctx.new_id(),
        "entry_id": entry["id"],
        "words": "Thank you for telling me. I will talk to the family time team this week and let you know.",
        "by_id": worker_id,
        "created_at": entry["created_at"] + timedelta(hours=ctx.rng.randint(2, 72)),
    }


def _plan(ctx: Context, child: Child, worker_id: Any, *, full: bool) -> None:
    plan = _plan_row(ctx, child, worker_id)
    first = dict(plan)
    if full or ctx.maybe(CHANGED_SHARE):
        plan["version"] = 2
        plan["how_often"] = (
            model.HowOften.monthly if plan["how_often"] is not model.HowOften.monthly else model.HowOften.weekly
        )
        plan["how_often_words"] = None
        plan["updated_at"] = ctx.moment_ago(30)
    ctx.add(_table(model.FamilyTimePlan), plan)
    ctx.add(_table(model.FamilyTimePlanVersion), _version_row(ctx, first, None))
    if plan["version"] == 2:
        ctx.add(_table(model.FamilyTimePlanVersion), _version_row(ctx, plan, "how_often"))
    shares = ((model.EntryKind.feeling, FEELING_SHARE), (model.EntryKind.didnt_happen, MISSED_SHARE))
    kinds = [kind for kind, share in shares if full or ctx.maybe(share)]
    if full or ctx.maybe(MISSED_SHARE / 2):
        kinds.append(model.EntryKind.cut_short)
    if full or ctx.maybe(ASKED_SHARE):
        kinds.append(model.EntryKind.change_request)
    for kind in kinds:
        entry = _entry_row(ctx, plan, kind)
        if full:
            entry["shared_with_advocate"] = True
        ctx.add(_table(model.FamilyTimeEntry), entry)
        if (full and kind is model.EntryKind.feeling) or (not full and ctx.maybe(REPLIED_SHARE)):
            ctx.add(_table(model.FamilyTimeReply), _reply_row(ctx, entry, worker_id))


def family_time_for_council(ctx: Context, council: CouncilData) -> None:
    practitioners = council.staff[Role.practitioner]
    firsts = set()
    for leaver in (False, True):
        first = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if first:
            firsts.add(first.id)
    for n, child in enumerate(council.children):
        if child.user_id is None:
            continue
        # The same worker app.seed.scale.council._allocations gave this child.
        worker_id = practitioners[n % len(practitioners)].id
        full = child.id in firsts
        if full or ctx.maybe(PLAN_SHARE):
            _plan(ctx, child, worker_id, full=full)
            if ctx.maybe(SECOND_PLAN_SHARE):
                _plan(ctx, child, worker_id, full=False)
