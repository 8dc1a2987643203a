"""Passwords, one-time codes, tokens and second factors. No database access here."""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache
from pathlib import Path

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PASSWORD_MIN = 8
PASSWORD_MAX = 128
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud
INVITE_LENGTH = 8

_hasher = PasswordHasher()  # Argon2id with argon2-cffi's current defaults
_DUMMY_HASH = _hasher.hash("orbit-timing-equaliser")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "common_passwords.txt"
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line.strip())


def password_problem(password: str, *, username: str | None = None) -> str | None:
    """A short code for what is wrong with a new password, or None. Views turn the code into words."""
    if len(password) < PASSWORD_MIN:
        return "too_short"
    if len(password) > PASSWORD_MAX:
        return "too_long"
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 3:
        return "too_common"
    if username and username.lower() in lowered:
        return "contains_username"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password. With no stored hash, still spends the same time so timing says nothing."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


def format_invite_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalise_invite_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def new_staff_invite_token() -> str:
    return secrets.token_urlsafe(24)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_step_if_valid(secret: str, code: str, last_step: int | None, at_timestamp: float) -> int | None:
    """The 30-second step a code belongs to if it is valid and not already used; otherwise None."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int(at_timestamp // totp.interval)
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def totp_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name="Orbit")


def qr_svg(data: str, title: str) -> str:
    """A QR code as inline SVG, so nothing is fetched from anywhere to show it."""
    return segno.make(data, error="m").svg_inline(scale=4, title=title, dark="#0b0c0c", light="#ffffff")


def group_secret(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
