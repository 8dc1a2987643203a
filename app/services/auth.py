"""Signing in and out, sessions, lockout, invites, passwords and second factors."""

from __future__ import annotations

import enum
import logging
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from app import clock
from app.access import roles_actor_may_invite
from app.extensions import db
from app.models import (
    AuditAction,
    AuditOutcome,
    Invite,
    InviteKind,
    LoginThrottle,
    OfferReason,
    User,
    UserSession,
    YoungPerson,
)
from app.roles import STAFF, YOUNG_PEOPLE, Role
from app.services import advocacy, audit, health, security
from app.services.errors import NotFound, Refused

log = logging.getLogger(__name__)

USERNAME_MIN, USERNAME_MAX = 3, 30
PENDING_SECOND_FACTOR_SECONDS = 300


def _rules() -> dict:
    return current_app.config["ORBIT_RULES"]


def idle_limit(role: Role) -> timedelta:
    key = "idle_minutes_young_person" if role in YOUNG_PEOPLE else "idle_minutes_staff"
    return timedelta(minutes=_rules()[key])


def absolute_limit(role: Role) -> timedelta:
    key = "absolute_hours_young_person" if role in YOUNG_PEOPLE else "absolute_hours_staff"
    return timedelta(hours=_rules()[key])


def normalise_username(typed: str) -> str:
    return unicodedata.normalize("NFKC", typed).strip().casefold()


def normalise_email(typed: str) -> str:
    return typed.strip().lower()


# Lockout ----------------------------------------------------------------------------------------------


def _throttle(key: str) -> LoginThrottle | None:
    return db.session.get(LoginThrottle, security.digest(key))


def is_locked(key: str) -> bool:
    throttle = _throttle(key)
    return bool(throttle and throttle.locked_until and throttle.locked_until > clock.now())


def _register_failure(key: str) -> bool:
    """Count a failure for `key`; returns True when this failure locks it."""
    now = clock.now()
    window = timedelta(minutes=_rules()["lockout_minutes"])
    throttle = _throttle(key)
    if throttle is None:
        throttle = LoginThrottle(key_hash=security.digest(key), failures=0, window_started_at=now)
        db.session.add(throttle)
    if throttle.window_started_at + window < now:
        throttle.failures, throttle.window_started_at, throttle.locked_until = 0, now, None
    throttle.failures += 1
    if throttle.failures >= _rules()["lockout_failures"]:
        throttle.locked_until = now + window
        return True
    return False


def _clear_failures(key: str) -> None:
    throttle = _throttle(key)
    if throttle is not None:
        db.session.delete(throttle)


# Signing in -------------------------------------------------------------------------------------------


class SignInOutcome(enum.Enum):
    signed_in = "signed_in"
    second_factor_needed = "second_factor_needed"
    wrong = "wrong"
    locked = "locked"


@dataclass
class SignInResult:
    outcome: SignInOutcome
    user: User | None = None
    token: str | None = None


def _find_account(identifier: str, *, staff: bool) -> User | None:
    if staff:
        user = db.session.scalar(select(User).where(User.email == normalise_email(identifier)))
        return user if user and user.role in STAFF else None
    user = db.session.scalar(select(User).where(User.username == normalise_username(identifier)))
    return user if user and user.role in YOUNG_PEOPLE else None


def sign_in_with_password(identifier: str, password: str, *, staff: bool) -> SignInResult:
    """The answer is the same whether or not the account exists, is disabled, or the password is wrong."""
    key = ("staff:" if staff else "yp:") + (normalise_email(identifier) if staff else normalise_username(identifier))
    user = _find_account(identifier, staff=staff)
    if is_locked(key):
        audit.record(AuditAction.sign_in_locked, actor=user, outcome=AuditOutcome.denied)
        return SignInResult(SignInOutcome.locked)
    usable = user if user is not None and user.is_active else None
    if not security.verify_password(usable.password_hash if usable else None, password):
        locked = _register_failure(key)
        audit.record(AuditAction.sign_in_failed, actor=user, outcome=AuditOutcome.failure)
        return SignInResult(SignInOutcome.locked if locked else SignInOutcome.wrong)
    assert usable is not None
    _clear_failures(key)
    if security.needs_rehash(usable.password_hash):
        usable.password_hash = security.hash_password(password)
    if usable.is_staff and usable.totp_confirmed_at is not None:
        return SignInResult(SignInOutcome.second_factor_needed, user=usable)
    if usable.is_staff and not usable.totp_secret:
        usable.totp_secret = security.new_totp_secret()
    return SignInResult(SignInOutcome.signed_in, user=usable, token=start_session(usable))


