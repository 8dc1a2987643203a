"""People who matter: a young person's circles, what they want, who they share each person with, its history,
reconnect requests to their worker, what staff may see, and the council-level count.

Every function takes the acting user. Young people only ever touch their own people. Staff see a person only if
the young person shared it with their role and they may see that young person now; every look is audited.
Nothing here commits: the request does, once.
"""

from __future__ import annotations

from app.services._common import MIN_GROUP_SIZE, clean_line, clean_text
from app.services.people.circles import (
    AudienceChoice,
    MyPeople,
    PersonPage,
    _audience_choices,
    add_person,
    allocations_with_staff,
    change_person,
    delete_person,
    end_person,
    my_people,
    person_for_delete,
    person_page,
    restart_person,
    set_sharing,
    sharing_choices,
)
from app.services.people.reconnect import (
    RECONNECT,
    ask_to_reconnect,
    may_ask_to_reconnect,
    reconnect_for_staff,
    reconnect_queue,
    reconnect_waiting,
    reply_to_reconnect,
)
from app.services.people.records import (
    next_update_or_close,
    own_record,
    practitioner_finder,
    record_for_practitioner,
    replied_request_item,
    reply_status,
    young_person_for_staff,
)
from app.services.people.rules import (
    RECONNECT_FIRST_REPLY_WORKING_DAYS,
    RECONNECT_NEXT_UPDATE_WORKING_DAYS,
    PersonDetails,
    _changes,
    check_details,
    is_enduring,
    needs_lasting_prompt,
)
from app.services.people.staff import PeopleCount, SharedPeople, council_people_count, shared_people_for_staff, suppress

__all__ = [
    "MIN_GROUP_SIZE",
    "RECONNECT",
    "RECONNECT_FIRST_REPLY_WORKING_DAYS",
    "RECONNECT_NEXT_UPDATE_WORKING_DAYS",
    "AudienceChoice",
    "MyPeople",
    "PeopleCount",
    "PersonDetails",
    "PersonPage",
    "SharedPeople",
    "_audience_choices",
    "_changes",
    "add_person",
    "allocations_with_staff",
    "ask_to_reconnect",
    "change_person",
    "check_details",
    "clean_line",
    "clean_text",
    "council_people_count",
    "delete_person",
    "end_person",
    "is_enduring",
    "may_ask_to_reconnect",
    "my_people",
    "needs_lasting_prompt",
    "next_update_or_close",
    "own_record",
    "person_for_delete",
    "person_page",
    "practitioner_finder",
    "reconnect_for_staff",
    "reconnect_queue",
    "reconnect_waiting",
    "record_for_practitioner",
    "replied_request_item",
    "reply_status",
    "reply_to_reconnect",
    "restart_person",
    "set_sharing",
    "shared_people_for_staff",
    "sharing_choices",
    "suppress",
    "young_person_for_staff",
]
