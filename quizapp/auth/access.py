"""Role rules for views: decorators that answer 403 to a signed-in user without the role."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def role_required(*roles: str):
    """Allow signed-in users whose role is one of `roles` (admins are always allowed)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            if current_user.role not in (*roles, "admin"):
                abort(403, description="Your account may not open this page.")
            return view(*args, **kwargs)

        return guarded

    return decorator


instructor_required = role_required("instructor")
admin_required = role_required("admin")
