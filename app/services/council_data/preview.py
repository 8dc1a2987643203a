"""What an import would do, worked out against what Orbit holds, without changing anything.

Matching is by the council's child ID (CHILD). Per young person:
- new to Orbit: added "not joined yet" with their social worker and reviewing officer allocated (from the names
  file); their history is recorded and fires nothing;
- known: only what differs is applied. A new episode starting a period of care (RNE S) sets the date the
  statutory review pattern counts from; a new episode with new carers (RNE P or T) into a home that is not a
  temporary stay (PLACE T0-T4) is a home change; an episode ending with any REC but X1 ends care, and at 18 or
  over makes the account a care leaver's; a UASC row marks them unaccompanied and asylum-seeking; a review not yet
  in Orbit is added as held, with its participation code.
Events older than `import_event_days` (in [tool.orbit], default 14) are recorded but fire nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Allocation, AllocationKind, CareEpisode, Council, HomeKind, Review, User, YoungPerson
from app.roles import Role
from app.services.council_data import codes
from app.services.council_data.files import EpisodeRow, Files, NameRow
from app.services.council_data.problems import Problem

CHUNK = 500


def event_days() -> int:
    return int(current_app.config["ORBIT_RULES"].get("import_event_days", 14))


@dataclass(frozen=True)
class HomeChange:
    child: str
    from_kind: HomeKind | None
    to_kind: HomeKind
    on: date
    fires: bool


@dataclass(frozen=True)
class CareEnded:
    child: str
    on: date
    care_leaver: bool


@dataclass
class ChildPlan:
    child: str
    young_person: YoungPerson | None  # None: new to Orbit
    new_fields: dict[str, Any] = field(default_factory=dict)  # for a new young person, every field
    updates: dict[str, Any] = field(default_factory=dict)
    episodes_new: list[EpisodeRow] = field(default_factory=list)
    episodes_changed: list[tuple[uuid.UUID, EpisodeRow]] = field(default_factory=list)
    reviews_new: list[tuple[date, str]] = field(default_factory=list)
    reviews_changed: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    workers: dict[AllocationKind, uuid.UUID] = field(default_factory=dict)  # allocations to start (ending others)
    offer_home_changed: bool = False
    becomes_care_leaver: bool = False

    @property
    def changes(self) -> bool:
        return bool(
            self.young_person is None
            or self.updates
            or self.episodes_new
            or self.episodes_changed
            or self.reviews_new
            or self.reviews_changed
            or self.workers
            or self.becomes_care_leaver
        )


@dataclass
class Preview:
    council: Council
    plans: list[ChildPlan]
    added: list[tuple[str, str, HomeKind]]
    home_changes: list[HomeChange]
    care_ended: list[CareEnded]
    new_periods: list[tuple[str, date]]
    reviews_held: list[tuple[str, date, str]]
    uasc_marked: list[str]
    workers_changed: list[str]
    unchanged: int
    errors: list[Problem]

    @property
    def changed(self) -> int:
        return sum(1 for plan in self.plans if plan.young_person is not None and plan.changes)

    def as_json(self) -> dict[str, Any]:
        return {
            "council": self.council.la_code,
            "added": len(self.added),
            "changed": self.changed,
            "unchanged": self.unchanged,
            "errors": [str(problem) for problem in self.errors],
            "home_changes": [
                {"child": h.child, "home": h.to_kind.value, "on": h.on.isoformat(), "advocacy_offered": h.fires}
                for h in self.home_changes
            ],
            "care_ended": [
                {"child": c.child, "on": c.on.isoformat(), "care_leaver": c.care_leaver} for c in self.care_ended
            ],
            "new_periods_of_care": [{"child": child, "on": on.isoformat()} for child, on in self.new_periods],
            "reviews_held": [
                {"child": child, "on": on.isoformat(), "code": code} for child, on, code in self.reviews_held
            ],
            "uasc": self.uasc_marked,
            "workers_changed": self.workers_changed,
        }


def _birthday(born: date, years: int) -> date:
    return clock.birthday_in_year(born, years)


def _staff(council: Council) -> dict[str, User]:
    return {
        (user.email or "").lower(): user
        for user in db.session.scalars(
            select(User).where(
                User.council_id == council.id,
                User.role.in_([Role.practitioner, Role.reviewing_officer]),
                User.disabled_at.is_(None),
            )
        )
    }


def _in_chunks(values: list[Any]) -> Any:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def build(council: Council, files: Files) -> Preview:
    """The preview of importing these files for this council. Problems in the files, staff emails that are not
    the council's, and CHILD IDs another council uses are all errors; with any error nothing may be applied."""
    today = clock.today()
    recent = today - timedelta(days=event_days())
    errors = list(files.problems)
    preview = Preview(council, [], [], [], [], [], [], [], [], 0, errors)
    if not errors and "Header" not in files.names_of:
        errors.append(Problem("-", 0, "no_header"))
    if errors:
        return preview
    children = sorted(files.header)
    known = {
        yp.council_child_id: yp
        for yp in db.session.scalars(
            select(YoungPerson).where(YoungPerson.council_id == council.id, YoungPerson.council_child_id.is_not(None))
        )
    }
    for chunk in _in_chunks([c for c in children if c not in known]):
        for child in db.session.scalars(
            select(YoungPerson.council_child_id).where(
                YoungPerson.council_child_id.in_(chunk), YoungPerson.council_id != council.id
            )
        ):
            errors.append(Problem(files.names_of["Header"], files.header[child].row, "other_council", {"child": child}))
    staff = _staff(council)
    locales = set(current_app.config["ORBIT_RULES"].get("locales", ["en"]))
    workers = _check_names(files, staff, locales, errors)
    known_ids = [yp.id for yp in known.values()]
    episodes: dict[uuid.UUID, dict[date, Any]] = {}
    reviews: dict[uuid.UUID, dict[date, Any]] = {}
    current: dict[tuple[uuid.UUID, AllocationKind], uuid.UUID] = {}
    for chunk in _in_chunks(known_ids):
        # Plain rows, not ORM objects: a large council has hundreds of thousands of episodes.
        for episode in db.session.execute(
            select(
                CareEpisode.id,
                CareEpisode.young_person_id,
                CareEpisode.started_on,
                CareEpisode.reason_new,
                CareEpisode.legal_status,
                CareEpisode.need,
                CareEpisode.place,
                CareEpisode.ended_on,
                CareEpisode.reason_ended,
            ).where(CareEpisode.young_person_id.in_(chunk))
        ):
            episodes.setdefault(episode.young_person_id, {})[episode.started_on] = episode
        for review in db.session.execute(
            select(Review.id, Review.young_person_id, Review.held_on, Review.participation, Review.imported).where(
                Review.young_person_id.in_(chunk)
            )
        ):
            reviews.setdefault(review.young_person_id, {})[review.held_on] = review
        for allocation in db.session.scalars(
            select(Allocation).where(
                Allocation.young_person_id.in_(chunk),
                Allocation.kind != AllocationKind.advocate,
                (Allocation.ended_on.is_(None)) | (Allocation.ended_on > today),
            )
        ):
            current[(allocation.young_person_id, allocation.kind)] = allocation.staff_id
    by_child: dict[str, list[EpisodeRow]] = {}
    for episode in files.episodes:
        by_child.setdefault(episode.child, []).append(episode)
    reviews_by_child: dict[str, list[Any]] = {}
    for review in files.reviews:
        reviews_by_child.setdefault(review.child, []).append(review)
    header_file = files.names_of["Header"]
    for child in children:
        row = files.header[child]
        mine = sorted(by_child.get(child, []), key=lambda e: e.started_on)
        young_person = known.get(child)
        if young_person is None:
            if child not in files.names:
                errors.append(Problem(header_file, row.row, "no_name", {"child": child}))
                continue
            if clock.age_on(row.dob, today) >= 26:
                errors.append(Problem(header_file, row.row, "too_old", {"child": child}))
                continue
            plan = _plan_new(child, row.dob, mine, files, workers.get(child, {}), today, preview)
        else:
            plan = _plan_known(
                young_person,
                mine,
                files,
                workers.get(child, {}),
                episodes.get(young_person.id, {}),
                reviews.get(young_person.id, {}),
                current,
                recent,
                today,
                preview,
            )
        for review in sorted(reviews_by_child.get(child, []), key=lambda r: r.held_on):
            existing = reviews.get(young_person.id, {}).get(review.held_on) if young_person else None
            if existing is None:
                plan.reviews_new.append((review.held_on, review.code))
                preview.reviews_held.append((child, review.held_on, review.code))
            elif existing.participation != review.code and (existing.imported or existing.participation is None):
                plan.reviews_changed.append((existing.id, review.code))
                preview.reviews_held.append((child, review.held_on, review.code))
        if plan.changes:
            preview.plans.append(plan)
        else:
            preview.unchanged += 1
    return preview


