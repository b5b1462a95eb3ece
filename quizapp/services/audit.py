"""The audit log: every change an instructor makes, with who, what, when, before and after."""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.models import AuditEvent


def record(user, action: str, object_type: str, object_id: str, before: dict, after: dict) -> None:
    """Add an audit event to the current transaction (the caller commits with its change)."""
    db.session.add(
        AuditEvent(
            user_id=user.id if user is not None else None,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            before=before,
            after=after,
        )
    )
