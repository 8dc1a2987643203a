"""A copy of a young person's leaving care data, for a subject access request."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, String, cast, literal, null, select, union_all
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    CheckIn,
    LocalOfferAnswer,
    LocalOfferItem,
    PersonWhoMatters,
    StayingCloseArrangement,
    SupportRequest,
    TrustedAdult,
)
from app.models.base import UTCDateTime

_TEXTS = 4  # t1 to t4: the most texts any part of the copy has


def _part(section: str, at: Any, ended: Any, *texts: Any) -> Select[Any]:
    """One part of the copy's one query, in the columns every part shares: the section, when, when it ended, and
    its texts as t1 to t4 (a part with fewer fills the rest with nothing)."""
    no_text = cast(null(), String)
    padded = [cast(text, String) for text in texts] + [no_text] * (_TEXTS - len(texts))
    return select(
        literal(section).label("section"),
        at.label("at"),
        (cast(null(), UTCDateTime) if ended is None else ended).label("ended"),
        *(text.label(f"t{n}") for n, text in enumerate(padded, 1)),
    )


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def copy_data(young_person_id: uuid.UUID) -> dict[str, Any]:
    """Everything about leaving care that is the young person's to have, for "a copy of my information": their
    requests with every reply (one query), and their answers, trusted adults, arrangement and check-ins (one more)."""
    requests = (
        db.session.scalars(
            select(SupportRequest)
            .options(joinedload(SupportRequest.offer_item), joinedload(SupportRequest.replies))
            .where(SupportRequest.young_person_id == young_person_id)
            .order_by(SupportRequest.created_at)
        )
        .unique()
        .all()
    )
    rows = db.session.execute(
        union_all(
            _part("answer", LocalOfferAnswer.answered_at, None, LocalOfferItem.title, LocalOfferAnswer.answer)
            .join(LocalOfferItem, LocalOfferItem.id == LocalOfferAnswer.item_id)
            .where(LocalOfferAnswer.young_person_id == young_person_id),
            _part(
                "trusted",
                TrustedAdult.chosen_at,
                TrustedAdult.ended_at,
                PersonWhoMatters.name,
                TrustedAdult.status,
                TrustedAdult.note,
            )
            .join(PersonWhoMatters, PersonWhoMatters.id == TrustedAdult.person_id)
            .where(TrustedAdult.young_person_id == young_person_id),
            _part("check_in", CheckIn.created_at, None, CheckIn.feeling, CheckIn.words).where(
                CheckIn.young_person_id == young_person_id
            ),
            _part(
                "arrangement",
                StayingCloseArrangement.updated_at,
                None,
                StayingCloseArrangement.key_contact,
                StayingCloseArrangement.home,
                StayingCloseArrangement.support,
                StayingCloseArrangement.review_on,
            ).where(StayingCloseArrangement.young_person_id == young_person_id),
        )
    ).all()
    rows = sorted(rows, key=lambda row: (row.section, row.at))
    answers = sorted((row for row in rows if row.section == "answer"), key=lambda row: row.t1)
    arrangement = next((row for row in rows if row.section == "arrangement"), None)
    return {
        "local_offer_answers": [{"item": row.t1, "you_said": row.t2, "when": _iso(row.at)} for row in answers],
        "requests_for_support": [
            {
                "asked_for": request.offer_item.title
                if request.offer_item
                else sorted(area.value for area in request.areas),
                "your_words": request.words,
                "how_to_get_in_touch": request.contact.value,
                "contact_note": request.contact_note,
                "sent": _iso(request.created_at),
                "sent_to_leaving_care_team": request.sent_to_id is None,
                "status": request.status.value,
                "replies": [{"when": _iso(reply.created_at), "reply": reply.words} for reply in request.replies],
            }
            for request in requests
        ],
        "trusted_adults": [
            {
                "person": row.t1,
                "chosen": _iso(row.at),
                "ended": _iso(row.ended),
                "arranged": row.t2,
                "note": row.t3,
            }
            for row in rows
            if row.section == "trusted"
        ],
        "staying_close_support": None
        if arrangement is None
        else {
            "key_contact": arrangement.t1,
            "where_you_live": arrangement.t2,
            "what_support": arrangement.t3,
            "looked_at_again": arrangement.t4,
        },
        "how_things_are": [
            {"when": _iso(row.at), "you_said": row.t1, "your_words": row.t2}
            for row in rows
            if row.section == "check_in"
        ],
    }