def _check_names(
    files: Files, staff: dict[str, User], locales: set[str], errors: list[Problem]
) -> dict[str, dict[AllocationKind, User]]:
    found: dict[str, dict[AllocationKind, User]] = {}
    file = files.names_of.get("names", "")
    for named in files.names.values():
        mine: dict[AllocationKind, User] = {}
        for column, email, role, kind in (
            ("SOCIAL_WORKER_EMAIL", named.social_worker_email, Role.practitioner, AllocationKind.social_worker),
            (
                "REVIEWING_OFFICER_EMAIL",
                named.reviewing_officer_email,
                Role.reviewing_officer,
                AllocationKind.reviewing_officer,
            ),
        ):
            user = staff.get(email)
            if user is None or user.role is not role:
                errors.append(
                    Problem(
                        file,
                        named.row,
                        "email_not_staff",
                        {"column": column, "email": email[:80], "role": role.value.replace("_", " ")},
                    )
                )
                continue
            mine[kind] = user
        if named.language is not None and named.language not in locales:
            errors.append(Problem(file, named.row, "language", {"value": named.language[:12]}))
        found[named.child] = mine
    return found


def _home(episodes: list[EpisodeRow]) -> tuple[HomeKind, date | None]:
    """The kind of home from the latest episode that is not a temporary stay."""
    for episode in reversed(episodes):
        if episode.place not in codes.PLACE_TEMPORARY:
            return codes.PLACE_HOME_KIND[episode.place], episode.started_on
    return HomeKind.other, None