def pending_user(user_id: str, started_at: float) -> User | None:
    """The staff member half-way through signing in, if that started recently enough."""
    if clock.now().timestamp() - started_at > PENDING_SECOND_FACTOR_SECONDS:
        return None
    try:
        user = db.session.get(User, uuid.UUID(user_id))
    except ValueError:
        return None
    return user if user and user.is_active and user.is_staff else None


def complete_second_factor(user: User, code: str) -> SignInResult:
    key = f"totp:{user.id}"
    if is_locked(key):
        audit.record(AuditAction.sign_in_locked, actor=user, outcome=AuditOutcome.denied)
        return SignInResult(SignInOutcome.locked)
    if not _accept_totp(user, code):
        locked = _register_failure(key)
        audit.record(AuditAction.second_factor_failed, actor=user, outcome=AuditOutcome.failure)
        return SignInResult(SignInOutcome.locked if locked else SignInOutcome.wrong)
    _clear_failures(key)
    return SignInResult(SignInOutcome.signed_in, user=user, token=start_session(user))


def _accept_totp(user: User, code: str) -> bool:
    if not user.totp_secret:
        return False
    step = security.totp_step_if_valid(user.totp_secret, code, user.totp_last_step, clock.now().timestamp())
    if step is None:
        return False
    user.totp_last_step = step
    return True


# Sessions ---------------------------------------------------------------------------------------------


def start_session(user: User) -> str:
    now = clock.now()
    token = security.new_session_token()
    db.session.add(
        UserSession(
            token_hash=security.digest(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            idle_expires_at=now + idle_limit(user.role),
            absolute_expires_at=now + absolute_limit(user.role),
        )
    )
    user.last_signed_in_at = now
    audit.record(AuditAction.sign_in, actor=user)
    return token


@dataclass
class ActiveSession:
    record: UserSession
    user: User

    @property
    def expires_at(self) -> datetime:
        return min(self.record.idle_expires_at, self.record.absolute_expires_at)


def load_session(token: str, *, grace: timedelta = timedelta(0)) -> ActiveSession | None:
    """The live session for a browser token, or None if it ended, expired or its account is disabled.

    `grace` keeps a just-expired session usable for one request where losing it would do harm (a safety
    alert sent as the session runs out); the session is then pushed on as if the person had been active.
    """
    row = db.session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == security.digest(token))
    ).first()
    if row is None:
        return None
    record, user = row
    now = clock.now()
    if record.revoked_at is not None or not user.is_active:
        return None
    expired_at = min(record.idle_expires_at, record.absolute_expires_at)
    if expired_at <= now and not (grace and now < expired_at + grace):
        record.revoked_at = now
        audit.record(AuditAction.session_expired, actor=user)
        return None
    active = ActiveSession(record, user)
    if expired_at <= now:
        record.absolute_expires_at = max(record.absolute_expires_at, now + idle_limit(user.role))
        touch(active, force=True)
    return active


def touch(active: ActiveSession, *, force: bool = False) -> None:
    """Push the idle timeout on. Written at most once a minute unless forced ("stay signed in")."""
    now = clock.now()
    if force or now - active.record.last_seen_at >= timedelta(seconds=60):
        active.record.last_seen_at = now
        active.record.idle_expires_at = min(now + idle_limit(active.user.role), active.record.absolute_expires_at)


