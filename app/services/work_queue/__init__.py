"""One work queue for every kind of work with clocks: due first, clock states, pages, and "overdue, told once".

A feature declares its item in a few lines and keeps its own rules (who may see what, what a reply says). The
work queue owns the rest:
- clocks in working days (England's bank holidays, London clock time kept across the clock change) or clock hours:
  `due_after(start, working_days=5)`, `due_after(start, hours=4)`;
- the state of each clock (done, late, overdue, running, stopped): `item.states(row, now)`;
- due first: `item.due_first()`, the next clock to run out at the top;
- pages of 25 with their counts (total, overdue, any others) in one query: `page_of(item, query, page)`, and
  for links to queues that say how much waits, the counts of several queues in one query:
  `counted({"mine": Tally(item, query), ...})`;
- overdue, told once: `flask tick` runs `run_overdue()`, which for every declared item marks each clock that ran
  out in its `told` column (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL), sends each person told one
  message for all the late work of their group, and audits each row;
- the template macros that show a clock, a due date and the pages: components/work_queue.html.

Declaring a new item, for example complaints with a stage clock (the model needs the three columns). A feature
names only what differs from the usual: the item's name is the model's in snake_case, a clock's `told` column is
`overdue_told_at`, `created` and `closed` are `created_at` and `closed_at` (when the model has it), work is open
while a clock runs, and a young person's rows are told together:

    from app.services import work_queue

    COMPLAINTS = work_queue.declare(
        work_queue.Clock("reply", Complaint.due_at, Complaint.replied_at),
        is_open=lambda: Complaint.closed_at.is_(None),
        overdue_action=AuditAction.complaint_overdue,
        told=work_queue.Told(
            group=lambda complaint: complaint.council_id,
            people=_complaints_managers,  # council_id -> the users (or addresses) to tell, one message each
            subject="Orbit: a complaint is waiting for a reply",
            body="A complaint in Orbit is past its reply date. Sign in to see it: {base_url}/complaints",
        ),
    )

    complaint.due_at = work_queue.due_after(now, working_days=10)            # when it is made
    found = work_queue.page_of(COMPLAINTS, select(Complaint).where(scope), page, names=("complaint",))
    found.rows[0].complaint, found.rows[0].reply, found.rows[0].overdue       # the queue in two queries
    COMPLAINTS.states(complaint, clock.now())                                # {"reply": ClockState}
    COMPLAINTS.restart(complaint, "reply", work_queue.due_after(now, working_days=20))  # the next stage's clock

and in the template `{% from "components/work_queue.html" import clock_cell, pager %}`. `flask tick` imports the
feature's package (app/services/tick.py), so a declared item is checked from then on.
"""

from __future__ import annotations

from app.services.work_queue.clocks import ClockState, clock_state, due_after
from app.services.work_queue.items import ITEMS, Clock, Item, Told, declare
from app.services.work_queue.overdue import flag_overdue, run_overdue
from app.services.work_queue.pages import PAGE_SIZE, Page, Row, Tally, Waiting, count_of, counted, page_of

__all__ = [
    "ITEMS",
    "PAGE_SIZE",
    "Clock",
    "ClockState",
    "Item",
    "Page",
    "Row",
    "Tally",
    "Told",
    "Waiting",
    "clock_state",
    "count_of",
    "counted",
    "declare",
    "due_after",
    "flag_overdue",
    "page_of",
    "run_overdue",
]
