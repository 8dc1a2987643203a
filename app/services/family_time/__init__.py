"""Family time with brothers and sisters: plans, their versions, and what the young person says about them.

A practitioner (the young person's social worker or personal adviser, allocated now) writes and changes plans.
Every save keeps a version; when a plan changes the young person is told something is new (never what) and the
change is a moment an advocate is offered (app.services.advocacy.offer_advocacy), with a
`family_time_plan_changed` audit event. Moving only the next date is routine: the young person is told, no offer.

The young person reads every plan in plain words and says how they feel, that a date didn't happen or was cut
short, or what they want changed. Their practitioner sees all of it and replies; the person who runs their reviews
sees "didn't happen", "cut short" and feelings sent to the review; their advocate sees only what was shared with
"my advocate" (app.access: family_time_entry_visible). A plan names the other child only by first name.

Every function takes the acting user. Staff looks are audited. Nothing here commits: the request does, once.
"""

from __future__ import annotations

from app.services.family_time.changes import Change, changed_groups, changes_between, is_routine
from app.services.family_time.for_review import FamilyTimeForReview, ReviewPlan, family_time_for_review
from app.services.family_time.plans import (
    PlanFormContext,
    PlanSaved,
    SiblingChoice,
    StaffFamilyTime,
    StaffPlan,
    StaffPlanPage,
    add_plan,
    change_form,
    change_plan,
    family_time_for_staff,
    plan_for_staff,
    plan_form,
)
from app.services.family_time.replies import EntryForReply, entry_for_reply, reply
from app.services.family_time.rules import (
    CHANGE_GROUPS,
    FURTHEST_AHEAD,
    MISSED_FURTHEST_BACK,
    OTHER_SIBLING,
    RECENT_CHANGE,
    ROUTINE_GROUPS,
    SIBLING_KINDS,
    STAFF_SUBJECT,
    PlanDetails,
    check_plan,
    looks_like_contact_details,
)
from app.services.family_time.work import (
    FAMILY_TIME_REPLY,
    family_time_replies_waiting,
    family_time_waiting,
    reply_working_days,
)
from app.services.family_time.young_person import (
    MyFamilyTime,
    MyPlan,
    PlanCard,
    PlanForForm,
    SaidItem,
    ask_for_change,
    my_family_time,
    my_plan,
    plan_for_form,
    report_missed,
    say_feeling,
)

__all__ = [
    "CHANGE_GROUPS",
    "FAMILY_TIME_REPLY",
    "FURTHEST_AHEAD",
    "MISSED_FURTHEST_BACK",
    "OTHER_SIBLING",
    "RECENT_CHANGE",
    "ROUTINE_GROUPS",
    "SIBLING_KINDS",
    "STAFF_SUBJECT",
    "Change",
    "EntryForReply",
    "FamilyTimeForReview",
    "MyFamilyTime",
    "MyPlan",
    "PlanCard",
    "PlanDetails",
    "PlanForForm",
    "PlanFormContext",
    "PlanSaved",
    "ReviewPlan",
    "SaidItem",
    "SiblingChoice",
    "StaffFamilyTime",
    "StaffPlan",
    "StaffPlanPage",
    "add_plan",
    "ask_for_change",
    "change_form",
    "change_plan",
    "changed_groups",
    "changes_between",
    "check_plan",
    "entry_for_reply",
    "family_time_for_review",
    "family_time_for_staff",
    "family_time_replies_waiting",
    "family_time_waiting",
    "is_routine",
    "looks_like_contact_details",
    "my_family_time",
    "my_plan",
    "plan_for_form",
    "plan_for_staff",
    "plan_form",
    "reply",
    "reply_working_days",
    "report_missed",
    "say_feeling",
]