def end_session(token: str, action: AuditAction = AuditAction.sign_out) -> None:
    record = db.session.scalar(select(UserSession).where(UserSession.token_hash == security.digest(token)))
    if record is None or record.revoked_at is not None:
        return
    record.revoked_at = clock.now()
    audit.record(action, actor=record.user)


def revoke_all_sessions(user: User, *, keep_token: str | None = None) -> None:
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    if keep_token:
        query = query.where(UserSession.token_hash != security.digest(keep_token))
    db.session.execute(query.values(revoked_at=clock.now()))


# Passwords and second factors -------------------------------------------------------------------------


def check_new_password(password: str, confirm: str, *, username: str | None) -> None:
    problem = security.password_problem(password, username=username)
    if problem:
        raise Refused(f"password_{problem}", "password")
    if password != confirm:
        raise Refused("password_mismatch", "confirm_password")


def change_password(user: User, current: str, new: str, confirm: str, *, session_token: str) -> None:
    if not security.verify_password(user.password_hash, current):
        raise Refused("current_password_wrong", "current_password")
    check_new_password(new, confirm, username=user.username)
    user.password_hash = security.hash_password(new)
    user.password_changed_at = clock.now()
    revoke_all_sessions(user, keep_token=session_token)
    audit.record(AuditAction.password_changed, actor=user)


def totp_secret_for_enrolment(user: User) -> str:
    if user.totp_confirmed_at is not None:
        raise Refused("already_enrolled")
    if not user.totp_secret:
        user.totp_secret = security.new_totp_secret()
    return user.totp_secret


def confirm_totp_enrolment(user: User, code: str) -> None:
    if user.totp_confirmed_at is not None:
        raise Refused("already_enrolled")
    key = f"totp:{user.id}"
    if is_locked(key):
        raise Refused("locked", "code")
    if not _accept_totp(user, code):
        _register_failure(key)
        audit.record(AuditAction.second_factor_failed, actor=user, outcome=AuditOutcome.failure)
        raise Refused("code_wrong", "code")
    user.totp_confirmed_at = clock.now()
    audit.record(AuditAction.second_factor_enrolled, actor=user)


def set_locale(user: User, locale: str) -> None:
    if user.locale != locale:
        user.locale = locale
        audit.record(AuditAction.locale_changed, actor=user)


# Invites ----------------------------------------------------------------------------------------------


def _invite_expiry() -> datetime:
    return clock.now() + timedelta(days=_rules()["invite_days"])


