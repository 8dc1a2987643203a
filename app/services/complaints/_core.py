"""What the complaint modules share: the configured clocks, and telling the young person or
the people who work a complaint."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.models.complaints import Complaint
from app.roles import Role
from app.services._common import base_url
from app.services.complaints.rules import StageRules
from app.services.notifications import queue_to_address


def stage_rules() -> StageRules:
    return StageRules.from_config(current_app.config["ORBIT_RULES"])


def complaint_workers(complaint: Complaint) -> list[User]:
    """The council's complaints officers, or the advocacy service's managers for a complaint about the service."""
    if complaint.advocacy_service_id is not None:
        owner = (User.advocacy_service_id == complaint.advocacy_service_id) & (User.role == Role.advocacy_manager)
    else:
        owner = (User.council_id == complaint.council_id) & (User.role == Role.complaints_officer)
    return list(db.session.scalars(select(User).where(owner, User.disabled_at.is_(None))))


def tell_complaint_workers(complaint: Complaint, sentence: str) -> None:
    """Content-free: no name, no words, only that there is something to look at."""
    for worker in complaint_workers(complaint):
        if worker.email:
            queue_to_address(
                worker.email,
                "Orbit: a complaint to look at",
                f"{sentence} Sign in to Orbit to read it: {base_url()}/complaints-team/",
                worker,
            )
