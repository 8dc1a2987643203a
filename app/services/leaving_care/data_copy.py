"""A copy of a young person's leaving care data, for a subject access request."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, literal, null, select, union_all
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
    no_text, no_time = cast(null(), String), cast(null(), UTCDateTime)
    rows = db.session.execute(
        union_all(
            select(
                literal("answer").label("section"),
                LocalOfferAnswer.answered_at.label("at"),
                no_time.label("ended"),
                cast(LocalOfferItem.title, String).label("t1"),
                cast(LocalOfferAnswer.answer, String).label("t2"),
                no_text.label("t3"),
                no_text.label("t4"),
            )
            .join(LocalOfferItem, LocalOfferItem.id == LocalOfferAnswer.item_id)
            .where(LocalOfferAnswer.young_person_id == young_person_id),
            select(
                literal("trusted"),
                TrustedAdult.chosen_at,
                TrustedAdult.ended_at,
                cast(PersonWhoMatters.name, String),
                cast(TrustedAdult.status, String),
                cast(TrustedAdult.note, String),
                no_text,
            )
            .join(PersonWhoMatters, PersonWhoMatters.id == TrustedAdult.person_id)
            .where(TrustedAdult.young_person_id == young_person_id),
            select(
                literal("check_in"),
                CheckIn.created_at,
                no_time,
                cast(CheckIn.feeling, String),
                cast(CheckIn.words, String),
                no_text,
                no_text,
            ).where(CheckIn.young_person_id == young_person_id),
            select(
                literal("arrangement"),
                StayingCloseArrangement.updated_at,
                no_time,
                cast(StayingCloseArrangement.key_contact, String),
                cast(StayingCloseArrangement.home, String),
                cast(StayingCloseArrangement.support, String),
                cast(StayingCloseArrangement.review_on, String),
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