def create_young_person_invite(actor: User, young_person: YoungPerson) -> tuple[str, Invite]:
    """A new one-time code; any earlier unused code for this young person stops working."""
    if young_person.user_id is not None:
        raise Refused("already_joined")
    now = clock.now()
    db.session.execute(
        update(Invite)
        .where(Invite.young_person_id == young_person.id, Invite.used_at.is_(None), Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    code = security.new_invite_code()
    invite = Invite(
        kind=InviteKind.young_person,
        code_hash=security.digest(code),
        young_person_id=young_person.id,
        council_id=young_person.council_id,
        created_by_id=actor.id,
        created_at=now,
        expires_at=_invite_expiry(),
    )
    db.session.add(invite)
    db.session.flush()
    audit.record_about(AuditAction.invite_created, actor, "invite", invite)
    return security.format_invite_code(code), invite


def _usable_invite(secret: str, kind: InviteKind) -> Invite:
    invite = db.session.scalar(select(Invite).where(Invite.code_hash == security.digest(secret), Invite.kind == kind))
    if invite is None or invite.revoked_at is not None:
        raise Refused("invite_unknown", "code")
    if invite.used_at is not None:
        raise Refused("invite_used", "code")
    if invite.expires_at <= clock.now():
        raise Refused("invite_expired", "code")
    return invite


def check_young_person_code(typed: str) -> Invite:
    code = security.normalise_invite_code(typed)
    if len(code) != security.INVITE_LENGTH:
        raise Refused("invite_format", "code")
    try:
        return _usable_invite(code, InviteKind.young_person)
    except Refused:
        audit.record(AuditAction.invite_refused, outcome=AuditOutcome.failure)
        raise


def check_username(typed: str) -> str:
    username = normalise_username(typed)
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        raise Refused("username_length", "username")
    if not all(ch.isalnum() or ch in "._-" for ch in username):
        raise Refused("username_characters", "username")
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Refused("username_taken", "username")
    return username


def _add_account(password: str, now: datetime, **details: Any) -> User:
    """A new account with its first password, written now so that its id can be used."""
    user = User(password_hash=security.hash_password(password), password_changed_at=now, created_at=now, **details)
    db.session.add(user)
    db.session.flush()
    return user


def redeem_young_person_invite(code: str, username: str, password: str, confirm: str) -> tuple[User, str]:
    """Create the young person's account from their code and start their session."""
    invite = check_young_person_code(code)
    young_person = invite.young_person
    assert young_person is not None
    clean_username = check_username(username)
    check_new_password(password, confirm, username=clean_username)
    now = clock.now()
    role = Role.young_person if clock.today() < young_person.adult_on else Role.care_leaver
    user = _add_account(
        password,
        now,
        role=role,
        first_name=young_person.first_name,
        username=clean_username,
        council_id=young_person.council_id,
        # The language the council's names file gave (SSDA903 import), until they choose another.
        locale=young_person.language,
    )
    young_person.user_id = user.id
    invite.used_at = now
    advocacy.offer_advocacy(young_person, OfferReason.joined)
    audit.record_about(AuditAction.invite_redeemed, user, "invite", invite)
    return user, start_session(user)


def create_staff_invite(actor: User, role: Role, first_name: str, last_name: str, email: str) -> tuple[str, Invite]:
    if role not in roles_actor_may_invite(actor):
        raise Refused("role_not_allowed", "role")
    clean_email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == clean_email)) is not None:
        raise Refused("email_taken", "email")
    token = security.new_staff_invite_token()
    invite = Invite(
        kind=InviteKind.staff,
        code_hash=security.digest(token),
        role=role,
        email=clean_email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        council_id=actor.council_id,
        advocacy_service_id=actor.advocacy_service_id,
        created_by_id=actor.id,
        created_at=clock.now(),
        expires_at=_invite_expiry(),
    )
    db.session.add(invite)
    db.session.flush()
    audit.record(AuditAction.invite_created, actor=actor, object_type="invite", object_id=invite.id)
    return token, invite


def staff_invite(token: str) -> Invite:
    try:
        return _usable_invite(token, InviteKind.staff)
    except Refused as refused:
        raise NotFound from refused


def accept_staff_invite(token: str, password: str, confirm: str) -> tuple[User, str]:
    invite = staff_invite(token)
    assert invite.role is not None and invite.email is not None and invite.first_name is not None
    check_new_password(password, confirm, username=None)
    if db.session.scalar(select(User.id).where(User.email == invite.email)) is not None:
        raise Refused("email_taken")
    now = clock.now()
    user = _add_account(
        password,
        now,
        role=invite.role,
        first_name=invite.first_name,
        last_name=invite.last_name or "",
        email=invite.email,
        totp_secret=security.new_totp_secret(),  # made here so the enrolment page (a GET) never writes
        council_id=invite.council_id,
        advocacy_service_id=invite.advocacy_service_id,
    )
    invite.used_at = now
    audit.record(AuditAction.account_created, actor=user, object_type="invite", object_id=invite.id)
    return user, start_session(user)


def exit_page(token: str) -> None:
    """ "Exit this page": the same as signing out, recorded separately so the log reads truly.

    It must never stop someone leaving: if the database does not answer, the browser's cookie is still cleared
    (the view does that) and the session on the server ends at its idle timeout instead."""
    try:
        with db.session.begin_nested():
            end_session(token, AuditAction.exit_page)
    except health.UNAVAILABLE as error:
        db.session.rollback()
        log.warning("exit this page: the session could not be ended now (%s)", type(error).__name__)
