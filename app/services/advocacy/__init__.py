"""Advocacy, opt-out: offers made by themselves, requests any time, messages, and the advocacy service's queue.

Offers. `offer_advocacy(young_person, reason)` is the one hook every feature calls at a moment that matters:
- joining Orbit (auth.redeem_young_person_invite), a new home (young_people.change_home) and a practitioner's
  own offer (offer_by_practitioner) call it today;
- the review feature must call `offer_advocacy(young_person, OfferReason.review_coming)` the configured number of
  working days before each review (`advocacy_review_offer_working_days` in [tool.orbit], read with
  `review_offer_working_days()`), from `flask tick`;
- the family time feature must call `offer_advocacy(young_person, OfferReason.family_time_changed)` whenever a
  plan changes.
A young person has at most one open offer: a later moment adds its reason to the open one. An offer is not made
while a request is open (an advocate is already on it) or when the council names no advocacy service. A young
person who already has an advocate at the offer's service (the one "Who's who" names) is told that their advocate,
by first name, will get in touch, not introduced to advocates as if a stranger were coming. When the
offer's window passes without "no thanks", `flask tick` (pass_due_offers) turns it into contact work in the service's
queue: that is the opt-out.

Requests carry two clocks, acknowledge (1 working day) and allocate an advocate (2 working days), both 4 hours
when urgent; England's bank holidays are respected. Overdue items stand out in the queue and `flask tick` tells
the service's managers once per clock, through the one work queue (work.py declares the item).

Independence: council staff only ever get `summary_for_staff` (an advocate is involved, they will attend the
review). Advocates see requests from young people of councils their service works for now (app.access). Every
look by an advocate or manager is audited. Nothing here commits: the request does, once.
"""

from __future__ import annotations

from app.services.advocacy.figures import AdvocacySummary, Durations, Figures, figures, summary_for_staff
from app.services.advocacy.offers import (
    AdvocacyPanel,
    AskingFor,
    MyAdvocacy,
    MyRequestRow,
    answer_offer,
    asking_for,
    home_panel,
    my_advocacy,
    offer_advocacy,
    offer_by_practitioner,
    service_name_for,
)
from app.services.advocacy.overdue import pass_due_offers
from app.services.advocacy.queue import (
    AdvocateQueue,
    StaffRequestPage,
    accept,
    acknowledge,
    close,
    queue,
    reassign,
    record_young_people_viewed,
    request_for_close,
    request_for_staff,
    send_advocate_message,
    set_attendance,
)
from app.services.advocacy.requests import (
    RequestDetails,
    RequestPage,
    ask_for_advocate,
    change_request,
    check_details,
    my_request,
    request_for_change,
    send_young_person_message,
    withdraw,
)
from app.services.advocacy.rules import (
    FIGURE_PERIODS,
    MY_REQUESTS_SHOWN,
    PHONE_CHARACTERS,
    RECENTLY_CLOSED_DAYS,
    TOPIC_FOR_REASON,
    due_times,
    offer_due,
    review_offer_working_days,
)
from app.services.advocacy.work import REQUESTS
from app.services.work_queue import ClockState, clock_state

__all__ = [
    "FIGURE_PERIODS",
    "MY_REQUESTS_SHOWN",
    "PHONE_CHARACTERS",
    "RECENTLY_CLOSED_DAYS",
    "REQUESTS",
    "TOPIC_FOR_REASON",
    "AdvocacyPanel",
    "AdvocacySummary",
    "AdvocateQueue",
    "AskingFor",
    "ClockState",
    "Durations",
    "Figures",
    "MyAdvocacy",
    "MyRequestRow",
    "RequestDetails",
    "RequestPage",
    "StaffRequestPage",
    "accept",
    "acknowledge",
    "answer_offer",
    "ask_for_advocate",
    "asking_for",
    "change_request",
    "check_details",
    "clock_state",
    "close",
    "due_times",
    "figures",
    "home_panel",
    "my_advocacy",
    "my_request",
    "offer_advocacy",
    "offer_by_practitioner",
    "offer_due",
    "pass_due_offers",
    "queue",
    "reassign",
    "record_young_people_viewed",
    "request_for_change",
    "request_for_close",
    "request_for_staff",
    "review_offer_working_days",
    "send_advocate_message",
    "send_young_person_message",
    "service_name_for",
    "set_attendance",
    "summary_for_staff",
    "withdraw",
]