def _period_start(episodes: list[EpisodeRow]) -> date | None:
    for episode in reversed(episodes):
        if episode.reason_new == codes.RNE_STARTED:
            return episode.started_on
    return episodes[0].started_on if episodes else None


def _ended(episodes: list[EpisodeRow]) -> EpisodeRow | None:
    last = episodes[-1] if episodes else None
    if last is not None and last.ended_on is not None and last.reason_ended != codes.REC_CONTINUES:
        return last
    return None


def _worker_kind(dob: date, today: date) -> AllocationKind:
    return AllocationKind.personal_adviser if today >= _birthday(dob, 18) else AllocationKind.social_worker


def _plan_new(
    child: str,
    dob: date,
    episodes: list[EpisodeRow],
    files: Files,
    workers: dict[AllocationKind, User],
    today: date,
    preview: Preview,
) -> ChildPlan:
    named: NameRow = files.names[child]
    kind, since = _home(episodes)
    ended = _ended(episodes)
    uasc = files.uasc.get(child)
    plan = ChildPlan(child, None)
    plan.new_fields = {
        "id": uuid.uuid4(),
        "council_child_id": child,
        "first_name": named.first_name,
        "last_name": "",
        "date_of_birth": dob,
        "adult_on": _birthday(dob, 18),
        "home_kind": kind,
        "home_since": since,
        "entered_care_on": _period_start(episodes),
        "left_care_on": ended.ended_on if ended else None,
        "left_care_from": kind if ended else None,
        "unaccompanied_asylum_seeking": uasc is not None,
        "uasc_ceased_on": uasc.ceased_on if uasc else None,
        "language": named.language,
    }
    plan.episodes_new = list(episodes)
    social = workers.get(AllocationKind.social_worker)
    officer = workers.get(AllocationKind.reviewing_officer)
    if social is not None:
        plan.workers[_worker_kind(dob, today)] = social.id
    if officer is not None:
        plan.workers[AllocationKind.reviewing_officer] = officer.id
    preview.added.append((child, named.first_name, kind))
    if uasc is not None:
        preview.uasc_marked.append(child)
    return plan


