"""The run of `flask seed-scale`: every council's steps, in order, in one transaction (see app.seed.scale)."""

from __future__ import annotations

import time
from random import Random

from flask import current_app
from sqlalchemy import Connection, select

from app import clock
from app.extensions import db
from app.models import Council
from app.roles import Role
from app.seed.scale.advocacy import _advocacy
from app.seed.scale.complaints import complaints_for_council
from app.seed.scale.core import (
    COUNCILS_PER_SERVICE,
    SCALE_PASSWORD,
    SLUG_PREFIX,
    STAFF_TOTP_SECRET,
    Context,
    CouncilData,
    CouncilStep,
    Loader,
    ScaleRefused,
    ScaleReport,
    ScaleSignIn,
    Service,
)
from app.seed.scale.council import (
    _advocates,
    _allocations,
    _audit_events,
    _council,
    _council_staff,
    _services,
    _staff_invites,
    _young_people,
    _young_person_invites,
    council_sizes,
)
from app.seed.scale.family_time import family_time_for_council
from app.seed.scale.leaving_care import leaving_care_for_council
from app.seed.scale.people import _people_who_matter
from app.seed.scale.reviews import reviews_for_council
from app.seed.scale.safety import _safety
from app.services import security

# The run -----------------------------------------------------------------------------------------------------


def council_steps() -> list[CouncilStep]:
    """What is made for each council, in order. A new table is one more function here."""
    return [
        _council_staff,
        _advocates,
        _young_people,
        _allocations,
        _young_person_invites,
        _staff_invites,
        _audit_events,
        _people_who_matter,
        _safety,
        _advocacy,
        reviews_for_council,
        leaving_care_for_council,
        family_time_for_council,
        complaints_for_council,
    ]


def _refuse_if_unsafe() -> None:
    if current_app.config["ORBIT_SETTINGS"].production:
        raise ScaleRefused("scale data is never loaded with production settings")
    first_slug = f"{SLUG_PREFIX}001"
    if db.session.scalar(select(Council.id).where(Council.slug == first_slug)):
        raise ScaleRefused("scale data is already loaded; use a fresh database to load it again")


def _tune(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA synchronous = OFF")


def seed(young_people: int, *, seed_value: int = 2026) -> ScaleReport:
    """Load `young_people` young people in councils of about 500, with their staff, in one transaction."""
    if young_people < 1:
        raise ScaleRefused("ask for at least one young person")
    _refuse_if_unsafe()
    db.session.rollback()
    started = time.perf_counter()
    sizes = council_sizes(young_people)
    with db.engine.begin() as connection:
        _tune(connection)
        ctx = Context(Random(seed_value), Loader(connection), clock.today(), clock.now(), _shared_hash())
        services = _services(ctx, len(sizes))
        first = _seed_council(ctx, 0, sizes[0], services[0], seed_value)
        for index, size in enumerate(sizes[1:], start=1):
            _seed_council(ctx, index, size, services[index // COUNCILS_PER_SERVICE], seed_value)
        ctx.loader.flush()
    return ScaleReport(
        young_people=young_people,
        councils=len(sizes),
        advocacy_services=len(services),
        rows=dict(sorted(ctx.loader.counts.items())),
        seconds=time.perf_counter() - started,
        sign_ins=sample_sign_ins(first),
    )


def _shared_hash() -> str:
    """One Argon2 hash for every account: hashing 80,000 passwords would take an hour."""
    return security.hash_password(SCALE_PASSWORD)


def _seed_council(ctx: Context, index: int, size: int, service: Service, seed_value: int) -> CouncilData:
    # Each council draws from its own seed, so the first council is the same people with the same records at 500
    # young people and at 100,000: bench compares one council's pages with themselves at national scale, not with
    # another draw of the dice (a young person whose review had more to show read as growth).
    ctx.rng = Random(f"{seed_value}/council/{index}")
    council = _council(ctx, index, size, service)
    for step in council_steps():
        step(ctx, council)
    return council


def sample_sign_ins(council: CouncilData) -> list[ScaleSignIn]:
    """One sign-in per role, from the first council."""
    sign_ins = []
    for leaver in (False, True):
        child = next((c for c in council.children if c.user_id and c.care_leaver is leaver), None)
        if child and child.username:
            role = Role.care_leaver if leaver else Role.young_person
            sign_ins.append(ScaleSignIn(role.value, child.first_name, child.username, SCALE_PASSWORD))
    for role, members in council.staff.items():
        member = members[0]
        sign_ins.append(ScaleSignIn(role.value, member.full_name, member.email, SCALE_PASSWORD, STAFF_TOTP_SECRET))
    if council.newcomer:
        newcomer = council.newcomer
        sign_ins.append(
            ScaleSignIn("practitioner (no second factor yet)", newcomer.full_name, newcomer.email, SCALE_PASSWORD)
        )
    return sign_ins
