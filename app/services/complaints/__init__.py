"""Being heard, all the way: complaints through the council's statutory stages with their clocks, and the next
steps after "I don't agree" with a review decision.

- rules: the statutory clocks as pure functions (the numbers are in [tool.orbit], with the regulations named);
- young_person: who reads a complaint, making one, following it, asking for the next stage;
- staff: the complaints team's queue and answers, what an advocate and a social worker may know, figures, tick;
- look_again: the three next steps after "I don't agree", and "please look again" for the reviewing officer.
"""

from app.services.complaints import look_again, rules, staff
from app.services.complaints.look_again import (
    LOOK_AGAIN,
    answer_look_again,
    ask_look_again,
    look_again_for_officer,
    look_again_waiting,
    next_steps,
    waiting_for_officer,
)
from app.services.complaints.staff import (
    COMPLAINT_STAGES,
    answer,
    complaint_for_staff,
    extend,
    figures,
    for_young_person_page,
    queue,
)
from app.services.complaints.young_person import (
    ComplaintDetails,
    ask_next_stage,
    make_complaint,
    my_complaint,
    my_complaints,
    readers,
)


def run_due() -> int:
    """flask tick: complaints whose time to ask for the next stage ran out are finished (closed). Overdue stages
    and late look-again replies are the work queue's (COMPLAINT_STAGES and LOOK_AGAIN, run_overdue)."""
    return staff.close_finished()


__all__ = [
    "COMPLAINT_STAGES",
    "LOOK_AGAIN",
    "ComplaintDetails",
    "answer",
    "answer_look_again",
    "ask_look_again",
    "ask_next_stage",
    "complaint_for_staff",
    "extend",
    "figures",
    "for_young_person_page",
    "look_again",
    "look_again_for_officer",
    "look_again_waiting",
    "make_complaint",
    "my_complaint",
    "my_complaints",
    "next_steps",
    "queue",
    "readers",
    "rules",
    "run_due",
    "staff",
    "waiting_for_officer",
]
