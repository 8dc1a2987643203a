"""Leaving care for the scale data (`flask seed-scale`): one step of app.seed.scale.seeding.council_steps().

Every council has the example local offer. Young people who joined and are 16 or over have answered about half of
what applies to them. The first child and the first care leaver who joined in each council have a request for
support (the child's in the council's leaving care queue, the care leaver's with their personal adviser, replied
to), so every queue and request page has work; about one in eight others aged 16 or over asked too. Some care
leavers have a Staying Close arrangement and have said how things are.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app import clock
from app.models import (
    CheckIn,
    LocalOfferAnswer,
    LocalOfferItem,
    StayingCloseArrangement,
    SupportArea,
    SupportReply,
    SupportRequest,
)
from app.roles import Role
from app.seed.local_offer_example import EXAMPLE_OFFER
from app.seed.scale.core import Child, Context, CouncilData, _table

ANSWER_SHARE = 0.5
REQUEST_SHARE = 0.12
REPLIED_SHARE = 0.6
ARRANGEMENT_SHARE = 0.15
CHECK_IN_SHARE = 0.2
FROM_AGE = 16
AREAS = tuple(SupportArea)


def _items(ctx: Context, council: CouncilData) -> list[dict[str, Any]]:
    items = []
    for example in EXAMPLE_OFFER:
        row = {
            "id": ctx.new_id(),
            "council_id": council.id,
            **example.columns(),
            "version": 1,
            "created_at": ctx.now - timedelta(days=400),
            "updated_at": ctx.now - timedelta(days=400),
            "updated_by_id": None,
            "withdrawn_at": None,
        }
        ctx.add(_table(LocalOfferItem), row)
        items.append(row)
    return items


def _applies(item: dict[str, Any], age: int, care_leaver: bool) -> bool:
    if item["until_age"] is not None and age >= item["until_age"]:
        return False
    if item["from_age"] is not None and age < item["from_age"]:
        return False
    return care_leaver or not item["care_leavers_only"]


def _answers(ctx: Context, child: Child, age: int, items: list[dict[str, Any]]) -> None:
    for item in items:
        if _applies(item, age, child.care_leaver) and ctx.maybe(ANSWER_SHARE):
            ctx.add(
                _table(LocalOfferAnswer),
                {
                    "id": ctx.new_id(),
                    "young_person_id": child.id,
                    "item_id": item["id"],
                    "answer": ctx.pick((("got_it", 55), ("not_yet", 35), ("need_help", 10))),
                    "item_version": 1,
                    "answered_at": ctx.moment_ago(200),
                },
            )


def _request(
    ctx: Context, council: CouncilData, child: Child, worker_id: Any, *, status: str, item: dict[str, Any] | None
) -> dict[str, Any]:
    created = ctx.moment_ago(30)
    chosen = set(ctx.rng.sample(AREAS, ctx.rng.randint(1, 3))) if item is None else set()
    due = clock.add_working_days(created, 5 if status == "sent" else 25)
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "council_id": council.id,
        "kind": "offer_help" if item else "staying_close",
        **{f"area_{area}": area in chosen for area in AREAS},
        "offer_item_id": item["id"] if item else None,
        "words": "I want to stay near my old home and I need help with money." if ctx.maybe(0.6) else None,
        "contact": ctx.rng.choice(["in_orbit", "phone_call", "text_message", "meet"]),
        "contact_note": "After 4pm is best" if ctx.maybe(0.3) else None,
        "sent_to_id": worker_id if child.care_leaver else None,
        "submission_key": ctx.new_id(),
        "status": status,
        "created_at": created,
        "due_at": due,
        "replied_at": created + timedelta(days=2) if status != "sent" else None,
        "closed_at": created + timedelta(days=4) if status == "done" else None,
    }


def _reply(ctx: Context, request: dict[str, Any], worker_id: Any) -> None:
    ctx.add(
        _table(SupportReply),
        {
            "id": ctx.new_id(),
            "request_id": request["id"],
            "author_id": worker_id,
            "words": "Thank you for asking. I will call you this week and we will sort it out together.",
            "status": request["status"],
            "created_at": request["replied_at"],
        },
    )


def leaving_care_for_council(ctx: Context, council: CouncilData) -> None:
    items = _items(ctx, council)
    practitioners = council.staff[Role.practitioner]
    firsts: dict[Any, str] = {}
    for leaver, status in ((False, "sent"), (True, "working_on_it")):
        first = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if first:
            firsts[first.id] = status
    for n, child in enumerate(council.children):
        if child.user_id is None:
            continue
        age = clock.age_on(child.date_of_birth, ctx.today)
        worker_id = practitioners[n % len(practitioners)].id
        if age >= FROM_AGE or child.care_leaver:
            _answers(ctx, child, age, items)
        if child.id in firsts or ((age >= FROM_AGE or child.care_leaver) and ctx.maybe(REQUEST_SHARE)):
            status = firsts.get(child.id) or (
                ctx.pick((("working_on_it", 50), ("done", 50))) if ctx.maybe(REPLIED_SHARE) else "sent"
            )
            fits = [item for item in items if _applies(item, age, child.care_leaver)]
            item = ctx.rng.choice(fits) if fits and ctx.maybe(0.4) else None
            request = _request(ctx, council, child, worker_id, status=status, item=item)
            ctx.add(_table(SupportRequest), request)
            if status != "sent":
                _reply(ctx, request, worker_id)
        if child.care_leaver and ctx.maybe(ARRANGEMENT_SHARE):
            ctx.add(
                _table(StayingCloseArrangement),
                {
                    "id": ctx.new_id(),
                    "young_person_id": child.id,
                    "key_contact": "Jo, key worker at their old home",
                    "home": ctx.rng.choice(["near_old_home", "supported_lodgings", "own_home", "shared_home"]),
                    "support": "A visit every week, and help with bills and cooking.",
                    "review_on": ctx.today + timedelta(days=ctx.rng.randint(10, 180)),
                    "version": 1,
                    "created_at": ctx.moment_ago(200),
                    "updated_at": ctx.moment_ago(100),
                    "updated_by_id": worker_id,
                },
            )
        if child.care_leaver and ctx.maybe(CHECK_IN_SHARE):
            for _ in range(ctx.rng.randint(1, 3)):
                ctx.add(
                    _table(CheckIn),
                    {
                        "id": ctx.new_id(),
                        "young_person_id": child.id,
                        "feeling": ctx.pick((("good", 45), ("ok", 40), ("not_good", 15))),
                        "words": "The flat is cold" if ctx.maybe(0.3) else None,
                        "created_at": ctx.moment_ago(60),
                    },
                )
