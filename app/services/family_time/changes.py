"""What changed in a family time plan between versions, and whether a change is routine."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from app.extensions import db
from app.models import (
    FamilyTimePlan,
    FamilyTimePlanVersion,
    User,
)
from app.models.family_time import (
    PLAN_FIELDS,
)
from app.services.family_time.rules import CHANGE_GROUPS, ROUTINE_GROUPS


def changed_groups(before: Any, after: Any) -> list[str]:
    """Which groups of a plan differ between two versions (or a version and the plan), in page order."""
    return [
        group
        for group, fields in CHANGE_GROUPS.items()
        if any(getattr(before, name) != getattr(after, name) for name in fields)
    ]


def is_routine(groups: Iterable[str]) -> bool:
    """A change that only moves the next date: the young person is told, but no advocacy offer follows."""
    return set(groups) <= ROUTINE_GROUPS


def _snapshot(plan: FamilyTimePlan, user: User, changed: list[str]) -> FamilyTimePlanVersion:
    version = FamilyTimePlanVersion(
        plan_id=plan.id,
        version=plan.version,
        changed=",".join(changed) or None,
        saved_at=plan.updated_at,
        saved_by_id=user.id,
    )
    for name in PLAN_FIELDS:
        setattr(version, name, getattr(plan, name))
    db.session.add(version)
    return version


@dataclass(frozen=True)
class Change:
    """One save of a plan after the first: when, which groups, and the versions before and after."""

    at: datetime
    groups: tuple[str, ...]
    before: FamilyTimePlanVersion
    after: FamilyTimePlanVersion
    by: User | None = None


def changes_between(versions: list[FamilyTimePlanVersion], *, with_who: bool = False) -> list[Change]:
    """Every change of a plan, newest first, from its versions (any order). `with_who` adds who saved each one
    (load FamilyTimePlanVersion.saved_by with the versions first)."""
    ordered = sorted(versions, key=lambda v: v.version)
    found = []
    for before, after in pairwise(ordered):
        groups = after.changed_fields or tuple(changed_groups(before, after))
        if groups:
            found.append(Change(after.saved_at, groups, before, after, after.saved_by if with_who else None))
    return list(reversed(found))
