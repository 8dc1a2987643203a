"""Reviews for the scale data (`flask seed-scale`): one step of app.seed.scale.seeding.council_steps().

Every child in care has the date they came into care, a review held three to five months ago with what was
decided (views and answers for those who joined, some agreed, some not), and their next review in the coming two
months (for those who joined: views sent, a draft, or nothing yet; now and then a note). Care leavers who joined
keep their last review from before they were 18.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from app import clock
from app.models import Review, ReviewNote, ReviewResponse, ReviewViews
from app.roles import Role
from app.seed.scale.core import Child, Context, CouncilData, _table
from app.services.reviews import statutory_due

VIEWS_SENT_SHARE = 0.4
DRAFT_SHARE = 0.3
NOTE_SHARE = 0.2
DISAGREE_SHARE = 0.15


def _review_row(ctx: Context, child: Child, officer_id: Any, number: int, held_on: Any, due_on: Any) -> dict:
    return {
        "id": ctx.new_id(),
        "young_person_id": child.id,
        "number": number,
        "held_on": held_on,
        "starts_at": time(10, 0) if ctx.maybe(0.7) else None,
        "place": "At school" if ctx.maybe(0.3) else None,
        "due_on": due_on,
        "status": "scheduled",
        "chair_id": officer_id,
        "created_by_id": None,
        "created_at": ctx.now,
        "updated_at": ctx.now,
        "decisions_sent_at": None,
        "advocacy_offer_due_at": None,
        "advocacy_offered_at": None,
    }


def _views_row(ctx: Context, child: Child, review: dict, sent_at: datetime | None) -> dict:
    return {
        "id": ctx.new_id(),
        "review_id": review["id"],
        "young_person_id": child.id,
        "going_well": "I like my school and I have a good friend there.",
        "hard": "Moving again" if ctx.maybe(0.5) else None,
        "people_words": None,
        "family_time": "I want to see my sister more." if ctx.maybe(0.5) else None,
        "change": "More time with my brother.",
        "attendance": ctx.rng.choice(["go", "chair", "views_only", "not_sure"]),
        "with_advocate": ctx.maybe(0.3),
        "talk_before": ctx.maybe(0.3),
        "created_at": ctx.now - timedelta(days=20),
        "updated_at": ctx.now - timedelta(days=10),
        "sent_at": sent_at,
    }


def _answer_row(ctx: Context, review: dict, point: str, officer_id: Any) -> dict:
    disagree = ctx.maybe(DISAGREE_SHARE)
    answered = disagree or ctx.maybe(0.5)
    return {
        "id": ctx.new_id(),
        "review_id": review["id"],
        "point": point,
        "point_key": point,
        "note_id": None,
        "decided": "You will see your brother every two weeks.",
        "why": "You told us it matters to you, and your carers can take you.",
        "written_by_id": officer_id,
        "updated_at": review["decisions_sent_at"],
        "reaction": ("disagree" if disagree else "agree") if answered else None,
        "reaction_words": "I want it to be every week." if disagree else None,
        "reacted_at": review["decisions_sent_at"] + timedelta(days=2) if answered else None,
    }


def reviews_for_council(ctx: Context, council: CouncilData) -> None:
    officers = dict(_officers(council))
    anyone = council.staff[Role.reviewing_officer][0].id if council.staff.get(Role.reviewing_officer) else None
    for child in council.children:
        if child.care_leaver:
            _last_review_in_care(ctx, child, anyone)
            continue
        officer_id = officers.get(child.id)
        if officer_id is None:
            continue
        past_on = ctx.days_ago(90, 150)
        past = _review_row(ctx, child, officer_id, 2, past_on, past_on + timedelta(days=ctx.rng.randint(-20, 5)))
        past["status"] = "held"
        past["decisions_sent_at"] = datetime.combine(past_on + timedelta(days=3), time(12), clock.LONDON)
        next_on = ctx.today + timedelta(days=ctx.rng.randint(0, 60))
        due = statutory_due(3, None, past_on)
        coming = _review_row(ctx, child, officer_id, 3, next_on, due)
        coming["advocacy_offer_due_at"] = ctx.now + timedelta(days=max(0, (next_on - ctx.today).days - 14))
        ctx.add(_table(Review), past)
        ctx.add(_table(Review), coming)
        if child.user_id is None:
            continue
        ctx.add(_table(ReviewViews), _views_row(ctx, child, past, ctx.now - timedelta(days=100)))
        for point in ("going_well", "change", "taking_part"):
            ctx.add(_table(ReviewResponse), _answer_row(ctx, past, point, officer_id))
        roll = ctx.rng.random()
        if roll < VIEWS_SENT_SHARE + DRAFT_SHARE:
            sent = ctx.now - timedelta(days=2) if roll < VIEWS_SENT_SHARE else None
            ctx.add(_table(ReviewViews), _views_row(ctx, child, coming, sent))
        if ctx.maybe(NOTE_SHARE):
            ctx.add(
                _table(ReviewNote),
                {
                    "id": ctx.new_id(),
                    "young_person_id": child.id,
                    "review_id": coming["id"],
                    "words": "Please ask about my school trip.",
                    "created_at": ctx.moment_ago(20),
                },
            )


def _last_review_in_care(ctx: Context, child: Child, officer_id: Any) -> None:
    """A care leaver who joined keeps their last review from before they were 18, and what was decided."""
    if child.user_id is None or officer_id is None:
        return
    held_on = child.adult_on - timedelta(days=ctx.rng.randint(30, 150))
    review = _review_row(ctx, child, officer_id, 6, held_on, held_on)
    review["status"] = "held"
    review["decisions_sent_at"] = datetime.combine(held_on + timedelta(days=5), time(12), clock.LONDON)
    ctx.add(_table(Review), review)
    ctx.add(_table(ReviewViews), _views_row(ctx, child, review, review["decisions_sent_at"] - timedelta(days=10)))
    for point in ("going_well", "change"):
        ctx.add(_table(ReviewResponse), _answer_row(ctx, review, point, officer_id))


def _officers(council: CouncilData) -> list[tuple[Any, Any]]:
    """Each child in care's reviewing officer, as app.seed.scale.council._allocations gives them out."""
    officers = council.staff.get(Role.reviewing_officer, [])
    found = []
    seen = 0
    for child in council.children:
        if child.care_leaver or not officers:
            continue
        found.append((child.id, officers[seen % len(officers)].id))
        seen += 1
    return found
