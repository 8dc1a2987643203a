"""Where a young person's own pages start: the record that is theirs, or NotFound for anyone else."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.interfaces import ORMOption

from app.models import User, YoungPerson
from app.roles import YOUNG_PEOPLE
from app.services._common import one_or_not_found
from app.services.errors import NotFound


def own_young_person(user: User, *options: ORMOption) -> YoungPerson:
    """The signed-in young person's own record with their council (or what `options` load). Staff get NotFound,
    as does an account whose record is gone."""
    if user.role not in YOUNG_PEOPLE:
        raise NotFound
    young_person = one_or_not_found(
        select(YoungPerson)
        .options(*(options or (joinedload(YoungPerson.council),)))
        .where(YoungPerson.user_id == user.id)
    )
    return young_person