def _same(stored: Any, row: EpisodeRow) -> bool:
    return (
        stored.reason_new == row.reason_new
        and stored.legal_status == row.legal_status
        and stored.need == row.need
        and stored.place == row.place
        and stored.ended_on == row.ended_on
        and stored.reason_ended == row.reason_ended
    )


def _plan_known(
    young_person: YoungPerson,
    episodes: list[EpisodeRow],
    files: Files,
    workers: dict[AllocationKind, User],
    stored: dict[date, Any],
    reviews: dict[date, Any],
    current: dict[tuple[uuid.UUID, AllocationKind], uuid.UUID],
    recent: date,
    today: date,
    preview: Preview,
) -> ChildPlan:
    child = young_person.council_child_id or ""
    plan = ChildPlan(child, young_person)
    home_kind, home_since = young_person.home_kind, young_person.home_since
    for row in episodes:
        existing = stored.get(row.started_on)
        if existing is not None:
            if not _same(existing, row):
                plan.episodes_changed.append((existing.id, row))
                if row.ended_on is not None and existing.ended_on is None:
                    _maybe_ended(plan, young_person, episodes, row, home_kind, preview)
            continue
        plan.episodes_new.append(row)
        if row.reason_new == codes.RNE_STARTED and young_person.entered_care_on != row.started_on:
            plan.updates["entered_care_on"] = row.started_on
            if young_person.left_care_on is not None and row.started_on > young_person.left_care_on:
                plan.updates["left_care_on"] = None
                plan.updates["left_care_from"] = None
            preview.new_periods.append((child, row.started_on))
        if row.place not in codes.PLACE_TEMPORARY and (home_since is None or row.started_on >= home_since):
            kind = codes.PLACE_HOME_KIND[row.place]
            if row.reason_new in codes.RNE_NEW_HOME:
                fires = row.started_on >= recent
                preview.home_changes.append(HomeChange(child, home_kind, kind, row.started_on, fires))
                plan.offer_home_changed = plan.offer_home_changed or fires
            if kind is not home_kind or row.started_on != home_since:
                home_kind, home_since = kind, row.started_on
                plan.updates["home_kind"] = kind
                plan.updates["home_since"] = row.started_on
        if row.ended_on is not None:
            _maybe_ended(plan, young_person, episodes, row, home_kind, preview)
    uasc = files.uasc.get(child)
    if uasc is not None and (
        not young_person.unaccompanied_asylum_seeking or young_person.uasc_ceased_on != uasc.ceased_on
    ):
        plan.updates["unaccompanied_asylum_seeking"] = True
        plan.updates["uasc_ceased_on"] = uasc.ceased_on
        preview.uasc_marked.append(child)
    named = files.names.get(child)
    if named is not None:
        changed_worker = False
        social = workers.get(AllocationKind.social_worker)
        if social is not None:
            kind = _worker_kind(young_person.date_of_birth, today)
            # Already their social worker or personal adviser (an allocation made before they turned 18 stays).
            mine = {
                current.get((young_person.id, AllocationKind.social_worker)),
                current.get((young_person.id, AllocationKind.personal_adviser)),
            }
            if social.id not in mine:
                plan.workers[kind] = social.id
                changed_worker = True
        officer = workers.get(AllocationKind.reviewing_officer)
        if officer is not None and current.get((young_person.id, AllocationKind.reviewing_officer)) != officer.id:
            plan.workers[AllocationKind.reviewing_officer] = officer.id
            changed_worker = True
        if changed_worker:
            preview.workers_changed.append(child)
        if named.language and named.language != young_person.language:
            plan.updates["language"] = named.language
    return plan


def _maybe_ended(
    plan: ChildPlan,
    young_person: YoungPerson,
    episodes: list[EpisodeRow],
    row: EpisodeRow,
    home_kind: HomeKind,
    preview: Preview,
) -> None:
    if row is not episodes[-1] or row.reason_ended == codes.REC_CONTINUES or row.ended_on is None:
        return
    if young_person.left_care_on == row.ended_on:
        return
    plan.updates["left_care_on"] = row.ended_on
    plan.updates["left_care_from"] = home_kind
    leaver = row.ended_on >= young_person.adult_on
    plan.becomes_care_leaver = leaver
    preview.care_ended.append(CareEnded(plan.child, row.ended_on, leaver))
