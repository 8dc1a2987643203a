"""The council's local offer, kept by its administrators: items added, changed and withdrawn."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, select

from app import clock
from app.access import (
    can_keep_local_offer,
)
from app.extensions import db
from app.models import (
    AuditAction,
    ChecklistAnswer,
    LocalOfferAnswer,
    LocalOfferItem,
    OfferCategory,
    User,
)
from app.models.leaving_care import (
    OFFER_TEXT_MAX,
    OFFER_TITLE_MAX,
    OFFER_WHO_FOR_MAX,
)
from app.services import audit
from app.services._common import choice, one_by_id, typed_line, typed_text
from app.services.errors import NotFound, Refused
from app.services.leaving_care.rules import (
    MIN_GROUP_SIZE,
    OFFER_AGE_MAX,
    OFFER_AGE_MIN,
    OfferCounts,
    suppress_counts,
)


@dataclass(frozen=True)
class OfferItemDetails:
    """What an admin typed for one item. Ages are as typed; the service checks every part."""

    category: str
    title: str
    what_you_get: str
    how_to_get_it: str
    who_for: str = ""
    from_age: str = ""
    until_age: str = ""
    care_leavers_only: bool = False


@dataclass(frozen=True)
class OfferItemColumns:
    """A local offer item's own columns, checked (the example offer in app.seed is written in these too)."""

    category: OfferCategory
    title: str
    what_you_get: str
    how_to_get_it: str
    who_for: str | None
    from_age: int | None
    until_age: int | None
    care_leavers_only: bool

    def columns(self) -> dict[str, Any]:
        """The columns by name, as a LocalOfferItem takes them."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def _age(typed: str, field_name: str) -> int | None:
    typed = (typed or "").strip()
    if not typed:
        return None
    if not typed.isdigit() or not typed.isascii():
        raise Refused("local_offer_age_number", field_name)
    age = int(typed)
    if not OFFER_AGE_MIN <= age <= OFFER_AGE_MAX:
        raise Refused("local_offer_age_range", field_name)
    return age


def check_item(details: OfferItemDetails) -> OfferItemColumns:
    category = choice(OfferCategory, details.category, "local_offer_category_missing", "category")
    title = typed_line(
        details.title,
        "title",
        most=OFFER_TITLE_MAX,
        too_long="local_offer_title_too_long",
        missing="local_offer_title_missing",
    )
    what = typed_text(
        details.what_you_get,
        "what_you_get",
        most=OFFER_TEXT_MAX,
        too_long="words_too_long",
        missing="local_offer_what_missing",
    )
    how = typed_text(
        details.how_to_get_it,
        "how_to_get_it",
        most=OFFER_TEXT_MAX,
        too_long="words_too_long",
        missing="local_offer_how_missing",
    )
    who_for = typed_line(details.who_for, "who_for", most=OFFER_WHO_FOR_MAX, too_long="local_offer_who_for_too_long")
    from_age = _age(details.from_age, "from_age")
    until_age = _age(details.until_age, "until_age")
    if from_age is not None and until_age is not None and until_age <= from_age:
        raise Refused("local_offer_ages_order", "until_age")
    return OfferItemColumns(
        category=category,
        title=title,
        what_you_get=what,
        how_to_get_it=how,
        who_for=who_for or None,
        from_age=from_age,
        until_age=until_age,
        care_leavers_only=bool(details.care_leavers_only),
    )


def _apply_item(item: LocalOfferItem, clean: OfferItemColumns) -> bool:
    changed = False
    for name, value in clean.columns().items():
        if getattr(item, name, None) != value:
            setattr(item, name, value)
            changed = True
    return changed


def _require_admin(user: User) -> uuid.UUID:
    if not can_keep_local_offer(user, user.council_id):
        raise NotFound
    assert user.council_id is not None
    return user.council_id


@dataclass(frozen=True)
class AdminOffer:
    items: list[LocalOfferItem]
    withdrawn: list[LocalOfferItem]
    counts: dict[uuid.UUID, OfferCounts]
    minimum: int = MIN_GROUP_SIZE


def offer_for_admin(user: User) -> AdminOffer:
    """The council's local offer with, for each item, how many have it, not yet, need help (10 or more only)."""
    council_id = _require_admin(user)
    order = {category: index for index, category in enumerate(OfferCategory)}
    items = sorted(
        db.session.scalars(select(LocalOfferItem).where(LocalOfferItem.council_id == council_id)),
        key=lambda i: (order[i.category], i.title.casefold(), i.id),
    )
    raw: dict[uuid.UUID, dict[ChecklistAnswer, int]] = {}
    for item_id, answer, count in db.session.execute(
        select(LocalOfferAnswer.item_id, LocalOfferAnswer.answer, func.count())
        .join(LocalOfferItem, LocalOfferItem.id == LocalOfferAnswer.item_id)
        .where(LocalOfferItem.council_id == council_id)
        .group_by(LocalOfferAnswer.item_id, LocalOfferAnswer.answer)
    ):
        raw.setdefault(item_id, {})[answer] = count
    audit.record(AuditAction.local_offer_counts_viewed, actor=user, object_type="council", object_id=council_id)
    return AdminOffer(
        items=[i for i in items if i.withdrawn_at is None],
        withdrawn=[i for i in items if i.withdrawn_at is not None],
        counts={item.id: suppress_counts(raw.get(item.id, {})) for item in items},
    )


def item_for_admin(user: User, item_id: uuid.UUID, *, for_update: bool = False) -> LocalOfferItem:
    council_id = _require_admin(user)
    item = one_by_id(LocalOfferItem, item_id, for_update=for_update)
    if item.council_id != council_id:
        raise NotFound
    return item


def add_item(user: User, details: OfferItemDetails) -> LocalOfferItem:
    council_id = _require_admin(user)
    clean = check_item(details)
    now = clock.now()
    item = LocalOfferItem(council_id=council_id, version=1, created_at=now, updated_at=now, updated_by_id=user.id)
    _apply_item(item, clean)
    db.session.add(item)
    db.session.flush()
    audit.record(AuditAction.local_offer_item_added, actor=user, object_type="local_offer_item", object_id=item.id)
    return item


def change_item(user: User, item_id: uuid.UUID, version: int | None, details: OfferItemDetails) -> bool:
    """Save an edit; False if nothing was different. Young people who answered before see "changed since"."""
    item = item_for_admin(user, item_id, for_update=True)
    if version != item.version:
        raise Refused("stale", "version")
    clean = check_item(details)
    if not _apply_item(item, clean):
        return False
    item.version += 1
    item.updated_at = clock.now()
    item.updated_by_id = user.id
    audit.record(AuditAction.local_offer_item_changed, actor=user, object_type="local_offer_item", object_id=item.id)
    return True


def set_withdrawn(user: User, item_id: uuid.UUID, *, withdrawn: bool) -> LocalOfferItem:
    """Take an item out of the offer (answers and requests about it are kept), or put it back."""
    item = item_for_admin(user, item_id, for_update=True)
    if (item.withdrawn_at is not None) == withdrawn:
        return item
    item.withdrawn_at = clock.now() if withdrawn else None
    item.version += 1
    item.updated_at = clock.now()
    item.updated_by_id = user.id
    action = AuditAction.local_offer_item_withdrawn if withdrawn else AuditAction.local_offer_item_restored
    audit.record(action, actor=user, object_type="local_offer_item", object_id=item.id)
    return item
