"""Reviews: dates on the statutory pattern, "my views" as a draft on the server, notes "for my next review",
the reviewing officer's upcoming list and review pack, and "you said / we did / because" with agree or disagree.

Who sees what:
- the young person: all their own reviews, views, notes and answers;
- their social worker or personal adviser: the review dates (they keep them), never the views or notes;
- the reviewing officer allocated now: the views once sent, notes, the people shared with "my review", and writes
  what was decided. Every look is audited. Nobody else sees any of it.

Every function takes the acting user; nothing here commits (the request does, once).

Hooks for features built alongside this one, each looked up when used, so this works (showing "not known yet"
for advocacy, and nothing for family time) while the other feature is missing:
- advocacy: `flask tick` calls `app.services.advocacy.offer_advocacy(young_person, OfferReason.review_coming)` a
  number of working days before each review (`advocacy_review_offer_working_days` in [tool.orbit]); a review is
  marked offered only once that exists. Whether an advocate is involved and will attend the review follows the
  rule of `app.services.advocacy.summary_for_staff` (that yes or no, nothing else), asked in the queries the pack
  and the upcoming list already make, so both keep to their query budget.
- family time: the review pack shows the plans, the feelings sent to the review and the sessions missed since
  the last review, read with the family time feature's own access rules (app.access.family_time_plan_clause and
  family_time_entry_clause) in two queries: `app.services.family_time.family_time_for_review` gives the same,
  but would take the pack past its 10-query budget. The upcoming list counts missed sessions for all its young
  people in one query; the young person's family time step offers back their plans and how they said they felt.
"""

from __future__ import annotations

from app.services.reviews._core import current_review, next_review
from app.services.reviews.answers import PointItem, ReviewAnswers, my_answers, points_for, react
from app.services.reviews.dates import (
    PractitionerReviews,
    move_review,
    review_for_change,
    reviews_for_practitioner,
    schedule_review,
)
from app.services.reviews.decisions import (
    Decision,
    DecisionsPage,
    decisions_page,
    save_decisions,
    suggest_participation,
)
from app.services.reviews.hooks import FamilyTimePlanLine, FamilyTimeSection, _hook, offer_advocacy_due
from app.services.reviews.my_views import (
    MyViews,
    PersonChoice,
    StepAnswers,
    StepPage,
    has_anything,
    my_review,
    save_step,
    send_note,
    send_views,
    views_page,
)
from app.services.reviews.officer import ReviewPack, Upcoming, UpcomingRow, review_pack, upcoming_reviews
from app.services.reviews.rules import (
    ADVOCACY_OFFER_HOUR,
    FIRST_REVIEW_WORKING_DAYS,
    FURTHEST_AHEAD_DAYS,
    LATER_REVIEW_MONTHS,
    LIST_LIMIT,
    NOTES_SHOWN,
    SECOND_REVIEW_MONTHS,
    STEPS,
    TEXT_STEPS,
    Proposal,
    advocacy_offer_due,
    propose_next,
    renumber,
    statutory_due,
    upcoming_days,
)

__all__ = [
    "ADVOCACY_OFFER_HOUR",
    "FIRST_REVIEW_WORKING_DAYS",
    "FURTHEST_AHEAD_DAYS",
    "LATER_REVIEW_MONTHS",
    "LIST_LIMIT",
    "NOTES_SHOWN",
    "SECOND_REVIEW_MONTHS",
    "STEPS",
    "TEXT_STEPS",
    "Decision",
    "DecisionsPage",
    "FamilyTimePlanLine",
    "FamilyTimeSection",
    "MyViews",
    "PersonChoice",
    "PointItem",
    "PractitionerReviews",
    "Proposal",
    "ReviewAnswers",
    "ReviewPack",
    "StepAnswers",
    "StepPage",
    "Upcoming",
    "UpcomingRow",
    "_hook",
    "advocacy_offer_due",
    "current_review",
    "decisions_page",
    "has_anything",
    "move_review",
    "my_answers",
    "my_review",
    "next_review",
    "offer_advocacy_due",
    "points_for",
    "propose_next",
    "react",
    "renumber",
    "review_for_change",
    "review_pack",
    "reviews_for_practitioner",
    "save_decisions",
    "save_step",
    "schedule_review",
    "send_note",
    "send_views",
    "statutory_due",
    "suggest_participation",
    "upcoming_days",
    "upcoming_reviews",
    "views_page",
]
