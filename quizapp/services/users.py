"""Accounts: creating them with a valid email, role and password, and signing in with lock-out."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models.user import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, ROLES, User

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOCK_AFTER = 5  # failed sign-ins in a row
LOCK_FOR = timedelta(minutes=15)


class AccountError(ValueError):
    """A bad email, role or password; the message says which and why."""


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"the password must have at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"the password may have at most {MAX_PASSWORD_LENGTH} characters"
    return None


def create_user(email: str, role: str, password: str | None = None) -> tuple[User, str]:
    """Create an account; returns it with its password (generated when none is given)."""
    email = email.strip().lower()
    if not EMAIL.match(email) or len(email) > 254:
        raise AccountError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    if find_user(email) is not None:
        raise AccountError(f"an account for {email} exists already")
    password = password or secrets.token_urlsafe(12)
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    user = User(email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user, password


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> tuple[User | None, str | None]:
    """The user whose email and password these are, or None and why not."""
    user = find_user(email)
    now = datetime.now(UTC)
    if user is None:
        return None, "Unknown email or wrong password."
    locked = user.locked_until
    if locked is not None and locked.replace(tzinfo=locked.tzinfo or UTC) > now:
        return None, "Too many failed sign-ins: this account is locked for a few minutes."
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= LOCK_AFTER:
            user.locked_until, user.failed_logins = now + LOCK_FOR, 0
        db.session.commit()
        return None, "Unknown email or wrong password."
    user.failed_logins, user.locked_until = 0, None
    db.session.commit()
    return user, None
