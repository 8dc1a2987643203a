"""Advocacy figures for managers, and the one summary council staff may see."""

from __future__ import annotations

import statistics
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select

from app import clock
from app.access import (
    advocacy_summary_visible,
    can_see_advocacy_figures,
    current_allocation_clause,
    young_person_scope,
)
from app.extensions import db
from app.models import (
    Allocation,
    AllocationKind,
    AuditAction,
    User,
    YoungPerson,
)
from app.models import advocacy as model
from app.roles import YOUNG_PEOPLE
from app.services import audit
from app.services.advocacy.rules import FIGURE_PERIODS
from app.services.errors import NotFound


@dataclass(frozen=True)
class Durations:
    count: int
    median: timedelta | None
    slowest: timedelta | None

    @classmethod
    def of(cls, values: list[timedelta]) -> Durations:
        if not values:
            return cls(0, None, None)
        seconds = [v.total_seconds() for v in values]
        return cls(len(values), timedelta(seconds=statistics.median(seconds)), max(values))


@dataclass(frozen=True)
class Figures:
    months: int
    since: datetime
    requests: int
    by_topic: list[tuple[model.RequestTopic | None, int]]
    by_origin: dict[model.RequestOrigin, int]
    urgent: int
    acknowledge: Durations
    allocate: Durations
    offers: dict[model.OfferStatus, int] = field(default_factory=dict)

    @property
    def offers_made(self) -> int:
        return sum(self.offers.values())


def figures(user: User, months: int = 12) -> Figures:
    """The service's figures over the last `months` months, for the reports the Children's Commissioner asks
    for: requests by topic, time to acknowledge and to allocate (median and slowest), and offers declined."""
    if not can_see_advocacy_figures(user):
        raise NotFound
    if months not in FIGURE_PERIODS:
        months = 12
    service_id = user.advocacy_service_id
    since = clock.start_of_day(clock.today() - timedelta(days=round(months * 30.44)))
    in_period = and_(model.AdvocacyRequest.advocacy_service_id == service_id, model.AdvocacyRequest.created_at >= since)
    counts = db.session.execute(
        select(model.AdvocacyRequest.topic, model.AdvocacyRequest.origin, model.AdvocacyRequest.urgent, func.count())
        .where(in_period)
        .group_by(model.AdvocacyRequest.topic, model.AdvocacyRequest.origin, model.AdvocacyRequest.urgent)
    ).all()
    by_topic: Counter[model.RequestTopic | None] = Counter()
    by_origin: Counter[model.RequestOrigin] = Counter()
    urgent = 0
    for topic, origin, is_urgent, n in counts:
        by_topic[topic] += n
        by_origin[origin] += n
        urgent += n if is_urgent else 0
    clocks = db.session.execute(
        select(
            model.AdvocacyRequest.created_at, model.AdvocacyRequest.acknowledged_at, model.AdvocacyRequest.allocated_at
        ).where(
            in_period,
            or_(model.AdvocacyRequest.acknowledged_at.is_not(None), model.AdvocacyRequest.allocated_at.is_not(None)),
        )
    ).all()
    offers = db.session.execute(
        select(model.AdvocacyOffer.status, func.count())
        .where(model.AdvocacyOffer.advocacy_service_id == service_id, model.AdvocacyOffer.created_at >= since)
        .group_by(model.AdvocacyOffer.status)
    ).all()
    audit.record(AuditAction.advocacy_figures_viewed, actor=user, object_type="advocacy_service", object_id=service_id)
    order = {topic: index for index, topic in enumerate(model.RequestTopic)}
    return Figures(
        months=months,
        since=since,
        requests=sum(by_topic.values()),
        by_topic=sorted(by_topic.items(), key=lambda item: (item[0] is None, order.get(item[0], 0))),
        by_origin=dict(by_origin),
        urgent=urgent,
        acknowledge=Durations.of([ack - made for made, ack, _ in clocks if ack is not None]),
        allocate=Durations.of([alloc - made for made, _, alloc in clocks if alloc is not None]),
        offers={status: int(n) for status, n in offers},
    )


# What council staff may know ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdvocacySummary:
    involved: bool
    will_attend_review: bool


def summary_for_staff(user: User, young_person_id: uuid.UUID) -> AdvocacySummary | None:
    """Whether an advocate is involved and whether they will attend the review: nothing else, ever (no topic,
    no messages, no offers or "no thanks"). One query, which also checks the viewer may see this young person."""
    if user.role in YOUNG_PEOPLE or not advocacy_summary_visible(user):
        return None
    today = clock.today()
    visible = exists().where(YoungPerson.id == young_person_id, young_person_scope(user, today))
    open_request = and_(
        model.AdvocacyRequest.young_person_id == young_person_id,
        model.AdvocacyRequest.status != model.RequestStatus.closed,
    )
    allocated = exists().where(open_request, model.AdvocacyRequest.advocate_id.is_not(None))
    current_advocate = exists().where(
        Allocation.young_person_id == young_person_id,
        Allocation.kind == AllocationKind.advocate,
        current_allocation_clause(today),
    )
    attending = exists().where(open_request, model.AdvocacyRequest.will_attend_review.is_(True))
    may_see, involved_request, involved_allocation, will_attend = db.session.execute(
        select(visible, allocated, current_advocate, attending)
    ).one()
    if not may_see:
        raise NotFound
    return AdvocacySummary(involved=bool(involved_request or involved_allocation), will_attend_review=bool(will_attend))
